// The conversion section's period as the address keeps it (`?period=7d`, or `?from=2026-03-01&to=
// 2026-03-31`; nothing means 30 days), and its figures as the section words them.
import type { DashboardPreset, DashboardQuery, DashboardView, FunnelStageView } from '@aimax/backend/contracts';
import { locale, t } from '@/lib/i18n';

export const PRESETS: readonly DashboardPreset[] = ['today', '7d', '30d'];
export type PeriodChoice = DashboardPreset | 'custom';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isPreset = (value: string | null): value is DashboardPreset =>
  value !== null && (PRESETS as readonly string[]).includes(value);

/** The period in an address; a hand-edited value the API would refuse falls back to 30 days. */
export function periodFromParams(params: URLSearchParams): DashboardQuery {
  const from = params.get('from');
  const to = params.get('to');
  if (from && to && DAY.test(from) && DAY.test(to)) return { from, to };
  const period = params.get('period');
  return isPreset(period) ? { period } : {};
}

/** The address's query for a period: the other parameters of the page are kept. */
export function paramsWithPeriod(params: URLSearchParams, period: DashboardQuery): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of ['period', 'from', 'to']) next.delete(name);
  if (period.from && period.to) {
    next.set('from', period.from);
    next.set('to', period.to);
  } else if (period.period) {
    next.set('period', period.period);
  }
  return next;
}

/** The last `days` days up to today on this computer's calendar, before the server has said its own. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const day = (date: Date) =>
    `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - days + 1);
  return { from: day(from), to: day(now) };
}

export const choiceOf = (query: DashboardQuery): PeriodChoice =>
  query.from && query.to ? 'custom' : (query.period ?? '30d');

const percentFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

/** «87,5 %», or a dash when there was nothing to take it of. */
export const formatPercent = (value: number | null) =>
  value === null ? t.common.noValue : `${percentFormat.format(value)}\u00a0%`;

/** «45 с», «2 мин 30 с», «1 ч 5 мин»: how long managers take to answer. */
export function formatDuration(totalSeconds: number): string {
  const text = t.dashboard.conversion.firstReply;
  const seconds = Math.round(totalSeconds);
  if (seconds < 60) return text.seconds(seconds);
  if (seconds < 3600) return text.minutes(Math.floor(seconds / 60), seconds % 60);
  return text.hours(Math.floor(seconds / 3600), Math.round((seconds % 3600) / 60));
}

export function stageLabel(stage: FunnelStageView): string {
  const text = t.dashboard.conversion.funnel.stages;
  if (stage.stage === 'opened') return text.opened;
  if (stage.stage === 'started') return text.started;
  if (stage.stage === 'contacts') return text.contacts;
  if (stage.stage === 'estimate_pdf') return text.estimatePdf;
  return text.step((stage.stepLabel ?? stage.stage).toLowerCase());
}

/** Nothing happened in the period: no one opened the widget, no dialog, no manager asked for. */
export const isEmpty = (view: DashboardView) =>
  view.funnel.every((stage) => stage.count === 0) &&
  view.dialogs.started === 0 &&
  view.firstReply.answered + view.firstReply.unanswered === 0;
