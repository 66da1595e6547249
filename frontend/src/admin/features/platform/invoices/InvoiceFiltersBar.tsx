import { Building2, Search, X } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import type { InvoiceStatus } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Button } from '@/lib/ui/Button';
import { SelectField } from '@/lib/ui/SelectField';
import { TextField } from '@/lib/ui/TextField';
import { hasFilters, INVOICE_STATUSES, type InvoiceFilters } from './invoiceFilters';

const SEARCH_DELAY_MS = 300;

export type FilterChanges = Partial<Record<'q' | 'status' | 'tenantId' | 'from' | 'to', string | null>>;

interface InvoiceFiltersBarProps {
  filters: InvoiceFilters;
  /** The company chosen by `tenantId`, once a row names it. */
  companyName: string | undefined;
  onChange(changes: FilterChanges): void;
}

const statusOptions = [
  { value: '', label: t.platform.invoices.allStatuses },
  ...INVOICE_STATUSES.map((status: InvoiceStatus) => ({ value: status, label: t.invoiceStatuses[status] })),
];

export function InvoiceFiltersBar({ filters, companyName, onChange }: InvoiceFiltersBarProps) {
  const text = t.platform.invoices;
  const [draft, setDraft] = useState(filters.q);
  const searchId = useId();

  // Searching once the user pauses typing, rather than on every keystroke.
  useEffect(() => {
    if (draft.trim() === filters.q) return;
    const timer = setTimeout(() => onChange({ q: draft.trim() }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, filters.q, onChange]);

  const reset = () => {
    setDraft('');
    onChange({ q: null, status: null, from: null, to: null });
  };

  return (
    <div className="mb-4 space-y-3">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,1fr)_11rem_10.5rem_10.5rem_auto] lg:items-end">
        <div className="col-span-2 lg:col-span-1">
          <label htmlFor={searchId} className="mb-1.5 block text-sm font-medium text-zinc-800">
            {text.search}
          </label>
          <div className="relative">
            <Search
              aria-hidden
              size={16}
              className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-zinc-400"
            />
            <input
              id={searchId}
              type="search"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              className="focus:border-brand-500 focus:ring-brand-500/15 h-10 w-full rounded-lg border border-zinc-300 bg-white pr-3 pl-9 text-sm shadow-xs transition-[border-color,box-shadow] outline-none placeholder:text-zinc-400 hover:border-zinc-400 focus:ring-4"
            />
          </div>
        </div>
        <SelectField
          name="status"
          className="col-span-2 lg:col-span-1"
          label={text.status}
          options={statusOptions}
          value={filters.status ?? ''}
          onChange={(event) => onChange({ status: event.target.value || null })}
        />
        <TextField
          name="from"
          type="date"
          label={text.from}
          value={filters.from ?? ''}
          max={filters.to}
          onChange={(event) => onChange({ from: event.target.value || null })}
        />
        <TextField
          name="to"
          type="date"
          label={text.to}
          value={filters.to ?? ''}
          min={filters.from}
          onChange={(event) => onChange({ to: event.target.value || null })}
        />
        <Button
          variant="ghost"
          icon={X}
          onClick={reset}
          disabled={!hasFilters(filters)}
          className="col-span-2 justify-self-start lg:col-span-1"
        >
          {text.reset}
        </Button>
      </div>
      {filters.tenantId && (
        <p className="flex w-fit items-center gap-2 rounded-full bg-zinc-200/60 py-1 pr-1 pl-3 text-[13px] font-medium text-zinc-800">
          <Building2 aria-hidden size={14} className="text-zinc-500" />
          {companyName ? text.company(companyName) : text.oneCompany}
          <button
            type="button"
            onClick={() => onChange({ tenantId: null })}
            aria-label={text.allCompanies}
            title={text.allCompanies}
            className="focus-visible:outline-brand-500 flex size-6 items-center justify-center rounded-full text-zinc-500 hover:bg-white hover:text-zinc-900 focus-visible:outline-2"
          >
            <X aria-hidden size={14} />
          </button>
        </p>
      )}
    </div>
  );
}
