import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REPLY, type FakeGateway, startFakeGateway } from '../../../test/fakes/openaiGateway.ts';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, signUpOwner } from '../../../test/support/clients.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import {
  completeFunnel,
  FULL_FUNNEL,
  readEvents,
  type StreamedEvent,
  visitor,
  type WidgetSession,
  widgetKeyOf,
} from '../../../test/support/widget.ts';
import { chatSessions, files, leads, messages, tenantBotSettings, tenants } from '../../db/schema.ts';
import { consume, record, usageReport } from '../billing/limitsService.ts';
import { PLANS_CATALOGUE } from '../billing/plans.ts';

let gateway: FakeGateway;
let ctx: TestContext;
let baseUrl: string;

beforeAll(async () => {
  gateway = await startFakeGateway();
  ctx = await createTestApp({
    env: {
      LLM_BASE_URL: gateway.url,
      LLM_API_KEY: 'sk-test-key',
      LLM_MODEL: 'openai/gpt-4o-mini',
      LLM_FALLBACK_MODEL: 'anthropic/claude-sonnet-4',
      LLM_TIMEOUT_MS: '1500',
    },
  });
  baseUrl = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await gateway.close();
});

async function company(name?: string): Promise<{ owner: ApiClient; key: string; tenantId: string }> {
  const owner = await signUpOwner(ctx.app, name ? { companyName: name } : {});
  return { owner, key: await widgetKeyOf(ctx, owner), tenantId: owner.session.tenant?.id as string };
}

const setModel = (tenantId: string, model: string) =>
  ctx.db.withTenant(tenantId, (tx) =>
    tx
      .insert(tenantBotSettings)
      .values({
        tenantId,
        primaryColor: '#4f46e5',
        accentColor: '#f59e0b',
        welcomeTitle: 'x',
        welcomeText: '',
        botName: 'Бот',
        botGreeting: 'Привет',
        llmModel: model,
      })
      .onConflictDoUpdate({ target: tenantBotSettings.tenantId, set: { llmModel: model } }),
  );

/** The AI's reply among the events: a bot message that answers a visitor's (it has a replyId). */
const replyOf = (events: StreamedEvent[]) =>
  events.find((e) => e.event === 'message' && (e.data as { data: { replyId?: string } }).data.replyId)?.data as
    | { content: string; seq: number; data: { fallback: boolean } }
    | undefined;

/** Listens to the session, sends a message, and waits for the bot's stored reply. */
const ask = (key: string, client: ReturnType<typeof visitor>, session: WidgetSession, text: string, url = baseUrl) =>
  readEvents(url, {
    key,
    session,
    lastEventId: 0,
    onOpen: () => client.message(session, text),
    until: (events) => Boolean(replyOf(events)),
  });

