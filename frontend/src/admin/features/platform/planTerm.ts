// A plan's term as the operator enters it: a day in a date input, paid through to its end in the
// operator's time zone. Sent as that day's last moment, the term then reads back as the same day.

const pad = (value: number) => String(value).padStart(2, '0');

/** The date input's value (YYYY-MM-DD) for a moment, in the viewer's time zone; empty for none. */
export function dateInputValue(moment: string | number | null): string {
  if (moment === null) return '';
  const date = new Date(moment);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last millisecond of a day (YYYY-MM-DD) in the viewer's time zone, as ISO 8601. */
export function endOfDay(day: string): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(new Date(year, month - 1, date + 1).getTime() - 1).toISOString();
}
