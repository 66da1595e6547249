// The conversion funnel's events: when a session first reached each stage, written by the widget's
// API in the transaction of what happened (a session started, an answer accepted, a lead created,
// the estimate PDF handed out). One row per session and stage, so a reload, a double click or a
// changed answer counts nothing twice; each new row is also counted on its day in `funnel_daily`,
// in the company's time zone, by the same statement, which keeps the dashboard's reads small.
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import type { FunnelStage } from '../../db/schema.ts';
import { stepOrder } from '../funnel/rules.ts';
import { type FunnelConfig, STEP_ORDER, type StepId } from '../funnel/schemas.ts';

const isStageStep = (id: string): id is Exclude<StepId, 'contacts'> =>
  id !== 'contacts' && (STEP_ORDER as readonly string[]).includes(id);

/** The stage of passing a funnel step; contacts are the `contacts` stage (the lead). */
export const stepStage = (stepId: Exclude<StepId, 'contacts'>): FunnelStage => `step:${stepId}` as FunnelStage;

/**
 * The stages an accepted answer to `stepId` reaches: the dialog started, the step itself, and the
 * steps before it that the company had switched off, which the visitor passed without a question
 * (so that turning a step on again later does not show those visitors as lost at it). The contacts
 * step's own stage is the lead, recorded when it is created. The company's own questions have no
 * stage: the dashboard charts the renovation funnel.
 */
export function stagesOfAnswer(config: FunnelConfig, stepId: string): FunnelStage[] {
  const stages: FunnelStage[] = ['started'];
  for (const id of stepOrder(config)) {
    if (id === stepId || id === 'contacts') break;
    if (isStageStep(id) && !config.steps[id].enabled) stages.push(stepStage(id));
  }
  if (isStageStep(stepId)) stages.push(stepStage(stepId));
  return stages;
}

/**
 * Records that the session reached `stages` (now, or `at`), each once: a stage it reached before
 * keeps its first time. Runs in the caller's transaction. Rows are written in the order of their
 * stage, so two transactions counting the same days lock them in the same order.
 */
export async function recordFunnelStages(
  tx: Tx,
  options: { tenantId: string; sessionId: string; stages: readonly FunnelStage[]; at?: Date },
): Promise<void> {
  const stages = [...new Set(options.stages)].sort();
  if (stages.length === 0) return;
  const at: SQL = options.at ? sql`${options.at.toISOString()}::timestamptz` : sql`now()`;
  const rows = sql.join(
    stages.map((stage) => sql`(${options.tenantId}::uuid, ${options.sessionId}::uuid, ${stage}, ${at})`),
    sql`, `,
  );
  await tx.execute(sql`
    with reached as (
      insert into funnel_events (tenant_id, session_id, stage, occurred_at) values ${rows}
      on conflict (session_id, stage) do nothing
      returning tenant_id, stage, occurred_at
    )
    insert into funnel_daily (tenant_id, day, stage, sessions)
    select reached.tenant_id, (reached.occurred_at at time zone tenants.timezone)::date, reached.stage, count(*)
    from reached join tenants on tenants.id = reached.tenant_id
    group by 1, 2, 3
    order by 3, 2
    on conflict (tenant_id, day, stage) do update set sessions = funnel_daily.sessions + excluded.sessions`);
}
