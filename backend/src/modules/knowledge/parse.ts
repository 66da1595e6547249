// Turning an uploaded knowledge file into a structured document: headings, paragraphs, list items
// and table rows, which chunk.ts cuts into retrievable passages. Formats: PDF (unpdf), DOCX (mammoth),
// XLSX (read-excel-file), CSV (papaparse), TXT and Markdown. The bytes are sniffed first (file-type),
// because the name lies: a renamed PNG, a password-protected DOCX (an OLE container, not a zip) or a
// legacy .doc must end with the right reason, not with a parser's stack trace (docs/research.md,
// «Parsing»). A file that cannot be parsed throws a `ParseError` whose message the owner sees as the
// entry's «ошибка».
import { fileTypeFromBuffer } from 'file-type';
import mammoth from 'mammoth';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { extractTextItems, getDocumentProxy } from 'unpdf';

export type DocumentFormat = 'pdf' | 'docx' | 'xlsx' | 'csv' | 'txt' | 'markdown';

export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'listItem'; text: string }
  | { kind: 'tableRow'; header: string[]; cells: string[] };

export interface ParsedDocument {
  format: DocumentFormat;
  blocks: Block[];
}

export type ParseErrorReason =
  | 'EMPTY_FILE'
  | 'NO_TEXT'
  | 'PDF_WITHOUT_TEXT'
  | 'PASSWORD_PROTECTED'
  | 'LEGACY_OFFICE_FORMAT'
  | 'UNSUPPORTED_FORMAT'
  | 'CORRUPT_FILE'
  | 'TOO_LARGE';

/** Why a file could not be read: a stable `reason` for programs, a Russian `message` for the owner. */
export class ParseError extends Error {
  readonly reason: ParseErrorReason;

  constructor(reason: ParseErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParseError';
    this.reason = reason;
  }
}

const SUPPORTED = 'Загрузите PDF, DOCX, XLSX, CSV, TXT или Markdown';
const CORRUPT_MESSAGE = 'Файл повреждён или это не PDF/DOCX/XLSX. Откройте его и сохраните заново';

const corrupt = (cause?: unknown) => new ParseError('CORRUPT_FILE', CORRUPT_MESSAGE, { cause });

/** The names a text file may carry; anything else that decodes as text is still refused. */
const TEXT_EXTENSIONS: Readonly<Record<string, DocumentFormat>> = {
  '': 'txt',
  txt: 'txt',
  text: 'txt',
  md: 'markdown',
  markdown: 'markdown',
  csv: 'csv',
  tsv: 'csv',
};
const TEXT_TYPES: Readonly<Record<string, DocumentFormat>> = {
  'text/plain': 'txt',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/csv': 'csv',
  'text/tab-separated-values': 'csv',
};
const BINARY_EXTENSIONS = new Set(['pdf', 'docx', 'xlsx', 'doc', 'xls']);

/**
 * Reads an uploaded file into blocks, in document order. `declaredType` (the upload's MIME type)
 * only tells CSV and Markdown from plain text; the bytes decide everything else.
 */
