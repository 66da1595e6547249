// When a dialog last moved, as the list shows it: the time for today's, «вчера», the day for this
// year's and the whole date for older ones. Days are the viewer's, as times of day are.
import { formatTime } from '@/lib/format';
import { locale, t } from '@/lib/i18n';

const dayMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
const fullDate = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' });

const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

export function formatActivityTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (sameDay(date, now)) return formatTime(iso);
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (sameDay(date, yesterday)) return t.dialogs.yesterday;
  return date.getFullYear() === now.getFullYear() ? dayMonth.format(date) : fullDate.format(date);
}
