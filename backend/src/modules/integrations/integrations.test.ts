// amoCRM and the webhook as a company uses them, against a loopback fake of amoCRM and a loopback
// receiver: connecting by OAuth, mapping fields, a lead from the widget arriving once with its
// contact, tags and note, and outages, a crash after amoCRM's "created", expired and revoked
// tokens and two workers refreshing at once — each ending with exactly one lead.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAmoCrm, startFakeAmoCrm } from '../../../test/fakes/amocrm.ts';
import { connectAmoCrm } from '../../../test/support/amocrm.ts';
import { createTestApp, type TestContext, testConfig } from '../../../test/support/app.ts';
import { putOnPlan } from '../../../test/support/billing.ts';
import { type ApiClient, addManager, signUpOwner } from '../../../test/support/clients.ts';
import { FULL_FUNNEL, visitor, type WidgetSession, widgetKeyOf } from '../../../test/support/widget.ts';
import { amocrmConnections, deliveries } from '../../db/schema.ts';
import { createPublicHttp, isPublicAddress } from '../../lib/publicHttp.ts';
import { createOutboxWorker } from '../deliveries/outbox.ts';
import { createAmoApi } from './amocrm/api.ts';
import { amocrmChannel } from './amocrm/service.ts';
import { postSigned } from './webhook.ts';

const REDIRECT = 'http://localhost:3000/api/integrations/amocrm/callback';
const silent = { info() {}, warn() {}, error() {} };

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

let amo: FakeAmoCrm;
let ctx: TestContext;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let receiverStatus = 200;

