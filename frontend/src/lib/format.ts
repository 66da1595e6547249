// Dates and names as the interface shows them, in Russian, in the viewer's time zone.
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