export async function parseDocument(input: {
  bytes: Uint8Array;
  filename: string;
  declaredType?: string;
}): Promise<ParsedDocument> {
  const { bytes, filename } = input;
  if (bytes.length === 0) throw new ParseError('EMPTY_FILE', 'Пустой файл: в нём нет ни одного байта');
  const extension = extensionOf(filename);
  const detected = await fileTypeFromBuffer(bytes);

  let document: ParsedDocument;
  if (detected?.ext === 'pdf') document = { format: 'pdf', blocks: await parsePdf(bytes) };
  else if (detected?.ext === 'docx') document = { format: 'docx', blocks: await parseDocx(bytes) };
  else if (detected?.ext === 'xlsx') document = { format: 'xlsx', blocks: await parseXlsx(bytes) };
  else if (detected?.ext === 'cfb') throw containerError(bytes);
  // A zip that file-type cannot tell for a DOCX or XLSX, under such a name, is one cut short.
  else if (detected?.ext === 'zip' && BINARY_EXTENSIONS.has(extension)) throw corrupt();
  else if (detected) {
    const named = extension && extension !== detected.ext ? `, хотя имя файла оканчивается на .${extension}` : '';
    throw new ParseError(
      'UNSUPPORTED_FORMAT',
      `Формат файла не поддерживается: это ${detected.ext.toUpperCase()}${named}. ${SUPPORTED}`,
    );
  } else {
    const text = decodeText(bytes);
    if (text === null) {
      if (BINARY_EXTENSIONS.has(extension)) throw corrupt();
      throw new ParseError('UNSUPPORTED_FORMAT', `Формат файла не поддерживается: это не текст. ${SUPPORTED}`);
    }
    const format =
      TEXT_TYPES[input.declaredType?.split(';')[0]?.trim().toLowerCase() ?? ''] ?? TEXT_EXTENSIONS[extension];
    if (!format) {
      if (BINARY_EXTENSIONS.has(extension)) throw corrupt();
      throw new ParseError('UNSUPPORTED_FORMAT', `Формат файла не поддерживается: .${extension}. ${SUPPORTED}`);
    }
    const blocks =
      format === 'csv' ? parseCsv(text) : format === 'markdown' ? parseMarkdown(text) : parsePlainText(text);
    document = { format, blocks };
  }
  if (document.blocks.length === 0) {
    if (document.format === 'pdf') throw noPdfText();
    throw new ParseError('NO_TEXT', 'В файле нет текста, который можно добавить в базу знаний');
  }
  return document;
}

function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

const noPdfText = () =>
  new ParseError(
    'PDF_WITHOUT_TEXT',
    'В PDF нет текста: похоже, это скан. Загрузите файл с текстовым слоем или вставьте текст',
  );

/**
 * An OLE compound file: Office wraps an encrypted DOCX/XLSX in one (with an `EncryptedPackage`
 * stream), and legacy .doc/.xls are one too. The stream names sit in the directory in UTF-16LE.
 */
function containerError(bytes: Uint8Array): ParseError {
  if (indexOf(bytes, utf16le('EncryptedPackage')) >= 0 || indexOf(bytes, utf16le('EncryptionInfo')) >= 0) {
    return new ParseError(
      'PASSWORD_PROTECTED',
      'Файл защищён паролем. Снимите пароль в Word или Excel, сохраните файл и загрузите снова',
    );
  }
  return new ParseError(
    'LEGACY_OFFICE_FORMAT',
    'Формат файла не поддерживается: это старый формат Word или Excel (.doc, .xls). Сохраните его как DOCX или XLSX',
  );
}

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) bytes[i * 2] = text.charCodeAt(i);
  return bytes;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  outer: for (let i = haystack.indexOf(first ?? 0); i >= 0 && i <= haystack.length - needle.length; ) {
    for (let j = 1; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) {
        i = haystack.indexOf(first ?? 0, i + 1);
        continue outer;
      }
    }
    return i;
  }
  return -1;
}

/**
 * Whether `text` holds a C0 control other than tab, line feed, vertical tab, form feed and carriage
 * return, or DEL: text has none. windows-1251 maps every byte to some character, so this check is
 * what rejects a binary.
 */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f) return true;
  }
  return false;
}

/**
 * The text of a file with no binary signature: UTF-8 (a BOM dropped), UTF-16 with a BOM (Excel's
 * «Юникод-текст»), else windows-1251, which Russian Excel uses for CSV. Null for a binary.
 */
function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1251').decode(bytes);
    }
  }
  return hasControlCharacters(text) ? null : text;
}

/** Runs of whitespace (no-break and narrow spaces included) become one space; the ends are trimmed. */
function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// PDF ---------------------------------------------------------------------------------------------

interface PdfLine {
  text: string;
  y: number;
  fontSize: number;
}

/** Larger than this times the body's font size, a short paragraph is taken for a heading. */
const HEADING_SCALE = 1.15;
const MAX_HEADING_CHARS = 150;

/**
 * A PDF has no paragraphs, only positioned runs of text. Lines come from pdf.js's end-of-line marks;
 * a vertical gap wider than one and a half lines, or a change of font size, starts a new paragraph;
 * a short paragraph set larger than the body text becomes a heading, its level by the rank of its
 * size. Lists come out as paragraphs (Chromium draws bullets, they are not text).
 */
