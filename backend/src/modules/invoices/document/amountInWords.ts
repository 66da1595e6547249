// The amount in words that every Russian payment document repeats under its total:
// «Одна тысяча девятьсот девяносто рублей 00 копеек» — roubles in words, kopecks in two digits.
import numberToWordsRu from 'number-to-words-ru';

export function amountInWords(kopecks: number): string {
  if (!Number.isSafeInteger(kopecks) || kopecks < 0) throw new RangeError(`Not an amount in kopecks: ${kopecks}`);
  // Built as a string from integers, so no float ever stands for money.
  const value = `${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, '0')}`;
  return numberToWordsRu.convert(value, {
    currency: 'rub',
    declension: 'nominative',
    convertNumberToWords: { integer: true, fractional: false },
    showNumberParts: { integer: true, fractional: true },
    showCurrency: { integer: true, fractional: true },
  });
}