describe('POST /api/widget/sessions', () => {
  it('starts with the greeting and the first question, and resumes with the token', async () => {
    const { key } = await company();
    const client = visitor(ctx.app, key);
    const started = await client.start({
      pageUrl: 'https://remont.ru/?utm_source=yandex',
      utm: { utm_source: 'yandex' },
    });
    expect(started.statusCode).toBe(201);
    const session = started.json();
    expect(session).toMatchObject({
      status: 'active',
      step: { id: 'objectType', kind: 'choice', title: 'Какой объект ремонтируем?' },
      progress: { answered: 0, total: 8 },
      estimate: null,
    });
    expect(session.messages.map((m: { role: string; kind: string; seq: number }) => [m.seq, m.role, m.kind])).toEqual([
      [1, 'bot', 'text'],
      [2, 'bot', 'question'],
    ]);

    await client.answer(session, 'objectType', 'house');
    const resumed = await client.start({ token: session.token });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({
      sessionId: session.sessionId,
      step: { id: 'repairType' },
      progress: { answered: 1 },
    });
    expect(resumed.json().messages).toHaveLength(4);
  });

  it('starts afresh with a token of another session or another company', async () => {
    const a = await company();
    const b = await company();
    const theirs = (await visitor(ctx.app, a.key).start()).json();
    const mine = await visitor(ctx.app, b.key).start({ token: theirs.token });
    expect(mine.statusCode).toBe(201);
    expect(mine.json().sessionId).not.toBe(theirs.sessionId);
  });

  it('knows no unknown widget key and checks what it is given', async () => {
    expect((await visitor(ctx.app, 'wk_nope').start()).json().error.code).toBe('WIDGET_NOT_FOUND');
    const { key } = await company();
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/widget/sessions',
      payload: { key, visitorId: '../x' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps a page address and a referrer only when they are http(s) web addresses', async () => {
    const { key, tenantId } = await company();
    const stored = async (pageUrl: string, referrer: string) => {
      const started = await visitor(ctx.app, key).start({ pageUrl, referrer });
      expect(started.statusCode).toBe(201);
      const [row] = await ctx.db.withTenant(tenantId, (tx) =>
        tx
          .select({ pageUrl: chatSessions.pageUrl, referrer: chatSessions.referrer })
          .from(chatSessions)
          .where(eq(chatSessions.id, started.json().sessionId)),
      );
      return row;
    };
    expect(await stored('javascript:alert(document.cookie)', 'data:text/html,<script>1</script>')).toEqual({
      pageUrl: null,
      referrer: null,
    });
    expect(await stored('/relative/page', 'vbscript:msgbox')).toEqual({ pageUrl: null, referrer: null });
    expect(await stored(' https://user:secret@remont.ru/kvartiry?utm_source=ya ', 'http://ya.ru/search')).toEqual({
      pageUrl: 'https://remont.ru/kvartiry?utm_source=ya',
      referrer: 'http://ya.ru/search',
    });
  });

  it('limits how many sessions one address starts in a minute', async () => {
    const { key } = await company();
    const client = visitor(ctx.app, key, '10.200.200.200');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await client.start()).statusCode);
    expect(statuses.slice(0, 30).every((status) => status === 201)).toBe(true);
    const refused = await client.start();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('the funnel through the widget API', () => {
  it('walks every step to the estimate and writes one lead with the answers, UTM and page', async () => {
    const { key, tenantId } = await company();
    const client = visitor(ctx.app, key);
    const session = (
      await client.start({
        pageUrl: 'https://remont.ru/kvartiry',
        utm: { utm_source: 'yandex', utm_campaign: 'spring' },
      })
    ).json();
    let last:
      | {
          status: string;
          step: { id: string } | null;
          estimate: unknown;
          messages: { kind: string; content: string }[];
        }
      | undefined;
    for (const [stepId, value] of FULL_FUNNEL) {
      const response = await client.answer(session, stepId, value);
      expect(response.statusCode, `${stepId}: ${response.body}`).toBe(200);
      last = response.json();
    }
    expect(last).toMatchObject({
      status: 'completed',
      step: null,
      estimate: { total: 567_000, range: { min: 510_000, max: 652_000 } },
    });
    expect(last?.messages.at(-1)?.kind).toBe('estimate');
    expect(last?.messages.at(-1)?.content.replace(/\s/g, ' ')).toContain('от 510 000 до 652 000 ₽');

    const [lead] = await ctx.db.withTenant(tenantId, (tx) =>
      tx.select().from(leads).where(eq(leads.sessionId, session.sessionId)),
    );
    expect(lead).toMatchObject({
      name: 'Анна',
      phone: '+79161234567',
      utm: { utm_source: 'yandex', utm_campaign: 'spring' },
      pageUrl: 'https://remont.ru/kvartiry',
      rawAnswers: { objectType: 'secondary', repairType: 'capital', area: 54, rooms: 2 },
    });
    expect(lead?.answers).toContainEqual({ question: 'Площадь', answer: '54 м²' });
  });

  it('refuses skipping ahead and answers outside the options, explaining in Russian', async () => {
    const { key } = await company();
    const client = visitor(ctx.app, key);
    const session = (await client.start()).json();
    const skipped = await client.answer(session, 'area', 50);
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json().error).toEqual({
      code: 'STEP_OUT_OF_ORDER',
      message: 'Сначала ответьте на предыдущие вопросы',
    });
    const wrong = await client.answer(session, 'objectType', 'castle');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual({ objectType: 'Выберите один из вариантов' });
    const early = await client.estimatePdf(session);
    expect(early.json().error.code).toBe('FUNNEL_INCOMPLETE');
  });

  it('writes one lead however many times the contacts arrive, even at once', async () => {
    const { key, tenantId } = await company();
    const client = visitor(ctx.app, key);
    const session = (await client.start()).json();
    for (const [stepId, value] of FULL_FUNNEL.slice(0, -1)) await client.answer(session, stepId, value);
    const contacts = FULL_FUNNEL.at(-1)?.[1];
    const answers = await Promise.all([1, 2, 3].map(() => client.answer(session, 'contacts', contacts)));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(answers.every((r) => r.json().status === 'completed')).toBe(true);
    const [row] = await ctx.db.withTenant(tenantId, (tx) =>
      tx.select({ value: count() }).from(leads).where(eq(leads.sessionId, session.sessionId)),
    );
    expect(row?.value).toBe(1);
    const estimates = await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .select()
        .from(messages)
        .where(and(eq(messages.sessionId, session.sessionId), eq(messages.kind, 'estimate'))),
    );
    expect(estimates).toHaveLength(1);
    expect((await client.answer(session, 'area', 60)).json().error.code).toBe('FUNNEL_COMPLETED');
  });

  it('does not let one session be reached with another’s token, or through another company’s key', async () => {
    const a = await company();
    const b = await company();
    const clientA = visitor(ctx.app, a.key);
    const sessionA = (await clientA.start()).json();
    const other = (await clientA.start()).json();
    const withOtherToken = await clientA.answer(
      { sessionId: sessionA.sessionId, token: other.token },
      'objectType',
      'house',
    );
    expect(withOtherToken.statusCode).toBe(404);
    const throughB = await visitor(ctx.app, b.key).answer(sessionA, 'objectType', 'house');
    expect(throughB.statusCode).toBe(404);
    expect(throughB.json().error.code).toBe('SESSION_NOT_FOUND');
    const [row] = await ctx.db.withTenant(a.tenantId, (tx) =>
      tx.select({ answers: chatSessions.answers }).from(chatSessions).where(eq(chatSessions.id, sessionA.sessionId)),
    );
    expect(row?.answers).toEqual({});
  });
});

describe('estimate PDFs for visitors', () => {
  it('are rendered once and signed afresh on each request, with the area and the total', async () => {
    const { key, tenantId } = await company('Ремонт Профи');
    const client = visitor(ctx.app, key);
    const session = await completeFunnel(client);
    const first = await client.estimatePdf(session);
    expect(first.statusCode).toBe(200);
    const again = (await client.estimatePdf(session)).json();
    expect(again.expiresAt).toEqual(expect.any(String));
    const { pathname, search } = new URL(again.url);
    const pdf = await ctx.app.inject({ method: 'GET', url: `${pathname}${search}` });
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Ремонт Профи');
    expect(text).toContain('54 м²');
    expect(text).toContain('567 000 ₽');
    expect(text).toContain('Анна');
    const pdfs = await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .select()
        .from(files)
        .where(and(eq(files.tenantId, tenantId), eq(files.kind, 'estimate'))),
    );
    expect(pdfs).toHaveLength(1);
  });
});

