// One rule for when a paid plan ends, used by marking invoices paid, plans set by hand, the daily
// job, the panel and every email: a plan is paid through a calendar day in Moscow, and ends at
// that day's last millisecond there. `plan_expires_at` holds that moment, so any reader that
// formats it as a Moscow date names the last paid day, and "до 4 декабря" means through the 4th.
import { type SQL, sql } from 'drizzle-orm';

export const MOSCOW = 'Europe/Moscow';

/** SQL: the Moscow calendar day (a `date`) of a moment. */
export const moscowDay = (moment: SQL) => sql`((${moment})::timestamptz at time zone ${MOSCOW})::date`;

/** SQL: the last millisecond of a Moscow calendar day, as a timestamptz. */
export const endOfMoscowDay = (day: SQL) =>
  sql`((((${day})::date + 1)::timestamp at time zone ${MOSCOW}) - interval '1 millisecond')`;

/**
 * SQL: the end of a term of `months` that starts at `start`: paid through the same day of the
 * month `months` later in Moscow, clamped to that month's end (31 January + 1 month is paid
 * through 28 February). A renewal starts at the previous term's end, so terms follow each other.
 */
export const termEnd = (start: SQL, months: number) =>
  endOfMoscowDay(sql`(${moscowDay(start)} + make_interval(months => ${months}))`);
