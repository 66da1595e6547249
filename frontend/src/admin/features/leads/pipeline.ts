// The leads pipeline as the panel shows it, and the list's filters as the address keeps them
// (`?status=in_progress&assignee=…&from=2026-11-01&to=2026-11-30&offset=20`), so a reload, a link
// sent to a colleague or the way back from a lead shows the same list.
import type { LeadFilter, LeadStatus } from '@/lib/api';
import type { BadgeTone } from '@/lib/ui/Badge';

export const LEAD_STATUSES: readonly LeadStatus[] = ['new', 'in_progress', 'measurement', 'contract', 'rejected'];

export const statusTone: Record<LeadStatus, BadgeTone> = {
  new: 'brand',
  in_progress: 'warning',
  measurement: 'neutral',
  contract: 'success',
  rejected: 'danger',
};

const isStatus = (value: string | null): value is LeadStatus =>
  value !== null && (LEAD_STATUSES as readonly string[]).includes(value);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ASSIGNEE = /^(none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The filters in an address; values the API would refuse (a hand-edited address) are dropped. */
export function filterFromParams(params: URLSearchParams): LeadFilter {
  const status = params.get('status');
  const assignee = params.get('assignee');
  const from = params.get('from');
  const to = params.get('to');
  return {
    ...(isStatus(status) ? { status } : {}),
    ...(assignee && ASSIGNEE.test(assignee) ? { assignee } : {}),
    ...(from && DAY.test(from) ? { from } : {}),
    ...(to && DAY.test(to) ? { to } : {}),
  };
}

/** The address's query for the filters and page; empty values are left out. */
export function paramsFromFilter(filter: LeadFilter, offset = 0): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of ['status', 'assignee', 'from', 'to'] as const) {
    const value = filter[name];
    if (value) params[name] = value;
  }
  if (offset > 0) params.offset = String(offset);
  return params;
}

export const hasFilters = (filter: LeadFilter) => Boolean(filter.status || filter.assignee || filter.from || filter.to);
