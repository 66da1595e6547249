import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, addManager, logInAs, STRONG_PASSWORD, signUpOwner } from '../../../test/support/clients.ts';
import { visitor, type WidgetSession, widgetKeyOf } from '../../../test/support/widget.ts';
import { auditLog, tenants } from '../../db/schema.ts';
import { tenantFromWidgetKey } from '../tenants/tenantResolver.ts';
import { bootstrapPlatform } from './bootstrap.ts';

let ctx: TestContext;
let admin: ApiClient;
beforeAll(async () => {
  ctx = await createTestApp();
  await bootstrapPlatform(ctx.db, { adminEmail: 'operator@aimax.test', adminPassword: STRONG_PASSWORD });
  admin = await logInAs(ctx.app, 'operator@aimax.test', STRONG_PASSWORD);
});

describe('GET /api/platform/tenants', () => {
  it('lists every company, newest first, with plan, expiry, owner and team size', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Список Строй' });
    await addManager(ctx.app, owner);
    const list = (await admin.get('/api/platform/tenants')).json();
    expect(list.total).toBeGreaterThanOrEqual(2);
    expect(list.tenants[0]).toEqual({
      id: owner.session.tenant?.id,
      name: 'Список Строй',
      plan: 'free',
      planExpiresAt: null,
      status: 'active',
      createdAt: expect.any(String),
      membersCount: 2,
      ownerEmail: owner.session.user.email,
      sessionsThisMonth: 0,
      messagesThisMonth: 0,
    });
    expect(list.tenants.map((t: { name: string }) => t.name)).toContain('Ремонт Плюс (демо)');
  });

  it('searches by name, filters by status and pages', async () => {
    const unique = `Искомая-${Date.now()}`;
    await signUpOwner(ctx.app, { companyName: `${unique} 1` });
    await signUpOwner(ctx.app, { companyName: `${unique} 2` });
    const found = (await admin.get(`/api/platform/tenants?q=${encodeURIComponent(unique.toLowerCase())}`)).json();
    expect(found.total).toBe(2);
    const page = (await admin.get(`/api/platform/tenants?q=${encodeURIComponent(unique)}&limit=1&offset=1`)).json();
    expect(page).toMatchObject({ total: 2, tenants: [{ name: `${unique} 1` }] });
    const owner = await signUpOwner(ctx.app, { companyName: 'Без подсказки в названии' });
    const byOwner = (await admin.get(`/api/platform/tenants?q=${encodeURIComponent(owner.session.user.email)}`)).json();
    expect(byOwner.tenants.map((t: { id: string }) => t.id)).toEqual([owner.session.tenant?.id]);
    const wildcard = (await admin.get('/api/platform/tenants?q=%25')).json();
    expect(wildcard.total).toBe(0);
    const bad = await admin.get('/api/platform/tenants?limit=1000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ limit: 'limit: от 1 до 200' });
  });

  it('records each look in the audit log', async () => {
    await admin.get('/api/platform/tenants');
    const entries = await ctx.db.withPlatform({ actorUserId: null, action: 'test.audit' }, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'platform.tenants_listed')),
    );
    expect(entries.some((e) => e.actorUserId === admin.session.user.id)).toBe(true);
  });
});

describe('suspending and reactivating a tenant', () => {
  it("signs the company's people out, stops its widget key, and brings both back", async () => {
    const owner = await signUpOwner(ctx.app);
    const tenantId = owner.session.tenant?.id as string;
    const [{ widgetKey }] = (await ctx.db.withTenant(tenantId, (tx) =>
      tx.select({ widgetKey: tenants.widgetKey }).from(tenants),
    )) as [{ widgetKey: string }];
    expect(await tenantFromWidgetKey(ctx.db, widgetKey)).toMatchObject({ id: tenantId });

    const suspended = await admin.post(`/api/platform/tenants/${tenantId}/suspend`);
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ id: tenantId, status: 'suspended' });
    expect((await owner.get('/api/auth/session')).statusCode).toBe(401);
    expect(await tenantFromWidgetKey(ctx.db, widgetKey)).toBeNull();

    const reactivated = await admin.post(`/api/platform/tenants/${tenantId}/reactivate`);
    expect(reactivated.json()).toMatchObject({ status: 'active' });
    expect(await tenantFromWidgetKey(ctx.db, widgetKey)).toMatchObject({ id: tenantId });
    expect((await logInAs(ctx.app, owner.session.user.email, STRONG_PASSWORD)).session.tenant?.status).toBe('active');
  });

  it('answers 404 for an unknown tenant', async () => {
    const response = await admin.post('/api/platform/tenants/00000000-0000-4000-8000-000000000000/suspend');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({ code: 'NOT_FOUND', message: 'Компания не найдена' });
  });

  it('is for the superadmin only', async () => {
    const owner = await signUpOwner(ctx.app);
    const response = await owner.post(`/api/platform/tenants/${owner.session.tenant?.id}/suspend`);
    expect(response.statusCode).toBe(403);
    expect((await owner.get('/api/auth/session')).json().tenant.status).toBe('active');
  });
});

