// The invoice list's filters as the address keeps them, so a filtered view can be reloaded or
// shared, and a company's row on the Companies page can link to its invoices. Values the API
// would refuse (an unknown status, a malformed day) are dropped rather than sent.
import type { InvoiceStatus } from '@/lib/api';

export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['issued', 'overdue', 'paid', 'cancelled'];

export interface InvoiceFilters {
  /** An invoice number, or the buyer's ИНН. */
  q: string;
  status: InvoiceStatus | undefined;
  tenantId: string | undefined;
  /** Issued from this day to that one, both included (YYYY-MM-DD). */
  from: string | undefined;
  to: string | undefined;
  offset: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const statusOf = (value: string | null): InvoiceStatus | undefined =>
  INVOICE_STATUSES.find((status) => status === value);

const matching = (value: string | null, pattern: RegExp) => (value && pattern.test(value) ? value : undefined);

export function invoiceFiltersOf(params: URLSearchParams): InvoiceFilters {
  return {
    q: params.get('q') ?? '',
    status: statusOf(params.get('status')),
    tenantId: matching(params.get('tenantId'), UUID),
    from: matching(params.get('from'), DAY),
    to: matching(params.get('to'), DAY),
    offset: Math.max(0, Math.floor(Number(params.get('offset')) || 0)),
  };
}

/** The filters a person can clear, apart from the company, which arrives from its own page. */
export const hasFilters = (filters: InvoiceFilters) =>
  filters.q !== '' || filters.status !== undefined || filters.from !== undefined || filters.to !== undefined;
