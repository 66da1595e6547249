// The tenant, the actor and the user come from the session (or the widget key), never from the
// request. Company B's owner, a visitor of B's widget and the superadmin send every route's valid
// input with fields naming company A and A's owner added (`tenantId`, `userId`, `role`…): the
// answer is a 400 naming the field, and nothing of A's changes. The same input without them then
// succeeds, so the refusal is the extra fields' doing. Queries get the same treatment.
//
// Adding a route that takes a body? Add it to `bodyCases`; the completeness check fails until you do.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FUNNEL } from '../../src/modules/funnel/funnel.ts';
import { bootstrapPlatform } from '../../src/modules/platform/bootstrap.ts';
import { type FakeAmoCrm, startFakeAmoCrm } from '../fakes/amocrm.ts';
import { type FakeTelegramBotApi, startFakeTelegramBotApi } from '../fakes/telegramBotApi.ts';
import { connectAmoCrm } from '../support/amocrm.ts';
import { createTestApp, type TestContext } from '../support/app.ts';
import { configureSeller, ENTREPRENEUR_BUYER, issueInvoiceAs, putOnPlan, SELLER } from '../support/billing.ts';
import { type ApiClient, logInAs, randomIp, STRONG_PASSWORD, signUpOwner, uniqueEmail } from '../support/clients.ts';
import { tenantFingerprint } from '../support/fingerprint.ts';
import { pngImage } from '../support/images.ts';
import { completeFunnel, FULL_FUNNEL, visitor, type WidgetSession, widgetKeyOf } from '../support/widget.ts';

interface World {
  ctx: TestContext;
  /** Company A: the victim. */
  a: { tenantId: string; ownerId: string; ownerEmail: string; leadId: string; sessionId: string };
  /** Company B's owner: the attacker, with a company of their own. */
  b: ApiClient;
  bWidgetKey: string;
  bInvoiceId: string;
  /** A lead of company B's own, for the routes that change one. */
  bLeadId: string;
  superadmin: ApiClient;
}

type Extra = Record<string, unknown>;

/** Every name a body might use to pass for the session, each pointing at A or at more power. */
const foreignFields = (w: World): Extra => ({
  tenantId: w.a.tenantId,
  tenant_id: w.a.tenantId,
  userId: w.a.ownerId,
  user_id: w.a.ownerId,
  actorId: w.a.ownerId,
  ownerId: w.a.ownerId,
  sessionId: w.a.sessionId,
  leadId: w.a.leadId,
  id: w.a.leadId,
  role: 'owner',
  plan: 'enterprise',
  isSuperadmin: true,
});

const json = (ctx: TestContext, method: 'POST' | 'PUT', url: string, payload: unknown) =>
  ctx.app.inject({ method, url, remoteAddress: randomIp(), payload: payload as object });

/** B back on a plan with amoCRM and the webhook (the domain case leaves it on Free). */
async function onIntegrationsPlan(w: World): Promise<ApiClient> {
  await putOnPlan(w.ctx.db, w.b.session.tenant?.id as string, 'start');
  return w.b;
}

interface BodyCase {
  route: string;
  /** Sends the route's valid input with `extra` merged in (and, with `extra` empty, as it is). */
  send(w: World, extra: Extra): Promise<LightMyRequestResponse>;
}

const startSession = async (w: World): Promise<WidgetSession> => {
  const started = await visitor(w.ctx.app, w.bWidgetKey).start();
  return started.json<WidgetSession>();
};

const widgetCall = async (w: World, path: string, body: Extra) => {
  const session = await startSession(w);
  return w.ctx.app.inject({
    method: 'POST',
    url: `/api/widget/sessions/${session.sessionId}/${path}`,
    remoteAddress: randomIp(),
    headers: { 'x-widget-key': w.bWidgetKey, authorization: `Bearer ${session.token}` },
    payload: body,
  });
};