async function parsePdf(bytes: Uint8Array): Promise<Block[]> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js takes the buffer over, and the caller's bytes must stay usable.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    if ((error as { name?: string }).name === 'PasswordException') {
      throw new ParseError('PASSWORD_PROTECTED', 'Файл защищён паролем. Снимите пароль и загрузите PDF снова', {
        cause: error,
      });
    }
    throw corrupt(error);
  }
  let pages: { str: string; y: number; fontSize: number; hasEOL: boolean }[][];
  try {
    pages = (await extractTextItems(pdf)).items;
  } catch (error) {
    throw corrupt(error);
  } finally {
    await pdf.destroy();
  }

  const paragraphs: { text: string; fontSize: number }[] = [];
  const charsBySize = new Map<number, number>();
  for (const items of pages) {
    let previous: PdfLine | null = null;
    let current: { lines: string[]; fontSize: number } | null = null;
    const finish = () => {
      const text = joinPdfLines(current?.lines ?? []);
      if (current && text) {
        paragraphs.push({ text, fontSize: current.fontSize });
        charsBySize.set(current.fontSize, (charsBySize.get(current.fontSize) ?? 0) + text.length);
      }
      current = null;
    };
    for (const line of pdfLines(items)) {
      const gap = previous ? previous.y - line.y : 0;
      const sameSize = previous && Math.abs(previous.fontSize - line.fontSize) <= 0.1 * line.fontSize;
      const newParagraph = !previous || !sameSize || gap < 0 || gap > 1.5 * Math.max(previous.fontSize, line.fontSize);
      if (newParagraph) finish();
      current ??= { lines: [], fontSize: line.fontSize };
      current.lines.push(line.text);
      previous = line;
    }
    finish();
  }
  if (paragraphs.length === 0) throw noPdfText();

  const bodySize = [...charsBySize].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const isHeading = (paragraph: { text: string; fontSize: number }) =>
    paragraph.fontSize > bodySize * HEADING_SCALE && paragraph.text.length <= MAX_HEADING_CHARS;
  const headingSizes = [...new Set(paragraphs.filter(isHeading).map((paragraph) => paragraph.fontSize))].sort(
    (a, b) => b - a,
  );
  return paragraphs.map((paragraph): Block => {
    if (!isHeading(paragraph)) return { kind: 'paragraph', text: paragraph.text };
    return { kind: 'heading', level: Math.min(6, headingSizes.indexOf(paragraph.fontSize) + 1), text: paragraph.text };
  });
}

function pdfLines(items: readonly { str: string; y: number; fontSize: number; hasEOL: boolean }[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let text = '';
  let y = 0;
  let fontSize = 0;
  for (const item of items) {
    if (item.str.trim() !== '') {
      if (text.trim() === '') y = item.y;
      // Rounded so that sizes differing by rendering noise count as one size.
      fontSize = Math.max(fontSize, Math.round(item.fontSize * 10) / 10);
    }
    text += item.str;
    if (item.hasEOL) {
      if (text.trim() !== '') lines.push({ text: clean(text), y, fontSize });
      text = '';
      fontSize = 0;
    }
  }
  if (text.trim() !== '') lines.push({ text: clean(text), y, fontSize });
  return lines;
}

/** Wrapped lines joined back into one paragraph; a word hyphenated across lines is rejoined. */
function joinPdfLines(lines: readonly string[]): string {
  let text = '';
  for (const line of lines) {
    if (text.endsWith('-') && /\p{Ll}$/u.test(text.slice(0, -1)) && /^\p{Ll}/u.test(line))
      text = text.slice(0, -1) + line;
    else text = text === '' ? line : `${text} ${line}`;
  }
  return clean(text);
}

// DOCX --------------------------------------------------------------------------------------------

interface HtmlElement {
  tag: string;
  attributes: Record<string, string>;
  children: HtmlNode[];
}
type HtmlNode = HtmlElement | string;

const VOID_TAGS = new Set(['br', 'img', 'hr']);
const BLOCK_TAGS = new Set(['p', 'li', 'td', 'th', 'tr', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * mammoth turns Word's structure into plain HTML: h1–h6 from heading styles, p, ul/ol/li, table/tr/td
 * (with colspan and rowspan), inline a/strong/em/sup/sub/s, br and img, with only &, <, > and " escaped.
 * That closed, well-formed output is read here by a small tokenizer into a tree; a general HTML parser
 * (parse5, htmlparser2) would add a dependency to handle markup mammoth never writes.
 */
async function parseDocx(bytes: Uint8Array): Promise<Block[]> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      // Images carry no text; dropping them spares base64-encoding every picture into the HTML.
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), externalFileAccess: false },
    );
    html = result.value;
  } catch (error) {
    throw corrupt(error);
  }
  const blocks: Block[] = [];
  walkHtml(parseHtml(html), blocks);
  return blocks;
}

