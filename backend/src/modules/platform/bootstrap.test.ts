import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { logInAs, STRONG_PASSWORD } from '../../../test/support/clients.ts';
import { tenants, users } from '../../db/schema.ts';
import { bootstrapPlatform, DEMO_TENANT_SLUG } from './bootstrap.ts';

const platform = { actorUserId: null, action: 'test.inspect' };

describe('bootstrapPlatform', () => {
  it('creates the superadmin with a generated password once, and a demo tenant with a widget key', async () => {
    const { app, db } = await createTestApp();
    const first = await bootstrapPlatform(db, { adminEmail: 'boss@aimax.test', adminPassword: undefined });
    expect(first.adminCreated).toBe(true);
    expect(first.generatedAdminPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const admin = await logInAs(app, 'boss@aimax.test', first.generatedAdminPassword as string);
    expect(admin.session.user.role).toBe('superadmin');

    const again = await bootstrapPlatform(db, { adminEmail: 'boss@aimax.test', adminPassword: undefined });
    expect(again).toEqual({ adminCreated: false, generatedAdminPassword: null });

    const demos = await db.withPlatform(platform, (tx) =>
      tx.select().from(tenants).where(eq(tenants.slug, DEMO_TENANT_SLUG)),
    );
    expect(demos).toHaveLength(1);
    expect(demos[0]?.widgetKey).toMatch(/^wk_[A-Za-z0-9_-]{24}$/);
    expect(demos[0]?.plan).toBe('free');
  });

  it('uses ADMIN_PASSWORD when given and never prints it', async () => {
    const { app, db } = await createTestApp();
    const result = await bootstrapPlatform(db, { adminEmail: 'given@aimax.test', adminPassword: STRONG_PASSWORD });
    expect(result).toEqual({ adminCreated: true, generatedAdminPassword: null });
    expect((await logInAs(app, 'given@aimax.test', STRONG_PASSWORD)).session.user.role).toBe('superadmin');
  });

  it('is safe when two instances start at once', async () => {
    const { db } = await createTestApp();
    const results = await Promise.all(
      [1, 2].map(() => bootstrapPlatform(db, { adminEmail: 'race@aimax.test', adminPassword: undefined })),
    );
    expect(results.filter((r) => r.adminCreated)).toHaveLength(1);
    const admins = await db.withPlatform(platform, (tx) => tx.select().from(users).where(eq(users.role, 'superadmin')));
    const demos = await db.withPlatform(platform, (tx) =>
      tx.select().from(tenants).where(eq(tenants.slug, DEMO_TENANT_SLUG)),
    );
    expect([admins.length, demos.length]).toEqual([1, 1]);
  });
});
