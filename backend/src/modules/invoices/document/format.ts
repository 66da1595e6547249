// How invoices write money and dates: integer kopecks as «1 234,56», dates on Moscow time.

/** «1 234,56» from kopecks; the no-break space keeps an amount on one line in the document. */
export function formatMoney(kopecks: number, groupSeparator = '\u00a0'): string {
  const roubles = String(Math.floor(kopecks / 100)).replace(/\B(?=(\d{3})+$)/g, groupSeparator);
  return `${roubles},${String(kopecks % 100).padStart(2, '0')}`;
}

const numericDate = new Intl.DateTimeFormat('ru-RU', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/Moscow',
});
const longDate = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Moscow',
});

/** «09.12.2026» */
export const formatDate = (date: Date) => numericDate.format(date);

/** «29 ноября 2026 г.», the month in the genitive as a document's date reads. */
export function formatLongDate(date: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    longDate.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')} г.`;
}
