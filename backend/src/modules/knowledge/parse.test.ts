import { PDFDocument } from '@cantoo/pdf-lib';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdfEngine, type PdfEngine } from '../pdf/pdfEngine.ts';
import { type Block, type ParseErrorReason, parseDocument } from './parse.ts';

const quiet = { warn() {}, error() {} };
const utf8 = (text: string) => new TextEncoder().encode(text);

/** windows-1251 for ASCII and Russian letters, which is all the fixtures need (Node has no encoder). */
function windows1251(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (code === 0x401) return 0xa8;
    if (code === 0x451) return 0xb8;
    throw new Error(`${char} is not in the fixture's windows-1251 table`);
  });
}

/** The first 1 KiB of an OLE compound file: the signature, then a directory naming `streams`. */
function compoundFile(streams: readonly string[]): Uint8Array {
  const bytes = new Uint8Array(1024);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  streams.forEach((name, index) => {
    for (let i = 0; i < name.length; i++) bytes[512 + index * 128 + i * 2] = name.charCodeAt(i);
  });
  return bytes;
}

const png = () =>
  sharp({ create: { width: 240, height: 120, channels: 3, background: '#7a8a9a' } })
    .png()
    .toBuffer();

async function expectParseError(
  input: Parameters<typeof parseDocument>[0],
  reason: ParseErrorReason,
  message: string | RegExp,
): Promise<void> {
  const error = await parseDocument(input).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toMatchObject({ name: 'ParseError', reason });
  expect((error as Error).message).toMatch(message);
}

const texts = (blocks: readonly Block[]) =>
  blocks.map((block) => ('text' in block ? block.text : block.cells.join(' | ')));

/** A paragraph long enough to wrap over several lines of an A4 page. */
const WRAPPED = Array.from(
  { length: 6 },
  (_, i) => `Этап ${i + 1} выполняется по договору и принимается по акту.`,
).join(' ');

