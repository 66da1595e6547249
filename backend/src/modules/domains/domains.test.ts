import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDnsServer, startFakeDnsServer } from '../../../test/fakes/dnsServer.ts';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, logInAs, STRONG_PASSWORD, signUpOwner } from '../../../test/support/clients.ts';
import { queuedEmails } from '../../../test/support/outbox.ts';
import { widgetKeyOf } from '../../../test/support/widget.ts';
import { bootstrapPlatform } from '../platform/bootstrap.ts';
import { createDomainChecker, type DnsTargets } from './dns.ts';
import { normalizeHostname } from './hostname.ts';
import { recheckDomains } from './recheckDay.ts';
import type { DomainView } from './schemas.ts';

const TARGETS: DnsTargets = { cnameTarget: 'widget.aimax.test', ipv4: ['203.0.113.10'], ipv6: ['2001:db8::10'] };
const PLATFORM = ['localhost', 'widget.aimax.test'];

let dns: FakeDnsServer;
beforeAll(async () => {
  dns = await startFakeDnsServer();
});
afterAll(async () => {
  await dns.close();
});

describe('hostnames', () => {
  it('take the form DNS uses: lower case, no trailing dot, IDN as punycode, the host of a pasted address', () => {
    expect(normalizeHostname(' Chat.Company.RU. ', PLATFORM)).toEqual({
      ok: true,
      hostname: 'chat.company.ru',
      display: 'chat.company.ru',
    });
    expect(normalizeHostname('окна.рф', PLATFORM)).toEqual({
      ok: true,
      hostname: 'xn--80atjc.xn--p1ai',
      display: 'окна.рф',
    });
    expect(normalizeHostname('https://Remont-Plus.ru/calc?x=1', PLATFORM)).toMatchObject({
      hostname: 'remont-plus.ru',
    });
  });

  it('refuse what is not a company’s domain, saying why', () => {
    const refused = (input: string) => {
      const checked = normalizeHostname(input, PLATFORM);
      return checked.ok ? null : checked.message;
    };
    expect(refused('203.0.113.7')).toBe('Нужен домен, а не IP-адрес');
    expect(refused('[2001:db8::1]')).toBe('Нужен домен, а не IP-адрес');
    expect(refused('company')).toContain('с зоной');
    expect(refused('bad_name.ru')).toContain('например chat.company.ru');
    expect(refused('-chat.company.ru')).toContain('например chat.company.ru');
    expect(refused(`${'a'.repeat(64)}.ru`)).toContain('например chat.company.ru');
    expect(refused('widget.aimax.test')).toContain('принадлежат платформе');
    expect(refused('evil.widget.aimax.test')).toContain('принадлежат платформе');
    expect(refused('localhost')).toContain('принадлежат платформе');
  });
});

