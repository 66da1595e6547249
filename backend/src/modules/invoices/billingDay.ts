// The daily billing job: reminders 7 and 3 days before a paid plan ends, and at its end the
// downgrade to Free with its notice. Each step finds its tenants set-wise in SQL and runs in one
// transaction under an advisory lock; each notice goes to the outbox under a unique key (kind,
// tenant, expiry), in the transaction of the change it tells of. So two instances running at
// once, or a run cut short and started again, neither send twice nor miss one. `now` is a
// parameter, which lets tests move the clock.
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { queryRows } from '../../db/database.ts';
import type { Plan } from '../../db/schema.ts';
import { moscowDay } from '../billing/paidTerm.ts';
import { PLANS_CATALOGUE } from '../billing/plans.ts';
import { enqueueEmail } from '../email/outbox.ts';
import { planExpired, planExpiresSoon } from '../email/templates.ts';
import { billingUrl } from './service.ts';

export interface BillingDayDeps {
  db: Database;
  publicUrl: string;
  outbox: { kick(): void };
}

export interface BillingDayReport {
  reminders: number;
  downgraded: number;
}

/** Advisory lock keys, one per step: an instance that finds a step taken leaves it to the other. */
const LOCKS = { reminders: 7_310_001, expirations: 7_310_002 } as const;

interface DueTenant {
  id: string;
  name: string;
  plan: Plan;
  expiresAt: Date;
  to: string[];
}

// Billing mail goes to the profile's email, else to the owners.
const recipients = sql`coalesce(
  (select array[profile.email] from billing_profiles as profile where profile.tenant_id = t.id),
  array(select member.email from users as member
        where member.tenant_id = t.id and member.role = 'owner' order by member.created_at))`;

async function locked(tx: Tx, key: number): Promise<boolean> {
  const [row] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${key}) as locked`);
  return row?.locked === true;
}

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

export async function sendExpiryReminders(deps: BillingDayDeps, now: Date): Promise<number> {
  const access = { actorUserId: null, action: 'job.billing_reminders', details: { now: now.toISOString() } };
  const queued = await deps.db.withPlatform(access, async (tx) => {
    if (!(await locked(tx, LOCKS.reminders))) return 0;
    // Days are counted on Moscow's calendar, from today to the last paid day: on 27 November a
    // plan paid through 4 December has 7 days left, whatever the hour.
    const daysLeft = sql`(${moscowDay(sql`t.plan_expires_at`)} - ${moscowDay(sql`${now.toISOString()}`)})`;
    const due = await queryRows<DueTenant & { daysLeft: number }>(
      tx,
      sql`select t.id, t.name, t.plan, t.plan_expires_at as "expiresAt", ${recipients} as "to",
                 ${daysLeft} as "daysLeft"
          from tenants as t
          where t.plan <> 'free' and t.status = 'active'
            and t.plan_expires_at > ${now.toISOString()}::timestamptz
            and ${daysLeft} <= 7`,
    );
    let count = 0;
    for (const tenant of due) {
      const expiresAt = asDate(tenant.expiresAt);
      const daysLeft = Number(tenant.daysLeft);
      const window = daysLeft <= 3 ? 3 : 7;
      const sent = await enqueueEmail(tx, {
        tenantId: tenant.id,
        kind: `plan_expires_${window}d`,
        dedupeKey: `plan_expires_${window}d:${tenant.id}:${expiresAt.toISOString()}`,
        to: tenant.to,
        ...planExpiresSoon({
          companyName: tenant.name,
          planName: PLANS_CATALOGUE[tenant.plan].name,
          expiresAt,
          daysLeft,
          billingUrl: billingUrl(deps.publicUrl),
        }),
      });
      if (sent) count += 1;
    }
    return count;
  });
  if (queued > 0) deps.outbox.kick();
  return queued;
}

/** Puts tenants whose paid plan has ended on Free (their data stays) and tells them, once. */
export async function expirePlans(deps: BillingDayDeps, now: Date): Promise<number> {
  const access = { actorUserId: null, action: 'job.billing_expirations', details: { now: now.toISOString() } };
  const downgraded = await deps.db.withPlatform(access, async (tx) => {
    if (!(await locked(tx, LOCKS.expirations))) return 0;
    const ended = await queryRows<DueTenant>(
      tx,
      sql`with ended as (
            select id, plan, plan_expires_at from tenants
            where plan <> 'free' and plan_expires_at <= ${now.toISOString()}::timestamptz
            for update
          )
          update tenants as t set plan = 'free', plan_expires_at = null
          from ended
          where t.id = ended.id
          returning t.id, t.name, ended.plan, ended.plan_expires_at as "expiresAt", ${recipients} as "to"`,
    );
    for (const tenant of ended) {
      const expiresAt = asDate(tenant.expiresAt);
      await enqueueEmail(tx, {
        tenantId: tenant.id,
        kind: 'plan_expired',
        dedupeKey: `plan_expired:${tenant.id}:${expiresAt.toISOString()}`,
        to: tenant.to,
        ...planExpired({
          companyName: tenant.name,
          planName: PLANS_CATALOGUE[tenant.plan].name,
          expiredAt: expiresAt,
          billingUrl: billingUrl(deps.publicUrl),
        }),
      });
    }
    return ended.length;
  });
  if (downgraded > 0) deps.outbox.kick();
  return downgraded;
}

export async function runBillingDay(deps: BillingDayDeps, now = new Date()): Promise<BillingDayReport> {
  const reminders = await sendExpiryReminders(deps, now);
  const downgraded = await expirePlans(deps, now);
  return { reminders, downgraded };
}
