// tenantResolver: which tenant a request acts for. The admin API takes it from the signed-in
// user's session (see plugins/auth.ts); the widget API from the public widget key.
import { and, eq } from 'drizzle-orm';
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
