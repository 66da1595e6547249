// The dialogs list's filters as the address keeps them
// (`?state=waiting_operator&from=2026-11-01&to=2026-11-30&q=Игорь&offset=20`), so a reload, a link
// sent to a colleague or the way back from a dialog shows the same list.
import type { DialogFilter, DialogState } from '@/lib/api';

export const DIALOG_STATES: readonly DialogState[] = ['ai', 'waiting_operator', 'operator', 'closed'];

/** The longest search the API takes. */
export const SEARCH_MAX_LENGTH = 100;

const isState = (value: string | null): value is DialogState =>
  value !== null && (DIALOG_STATES as readonly string[]).includes(value);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters in an address; values the API would refuse (a hand-edited address) are dropped. */
export function filterFromParams(params: URLSearchParams): DialogFilter {
  const state = params.get('state');
  const from = params.get('from');
  const to = params.get('to');
  const q = params.get('q')?.trim();
  return {
    ...(isState(state) ? { state } : {}),
    ...(from && DAY.test(from) ? { from } : {}),
    ...(to && DAY.test(to) ? { to } : {}),
    ...(q && q.length <= SEARCH_MAX_LENGTH ? { q } : {}),
  };
}

/** The address's query for the filters and page; empty values are left out. */
export function paramsFromFilter(filter: DialogFilter, offset = 0): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of ['state', 'from', 'to', 'q'] as const) {
    const value = filter[name]?.trim();
    if (value) params[name] = value;
  }
  if (offset > 0) params.offset = String(offset);
  return params;
}

export const hasFilters = (filter: DialogFilter) => Boolean(filter.state || filter.from || filter.to || filter.q);
