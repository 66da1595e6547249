// The funnel as bars, one per stage of the company's funnel, each with its count, its share of
// the stage before and of those who opened the widget; the stage that loses the most is marked.
import type { DashboardView } from '@aimax/backend/contracts';
import { TrendingDown } from 'lucide-react';
import { formatCount } from '@/lib/format';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';
import { formatPercent, stageLabel } from './conversion';

export function FunnelBars({ view }: { view: DashboardView }) {
  const text = t.dashboard.conversion.funnel;
  // A period can start after some visitors opened the widget: a later stage may count more.
  const widest = Math.max(1, ...view.funnel.map((stage) => stage.count));
  return (
    <ol aria-label={text.label} className="space-y-1">
      {view.funnel.map((stage, index) => {
        const worst = stage.stage === view.biggestDropOff;
        const previous = view.funnel[index - 1];
        return (
          <li
            key={stage.stage}
            className={cx(
              'rounded-lg px-3 py-2 transition-colors',
              worst ? 'bg-amber-50 ring-1 ring-amber-200 ring-inset' : 'hover:bg-zinc-50',
            )}
          >
            <div className="flex items-baseline justify-between gap-3">
              <span className="min-w-0 truncate text-sm font-medium text-zinc-800">{stageLabel(stage)}</span>
              <span className="text-sm font-semibold text-zinc-900 tabular-nums">{formatCount(stage.count)}</span>
            </div>
            <div aria-hidden className="mt-1.5 h-2 overflow-hidden rounded-full bg-zinc-100">
              <div
                className={cx(
                  'h-full rounded-full transition-[width] duration-500 ease-out',
                  worst ? 'bg-amber-500' : index === 0 ? 'bg-brand-600' : 'bg-brand-500',
                )}
                style={{ width: `${stage.count > 0 ? Math.max(1.5, (stage.count / widest) * 100) : 0}%` }}
              />
            </div>
            {previous && (
              <div className="mt-1 flex flex-wrap items-center justify-between gap-x-3 gap-y-0.5 text-xs text-zinc-500 tabular-nums">
                <span>
                  {text.ofPrevious(formatPercent(stage.ofPrevious))}
                  <span aria-hidden className="px-1.5 text-zinc-300">
                    ·
                  </span>
                  {text.ofFirst(formatPercent(stage.ofFirst))}
                </span>
                {worst && (
                  <span className="inline-flex items-center gap-1 font-medium text-amber-800">
                    <TrendingDown aria-hidden size={13} />
                    {text.dropOff}: {text.lost(formatCount(stage.lost), formatPercent(100 - (stage.ofPrevious ?? 0)))}
                  </span>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
