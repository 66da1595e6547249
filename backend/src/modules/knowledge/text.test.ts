import { describe, expect, it } from 'vitest';
import { normalizeForSearch, STOP_WORDS, SYNONYMS, searchTokens } from './text.ts';

describe('normalizeForSearch', () => {
  it('lower-cases and folds ё onto е', () => {
    expect(normalizeForSearch('ЁЛКА Ёжик Всё')).toBe('елка ежик');
  });

  it('turns punctuation and symbols into word breaks', () => {
    expect(normalizeForSearch('Ремонт «под ключ»: 5–7 дней!')).toBe('ремонт ключ 5 7 дней');
    expect(normalizeForSearch('дизайн-проект,плитка/ламинат')).toBe('дизайн проект плитка ламинат');
    expect(normalizeForSearch('1 200 ₽ за м²')).toBe('1 200 м2');
  });

  it('keeps a word whole across soft hyphens, stress marks and decomposed letters', () => {
    expect(normalizeForSearch('ре\u00adмонт')).toBe('ремонт');
    expect(normalizeForSearch('по\u0301чём')).toBe('цена');
    expect(normalizeForSearch('ванно\u0438\u0306 е\u0308мкость')).toBe('ванной емкость');
  });

  it('drops the question and filler words PostgreSQL keeps', () => {
    expect(normalizeForSearch('Здравствуйте! Подскажите, пожалуйста, сколько у вас есть вариантов?')).toBe('вариантов');
    expect(normalizeForSearch('Какие материалы, в каком районе, какую смету?')).toBe('материалы районе смету');
  });

  it('is empty for text that has only stop words or no letters', () => {
    expect(normalizeForSearch('и или на')).toBe('');
    expect(normalizeForSearch('?! — …')).toBe('');
    expect(normalizeForSearch('')).toBe('');
  });

  it('gives «сколько стоит ремонт ванной» and «Стоимость ремонта ванных комнат» a shared price token', () => {
    expect(normalizeForSearch('сколько стоит ремонт ванной')).toBe('цена ремонт ванной');
    expect(normalizeForSearch('Стоимость ремонта ванных комнат')).toBe('цена ремонта ванных комнат');
  });

  it('folds each synonym group onto its canonical word', () => {
    expect(searchTokens('стоит стоимостью Цены почём прайс расценки ценник обойдётся')).toEqual(Array(8).fill('цена'));
    expect(searchTokens('гарантия гарантийный гарантийного гарантируем')).toEqual(Array(4).fill('гарантия'));
    expect(searchTokens('сроки длительность продолжительности')).toEqual(Array(3).fill('срок'));
    expect(searchTokens('замер замерщика обмеры')).toEqual(Array(3).fill('замер'));
    expect(searchTokens('кафель плиткой')).toEqual(Array(2).fill('плитка'));
  });

  it('leaves alone words that only look like a synonym or are deliberately kept apart', () => {
    // The prefix of «стоит»/«стоимость» is not a price word; «санузел» and «ванна» are not «ванная».
    expect(searchTokens('стол стоянка сторона санузел ванна ванная время')).toEqual([
      'стол',
      'стоянка',
      'сторона',
      'санузел',
      'ванна',
      'ванная',
      'время',
    ]);
  });

  it('is idempotent, so normalised text can be normalised again', () => {
    const samples = ['Сколько стоит ремонт ванной?', 'Гарантийный срок — 2 года', 'А почём у вас замерщик?'];
    for (const sample of samples) {
      const once = normalizeForSearch(sample);
      expect(normalizeForSearch(once)).toBe(once);
    }
  });
});

describe('the word lists', () => {
  const folded = (word: string) => word.normalize('NFKC').toLowerCase().replaceAll('ё', 'е');

  it('hold single words already in folded form, since lookups happen after folding', () => {
    for (const word of [...STOP_WORDS, ...SYNONYMS.keys(), ...SYNONYMS.values()]) {
      expect(word, word).toMatch(/^[\p{L}\p{N}]+$/u);
      expect(folded(word), word).toBe(word);
    }
  });

  it('never drop a word that a synonym group folds, and every canonical word maps to itself', () => {
    for (const [word, canonical] of SYNONYMS) {
      expect(STOP_WORDS.has(word), word).toBe(false);
      expect(STOP_WORDS.has(canonical), canonical).toBe(false);
      expect(SYNONYMS.get(canonical), canonical).toBe(canonical);
    }
  });
});
