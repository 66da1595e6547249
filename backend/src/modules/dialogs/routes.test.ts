// Dialogs as managers work them: the list, one dialog, and the one state machine that decides who
// answers the visitor — with the visitor's stream and the AI in flight as the proof.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGateway, startFakeGateway } from '../../../test/fakes/openaiGateway.ts';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, addManager, signUpOwner } from '../../../test/support/clients.ts';
import {
  FULL_FUNNEL,
  readEvents,
  type StreamedEvent,
  visitor,
  type WidgetSession,
  widgetKeyOf,
} from '../../../test/support/widget.ts';
import { messages, tenantUsage } from '../../db/schema.ts';

let gateway: FakeGateway;
let ctx: TestContext;
let baseUrl: string;
beforeAll(async () => {
  gateway = await startFakeGateway();
  ctx = await createTestApp({
    env: { LLM_BASE_URL: gateway.url, LLM_API_KEY: 'sk-test-key', LLM_MODEL: 'slow/model', LLM_TIMEOUT_MS: '20000' },
  });
  baseUrl = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await gateway.close();
});

interface Company {
  owner: ApiClient;
  key: string;
  client: ReturnType<typeof visitor>;
}

async function company(name: string): Promise<Company> {
  const owner = await signUpOwner(ctx.app, { companyName: name, name: 'Анна Петрова' });
  const key = await widgetKeyOf(ctx, owner);
  return { owner, key, client: visitor(ctx.app, key) };
}

const start = async (client: Company['client']) => (await client.start()).json<WidgetSession>();
const messagesOf = (events: StreamedEvent[]) =>
  events.filter((e) => e.event === 'message').map((e) => e.data as { role: string; kind: string; content: string });

