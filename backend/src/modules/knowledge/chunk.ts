// Cutting a parsed document (parse.ts) into the passages that are embedded, indexed and retrieved.
// A passage should answer one question on its own: so a heading starts a new one and travels with it
// (in `headingPath`, and written before the text, where both the embedder and the full-text index
// see it), paragraphs and list items stay whole, and each table row is a passage of its own with
// its column names («Услуга: Укладка плитки; Цена: 1 200 ₽»), so a price is never separated from
// what it is the price of.
import type { Block, ParsedDocument } from './parse.ts';

export interface Chunk {
  text: string;
  /** The headings above the passage, outermost first. */
  headingPath: string[];
  /** The passage's position in the document, from 0. */
  ordinal: number;
}

export interface ChunkOptions {
  /**
   * The longest passage, heading prefix included, unless the heading path alone takes more than
   * half of it; a table row is kept whole even when longer.
   */
  maxChars?: number;
  /** How much of the previous passage's last sentences a passage of the same section repeats. */
  overlapChars?: number;
}

const HEADING_SEPARATOR = ' › ';
/** However long the heading path, at least this share of maxChars is left for the text. */
const MIN_BODY_SHARE = 0.5;

const sentences = new Intl.Segmenter('ru', { granularity: 'sentence' });
const words = new Intl.Segmenter('ru', { granularity: 'word' });

/**
 * The passages of `doc`, in order. Consecutive paragraphs and list items of one section are packed
 * up to `maxChars`; one longer than that alone is split at sentence boundaries (and a sentence
 * longer still, at word boundaries). When a section's text continues into a new passage, that
 * passage starts with the previous one's last sentences, up to `overlapChars`, so a fact split
 * across the boundary is whole in one of them. Deterministic: the same document gives the same
 * passages.
 */
export function chunkDocument(doc: ParsedDocument, options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? 1200;
  const overlapChars = options.overlapChars ?? 150;
  if (!Number.isInteger(maxChars) || maxChars < 1) {
    throw new RangeError(`maxChars must be a positive integer, not ${maxChars}`);
  }
  if (!Number.isInteger(overlapChars) || overlapChars < 0 || overlapChars >= maxChars) {
    throw new RangeError(`overlapChars must be an integer from 0 to maxChars − 1, not ${overlapChars}`);
  }

  const chunks: Chunk[] = [];
  const headings: string[] = [];
  let headingPath: string[] = [];
  let prefix = '';
  let budget = maxChars;
  // The passage being packed, and whether all it holds so far is the overlap carried over from the
  // previous passage (which alone is not worth a passage).
  let body = '';
  let onlyOverlap = false;

  const emit = (text: string) => {
    chunks.push({ text: prefix + text, headingPath: [...headingPath], ordinal: chunks.length });
  };
  const flush = (continues: boolean) => {
    const emitted = onlyOverlap ? '' : body;
    if (emitted) emit(emitted);
    const tail = emitted && continues && overlapChars > 0 ? tailSentences(emitted, overlapChars) : '';
    body = tail;
    onlyOverlap = tail !== '';
  };
  // `piece` goes on the same line as what precedes it when it continues the same block (a sentence
  // of a long paragraph), on a new line when it starts a block.
  const add = (piece: string, continuesBlock: boolean) => {
    const joined = (current: string) => (current === '' ? piece : `${current}${continuesBlock ? ' ' : '\n'}${piece}`);
    if (body !== '' && joined(body).length > budget) {
      if (!onlyOverlap) flush(true);
      // When the overlap and this piece do not fit together, the piece goes alone.
      if (joined(body).length > budget) body = '';
    }
    body = joined(body);
    onlyOverlap = false;
  };
  const enterSection = () => {
    headingPath = headings.filter(Boolean);
    prefix = headingPath.length > 0 ? `${headingPath.join(HEADING_SEPARATOR)}\n` : '';
    budget = Math.max(maxChars - prefix.length, Math.floor(maxChars * MIN_BODY_SHARE));
  };

  for (const block of doc.blocks) {
    if (block.kind === 'heading') {
      flush(false);
      const level = Math.min(Math.max(1, Math.trunc(block.level)), 6);
      headings.length = Math.min(headings.length, level - 1);
      while (headings.length < level - 1) headings.push('');
      headings.push(block.text.trim());
      enterSection();
    } else if (block.kind === 'tableRow') {
      flush(false);
      const row = renderRow(block);
      if (row) emit(row);
    } else {
      const text = renderText(block);
      if (!text) continue;
      if (text.length <= budget) add(text, false);
      else {
        splitLong(text, budget).forEach((piece, index) => {
          add(piece, index > 0);
        });
      }
    }
  }
  flush(false);
  return chunks;
}

function renderText(block: Extract<Block, { kind: 'paragraph' | 'listItem' }>): string {
  const text = block.text.trim();
  if (!text) return '';
  return block.kind === 'listItem' ? `- ${text}` : text;
}

/** «Header: cell; Header: cell», empty cells left out; a cell with no header stands alone. */
export function renderRow(row: Extract<Block, { kind: 'tableRow' }>): string {
  const fields: string[] = [];
  row.cells.forEach((rawCell, column) => {
    const cell = rawCell.trim();
    if (!cell) return;
    const header = row.header[column]?.trim();
    fields.push(header ? `${header}: ${cell}` : cell);
  });
  return fields.join('; ');
}

/**
 * `text` cut at sentence boundaries into sentences of at most `limit` characters, for `add` to pack;
 * a sentence longer than `limit` is cut between words into pieces packed up to `limit`, and a word
 * longer than `limit` (a URL, a hash) is cut where it must.
 */
function splitLong(text: string, limit: number): string[] {
  const pieces: string[] = [];
  for (const sentence of sentenceList(text)) {
    if (sentence.length <= limit) {
      pieces.push(sentence);
      continue;
    }
    let current = '';
    for (const { segment } of words.segment(sentence)) {
      // Whitespace between words becomes the single space joining them here.
      if (!segment.trim()) continue;
      for (let start = 0; start < segment.length; start += limit) {
        const part = segment.slice(start, start + limit);
        // Punctuation sticks to the word before it, as written.
        const glue = /^[.,;:!?…)»\]}%]+$/u.test(part) ? '' : ' ';
        if (current && current.length + glue.length + part.length <= limit) current += glue + part;
        else {
          if (current) pieces.push(current);
          current = part;
        }
      }
    }
    if (current) pieces.push(current);
  }
  return pieces;
}

function sentenceList(text: string): string[] {
  return Array.from(sentences.segment(text), ({ segment }) => segment.trim()).filter(Boolean);
}

/** The last whole sentences of `body` that fit in `limit` characters, or '' when not even one does. */
function tailSentences(body: string, limit: number): string {
  const list = body.split('\n').flatMap(sentenceList);
  let tail = '';
  for (let index = list.length - 1; index >= 0; index--) {
    const sentence = list[index] ?? '';
    const joined = tail ? `${sentence} ${tail}` : sentence;
    if (joined.length > limit) break;
    tail = joined;
  }
  return tail;
}
