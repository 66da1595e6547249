// The conversion dashboard of a company for a period of its days: the funnel, leads per day, the
// dialogs the AI handled alone against those a manager took over, and how soon managers answer.
// It reads only its own tables, written as things happen (funnel_events and funnel_daily by the
// widget's API, manager_waits by the database's triggers): a period's figures are a few range
// reads, whatever the number of sessions (bench/dashboard).
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';
import type { FunnelStage } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { getWidgetSettings } from '../branding/service.ts';
import { enabledSteps, funnelOf, isBuiltIn } from '../funnel/funnel.ts';
import { STEP_LABELS, type StepId } from '../funnel/schemas.ts';
import { stepStage } from './funnelEvents.ts';
import { DASHBOARD_MAX_DAYS, type DashboardQuery, type DashboardView, type FunnelStageView } from './schemas.ts';

const DAY_MS = 86_400_000;
const PRESET_DAYS = { today: 1, '7d': 7, '30d': 30 } as const;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (number: number) => new Date(number * DAY_MS).toISOString().slice(0, 10);

/** The period's first and last day: a preset ends today (in the company's zone), a custom one is checked. */
function periodOf(query: DashboardQuery, today: string): { from: string; to: string } {
  if (query.from === undefined && query.to === undefined) {
    const days = PRESET_DAYS[query.period ?? '30d'];
    return { from: dayOf(dayNumber(today) - days + 1), to: today };
  }
  if (query.period !== undefined) {
    throw new AppError('DASHBOARD_PERIOD_INVALID', { fields: { period: 'Укажите либо период, либо даты «с» и «по»' } });
  }
  if (query.from === undefined || query.to === undefined) {
    const missing = query.from === undefined ? 'from' : 'to';
    throw new AppError('DASHBOARD_PERIOD_INVALID', { fields: { [missing]: 'Укажите обе даты периода: «с» и «по»' } });
  }
  const days = dayNumber(query.to) - dayNumber(query.from) + 1;
  if (days < 1) throw new AppError('DASHBOARD_PERIOD_INVALID', { fields: { to: 'Дата «по» раньше даты «с»' } });
  if (days > DASHBOARD_MAX_DAYS) {
    throw new AppError('DASHBOARD_PERIOD_INVALID', {
      message: 'Период слишком длинный: выберите не больше года',
      fields: { to: 'Не больше года от даты «с»' },
    });
  }
  return { from: query.from, to: query.to };
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** The stages the company's funnel has now: its switched-off steps are not stages, so lose no one. */
function stagesOf(steps: StepId[]): { stage: FunnelStage; stepId: StepId | null }[] {
  return [
    { stage: 'opened', stepId: null },
    { stage: 'started', stepId: null },
    ...steps
      .filter((id) => id !== 'contacts')
      .map((id) => ({ stage: stepStage(id as Exclude<StepId, 'contacts'>), stepId: id })),
    { stage: 'contacts', stepId: null },
    { stage: 'estimate_pdf', stepId: null },
  ];
}

export async function getConversionDashboard(
  tx: Tx,
  ctx: { tenantId: string },
  query: DashboardQuery,
): Promise<DashboardView> {
  const settings = await getWidgetSettings(tx, ctx.tenantId);
  const timezone = settings.timezone;
  const [clock] = await queryRows<{ today: string }>(
    tx,
    sql`select to_char((now() at time zone ${timezone})::date, 'YYYY-MM-DD') as today`,
  );
  const { from, to } = periodOf(query, clock?.today as string);
  // The period's ends as instants: the company's midnights.
  const start = sql`(${from}::date::timestamp at time zone ${timezone})`;
  const end = sql`((${to}::date + 1)::timestamp at time zone ${timezone})`;

  const daily = await queryRows<{ day: string; stage: FunnelStage; sessions: number }>(
    tx,
    sql`select to_char(day, 'YYYY-MM-DD') as day, stage, sessions from funnel_daily
        where tenant_id = ${ctx.tenantId} and day between ${from}::date and ${to}::date`,
  );

  // The dialogs with a manager, as the database keeps them (`manager_waits`, drizzle/0022): those
  // started in the period that a manager took over, and those whose wait for a manager (the first
  // call, or the takeover when a manager joined unasked) began in the period, with the first reply.
  const [handled] = await queryRows<{ takenOver: number; answered: number; unanswered: number; median: number | null }>(
    tx,
    sql`select (select count(*)::int from manager_waits
                where tenant_id = ${ctx.tenantId} and taken_at is not null
                  and started_at >= ${start} and started_at < ${end}) as "takenOver",
               count(answered_at)::int as answered,
               (count(*) - count(answered_at))::int as unanswered,
               percentile_cont(0.5) within group (order by extract(epoch from answered_at - waited_from)::float8) as median
        from manager_waits
        where tenant_id = ${ctx.tenantId} and waited_from >= ${start} and waited_from < ${end}`,
  );

  const totals = new Map<FunnelStage, number>();
  const leads = new Map<string, number>();
  for (const row of daily) {
    totals.set(row.stage, (totals.get(row.stage) ?? 0) + row.sessions);
    if (row.stage === 'contacts') leads.set(row.day, row.sessions);
  }

  const funnel: FunnelStageView[] = [];
  // The company's own questions have no stages of their own: the chart is of the renovation funnel.
  for (const { stage, stepId } of stagesOf(enabledSteps(funnelOf(settings)).filter(isBuiltIn))) {
    const count = totals.get(stage) ?? 0;
    const previous = funnel.at(-1);
    funnel.push({
      stage,
      stepLabel: stepId ? STEP_LABELS[stepId] : null,
      count,
      ofPrevious: previous ? percent(count, previous.count) : null,
      ofFirst: percent(count, funnel[0]?.count ?? count),
      lost: previous ? Math.max(0, previous.count - count) : 0,
    });
  }
  const worst = funnel.reduce<FunnelStageView | null>(
    (most, stage) => (stage.lost > (most?.lost ?? 0) ? stage : most),
    null,
  );

  const first = dayNumber(from);
  const leadsPerDay = Array.from({ length: dayNumber(to) - first + 1 }, (_, index) => {
    const day = dayOf(first + index);
    return { day, leads: leads.get(day) ?? 0 };
  });
  const started = totals.get('started') ?? 0;
  const takenOver = handled?.takenOver ?? 0;

  return {
    period: { from, to, preset: query.from === undefined ? (query.period ?? '30d') : null, timezone },
    funnel,
    biggestDropOff: worst?.stage ?? null,
    leadsPerDay,
    dialogs: { started, aiOnly: Math.max(0, started - takenOver), takenOver },
    firstReply: {
      medianSeconds:
        handled?.median === null || handled?.median === undefined ? null : Math.round(handled.median * 10) / 10,
      answered: handled?.answered ?? 0,
      unanswered: handled?.unanswered ?? 0,
    },
  };
}
