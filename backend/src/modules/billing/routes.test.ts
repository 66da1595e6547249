import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { addManager, signUpOwner } from '../../../test/support/clients.ts';
import { visitor, type WidgetSession, widgetKeyOf } from '../../../test/support/widget.ts';
import { tenants } from '../../db/schema.ts';
import { consume } from './limitsService.ts';
import { PLANS_CATALOGUE } from './plans.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});

const moscowMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit' }).format(new Date());

describe('GET /api/billing', () => {
  it('shows a new company its Free plan, a clean month, and every plan to compare', async () => {
    const owner = await signUpOwner(ctx.app);
    const response = await owner.get('/api/billing');
    expect(response.statusCode).toBe(200);
    const billing = response.json();
    const free = PLANS_CATALOGUE.free.limits;
    expect(billing).toMatchObject({
      plan: { id: 'free', name: 'Free', priceRub: 0, limits: free },
      purchased: { id: 'free', expiresAt: null, expired: false },
      period: { start: `${moscowMonth()}-01` },
      limitedSessions: 0,
    });
    expect(billing.period.end).toMatch(new RegExp(`^${moscowMonth()}-(28|29|30|31)$`));
    expect(billing.usage).toEqual([
      { resource: 'sessions', used: 0, limit: free.sessions, level: 'ok' },
      { resource: 'messages', used: 0, limit: free.messages, level: 'ok' },
      { resource: 'tokens', used: 0, limit: free.tokens, level: 'ok' },
      { resource: 'storageBytes', used: 0, limit: free.storageBytes, level: 'ok' },
    ]);
    expect(billing.plans.map((plan: { id: string }) => plan.id)).toEqual(['free', 'start', 'business', 'enterprise']);
    expect(billing.plans[3]).toMatchObject({ name: 'Enterprise', features: { whiteLabel: true } });
  });

  it('counts the month’s visitors and their messages as they come', async () => {
    const owner = await signUpOwner(ctx.app);
    const client = visitor(ctx.app, await widgetKeyOf(ctx, owner));
    const session = (await client.start()).json<WidgetSession>();
    await client.message(session, 'Первый вопрос');
    await client.message(session, 'Второй вопрос');
    await client.start();
    const { usage } = (await owner.get('/api/billing')).json();
    expect(usage.slice(0, 2)).toEqual([
      { resource: 'sessions', used: 2, limit: 100, level: 'ok' },
      { resource: 'messages', used: 2, limit: 300, level: 'ok' },
    ]);
    const other = (await (await signUpOwner(ctx.app)).get('/api/billing')).json();
    expect(other.usage.slice(0, 2).map((item: { used: number }) => item.used)).toEqual([0, 0]);
  });

  it('warns from 80 % of a limit and says when it is reached', async () => {
    const owner = await signUpOwner(ctx.app);
    const tenantId = owner.session.tenant?.id as string;
    const use = (resource: 'sessions' | 'messages', amount: number) =>
      ctx.db.withTenant(tenantId, (tx) => consume(tx, { tenantId, resource, amount }));
    await use('sessions', 79);
    await use('messages', 300);
    const level = async (resource: string) =>
      (await owner.get('/api/billing')).json().usage.find((item: { resource: string }) => item.resource === resource)
        .level;
    expect(await level('sessions')).toBe('ok');
    expect(await level('messages')).toBe('reached');
    await use('sessions', 1);
    expect(await level('sessions')).toBe('warning');
  });

  it('counts an expired paid plan as Free, and says which plan ran out', async () => {
    const owner = await signUpOwner(ctx.app);
    const tenantId = owner.session.tenant?.id as string;
    const ended = new Date(Date.now() - 86_400_000);
    await ctx.db.withTenant(tenantId, (tx) =>
      tx.update(tenants).set({ plan: 'business', planExpiresAt: ended }).where(eq(tenants.id, tenantId)),
    );
    const billing = (await owner.get('/api/billing')).json();
    expect(billing.plan.id).toBe('free');
    expect(billing.purchased).toEqual({ id: 'business', expiresAt: ended.toISOString(), expired: true });
    expect(billing.usage[0].limit).toBe(PLANS_CATALOGUE.free.limits.sessions);
  });

  it('is the owner’s: a manager is refused', async () => {
    const owner = await signUpOwner(ctx.app);
    const manager = await addManager(ctx.app, owner);
    const response = await manager.get('/api/billing');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });
});
