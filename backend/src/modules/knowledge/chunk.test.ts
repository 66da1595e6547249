import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk.ts';
import type { Block, ParsedDocument } from './parse.ts';

const doc = (...blocks: Block[]): ParsedDocument => ({ format: 'txt', blocks });
const heading = (level: number, text: string): Block => ({ kind: 'heading', level, text });
const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
const listItem = (text: string): Block => ({ kind: 'listItem', text });

/** `count` numbered sentences of about 50 characters each. */
const sentences = (count: number, topic = 'Работа') =>
  Array.from({ length: count }, (_, i) => `${topic} номер ${i + 1} выполняется мастером бригады аккуратно.`).join(' ');

describe('chunkDocument', () => {
  it('gives no chunks for an empty document or one of headings only', () => {
    expect(chunkDocument(doc())).toEqual([]);
    expect(chunkDocument(doc(heading(1, 'Прайс'), heading(2, 'Пусто')))).toEqual([]);
  });

  it('starts a chunk at each heading and carries the heading path, written before the text', () => {
    const chunks = chunkDocument(
      doc(
        paragraph('Вступление без заголовка.'),
        heading(1, 'Ремонт ванной'),
        paragraph('Делаем под ключ.'),
        heading(2, 'Цены'),
        paragraph('От 150 000 ₽.'),
        heading(3, 'Скидки'),
        paragraph('Пенсионерам 5%.'),
        heading(2, 'Сроки'),
        paragraph('От 14 дней.'),
        heading(1, 'Кухни'),
        paragraph('Тоже делаем.'),
      ),
    );

    expect(chunks).toEqual([
      { text: 'Вступление без заголовка.', headingPath: [], ordinal: 0 },
      { text: 'Ремонт ванной\nДелаем под ключ.', headingPath: ['Ремонт ванной'], ordinal: 1 },
      { text: 'Ремонт ванной › Цены\nОт 150 000 ₽.', headingPath: ['Ремонт ванной', 'Цены'], ordinal: 2 },
      {
        text: 'Ремонт ванной › Цены › Скидки\nПенсионерам 5%.',
        headingPath: ['Ремонт ванной', 'Цены', 'Скидки'],
        ordinal: 3,
      },
      { text: 'Ремонт ванной › Сроки\nОт 14 дней.', headingPath: ['Ремонт ванной', 'Сроки'], ordinal: 4 },
      { text: 'Кухни\nТоже делаем.', headingPath: ['Кухни'], ordinal: 5 },
    ]);
  });

  it('skips a missing heading level instead of leaving a hole in the path', () => {
    const [chunk] = chunkDocument(doc(heading(1, 'Услуги'), heading(3, 'Плитка'), paragraph('Кладём.')));
    expect(chunk?.headingPath).toEqual(['Услуги', 'Плитка']);
  });

  it('packs small paragraphs and list items of one section up to maxChars, never splitting one', () => {
    const items = Array.from({ length: 12 }, (_, i) => `Позиция ${i + 1}: ${'работа '.repeat(8).trim()}`);
    const chunks = chunkDocument(doc(heading(1, 'Список'), ...items.map(listItem)), { maxChars: 200, overlapChars: 0 });

    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(200);
      expect(chunk.text.startsWith('Список\n- Позиция')).toBe(true);
    }
    // Every item whole, once, in order.
    const bodies = chunks.flatMap((chunk) => chunk.text.split('\n').slice(1));
    expect(bodies).toEqual(items.map((item) => `- ${item}`));
    // Packed: no chunk could have taken the next item.
    for (let i = 0; i < chunks.length - 1; i++) {
      const next = chunks[i + 1]?.text.split('\n')[1] ?? '';
      expect((chunks[i]?.text.length ?? 0) + 1 + next.length).toBeGreaterThan(200);
    }
  });

  it('splits a paragraph longer than maxChars at sentence boundaries', () => {
    const long = sentences(30);
    const chunks = chunkDocument(doc(paragraph(long)), { maxChars: 300, overlapChars: 0 });

    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(300);
      expect(chunk.text).toMatch(/^Работа номер \d+ .*аккуратно\.$/);
    }
    expect(chunks.map((chunk) => chunk.text).join(' ')).toBe(long);
  });

  it('cuts a sentence longer than maxChars between words', () => {
    const words = Array.from({ length: 80 }, (_, i) => `слово${i}`).join(' ');
    const chunks = chunkDocument(doc(paragraph(`${words}.`)), { maxChars: 100, overlapChars: 0 });

    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(100);
    expect(chunks.map((chunk) => chunk.text).join(' ')).toBe(`${words}.`);
  });

  it('repeats the tail sentences of the previous chunk within a section, but not across headings', () => {
    const chunks = chunkDocument(
      doc(heading(1, 'Работы'), paragraph(sentences(20)), heading(1, 'Гарантия'), paragraph('Два года.')),
      {
        maxChars: 400,
        overlapChars: 120,
      },
    );
    const work = chunks.filter((chunk) => chunk.headingPath[0] === 'Работы');

    expect(work.length).toBeGreaterThan(1);
    for (let i = 1; i < work.length; i++) {
      const previous = (work[i - 1]?.text ?? '').split('\n')[1] ?? '';
      const body = (work[i]?.text ?? '').split('\n')[1] ?? '';
      // The sentences are 55–56 characters long: the last two fit in overlapChars, three would not.
      const tail = previous
        .split(/(?<=\.) /)
        .slice(-2)
        .join(' ');
      expect(body.startsWith(`${tail} `), `chunk ${i} starts with «${tail}»`).toBe(true);
      expect(work[i]?.text.length).toBeLessThanOrEqual(400);
    }
    expect(chunks.at(-1)).toMatchObject({ text: 'Гарантия\nДва года.', headingPath: ['Гарантия'] });
  });

  it('repeats nothing when the last sentence alone is longer than overlapChars', () => {
    const chunks = chunkDocument(doc(paragraph(sentences(10))), { maxChars: 120, overlapChars: 20 });
    expect(chunks.map((chunk) => chunk.text).join(' ')).toBe(sentences(10));
  });

  it('makes each table row one chunk with its header, after the heading path', () => {
    const header = ['Услуга', 'Ед.', 'Цена'];
    const chunks = chunkDocument(
      doc(
        heading(1, 'Прайс'),
        paragraph('Цены с НДС.'),
        { kind: 'tableRow', header, cells: ['Укладка плитки', 'м²', '1 200 ₽'] },
        { kind: 'tableRow', header, cells: ['Покраска стен', '', '400 ₽'] },
        { kind: 'tableRow', header: ['Услуга', ''], cells: ['Замер', 'бесплатно'] },
        { kind: 'tableRow', header, cells: ['', '', ''] },
        paragraph('Выезд по Москве.'),
      ),
    );

    expect(chunks.map(({ text }) => text)).toEqual([
      'Прайс\nЦены с НДС.',
      'Прайс\nУслуга: Укладка плитки; Ед.: м²; Цена: 1 200 ₽',
      'Прайс\nУслуга: Покраска стен; Цена: 400 ₽',
      'Прайс\nУслуга: Замер; бесплатно',
      'Прайс\nВыезд по Москве.',
    ]);
    expect(chunks.map(({ ordinal }) => ordinal)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps a table row whole even when it is longer than maxChars', () => {
    const cells = ['Комплексный ремонт', 'x'.repeat(300)];
    const chunks = chunkDocument(doc({ kind: 'tableRow', header: ['Услуга', 'Описание'], cells }), {
      maxChars: 100,
      overlapChars: 10,
    });
    expect(chunks).toHaveLength(1);
  });

  it('is deterministic', () => {
    const document = doc(
      heading(1, 'Раздел'),
      paragraph(sentences(25)),
      listItem('Пункт.'),
      { kind: 'tableRow', header: ['А', 'Б'], cells: ['1', '2'] },
      paragraph(sentences(5, 'Этап')),
    );
    const options = { maxChars: 350, overlapChars: 100 };
    expect(chunkDocument(document, options)).toEqual(chunkDocument(structuredClone(document), options));
  });

  it('refuses options that cannot make progress', () => {
    expect(() => chunkDocument(doc(), { maxChars: 0 })).toThrow(RangeError);
    expect(() => chunkDocument(doc(), { maxChars: 100, overlapChars: 100 })).toThrow(RangeError);
  });
});
