import { Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { TenantStatus } from '@/lib/api';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';

const SEARCH_DELAY_MS = 300;

interface TenantFiltersProps {
  q: string;
  status: TenantStatus | undefined;
  onSearch(q: string): void;
  onStatus(status: TenantStatus | undefined): void;
}

export function TenantFilters({ q, status, onSearch, onStatus }: TenantFiltersProps) {
  const text = t.platform.tenants;
  const [draft, setDraft] = useState(q);

  // Searching as the user types, once they pause, rather than on every keystroke.
  useEffect(() => {
    if (draft.trim() === q) return;
    const timer = setTimeout(() => onSearch(draft.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, q, onSearch]);

  const statuses: Array<{ value: TenantStatus | undefined; label: string }> = [
    { value: undefined, label: text.all },
    { value: 'active', label: text.active },
    { value: 'suspended', label: text.suspended },
  ];

  return (
    <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="relative w-full sm:max-w-xs">
        <Search
          aria-hidden
          size={16}
          className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-zinc-400"
        />
        <input
          type="search"
          aria-label={text.search}
          placeholder={text.search}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          className="focus:border-brand-500 focus:ring-brand-500/15 h-10 w-full rounded-lg border border-zinc-300 bg-white pr-3 pl-9 text-sm shadow-xs transition-[border-color,box-shadow] outline-none placeholder:text-zinc-400 hover:border-zinc-400 focus:ring-4"
        />
      </div>
      <fieldset className="inline-flex w-fit rounded-lg bg-zinc-200/60 p-1">
        <legend className="sr-only">{text.statusFilter}</legend>
        {statuses.map((option) => (
          <button
            key={option.label}
            type="button"
            aria-pressed={status === option.value}
            onClick={() => onStatus(option.value)}
            className={cx(
              'rounded-md px-3 py-1.5 font-medium text-[13px] transition-all focus-visible:outline-2 focus-visible:outline-brand-500',
              status === option.value ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900',
            )}
          >
            {option.label}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