describe('taking a dialog over', () => {
  it('silences the AI, tells the visitor, carries the manager’s messages, and hands back and closes', async () => {
    const { owner, key, client } = await company('Ремонт Диалог');
    const session = await start(client);
    const dialog = `/api/dialogs/${session.sessionId}`;

    const taken = await owner.post(`${dialog}/take`, {});
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toEqual({ state: 'operator', operator: { id: owner.session.user.id, name: 'Анна Петрова' } });

    // The visitor writes while the manager holds the dialog: no AI reply, the message waits.
    const before = gateway.requests.length;
    expect((await client.message(session, 'Сколько стоит ремонт ванной?')).statusCode).toBe(202);
    const sent = await owner.post(`${dialog}/messages`, { text: '  Здравствуйте! Ванная от 180 000 ₽.  ' });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({
      role: 'operator',
      kind: 'text',
      content: 'Здравствуйте! Ванная от 180 000 ₽.',
      data: { operatorName: 'Анна Петрова' },
    });
    expect((await owner.post(`${dialog}/return`)).json()).toEqual({ state: 'ai', operator: null });
    expect((await owner.post(`${dialog}/close`)).json()).toEqual({ state: 'closed', operator: null });
    expect(gateway.requests.length).toBe(before);

    // What the visitor's stream carried, in order.
    const events = await readEvents(baseUrl, {
      key,
      session,
      lastEventId: 0,
      until: (all) => messagesOf(all).some((m) => m.content.startsWith('Диалог завершён')),
    });
    expect(messagesOf(events).slice(2)).toEqual([
      expect.objectContaining({ role: 'bot', kind: 'notice', content: 'Менеджер Анна Петрова подключился к диалогу' }),
      expect.objectContaining({ role: 'visitor', content: 'Сколько стоит ремонт ванной?' }),
      expect.objectContaining({ role: 'operator', content: 'Здравствуйте! Ванная от 180 000 ₽.' }),
      expect.objectContaining({
        kind: 'notice',
        content: expect.stringMatching(/^Менеджер передал диалог ассистенту/),
      }),
      expect.objectContaining({ kind: 'notice', content: expect.stringMatching(/^Диалог завершён/) }),
    ]);

    const view = (await owner.get(dialog)).json();
    expect(view.dialog).toMatchObject({ id: session.sessionId, state: 'closed', operator: null });
    expect(view.timeline.map((e: { kind: string; actorName: string }) => [e.kind, e.actorName])).toEqual([
      ['taken', 'Анна Петрова'],
      ['returned', 'Анна Петрова'],
      ['closed', 'Анна Петрова'],
    ]);

    // A closed dialog cannot be taken; the visitor writing opens it again, and the AI answers.
    const closed = await owner.post(`${dialog}/take`, {});
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('DIALOG_CLOSED');
    gateway.behave('slow/model', { kind: 'ok', text: 'Отвечаю снова.' });
    const again = await readEvents(baseUrl, {
      key,
      session,
      lastEventId: view.messages.at(-1).seq,
      onOpen: () => client.message(session, 'Я вернулся'),
      until: (all) => messagesOf(all).some((m) => m.content === 'Отвечаю снова.'),
    });
    expect(again.find((e) => e.event === 'state')?.data).toEqual({ state: 'ai', operator: null });
    expect((await owner.get(dialog)).json().timeline.at(-1)).toMatchObject({ kind: 'reopened', actorName: null });
  });

  it('admits one of 20 managers taking a dialog at once; the rest are told who has it', async () => {
    const { owner, client } = await company('Ремонт Гонка');
    const managers = await Promise.all(Array.from({ length: 19 }, () => addManager(ctx.app, owner)));
    const session = await start(client);
    const takes = await Promise.all(
      [owner, ...managers].map((member) => member.post(`/api/dialogs/${session.sessionId}/take`, {})),
    );
    const won = takes.filter((response) => response.statusCode === 200);
    expect(won).toHaveLength(1);
    const holder = won[0]?.json().operator.name;
    for (const lost of takes.filter((response) => response.statusCode !== 200)) {
      expect(lost.statusCode).toBe(409);
      expect(lost.json().error).toMatchObject({ code: 'DIALOG_HELD', message: `Диалог ведёт ${holder}` });
    }
    const view = (await owner.get(`/api/dialogs/${session.sessionId}`)).json();
    expect(view.timeline).toHaveLength(1);
    expect(view.messages.filter((m: { kind: string }) => m.kind === 'notice')).toHaveLength(1);
  });

  it('lets another manager return or write only after «Забрать себе»', async () => {
    const { owner, client } = await company('Ремонт Двое');
    const manager = await addManager(ctx.app, owner);
    const session = await start(client);
    const dialog = `/api/dialogs/${session.sessionId}`;
    await owner.post(`${dialog}/take`, {});

    for (const attempt of [
      manager.post(`${dialog}/return`),
      manager.post(`${dialog}/close`),
      manager.post(`${dialog}/messages`, { text: 'Я тоже тут' }),
    ]) {
      const response = await attempt;
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'DIALOG_HELD', message: 'Диалог ведёт Анна Петрова' });
    }
    const forced = await manager.post(`${dialog}/take`, { force: true });
    expect(forced.json()).toMatchObject({ state: 'operator', operator: { id: manager.userId, name: 'Менеджер' } });
    expect((await manager.post(`${dialog}/messages`, { text: 'Теперь я' })).statusCode).toBe(201);
    // Taking one's own dialog again changes nothing.
    expect((await manager.post(`${dialog}/take`, {})).statusCode).toBe(200);
    const view = (await owner.get(dialog)).json();
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toEqual(['taken', 'taken_over']);
  });

  it('cuts an AI reply being streamed: no token after the takeover, the text kept as cut, its tokens counted', async () => {
    const { owner, key, client } = await company('Ремонт Обрыв');
    const tenantId = owner.session.tenant?.id as string;
    const session = await start(client);
    gateway.behave('slow/model', { kind: 'ok', text: 'Один два три четыре пять шесть семь восемь', tokenMs: 150 });

    let takenAt = -1;
    const events = await readEvents(baseUrl, {
      key,
      session,
      lastEventId: 0,
      onOpen: () => client.message(session, 'Расскажите про сроки'),
      until: (all) => {
        if (takenAt < 0 && all.filter((e) => e.event === 'token').length >= 2) {
          takenAt = all.length;
          void owner.post(`/api/dialogs/${session.sessionId}/take`, {});
        }
        return all.some((e) => e.event === 'message' && (e.data as { data: { cut?: boolean } }).data.cut);
      },
    });
    const stateAt = events.findIndex((e) => e.event === 'state');
    expect(stateAt).toBeGreaterThan(0);
    expect(events.slice(stateAt).filter((e) => e.event === 'token')).toEqual([]);
    const cut = events.find((e) => e.event === 'cut');
    const stored = messagesOf(events).find((m) => (m as { data?: { cut?: boolean } }).data?.cut) as
      | { content: string; data: { replyId: string } }
      | undefined;
    expect(cut?.data).toEqual({ replyId: stored?.data.replyId });
    const streamed = events
      .filter((e) => e.event === 'token')
      .map((e) => (e.data as { delta: string }).delta)
      .join('');
    expect(stored?.content).toBe(streamed.trim());
    expect(stored?.content.length).toBeLessThan('Один два три четыре пять шесть семь восемь'.length);

    const [row] = await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .select({ prompt: messages.promptTokens, completion: messages.completionTokens })
        .from(messages)
        .where(and(eq(messages.sessionId, session.sessionId), sql`${messages.data} ->> 'cut' = 'true'`)),
    );
    expect((row?.prompt ?? 0) + (row?.completion ?? 0)).toBeGreaterThan(0);
    const [usage] = await ctx.db.withTenant(tenantId, (tx) =>
      tx.select({ tokens: tenantUsage.tokens }).from(tenantUsage).where(eq(tenantUsage.tenantId, tenantId)),
    );
    expect(usage?.tokens).toBeGreaterThan(0);
  });
});