const bodyCases: BodyCase[] = [
  {
    route: 'POST /api/auth/signup',
    send: (w, extra) =>
      json(w.ctx, 'POST', '/api/auth/signup', {
        companyName: 'Новая',
        email: uniqueEmail(),
        password: STRONG_PASSWORD,
        ...extra,
      }),
  },
  {
    route: 'POST /api/auth/login',
    send: (w, extra) =>
      json(w.ctx, 'POST', '/api/auth/login', {
        email: w.b.session.user.email,
        password: STRONG_PASSWORD,
        ...extra,
      }),
  },
  {
    route: 'POST /api/auth/password',
    send: (w, extra) =>
      w.b.post('/api/auth/password', { currentPassword: STRONG_PASSWORD, newPassword: STRONG_PASSWORD, ...extra }),
  },
  {
    route: 'POST /api/team/members',
    send: (w, extra) =>
      w.b.post('/api/team/members', {
        name: 'Новый менеджер',
        email: uniqueEmail(),
        password: STRONG_PASSWORD,
        role: 'manager',
        ...extra,
      }),
  },
  {
    route: 'PUT /api/team/members/:id/notifications',
    send: (w, extra) =>
      w.b.request('PUT', `/api/team/members/${w.b.session.user.id}/notifications`, { leadEmails: true, ...extra }),
  },
  {
    route: 'PUT /api/account/notifications',
    send: (w, extra) => w.b.request('PUT', '/api/account/notifications', { leadEmails: true, ...extra }),
  },
  { route: 'POST /api/team/invites', send: (w, extra) => w.b.post('/api/team/invites', { role: 'manager', ...extra }) },
  {
    route: 'POST /api/invites/:token/accept',
    send: async (w, extra) => {
      const { url } = (await w.b.post('/api/team/invites', { role: 'manager' })).json<{ url: string }>();
      const token = url.split('/').pop() as string;
      return json(w.ctx, 'POST', `/api/invites/${token}/accept`, {
        name: 'Приглашённый',
        email: uniqueEmail(),
        password: STRONG_PASSWORD,
        ...extra,
      });
    },
  },
  {
    route: 'PUT /api/domain',
    // Own domains come with some plans only: B is on one for the call, then back.
    send: async (w, extra) => {
      const tenantId = w.b.session.tenant?.id as string;
      await putOnPlan(w.ctx.db, tenantId, 'business');
      try {
        return await w.b.request('PUT', '/api/domain', { hostname: 'chat.kompaniya-b.ru', ...extra });
      } finally {
        await putOnPlan(w.ctx.db, tenantId, 'free');
      }
    },
  },
  {
    route: 'PUT /api/funnel',
    send: async (w, extra) => {
      const baseVersion = (await w.b.get('/api/funnel')).json().version?.number ?? null;
      return w.b.request('PUT', '/api/funnel', { config: DEFAULT_FUNNEL, baseVersion, ...extra });
    },
  },
  {
    route: 'PUT /api/branding',
    send: (w, extra) =>
      w.b.request('PUT', '/api/branding', {
        companyName: 'Компания Б',
        primaryColor: '#123456',
        accentColor: '#654321',
        welcomeTitle: 'Здравствуйте',
        welcomeText: '',
        contacts: { phone: '', email: '', address: '', website: '' },
        ...extra,
      }),
  },
  {
    route: 'PUT /api/bot-settings',
    send: (w, extra) => w.b.request('PUT', '/api/bot-settings', { name: 'Бот Б', greeting: 'Привет', ...extra }),
  },
  {
    route: 'PUT /api/widget/settings',
    send: (w, extra) =>
      w.b.request('PUT', '/api/widget/settings', {
        allowedOrigins: [],
        ...extra,
      }),
  },
  {
    route: 'PUT /api/billing/profile',
    send: (w, extra) => w.b.request('PUT', '/api/billing/profile', { ...ENTREPRENEUR_BUYER, ...extra }),
  },
  {
    route: 'POST /api/billing/invoices',
    send: (w, extra) => w.b.post('/api/billing/invoices', { plan: 'start', termMonths: 1, ...extra }),
  },
  {
    route: 'POST /api/widget/sessions',
    send: (w, extra) =>
      json(w.ctx, 'POST', '/api/widget/sessions', {
        key: w.bWidgetKey,
        visitorId: `visitor-${Date.now()}-abcdefgh`,
        pageUrl: 'https://b.example/remont',
        ...extra,
      }),
  },
  {
    route: 'POST /api/widget/sessions/:id/answers',
    send: (w, extra) => widgetCall(w, 'answers', { stepId: 'objectType', value: 'secondary', ...extra }),
  },
  {
    route: 'POST /api/widget/sessions/:id/messages',
    send: (w, extra) => widgetCall(w, 'messages', { text: 'Сколько стоит ремонт?', ...extra }),
  },
  {
    route: 'POST /api/dialogs/:id/take',
    send: async (w, extra) =>
      w.b.post(`/api/dialogs/${(await startSession(w)).sessionId}/take`, { force: false, ...extra }),
  },
  {
    route: 'POST /api/dialogs/:id/messages',
    send: async (w, extra) =>
      w.b.post(`/api/dialogs/${(await startSession(w)).sessionId}/messages`, { text: 'Здравствуйте!', ...extra }),
  },
  {
    route: 'PUT /api/dialogs/settings',
    send: (w, extra) =>
      w.b.request('PUT', '/api/dialogs/settings', { handoffTimeoutMinutes: 5, workingHours: null, ...extra }),
  },
  {
    route: 'PUT /api/integrations/telegram',
    send: (w, extra) =>
      w.b.request('PUT', '/api/integrations/telegram', { token: telegram.createBot().token, ...extra }),
  },
  {
    route: 'PATCH /api/integrations/telegram',
    send: async (w, extra) => {
      await w.b.request('PUT', '/api/integrations/telegram', { token: telegram.createBot().token });
      return w.b.request('PATCH', '/api/integrations/telegram', { notifyNewDialogs: true, ...extra });
    },
  },
  {
    route: 'PUT /api/integrations/amocrm/settings',
    send: async (w, extra) =>
      (await onIntegrationsPlan(w)).request('PUT', '/api/integrations/amocrm/settings', {
        pipelineId: 7001,
        statusId: 8002,
        responsibleUserId: null,
        tags: ['Сайт'],
        attachExistingContact: true,
        mapping: [{ source: 'answer:area', entity: 'lead', fieldId: 501 }],
        ...extra,
      }),
  },
  {
    route: 'PUT /api/integrations/webhook',
    send: async (w, extra) =>
      (await onIntegrationsPlan(w)).request('PUT', '/api/integrations/webhook', {
        url: 'https://8.8.8.8/b-hook',
        ...extra,
      }),
  },
  {
    route: 'PUT /api/integrations/metrika',
    send: (w, extra) =>
      w.b.request('PUT', '/api/integrations/metrika', {
        counterId: '12345678',
        goals: { opened: 'open', step: 'step_{step}', contacts: 'lead', estimate: 'pdf' },
        ...extra,
      }),
  },
  {
    route: 'POST /api/knowledge/documents',
    send: (w, extra) =>
      w.b.post('/api/knowledge/documents', { title: 'Цены', body: 'Ремонт ванной от 150 000 ₽', ...extra }),
  },
  {
    route: 'POST /api/knowledge/pairs',
    send: (w, extra) => w.b.post('/api/knowledge/pairs', { questions: ['Есть рассрочка?'], answer: 'Да', ...extra }),
  },
  {
    route: 'PATCH /api/knowledge/:id',
    send: async (w, extra) => {
      const entry = (await w.b.post('/api/knowledge/pairs', { questions: ['Есть скидки?'], answer: 'Да' })).json();
      return w.b.request('PATCH', `/api/knowledge/${entry.id}`, { enabled: false, ...extra });
    },
  },
  {
    route: 'PUT /api/knowledge/settings',
    send: (w, extra) =>
      w.b.request('PUT', '/api/knowledge/settings', { topK: 3, minSimilarity: 0.5, qaSimilarity: 0.75, ...extra }),
  },
  {
    route: 'POST /api/knowledge/check',
    send: (w, extra) => w.b.post('/api/knowledge/check', { question: 'Сколько стоит ремонт?', ...extra }),
  },
  {
    route: 'POST /api/leads/:id/status',
    send: (w, extra) => w.b.post(`/api/leads/${w.bLeadId}/status`, { status: 'rejected', reason: 'Дорого', ...extra }),
  },
  {
    route: 'PUT /api/leads/:id/assignee',
    send: (w, extra) =>
      w.b.request('PUT', `/api/leads/${w.bLeadId}/assignee`, { assigneeId: w.b.session.user.id, ...extra }),
  },
  {
    route: 'POST /api/leads/:id/notes',
    send: (w, extra) => w.b.post(`/api/leads/${w.bLeadId}/notes`, { text: 'Перезвонить', ...extra }),
  },
  {
    route: 'POST /api/platform/tenants/:id/plan',
    send: (w, extra) =>
      w.superadmin.post(`/api/platform/tenants/${w.b.session.tenant?.id}/plan`, {
        plan: 'start',
        paidThrough: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        ...extra,
      }),
  },
  {
    route: 'POST /api/platform/invoices/:id/cancel',
    send: (w, extra) =>
      w.superadmin.post(`/api/platform/invoices/${w.bInvoiceId}/cancel`, { reason: 'Ошибка в счёте', ...extra }),
  },
  {
    route: 'PUT /api/platform/settings/support',
    send: (w, extra) =>
      w.superadmin.request('PUT', '/api/platform/settings/support', {
        email: 'help@aimax.test',
        phone: '',
        telegram: '',
        ...extra,
      }),
  },
  {
    route: 'PUT /api/platform/settings/seller',
    send: (w, extra) => w.superadmin.request('PUT', '/api/platform/settings/seller', { ...SELLER, ...extra }),
  },
];