beforeAll(async () => {
  amo = await startFakeAmoCrm({ redirectUri: REDIRECT });
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (receiverStatus === 302) {
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        response.end();
        return;
      }
      if (receiverStatus === 200) received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
      response.writeHead(receiverStatus, { 'content-type': 'text/plain' });
      response.end(receiverStatus === 200 ? 'ok' : 'down for maintenance');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/aimax`;
  ctx = await createTestApp({
    env: {
      AMOCRM_CLIENT_ID: amo.clientId,
      AMOCRM_CLIENT_SECRET: amo.clientSecret,
      AMOCRM_AUTHORIZE_URL: `${amo.url}/oauth`,
      AMOCRM_ACCOUNT_URL: amo.accountUrl,
      WEBHOOK_ALLOW_PRIVATE: 'true',
    },
  });
});
afterAll(async () => {
  await amo.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function company(name: string, plan: 'free' | 'start' = 'start') {
  const owner = await signUpOwner(ctx.app, { companyName: name });
  const tenantId = owner.session.tenant?.id as string;
  if (plan !== 'free') await putOnPlan(ctx.db, tenantId, plan);
  return { owner, tenantId, key: await widgetKeyOf(ctx, owner) };
}

/** The OAuth dance, checking our authorize URL on the way. */
async function connectAmo(owner: ApiClient, subdomain: string) {
  const authorize = await owner.post('/api/integrations/amocrm/authorize');
  expect(new URL(authorize.json<{ url: string }>().url).searchParams.get('client_id')).toBe(amo.clientId);
  return connectAmoCrm(owner, amo, subdomain);
}

async function lead(key: string, phone = '+7 916 123-45-67') {
  const widget = visitor(ctx.app, key);
  const started = await widget.start({
    pageUrl: 'https://remont.example/?utm_source=yandex',
    utm: { utm_source: 'yandex', utm_campaign: 'spring' },
  });
  const session = started.json<WidgetSession>();
  for (const [stepId, value] of FULL_FUNNEL) {
    const answer = stepId === 'contacts' ? { name: 'Анна', phone, consent: true } : value;
    const response = await widget.answer(session, stepId, answer);
    if (response.statusCode !== 200) throw new Error(`answering ${stepId}: ${response.body}`);
  }
  return session;
}

const rowsOf = (tenantId: string, channel: 'amocrm' | 'webhook') =>
  ctx.db.withTenant(tenantId, (tx) => tx.select().from(deliveries).where(eq(deliveries.channel, channel)));

describe('plans and roles', () => {
  it('locks amoCRM and the webhook on Free, naming the plan that has them; managers see nothing', async () => {
    const { owner } = await company('Ремонт Free', 'free');
    const overview = await owner.get('/api/integrations');
    expect(overview.json()).toMatchObject({ available: false, unlockedBy: { name: 'Старт' } });
    for (const [method, url] of [
      ['GET', '/api/integrations/amocrm'],
      ['POST', '/api/integrations/amocrm/authorize'],
      ['GET', '/api/integrations/webhook'],
      ['PUT', '/api/integrations/webhook'],
    ] as const) {
      const response = await owner.request(
        method,
        url,
        method === 'PUT' ? { url: 'https://example.com/h' } : undefined,
      );
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code).toBe('PLAN_FEATURE_REQUIRED');
      expect(response.json().error.message).toContain('Старт');
    }
    const manager = await addManager(ctx.app, owner);
    for (const url of [
      '/api/integrations',
      '/api/integrations/amocrm',
      '/api/integrations/webhook',
      '/api/integrations/metrika',
    ]) {
      expect((await manager.get(url)).statusCode, url).toBe(403);
    }
  });
});

describe('amoCRM', () => {
  it('connects by OAuth, maps fields, and a widget lead arrives once with the contact, tags and note', async () => {
    const { owner, tenantId, key } = await company('Ремонт Альфа');
    const callback = await connectAmo(owner, 'alfa');
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/admin/integrations?amocrm=connected');
    const view = (await owner.get('/api/integrations/amocrm')).json();
    expect(view.connection).toMatchObject({ subdomain: 'alfa', status: 'connected' });
    expect(JSON.stringify(view)).not.toMatch(/at-|rt-/);

    const account = (await owner.get('/api/integrations/amocrm/account')).json();
    expect(account.pipelines.map((p: { name: string }) => p.name)).toEqual(['Воронка', 'Ремонт под ключ']);
    expect(account.sources.map((s: { source: string }) => s.source)).toContain('answer:repairType');

    const wrong = await owner.request('PUT', '/api/integrations/amocrm/settings', {
      pipelineId: 7002,
      statusId: 8001,
      responsibleUserId: null,
      tags: [],
      attachExistingContact: true,
      mapping: [{ source: 'answer:area', entity: 'lead', fieldId: 999 }],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toMatchObject({
      statusId: expect.any(String),
      'mapping.0.fieldId': expect.any(String),
    });

    const saved = await owner.request('PUT', '/api/integrations/amocrm/settings', {
      pipelineId: 7002,
      statusId: 8102,
      responsibleUserId: 9002,
      tags: ['Сайт'],
      attachExistingContact: true,
      mapping: [
        { source: 'answer:area', entity: 'lead', fieldId: 501 },
        { source: 'answer:repairType', entity: 'lead', fieldId: 502, values: { capital: 5022 } },
        { source: 'estimate.text', entity: 'lead', fieldId: 503 },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);

    await lead(key);
    await ctx.app.outbox.runOnce();
    const [created] = amo.account('alfa').leads;
    expect(amo.account('alfa').leads).toHaveLength(1);
    expect(created).toMatchObject({ pipeline_id: 7002, status_id: 8102, responsible_user_id: 9002 });
    expect(created?.price).toBeGreaterThan(0);
    expect(created?.tags).toEqual(['AI Max', 'yandex', 'spring', 'Сайт']);
    expect(created?.custom_fields_values).toEqual(
      expect.arrayContaining([
        { field_id: 501, values: [{ value: 54 }] },
        { field_id: 502, values: [{ enum_id: 5022 }] },
      ]),
    );
    const contact = amo.account('alfa').contacts.find((each) => each.id === created?.contactId);
    expect(contact?.name).toBe('Анна');
    expect(JSON.stringify(contact?.custom_fields_values)).toContain('+79161234567');
    expect(created?.notes[0]).toContain('Диалог: http://localhost:3000/admin/dialogs/');
    const [row] = await rowsOf(tenantId, 'amocrm');
    expect(row).toMatchObject({ status: 'sent', externalId: String(created?.id) });

    // The same phone again: attached to the contact, not a second one.
    await lead(key);
    await ctx.app.outbox.runOnce();
    expect(amo.account('alfa').contacts).toHaveLength(1);
    expect(amo.account('alfa').leads).toHaveLength(2);
  });

  it('refuses a callback whose state is not this session’s, or whose referer is not amoCRM', async () => {
    const { owner } = await company('Ремонт Бета');
    const forged = await owner.get(
      '/api/integrations/amocrm/callback?code=x&state=a.9999999999999.b&referer=beta.amocrm.ru',
    );
    expect(forged.headers.location).toMatch(/amocrm=error&reason=/);
    const other = await company('Ремонт Гамма');
    const stateOfOther = new URL(
      (await other.owner.post('/api/integrations/amocrm/authorize')).json().url,
    ).searchParams.get('state');
    const stolen = await owner.get(
      `/api/integrations/amocrm/callback?code=x&state=${stateOfOther}&referer=beta.amocrm.ru`,
    );
    expect(stolen.headers.location).toMatch(/amocrm=error/);
    const state = new URL((await owner.post('/api/integrations/amocrm/authorize')).json().url).searchParams.get(
      'state',
    );
    const evil = await owner.get(`/api/integrations/amocrm/callback?code=x&state=${state}&referer=evil.example.com`);
    expect(evil.headers.location).toMatch(/amocrm=error/);
    expect((await owner.get('/api/integrations/amocrm')).json().connection).toBeNull();
  });

  it('waits out an outage, and after a crash between amoCRM’s answer and our record creates nothing twice', async () => {
    const { owner, tenantId, key } = await company('Ремонт Дельта');
    await connectAmo(owner, 'delta');
    amo.setDown(true);
    await lead(key, '+7 916 000-00-01');
    await ctx.app.outbox.runOnce();
    let [row] = await rowsOf(tenantId, 'amocrm');
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.lastError).toContain('503');
    amo.setDown(false);

    amo.cutAfterNextLead();
    await ctx.app.outbox.runOnce(later(5));
    [row] = await rowsOf(tenantId, 'amocrm');
    expect(row?.status).toBe('pending');
    expect(amo.account('delta').leads).toHaveLength(1);

    // A 429 (amoCRM counts the requests of this file's other companies too) only delays it.
    for (let hour = 1; hour <= 4 && row?.status === 'pending'; hour += 1) {
      await ctx.app.outbox.runOnce(later(60 * hour));
      [row] = await rowsOf(tenantId, 'amocrm');
    }
    expect(row?.status).toBe('sent');
    expect(amo.account('delta').leads).toHaveLength(1);
    expect(amo.account('delta').leads[0]?.notes).toHaveLength(1);
  });

  it('refreshes an expired token once; a revoked one waits for the owner and goes after reconnecting', async () => {
    const { owner, tenantId, key } = await company('Ремонт Эпсилон');
    await connectAmo(owner, 'epsilon');
    amo.expireAccessTokens();
    const refreshes = amo.counts.refreshes;
    await lead(key, '+7 916 000-00-02');
    await ctx.app.outbox.runOnce();
    expect(amo.counts.refreshes).toBe(refreshes + 1);
    expect(amo.account('epsilon').leads).toHaveLength(1);

    amo.revoke();
    await lead(key, '+7 916 000-00-03');
    await ctx.app.outbox.runOnce();
    await ctx.app.outbox.runOnce(later(40));
    const waiting = (await rowsOf(tenantId, 'amocrm')).find((each) => each.status === 'pending');
    expect(waiting?.attempts).toBe(0);
    expect(waiting?.lastError).toContain('переподключите');
    expect((await owner.get('/api/integrations/amocrm')).json().connection.status).toBe('reauth_required');
    expect((await owner.get('/api/integrations/amocrm/account')).json().error.code).toBe('AMOCRM_REAUTH_REQUIRED');

    await connectAmo(owner, 'epsilon');
    await ctx.app.outbox.runOnce();
    expect(amo.account('epsilon').leads).toHaveLength(2);
    expect((await rowsOf(tenantId, 'amocrm')).every((each) => each.status === 'sent')).toBe(true);
  });

  it('two workers with an expired token refresh it once, and both leads arrive', async () => {
    const { owner, tenantId, key } = await company('Ремонт Зета');
    await connectAmo(owner, 'zeta');
    // The app's own worker tries them first, while amoCRM is down, and leaves them to the two below.
    amo.setDown(true);
    await lead(key, '+7 916 000-00-04');
    await lead(key, '+7 916 000-00-05');
    await ctx.app.outbox.runOnce();
    amo.setDown(false);
    await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .update(amocrmConnections)
        .set({ accessExpiresAt: sql`now() - interval '1 hour'` })
        .where(eq(amocrmConnections.tenantId, tenantId)),
    );
    const config = testConfig({
      AMOCRM_CLIENT_ID: amo.clientId,
      AMOCRM_CLIENT_SECRET: amo.clientSecret,
      AMOCRM_ACCOUNT_URL: amo.accountUrl,
    });
    const { deriveKey, loadAppSecret } = await import('../../lib/appSecret.ts');
    const key2 = deriveKey(await loadAppSecret(ctx.config), 'amocrm-tokens');
    // Two instances: each its own API client (rate limiter) and its own in-process state.
    const worker = () =>
      createOutboxWorker({
        db: ctx.db,
        log: silent,
        batchSize: 1,
        channels: {
          amocrm: amocrmChannel({
            db: ctx.db,
            api: createAmoApi({ accountUrl: amo.accountUrl }),
            key: key2,
            config: config.amocrm as NonNullable<typeof config.amocrm>,
            redirectUri: REDIRECT,
          }),
        },
      });
    const refreshes = amo.counts.refreshes;
    const rejected = amo.counts.rejectedRefreshes;
    // Each instance keeps to 7 requests a second on its own; together they may pass amoCRM's
    // limit, which is not what this test is about.
    amo.perSecondLimit = Number.POSITIVE_INFINITY;
    await Promise.all([worker().runOnce(later(5)), worker().runOnce(later(5))]);
    amo.perSecondLimit = 7;
    expect(amo.counts.refreshes).toBe(refreshes + 1);
    expect(amo.counts.rejectedRefreshes).toBe(rejected);
    expect(amo.account('zeta').leads).toHaveLength(2);
  });
});

describe('webhook', () => {
  it('posts each lead signed, with a delivery id; an outage delays it, a retry sends the same body', async () => {
    const { owner, tenantId, key } = await company('Ремонт Вебхук');
    const saved = await owner.request('PUT', '/api/integrations/webhook', { url: receiverUrl });
    expect(saved.statusCode, saved.body).toBe(200);
    const secret = saved.json().secret as string;
    expect(secret).toMatch(/^whsec_/);
    const again = (await owner.get('/api/integrations/webhook')).json();
    expect(JSON.stringify(again)).not.toContain(secret);
    expect(again.endpoint.secretHint).toBe(`whsec_…${secret.slice(-4)}`);

    receiverStatus = 503;
    await lead(key);
    await ctx.app.outbox.runOnce();
    const [waiting] = await rowsOf(tenantId, 'webhook');
    expect(waiting).toMatchObject({ status: 'pending', response: 'HTTP 503: down for maintenance' });

    receiverStatus = 200;
    const before = received.length;
    await ctx.app.outbox.runOnce(later(5));
    expect(received.length).toBe(before + 1);
    const got = received.at(-1) as Received;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(got.headers['x-aimax-signature'])) ?? [];
    expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${got.body}`).digest('hex'));
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      version: 1,
      event: 'lead.created',
      deliveryId: waiting?.id,
      lead: { name: 'Анна', phone: '+79161234567' },
    });
    expect(got.headers['x-aimax-delivery']).toBe(waiting?.id);
    expect((await rowsOf(tenantId, 'webhook'))[0]).toMatchObject({ status: 'sent', leadId: body.lead.id });

    const test = await owner.post('/api/integrations/webhook/test');
    expect(test.json()).toMatchObject({ ok: true });
    expect(JSON.parse((received.at(-1) as Received).body).event).toBe('lead.test');
  });

  it('«Повторить» sends a failed delivery again; a sent one is not repeated', async () => {
    const { owner, tenantId, key } = await company('Ремонт Повтор');
    await owner.request('PUT', '/api/integrations/webhook', { url: receiverUrl });
    receiverStatus = 404;
    await lead(key);
    await ctx.app.outbox.runOnce();
    const [failed] = await rowsOf(tenantId, 'webhook');
    expect(failed).toMatchObject({ status: 'failed' });
    receiverStatus = 200;
    const retried = await owner.post(`/api/deliveries/${failed?.id}/retry`);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await ctx.app.outbox.runOnce();
    expect((await rowsOf(tenantId, 'webhook'))[0]?.status).toBe('sent');
    expect((await owner.post(`/api/deliveries/${failed?.id}/retry`)).json().error.code).toBe('DELIVERY_NOT_RETRYABLE');
  });

  it('does not follow a redirect (here to the cloud metadata address)', async () => {
    receiverStatus = 302;
    const http = createPublicHttp({ timeoutMs: 2000, allowPrivate: true });
    await expect(
      postSigned(http, { url: receiverUrl, secret: 's', deliveryId: 'd', event: 'lead.test', body: '{}' }),
    ).rejects.toMatchObject({ permanent: true, message: expect.stringContaining('перенаправлением') });
    receiverStatus = 200;
    await http.close();
  });
});

