import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { COMPANY_BUYER } from '../../../test/support/billing.ts';
import { type ApiClient, signUpOwner } from '../../../test/support/clients.ts';
import { queuedEmails } from '../../../test/support/outbox.ts';
import { tenants } from '../../db/schema.ts';
import { type BillingDayDeps, expirePlans, runBillingDay, sendExpiryReminders } from './billingDay.ts';

const DAY = 86_400_000;
let ctx: TestContext;
let deps: BillingDayDeps;
beforeAll(async () => {
  ctx = await createTestApp();
  deps = { db: ctx.db, publicUrl: 'https://aimax.test', outbox: { kick: () => {} } };
});

/** A company on Бизнес until `expiresAt`. */
async function paidCompany(expiresAt: Date): Promise<{ owner: ApiClient; tenantId: string }> {
  const owner = await signUpOwner(ctx.app, { companyName: 'Срок Строй' });
  const tenantId = owner.session.tenant?.id as string;
  await ctx.db.withTenant(tenantId, (tx) =>
    tx.update(tenants).set({ plan: 'business', planExpiresAt: expiresAt }).where(eq(tenants.id, tenantId)),
  );
  return { owner, tenantId };
}

const notices = async (tenantId: string) =>
  (await queuedEmails(ctx.db, tenantId)).map(({ kind, to, subject, text }) => ({ kind, to, subject, text }));

const planOf = async (tenantId: string) => {
  const [row] = await ctx.db.withTenant(tenantId, (tx) =>
    tx.select({ plan: tenants.plan, expiresAt: tenants.planExpiresAt }).from(tenants).where(eq(tenants.id, tenantId)),
  );
  return row;
};