describe('DNS checks', () => {
  const check = (hostname: string, token = 'token-1') =>
    createDomainChecker({ resolvers: [dns.address], targets: TARGETS, timeoutMs: 1000 }).check(hostname, token);
  const owned = (hostname: string, token = 'token-1') =>
    dns.set(`_aimax-challenge.${hostname}`, [{ type: 'TXT', text: token }]);

  it('wait for the ownership record, then say what it holds if it is wrong', async () => {
    dns.set('a.company.ru', [{ type: 'CNAME', target: 'widget.aimax.test' }]);
    expect(await check('a.company.ru')).toEqual({
      state: 'pending',
      problem: expect.stringContaining('Запись TXT _aimax-challenge.a.company.ru не найдена'),
    });
    dns.set('_aimax-challenge.a.company.ru', [{ type: 'TXT', text: 'someone-else' }]);
    expect(await check('a.company.ru')).toEqual({
      state: 'misconfigured',
      problem: 'В записи TXT _aimax-challenge.a.company.ru значение «someone-else», а нужно «token-1»',
    });
    // A long value comes in several character-strings of one record.
    dns.set('_aimax-challenge.a.company.ru', [{ type: 'TXT', text: ['token', '-1'] }]);
    expect(await check('a.company.ru')).toEqual({ state: 'verified', problem: null });
  });

  it('follow a CNAME chain to the platform, and name where a wrong one points', async () => {
    owned('b.company.ru');
    dns.set('b.company.ru', [{ type: 'CNAME', target: 'edge.cdn.example' }]);
    dns.set('edge.cdn.example', [{ type: 'CNAME', target: 'widget.aimax.test.' }]);
    expect(await check('b.company.ru')).toEqual({ state: 'verified', problem: null });

    owned('c.company.ru');
    dns.set('c.company.ru', [{ type: 'CNAME', target: 'other.host' }]);
    dns.set('other.host', [{ type: 'A', address: '198.51.100.1' }]);
    expect(await check('c.company.ru')).toEqual({
      state: 'misconfigured',
      problem: 'CNAME указывает на other.host, а нужно на widget.aimax.test',
    });

    owned('d.company.ru');
    dns.set('d.company.ru', [{ type: 'CNAME', target: 'loop-1.company.ru' }]);
    dns.set('loop-1.company.ru', [{ type: 'CNAME', target: 'loop-2.company.ru' }]);
    dns.set('loop-2.company.ru', [{ type: 'CNAME', target: 'loop-1.company.ru' }]);
    expect(await check('d.company.ru')).toEqual({
      state: 'misconfigured',
      problem: 'Записи CNAME ведут по кругу: d.company.ru → loop-1.company.ru → loop-2.company.ru → loop-1.company.ru',
    });
  });

  it('accept an apex whose A and AAAA records are the platform’s, as a flattened CNAME answers', async () => {
    owned('remont-plus.ru');
    dns.set('remont-plus.ru', [
      { type: 'A', address: '203.0.113.10' },
      { type: 'AAAA', address: '2001:db8::10' },
    ]);
    expect(await check('remont-plus.ru')).toEqual({ state: 'verified', problem: null });

    owned('remont-minus.ru');
    dns.set('remont-minus.ru', [{ type: 'A', address: '198.51.100.7' }]);
    expect(await check('remont-minus.ru')).toEqual({
      state: 'misconfigured',
      problem: 'remont-minus.ru указывает на 198.51.100.7, а нужно 203.0.113.10, 2001:db8::10',
    });

    owned('remont-empty.ru');
    dns.set('remont-empty.ru', [{ type: 'TXT', text: 'v=spf1 -all' }]);
    expect(await check('remont-empty.ru')).toEqual({
      state: 'pending',
      problem: 'Для remont-empty.ru нет записи CNAME (или A/AAAA). Добавьте CNAME на widget.aimax.test',
    });
  });

  it('check an IDN domain by its punycode name', async () => {
    const hostname = 'xn--80atjc.xn--p1ai';
    owned(hostname);
    dns.set(hostname, [{ type: 'A', address: '203.0.113.10' }]);
    expect(await check(hostname)).toEqual({ state: 'verified', problem: null });
  });

  it('wait, without blaming the owner, when DNS does not answer', async () => {
    dns.fail('_aimax-challenge.e.company.ru');
    expect(await check('e.company.ru')).toEqual({
      state: 'pending',
      problem: expect.stringContaining('DNS-сервер не ответил на запрос о _aimax-challenge.e.company.ru'),
      inconclusive: true,
    });
  });
});

