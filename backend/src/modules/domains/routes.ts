// «Домен»: the owner's own domain for the widget, on plans with custom domains. The owner names
// it, creates the records the page lists, and asks for a check; the TLS hook tells Caddy which
// names it may get certificates for.
import { domainToUnicode } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError } from '../../errors.ts';
import { memberOf } from '../../plugins/auth.ts';
import { isoOrNull, NoContent, responses } from '../../schemas.ts';
import { tenantPlan } from '../billing/limitsService.ts';
import { firstPlanWith } from '../billing/plans.ts';
import { CHALLENGE_LABEL, createDomainChecker } from './dns.ts';
import { normalizeHostname } from './hostname.ts';
import { platformHostsOf } from './hosts.ts';
import { checkPolicy, graceMsOf } from './recheckDay.ts';
import {
  type DnsRecordView,
  DomainInput,
  DomainResponse,
  type DomainView,
  TlsCheckQuery,
  TlsCheckView,
} from './schemas.ts';
import {
  claimDomain,
  domainByHost,
  domainOf,
  recordCheck,
  removeDomain,
  type TenantDomain,
  verifiedElsewhere,
} from './service.ts';

export const domainRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const { domains } = config;
  const checker = createDomainChecker({ resolvers: domains.resolvers, targets: domains });
  const platformHosts = platformHostsOf(config);

  /** A two-label name is taken for an apex; `chat.company.ru` and deeper get a CNAME. */
  const isApex = (hostname: string) => hostname.split('.').length === 2;

  function recordsOf(domain: TenantDomain): DnsRecordView[] {
    const ownership: DnsRecordView = {
      type: 'TXT',
      name: `${CHALLENGE_LABEL}.${domain.hostname}`,
      value: domain.token,
    };
    const addresses = [
      ...domains.ipv4.map((value) => ({ type: 'A' as const, name: domain.hostname, value })),
      ...domains.ipv6.map((value) => ({ type: 'AAAA' as const, name: domain.hostname, value })),
    ];
    if (isApex(domain.hostname) && addresses.length > 0) return [ownership, ...addresses];
    return [ownership, { type: 'CNAME', name: domain.hostname, value: domains.cnameTarget }];
  }

  const view = (domain: TenantDomain): DomainView => ({
    hostname: domain.hostname,
    display: domainToUnicode(domain.hostname),
    status: domain.status,
    records: recordsOf(domain),
    apex: isApex(domain.hostname),
    problem: domain.problem,
    checkedAt: isoOrNull(domain.checkedAt),
    verifiedAt: isoOrNull(domain.verifiedAt),
    disableAt: isoOrNull(domain.failingSince && new Date(domain.failingSince.getTime() + graceMsOf(config))),
  });

  /** The company's plan must have custom domains; the refusal names the plan that does. */
  async function allowed(tenantId: string): Promise<void> {
    const { plan } = await app.db.withTenant(tenantId, (tx) => tenantPlan(tx, tenantId));
    if (plan.features.customDomain) return;
    const unlocks = firstPlanWith('customDomain').name;
    throw new AppError('PLAN_FEATURE_REQUIRED', {
      message: `Свой домен для виджета доступен на тарифе «${unlocks}» и выше. Сменить тариф можно в разделе «Тариф»`,
    });
  }

  app.get(
    '/api/domain',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['domains'],
        summary: 'The company’s own domain for the widget, with the DNS records it needs',
        response: responses({ 200: DomainResponse }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      await allowed(tenantId);
      const domain = await app.db.withTenant(tenantId, (tx) => domainOf(tx, tenantId));
      return { domain: domain ? view(domain) : null };
    },
  );

  app.put(
    '/api/domain',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['domains'],
        summary: 'Name the company’s domain (a new name gets a new token and must be checked again)',
        body: DomainInput,
        response: responses({ 200: DomainResponse }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      await allowed(ctx.tenantId);
      const checked = normalizeHostname(request.body.hostname, platformHosts);
      if (!checked.ok) throw new AppError('DOMAIN_INVALID', { fields: { hostname: checked.message } });
      if (await verifiedElsewhere(app.db, checked.hostname, ctx.tenantId)) throw new AppError('DOMAIN_TAKEN');
      const { before, domain } = await app.db.withTenant(ctx.tenantId, async (tx) => ({
        before: await domainOf(tx, ctx.tenantId),
        domain: await claimDomain(tx, { tenantId: ctx.tenantId, hostname: checked.hostname }),
      }));
      if (before) app.forgetHost(before.hostname);
      app.forgetHost(domain.hostname);
      return { domain: view(domain) };
    },
  );

  app.post(
    '/api/domain/check',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['domains'],
        summary: 'Check the domain’s DNS records now: ownership (TXT), then CNAME or A/AAAA',
        response: responses({ 200: DomainResponse }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      await allowed(tenantId);
      const domain = await app.db.withTenant(tenantId, (tx) => domainOf(tx, tenantId));
      if (!domain) throw new AppError('DOMAIN_NOT_FOUND');
      // Outside any transaction: DNS may take seconds.
      const result = await checker.check(domain.hostname, domain.token);
      try {
        const policy = checkPolicy(config, new Date());
        const recorded = await app.db.withTenant(tenantId, (tx) => recordCheck(tx, domain, result, policy));
        app.forgetHost(domain.hostname);
        if (recorded.mailed) app.outbox.kick();
        return { domain: view(recorded.domain) };
      } catch (error) {
        if (isUniqueViolation(error, 'tenant_domains_verified_key')) throw new AppError('DOMAIN_TAKEN');
        throw error;
      }
    },
  );

  app.delete(
    '/api/domain',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['domains'],
        summary: 'Stop using the domain; claimed again later, it gets a new token',
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { tenantId } = memberOf(request);
      const removed = await app.db.withTenant(tenantId, (tx) => removeDomain(tx, tenantId));
      if (!removed) throw new AppError('DOMAIN_NOT_FOUND');
      app.forgetHost(removed);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/domains/tls-check',
    {
      config: { access: 'public' },
      schema: {
        tags: ['domains'],
        summary: 'Caddy’s on_demand_tls ask: 200 for a verified domain the platform serves, 404 for anything else',
        querystring: TlsCheckQuery,
        response: responses({ 200: TlsCheckView }),
      },
    },
    async (request) => {
      const name = request.query.domain.trim().toLowerCase().replace(/\.$/, '');
      const checked = normalizeHostname(name, []);
      if (!checked.ok || checked.hostname !== name || !(await domainByHost(app.db, name))?.served)
        throw new AppError('NOT_FOUND');
      return { domain: name };
    },
  );
};
