// Above the entries: all of them, the documents or the curated pairs, each tab with its count;
// and how many of the plan's documents are held, with what to do once they fill it.
import { ArrowUpRight } from 'lucide-react';
import { Link } from 'react-router';
import type { KnowledgeView } from '@/lib/api';
import { formatCount } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { cx } from '@/lib/ui/cx';
import { sections } from '../../navigation';
import { ENTRY_TABS, type EntryTab } from './entries';

interface KindTabsProps {
  counts: Record<EntryTab, number>;
  tab: EntryTab;
  onChange(tab: EntryTab): void;
}

export function KindTabs({ counts, tab, onChange }: KindTabsProps) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset
    <div role="group" aria-label={t.knowledge.tabsLabel} className="-mx-1 flex gap-1.5 overflow-x-auto px-1 py-0.5">
      {ENTRY_TABS.map((each) => {
        const active = each === tab;
        return (
          <button
            key={each}
            type="button"
            aria-pressed={active}
            onClick={() => onChange(each)}
            className={cx(
              'focus-visible:outline-brand-500 inline-flex shrink-0 items-center gap-2 rounded-full px-3 py-1.5 text-sm font-medium whitespace-nowrap ring-1 transition-colors ring-inset focus-visible:outline-2 focus-visible:outline-offset-2',
              active
                ? 'bg-zinc-900 text-white ring-zinc-900'
                : 'bg-white text-zinc-700 ring-zinc-200 hover:bg-zinc-50 hover:text-zinc-900',
            )}
          >
            {t.knowledge.tabs[each]}
            <span
              className={cx(
                'min-w-5 rounded-full px-1.5 text-center text-xs tabular-nums',
                active ? 'bg-white/20 text-white' : 'bg-zinc-100 text-zinc-600',
              )}
            >
              {formatCount(counts[each])}
            </span>
          </button>
        );
      })}
    </div>
  );
}

export const isFull = (documents: KnowledgeView['documents']) => documents.used >= documents.limit;

/** «Документы на тарифе: 2 из 5», with a meter. */
export function DocumentsRoom({ documents }: { documents: KnowledgeView['documents'] }) {
  const text = t.knowledge.documents;
  const share = documents.limit > 0 ? Math.min(1, documents.used / documents.limit) : 1;
  const full = isFull(documents);
  const amount = text.amount(documents.used, documents.limit);
  return (
    <div className="w-full max-w-72 min-w-48">
      <div className="flex items-baseline justify-between gap-3 text-[13px]">
        <span className="text-zinc-600">{text.label}</span>
        <span className={cx('font-medium tabular-nums', full ? 'text-red-700' : 'text-zinc-900')}>{amount}</span>
      </div>
      <div
        role="progressbar"
        aria-label={text.label}
        aria-valuemin={0}
        aria-valuemax={documents.limit}
        aria-valuenow={Math.min(documents.used, documents.limit)}
        aria-valuetext={amount}
        className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-zinc-100"
      >
        <div
          className={cx(
            'h-full rounded-full transition-[width] duration-500',
            full ? 'bg-red-500' : share >= 0.8 ? 'bg-amber-500' : 'bg-brand-500',
          )}
          style={{ width: `${(documents.used > 0 ? Math.max(share, 0.03) : 0) * 100}%` }}
        />
      </div>
      <p className="mt-1 text-xs text-zinc-500">{text.hint}</p>
    </div>
  );
}

/** Once the plan holds no more documents: what to do, and for the owner the way to the plans. */
export function DocumentsFull({ isOwner }: { isOwner: boolean }) {
  const text = t.knowledge.documents;
  return (
    <Alert tone="warning" className="m-4 sm:mx-5">
      {text.full}{' '}
      {isOwner && (
        <Link to={sections.billing.path} className="inline-flex items-center gap-0.5 font-medium underline">
          {text.toBilling}
          <ArrowUpRight aria-hidden size={13} />
        </Link>
      )}
    </Alert>
  );
}