/** Jobs of other tests' tenants run on the same clock; these tests look at their own tenant only. */
describe('the daily billing job', () => {
  it('reminds 7 and 3 days ahead, then puts the company on Free, each notice once', async () => {
    const start = new Date(Date.now() + 1000 * DAY);
    const expiresAt = new Date(start.getTime() + 6 * DAY + 3_600_000);
    const { owner, tenantId } = await paidCompany(expiresAt);

    await runBillingDay(deps, start);
    await runBillingDay(deps, new Date(start.getTime() + 3_600_000));
    expect((await notices(tenantId)).map((n) => n.kind)).toEqual(['plan_expires_7d']);
    const [week] = await notices(tenantId);
    expect(week?.to).toEqual([owner.session.user.email]);
    expect(week?.text).toContain('Бизнес');

    await runBillingDay(deps, new Date(start.getTime() + 4 * DAY));
    await runBillingDay(deps, new Date(start.getTime() + 5 * DAY));
    expect((await notices(tenantId)).map((n) => n.kind)).toEqual(['plan_expires_7d', 'plan_expires_3d']);
    expect(await planOf(tenantId)).toMatchObject({ plan: 'business' });

    const after = new Date(expiresAt.getTime() + 60_000);
    expect((await runBillingDay(deps, after)).downgraded).toBeGreaterThanOrEqual(1);
    await runBillingDay(deps, new Date(after.getTime() + DAY));
    expect(await planOf(tenantId)).toEqual({ plan: 'free', expiresAt: null });
    expect((await notices(tenantId)).map((n) => n.kind)).toEqual([
      'plan_expires_7d',
      'plan_expires_3d',
      'plan_expired',
    ]);
  });

  it('counts the days to the last paid day on Moscow’s calendar, around midnight there and in UTC', async () => {
    // Paid through 4 December 2045: to 23:59:59.999 Moscow time that day.
    const { tenantId } = await paidCompany(new Date('2045-12-04T20:59:59.999Z'));

    // 26 November, 23:30 in Moscow: 8 days left, no reminder yet.
    await runBillingDay(deps, new Date('2045-11-26T20:30:00Z'));
    expect(await notices(tenantId)).toEqual([]);
    // Half an hour later it is 27 November in Moscow (still the 26th in UTC): 7 days left.
    await runBillingDay(deps, new Date('2045-11-26T21:00:00Z'));
    const [week] = await notices(tenantId);
    expect(week?.kind).toBe('plan_expires_7d');
    expect(week?.subject).toBe('Тариф «Бизнес» заканчивается через 7 дней');
    expect(week?.text).toContain('последний оплаченный день — 4 декабря 2045');

    // 1 December, 00:10 in Moscow (30 November in UTC): 3 days left.
    await runBillingDay(deps, new Date('2045-11-30T21:10:00Z'));
    expect((await notices(tenantId)).map((n) => n.kind)).toEqual(['plan_expires_7d', 'plan_expires_3d']);
    expect((await notices(tenantId))[1]?.text).toContain('через 3 дня');

    // The last second of 4 December in Moscow: still paid.
    expect(await expirePlans(deps, new Date('2045-12-04T20:59:59.000Z'))).toBe(0);
    expect(await planOf(tenantId)).toMatchObject({ plan: 'business' });
    // 5 December, just after midnight in Moscow (still the 4th in UTC): on Free, told once.
    await runBillingDay(deps, new Date('2045-12-04T21:00:01Z'));
    expect(await planOf(tenantId)).toEqual({ plan: 'free', expiresAt: null });
    const ended = (await notices(tenantId))[2];
    expect(ended?.kind).toBe('plan_expired');
    expect(ended?.text).toContain('последний оплаченный день был 4 декабря 2045');
    expect(ended?.text).not.toContain('5 декабря');
  });

  it('writes to the billing profile’s email once there is one', async () => {
    const start = new Date(Date.now() + 2000 * DAY);
    const { owner, tenantId } = await paidCompany(new Date(start.getTime() + 2 * DAY));
    await owner.request('PUT', '/api/billing/profile', COMPANY_BUYER);
    await sendExpiryReminders(deps, start);
    expect(await notices(tenantId)).toEqual([
      expect.objectContaining({ kind: 'plan_expires_3d', to: [COMPANY_BUYER.email] }),
    ]);
  });

  it('reminds again for the next term after a renewal', async () => {
    const start = new Date(Date.now() + 3000 * DAY);
    const { tenantId } = await paidCompany(new Date(start.getTime() + 2 * DAY));
    await runBillingDay(deps, start);
    await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .update(tenants)
        .set({ planExpiresAt: new Date(start.getTime() + 33 * DAY) })
        .where(eq(tenants.id, tenantId)),
    );
    await runBillingDay(deps, new Date(start.getTime() + 30 * DAY));
    expect((await notices(tenantId)).map((n) => n.kind)).toEqual(['plan_expires_3d', 'plan_expires_3d']);
  });

  it('sends each notice once when two instances run at the same moment', async () => {
    const start = new Date(Date.now() + 4000 * DAY);
    const soon = await paidCompany(new Date(start.getTime() + 5 * DAY));
    const ended = await paidCompany(new Date(start.getTime() - DAY));
    await Promise.all([runBillingDay(deps, start), runBillingDay(deps, start), runBillingDay(deps, start)]);
    expect((await notices(soon.tenantId)).map((n) => n.kind)).toEqual(['plan_expires_7d']);
    expect((await notices(ended.tenantId)).map((n) => n.kind)).toEqual(['plan_expired']);
    expect(await planOf(ended.tenantId)).toMatchObject({ plan: 'free' });
  });

  it('picks up after a run cut short between its steps, missing nothing and repeating nothing', async () => {
    const start = new Date(Date.now() + 5000 * DAY);
    const soon = await paidCompany(new Date(start.getTime() + 6 * DAY));
    const ended = await paidCompany(new Date(start.getTime() - 60_000));
    // The first run dies after the reminders, before the expirations.
    await sendExpiryReminders(deps, start);
    expect(await planOf(ended.tenantId)).toMatchObject({ plan: 'business' });
    await runBillingDay(deps, new Date(start.getTime() + 60_000));
    expect((await notices(soon.tenantId)).map((n) => n.kind)).toEqual(['plan_expires_7d']);
    expect((await notices(ended.tenantId)).map((n) => n.kind)).toEqual(['plan_expired']);
    expect(await expirePlans(deps, new Date(start.getTime() + 120_000))).toBe(0);
  });
});