let w: World;
let telegram: FakeTelegramBotApi;
let amo: FakeAmoCrm;

beforeAll(async () => {
  telegram = await startFakeTelegramBotApi();
  amo = await startFakeAmoCrm({ redirectUri: 'http://localhost:3000/api/integrations/amocrm/callback' });
  const ctx = await createTestApp({
    env: {
      TELEGRAM_API_URL: telegram.url,
      AMOCRM_CLIENT_ID: amo.clientId,
      AMOCRM_CLIENT_SECRET: amo.clientSecret,
      AMOCRM_AUTHORIZE_URL: `${amo.url}/oauth`,
      AMOCRM_ACCOUNT_URL: amo.accountUrl,
    },
  });
  const a = await signUpOwner(ctx.app, { companyName: 'Компания А' });
  const aVisitor = visitor(ctx.app, await widgetKeyOf(ctx, a));
  const session = (await aVisitor.start()).json<WidgetSession>();
  for (const [stepId, value] of FULL_FUNNEL) await aVisitor.answer(session, stepId, value);
  const leadId = (await a.get('/api/leads')).json().leads[0].id as string;

  await configureSeller(ctx.db);
  await bootstrapPlatform(ctx.db, { adminEmail: 'operator@aimax.test', adminPassword: STRONG_PASSWORD });
  const b = await signUpOwner(ctx.app, { companyName: 'Компания Б' });
  const invoice = (await issueInvoiceAs(b, { plan: 'start', termMonths: 1 })).json();
  await completeFunnel(visitor(ctx.app, await widgetKeyOf(ctx, b)));
  const bLeadId = (await b.get('/api/leads')).json().leads[0].id as string;
  // B's integrations, on a plan that has them: its own amoCRM and webhook.
  await putOnPlan(ctx.db, b.session.tenant?.id as string, 'start');
  await connectAmoCrm(b, amo, 'kompaniya-b');
  // Mail is sent now, not while a case watches A's rows.
  await ctx.app.outbox.stop();
  w = {
    ctx,
    a: {
      tenantId: a.session.tenant?.id as string,
      ownerId: a.session.user.id,
      ownerEmail: a.session.user.email,
      leadId,
      sessionId: session.sessionId,
    },
    b,
    bWidgetKey: await widgetKeyOf(ctx, b),
    bInvoiceId: invoice.invoice.id,
    bLeadId,
    superadmin: await logInAs(ctx.app, 'operator@aimax.test', STRONG_PASSWORD),
  };
});

