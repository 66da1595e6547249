// The tenant-isolation suite: tenant B's people, calling every tenant-scoped route against tenant
// A's resources, get 404 (or only their own data) and change nothing of A's. It runs twice: as
// the app runs, and with the RLS policies bypassed, so that the application's own tenant filters
// and the database's policies each hold on their own.
//
// Adding a tenant-scoped route? Add a line to `cases` below; the completeness check fails until
// you do.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLES } from '../../src/db/database.ts';
import type { Plan } from '../../src/db/schema.ts';
import { DEFAULT_FUNNEL } from '../../src/modules/funnel/funnel.ts';
import { type FakeDnsServer, startFakeDnsServer } from '../fakes/dnsServer.ts';
import { type FakeTelegramBotApi, startFakeTelegramBotApi } from '../fakes/telegramBotApi.ts';
import { type FakeYooKassa, startFakeYooKassa } from '../fakes/yookassa.ts';
import { createTestApp, type TestContext } from '../support/app.ts';
import { COMPANY_BUYER, configureSeller, ENTREPRENEUR_BUYER, issueInvoiceAs, putOnPlan } from '../support/billing.ts';
import { type ApiClient, addManager, STRONG_PASSWORD, signUpOwner, uniqueEmail } from '../support/clients.ts';
import { tenantFingerprint } from '../support/fingerprint.ts';
import { pngImage } from '../support/images.ts';
import { readSse } from '../support/sse.ts';
import { FULL_FUNNEL, type Visitor, visitor, type WidgetSession, widgetKeyOf } from '../support/widget.ts';

interface TenantA {
  owner: ApiClient;
  image: Buffer;
  leadId: string;
  widgetKey: string;
  session: WidgetSession;
  manager: ApiClient & { userId: string };
  inviteId: string;
  invoiceId: string;
  /** A document of A's knowledge base, and a manager's message a pair can be drafted from. */
  kbEntryId: string;
  operatorMessageId: string;
  /** One of A's deliveries (its lead's webhook POST). */
  deliveryId: string;
  /** Values that must never appear in an answer to tenant B. */
  secrets: string[];
}

interface IsolationCase {
  /** `METHOD /url` exactly as the route is registered. */
  route: string;
  /** `notFound`: B names A's resource and must get 404. `ownOnly`: B acts on its own data. */
  expect: 'notFound' | 'ownOnly';
  /** The plan B is on first, for routes only some plans have. */
  plan?: Plan;
  /** The status B's own call gets, when it is not a success (B has no amoCRM to read, say). */
  status?: number;
  call(b: ApiClient, a: TenantA): Promise<LightMyRequestResponse>;
}

/** Public routes that still answer from the session when there is one. */
const PUBLIC_WITH_SESSION = ['GET /api/auth/current'];
/** Streams that never end, checked over real HTTP below instead of in `cases`. */
const STREAMS = ['GET /api/dialogs/events'];

