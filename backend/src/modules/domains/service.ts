// A company's own domain: claimed with a fresh token, checked against DNS (dns.ts), and looked up
// by name for the TLS hook. One domain per company; claiming another replaces it.
import { randomBytes } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { tenantDomains, tenants } from '../../db/schema.ts';
import { effectivePlan } from '../billing/plans.ts';
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

export async function recordCheck(tx: Tx, domain: TenantDomain, check: DomainCheck): Promise<TenantDomain> {
  const now = new Date();
  const verified = check.state === 'verified';
  const [row] = await tx
    .update(tenantDomains)
    .set({
      status: check.state,
      problem: check.problem,
      checkedAt: now,
      verifiedAt: verified ? (domain.verifiedAt ?? now) : null,
    })
    .where(eq(tenantDomains.id, domain.id))
    .returning();
  return row as TenantDomain;
}

export async function removeDomain(tx: Tx, tenantId: string): Promise<boolean> {
  const removed = await tx
    .delete(tenantDomains)
    .where(eq(tenantDomains.tenantId, tenantId))
    .returning({ id: tenantDomains.id });
  return removed.length > 0;
}

/**
 * Whether the platform serves `hostname` now: verified, its company active and on a plan with
 * custom domains. One indexed lookup (tenant_domains_verified_key), no DNS: Caddy asks this before
 * it requests a certificate.
 */
export async function isServed(db: Database, hostname: string): Promise<boolean> {
  const [row] = await db.withIdentity((tx) =>
    tx
      .select({ status: tenants.status, plan: tenants.plan, planExpiresAt: tenants.planExpiresAt })
      .from(tenantDomains)
      .innerJoin(tenants, eq(tenants.id, tenantDomains.tenantId))
      .where(and(eq(tenantDomains.hostname, hostname), eq(tenantDomains.status, 'verified'))),
  );
  return row !== undefined && row.status === 'active' && effectivePlan(row).features.customDomain;
}
