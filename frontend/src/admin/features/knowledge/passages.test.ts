import { describe, expect, it } from 'vitest';
import { passagePlace, passageText } from './passages';

const passage = (content: string, headingPath: string[] = [], title = 'Цены на ремонт') => ({
  title,
  headingPath,
  content,
});

describe('passagePlace', () => {
  it('names the document, then the sections down to the passage', () => {
    expect(passagePlace(passage('…', ['Ванная', 'Плитка']))).toBe('Цены на ремонт › Ванная › Плитка');
    expect(passagePlace(passage('…'))).toBe('Цены на ремонт');
  });
});

describe('passageText', () => {
  it('leaves out a first line that repeats the section heading', () => {
    expect(passageText(passage('Ремонт ванной\nПод ключ от 150 000 ₽.', ['Ремонт ванной']))).toBe(
      'Под ключ от 150 000 ₽.',
    );
  });

  it('leaves out a pair’s question, its title, above the answer', () => {
    const pair = passage('Сколько стоит ремонт ванной?\nОт 150 000 ₽.', [], 'Сколько стоит ремонт ванной?');
    expect(passageText(pair)).toBe('От 150 000 ₽.');
  });

  it('keeps a first line that says something of its own', () => {
    expect(passageText(passage('Срок — три недели.\nГарантия — 3 года.', ['Кухня']))).toBe(
      'Срок — три недели.\nГарантия — 3 года.',
    );
  });

  it('keeps a passage that is only its heading', () => {
    expect(passageText(passage('Гарантия', ['Гарантия']))).toBe('Гарантия');
  });
});