describe('free messages answered by the AI', () => {
  it('streams the gateway’s answer token by token, stores it with its usage, and tells the model the context', async () => {
    const { key, tenantId } = await company('Ремонт Профи');
    const client = visitor(ctx.app, key);
    const session = (await client.start()).json();
    await client.answer(session, 'objectType', 'secondary');

    let sent: Awaited<ReturnType<typeof client.message>> | undefined;
    const events = await readEvents(baseUrl, {
      key,
      session,
      lastEventId: 0,
      onOpen: async () => {
        sent = await client.message(session, 'Сколько длится ремонт?');
      },
      until: (all) => Boolean(replyOf(all)),
    });
    expect(sent?.statusCode).toBe(202);
    expect(sent?.json()).toMatchObject({ role: 'visitor', kind: 'text', content: 'Сколько длится ремонт?' });
    const tokens = events.filter((e) => e.event === 'token').map((e) => (e.data as { delta: string }).delta);
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.join('')).toBe(DEFAULT_REPLY);
    const asked = events.findIndex(
      (e) =>
        e.event === 'message' &&
        (e.data as { role: string; kind: string }).kind === 'text' &&
        (e.data as { role: string }).role === 'visitor',
    );
    expect(events.slice(asked + 1, asked + 3).map((e) => e.event)).toEqual(['typing', 'token']);
    expect(replyOf(events)?.content).toBe(DEFAULT_REPLY);

    const request = gateway.requests.at(-1);
    expect(request?.authorization).toBe('Bearer sk-test-key');
    expect(request?.body).toMatchObject({
      model: 'openai/gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
    });
    const system = request?.body.messages[0]?.content ?? '';
    expect(system).toContain('«Ремонт Профи»');
    expect(system).toContain('Вторичное жильё');
    expect(system).toContain('«Какой ремонт нужен?»');
    expect(request?.body.messages.at(-1)).toEqual({ role: 'user', content: 'Сколько длится ремонт?' });

    const [stored] = await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.sessionId, session.sessionId),
            eq(messages.role, 'bot'),
            eq(messages.kind, 'text'),
            eq(messages.content, DEFAULT_REPLY),
          ),
        ),
    );
    expect(stored).toMatchObject({
      model: 'openai/gpt-4o-mini',
      promptTokens: expect.any(Number),
      completionTokens: expect.any(Number),
    });
  });

  it.each([
    ['fails with 500', { kind: 'fail' as const }],
    ['streams garbage', { kind: 'malformed' as const }],
    ['cuts the connection mid-answer', { kind: 'cut' as const }],
    ['never answers', { kind: 'hang' as const }],
  ])('moves to the fallback model when the first %s', async (_what, behaviour) => {
    const { key } = await company();
    gateway.behave('openai/gpt-4o-mini', behaviour);
    try {
      const client = visitor(ctx.app, key);
      const session = (await client.start()).json();
      const events = await ask(key, client, session, 'Вопрос');
      expect(replyOf(events)?.content).toBe(DEFAULT_REPLY);
      expect(gateway.requests.slice(-2).map((r) => r.body.model)).toEqual([
        'openai/gpt-4o-mini',
        'anthropic/claude-sonnet-4',
      ]);
      // The draft of the failed try is cleared by a second "typing" for the same reply.
      expect(events.filter((e) => e.event === 'typing')).toHaveLength(2);
    } finally {
      gateway.behave('openai/gpt-4o-mini', { kind: 'ok' });
    }
  });

  it('keeps the funnel going with a polite fallback when both tries fail', async () => {
    const { key } = await company();
    gateway.behave('openai/gpt-4o-mini', { kind: 'fail', status: 503 });
    gateway.behave('anthropic/claude-sonnet-4', { kind: 'fail', status: 502 });
    try {
      const client = visitor(ctx.app, key);
      const session = (await client.start()).json();
      const reply = replyOf(await ask(key, client, session, 'Есть скидки?'));
      expect(reply?.content).toContain('давайте продолжим расчёт: Какой объект ремонтируем?');
      expect(reply?.data.fallback).toBe(true);
    } finally {
      gateway.behave('openai/gpt-4o-mini', { kind: 'ok' });
      gateway.behave('anthropic/claude-sonnet-4', { kind: 'ok' });
    }
  });

  it('uses the company’s chosen model only where its plan allows it', async () => {
    for (const [plan, expected] of [
      ['free', 'openai/gpt-4o-mini'],
      ['business', 'openai/gpt-4o'],
    ] as const) {
      const { key, tenantId } = await company();
      await setModel(tenantId, 'openai/gpt-4o');
      await ctx.db.withTenant(tenantId, (tx) => tx.update(tenants).set({ plan }).where(eq(tenants.id, tenantId)));
      const client = visitor(ctx.app, key);
      await ask(key, client, (await client.start()).json(), 'Вопрос');
      expect(gateway.requests.at(-1)?.body.model).toBe(expected);
    }
  });

  it('answers offline, steering back to the funnel, when no gateway key is set', async () => {
    const offline = await createTestApp();
    const owner = await signUpOwner(offline.app);
    const key = await widgetKeyOf(offline, owner);
    await owner.request('PUT', '/api/branding', {
      companyName: '',
      primaryColor: '#4f46e5',
      accentColor: '#f59e0b',
      welcomeTitle: 'Привет',
      welcomeText: '',
      contacts: { phone: '+7 495 000-00-00', email: '', address: '', website: '' },
    });
    const url = await offline.app.listen({ port: 0, host: '127.0.0.1' });
    const client = visitor(offline.app, key);
    const session = (await client.start()).json();
    const events = await ask(key, client, session, 'Какой у вас телефон?', url);
    expect(events.filter((e) => e.event === 'token').length).toBeGreaterThan(3);
    expect(replyOf(events)?.content).toBe(
      'Наши контакты: +7 495 000-00-00. Давайте продолжим расчёт: Какой объект ремонтируем?',
    );
  });

  it('refuses an empty message', async () => {
    const { key } = await company();
    const client = visitor(ctx.app, key);
    const session = (await client.start()).json();
    const empty = await client.message(session, '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual({ text: 'Напишите сообщение (до 2000 символов)' });
  });
});