describe('webhook URLs that reach into our network', () => {
  let strict: TestContext;
  beforeAll(async () => {
    strict = await createTestApp();
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://[::1]/hook',
    'http://10.0.0.5/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:127.0.0.1]/hook',
    'http://localhost:3000/hook',
    'ftp://example.com/hook',
  ])('refuses %s with a clear message', async (url) => {
    const owner = await signUpOwner(strict.app, { companyName: 'Ремонт SSRF' });
    await putOnPlan(strict.db, owner.session.tenant?.id as string, 'start');
    const response = await owner.request('PUT', '/api/integrations/webhook', { url });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/внутренний|http:\/\/ и https:\/\/|Адрес вида/);
  });

  it('judges addresses by their range, IPv4-mapped IPv6 as its IPv4', () => {
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    expect(isPublicAddress('2a00:1450:4010::1')).toBe(true);
    for (const address of [
      '0.0.0.0',
      '100.64.0.1',
      '192.168.1.1',
      'fc00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      '224.0.0.1',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('refuses the loopback switch in production', () => {
    expect(() =>
      testConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE: 'true', APP_SECRET: 'x'.repeat(32) }),
    ).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
  });
});

describe('Yandex Metrika', () => {
  it('lists the goals to create, and the check page reaches the test goal under a CSP that allows Metrika only', async () => {
    const { owner } = await company('Ремонт Метрика', 'free');
    expect((await owner.get('/api/integrations/metrika')).json()).toMatchObject({ counterId: '', testUrl: null });
    const saved = await owner.request('PUT', '/api/integrations/metrika', {
      counterId: '12345678',
      goals: { opened: 'chat_open', step: 'quiz_{step}', contacts: 'lead', estimate: 'pdf' },
    });
    expect(saved.statusCode).toBe(200);
    const view = saved.json();
    expect(view.goalList.map((goal: { identifier: string }) => goal.identifier)).toEqual(
      expect.arrayContaining(['chat_open', 'quiz_objectType', 'quiz_contacts', 'lead', 'pdf', 'aimax_test']),
    );
    expect(view.testUrl).toBe('http://localhost:3000/metrika-check');
    expect((await owner.get('/api/integrations')).json().metrika).toEqual({ connected: true });

    const page = await owner.get('/metrika-check');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ym(12345678, \'reachGoal\', "aimax_test"');
    expect(page.body).toContain('data-key="wk_');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' https:\/\/mc\.yandex\.ru/);
    expect(csp).not.toContain('unsafe-eval');
    expect((await ctx.app.inject({ method: 'GET', url: '/metrika-check' })).statusCode).toBe(401);
  });
});
