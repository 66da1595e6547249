// A company's own domain: claimed with a fresh token, checked against DNS (dns.ts), and looked up
// by name for the TLS hook. One domain per company; claiming another replaces it.
import { randomBytes } from 'node:crypto';
import { domainToUnicode } from 'node:url';
import { and, eq, ne } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { tenantDomains, tenants, users } from '../../db/schema.ts';
import { effectivePlan, type PlanDefinition } from '../billing/plans.ts';
import { enqueueEmail } from '../email/outbox.ts';
import { domainDisabled, domainFailing } from '../email/templates.ts';
import type { DomainCheck } from './dns.ts';

export type TenantDomain = typeof tenantDomains.$inferSelect;

export async function domainOf(tx: Tx, tenantId: string): Promise<TenantDomain | null> {
  const [row] = await tx.select().from(tenantDomains).where(eq(tenantDomains.tenantId, tenantId));
  return row ?? null;
}

/** Whether another company has proven `hostname` its own. Asked past RLS: the name is all it tells. */
export async function verifiedElsewhere(db: Database, hostname: string, tenantId: string): Promise<boolean> {
  const rows = await db.withIdentity((tx) =>
    tx
      .select({ id: tenantDomains.id })
      .from(tenantDomains)
      .where(
        and(
          eq(tenantDomains.hostname, hostname),
          eq(tenantDomains.status, 'verified'),
          ne(tenantDomains.tenantId, tenantId),
        ),
      ),
  );
  return rows.length > 0;
}

/** The company's domain is now `hostname`: unchanged if it already was, else a new claim with a new token. */
export async function claimDomain(tx: Tx, options: { tenantId: string; hostname: string }): Promise<TenantDomain> {
  const current = await domainOf(tx, options.tenantId);
  if (current?.hostname === options.hostname) return current;
  if (current) await tx.delete(tenantDomains).where(eq(tenantDomains.id, current.id));
  const [row] = await tx
    .insert(tenantDomains)
    .values({ tenantId: options.tenantId, hostname: options.hostname, token: randomBytes(16).toString('hex') })
    .returning();
  return row as TenantDomain;
}

export interface CheckPolicy {
  now: Date;
  /** How long a verified domain that fails its checks goes on serving. */
  graceMs: number;
  /** Where the owner sees the domain's records, for the emails. */
  settingsUrl: string;
}

/**
 * Records a check. A verified domain that fails one keeps serving through the grace period,
 * counted from its first failed check, and its owners are told once; when the period is over it
 * is disabled, and they are told again. A domain that passes is verified again at once. DNS that
 * did not answer tells nothing: only the time of the check changes.
 */
export async function recordCheck(
  tx: Tx,
  domain: TenantDomain,
  check: DomainCheck,
  policy: CheckPolicy,
): Promise<{ domain: TenantDomain; mailed: boolean }> {
  const { now } = policy;
  const wasVerified = domain.status === 'verified';
  let change: Partial<TenantDomain>;
  let letter: 'failing' | 'disabled' | null = null;
  if (check.state === 'verified') {
    change = { status: 'verified', problem: null, failingSince: null, verifiedAt: domain.verifiedAt ?? now };
  } else if (wasVerified && check.inconclusive) {
    change = {};
  } else if (wasVerified && now.getTime() - (domain.failingSince ?? now).getTime() < policy.graceMs) {
    change = { problem: check.problem, failingSince: domain.failingSince ?? now };
    if (!domain.failingSince) letter = 'failing';
  } else {
    change = { status: check.state, problem: check.problem, failingSince: null, verifiedAt: null };
    if (wasVerified) letter = 'disabled';
  }
  const [row] = await tx
    .update(tenantDomains)
    .set({ ...change, checkedAt: now })
    .where(eq(tenantDomains.id, domain.id))
    .returning();
  const updated = row as TenantDomain;
  if (!letter) return { domain: updated, mailed: false };

  const failingSince = domain.failingSince ?? now;
  const mailed = await tellOwners(tx, updated, letter, {
    problem: check.problem ?? '',
    disableOn: new Date(failingSince.getTime() + policy.graceMs),
    dedupeKey: `domain_${letter}:${domain.id}:${failingSince.toISOString()}`,
    settingsUrl: policy.settingsUrl,
  });
  return { domain: updated, mailed };
}

async function tellOwners(
  tx: Tx,
  domain: TenantDomain,
  letter: 'failing' | 'disabled',
  details: { problem: string; disableOn: Date; dedupeKey: string; settingsUrl: string },
): Promise<boolean> {
  const [company] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, domain.tenantId));
  const owners = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, domain.tenantId), eq(users.role, 'owner')))
    .orderBy(users.createdAt);
  if (!company || owners.length === 0) return false;
  const about = { companyName: company.name, domain: domainToUnicode(domain.hostname), ...details };
  return enqueueEmail(tx, {
    tenantId: domain.tenantId,
    kind: `domain_${letter}`,
    dedupeKey: details.dedupeKey,
    to: owners.map((owner) => owner.email),
    ...(letter === 'failing' ? domainFailing(about) : domainDisabled(about)),
  });
}

/** The company's domain that serves its widget now, if any: verified, on a plan with custom domains. */
export async function servedHostOf(tx: Tx, tenantId: string, plan: PlanDefinition): Promise<string | null> {
  if (!plan.features.customDomain) return null;
  const domain = await domainOf(tx, tenantId);
  return domain?.status === 'verified' ? domain.hostname : null;
}

/** Removes the company's domain; its name, or null when it had none. */
export async function removeDomain(tx: Tx, tenantId: string): Promise<string | null> {
  const [removed] = await tx
    .delete(tenantDomains)
    .where(eq(tenantDomains.tenantId, tenantId))
    .returning({ hostname: tenantDomains.hostname });
  return removed?.hostname ?? null;
}

/** What a Host names: a domain served as its company, or one claimed but not served (null when none claimed it). */
export type HostDomain = { served: true; tenantId: string; hostname: string } | { served: false };

/**
 * The domain `hostname` is, as requests by Host and Caddy's TLS hook see it: served while it is
 * verified, its company active and on a plan with custom domains. Indexed lookups by name, no DNS.
 */
export async function domainByHost(db: Database, hostname: string): Promise<HostDomain | null> {
  const rows = await db.withIdentity((tx) =>
    tx
      .select({
        tenantId: tenantDomains.tenantId,
        status: tenantDomains.status,
        tenantStatus: tenants.status,
        plan: tenants.plan,
        planExpiresAt: tenants.planExpiresAt,
      })
      .from(tenantDomains)
      .innerJoin(tenants, eq(tenants.id, tenantDomains.tenantId))
      .where(eq(tenantDomains.hostname, hostname)),
  );
  if (rows.length === 0) return null;
  // Several companies may claim a name; only one can have proven it.
  const owner = rows.find((row) => row.status === 'verified');
  const served = owner?.tenantStatus === 'active' && effectivePlan(owner).features.customDomain;
  return served ? { served, tenantId: owner.tenantId, hostname } : { served: false };
}
