// First run: the platform's superadmin and a demo tenant, so a fresh install can be signed into
// and `/` has a company to show. Safe to run on every start and from several instances at once.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { tenants, users } from '../../db/schema.ts';
import { hashPassword } from '../auth/passwords.ts';
import { randomToken } from '../auth/sessions.ts';
import { createTenant } from '../tenants/service.ts';

export const DEMO_TENANT_SLUG = 'demo';
export const DEMO_TENANT_NAME = 'Ремонт Плюс (демо)';

export interface BootstrapResult {
  /** Set only when this run created the superadmin with a generated password: print it once. */
  generatedAdminPassword: string | null;
  adminCreated: boolean;
}

export async function bootstrapPlatform(
  db: Database,
  options: { adminEmail: string; adminPassword: string | undefined },
): Promise<BootstrapResult> {
  const access = { actorUserId: null, action: 'platform.bootstrap' };
  const hasAdmin = await db.withIdentity(async (tx) => {
    const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'superadmin')).limit(1);
    return Boolean(admin);
  });
  let result: BootstrapResult = { generatedAdminPassword: null, adminCreated: false };
  if (!hasAdmin) {
    const password = options.adminPassword ?? randomToken(12);
    const passwordHash = await hashPassword(password);
    const created = await db.withPlatform(access, (tx) =>
      tx
        .insert(users)
        .values({ email: options.adminEmail, name: 'Администратор платформы', role: 'superadmin', passwordHash })
        .onConflictDoNothing()
        .returning({ id: users.id }),
    );
    // Another instance may have won the race; only the one that inserted knows the password.
    if (created.length > 0) {
      result = { adminCreated: true, generatedAdminPassword: options.adminPassword ? null : password };
    }
  }

  const hasDemo = await db.withIdentity(async (tx) => {
    const [demo] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, DEMO_TENANT_SLUG)).limit(1);
    return Boolean(demo);
  });
  if (!hasDemo) {
    const id = randomUUID();
    await db
      .withTenant(id, (tx) => createTenant(tx, { id, name: DEMO_TENANT_NAME, slug: DEMO_TENANT_SLUG }))
      .catch((error: unknown) => {
        // A concurrent start created it first: the slug's unique constraint said so.
        if (!isUniqueViolation(error, 'tenants_slug_unique')) throw error;
      });
  }
  return result;
}