describe('a visitor asking for a person', () => {
  it('by the widget’s button or in words: the dialog waits for a manager, and the AI stays quiet', async () => {
    const { owner, client } = await company('Ремонт Человек');
    const byButton = await start(client);
    const asked = await client.requestOperator(byButton);
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toEqual({ state: 'waiting_operator', operatorName: null });

    const inWords = await start(client);
    const before = gateway.requests.length;
    expect((await client.message(inWords, 'Позовите, пожалуйста, менеджера')).statusCode).toBe(202);
    expect(gateway.requests.length).toBe(before);
    // The funnel goes on meanwhile.
    const [step, value] = FULL_FUNNEL[0] ?? [];
    expect((await client.answer(inWords, step as string, value)).statusCode).toBe(200);

    const list = (await owner.get('/api/dialogs?state=waiting_operator')).json();
    expect(list.dialogs.map((d: { id: string }) => d.id).sort()).toEqual(
      [byButton.sessionId, inWords.sessionId].sort(),
    );
    expect(list.counts).toMatchObject({ waiting_operator: 2 });
    const view = (await owner.get(`/api/dialogs/${inWords.sessionId}`)).json();
    expect(view.timeline).toEqual([expect.objectContaining({ kind: 'operator_requested', actorName: null })]);
    expect(view.dialog.progress).toEqual({ answered: 1, total: 8 });
    expect(view.messages.map((m: { kind: string; content: string }) => m.content)).toContain(
      'Позвали менеджера — он подключится к диалогу. А пока можно продолжить расчёт.',
    );
  });
});

describe('GET /api/dialogs', () => {
  it('finds dialogs by the visitor’s name, phone or words, with counts per state', async () => {
    const { owner, client } = await company('Ремонт Поиск');
    const withLead = await start(client);
    for (const [stepId, value] of FULL_FUNNEL) await client.answer(withLead, stepId, value);
    const chatty = await start(client);
    await client.message(chatty, 'Нужна плитка в санузел');
    await owner.post(`/api/dialogs/${chatty.sessionId}/take`, {});

    const ids = async (query: string) =>
      (await owner.get(`/api/dialogs?${query}`)).json().dialogs.map((d: { id: string }) => d.id);
    expect(await ids('q=анна')).toEqual([withLead.sessionId]);
    expect(await ids(`q=${encodeURIComponent('916 123-45')}`)).toEqual([withLead.sessionId]);
    expect(await ids(`q=${encodeURIComponent('плитк')}`)).toEqual([chatty.sessionId]);
    expect(await ids(`q=${encodeURIComponent('100%_')}`)).toEqual([]);
    expect(await ids('state=operator')).toEqual([chatty.sessionId]);

    const all = (await owner.get('/api/dialogs')).json();
    expect(all.total).toBe(2);
    expect(all.counts).toEqual({ ai: 1, waiting_operator: 0, operator: 1, closed: 0 });
    const lead = all.dialogs.find((d: { id: string }) => d.id === withLead.sessionId);
    expect(lead).toMatchObject({
      visitorName: 'Анна',
      visitorPhone: '+79161234567',
      progress: { answered: 8, total: 8 },
    });
    expect(lead.leadId).toEqual(expect.any(String));
    const view = (await owner.get(`/api/dialogs/${withLead.sessionId}`)).json();
    expect(view.lead).toEqual({ id: lead.leadId, status: 'new' });
    expect(view.estimate.range.min).toBeGreaterThan(0);
    expect(view.answers[0]).toEqual({ question: 'Тип объекта', answer: 'Вторичное жильё' });

    const period = await owner.get('/api/dialogs?from=2026-12-02&to=2026-12-01');
    expect(period.statusCode).toBe(400);
    expect(period.json().error.code).toBe('DIALOG_PERIOD_INVALID');
  });

  it('refuses an empty or overlong manager message and a dialog it does not know', async () => {
    const { owner, client } = await company('Ремонт Ошибки');
    const session = await start(client);
    for (const text of ['', '   ', 'я'.repeat(4001)]) {
      const response = await owner.post(`/api/dialogs/${session.sessionId}/messages`, { text });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await owner.get(`/api/dialogs/${session.sessionId}`)).json().dialog.state).toBe('ai');
    const unknown = await owner.post(`/api/dialogs/${crypto.randomUUID()}/take`, {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('DIALOG_NOT_FOUND');
  });
});
