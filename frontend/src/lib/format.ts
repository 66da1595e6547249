// Dates, names, phone numbers, sums, counts and sizes as the interface shows them, in Russian.
// Calendar dates (a plan's last paid day, an invoice's date, an invite's last day) are Moscow's,
// as in the documents and emails, so the panel and the email never disagree by a day; times of
// day are the viewer's.
import { locale, t } from './i18n';

const MOSCOW = 'Europe/Moscow';
const dateFormat = new Intl.DateTimeFormat(locale, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: MOSCOW,
});
const dateTimeFormat = new Intl.DateTimeFormat(locale, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
const numericDateFormat = new Intl.DateTimeFormat(locale, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: MOSCOW,
});
const numericDateTimeFormat = new Intl.DateTimeFormat(locale, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const wholeNumbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
const fractional = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
const withKopecks = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
// Calendar dates (a month's first day, say) carry no time zone: read and written as UTC, they
// name the same day wherever the viewer is.
const monthFormat = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayMonthFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });

/** «5 марта 2026 г.», or a dash when there is no date. */
export function formatDate(iso: string | null): string {
  return iso ? dateFormat.format(new Date(iso)) : t.common.noValue;
}

/** «5 марта 2026 г. в 13:05», or a dash when there is no date. */
export function formatDateTime(iso: string | null): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : t.common.noValue;
}

/** «05.03.2026», as dates read on documents and in tables; a dash when there is no date. */
export function formatNumericDate(iso: string | null): string {
  return iso ? numericDateFormat.format(new Date(iso)) : t.common.noValue;
}

/** «05.03.2026, 13:05», for events in a log; a dash when there is no date. */
export function formatNumericDateTime(iso: string | null): string {
  return iso ? numericDateTimeFormat.format(new Date(iso)) : t.common.noValue;
}

/** «13:05», for moments within the next minutes, such as when a link expires. */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** Up to two letters for an avatar: «Анна Петрова» → «АП»; falls back to the email's first letter. */
export function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 0 ? words.slice(0, 2).map((word) => word[0]) : [email[0]];
  return letters.join('').toUpperCase();
}

/**
 * A phone number the API keeps in E.164, written the way Russians read it: +79161234567 →
 * «+7 916 123-45-67». Numbers of other countries are shown as stored.
 */
export function formatPhone(e164: string): string {
  const parts = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return parts ? `+7 ${parts[1]} ${parts[2]}-${parts[3]}-${parts[4]}` : e164;
}

/** «652 000 ₽»: whole rubles, thousands apart, the sign never wrapped onto a line of its own. */
export function formatRubles(amount: number): string {
  return `${wholeNumbers.format(amount)}\u00a0₽`;
}

/** «22 772,00 ₽»: an amount the API keeps in kopecks, as invoices print it. */
export function formatKopecks(kopecks: number): string {
  return `${withKopecks.format(kopecks / 100)}\u00a0₽`;
}

/** An estimate's spread, «510 000 – 652 000 ₽», or one sum when both ends are the same. */
export function formatRublesRange(range: { min: number; max: number }): string {
  if (wholeNumbers.format(range.min) === wholeNumbers.format(range.max)) return formatRubles(range.min);
  return `${wholeNumbers.format(range.min)} – ${wholeNumbers.format(range.max)}\u00a0₽`;
}

/** «1 234»: a whole number with thousands apart. */
export function formatCount(count: number): string {
  return wholeNumbers.format(count);
}

/** «850», «12,3 тыс.», «2,5 млн»: large counts, such as AI tokens, shortened. */
export function formatCompact(count: number): string {
  return compact.format(count);
}

const KB = 1024;
const byteUnits = [
  { size: KB ** 3, unit: t.units.gigabytes },
  { size: KB ** 2, unit: t.units.megabytes },
  { size: KB, unit: t.units.kilobytes },
];

/** «340 КБ», «1,2 МБ», «2 ГБ» in binary units, as the plans' limits are set. */
export function formatBytes(bytes: number): string {
  // Nothing held reads best in the unit storage limits are given in.
  if (bytes === 0) return `0\u00a0${t.units.megabytes}`;
  const scale = byteUnits.find(({ size }) => bytes >= size);
  return scale ? `${fractional.format(bytes / scale.size)}\u00a0${scale.unit}` : `${bytes}\u00a0${t.units.bytes}`;
}

const calendarDate = (date: string) => {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
};

/** «март 2026» for a calendar date (YYYY-MM-DD) in that month. */
export function formatMonth(date: string): string {
  return monthFormat
    .formatToParts(calendarDate(date))
    .filter((part) => part.type === 'month' || part.type === 'year')
    .map((part) => part.value)
    .join(' ');
}

/** «1 апреля» for a calendar date (YYYY-MM-DD). */
export function formatDayMonth(date: string): string {
  return dayMonthFormat.format(calendarDate(date));
}