describe('a tenant’s plan and usage', () => {
  const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

  it('shows the superadmin a company’s usage, in the list and in full', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Считаем Визиты' });
    const tenantId = owner.session.tenant?.id as string;
    const client = visitor(ctx.app, await widgetKeyOf(ctx, owner));
    const session = (await client.start()).json<WidgetSession>();
    await client.message(session, 'Вопрос');

    const list = (await admin.get(`/api/platform/tenants?q=${encodeURIComponent('Считаем Визиты')}`)).json();
    expect(list.tenants[0]).toMatchObject({ id: tenantId, sessionsThisMonth: 1, messagesThisMonth: 1 });
    const usage = await admin.get(`/api/platform/tenants/${tenantId}/usage`);
    expect(usage.statusCode).toBe(200);
    expect(usage.json()).toMatchObject({
      plan: { id: 'free' },
      usage: [
        { resource: 'sessions', used: 1 },
        { resource: 'messages', used: 1 },
        { resource: 'tokens' },
        { resource: 'storageBytes' },
      ],
    });
    expect((await owner.get(`/api/platform/tenants/${tenantId}/usage`)).statusCode).toBe(403);
  });

  it('lets the superadmin put a company on a plan until a date, audited, and back on Free', async () => {
    const owner = await signUpOwner(ctx.app);
    const tenantId = owner.session.tenant?.id as string;
    const year = new Date().getFullYear() + 1;
    const paidThrough = `${year}-12-04`;
    // Paid through 4 December: to the end of that day in Moscow (UTC+3), which the panel and the
    // emails then name as 4 December.
    const until = `${year}-12-04T20:59:59.999Z`;
    const changed = await admin.post(`/api/platform/tenants/${tenantId}/plan`, { plan: 'business', paidThrough });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: tenantId, plan: 'business', planExpiresAt: until });
    expect((await owner.get('/api/billing')).json()).toMatchObject({
      plan: { id: 'business' },
      purchased: { id: 'business', expiresAt: until, expired: false },
    });
    const [entry] = await ctx.db.withPlatform({ actorUserId: null, action: 'test.audit' }, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'platform.plan_changed'), sql`${auditLog.details}->>'tenantId' = ${tenantId}`)),
    );
    expect(entry).toMatchObject({
      actorUserId: admin.session.user.id,
      details: { tenantId, plan: 'business', paidThrough },
    });

    const back = await admin.post(`/api/platform/tenants/${tenantId}/plan`, { plan: 'free', paidThrough });
    expect(back.json()).toMatchObject({ plan: 'free', planExpiresAt: null });
  });

  it('explains what is wrong and changes nothing', async () => {
    const owner = await signUpOwner(ctx.app);
    const tenantId = owner.session.tenant?.id as string;
    const past = await admin.post(`/api/platform/tenants/${tenantId}/plan`, {
      plan: 'start',
      paidThrough: '2020-01-31',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toEqual({ paidThrough: 'Дата окончания тарифа должна быть сегодня или позже' });
    const notADay = await admin.post(`/api/platform/tenants/${tenantId}/plan`, {
      plan: 'start',
      paidThrough: new Date().toISOString(),
    });
    expect(notADay.statusCode).toBe(400);
    const unknown = await admin.post(`/api/platform/tenants/${tenantId}/plan`, { plan: 'gold', paidThrough: null });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({ plan: 'Тариф: free, start, business или enterprise' });
    expect((await owner.get('/api/billing')).json().purchased).toEqual({ id: 'free', expiresAt: null, expired: false });

    const nobody = await admin.post('/api/platform/tenants/00000000-0000-4000-8000-000000000000/plan', {
      plan: 'start',
      paidThrough: inAMonth(),
    });
    expect(nobody.statusCode).toBe(404);
    const byOwner = await owner.post(`/api/platform/tenants/${tenantId}/plan`, {
      plan: 'enterprise',
      paidThrough: inAMonth(),
    });
    expect(byOwner.statusCode).toBe(403);
    expect((await owner.get('/api/billing')).json().plan.id).toBe('free');
  });
});

describe('tenantFromWidgetKey', () => {
  it('knows nothing of a key that was never issued', async () => {
    expect(await tenantFromWidgetKey(ctx.db, 'wk_unknown')).toBeNull();
  });
});
