// The dashboard's conversion section: for a period kept in the address (today, 7 or 30 days, or
// custom dates), the funnel from opening the widget to downloading the estimate, leads per day,
// the dialogs the AI handled alone against those a manager took over, and how soon managers
// answer. The charts are loaded on demand, so the panel's first load stays small.
import type { DashboardView } from '@aimax/backend/contracts';
import { ArrowRight, ChartNoAxesColumn } from 'lucide-react';
import { lazy, type ReactNode, Suspense, useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '@/lib/api';
import { formatCount, formatDayMonth } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { ButtonLink } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';
import { EmptyState } from '@/lib/ui/EmptyState';
import { SegmentedControl } from '@/lib/ui/SegmentedControl';
import { Skeleton } from '@/lib/ui/Skeleton';
import { TextField } from '@/lib/ui/TextField';
import { useResource } from '@/lib/useResource';
import { sections } from '../../navigation';
import {
  choiceOf,
  formatDuration,
  formatPercent,
  isEmpty,
  lastDays,
  type PeriodChoice,
  paramsWithPeriod,
  periodFromParams,
} from './conversion';
import { FunnelBars } from './FunnelBars';
import { InfoTip } from './InfoTip';

const LeadsPerDayChart = lazy(() =>
  import('./ConversionCharts').then((charts) => ({ default: charts.LeadsPerDayChart })),
);
const DialogsDonut = lazy(() => import('./ConversionCharts').then((charts) => ({ default: charts.DialogsDonut })));

const text = t.dashboard.conversion;

const choices: { value: PeriodChoice; label: string }[] = [
  { value: 'today', label: text.period.today },
  { value: '7d', label: text.period.week },
  { value: '30d', label: text.period.month },
  { value: 'custom', label: text.period.custom },
];

export function ConversionSection({ isOwner }: { isOwner: boolean }) {
  const [params, setParams] = useSearchParams();
  const searchKey = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address's text stands for the params object, which is new every render
  const query = useMemo(() => periodFromParams(params), [searchKey]);
  const dashboard = useResource(useCallback((signal: AbortSignal) => api.dashboard.get(query, signal), [query]));
  const view = dashboard.data;
  const choice = choiceOf(query);

  const choose = (next: PeriodChoice) => {
    if (next !== 'custom') return setParams(paramsWithPeriod(params, { period: next }), { replace: true });
    // Custom dates start from the period on screen (or the last 30 days), to be changed from there.
    const period = view?.period ?? lastDays(30);
    setParams(paramsWithPeriod(params, { from: period.from, to: period.to }), { replace: true });
  };
  const setDay = (end: 'from' | 'to', day: string) => {
    if (!day || !query.from || !query.to) return;
    setParams(paramsWithPeriod(params, { ...query, [end]: day }), { replace: true });
  };

  const description = view ? (
    <>
      {text.range(formatDayMonth(view.period.from), formatDayMonth(view.period.to))}
      <span className="text-zinc-400">
        {' · '}
        {view.period.timezone === 'Europe/Moscow' ? text.moscowDays : text.zoneDays(view.period.timezone)}
      </span>
    </>
  ) : (
    // Inline: the card's description is a paragraph.
    <span aria-hidden className="inline-block h-4 w-48 animate-pulse rounded-md bg-zinc-200/70 align-middle" />
  );

  return (
    <Card aria-labelledby="conversion-title">
      <CardHeader
        titleId="conversion-title"
        title={text.title}
        description={description}
        actions={
          <SegmentedControl label={text.period.label} hideLabel options={choices} value={choice} onChange={choose} />
        }
      />
      {choice === 'custom' && query.from && query.to && (
        <div className="grid grid-cols-2 gap-3 border-b border-zinc-100 px-5 py-3 sm:flex">
          <TextField
            label={text.period.from}
            name="from"
            type="date"
            value={query.from}
            max={query.to}
            onChange={(event) => setDay('from', event.target.value)}
            className="sm:w-44"
          />
          <TextField
            label={text.period.to}
            name="to"
            type="date"
            value={query.to}
            min={query.from}
            onChange={(event) => setDay('to', event.target.value)}
            className="sm:w-44"
          />
        </div>
      )}
      <div className="p-5">
        {dashboard.error ? (
          <Alert title={text.loadFailed} onRetry={dashboard.reload}>
            {dashboard.error.message}
          </Alert>
        ) : !view ? (
          <ConversionSkeleton />
        ) : isEmpty(view) ? (
          <EmptyState
            icon={ChartNoAxesColumn}
            title={text.empty.title}
            description={isOwner ? text.empty.owner : text.empty.manager}
            className="py-8"
          >
            {isOwner && (
              <ButtonLink to={sections.widget.path} variant="secondary">
                {text.empty.install}
                <ArrowRight aria-hidden size={15} />
              </ButtonLink>
            )}
          </EmptyState>
        ) : (
          <div
            className={cx(
              'grid grid-cols-1 gap-6 transition-opacity lg:grid-cols-5',
              dashboard.loading && 'opacity-60',
            )}
            aria-busy={dashboard.loading}
          >
            <section aria-labelledby="funnel-title" className="lg:col-span-3">
              <Heading id="funnel-title" hint={text.funnel.hint}>
                {text.funnel.title}
              </Heading>
              <FunnelBars view={view} />
            </section>
            <div className="space-y-4 lg:col-span-2">
              <LeadsPanel view={view} />
              <DialogsPanel dialogs={view.dialogs} />
              <FirstReplyPanel firstReply={view.firstReply} />
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}

function Heading({ id, hint, children, aside }: { id: string; hint?: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <div className="relative mb-3 flex items-center justify-between gap-3">
      <h3 id={id} className="flex items-center gap-1.5 text-sm font-semibold text-zinc-900">
        {children}
        {hint && <InfoTip label={text.more} text={hint} />}
      </h3>
      {aside}
    </div>
  );
}

const panel = 'rounded-lg border border-zinc-200/80 p-4';

function LeadsPanel({ view }: { view: DashboardView }) {
  const total = view.leadsPerDay.reduce((sum, day) => sum + day.leads, 0);
  return (
    <section aria-labelledby="leads-per-day-title" className={panel}>
      <Heading
        id="leads-per-day-title"
        aside={<span className="text-sm text-zinc-500 tabular-nums">{text.leads.total(total)}</span>}
      >
        {text.leads.title}
      </Heading>
      <Suspense fallback={<Skeleton className="h-48 w-full" />}>
        <LeadsPerDayChart days={view.leadsPerDay} />
      </Suspense>
    </section>
  );
}

function DialogsPanel({ dialogs }: { dialogs: DashboardView['dialogs'] }) {
  const share = (count: number) => formatPercent(dialogs.started > 0 ? (count / dialogs.started) * 100 : null);
  return (
    <section aria-labelledby="dialogs-split-title" className={panel}>
      <Heading id="dialogs-split-title" hint={text.dialogs.hint}>
        {text.dialogs.title}
      </Heading>
      <div className="flex items-center gap-5">
        <Suspense fallback={<Skeleton className="size-28 shrink-0 rounded-full" />}>
          <DialogsDonut aiOnly={dialogs.aiOnly} takenOver={dialogs.takenOver} />
        </Suspense>
        <div className="min-w-0 flex-1">
          <dl className="space-y-2.5 text-sm">
            <Legend
              dot="bg-brand-500"
              label={text.dialogs.aiOnly}
              count={dialogs.aiOnly}
              share={share(dialogs.aiOnly)}
            />
            <Legend
              dot="bg-amber-400"
              label={text.dialogs.takenOver}
              count={dialogs.takenOver}
              share={share(dialogs.takenOver)}
            />
          </dl>
          <p className="mt-3 text-xs text-zinc-500">
            {dialogs.started > 0
              ? text.dialogs.started(dialogs.started, formatCount(dialogs.started))
              : text.dialogs.none}
          </p>
        </div>
      </div>
    </section>
  );
}

function Legend({ dot, label, count, share }: { dot: string; label: string; count: number; share: string }) {
  return (
    <div>
      <dt className="flex items-center gap-2 leading-snug text-zinc-600">
        <span aria-hidden className={cx('size-2.5 shrink-0 rounded-full', dot)} />
        {label}
      </dt>
      <dd className="mt-0.5 pl-4.5 font-semibold text-zinc-900 tabular-nums">
        {formatCount(count)} <span className="font-normal text-zinc-500">{share}</span>
      </dd>
    </div>
  );
}

function FirstReplyPanel({ firstReply }: { firstReply: DashboardView['firstReply'] }) {
  const asked = firstReply.answered + firstReply.unanswered;
  return (
    <section aria-labelledby="first-reply-title" className={panel}>
      <Heading id="first-reply-title" hint={text.firstReply.hint}>
        {text.firstReply.title}
      </Heading>
      {asked === 0 ? (
        <p className="text-sm text-zinc-500">{text.firstReply.none}</p>
      ) : (
        <>
          <p className="flex items-baseline gap-2">
            <span className="text-2xl font-semibold tracking-tight text-zinc-900 tabular-nums">
              {firstReply.medianSeconds === null ? t.common.noValue : formatDuration(firstReply.medianSeconds)}
            </span>
            <span className="text-sm text-zinc-500">{text.firstReply.median}</span>
          </p>
          <p className="mt-1 text-xs text-zinc-500">
            {text.firstReply.answered(firstReply.answered, formatCount(firstReply.answered))}
            {firstReply.unanswered > 0 && (
              <>
                {' · '}
                <span className="font-medium text-amber-700">
                  {text.firstReply.unanswered(formatCount(firstReply.unanswered))}
                </span>
              </>
            )}
          </p>
        </>
      )}
    </section>
  );
}

function ConversionSkeleton() {
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-5" aria-hidden>
      <div className="space-y-4 lg:col-span-3">
        <Skeleton className="h-4 w-24" />
        {Array.from({ length: 7 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
          <div key={index} className="space-y-2 px-3">
            <div className="flex justify-between">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-4 w-10" />
            </div>
            <Skeleton className="h-2 rounded-full" />
          </div>
        ))}
      </div>
      <div className="space-y-4 lg:col-span-2">
        <Skeleton className="h-64 rounded-lg" />
        <Skeleton className="h-36 rounded-lg" />
      </div>
    </div>
  );
}