function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attributes: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const tokens = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g;
  for (const match of html.matchAll(tokens)) {
    const parent = stack[stack.length - 1] ?? root;
    const [, closing, rawTag, rawAttributes, text] = match;
    if (text !== undefined) {
      parent.children.push(decodeEntities(text));
      continue;
    }
    const tag = (rawTag ?? '').toLowerCase();
    if (closing) {
      const open = stack.findLastIndex((element) => element.tag === tag);
      if (open > 0) stack.length = open;
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, name, value] of (rawAttributes ?? '').matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) {
      if (name) attributes[name.toLowerCase()] = decodeEntities(value ?? '');
    }
    const element: HtmlElement = { tag, attributes, children: [] };
    parent.children.push(element);
    if (!VOID_TAGS.has(tag) && !rawAttributes?.trimEnd().endsWith('/')) stack.push(element);
  }
  return root;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** The text under a node, block children separated by a space, optionally skipping some tags. */
function textOf(node: HtmlNode, skip: ReadonlySet<string> = new Set()): string {
  const parts: string[] = [];
  const visit = (current: HtmlNode) => {
    if (typeof current === 'string') {
      parts.push(current);
      return;
    }
    if (skip.has(current.tag)) return;
    if (BLOCK_TAGS.has(current.tag)) parts.push(' ');
    for (const child of current.children) visit(child);
    if (BLOCK_TAGS.has(current.tag)) parts.push(' ');
  };
  visit(node);
  return clean(parts.join(''));
}

const LIST_TAGS = new Set(['ul', 'ol']);

function walkHtml(element: HtmlElement, blocks: Block[]): void {
  for (const child of element.children) {
    if (typeof child === 'string') {
      const text = clean(child);
      if (text) blocks.push({ kind: 'paragraph', text });
      continue;
    }
    const heading = /^h([1-6])$/.exec(child.tag);
    if (heading) {
      const text = textOf(child);
      if (text) blocks.push({ kind: 'heading', level: Number(heading[1]), text });
    } else if (child.tag === 'p') {
      const text = textOf(child);
      if (text) blocks.push({ kind: 'paragraph', text });
    } else if (child.tag === 'li') {
      // A nested list follows its parent item as items of its own.
      const text = textOf(child, LIST_TAGS);
      if (text) blocks.push({ kind: 'listItem', text });
      for (const nested of child.children) {
        if (typeof nested !== 'string' && LIST_TAGS.has(nested.tag)) walkHtml(nested, blocks);
      }
    } else if (child.tag === 'table') {
      blocks.push(...tableBlocks(htmlTableRows(child), levelBelow(blocks)));
    } else if (child.tag !== 'img' && child.tag !== 'br') {
      walkHtml(child, blocks);
    }
  }
}

/**
 * The table's rows as a grid of cell texts. A cell spanning columns or rows is repeated into every
 * position it covers, so each row keeps its columns under the right header: a category merged
 * down a price list's first column belongs to each of its rows.
 */
function htmlTableRows(table: HtmlElement): string[][] {
  const rows: HtmlElement[] = [];
  const collect = (element: HtmlElement) => {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if (child.tag === 'tr') rows.push(child);
      else if (child.tag === 'thead' || child.tag === 'tbody' || child.tag === 'tfoot') collect(child);
    }
  };
  collect(table);
  const grid: string[][] = rows.map(() => []);
  rows.forEach((row, rowIndex) => {
    const cells = grid[rowIndex] ?? [];
    let column = 0;
    for (const cell of row.children) {
      if (typeof cell === 'string' || (cell.tag !== 'td' && cell.tag !== 'th')) continue;
      while (cells[column] !== undefined) column++;
      const text = textOf(cell);
      const columns = Math.max(1, Number(cell.attributes.colspan) || 1);
      const rowsSpanned = Math.max(1, Number(cell.attributes.rowspan) || 1);
      for (let down = 0; down < rowsSpanned && rowIndex + down < grid.length; down++) {
        const target = grid[rowIndex + down] ?? [];
        for (let across = 0; across < columns; across++) target[column + across] = text;
      }
      column += columns;
    }
  });
  return grid.map((cells) => Array.from(cells, (cell) => cell ?? ''));
}

