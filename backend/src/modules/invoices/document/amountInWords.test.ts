import { describe, expect, it } from 'vitest';
import { amountInWords } from './amountInWords.ts';

describe('amountInWords', () => {
  it('writes roubles in words, declined by the number, and kopecks in two digits', () => {
    expect(amountInWords(100)).toBe('Один рубль 00 копеек');
    expect(amountInWords(200)).toBe('Два рубля 00 копеек');
    expect(amountInWords(500)).toBe('Пять рублей 00 копеек');
    expect(amountInWords(1_100)).toBe('Одиннадцать рублей 00 копеек');
    expect(amountInWords(2_100)).toBe('Двадцать один рубль 00 копеек');
    expect(amountInWords(10_100)).toBe('Сто один рубль 00 копеек');
    expect(amountInWords(199_000)).toBe('Одна тысяча девятьсот девяносто рублей 00 копеек');
    expect(amountInWords(897_000)).toBe('Восемь тысяч девятьсот семьдесят рублей 00 копеек');
    expect(amountInWords(100_000_000)).toBe('Один миллион рублей 00 копеек');
  });

  it('keeps the kopecks exact and declines the word', () => {
    expect(amountInWords(299_050)).toBe('Две тысячи девятьсот девяносто рублей 50 копеек');
    expect(amountInWords(2_121)).toBe('Двадцать один рубль 21 копейка');
    expect(amountInWords(1_003)).toBe('Десять рублей 03 копейки');
    expect(amountInWords(1)).toBe('Ноль рублей 01 копейка');
    // 0.29 and 0.57 are not exact in binary: the amount goes to the library as a string.
    expect(amountInWords(1_029)).toBe('Десять рублей 29 копеек');
    expect(amountInWords(123_456_757)).toBe(
      'Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 57 копеек',
    );
  });

  it('refuses what is not a whole number of kopecks', () => {
    expect(() => amountInWords(29.9)).toThrow(RangeError);
    expect(() => amountInWords(-100)).toThrow(RangeError);
  });
});
