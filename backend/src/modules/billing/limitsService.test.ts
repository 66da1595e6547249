import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { tenants, tenantUsage } from '../../db/schema.ts';
import { createTenant } from '../tenants/service.ts';
import { check, consume, ensureRoom, ensureStorageRoom, record, usageReport } from './limitsService.ts';
import { effectivePlan, PLANS_CATALOGUE } from './plans.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});

async function newTenant(plan: 'free' | 'start' = 'free', timezone = 'Europe/Moscow') {
  const id = randomUUID();
  await ctx.db.withTenant(id, async (tx) => {
    await createTenant(tx, { id, name: 'Лимиты' });
    await tx.update(tenants).set({ plan, timezone }).where(eq(tenants.id, id));
  });
  return id;
}

describe('consume', () => {
  it('adds within the limit and refuses past it, leaving the count at the limit', async () => {
    const tenantId = await newTenant();
    const limit = PLANS_CATALOGUE.free.limits.sessions;
    const first = await ctx.db.withTenant(tenantId, (tx) =>
      consume(tx, { tenantId, resource: 'sessions', amount: limit - 1 }),
    );
    expect(first).toEqual({ ok: true, used: limit - 1, limit });
    const last = await ctx.db.withTenant(tenantId, (tx) => consume(tx, { tenantId, resource: 'sessions', amount: 1 }));
    expect(last).toEqual({ ok: true, used: limit, limit });
    const over = await ctx.db.withTenant(tenantId, (tx) => consume(tx, { tenantId, resource: 'sessions', amount: 1 }));
    expect(over).toEqual({ ok: false, used: limit, limit });
  });

  it('lets exactly the limit through when 200 requests consume at once', async () => {
    const tenantId = await newTenant();
    // A Free tenant's messages limit, lowered to 50 for this test by using what is left of it.
    const limit = PLANS_CATALOGUE.free.limits.messages;
    await ctx.db.withTenant(tenantId, (tx) => consume(tx, { tenantId, resource: 'messages', amount: limit - 50 }));
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        ctx.db.withTenant(tenantId, (tx) => consume(tx, { tenantId, resource: 'messages', amount: 1 })),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(50);
    const [usage] = await ctx.db.withTenant(tenantId, (tx) =>
      tx.select({ messages: tenantUsage.messages }).from(tenantUsage).where(eq(tenantUsage.tenantId, tenantId)),
    );
    expect(usage?.messages).toBe(limit);
  });
});

describe('record and check', () => {
  it('records tokens spent even past the limit, and then says none are left', async () => {
    const tenantId = await newTenant();
    const limit = PLANS_CATALOGUE.free.limits.tokens;
    await ctx.db.withTenant(tenantId, (tx) => record(tx, { tenantId, counter: 'tokens', amount: limit - 10 }));
    expect(await ctx.db.withTenant(tenantId, (tx) => check(tx, { tenantId, resource: 'tokens' }))).toEqual({
      ok: true,
      used: limit - 10,
      limit,
    });
    await ctx.db.withTenant(tenantId, (tx) => record(tx, { tenantId, counter: 'tokens', amount: 500 }));
    expect(await ctx.db.withTenant(tenantId, (tx) => check(tx, { tenantId, resource: 'tokens' }))).toEqual({
      ok: false,
      used: limit + 490,
      limit,
    });
  });
});

describe('usage months', () => {
  it('start at midnight where the tenant is', async () => {
    const moscow = await newTenant('free', 'Europe/Moscow');
    const report = await ctx.db.withTenant(moscow, (tx) => usageReport(tx, moscow));
    const now = new Date();
    const moscowMonth = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Moscow',
      year: 'numeric',
      month: '2-digit',
    }).format(now);
    expect(report.periodStart).toBe(`${moscowMonth}-01`);
    expect(report).toMatchObject({ sessions: 0, messages: 0, tokens: 0, storageBytes: 0, plan: { id: 'free' } });
  });
});

describe('plans', () => {
  it('count an expired paid plan as Free', () => {
    const past = new Date(Date.now() - 1000);
    expect(effectivePlan({ plan: 'business', planExpiresAt: past }).id).toBe('free');
    expect(effectivePlan({ plan: 'business', planExpiresAt: new Date(Date.now() + 86_400_000) }).id).toBe('business');
    expect(effectivePlan({ plan: 'start', planExpiresAt: null }).id).toBe('start');
  });

  it('grow with the price', () => {
    const order = ['free', 'start', 'business', 'enterprise'] as const;
    for (let i = 1; i < order.length; i++) {
      const [lower, higher] = [PLANS_CATALOGUE[order[i - 1] as 'free'], PLANS_CATALOGUE[order[i] as 'free']];
      expect(higher.priceRub).toBeGreaterThan(lower.priceRub);
      for (const key of Object.keys(lower.limits) as (keyof typeof lower.limits)[]) {
        expect(higher.limits[key]).toBeGreaterThan(lower.limits[key]);
      }
    }
  });
});

describe('ensureRoom', () => {
  it('refuses a knowledge-base document past the plan’s count, counting inside the transaction', async () => {
    const tenantId = await newTenant();
    const limit = PLANS_CATALOGUE.free.limits.kbDocuments;
    const held = async () => limit - 1;
    await ctx.db.withTenant(tenantId, (tx) => ensureRoom(tx, { tenantId, resource: 'kbDocuments', adding: 1, held }));
    await expect(
      ctx.db.withTenant(tenantId, (tx) => ensureRoom(tx, { tenantId, resource: 'kbDocuments', adding: 2, held })),
    ).rejects.toMatchObject({ code: 'KB_DOCUMENTS_LIMIT_REACHED', status: 409 });
  });

  it('refuses what would not fit in the plan', async () => {
    const tenantId = await newTenant();
    const room = PLANS_CATALOGUE.free.limits.storageBytes;
    await ctx.db.withTenant(tenantId, (tx) => ensureStorageRoom(tx, { tenantId, adding: room }));
    await expect(
      ctx.db.withTenant(tenantId, (tx) => ensureStorageRoom(tx, { tenantId, adding: room + 1 })),
    ).rejects.toMatchObject({ code: 'STORAGE_LIMIT_REACHED' });
  });
});