afterAll(async () => {
  await telegram.close();
  await amo.close();
});

describe('request bodies cannot stand in for the session', () => {
  it('covers every route that takes a body', () => {
    const withBody = w.ctx.app.routeTable.filter((r) => r.schema?.body).map((r) => `${r.method} ${r.url}`);
    expect(withBody.filter((route) => !bodyCases.some((c) => c.route === route))).toEqual([]);
    expect(bodyCases.filter((c) => !withBody.includes(c.route)).map((c) => c.route)).toEqual([]);
  });

  it.each(bodyCases)('$route: fields naming company A are refused and change nothing', async ({ send }) => {
    const before = await tenantFingerprint(w.ctx, w.a.tenantId);
    const extra = foreignFields(w);

    const refused = await send(w, extra);

    expect(refused.statusCode).toBe(400);
    const error = refused.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(error.fields ?? {}).some((field) => field in extra)).toBe(true);
    expect(error.message).toMatch(/^Поле «.+» не поддерживается$/);
    expect(await tenantFingerprint(w.ctx, w.a.tenantId)).toEqual(before);
    // A's owner still signs in with the same password, into company A.
    const owner = await logInAs(w.ctx.app, w.a.ownerEmail, STRONG_PASSWORD);
    expect(owner.session.tenant?.id).toBe(w.a.tenantId);

    // Without them the same input goes through: the refusal was theirs.
    const accepted = await send(w, {});
    expect(accepted.statusCode, accepted.body).toBeLessThan(300);
  });

  it('a funnel answer’s contacts with a foreign field are refused too', async () => {
    const before = await tenantFingerprint(w.ctx, w.a.tenantId);
    const client = visitor(w.ctx.app, w.bWidgetKey);
    const session = (await client.start()).json<WidgetSession>();
    for (const [stepId, value] of FULL_FUNNEL.slice(0, -1)) await client.answer(session, stepId, value);
    const contacts = { name: 'Анна', phone: '+7 916 123-45-67', consent: true };

    const refused = await client.answer(session, 'contacts', { ...contacts, tenantId: w.a.tenantId });

    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe('Поле «tenantId» не поддерживается');
    expect(await tenantFingerprint(w.ctx, w.a.tenantId)).toEqual(before);
    expect((await client.answer(session, 'contacts', contacts)).statusCode).toBe(200);
  });

  it.each([['/api/branding/logo'], ['/api/bot-settings/avatar']])(
    '%s: an upload with a form field besides the file is refused',
    async (url) => {
      const form = new FormData();
      form.append('tenantId', w.a.tenantId);
      form.append('file', new Blob([new Uint8Array(await pngImage(300, 200))], { type: 'image/png' }), 'logo.png');
      const before = await tenantFingerprint(w.ctx, w.a.tenantId);

      const refused = await w.b.request('POST', url, form);

      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toHaveProperty('tenantId');
      expect(await tenantFingerprint(w.ctx, w.a.tenantId)).toEqual(before);
    },
  );
});

