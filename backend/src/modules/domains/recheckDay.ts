// The daily re-check of verified domains: each is asked of DNS again, as the owner's «Проверить»
// would, and recordCheck applies the grace period and queues the owners' emails. DNS is asked
// outside any transaction, a few domains at a time; each result is recorded in its company's
// transaction under the domain's row lock, so two instances at once record a day twice at worst,
// and the emails go once (their dedupe keys). A disabled domain stops being served within the
// Host cache's few seconds (hosts.ts).
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { tenantDomains, tenants } from '../../db/schema.ts';
import { effectivePlan } from '../billing/plans.ts';
import type { DomainChecker } from './dns.ts';
import { type CheckPolicy, recordCheck, type TenantDomain } from './service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** DNS questions in flight at once: a slow resolver holds up a few domains, not the whole list. */
const CONCURRENCY = 4;

export const graceMsOf = (config: Config) => config.domains.graceDays * DAY_MS;

export const checkPolicy = (config: Config, now: Date): CheckPolicy => ({
  now,
  graceMs: graceMsOf(config),
  settingsUrl: `${config.publicUrl}/admin/widget`,
});

export interface RecheckDeps {
  db: Database;
  config: Config;
  checker: DomainChecker;
  outbox: { kick(): void };
}

export interface RecheckReport {
  checked: number;
  /** Verified domains whose records no longer point at the platform, still served. */
  failing: number;
  disabled: number;
}

export async function recheckDomains(deps: RecheckDeps, now = new Date()): Promise<RecheckReport> {
  const policy = checkPolicy(deps.config, now);
  // Read as the identity role (the TLS hook's), each result written as the domain's company.
  // Domains kept through a downgrade or a suspension are not served, and wait unchecked.
  const rows = await deps.db.withIdentity((tx) =>
    tx
      .select({
        domain: tenantDomains,
        status: tenants.status,
        plan: tenants.plan,
        planExpiresAt: tenants.planExpiresAt,
      })
      .from(tenantDomains)
      .innerJoin(tenants, eq(tenants.id, tenantDomains.tenantId))
      .where(eq(tenantDomains.status, 'verified')),
  );
  const verified = rows
    .filter((row) => row.status === 'active' && effectivePlan(row, now).features.customDomain)
    .map((row) => row.domain);
  const report: RecheckReport = { checked: 0, failing: 0, disabled: 0 };
  let mailed = false;

  const recheck = async (domain: TenantDomain) => {
    const result = await deps.checker.check(domain.hostname, domain.token);
    const recorded = await deps.db.withTenant(domain.tenantId, async (tx) => {
      // The owner may have changed or checked the domain meanwhile: record against what is there now.
      const [current] = await tx
        .select()
        .from(tenantDomains)
        .where(and(eq(tenantDomains.id, domain.id), eq(tenantDomains.token, domain.token)))
        .for('update');
      return current ? recordCheck(tx, current, result, policy) : null;
    });
    if (!recorded) return;
    report.checked += 1;
    mailed ||= recorded.mailed;
    if (recorded.domain.status !== 'verified') report.disabled += 1;
    else if (recorded.domain.failingSince) report.failing += 1;
  };

  for (let i = 0; i < verified.length; i += CONCURRENCY) {
    await Promise.all(verified.slice(i, i + CONCURRENCY).map(recheck));
  }
  if (mailed) deps.outbox.kick();
  return report;
}