// Tables (DOCX, XLSX, CSV) ------------------------------------------------------------------------

/**
 * Rows of cell texts to blocks. The first non-empty row is the header, and every later row one
 * `tableRow` carrying it, so that a price-list row is retrievable with its column names. A row
 * holding one text only (in one cell, or repeated across a merged range) is a title before the
 * header, and a section after it («Сантехнические работы», in the first column of a table of three
 * or more columns, or merged across): both become headings, so the rows below carry them in their
 * path. Columns empty throughout are dropped; a header cell left empty over a filled column is
 * named «Столбец N». A table of one row is a paragraph.
 */
function tableBlocks(rawRows: readonly (readonly string[])[], headingLevel = 1): Block[] {
  const rows = rawRows.map((row) => row.map(clean)).filter((row) => row.some((cell) => cell !== ''));
  const filled = (row: readonly string[]) => row.filter((cell) => cell !== '').length;
  const texts = (row: readonly string[]) => new Set(row.filter((cell) => cell !== ''));
  const blocks: Block[] = [];
  let start = 0;
  const width = Math.max(0, ...rows.map((row) => texts(row).size));
  while (start < rows.length - 1 && width > 1 && texts(rows[start] ?? []).size === 1) {
    blocks.push({ kind: 'heading', level: headingLevel, text: (rows[start] ?? []).find(Boolean) ?? '' });
    start++;
  }
  const headerRow = rows[start];
  if (!headerRow) return blocks;
  const dataRows = rows.slice(start + 1);
  if (dataRows.length === 0) {
    blocks.push({ kind: 'paragraph', text: [...texts(headerRow)].join('; ') });
    return blocks;
  }
  const columns = Math.max(headerRow.length, ...dataRows.map((row) => row.length));
  const used = Array.from({ length: columns }, (_, column) => rows.some((row) => (row[column] ?? '') !== ''));
  const keep = used.flatMap((isUsed, column) => (isUsed ? [column] : []));
  const header = keep.map((column) => headerRow[column] || `Столбец ${column + 1}`);
  for (const row of dataRows) {
    const cells = keep.map((column) => row[column] ?? '');
    const section =
      keep.length > 1 && cells[0] !== '' && texts(cells).size === 1 && (filled(cells) > 1 || keep.length >= 3);
    if (section) blocks.push({ kind: 'heading', level: Math.min(headingLevel + 1, 6), text: cells[0] ?? '' });
    else blocks.push({ kind: 'tableRow', header, cells });
  }
  return blocks;
}

/** The heading level under the last heading so far, for a table's titles and sections to nest there. */
function levelBelow(blocks: readonly Block[]): number {
  const last = blocks.findLast((block) => block.kind === 'heading');
  return last?.kind === 'heading' ? Math.min(last.level + 1, 6) : 1;
}

// XLSX --------------------------------------------------------------------------------------------

const DEFAULT_SHEET_NAME = /^(sheet|лист)\s*\d*$/i;

/**
 * Every sheet, each a table (see `tableBlocks`). Sheets get a heading with their name when there are
 * several or the name says something («Сантехника», not «Лист1»). read-excel-file leaves a merged
 * range's value in its top-left cell only and gives formulas as their cached result.
 */
async function parseXlsx(bytes: Uint8Array): Promise<Block[]> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw corrupt(error);
  }
  const tables = sheets
    .map(({ sheet, data }) => ({ sheet, rows: data.map((row) => row.map(cellText)) }))
    .filter(({ rows }) => rows.some((row) => row.some((cell) => cell.trim() !== '')));
  const blocks: Block[] = [];
  for (const { sheet, rows } of tables) {
    const named = tables.length > 1 || !DEFAULT_SHEET_NAME.test(sheet.trim());
    if (named) blocks.push({ kind: 'heading', level: 1, text: clean(sheet) });
    blocks.push(...tableBlocks(rows, named ? 2 : 1));
  }
  return blocks;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates have no zone; read-excel-file gives them as UTC midnight (plus the time of day).
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  }
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  return String(value);
}