describe('query strings cannot stand in for the session', () => {
  const base: Record<string, (w: World) => string> = {
    'GET /api/widget/config': (w) => `key=${w.bWidgetKey}`,
  };
  const clientFor = (access: string | undefined) => (request: { url: string }) =>
    access === 'superadmin'
      ? w.superadmin.get(request.url)
      : access === 'public'
        ? w.ctx.app.inject({ method: 'GET', url: request.url, remoteAddress: randomIp() })
        : w.b.get(request.url);

  it('refuses foreign parameters where a route reads its query, and ignores them where it reads none', async () => {
    // Routes with a path parameter, and the event streams (they do not end), are left to the
    // closed-schema walk; the rest are called as their users call them.
    const routes = w.ctx.app.routeTable.filter(
      (r) =>
        r.method === 'GET' &&
        r.url.startsWith('/api/') &&
        !r.url.includes(':') &&
        !r.url.endsWith('/events') &&
        r.access !== undefined,
    );
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const query = base[key]?.(w) ?? '';
      const foreign = new URLSearchParams(
        Object.entries(foreignFields(w)).map(([name, value]): [string, string] => [name, String(value)]),
      ).toString();
      const call = clientFor(route.access);
      const plain = await call({ url: `${route.url}${query ? `?${query}` : ''}` });
      const tried = await call({ url: `${route.url}?${query ? `${query}&` : ''}${foreign}` });

      if (route.schema?.querystring) {
        expect(tried.statusCode, key).toBe(400);
        expect(tried.json().error.code, key).toBe('VALIDATION_FAILED');
      } else {
        expect({ status: tried.statusCode, body: tried.body }, key).toEqual({
          status: plain.statusCode,
          body: plain.body,
        });
      }
    }
  });
});