describe('over the plan’s limits', () => {
  const spend = (tenantId: string, resource: 'sessions' | 'messages') =>
    ctx.db.withTenant(tenantId, (tx) =>
      consume(tx, { tenantId, resource, amount: PLANS_CATALOGUE.free.limits[resource] }),
    );
  const usage = (tenantId: string) => ctx.db.withTenant(tenantId, (tx) => usageReport(tx, tenantId));
  const botTexts = async (tenantId: string, sessionId: string) =>
    (
      await ctx.db.withTenant(tenantId, (tx) =>
        tx
          .select({ content: messages.content, data: messages.data, model: messages.model })
          .from(messages)
          .where(and(eq(messages.sessionId, sessionId), eq(messages.role, 'bot'), eq(messages.kind, 'text')))
          .orderBy(messages.seq),
      )
    ).slice(1); // after the greeting
  const leadOf = async (tenantId: string, sessionId: string) =>
    (await ctx.db.withTenant(tenantId, (tx) => tx.select().from(leads).where(eq(leads.sessionId, sessionId))))[0];

  it('answers politely without the AI once the month’s messages are spent, and the lead still arrives', async () => {
    const { key, tenantId } = await company();
    await spend(tenantId, 'messages');
    const client = visitor(ctx.app, key);
    const session = (await client.start()).json<WidgetSession>();
    await client.answer(session, 'objectType', 'secondary');
    const asked = gateway.requests.length;

    const sent = await client.message(session, 'Сколько стоит ремонт ванной?');
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toMatchObject({ role: 'visitor', content: 'Сколько стоит ремонт ванной?' });
    expect(await botTexts(tenantId, session.sessionId)).toEqual([
      {
        content:
          'Спасибо за вопрос! Менеджер ответит на него лично. А пока давайте продолжим расчёт: Какой ремонт нужен?',
        data: { limited: true },
        model: null,
      },
    ]);
    expect(gateway.requests.length).toBe(asked);

    for (const [stepId, value] of FULL_FUNNEL.slice(1)) {
      expect((await client.answer(session, stepId, value)).statusCode).toBe(200);
    }
    expect(await leadOf(tenantId, session.sessionId)).toMatchObject({ name: 'Анна', phone: '+79161234567' });
    expect((await client.message(session, 'А когда начнёте?')).statusCode).toBe(202);
    expect((await botTexts(tenantId, session.sessionId)).at(-1)?.content).toBe(
      'Спасибо за вопрос! Менеджер свяжется с вами и ответит на него лично.',
    );
    expect(gateway.requests.length).toBe(asked);
    expect((await usage(tenantId)).messages).toBe(PLANS_CATALOGUE.free.limits.messages);
  });

  it('serves a visitor who comes past the session limit without the AI, and counts them', async () => {
    const { owner, key, tenantId } = await company();
    await spend(tenantId, 'sessions');
    const client = visitor(ctx.app, key);
    const started = await client.start();
    expect(started.statusCode).toBe(201);
    const session = started.json<WidgetSession>();
    const asked = gateway.requests.length;
    expect((await client.message(session, 'Работаете по договору?')).statusCode).toBe(202);
    expect((await botTexts(tenantId, session.sessionId))[0]?.data).toEqual({ limited: true });
    expect(gateway.requests.length).toBe(asked);

    for (const [stepId, value] of FULL_FUNNEL) {
      expect((await client.answer(session, stepId, value)).statusCode).toBe(200);
    }
    expect(await leadOf(tenantId, session.sessionId)).toBeDefined();
    // The lead shows in the panel like any other.
    expect((await owner.get('/api/leads')).json().leads).toHaveLength(1);
    const billing = (await owner.get('/api/billing')).json();
    expect(billing.limitedSessions).toBe(1);
    expect(billing.usage).toContainEqual({ resource: 'sessions', used: 100, limit: 100, level: 'reached' });
    // A limited session's questions do not eat into the messages.
    expect(billing.usage).toContainEqual({ resource: 'messages', used: 0, limit: 300, level: 'ok' });
  });

  it('counts each reply’s tokens, and stops the AI once the month’s tokens are spent', async () => {
    const { key, tenantId } = await company();
    const client = visitor(ctx.app, key);
    const session = (await client.start()).json<WidgetSession>();
    const reply = replyOf(await ask(key, client, session, 'Вопрос'));
    const [stored] = await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .select({ prompt: messages.promptTokens, completion: messages.completionTokens })
        .from(messages)
        .where(and(eq(messages.sessionId, session.sessionId), eq(messages.seq, reply?.seq ?? -1))),
    );
    const spent = (stored?.prompt ?? 0) + (stored?.completion ?? 0);
    expect(spent).toBeGreaterThan(0);
    expect(await usage(tenantId)).toMatchObject({ messages: 1, tokens: spent });

    await ctx.db.withTenant(tenantId, (tx) =>
      record(tx, { tenantId, counter: 'tokens', amount: PLANS_CATALOGUE.free.limits.tokens }),
    );
    const asked = gateway.requests.length;
    expect((await client.message(session, 'Ещё вопрос')).statusCode).toBe(202);
    expect((await botTexts(tenantId, session.sessionId)).at(-1)?.data).toEqual({ limited: true });
    expect(gateway.requests.length).toBe(asked);
  });
});