describe('parseDocument: PDF', () => {
  let engine: PdfEngine;
  beforeAll(() => {
    engine = createPdfEngine({ pages: 1, timeoutMs: 30_000, log: quiet });
  });
  afterAll(() => engine.close());

  it('reads the text of a Chromium-printed PDF as headings and paragraphs, in order', async () => {
    const pdf = await engine.render(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><style>
      body { font-family: sans-serif; font-size: 14px; }
      h1 { font-size: 28px; } h2 { font-size: 20px; }
    </style></head><body>
      <h1>Ремонт квартир под ключ</h1>
      <p>Мы делаем ремонт квартир в Москве и Московской области с 2010 года.</p>
      <h2>Стоимость работ</h2>
      <p>Ремонт ванной комнаты под ключ: цена от 150 000 ₽.</p>
      <ul><li>Укладка плитки — 1 200 ₽ за м²</li><li>Покраска стен — 400 ₽ за м²</li></ul>
      <h2>Гарантия</h2>
      <p>Гарантия на все работы — 2 года.</p>
      <p>${WRAPPED}</p>
    </body></html>`);
    const bytes = new Uint8Array(pdf);

    const document = await parseDocument({ bytes, filename: 'прайс.pdf' });

    expect(document.format).toBe('pdf');
    const headings = document.blocks.filter((block) => block.kind === 'heading');
    expect(headings).toEqual([
      { kind: 'heading', level: 1, text: 'Ремонт квартир под ключ' },
      { kind: 'heading', level: 2, text: 'Стоимость работ' },
      { kind: 'heading', level: 2, text: 'Гарантия' },
    ]);
    const all = texts(document.blocks).join('\n');
    const expected = [
      'Ремонт квартир под ключ',
      'Мы делаем ремонт квартир в Москве и Московской области с 2010 года.',
      'Стоимость работ',
      'Ремонт ванной комнаты под ключ: цена от 150 000 ₽.',
      'Укладка плитки — 1 200 ₽ за м²',
      'Покраска стен — 400 ₽ за м²',
      'Гарантия на все работы — 2 года.',
    ];
    let from = 0;
    // Chromium draws the bullets, so the two list items come out as one paragraph.
    for (const text of expected) {
      const at = all.indexOf(text, from);
      expect(at, text).toBeGreaterThanOrEqual(0);
      from = at + text.length;
    }
    // Wrapped lines are joined back into their paragraph.
    expect(document.blocks.at(-1)).toEqual({ kind: 'paragraph', text: WRAPPED });
    // pdf.js takes over the buffer it is given; the caller's bytes are left alone.
    expect(bytes.byteLength).toBe(pdf.byteLength);
  });

  it('refuses an image-only PDF, as a scan without a text layer', async () => {
    const image = (await png()).toString('base64');
    const pdf = await engine.render(
      `<!doctype html><html><body><img src="data:image/png;base64,${image}"></body></html>`,
    );

    await expectParseError(
      { bytes: new Uint8Array(pdf), filename: 'скан.pdf' },
      'PDF_WITHOUT_TEXT',
      'В PDF нет текста: похоже, это скан. Загрузите файл с текстовым слоем или вставьте текст',
    );
  });

  it('refuses a PDF that needs a password to open', async () => {
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Price list', { x: 50, y: 700 });
    doc.encrypt({ userPassword: 'secret', ownerPassword: 'owner' });
    const bytes = await doc.save();

    await expectParseError({ bytes, filename: 'price.pdf' }, 'PASSWORD_PROTECTED', /защищён паролем/);
  });

  it('calls a PDF that does not parse damaged', async () => {
    await expectParseError(
      { bytes: utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF\n'), filename: 'broken.pdf' },
      'CORRUPT_FILE',
      'Файл повреждён или это не PDF/DOCX/XLSX. Откройте его и сохраните заново',
    );
  });
});

describe('parseDocument: DOCX', () => {
  const cell = (text: string, options: { rowSpan?: number } = {}) =>
    new TableCell({ children: [new Paragraph(text)], ...options });

  async function priceListDocx(): Promise<Uint8Array> {
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Прайс-лист на ремонт', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: 'Цены действуют до 31 декабря & включают НДС.' }),
            new Paragraph({ text: 'Что входит в работу', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: 'Демонтаж старой плитки', bullet: { level: 0 } }),
            new Paragraph({ text: 'Вывоз мусора', bullet: { level: 0 } }),
            new Paragraph({ text: 'Расценки', heading: HeadingLevel.HEADING_2 }),
            new Table({
              rows: [
                new TableRow({ children: [cell('Раздел'), cell('Услуга'), cell('Цена')] }),
                new TableRow({
                  children: [cell('Ванная', { rowSpan: 2 }), cell('Укладка плитки'), cell('1 200 ₽ за м²')],
                }),
                new TableRow({ children: [cell('Монтаж ванны'), cell('5 000 ₽')] }),
              ],
            }),
            new Paragraph({ text: 'Гарантия на работы — 2 года.' }),
          ],
        },
      ],
    });
    return new Uint8Array(await Packer.toBuffer(document));
  }

  it('keeps headings, list items, table rows with their header, and paragraphs in document order', async () => {
    const document = await parseDocument({ bytes: await priceListDocx(), filename: 'прайс.docx' });

    expect(document).toEqual({
      format: 'docx',
      blocks: [
        { kind: 'heading', level: 1, text: 'Прайс-лист на ремонт' },
        { kind: 'paragraph', text: 'Цены действуют до 31 декабря & включают НДС.' },
        { kind: 'heading', level: 2, text: 'Что входит в работу' },
        { kind: 'listItem', text: 'Демонтаж старой плитки' },
        { kind: 'listItem', text: 'Вывоз мусора' },
        { kind: 'heading', level: 2, text: 'Расценки' },
        // The merged «Ванная» belongs to both of its rows.
        {
          kind: 'tableRow',
          header: ['Раздел', 'Услуга', 'Цена'],
          cells: ['Ванная', 'Укладка плитки', '1 200 ₽ за м²'],
        },
        { kind: 'tableRow', header: ['Раздел', 'Услуга', 'Цена'], cells: ['Ванная', 'Монтаж ванны', '5 000 ₽'] },
        { kind: 'paragraph', text: 'Гарантия на работы — 2 года.' },
      ],
    });
  });

  it('calls a truncated DOCX damaged', async () => {
    const bytes = await priceListDocx();
    await expectParseError(
      { bytes: bytes.subarray(0, Math.floor(bytes.length / 2)), filename: 'прайс.docx' },
      'CORRUPT_FILE',
      /Файл повреждён/,
    );
  });
});

describe('parseDocument: XLSX', () => {
  it('reads every sheet, the first filled row as the header and each later row with it', async () => {
    const workbook = new ExcelJS.Workbook();
    const works = workbook.addWorksheet('Работы');
    works.addRow(['Прайс-лист на 2027 год']);
    works.mergeCells('A1:C1');
    works.addRow(['Услуга', 'Ед.', 'Цена, ₽']);
    works.addRow(['Укладка плитки', 'м²', 1200]);
    works.addRow(['Покраска стен', null, 400]);
    works.addRow([]);
    works.addRow(['Сантехника']);
    works.addRow(['Монтаж унитаза', 'шт.', 3500.5]);
    const delivery = workbook.addWorksheet('Доставка');
    delivery.addRow([null, 'Зона', 'Стоимость']);
    delivery.addRow([null, 'Москва', 'бесплатно']);
    delivery.addRow([null, 'Область', 1500]);
    workbook.addWorksheet('Пустой');
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const document = await parseDocument({ bytes, filename: 'прайс.xlsx' });

    const header = ['Услуга', 'Ед.', 'Цена, ₽'];
    expect(document).toEqual({
      format: 'xlsx',
      blocks: [
        { kind: 'heading', level: 1, text: 'Работы' },
        { kind: 'heading', level: 2, text: 'Прайс-лист на 2027 год' },
        { kind: 'tableRow', header, cells: ['Укладка плитки', 'м²', '1200'] },
        { kind: 'tableRow', header, cells: ['Покраска стен', '', '400'] },
        { kind: 'heading', level: 3, text: 'Сантехника' },
        { kind: 'tableRow', header, cells: ['Монтаж унитаза', 'шт.', '3500.5'] },
        { kind: 'heading', level: 1, text: 'Доставка' },
        // The empty first column is dropped rather than named.
        { kind: 'tableRow', header: ['Зона', 'Стоимость'], cells: ['Москва', 'бесплатно'] },
        { kind: 'tableRow', header: ['Зона', 'Стоимость'], cells: ['Область', '1500'] },
      ],
    });
  });

  it('leaves out a default sheet name, names a header cell left empty and reads a lone cell as a section', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Лист1');
    sheet.addRow(['Услуга', null, 'Цена']);
    sheet.addRow(['Замер', 'с выездом', 'бесплатно']);
    sheet.addRow(['Сантехника', null]);
    sheet.addRow(['Монтаж смесителя', null, '1 500 ₽']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    expect((await parseDocument({ bytes, filename: 'a.xlsx' })).blocks).toEqual([
      { kind: 'tableRow', header: ['Услуга', 'Столбец 2', 'Цена'], cells: ['Замер', 'с выездом', 'бесплатно'] },
      // One filled cell in a table of three columns reads as a section.
      { kind: 'heading', level: 2, text: 'Сантехника' },
      { kind: 'tableRow', header: ['Услуга', 'Столбец 2', 'Цена'], cells: ['Монтаж смесителя', '', '1 500 ₽'] },
    ]);
  });
});

describe('parseDocument: CSV', () => {
  it('reads a windows-1251 file with `;` from Russian Excel', async () => {
    const bytes = windows1251(
      'Услуга;Цена;Срок\r\nУкладка плитки;1200;2 дня\r\nПокраска, грунтовка стен;400;1 день\r\n\r\n',
    );

    const document = await parseDocument({ bytes, filename: 'прайс.csv' });

    const header = ['Услуга', 'Цена', 'Срок'];
    expect(document).toEqual({
      format: 'csv',
      blocks: [
        { kind: 'tableRow', header, cells: ['Укладка плитки', '1200', '2 дня'] },
        { kind: 'tableRow', header, cells: ['Покраска, грунтовка стен', '400', '1 день'] },
      ],
    });
  });

  it('drops the BOM of a UTF-8 file and takes CSV from the declared type', async () => {
    const bytes = utf8('\uFEFFУслуга,Цена\nЗамер,"0 ₽, при заказе"\n');

    const document = await parseDocument({ bytes, filename: 'upload', declaredType: 'text/csv; charset=utf-8' });

    expect(document.blocks).toEqual([
      { kind: 'tableRow', header: ['Услуга', 'Цена'], cells: ['Замер', '0 ₽, при заказе'] },
    ]);
  });
});

describe('parseDocument: Markdown and plain text', () => {
  it('reads Markdown headings, list items, tables and paragraphs', async () => {
    const markdown = [
      '# Ремонт ванной',
      'Делаем ремонт ванных комнат',
      'под ключ.',
      '',
      '## Что входит',
      '- Демонтаж **старой** плитки',
      '* Укладка плитки',
      '  с затиркой швов',
      '1. Установка сантехники',
      '',
      '| Услуга | Цена |',
      '|--------|-----:|',
      '| Плитка | 1 200 ₽ |',
      '',
      'Гарантия',
      '--------',
      'Два года на [все работы](https://example.ru/garantiya), 2*2 = 4, snake_case_name.',
      '',
      '```',
      'код как есть',
      '```',
    ].join('\n');

    const document = await parseDocument({ bytes: utf8(markdown), filename: 'ремонт.md' });

    expect(document).toEqual({
      format: 'markdown',
      blocks: [
        { kind: 'heading', level: 1, text: 'Ремонт ванной' },
        { kind: 'paragraph', text: 'Делаем ремонт ванных комнат под ключ.' },
        { kind: 'heading', level: 2, text: 'Что входит' },
        { kind: 'listItem', text: 'Демонтаж старой плитки' },
        { kind: 'listItem', text: 'Укладка плитки с затиркой швов' },
        { kind: 'listItem', text: 'Установка сантехники' },
        { kind: 'tableRow', header: ['Услуга', 'Цена'], cells: ['Плитка', '1 200 ₽'] },
        { kind: 'heading', level: 2, text: 'Гарантия' },
        { kind: 'paragraph', text: 'Два года на все работы, 2*2 = 4, snake_case_name.' },
        { kind: 'paragraph', text: 'код как есть' },
      ],
    });
  });

  it('splits plain text into paragraphs at blank lines and keeps the line breaks inside', async () => {
    const text = 'Мы работаем\r\nс 9 до 21.\r\n\r\n   \r\nЗамер   бесплатный.\n';

    expect(await parseDocument({ bytes: utf8(text), filename: 'о нас.txt' })).toEqual({
      format: 'txt',
      blocks: [
        { kind: 'paragraph', text: 'Мы работаем\nс 9 до 21.' },
        { kind: 'paragraph', text: 'Замер бесплатный.' },
      ],
    });
  });

  it('reads a windows-1251 text file', async () => {
    const document = await parseDocument({ bytes: windows1251('Ремонт под ключ'), filename: 'a.txt' });
    expect(document.blocks).toEqual([{ kind: 'paragraph', text: 'Ремонт под ключ' }]);
  });
});

