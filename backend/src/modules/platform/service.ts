// What the platform operator (superadmin) sees and does across tenants. Every function here
// runs through `withPlatform`, so each use leaves an audit_log entry.

import { and, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { PlatformContext } from '../../context.ts';
import { type Database, queryRows } from '../../db/database.ts';
import { type Plan, sessions, type TenantStatus, tenants, tenantUsage, users } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { escapeLike } from '../../lib/like.ts';
import { usageReport } from '../billing/limitsService.ts';
import { endOfMoscowDay } from '../billing/paidTerm.ts';
import type { TenantSummary } from '../tenants/service.ts';

export interface PlatformTenant extends Omit<TenantSummary, 'widgetKey'> {
  membersCount: number;
  ownerEmail: string | null;
  sessionsThisMonth: number;
  messagesThisMonth: number;
}

// Correlated subqueries are written with explicit aliases: in a one-table select, Drizzle renders
// columns unqualified, which would make `tenant_id = id` compare a user's columns with each other.
const ownerEmail = sql<string | null>`(
  select member.email from ${users} as member
  where member.tenant_id = ${tenants}.id and member.role = 'owner'
  order by member.created_at limit 1)`;
const membersCount = sql<number>`(select count(*)::int from ${users} as member where member.tenant_id = ${tenants}.id)`;
const thisMonthUsage = (counter: 'sessions' | 'messages') =>
  sql<number>`coalesce((
    select usage.${sql.raw(counter)} from ${tenantUsage} as usage
    where usage.tenant_id = ${tenants}.id
      and usage.period_start = date_trunc('month', now() at time zone ${tenants}.timezone)::date), 0)`;

const platformTenantColumns = {
  id: tenants.id,
  name: tenants.name,
  plan: tenants.plan,
  planExpiresAt: tenants.planExpiresAt,
  status: tenants.status,
  createdAt: tenants.createdAt,
  membersCount,
  ownerEmail,
  sessionsThisMonth: thisMonthUsage('sessions'),
  messagesThisMonth: thisMonthUsage('messages'),
};

export async function listTenants(
  db: Database,
  ctx: PlatformContext,
  options: { search?: string; status?: TenantStatus; limit: number; offset: number },
): Promise<{ tenants: PlatformTenant[]; total: number }> {
  return db.withPlatform({ actorUserId: ctx.actorId, action: 'platform.tenants_listed' }, async (tx) => {
    const pattern = options.search ? `%${escapeLike(options.search.trim())}%` : undefined;
    const where = and(
      pattern
        ? or(
            ilike(tenants.name, pattern),
            sql`exists (select 1 from ${users} as member
                        where member.tenant_id = ${tenants}.id and member.email ilike ${pattern})`,
          )
        : undefined,
      options.status ? eq(tenants.status, options.status) : undefined,
    );
    const rows = await tx
      .select(platformTenantColumns)
      .from(tenants)
      .where(where)
      .orderBy(desc(tenants.createdAt), tenants.id)
      .limit(options.limit)
      .offset(options.offset);
    const [total] = await tx.select({ value: count() }).from(tenants).where(where);
    return { tenants: rows, total: total?.value ?? 0 };
  });
}

/** Suspends or reactivates a tenant. Suspending signs its people out and stops its widget. */
export async function setTenantStatus(
  db: Database,
  ctx: PlatformContext,
  options: { tenantId: string; status: TenantStatus },
): Promise<PlatformTenant> {
  const action = options.status === 'suspended' ? 'platform.tenant_suspended' : 'platform.tenant_reactivated';
  const access = { actorUserId: ctx.actorId, action, details: { tenantId: options.tenantId } };
  return db.withPlatform(access, async (tx) => {
    const [tenant] = await tx
      .update(tenants)
      .set({ status: options.status, suspendedAt: options.status === 'suspended' ? sql`now()` : null })
      .where(eq(tenants.id, options.tenantId))
      .returning(platformTenantColumns);
    if (!tenant) throw new AppError('NOT_FOUND', { message: 'Компания не найдена' });
    if (options.status === 'suspended') await tx.delete(sessions).where(eq(sessions.tenantId, options.tenantId));
    return tenant;
  });
}

/** Puts a tenant on a plan by hand (a deal made outside the invoices), with the change audited. */
export async function setTenantPlan(
  db: Database,
  ctx: PlatformContext,
  options: { tenantId: string; plan: Plan; paidThrough: string | null },
): Promise<PlatformTenant> {
  const paidThrough = options.plan === 'free' ? null : options.paidThrough;
  const access = {
    actorUserId: ctx.actorId,
    action: 'platform.plan_changed',
    details: { tenantId: options.tenantId, plan: options.plan, paidThrough },
  };
  return db.withPlatform(access, async (tx) => {
    const expiresAt = paidThrough ? endOfMoscowDay(sql`${paidThrough}`) : null;
    if (expiresAt) {
      const [ahead] = await queryRows<{ ahead: boolean }>(tx, sql`select ${expiresAt} > now() as ahead`);
      if (!ahead?.ahead) {
        const message = 'Дата окончания тарифа должна быть сегодня или позже';
        throw new AppError('VALIDATION_FAILED', { message, fields: { paidThrough: message } });
      }
    }
    const [tenant] = await tx
      .update(tenants)
      .set({ plan: options.plan, planExpiresAt: expiresAt })
      .where(eq(tenants.id, options.tenantId))
      .returning(platformTenantColumns);
    if (!tenant) throw new AppError('NOT_FOUND', { message: 'Компания не найдена' });
    return tenant;
  });
}

export async function tenantUsageReport(db: Database, ctx: PlatformContext, options: { tenantId: string }) {
  const access = {
    actorUserId: ctx.actorId,
    action: 'platform.usage_viewed',
    details: { tenantId: options.tenantId },
  };
  return db.withPlatform(access, async (tx) => {
    const [tenant] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, options.tenantId));
    if (!tenant) throw new AppError('NOT_FOUND', { message: 'Компания не найдена' });
    return usageReport(tx, options.tenantId);
  });
}
