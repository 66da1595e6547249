// Dates, names, phone numbers and sums as the interface shows them: in Russian, in the viewer's
// time zone.
import { locale, t } from './i18n';

const dateFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(locale, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
const rubles = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });

/** «5 марта 2026 г.», or a dash when there is no date. */
export function formatDate(iso: string | null): string {
  return iso ? dateFormat.format(new Date(iso)) : t.common.noValue;
}

/** «5 марта 2026 г. в 13:05», or a dash when there is no date. */
export function formatDateTime(iso: string | null): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : t.common.noValue;
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
  return `${rubles.format(amount)}\u00a0₽`;
}

/** An estimate's spread, «510 000 – 652 000 ₽», or one sum when both ends are the same. */
export function formatRublesRange(range: { min: number; max: number }): string {
  if (rubles.format(range.min) === rubles.format(range.max)) return formatRubles(range.min);
  return `${rubles.format(range.min)} – ${rubles.format(range.max)}\u00a0₽`;
}