describe('parseDocument: files it refuses', () => {
  it('refuses an empty file', async () => {
    await expectParseError({ bytes: new Uint8Array(), filename: 'a.txt' }, 'EMPTY_FILE', /^Пустой файл/);
  });

  it('refuses a text file with nothing but whitespace', async () => {
    await expectParseError({ bytes: utf8(' \n\n\t'), filename: 'a.txt' }, 'NO_TEXT', /нет текста/);
  });

  it('names the real format of a renamed binary', async () => {
    await expectParseError(
      { bytes: new Uint8Array(await png()), filename: 'прайс.pdf' },
      'UNSUPPORTED_FORMAT',
      'Формат файла не поддерживается: это PNG, хотя имя файла оканчивается на .pdf. Загрузите PDF, DOCX, XLSX, CSV, TXT или Markdown',
    );
  });

  it('calls a file named .docx that is text or unknown bytes damaged', async () => {
    await expectParseError({ bytes: utf8('просто текст'), filename: 'a.docx' }, 'CORRUPT_FILE', /Файл повреждён/);
    await expectParseError(
      { bytes: Uint8Array.from([1, 2, 3, 0, 250, 7]), filename: 'a.xlsx' },
      'CORRUPT_FILE',
      /Файл повреждён/,
    );
  });

  it('refuses unknown bytes and text under a name it does not take', async () => {
    await expectParseError(
      { bytes: Uint8Array.from([1, 2, 3, 0, 250, 7]), filename: 'a.bin' },
      'UNSUPPORTED_FORMAT',
      /это не текст/,
    );
    await expectParseError({ bytes: utf8('<p>Привет</p>'), filename: 'a.html' }, 'UNSUPPORTED_FORMAT', /\.html/);
  });

  it('tells a password-protected Office file (an OLE container with an encrypted package) from a legacy .doc', async () => {
    await expectParseError(
      { bytes: compoundFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']), filename: 'прайс.docx' },
      'PASSWORD_PROTECTED',
      'Файл защищён паролем. Снимите пароль в Word или Excel, сохраните файл и загрузите снова',
    );
    await expectParseError(
      { bytes: compoundFile(['Root Entry', 'WordDocument', '1Table']), filename: 'прайс.doc' },
      'LEGACY_OFFICE_FORMAT',
      /\.doc, \.xls/,
    );
  });
});