// CSV ---------------------------------------------------------------------------------------------

/** papaparse guesses the delimiter (`;` from Russian Excel, `,`, tab, `|`); then as a table. */
function parseCsv(text: string): Block[] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  return tableBlocks(result.data);
}

// Markdown and plain text -------------------------------------------------------------------------

const MARKDOWN_HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const MARKDOWN_LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$/;
const MARKDOWN_SETEXT = /^ {0,3}(=+|-+)\s*$/;
const MARKDOWN_FENCE = /^ {0,3}(```|~~~)/;
const MARKDOWN_TABLE_ROW = /^\s*\|.*\|\s*$/;
const MARKDOWN_TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/**
 * Headings (`#`, and underlined with `===`/`---`), list items (`-`, `*`, `+`, `1.`, continuation
 * lines included), pipe tables (first row the header), fenced code kept as one paragraph, and
 * paragraphs of consecutive lines. Inline markup is left as written.
 */
function parseMarkdown(text: string): Block[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let item: string[] | null = null;
  let table: string[][] = [];
  let code = false;
  const flush = () => {
    const joined = clean(paragraph.join(' '));
    if (joined) blocks.push({ kind: 'paragraph', text: code ? joined : plainInline(joined) });
    paragraph = [];
    const itemText = plainInline(clean(item?.join(' ') ?? ''));
    if (itemText) blocks.push({ kind: 'listItem', text: itemText });
    item = null;
    if (table.length > 0) blocks.push(...tableBlocks(table, levelBelow(blocks)));
    table = [];
    code = false;
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (MARKDOWN_FENCE.test(line)) {
      flush();
      const fence = line.trim().slice(0, 3);
      while (++index < lines.length && !(lines[index] ?? '').trim().startsWith(fence))
        paragraph.push(lines[index] ?? '');
      code = true;
      flush();
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = MARKDOWN_HEADING.exec(line);
    if (heading) {
      flush();
      const headingText = plainInline(clean(heading[2] ?? ''));
      if (headingText) blocks.push({ kind: 'heading', level: heading[1]?.length ?? 1, text: headingText });
      continue;
    }
    const setext = MARKDOWN_SETEXT.exec(line);
    if (setext && paragraph.length > 0 && item === null) {
      const headingText = plainInline(clean(paragraph.join(' ')));
      paragraph = [];
      blocks.push({ kind: 'heading', level: setext[1]?.startsWith('=') ? 1 : 2, text: headingText });
      continue;
    }
    if (MARKDOWN_TABLE_ROW.test(line)) {
      if (table.length === 0) flush();
      if (!MARKDOWN_TABLE_RULE.test(line)) {
        table.push(
          line
            .trim()
            .replace(/^\||\|$/g, '')
            .split('|')
            .map((cell) => plainInline(cell.trim())),
        );
      }
      continue;
    }
    const listItem = MARKDOWN_LIST_ITEM.exec(line);
    if (listItem && !/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      item = [listItem[1] ?? ''];
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      // A thematic break («---», «***»).
      flush();
      continue;
    }
    if (item !== null) (item as string[]).push(line);
    else {
      if (table.length > 0) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/**
 * Markdown's inline markup reduced to its text: `**bold**`, `__bold__`, `*em*`, `_em_`, `` `code` ``
 * and `[text](url)` (an image, `![alt](url)`, to its alt text). The text is what gets embedded,
 * indexed and quoted to the model; the markup would only add noise to all three.
 */
function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\p{L}\p{N}*])/gu, '$2')
    .replace(/`([^`]+)`/g, '$1');
}

/** Paragraphs split on blank lines; the line breaks inside a paragraph are kept. */
function parsePlainText(text: string): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) blocks.push({ kind: 'paragraph', text: lines.join('\n') });
    lines = [];
  };
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n?|\n/)) {
    const cleaned = clean(line);
    if (cleaned) lines.push(cleaned);
    else flush();
  }
  flush();
  return blocks;
}
