// limitsService: what a tenant may still use this month, and using it. Monthly resources live in
// tenant_usage, one row per tenant per calendar month in the tenant's time zone. `consume` adds
// only if the sum stays within the limit, in one conditional upsert: concurrent requests queue on
// the row and each re-checks the sum, so the limit is never passed. Tokens are known only after
// a reply, so they are `record`ed then, and the next reply is refused once they are spent.
import { and, eq, ne, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';
import { files, type Plan, tenants, tenantUsage } from '../../db/schema.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import { effectivePlan, type MonthlyResource, type PlanDefinition, type Resource } from './plans.ts';

const column = {
  sessions: tenantUsage.sessions,
  messages: tenantUsage.messages,
  tokens: tenantUsage.tokens,
  limitedSessions: tenantUsage.limitedSessions,
} as const;

type Counter = keyof typeof column;

export interface TenantPlan {
  /** The plan in force. */
  plan: PlanDefinition;
  /** The plan bought, which an expired term no longer puts in force. */
  purchased: Plan;
  timezone: string;
  planExpiresAt: Date | null;
}

export async function tenantPlan(tx: Tx, tenantId: string): Promise<TenantPlan> {
  const [tenant] = await tx
    .select({ plan: tenants.plan, planExpiresAt: tenants.planExpiresAt, timezone: tenants.timezone })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error(`tenantPlan: tenant ${tenantId} is not visible`);
  return {
    plan: effectivePlan(tenant),
    purchased: tenant.plan,
    timezone: tenant.timezone,
    planExpiresAt: tenant.planExpiresAt,
  };
}

/** The first day of the current month where the tenant is. */
const currentPeriod = (timezone: string) => sql`date_trunc('month', now() at time zone ${timezone})::date`;

async function ensureUsageRow(tx: Tx, tenantId: string, timezone: string): Promise<void> {
  await tx
    .insert(tenantUsage)
    .values({ tenantId, periodStart: currentPeriod(timezone) })
    .onConflictDoNothing({ target: [tenantUsage.tenantId, tenantUsage.periodStart] });
}

const thisMonth = (tenantId: string, timezone: string) =>
  and(eq(tenantUsage.tenantId, tenantId), eq(tenantUsage.periodStart, currentPeriod(timezone)));

/** What the limits depend on. Callers on a hot path pass it (from settings they hold) to save a query. */
export type PlanInForce = Pick<TenantPlan, 'plan' | 'timezone'>;

export interface Consumption {
  ok: boolean;
  used: number;
  limit: number;
}

async function usedThisMonth(tx: Tx, tenantId: string, timezone: string, counter: Counter): Promise<number> {
  const [current] = await tx.select({ used: column[counter] }).from(tenantUsage).where(thisMonth(tenantId, timezone));
  return Number(current?.used ?? 0);
}

/**
 * Adds `amount` to this month's `resource` if that stays within the plan's limit, and, with
 * `whileLeft`, only while some of that other resource is left too (a message is answered only
 * while tokens remain). One statement: the month's row is created with the amount, or updated
 * under its row lock with the condition re-checked, so concurrent callers never pass the limit.
 */
export async function consume(
  tx: Tx,
  options: {
    tenantId: string;
    resource: MonthlyResource;
    amount: number;
    whileLeft?: MonthlyResource;
    plan?: PlanInForce;
  },
): Promise<Consumption> {
  const { plan, timezone } = options.plan ?? (await tenantPlan(tx, options.tenantId));
  const limit = plan.limits[options.resource];
  const counter = column[options.resource];
  const fits = options.amount <= limit && (!options.whileLeft || plan.limits[options.whileLeft] > 0);
  if (fits) {
    const whileLeft = options.whileLeft;
    const [updated] = await tx
      .insert(tenantUsage)
      .values({ tenantId: options.tenantId, periodStart: currentPeriod(timezone), [options.resource]: options.amount })
      .onConflictDoUpdate({
        target: [tenantUsage.tenantId, tenantUsage.periodStart],
        set: { [options.resource]: sql`${counter} + ${options.amount}`, updatedAt: sql`now()` },
        setWhere: and(
          sql`${counter} + ${options.amount} <= ${limit}`,
          whileLeft ? sql`${column[whileLeft]} < ${plan.limits[whileLeft]}` : undefined,
        ),
      })
      .returning({ used: counter });
    if (updated) return { ok: true, used: Number(updated.used), limit };
  }
  return { ok: false, used: await usedThisMonth(tx, options.tenantId, timezone, options.resource), limit };
}

/** Adds `amount` whatever the limit: what was already spent (tokens of a reply given). */
export async function record(
  tx: Tx,
  options: { tenantId: string; counter: Counter; amount: number; timezone?: string },
): Promise<void> {
  if (options.amount <= 0) return;
  const timezone = options.timezone ?? (await tenantPlan(tx, options.tenantId)).timezone;
  const counter = column[options.counter];
  await tx
    .insert(tenantUsage)
    .values({ tenantId: options.tenantId, periodStart: currentPeriod(timezone), [options.counter]: options.amount })
    .onConflictDoUpdate({
      target: [tenantUsage.tenantId, tenantUsage.periodStart],
      set: { [options.counter]: sql`${counter} + ${options.amount}`, updatedAt: sql`now()` },
    });
}

/** Whether some of this month's `resource` is left. */
export async function check(tx: Tx, options: { tenantId: string; resource: MonthlyResource }): Promise<Consumption> {
  const { plan, timezone } = await tenantPlan(tx, options.tenantId);
  const limit = plan.limits[options.resource];
  const used = await usedThisMonth(tx, options.tenantId, timezone, options.resource);
  return { ok: used < limit, used, limit };
}

/** Bytes of files the tenant holds; our invoices to it are ours to keep, not its storage. */
export async function storageUsed(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ bytes: sql<string>`coalesce(sum(${files.size}), 0)` })
    .from(files)
    .where(and(eq(files.tenantId, tenantId), ne(files.kind, 'invoice')));
  return Number(row?.bytes ?? 0);
}

