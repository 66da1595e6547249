// Above the leads list: the pipeline's stages as tabs with their counts, and the filters by
// responsible member and by the period the leads came in.
import type { LeadAssigneesView, LeadStatusCounts } from '@aimax/backend/contracts';
import { RotateCcw } from 'lucide-react';
import type { LeadFilter, LeadStatus } from '@/lib/api';
import { formatCount } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Button } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { SelectField } from '@/lib/ui/SelectField';
import { TextField } from '@/lib/ui/TextField';
import { hasFilters, LEAD_STATUSES } from './pipeline';

const dots: Record<LeadStatus, string> = {
  new: 'bg-brand-500',
  in_progress: 'bg-amber-500',
  measurement: 'bg-sky-500',
  contract: 'bg-emerald-500',
  rejected: 'bg-red-500',
};

interface StatusTabsProps {
  counts: LeadStatusCounts | undefined;
  status: LeadStatus | undefined;
  onChange(status: LeadStatus | undefined): void;
}

/** «Все 12 · Новая 5 · В работе 3…»: a click shows one stage, the count of each stays in view. */
export function StatusTabs({ counts, status, onChange }: StatusTabsProps) {
  const all = counts ? LEAD_STATUSES.reduce((sum, each) => sum + counts[each], 0) : undefined;
  const tabs: { value: LeadStatus | undefined; label: string; count: number | undefined }[] = [
    { value: undefined, label: t.leads.tabs.all, count: all },
    ...LEAD_STATUSES.map((each) => ({ value: each, label: t.leads.statuses[each], count: counts?.[each] })),
  ];
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset
    <div role="group" aria-label={t.leads.tabs.label} className="-mx-1 flex gap-1.5 overflow-x-auto px-1 pb-1">
      {tabs.map((tab) => {
        const active = tab.value === status;
        return (
          <button
            key={tab.value ?? 'all'}
            type="button"
            aria-pressed={active}
            onClick={() => onChange(tab.value)}
            className={cx(
              'focus-visible:outline-brand-500 inline-flex shrink-0 items-center gap-2 rounded-full px-3 py-1.5 text-sm font-medium whitespace-nowrap ring-1 transition-colors ring-inset focus-visible:outline-2 focus-visible:outline-offset-2',
              active
                ? 'bg-zinc-900 text-white ring-zinc-900'
                : 'bg-white text-zinc-700 ring-zinc-200 hover:bg-zinc-50 hover:text-zinc-900',
            )}
          >
            {tab.value && <span aria-hidden className={cx('size-2 rounded-full', dots[tab.value])} />}
            {tab.label}
            <span
              className={cx(
                'min-w-5 rounded-full px-1.5 text-center text-xs tabular-nums',
                active ? 'bg-white/20 text-white' : 'bg-zinc-100 text-zinc-600',
              )}
            >
              {tab.count === undefined ? '…' : formatCount(tab.count)}
            </span>
          </button>
        );
      })}
    </div>
  );
}

interface FiltersBarProps {
  filter: LeadFilter;
  members: LeadAssigneesView['members'];
  onChange(filter: LeadFilter): void;
}

export function FiltersBar({ filter, members, onChange }: FiltersBarProps) {
  const text = t.leads.filters;
  const set = (name: 'assignee' | 'from' | 'to', value: string) => {
    const next = { ...filter };
    if (value) next[name] = value;
    else delete next[name];
    onChange(next);
  };
  return (
    <div className="grid gap-3 sm:grid-cols-[minmax(0,240px)_minmax(0,170px)_minmax(0,170px)_auto] sm:items-end">
      <SelectField
        label={text.assignee}
        name="assignee"
        value={filter.assignee ?? ''}
        onChange={(event) => set('assignee', event.target.value)}
        options={[
          { value: '', label: text.anyone },
          { value: 'none', label: text.nobody },
          ...members.map((member) => ({ value: member.id, label: member.name })),
        ]}
      />
      <div className="grid grid-cols-2 gap-3 sm:contents">
        <TextField
          label={text.from}
          name="from"
          type="date"
          value={filter.from ?? ''}
          max={filter.to}
          onChange={(event) => set('from', event.target.value)}
        />
        <TextField
          label={text.to}
          name="to"
          type="date"
          value={filter.to ?? ''}
          min={filter.from}
          onChange={(event) => set('to', event.target.value)}
        />
      </div>
      {hasFilters(filter) && (
        <Button variant="ghost" icon={RotateCcw} onClick={() => onChange({})} className="justify-self-start">
          {text.reset}
        </Button>
      )}
    </div>
  );
}
