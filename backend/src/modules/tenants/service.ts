// Tenants: the companies that use AI Max. A tenant is created with its first owner (sign-up) or by
// the platform (the demo tenant); both paths go through createTenant.
import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { type Plan, type TenantStatus, tenants } from '../../db/schema.ts';
import { randomToken } from '../auth/sessions.ts';

export interface TenantSummary {
  id: string;
  name: string;
  plan: Plan;
  planExpiresAt: Date | null;
  status: TenantStatus;
  widgetKey: string;
  createdAt: Date;
}

const summaryColumns = {
  id: tenants.id,
  name: tenants.name,
  plan: tenants.plan,
  planExpiresAt: tenants.planExpiresAt,
  status: tenants.status,
  widgetKey: tenants.widgetKey,
  createdAt: tenants.createdAt,
};

/** Widget keys are public (they sit in landing pages' HTML) but must not be guessable. */
export const newWidgetKey = () => `wk_${randomToken(18)}`;

/** Inserts a tenant on the Free plan. Call inside `withTenant(id, …)` for the new id. */
export async function createTenant(
  tx: Tx,
  options: { id: string; name: string; slug?: string },
): Promise<TenantSummary> {
  const [tenant] = await tx
    .insert(tenants)
    .values({ id: options.id, name: options.name, slug: options.slug, widgetKey: newWidgetKey() })
    .returning(summaryColumns);
  if (!tenant) throw new Error('createTenant: insert returned no row');
  return tenant;
}

export async function getTenant(tx: Tx, tenantId: string): Promise<TenantSummary | null> {
  const [tenant] = await tx.select(summaryColumns).from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  return tenant ?? null;
}

/**
 * Records that the company's widget was loaded on `origin`, a site other than the platform's own:
 * the proof it is installed. Written at most once an hour for the same site.
 */
export async function recordWidgetSeen(tx: Tx, options: { tenantId: string; origin: string }): Promise<void> {
  await tx
    .update(tenants)
    .set({ widgetSeenOrigin: options.origin, widgetSeenAt: sql`now()` })
    .where(
      and(
        eq(tenants.id, options.tenantId),
        or(
          isNull(tenants.widgetSeenAt),
          ne(tenants.widgetSeenOrigin, options.origin),
          lt(tenants.widgetSeenAt, sql`now() - interval '1 hour'`),
        ),
      ),
    );
}