describe('the «Домен» API', () => {
  let ctx: TestContext;
  let admin: ApiClient;

  beforeAll(async () => {
    ctx = await createTestApp({
      env: {
        DNS_RESOLVERS: dns.address,
        PLATFORM_CNAME_TARGET: TARGETS.cnameTarget,
        PLATFORM_IPV4: TARGETS.ipv4.join(','),
        PLATFORM_IPV6: TARGETS.ipv6.join(','),
      },
    });
    await bootstrapPlatform(ctx.db, { adminEmail: 'operator@aimax.test', adminPassword: STRONG_PASSWORD });
    admin = await logInAs(ctx.app, 'operator@aimax.test', STRONG_PASSWORD);
  });

  const onPlan = async (owner: ApiClient, plan: string) => {
    const tenantId = owner.session.tenant?.id as string;
    const paidThrough = `${new Date().getFullYear() + 1}-12-31`;
    expect((await admin.post(`/api/platform/tenants/${tenantId}/plan`, { plan, paidThrough })).statusCode).toBe(200);
  };
  const tls = async (domain: string) =>
    (await ctx.app.inject({ method: 'GET', url: `/api/domains/tls-check?domain=${encodeURIComponent(domain)}` }))
      .statusCode;
  const domainOf = (response: { json(): unknown }) => (response.json() as { domain: DomainView }).domain;

  it('is for plans with custom domains, and says which', async () => {
    const owner = await signUpOwner(ctx.app);
    for (const response of [
      await owner.get('/api/domain'),
      await owner.request('PUT', '/api/domain', { hostname: 'chat.free.ru' }),
      await owner.post('/api/domain/check'),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toMatchObject({
        code: 'PLAN_FEATURE_REQUIRED',
        message: expect.stringContaining('«Бизнес»'),
      });
    }
  });

  it('takes a domain from «ожидает» to «подтверждён», and only then lets Caddy get it a certificate', async () => {
    const owner = await signUpOwner(ctx.app);
    await onPlan(owner, 'business');
    expect(domainOf(await owner.get('/api/domain'))).toBeNull();

    const wrong = await owner.request('PUT', '/api/domain', { hostname: 'http://' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'DOMAIN_INVALID', fields: { hostname: expect.any(String) } });
    const platform = await owner.request('PUT', '/api/domain', { hostname: 'my.widget.aimax.test' });
    expect(platform.json().error.fields.hostname).toContain('принадлежат платформе');

    const claimed = domainOf(await owner.request('PUT', '/api/domain', { hostname: 'Chat.Stroy-Dom.ru' }));
    expect(claimed).toMatchObject({ hostname: 'chat.stroy-dom.ru', status: 'pending', apex: false, checkedAt: null });
    const [txt, cname] = claimed.records;
    expect(txt).toEqual({
      type: 'TXT',
      name: '_aimax-challenge.chat.stroy-dom.ru',
      value: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(cname).toEqual({ type: 'CNAME', name: 'chat.stroy-dom.ru', value: 'widget.aimax.test' });
    // Naming it again keeps the token the owner may already have published.
    expect(domainOf(await owner.request('PUT', '/api/domain', { hostname: 'chat.stroy-dom.ru' })).records).toEqual(
      claimed.records,
    );

    const waiting = domainOf(await owner.post('/api/domain/check'));
    expect(waiting).toMatchObject({ status: 'pending', problem: expect.stringContaining('не найдена') });
    expect(waiting.checkedAt).not.toBeNull();
    expect(await tls('chat.stroy-dom.ru')).toBe(404);

    dns.set(txt?.name as string, [{ type: 'TXT', text: txt?.value as string }]);
    dns.set('chat.stroy-dom.ru', [{ type: 'CNAME', target: 'widget.aimax.test' }]);
    const verified = domainOf(await owner.post('/api/domain/check'));
    expect(verified).toMatchObject({ status: 'verified', problem: null });
    expect(verified.verifiedAt).not.toBeNull();
    expect(await tls('chat.stroy-dom.ru')).toBe(200);
    expect(await tls('CHAT.stroy-dom.ru.')).toBe(200);
    expect(await tls('other.stroy-dom.ru')).toBe(404);
    expect(await tls('203.0.113.10')).toBe(404);

    // A downgrade keeps the domain but stops serving it; an upgrade serves it again, unverified only if DNS moved.
    await onPlan(owner, 'start');
    expect(await tls('chat.stroy-dom.ru')).toBe(404);
    await onPlan(owner, 'business');
    expect(await tls('chat.stroy-dom.ru')).toBe(200);
  });

  it('is one company’s once verified; removed, another claims it with a fresh token', async () => {
    const first = await signUpOwner(ctx.app);
    const second = await signUpOwner(ctx.app);
    await onPlan(first, 'business');
    await onPlan(second, 'enterprise');
    const hostname = 'okna.example.ru';
    const firstClaim = domainOf(await first.request('PUT', '/api/domain', { hostname }));
    // Until one proves it, both may try: a claim alone must not lock the real owner out.
    const secondClaim = domainOf(await second.request('PUT', '/api/domain', { hostname }));
    expect(secondClaim.records[0]?.value).not.toBe(firstClaim.records[0]?.value);

    dns.set(`_aimax-challenge.${hostname}`, [{ type: 'TXT', text: firstClaim.records[0]?.value as string }]);
    dns.set(hostname, [{ type: 'CNAME', target: 'widget.aimax.test' }]);
    expect(domainOf(await first.post('/api/domain/check')).status).toBe('verified');
    // The second company's token is not in DNS, and the name is taken now.
    expect(domainOf(await second.post('/api/domain/check')).status).toBe('misconfigured');
    expect(domainOf(await second.request('PUT', '/api/domain', { hostname: 'other.example.ru' })).status).toBe(
      'pending',
    );
    const taken = await second.request('PUT', '/api/domain', { hostname });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('DOMAIN_TAKEN');

    expect((await first.delete('/api/domain')).statusCode).toBe(204);
    expect((await first.delete('/api/domain')).statusCode).toBe(404);
    expect(await tls(hostname)).toBe(404);
    const reclaimed = domainOf(await second.request('PUT', '/api/domain', { hostname }));
    expect(reclaimed.records[0]?.value).not.toBe(firstClaim.records[0]?.value);
    expect(domainOf(await second.post('/api/domain/check')).status).toBe('misconfigured');
    dns.set(`_aimax-challenge.${hostname}`, [{ type: 'TXT', text: reclaimed.records[0]?.value as string }]);
    expect(domainOf(await second.post('/api/domain/check')).status).toBe('verified');
    expect(await tls(hostname)).toBe(200);
  });

  it('shows an apex the A and AAAA records to create', async () => {
    const owner = await signUpOwner(ctx.app);
    await onPlan(owner, 'enterprise');
    const apex = domainOf(await owner.request('PUT', '/api/domain', { hostname: 'окна.рф' }));
    expect(apex).toMatchObject({ hostname: 'xn--80atjc.xn--p1ai', display: 'окна.рф', apex: true });
    expect(apex.records.slice(1)).toEqual([
      { type: 'A', name: 'xn--80atjc.xn--p1ai', value: '203.0.113.10' },
      { type: 'AAAA', name: 'xn--80atjc.xn--p1ai', value: '2001:db8::10' },
    ]);
  });

  /** Claims `hostname` for a new company on Business and publishes the records a check wants. */
  const verifiedCompany = async (hostname: string) => {
    const owner = await signUpOwner(ctx.app);
    await onPlan(owner, 'business');
    const claimed = domainOf(await owner.request('PUT', '/api/domain', { hostname }));
    const publish = () => {
      dns.set(`_aimax-challenge.${hostname}`, [{ type: 'TXT', text: claimed.records[0]?.value as string }]);
      dns.set(hostname, [{ type: 'CNAME', target: 'widget.aimax.test' }]);
    };
    return { owner, key: await widgetKeyOf(ctx, owner), publish };
  };
  const onHost = (host: string, url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers: { host, ...headers } });

  it('serves a verified domain as its company only, and nothing of the platform there', async () => {
    const hostname = 'chat.remont-host.ru';
    const { owner, key, publish } = await verifiedCompany(hostname);
    const other = await signUpOwner(ctx.app);
    const otherKey = await widgetKeyOf(ctx, other);

    // Claimed, not yet proven: nothing is served on it, not even to its own key.
    for (const url of ['/', '/widget.js', `/api/widget/config?key=${key}`, '/admin/']) {
      expect((await onHost(hostname, url)).statusCode, url).toBe(404);
    }
    expect((await owner.get('/api/widget/settings')).json()).toMatchObject({
      snippet: expect.stringContaining('src="http://localhost:3000/widget.js"'),
      customDomain: { available: true, unlockedBy: 'Бизнес', host: null },
    });

    publish();
    expect(domainOf(await owner.post('/api/domain/check')).status).toBe('verified');
    const page = await onHost(hostname, '/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-key="${key}"`);
    expect(page.body).not.toContain('/admin/');
    expect((await onHost(hostname, '/widget.js')).statusCode).toBe(200);
    const frame = await onHost(hostname, `/widget/frame?key=${key}`);
    expect(frame.statusCode).toBe(200);
    expect((await onHost(hostname, `/api/widget/config?key=${key}`)).statusCode).toBe(200);

    // Another company's key, and the platform's own pages, are not there.
    expect((await onHost(hostname, `/api/widget/config?key=${otherKey}`)).json().error.code).toBe('WIDGET_NOT_FOUND');
    expect((await onHost(hostname, `/widget/frame?key=${otherKey}`)).statusCode).toBe(404);
    const start = (widgetKey: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/widget/sessions',
        headers: { host: hostname },
        payload: { key: widgetKey, visitorId: 'visitor-on-own-domain-1' },
      });
    expect((await start(key)).statusCode).toBe(201);
    expect((await start(otherKey)).json().error.code).toBe('WIDGET_NOT_FOUND');
    for (const url of ['/admin/', '/admin/login', '/api/auth/session', '/api/docs', '/api/domain']) {
      expect((await onHost(hostname, url)).statusCode, url).toBe(404);
    }
    // The platform's hosts and names nobody claimed are the platform as before.
    expect((await onHost('localhost:3000', `/api/widget/config?key=${otherKey}`)).statusCode).toBe(200);
    expect((await onHost('unclaimed.example.ru', '/')).body).toContain('/admin/');

    // The snippet loads the widget from the company's domain now, and the page on it may show the frame.
    expect((await owner.get('/api/widget/settings')).json()).toMatchObject({
      snippet: `<script src="https://${hostname}/widget.js" data-key="${key}" async></script>`,
      customDomain: { host: hostname },
    });
    expect(
      (
        await owner.request('PUT', '/api/widget/settings', {
          allowedOrigins: ['https://remont-host.ru'],
        })
      ).statusCode,
    ).toBe(200);
    const framed = await onHost(hostname, `/widget/frame?key=${key}`);
    expect(framed.headers['content-security-policy']).toContain(
      `frame-ancestors 'self' http://localhost:3000 https://${hostname} https://remont-host.ru`,
    );
    const config = await onHost(hostname, `/api/widget/config?key=${key}`, { origin: `https://${hostname}` });
    expect(config.headers['access-control-allow-origin']).toBe(`https://${hostname}`);

    // Removed, the name is nobody's again.
    expect((await owner.delete('/api/domain')).statusCode).toBe(204);
    expect((await onHost(hostname, `/api/widget/config?key=${key}`)).statusCode).toBe(200);
  });

  it('re-checks verified domains daily: a broken one is flagged, kept through the grace period, then disabled', async () => {
    const hostname = 'chat.remont-daily.ru';
    const { owner, key, publish } = await verifiedCompany(hostname);
    publish();
    expect(domainOf(await owner.post('/api/domain/check')).status).toBe('verified');
    const tenantId = owner.session.tenant?.id as string;
    const deps = {
      db: ctx.db,
      config: ctx.config,
      checker: createDomainChecker({ resolvers: [dns.address], targets: TARGETS, timeoutMs: 1000 }),
      outbox: { kick: () => {} },
    };
    const day = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000);
    const emails = async () =>
      (await queuedEmails(ctx.db, tenantId)).map(({ kind, to, subject }) => ({ kind, to, subject }));

    // DNS that does not answer tells nothing against the domain.
    dns.fail(hostname);
    await recheckDomains(deps, day(0));
    expect(domainOf(await owner.get('/api/domain'))).toMatchObject({ status: 'verified', disableAt: null });

    dns.set(hostname, [{ type: 'CNAME', target: 'other.host' }]);
    const first = await recheckDomains(deps, day(0));
    expect(first).toMatchObject({ failing: expect.any(Number) });
    const failing = domainOf(await owner.get('/api/domain'));
    expect(failing).toMatchObject({ status: 'verified', problem: expect.stringContaining('other.host') });
    expect(new Date(failing.disableAt as string).getTime()).toBeGreaterThan(day(6.9).getTime());
    expect(await tls(hostname)).toBe(200);
    expect((await onHost(hostname, `/api/widget/config?key=${key}`)).statusCode).toBe(200);
    const warned = [
      {
        kind: 'domain_failing',
        to: [owner.session.user.email],
        subject: `Домен ${hostname} перестал указывать на AI Max`,
      },
    ];
    expect(await emails()).toEqual(warned);

    // Still broken a few days on: no second warning.
    await recheckDomains(deps, day(3));
    expect(await emails()).toEqual(warned);
    expect(domainOf(await owner.get('/api/domain')).status).toBe('verified');

    // Past the grace period it is disabled, and the owner is told.
    await recheckDomains(deps, day(7.5));
    expect(domainOf(await owner.get('/api/domain'))).toMatchObject({ status: 'misconfigured', disableAt: null });
    expect(await tls(hostname)).toBe(404);
    expect(await emails()).toEqual([
      ...warned,
      { kind: 'domain_disabled', to: [owner.session.user.email], subject: `Домен ${hostname} отключён` },
    ]);
    // A disabled domain is not the daily job's any more; fixed, the owner's check brings it back.
    publish();
    await recheckDomains(deps, day(8));
    expect(domainOf(await owner.get('/api/domain')).status).toBe('misconfigured');
    expect(domainOf(await owner.post('/api/domain/check'))).toMatchObject({ status: 'verified', disableAt: null });
    expect(await tls(hostname)).toBe(200);
  });

  it('forgets a failure once the records are fixed within the grace period', async () => {
    const hostname = 'chat.remont-fixed.ru';
    const { owner, publish } = await verifiedCompany(hostname);
    publish();
    expect(domainOf(await owner.post('/api/domain/check')).status).toBe('verified');
    const deps = {
      db: ctx.db,
      config: ctx.config,
      checker: createDomainChecker({ resolvers: [dns.address], targets: TARGETS, timeoutMs: 1000 }),
      outbox: { kick: () => {} },
    };
    dns.set(hostname, [{ type: 'A', address: '198.51.100.9' }]);
    await recheckDomains(deps);
    expect(domainOf(await owner.get('/api/domain')).disableAt).not.toBeNull();
    publish();
    await recheckDomains(deps);
    expect(domainOf(await owner.get('/api/domain'))).toMatchObject({
      status: 'verified',
      problem: null,
      disableAt: null,
    });
  });
});