describe('GET /api/widget/sessions/:id/events', () => {
  it('replays what was missed after Last-Event-ID, in order, each message once', async () => {
    const { key } = await company();
    const client = visitor(ctx.app, key);
    const session = (await client.start()).json();
    await client.answer(session, 'objectType', 'house');
    await client.answer(session, 'repairType', 'cosmetic');
    const events = await readEvents(baseUrl, { key, session, lastEventId: 2, until: (all) => all.length >= 4 });
    expect(events.map((e) => [e.id, e.event, (e.data as { kind: string }).kind])).toEqual([
      ['3', 'message', 'answer'],
      ['4', 'message', 'question'],
      ['5', 'message', 'answer'],
      ['6', 'message', 'question'],
    ]);
  });

  it('needs the session’s token', async () => {
    const { key } = await company();
    const session = (await visitor(ctx.app, key).start()).json();
    const response = await fetch(`${baseUrl}/api/widget/sessions/${session.sessionId}/events?key=${key}&token=wrong`);
    expect(response.status).toBe(404);
  });
});

describe('GET /api/widget/config', () => {
  it('leads «Работает на AI Max» to the platform’s page for companies, tagged with the company', async () => {
    const { key } = await company('Ремонт Плюс');
    const config = (await ctx.app.inject({ method: 'GET', url: `/api/widget/config?key=${key}` })).json();
    expect(config.poweredBy).toBe(true);
    const url = new URL(config.poweredByUrl);
    expect(`${url.origin}${url.pathname}`).toBe('http://localhost:3000/admin/signup');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      utm_source: 'widget',
      utm_medium: 'badge',
      utm_campaign: 'remont-plyus',
    });
  });

  it('may be read from any site until the company lists its sites, then only from those', async () => {
    const { owner, key } = await company();
    const from = (origin: string) =>
      ctx.app.inject({ method: 'GET', url: `/api/widget/config?key=${key}`, headers: { origin } });
    expect((await from('https://anywhere.example')).headers['access-control-allow-origin']).toBe('*');
    await owner.request('PUT', '/api/widget/settings', {
      allowedOrigins: ['https://remont.ru'],
    });
    expect((await from('https://remont.ru')).headers['access-control-allow-origin']).toBe('https://remont.ru');
    expect((await from('https://anywhere.example')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('carries the Metrika counter and goals once the company sets them', async () => {
    const { owner, key } = await company();
    const config = () => ctx.app.inject({ method: 'GET', url: `/api/widget/config?key=${key}` });
    expect((await config()).json().metrika).toBeNull();
    const saved = await owner.request('PUT', '/api/integrations/metrika', {
      counterId: '98765432',
      goals: { opened: 'chat_open', step: 'quiz_{step}', contacts: 'lead', estimate: 'pdf' },
    });
    expect(saved.statusCode).toBe(200);
    expect((await config()).json().metrika).toEqual({
      counterId: '98765432',
      goals: { opened: 'chat_open', step: 'quiz_{step}', contacts: 'lead', estimate: 'pdf' },
    });
  });
});
