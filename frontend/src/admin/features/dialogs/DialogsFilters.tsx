// Above the dialogs list: who answers as tabs with their counts, the period the dialogs were
// active in, and a search by the visitor's name, phone or words from the conversation.
import type { DialogStateCounts } from '@aimax/backend/contracts';
import { RotateCcw, Search } from 'lucide-react';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { DialogFilter, DialogState } from '@/lib/api';
import { formatCount } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Button } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { TextField } from '@/lib/ui/TextField';
import { DIALOG_STATES, hasFilters, SEARCH_MAX_LENGTH } from './filters';

const dots: Record<DialogState, string> = {
  ai: 'bg-brand-500',
  waiting_operator: 'bg-amber-500',
  operator: 'bg-emerald-500',
  closed: 'bg-zinc-400',
};

/** Typing settles into the address (and a request) once the manager pauses. */
const SEARCH_DELAY_MS = 350;

interface StateTabsProps {
  counts: DialogStateCounts | undefined;
  state: DialogState | undefined;
  onChange(state: DialogState | undefined): void;
}

/** «Все 12 · ИИ отвечает 7 · Ждёт менеджера 2…»: waiting dialogs stand out while there are any. */
export function StateTabs({ counts, state, onChange }: StateTabsProps) {
  const all = counts ? DIALOG_STATES.reduce((sum, each) => sum + counts[each], 0) : undefined;
  const tabs: { value: DialogState | undefined; label: string; count: number | undefined }[] = [
    { value: undefined, label: t.dialogs.tabs.all, count: all },
    ...DIALOG_STATES.map((each) => ({ value: each, label: t.dialogs.states[each], count: counts?.[each] })),
  ];
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset
    <div role="group" aria-label={t.dialogs.tabs.label} className="-mx-1 flex gap-1.5 overflow-x-auto px-1 pb-1">
      {tabs.map((tab) => {
        const active = tab.value === state;
        const urgent = tab.value === 'waiting_operator' && Boolean(tab.count);
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
                urgent
                  ? 'bg-amber-500 font-semibold text-white'
                  : active
                    ? 'bg-white/20 text-white'
                    : 'bg-zinc-100 text-zinc-600',
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
  filter: DialogFilter;
  onChange(filter: DialogFilter): void;
}

export function FiltersBar({ filter, onChange }: FiltersBarProps) {
  const text = t.dialogs.filters;
  const [query, setQuery] = useState(filter.q ?? '');

  const set = (name: 'from' | 'to' | 'q', value: string) => {
    const next = { ...filter };
    if (value.trim()) next[name] = value.trim();
    else delete next[name];
    onChange(next);
  };

  // The search the address was last given from this box, to tell other changes of it (the reset,
  // the way back) apart: those the box takes over.
  const committed = useRef(filter.q);
  useEffect(() => {
    if (filter.q === committed.current) return;
    committed.current = filter.q;
    setQuery(filter.q ?? '');
  }, [filter.q]);

  const commit = useEffectEvent((typed: string) => {
    committed.current = typed.trim() || undefined;
    set('q', typed);
  });
  useEffect(() => {
    if (query.trim() === (filter.q ?? '')) return;
    const timer = setTimeout(() => commit(query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, filter.q]);

  return (
    <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,170px)_minmax(0,170px)_auto] sm:items-end">
      <div className="relative">
        <TextField
          label={text.search}
          name="q"
          type="search"
          value={query}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder={text.searchPlaceholder}
          onChange={(event) => setQuery(event.target.value)}
          className="[&_input]:pl-9"
        />
        <Search aria-hidden size={16} className="pointer-events-none absolute bottom-3 left-3 text-zinc-400" />
      </div>
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
