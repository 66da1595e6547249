// tenantResolver: which tenant a request acts for. The admin API takes it from the signed-in
// user's session (see plugins/auth.ts); the widget API from the public widget key.
import { and, eq } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Database } from '../../db/database.ts';
import { tenants } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { AuthSession } from '../auth/sessions.ts';

export interface ResolvedTenant {
  id: string;
  name: string;
}

/** The tenant of a signed-in member; superadmins belong to none and are refused. */
export function tenantFromSession(session: AuthSession): ResolvedTenant {
  if (!session.tenant) throw new AppError('FORBIDDEN');
  return { id: session.tenant.id, name: session.tenant.name };
}

/** The active tenant a widget key belongs to, or null for an unknown key or a suspended tenant. */
export async function tenantFromWidgetKey(db: Database, widgetKey: string): Promise<ResolvedTenant | null> {
  const [tenant] = await db.withIdentity((tx) =>
    tx
      .select({ id: tenants.id, name: tenants.name })
      .from(tenants)
      .where(and(eq(tenants.widgetKey, widgetKey), eq(tenants.status, 'active')))
      .limit(1),
  );
  return tenant ?? null;
}

export type WidgetKeyResolver = (widgetKey: string) => Promise<ResolvedTenant | null>;

/**
 * tenantFromWidgetKey with a short memory: the widget asks on every call, and the answer rarely
 * changes. Only known keys are remembered (random keys cannot fill the cache); a suspension
 * reaches the widget within `ttlMs`.
 */
export function cachedWidgetKeys(db: Database, options: { ttlMs: number; max?: number }): WidgetKeyResolver {
  const cache = new LRUCache<string, ResolvedTenant>({ max: options.max ?? 10_000, ttl: options.ttlMs });
  return async (widgetKey) => {
    const known = cache.get(widgetKey);
    if (known) return known;
    const tenant = await tenantFromWidgetKey(db, widgetKey);
    if (tenant) cache.set(widgetKey, tenant);
    return tenant;
  };
}
