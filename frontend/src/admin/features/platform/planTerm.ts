// A plan's term as the operator enters it: the last paid day, a calendar day in Moscow. The server
// makes it the end of that day in Moscow (backend/src/modules/billing/paidTerm.ts), so the term
// reads back as the same day wherever the operator's browser is.

const moscowDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Moscow',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The date input's value (YYYY-MM-DD) for a plan's end: its last paid day in Moscow; empty for none. */
export function dateInputValue(moment: string | number | null): string {
  return moment === null ? '' : moscowDay.format(new Date(moment));
}