/** What a tenant holds rather than spends in a month; each comes with its error when full. */
const HELD = {
  storageBytes: 'STORAGE_LIMIT_REACHED',
  kbDocuments: 'KB_DOCUMENTS_LIMIT_REACHED',
} as const satisfies Partial<Record<Resource, ErrorCode>>;

export type HeldResource = keyof typeof HELD;

/**
 * Refuses to add `adding` to what the tenant holds (`held`, counted inside the transaction) past
 * the plan's limit. Holding this month's usage row locked until the transaction ends keeps two
 * additions from both fitting into the last of the room.
 */
export async function ensureRoom(
  tx: Tx,
  options: { tenantId: string; resource: HeldResource; adding: number; held: (tx: Tx) => Promise<number> },
): Promise<void> {
  const { plan, timezone } = await tenantPlan(tx, options.tenantId);
  await ensureUsageRow(tx, options.tenantId, timezone);
  await tx
    .select({ tenantId: tenantUsage.tenantId })
    .from(tenantUsage)
    .where(thisMonth(options.tenantId, timezone))
    .for('update');
  const held = await options.held(tx);
  if (held + options.adding > plan.limits[options.resource]) throw new AppError(HELD[options.resource]);
}

export const ensureStorageRoom = (tx: Tx, options: { tenantId: string; adding: number }) =>
  ensureRoom(tx, { ...options, resource: 'storageBytes', held: (inner) => storageUsed(inner, options.tenantId) });

export interface UsageReport {
  plan: PlanDefinition;
  purchased: Plan;
  planExpiresAt: Date | null;
  periodStart: string;
  sessions: number;
  limitedSessions: number;
  messages: number;
  tokens: number;
  storageBytes: number;
}

export async function usageReport(tx: Tx, tenantId: string): Promise<UsageReport> {
  const { plan, purchased, timezone, planExpiresAt } = await tenantPlan(tx, tenantId);
  const [period] = await queryRows<{ start: string }>(tx, sql`select ${currentPeriod(timezone)}::text as start`);
  const [usage] = await tx
    .select({
      sessions: tenantUsage.sessions,
      limitedSessions: tenantUsage.limitedSessions,
      messages: tenantUsage.messages,
      tokens: tenantUsage.tokens,
    })
    .from(tenantUsage)
    .where(thisMonth(tenantId, timezone));
  return {
    plan,
    purchased,
    planExpiresAt,
    periodStart: period?.start ?? '',
    sessions: usage?.sessions ?? 0,
    limitedSessions: usage?.limitedSessions ?? 0,
    messages: usage?.messages ?? 0,
    tokens: Number(usage?.tokens ?? 0),
    storageBytes: await storageUsed(tx, tenantId),
  };
}