const cases: IsolationCase[] = [
  { route: 'GET /api/auth/session', expect: 'ownOnly', call: (b) => b.get('/api/auth/session') },
  { route: 'GET /api/auth/current', expect: 'ownOnly', call: (b) => b.get('/api/auth/current') },
  {
    route: 'POST /api/auth/password',
    expect: 'ownOnly',
    call: (b) => b.post('/api/auth/password', { currentPassword: STRONG_PASSWORD, newPassword: STRONG_PASSWORD }),
  },
  { route: 'POST /api/auth/logout', expect: 'ownOnly', call: (b) => b.post('/api/auth/logout') },
  { route: 'GET /api/team', expect: 'ownOnly', call: (b) => b.get('/api/team') },
  {
    route: 'POST /api/team/members',
    expect: 'ownOnly',
    call: (b) =>
      b.post('/api/team/members', { name: 'B', email: uniqueEmail(), password: STRONG_PASSWORD, role: 'manager' }),
  },
  {
    route: 'DELETE /api/team/members/:id',
    expect: 'notFound',
    call: (b, a) => b.delete(`/api/team/members/${a.manager.userId}`),
  },
  {
    route: 'PUT /api/team/members/:id/notifications',
    expect: 'notFound',
    call: (b, a) => b.request('PUT', `/api/team/members/${a.manager.userId}/notifications`, { leadEmails: false }),
  },
  { route: 'GET /api/account/notifications', expect: 'ownOnly', call: (b) => b.get('/api/account/notifications') },
  {
    route: 'PUT /api/account/notifications',
    expect: 'ownOnly',
    call: (b) => b.request('PUT', '/api/account/notifications', { leadEmails: false }),
  },
  { route: 'POST /api/team/invites', expect: 'ownOnly', call: (b) => b.post('/api/team/invites', { role: 'owner' }) },
  {
    route: 'DELETE /api/team/invites/:id',
    expect: 'notFound',
    call: (b, a) => b.delete(`/api/team/invites/${a.inviteId}`),
  },
  { route: 'GET /api/dialogs', expect: 'ownOnly', call: (b) => b.get('/api/dialogs') },
  {
    route: 'GET /api/dialogs/:id/events',
    expect: 'notFound',
    call: (b, a) => b.get(`/api/dialogs/${a.session.sessionId}/events`),
  },
  { route: 'GET /api/dialogs/:id', expect: 'notFound', call: (b, a) => b.get(`/api/dialogs/${a.session.sessionId}`) },
  {
    route: 'POST /api/dialogs/:id/take',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/dialogs/${a.session.sessionId}/take`, { force: true }),
  },
  {
    route: 'POST /api/dialogs/:id/return',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/dialogs/${a.session.sessionId}/return`),
  },
  {
    route: 'POST /api/dialogs/:id/close',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/dialogs/${a.session.sessionId}/close`),
  },
  {
    route: 'POST /api/dialogs/:id/messages',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/dialogs/${a.session.sessionId}/messages`, { text: 'Чужой менеджер' }),
  },
  { route: 'GET /api/dialogs/settings', expect: 'ownOnly', call: (b) => b.get('/api/dialogs/settings') },
  {
    route: 'PUT /api/dialogs/settings',
    expect: 'ownOnly',
    call: (b) => b.request('PUT', '/api/dialogs/settings', { handoffTimeoutMinutes: 7, workingHours: null }),
  },
  { route: 'GET /api/branding', expect: 'ownOnly', call: (b) => b.get('/api/branding') },
  { route: 'PUT /api/branding', expect: 'ownOnly', call: (b) => b.request('PUT', '/api/branding', BRANDING) },
  {
    route: 'POST /api/branding/logo',
    expect: 'ownOnly',
    call: (b, a) => b.upload('/api/branding/logo', a.image, 'logo.png', 'image/png'),
  },
  { route: 'DELETE /api/branding/logo', expect: 'ownOnly', call: (b) => b.delete('/api/branding/logo') },
  { route: 'GET /api/bot-settings', expect: 'ownOnly', call: (b) => b.get('/api/bot-settings') },
  {
    route: 'PUT /api/bot-settings',
    expect: 'ownOnly',
    call: (b) => b.request('PUT', '/api/bot-settings', { name: 'Бот Б', greeting: 'Привет от Б' }),
  },
  {
    route: 'POST /api/bot-settings/avatar',
    expect: 'ownOnly',
    call: (b, a) => b.upload('/api/bot-settings/avatar', a.image, 'avatar.png', 'image/png'),
  },
  { route: 'DELETE /api/bot-settings/avatar', expect: 'ownOnly', call: (b) => b.delete('/api/bot-settings/avatar') },
  {
    route: 'POST /api/branding/estimate-preview',
    expect: 'ownOnly',
    call: (b) => b.post('/api/branding/estimate-preview'),
  },
  { route: 'GET /api/widget/settings', expect: 'ownOnly', call: (b) => b.get('/api/widget/settings') },
  {
    route: 'PUT /api/widget/settings',
    expect: 'ownOnly',
    call: (b) =>
      b.request('PUT', '/api/widget/settings', {
        allowedOrigins: ['https://b.example'],
      }),
  },
  { route: 'GET /api/billing', expect: 'ownOnly', call: (b) => b.get('/api/billing') },
  { route: 'GET /api/billing/profile', expect: 'ownOnly', call: (b) => b.get('/api/billing/profile') },
  {
    route: 'PUT /api/billing/profile',
    expect: 'ownOnly',
    call: (b) => b.request('PUT', '/api/billing/profile', ENTREPRENEUR_BUYER),
  },
  { route: 'GET /api/billing/invoices', expect: 'ownOnly', call: (b) => b.get('/api/billing/invoices') },
  { route: 'POST /api/billing/invoices', expect: 'ownOnly', call: (b) => issueInvoiceAs(b, { plan: 'start' }) },
  {
    route: 'POST /api/billing/invoices/:id/pdf',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/billing/invoices/${a.invoiceId}/pdf`),
  },
  {
    route: 'POST /api/billing/invoices/:id/online-payment',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/billing/invoices/${a.invoiceId}/online-payment`),
  },
  {
    route: 'POST /api/billing/invoices/:id/online-payment/check',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/billing/invoices/${a.invoiceId}/online-payment/check`),
  },
  { route: 'GET /api/leads', expect: 'ownOnly', call: (b) => b.get('/api/leads') },
  { route: 'GET /api/leads/:id', expect: 'notFound', call: (b, a) => b.get(`/api/leads/${a.leadId}`) },
  {
    route: 'GET /api/leads/export',
    expect: 'ownOnly',
    call: (b) => b.get('/api/leads/export?format=csv'),
  },
  { route: 'GET /api/leads/assignees', expect: 'ownOnly', call: (b) => b.get('/api/leads/assignees') },
  { route: 'GET /api/dashboard', expect: 'ownOnly', call: (b) => b.get('/api/dashboard?period=7d') },
  {
    route: 'POST /api/leads/:id/status',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/leads/${a.leadId}/status`, { status: 'rejected', reason: 'Чужая заявка' }),
  },
  {
    route: 'PUT /api/leads/:id/assignee',
    expect: 'notFound',
    call: (b, a) => b.request('PUT', `/api/leads/${a.leadId}/assignee`, { assigneeId: b.session.user.id }),
  },
  {
    route: 'POST /api/leads/:id/notes',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/leads/${a.leadId}/notes`, { text: 'Чужая заметка' }),
  },
  {
    route: 'POST /api/leads/:id/estimate-pdf',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/leads/${a.leadId}/estimate-pdf`),
  },
  { route: 'GET /api/deliveries', expect: 'ownOnly', call: (b) => b.get('/api/deliveries') },
  // Until a company proves a domain, others may claim it too: B's claim of A's name is B's own.
  { route: 'GET /api/domain', expect: 'ownOnly', plan: 'business', call: (b) => b.get('/api/domain') },
  {
    route: 'PUT /api/domain',
    expect: 'ownOnly',
    plan: 'business',
    call: (b) => b.request('PUT', '/api/domain', { hostname: A_DOMAIN }),
  },
  {
    route: 'POST /api/domain/check',
    expect: 'ownOnly',
    plan: 'business',
    call: async (b) => {
      await b.request('PUT', '/api/domain', { hostname: A_DOMAIN });
      return b.post('/api/domain/check');
    },
  },
  {
    route: 'DELETE /api/domain',
    expect: 'ownOnly',
    plan: 'business',
    call: async (b) => {
      await b.request('PUT', '/api/domain', { hostname: A_DOMAIN });
      return b.delete('/api/domain');
    },
  },
  { route: 'GET /api/funnel', expect: 'ownOnly', call: (b) => b.get('/api/funnel') },
  { route: 'GET /api/funnel/versions', expect: 'ownOnly', call: (b) => b.get('/api/funnel/versions') },
  {
    route: 'PUT /api/funnel',
    expect: 'ownOnly',
    call: async (b) => {
      const baseVersion = (await b.get('/api/funnel')).json().version?.number ?? null;
      return b.request('PUT', '/api/funnel', { config: DEFAULT_FUNNEL, baseVersion });
    },
  },
  // Version numbers are each company's own: A's «1» is not B's to bring back.
  {
    route: 'POST /api/funnel/versions/:number/restore',
    expect: 'notFound',
    call: (b) => b.post('/api/funnel/versions/1/restore'),
  },
  { route: 'GET /api/knowledge', expect: 'ownOnly', call: (b) => b.get('/api/knowledge') },
  { route: 'GET /api/knowledge/:id', expect: 'notFound', call: (b, a) => b.get(`/api/knowledge/${a.kbEntryId}`) },
  {
    route: 'POST /api/knowledge/documents',
    expect: 'ownOnly',
    call: (b) => b.post('/api/knowledge/documents', { title: 'Б', body: 'Секретная скидка компании А' }),
  },
  {
    route: 'POST /api/knowledge/files',
    expect: 'ownOnly',
    call: (b) => b.upload('/api/knowledge/files', Buffer.from('Скидка компании А'), 'б.txt', 'text/plain'),
  },
  {
    route: 'POST /api/knowledge/pairs',
    expect: 'notFound',
    call: (b, a) =>
      b.post('/api/knowledge/pairs', { questions: ['Вопрос'], answer: 'Ответ', dialogId: a.session.sessionId }),
  },
  {
    route: 'PATCH /api/knowledge/:id',
    expect: 'notFound',
    call: (b, a) => b.request('PATCH', `/api/knowledge/${a.kbEntryId}`, { enabled: false }),
  },
  {
    route: 'POST /api/knowledge/:id/reindex',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/knowledge/${a.kbEntryId}/reindex`),
  },
  { route: 'DELETE /api/knowledge/:id', expect: 'notFound', call: (b, a) => b.delete(`/api/knowledge/${a.kbEntryId}`) },
  {
    route: 'PUT /api/knowledge/settings',
    expect: 'ownOnly',
    call: (b) => b.request('PUT', '/api/knowledge/settings', { topK: 2, minSimilarity: 0.5, qaSimilarity: 0.8 }),
  },
  {
    route: 'POST /api/knowledge/check',
    expect: 'ownOnly',
    call: (b) => b.post('/api/knowledge/check', { question: 'Секретная скидка компании А на ремонт ванной' }),
  },
  { route: 'GET /api/knowledge/near-misses', expect: 'ownOnly', call: (b) => b.get('/api/knowledge/near-misses') },
  {
    route: 'GET /api/dialogs/:id/messages/:messageId/pair-draft',
    expect: 'notFound',
    call: (b, a) => b.get(`/api/dialogs/${a.session.sessionId}/messages/${a.operatorMessageId}/pair-draft`),
  },
  { route: 'GET /api/integrations/telegram', expect: 'ownOnly', call: (b) => b.get('/api/integrations/telegram') },
  { route: 'GET /api/integrations', expect: 'ownOnly', call: (b) => b.get('/api/integrations') },
  {
    route: 'GET /api/integrations/amocrm',
    expect: 'ownOnly',
    plan: 'start',
    call: (b) => b.get('/api/integrations/amocrm'),
  },
  {
    route: 'POST /api/integrations/amocrm/authorize',
    expect: 'ownOnly',
    plan: 'start',
    call: (b) => b.post('/api/integrations/amocrm/authorize'),
  },
  {
    route: 'GET /api/integrations/amocrm/callback',
    expect: 'ownOnly',
    plan: 'start',
    status: 302,
    call: (b) => b.get('/api/integrations/amocrm/callback?code=x&state=forged&referer=a-secret.amocrm.ru'),
  },
  {
    route: 'GET /api/integrations/amocrm/account',
    expect: 'ownOnly',
    plan: 'start',
    status: 409,
    call: (b) => b.get('/api/integrations/amocrm/account'),
  },
  {
    route: 'PUT /api/integrations/amocrm/settings',
    expect: 'ownOnly',
    plan: 'start',
    status: 409,
    call: (b) =>
      b.request('PUT', '/api/integrations/amocrm/settings', {
        pipelineId: null,
        statusId: null,
        responsibleUserId: null,
        tags: [],
        attachExistingContact: true,
        mapping: [],
      }),
  },
  {
    route: 'POST /api/integrations/amocrm/test',
    expect: 'ownOnly',
    plan: 'start',
    status: 409,
    call: (b) => b.post('/api/integrations/amocrm/test'),
  },
  { route: 'DELETE /api/integrations/amocrm', expect: 'ownOnly', call: (b) => b.delete('/api/integrations/amocrm') },
  {
    route: 'GET /api/integrations/webhook',
    expect: 'ownOnly',
    plan: 'start',
    call: (b) => b.get('/api/integrations/webhook'),
  },
  {
    route: 'PUT /api/integrations/webhook',
    expect: 'ownOnly',
    plan: 'start',
    call: (b) => b.request('PUT', '/api/integrations/webhook', { url: 'https://8.8.8.8/b-hook' }),
  },
  {
    route: 'POST /api/integrations/webhook/secret',
    expect: 'notFound',
    plan: 'start',
    call: (b) => b.post('/api/integrations/webhook/secret'),
  },
  {
    route: 'POST /api/integrations/webhook/test',
    expect: 'notFound',
    plan: 'start',
    call: (b) => b.post('/api/integrations/webhook/test'),
  },
  { route: 'DELETE /api/integrations/webhook', expect: 'ownOnly', call: (b) => b.delete('/api/integrations/webhook') },
  { route: 'GET /api/integrations/metrika', expect: 'ownOnly', call: (b) => b.get('/api/integrations/metrika') },
  {
    route: 'PUT /api/integrations/metrika',
    expect: 'ownOnly',
    call: (b) =>
      b.request('PUT', '/api/integrations/metrika', {
        counterId: '12345678',
        goals: { opened: 'b_open', step: 'b_{step}', contacts: 'b_lead', estimate: 'b_pdf' },
      }),
  },
  {
    route: 'POST /api/deliveries/:id/retry',
    expect: 'notFound',
    call: (b, a) => b.post(`/api/deliveries/${a.deliveryId}/retry`),
  },
  {
    route: 'PUT /api/integrations/telegram',
    expect: 'ownOnly',
    call: (b) => b.request('PUT', '/api/integrations/telegram', { token: telegram.createBot().token }),
  },
  {
    route: 'PATCH /api/integrations/telegram',
    expect: 'notFound',
    call: (b) => b.request('PATCH', '/api/integrations/telegram', { notifyNewDialogs: true }),
  },
  {
    route: 'DELETE /api/integrations/telegram',
    expect: 'ownOnly',
    call: (b) => b.delete('/api/integrations/telegram'),
  },
  {
    route: 'POST /api/integrations/telegram/test',
    expect: 'notFound',
    call: (b) => b.post('/api/integrations/telegram/test'),
  },
  { route: 'GET /api/account/telegram', expect: 'ownOnly', call: (b) => b.get('/api/account/telegram') },
  { route: 'POST /api/account/telegram/link', expect: 'notFound', call: (b) => b.post('/api/account/telegram/link') },
  { route: 'DELETE /api/account/telegram', expect: 'ownOnly', call: (b) => b.delete('/api/account/telegram') },
];

const BRANDING = {
  companyName: 'Компания Б',
  primaryColor: '#123456',
  accentColor: '#654321',
  welcomeTitle: 'Привет от Б',
  welcomeText: '',
  contacts: { phone: '', email: '', address: '', website: '' },
};

/** What A's knowledge base and A's manager say, which B must never hear. */
const KB_SECRET = 'Секретная скидка компании А на ремонт ванной: КАНАРЕЙКА-iso-4d1e';
const FUNNEL_SECRET = 'Когда начнём ремонт по секретной цене А? КАНАРЕЙКА-iso-f7a2';
const A_DOMAIN = 'chat.kompaniya-a.ru';
const A_HOOK = 'a-secret-hook-9c1d';

/** Company A's bot and the manager's chat with it live here; B's calls may make bots of their own. */
let telegram: FakeTelegramBotApi;
/** Domain checks ask this, never the internet: it knows no name, so a check finds nothing yet. */
let dns: FakeDnsServer;
/** A's invoice has an online payment started here. */
let yookassa: FakeYooKassa;
beforeAll(async () => {
  telegram = await startFakeTelegramBotApi();
  dns = await startFakeDnsServer();
  yookassa = await startFakeYooKassa();
});
afterAll(async () => {
  await telegram.close();
  await dns.close();
  await yookassa.close();
});

/** Connects A's bot and links the manager's chat, so A has a bot, a chat and an alert to leak. */
async function connectTelegram(owner: ApiClient, manager: ApiClient) {
  const bot = telegram.createBot({ username: 'a_secret_alerts_bot' });
  expect((await owner.request('PUT', '/api/integrations/telegram', { token: bot.token })).statusCode).toBe(200);
  const code = new URL((await manager.post('/api/account/telegram/link')).json().url).searchParams.get('start');
  const user = telegram.createUser({ firstName: 'Секретный', username: 'a_secret_manager' });
  telegram.userStarts(bot, user, code ?? '');
  // Setup runs outside a test, where expect.poll cannot: wait for the bot to answer the link.
  for (let tries = 0; telegram.sentTo(bot, user.id).length === 0; tries += 1) {
    if (tries > 1000) throw new Error('the bot never answered the link');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const modes = [
  { name: 'as the app runs (tenant filters and RLS)', roles: DEFAULT_ROLES },
  { name: "with RLS bypassed (the app's tenant filters alone)", roles: { ...DEFAULT_ROLES, tenant: 'aimax_platform' } },
];

describe.each(modes)('tenant isolation, $name', ({ roles }) => {
  let ctx: TestContext;
  let a: TenantA;

  beforeAll(async () => {
    ctx = await createTestApp({
      roles,
      env: {
        TELEGRAM_API_URL: telegram.url,
        DNS_RESOLVERS: dns.address,
        AMOCRM_CLIENT_ID: 'isolation-client',
        AMOCRM_CLIENT_SECRET: 'isolation-secret',
        AMOCRM_ACCOUNT_URL: 'http://127.0.0.1:9/{subdomain}',
        WEBHOOK_TIMEOUT_MS: '1000',
        ...yookassa.env,
      },
    });
    const owner = await signUpOwner(ctx.app, { companyName: `Компания А ${Date.now()}` });
    const manager = await addManager(ctx.app, owner);
    await connectTelegram(owner, manager);
    const invite = (await owner.post('/api/team/invites', { role: 'manager' })).json();
    const image = await pngImage(400, 200);
    await owner.request('PUT', '/api/branding', { ...BRANDING, companyName: 'Компания А, витрина' });
    const { logo } = (await owner.upload('/api/branding/logo', image, 'a.png', 'image/png')).json();
    const { avatar } = (await owner.upload('/api/bot-settings/avatar', image, 'a.png', 'image/png')).json();
    await owner.post('/api/branding/estimate-preview');
    // A's own funnel, with a question only A asks, saved before A's visitor starts on it.
    const funnel = structuredClone(DEFAULT_FUNNEL);
    funnel.steps.timing.title = FUNNEL_SECRET;
    expect((await owner.request('PUT', '/api/funnel', { config: funnel, baseVersion: null })).statusCode).toBe(200);
    const widgetKey = await widgetKeyOf(ctx, owner);
    const client = visitor(ctx.app, widgetKey);
    const session = (await client.start()).json<WidgetSession>();
    for (const [stepId, value] of FULL_FUNNEL) {
      await client.answer(
        session,
        stepId,
        stepId === 'contacts' ? { ...(value as object), name: 'Клиент А Секретов' } : value,
      );
    }
    await client.estimatePdf(session);
    const leadId = (await owner.get('/api/leads')).json().leads[0].id;
    await configureSeller(ctx.db);
    const invoice = (await issueInvoiceAs(owner, { profile: { ...COMPANY_BUYER, email: 'a-secret@buh.test' } })).json();
    const payment = (await owner.post(`/api/billing/invoices/${invoice.invoice.id}/online-payment`)).json();
    const kbEntry = (
      await owner.post('/api/knowledge/documents', { title: 'Секретная скидка А', body: KB_SECRET })
    ).json();
    await owner.post('/api/knowledge/pairs', { questions: ['Какая скидка на ремонт ванной?'], answer: KB_SECRET });
    await owner.post(`/api/dialogs/${session.sessionId}/take`, {});
    const operatorMessage = (
      await owner.post(`/api/dialogs/${session.sessionId}/messages`, { text: KB_SECRET })
    ).json();
    await owner.post(`/api/dialogs/${session.sessionId}/return`);
    // A's own domain, claimed on a plan that has them.
    await putOnPlan(ctx.db, owner.session.tenant?.id as string, 'business');
    const domain = (await owner.request('PUT', '/api/domain', { hostname: A_DOMAIN })).json().domain;
    // A's webhook and Metrika goals.
    expect(
      (await owner.request('PUT', '/api/integrations/webhook', { url: `https://8.8.8.8/${A_HOOK}` })).statusCode,
    ).toBe(200);
    await owner.request('PUT', '/api/integrations/metrika', {
      counterId: '87654321',
      goals: { opened: 'a_secret_open', step: 'a_{step}', contacts: 'a_lead', estimate: 'a_pdf' },
    });
    // A's invoice email is sent, and A's knowledge indexed, now: not while a case watches A's rows.
    await ctx.app.outbox.stop();
    await ctx.app.outbox.runOnce();
    const deliveryId = (await owner.get('/api/deliveries')).json().deliveries[0].id;
    await ctx.app.indexer.stop();
    await ctx.app.indexer.runOnce();
    a = {
      owner,
      image,
      leadId,
      widgetKey,
      session,
      manager,
      inviteId: invite.invite.id,
      invoiceId: invoice.invoice.id,
      kbEntryId: kbEntry.id,
      operatorMessageId: operatorMessage.id,
      deliveryId,
      secrets: [
        A_HOOK,
        deliveryId,
        '87654321',
        'a_secret_open',
        KB_SECRET,
        FUNNEL_SECRET,
        kbEntry.id,
        operatorMessage.id,
        invoice.invoice.id,
        payment.paymentId,
        payment.confirmationToken,
        'a-secret@buh.test',
        owner.session.tenant?.id as string,
        owner.session.tenant?.name as string,
        owner.session.user.id,
        owner.session.user.email,
        manager.userId,
        manager.session.user.email,
        invite.invite.id,
        'Компания А, витрина',
        new URL(logo.url).pathname,
        new URL(avatar.url).pathname,
        widgetKey,
        leadId,
        session.sessionId,
        'Клиент А Секретов',
        'a_secret_alerts_bot',
        'a_secret_manager',
        domain.records[0].value,
      ],
    };
  });

  it('covers every tenant-scoped route', () => {
    const scoped = ctx.app.routeTable
      .filter((r) => r.url.startsWith('/api/') && r.access !== 'public' && r.access !== 'superadmin')
      .map((r) => `${r.method} ${r.url}`)
      .concat(PUBLIC_WITH_SESSION);
    expect(scoped.filter((route) => !cases.some((c) => c.route === route) && !STREAMS.includes(route))).toEqual([]);
    expect(cases.filter((c) => !scoped.includes(c.route)).map((c) => c.route)).toEqual([]);
  });

  it.each(cases)("$route: tenant B gets nothing of A's and changes nothing", async (isolationCase) => {
    const b = await signUpOwner(ctx.app);
    if (isolationCase.plan) await putOnPlan(ctx.db, b.session.tenant?.id as string, isolationCase.plan);
    const tenantA = a.owner.session.tenant?.id as string;
    const before = await tenantFingerprint(ctx, tenantA);

    const response = await isolationCase.call(b, a);

    if (isolationCase.expect === 'notFound') {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toMatch(/NOT_FOUND$/);
    } else if (isolationCase.status) {
      expect(response.statusCode).toBe(isolationCase.status);
    } else {
      expect(response.statusCode).toBeLessThan(300);
    }
    for (const secret of a.secrets) expect(response.body).not.toContain(secret);
    expect(await tenantFingerprint(ctx, tenantA)).toEqual(before);
    expect((await a.owner.get('/api/team')).statusCode).toBe(200);
  });

  // The widget's routes are public, resolved by widget key: another company's key with this
  // company's session (and its real token) reaches nothing.
  it.each([
    ['answers', (v: Visitor, session: WidgetSession) => v.answer(session, 'objectType', 'house')],
    ['messages', (v: Visitor, session: WidgetSession) => v.message(session, 'чужой вопрос')],
    ['estimate-pdf', (v: Visitor, session: WidgetSession) => v.estimatePdf(session)],
    ['operator', (v: Visitor, session: WidgetSession) => v.requestOperator(session)],
    ['typing', (v: Visitor, session: WidgetSession) => v.typing(session)],
  ])('widget %s: another company’s key cannot reach this company’s session', async (_route, call) => {
    const b = await signUpOwner(ctx.app);
    const tenantA = a.owner.session.tenant?.id as string;
    const before = await tenantFingerprint(ctx, tenantA);
    const response = await call(visitor(ctx.app, await widgetKeyOf(ctx, b)), a.session);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('SESSION_NOT_FOUND');
    expect(await tenantFingerprint(ctx, tenantA)).toEqual(before);
  });

  // Counts carry no names, so the cases above cannot see a leak: B's figures must be B's own zeros.
  it('the dashboard: another company’s figures never reach it', async () => {
    expect((await a.owner.post(`/api/dialogs/${a.session.sessionId}/take`, {})).statusCode).toBe(200);
    const reply = await a.owner.post(`/api/dialogs/${a.session.sessionId}/messages`, { text: 'Добрый день!' });
    expect(reply.statusCode).toBe(201);
    const b = await signUpOwner(ctx.app);
    const figures = async (client: ApiClient) => {
      const view = (await client.get('/api/dashboard?period=today')).json();
      return {
        funnel: view.funnel.map((stage: { count: number }) => stage.count),
        leads: view.leadsPerDay.map((day: { leads: number }) => day.leads),
        dialogs: view.dialogs,
        answered: view.firstReply.answered,
      };
    };
    // Opened, started, the seven steps, contacts, the PDF: A's visitor reached them all.
    expect(await figures(b)).toEqual({
      funnel: Array(11).fill(0),
      leads: [0],
      dialogs: { started: 0, aiOnly: 0, takenOver: 0 },
      answered: 0,
    });
    expect(await figures(a.owner)).toEqual({
      funnel: Array(11).fill(1),
      leads: [1],
      dialogs: { started: 1, aiOnly: 0, takenOver: 1 },
      answered: 1,
    });
  });

  it('the inbox stream: another company’s dialogs never reach it', async () => {
    const b = await signUpOwner(ctx.app);
    const baseUrl = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const visitorOfB = visitor(ctx.app, await widgetKeyOf(ctx, b));
    const events = await readSse(`${baseUrl}/api/dialogs/events`, {
      headers: { cookie: b.cookie },
      onOpen: async () => {
        await visitor(ctx.app, a.widgetKey).message(a.session, 'Вопрос компании А');
        await a.owner.post(`/api/dialogs/${a.session.sessionId}/take`, {});
        await visitorOfB.start();
      },
      until: (all) => all.some((e) => e.event === 'dialog'),
    });
    const ids = events.filter((e) => e.event === 'dialog').map((e) => (e.data as { id: string }).id);
    expect(ids).not.toContain(a.session.sessionId);
    for (const secret of a.secrets) expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('widget events: another company’s key cannot open this company’s stream', async () => {
    const b = await signUpOwner(ctx.app);
    const keyB = await widgetKeyOf(ctx, b);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/widget/sessions/${a.session.sessionId}/events?key=${keyB}&token=${a.session.token}`,
    });
    expect(response.statusCode).toBe(404);
  });
});
