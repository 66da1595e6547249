// A visitor who asked for a manager and got none: after the company's time, or at once outside
// its working hours, the AI answers again and the visitor is told when a manager will. The sweep
// runs with a moved clock (`runOnce(now)`), never a sleep.
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, addManager, signUpOwner } from '../../../test/support/clients.ts';
import {
  completeFunnel,
  readEvents,
  type StreamedEvent,
  visitor,
  type WidgetSession,
  widgetKeyOf,
} from '../../../test/support/widget.ts';
import { chatSessions, type WorkingHours } from '../../db/schema.ts';
import { createChatEvents } from '../chat/events.ts';
import { createHandoffSweep, requestOperator } from './handoffTimeouts.ts';

let ctx: TestContext;
let baseUrl: string;
beforeAll(async () => {
  ctx = await createTestApp();
  // The test moves the clock itself.
  await ctx.app.handoffSweep.stop();
  baseUrl = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
});

interface Company {
  owner: ApiClient;
  tenantId: string;
  key: string;
  client: ReturnType<typeof visitor>;
}

async function company(): Promise<Company> {
  const owner = await signUpOwner(ctx.app, { name: 'Ольга Смирнова' });
  const key = await widgetKeyOf(ctx, owner);
  return { owner, tenantId: owner.session.tenant?.id as string, key, client: visitor(ctx.app, key) };
}

const start = async (client: Company['client']) => (await client.start()).json<WidgetSession>();
const minutesLater = (minutes: number) => new Date(Date.now() + minutes * 60_000);

interface DialogRead {
  dialog: { state: string };
  messages: { kind: string; content: string }[];
  timeline: { kind: string; fromState: string; actorName: string | null }[];
}
const read = async (owner: ApiClient, session: WidgetSession) =>
  (await owner.get(`/api/dialogs/${session.sessionId}`)).json<DialogRead>();
const notices = (view: DialogRead) => view.messages.filter((m) => m.kind === 'notice').map((m) => m.content);
const kinds = (view: DialogRead) => view.timeline.map((event) => event.kind);

const saveSettings = (owner: ApiClient, body: unknown) => owner.request('PUT', '/api/dialogs/settings', body);

const open = { from: '09:00', to: '18:00' };
const MON_TO_FRI: WorkingHours = { days: [open, open, open, open, open, null, null] };

/** The next `weekday` (0 = Monday) at `time` on Moscow's clock, at least a day from now. */
function nextInMoscow(weekday: number, time: string): Date {
  for (let days = 1; ; days += 1) {
    const day = new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Moscow' });
    if ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7 === weekday) return new Date(`${day}T${time}:00+03:00`);
  }
}

const todayInMoscow = () =>
  (new Date(`${new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Moscow' })}T12:00:00Z`).getUTCDay() + 6) % 7;

describe('a dialog nobody takes', () => {
  it('goes back to the AI after 3 minutes, tells the visitor, and the AI answers again', async () => {
    const { owner, key, client } = await company();
    const session = await start(client);
    expect((await client.requestOperator(session)).json()).toEqual({ state: 'waiting_operator', operatorName: null });

    expect(await ctx.app.handoffSweep.runOnce(minutesLater(2.5))).toEqual({ timedOut: 0, skipped: 0 });
    expect((await read(owner, session)).dialog.state).toBe('waiting_operator');

    // What the visitor's stream carries when the time is up: the notice, then the AI's turn.
    const events = await readEvents(baseUrl, {
      key,
      session,
      onOpen: () => ctx.app.handoffSweep.runOnce(minutesLater(3.1)),
      until: (all) => all.some((event) => event.event === 'state'),
    });
    const tail = events.filter((event) => event.event === 'message' || event.event === 'state').slice(-2);
    expect(tail.map((event: StreamedEvent) => event.data)).toEqual([
      expect.objectContaining({
        kind: 'notice',
        content:
          'Менеджеры сейчас заняты. Ответим в ближайшее время — оставьте, пожалуйста, номер телефона, и менеджер вам перезвонит. А пока на ваши вопросы ответит ассистент.',
        data: { event: 'operator_timeout' },
      }),
      { state: 'ai', operator: null },
    ]);

    const view = await read(owner, session);
    expect(view.dialog.state).toBe('ai');
    expect(view.timeline.map((event) => [event.kind, event.actorName])).toEqual([
      ['operator_requested', null],
      ['operator_timeout', null],
    ]);
    // Once only.
    expect(await ctx.app.handoffSweep.runOnce(minutesLater(10))).toEqual({ timedOut: 0, skipped: 0 });

    const answered = await readEvents(baseUrl, {
      key,
      session,
      lastEventId: view.messages.length,
      onOpen: () => client.message(session, 'Сколько длится ремонт?'),
      until: (all) => all.some((event) => (event.data as { role?: string }).role === 'bot'),
    });
    expect(answered.at(-1)?.data).toMatchObject({ role: 'bot', content: expect.stringMatching(/^Сроки зависят/) });
  });

  it('waits as long as the owner set', async () => {
    const { owner, client } = await company();
    expect((await saveSettings(owner, { handoffTimeoutMinutes: 10, workingHours: null })).statusCode).toBe(200);
    const session = await start(client);
    await client.message(session, 'Позовите менеджера');

    expect((await ctx.app.handoffSweep.runOnce(minutesLater(9.5))).timedOut).toBe(0);
    expect((await ctx.app.handoffSweep.runOnce(minutesLater(10.1))).timedOut).toBe(1);
    expect(kinds(await read(owner, session))).toEqual(['operator_requested', 'operator_timeout']);
  });

  it('asks for a phone only when the visitor left none', async () => {
    const { owner, client } = await company();
    const withLead = await completeFunnel(client);
    const typed = await start(client);
    await client.message(typed, 'Мой номер 8 (916) 123-45-67, перезвоните');
    const silent = await start(client);
    await client.message(silent, 'В квартире 54 метра, 2 комнаты');
    for (const session of [withLead, typed, silent]) await client.requestOperator(session);

    expect((await ctx.app.handoffSweep.runOnce(minutesLater(4))).timedOut).toBe(3);
    for (const session of [withLead, typed]) {
      const last = notices(await read(owner, session)).at(-1);
      expect(last).toContain('менеджер перезвонит вам по номеру, который вы оставили');
      expect(last).not.toContain('оставьте');
    }
    expect(notices(await read(owner, silent)).at(-1)).toContain('оставьте, пожалуйста, номер телефона');
  });

  it('leaves a dialog a manager took alone', async () => {
    const { owner, client } = await company();
    const session = await start(client);
    await client.requestOperator(session);
    await owner.post(`/api/dialogs/${session.sessionId}/take`, {});

    expect((await ctx.app.handoffSweep.runOnce(minutesLater(4))).timedOut).toBe(0);
    expect(kinds(await read(owner, session))).toEqual(['operator_requested', 'taken']);
  });
});

describe('the sweep', () => {
  it('hands back a wait that ran out while no instance was up, at the first look', async () => {
    const { owner, tenantId, client } = await company();
    const sweep = createHandoffSweep({ db: ctx.db, events: createChatEvents(), log: { error() {} } });
    const session = await start(client);
    await client.requestOperator(session);
    // Asked for two hours ago, and untouched since.
    await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .update(chatSessions)
        .set({ dialogStateAt: sql`now() - interval '2 hours'`, updatedAt: sql`now() - interval '2 hours'` })
        .where(and(eq(chatSessions.tenantId, tenantId), eq(chatSessions.id, session.sessionId))),
    );

    await sweep.runOnce();
    expect(kinds(await read(owner, session))).toEqual(['operator_requested', 'operator_timeout']);
  });
});

describe('working hours', () => {
  it('outside them, tells the visitor at once when a manager will answer, and the AI answers again', async () => {
    const { owner, client } = await company();
    // Open tomorrow only: now is outside working hours, and they start «завтра с 09:00».
    const days: WorkingHours['days'] = [null, null, null, null, null, null, null];
    days[(todayInMoscow() + 1) % 7] = open;
    expect((await saveSettings(owner, { handoffTimeoutMinutes: 3, workingHours: { days } })).statusCode).toBe(200);

    const button = await start(client);
    expect((await client.requestOperator(button)).json()).toEqual({ state: 'ai', operatorName: null });
    const words = await start(client);
    expect((await client.message(words, 'Хочу поговорить с человеком')).statusCode).toBe(202);

    for (const session of [button, words]) {
      const view = await read(owner, session);
      expect(view.dialog.state).toBe('ai');
      // The request is written (the managers are alerted), then the time-out: one notice says it all.
      expect(kinds(view)).toEqual(['operator_requested', 'operator_timeout']);
      expect(notices(view)).toEqual([
        'Сейчас нерабочее время. Менеджер ответит завтра с 09:00 (по московскому времени) — оставьте, пожалуйста, номер телефона, и он вам перезвонит. А пока на ваши вопросы ответит ассистент.',
      ]);
    }
  });

  it('on a Friday at 22:00 in Moscow, with Monday to Friday hours, says a manager answers on Monday from 09:00', async () => {
    const { owner, tenantId, client } = await company();
    await saveSettings(owner, { handoffTimeoutMinutes: 3, workingHours: MON_TO_FRI });
    const session = await start(client);

    const change = await ctx.db.withTenant(tenantId, (tx) =>
      requestOperator(tx, { tenantId, sessionId: session.sessionId, now: nextInMoscow(4, '22:00') }),
    );

    expect(change.state).toBe('ai');
    expect(change.events.map((event) => event.type)).toEqual(['state', 'message', 'state']);
    expect(notices(await read(owner, session))).toEqual([
      expect.stringMatching(
        /^Сейчас нерабочее время\. Менеджер ответит в понедельник с 09:00 \(по московскому времени\)/,
      ),
    ]);
  });

  it('within them, the visitor waits for a manager, and is then promised an answer within the working day', async () => {
    const { owner, tenantId, client } = await company();
    await saveSettings(owner, { handoffTimeoutMinutes: 3, workingHours: MON_TO_FRI });
    const session = await start(client);
    const fridayNoon = nextInMoscow(4, '12:00');

    const change = await ctx.db.withTenant(tenantId, (tx) =>
      requestOperator(tx, { tenantId, sessionId: session.sessionId, now: fridayNoon }),
    );
    expect(change.state).toBe('waiting_operator');
    expect(notices(await read(owner, session))).toEqual([
      'Позвали менеджера — он подключится к диалогу. А пока можно продолжить расчёт.',
    ]);

    expect((await ctx.app.handoffSweep.runOnce(new Date(fridayNoon.getTime() + 3.1 * 60_000))).timedOut).toBe(1);
    expect(notices(await read(owner, session)).at(-1)).toMatch(
      /^Менеджеры сейчас заняты\. Ответим в течение рабочего дня/,
    );
  });
});

describe('racing the time-out', () => {
  it('admits exactly one of a takeover and the time-out', async () => {
    const { owner, client } = await company();
    const sessions = await Promise.all(Array.from({ length: 6 }, () => start(client)));
    for (const session of sessions) await client.requestOperator(session);

    const [run, ...takes] = await Promise.all([
      ctx.app.handoffSweep.runOnce(minutesLater(4)),
      ...sessions.map((session) => owner.post(`/api/dialogs/${session.sessionId}/take`, {})),
    ]);

    let timedOut = 0;
    for (const [index, session] of sessions.entries()) {
      const view = await read(owner, session);
      // The wait ended once: by the take or by the time-out, never both.
      const ended = view.timeline.filter((event) => event.fromState === 'waiting_operator').map((event) => event.kind);
      expect(ended).toHaveLength(1);
      if (ended[0] === 'operator_timeout') timedOut += 1;
      // A take that lost the race answers with the dialog as it is; one that came after the
      // time-out took the AI's dialog, which is a take like any other.
      const took = kinds(view).includes('taken');
      expect(takes[index]?.json()).toMatchObject(took ? { state: 'operator' } : { state: 'ai', operator: null });
      expect(view.dialog.state).toBe(took ? 'operator' : 'ai');
      expect(notices(view)).toHaveLength(view.timeline.length);
    }
    expect(run?.timedOut).toBe(timedOut);
  });

  it('lets instances sweep at once: each dialog times out once', async () => {
    const { owner, client } = await company();
    const sessions = await Promise.all(Array.from({ length: 5 }, () => start(client)));
    for (const session of sessions) await client.requestOperator(session);
    const other = createHandoffSweep({ db: ctx.db, events: createChatEvents(), log: { error() {} } });

    const runs = await Promise.all([ctx.app.handoffSweep.runOnce(minutesLater(4)), other.runOnce(minutesLater(4))]);

    expect(runs.reduce((sum, run) => sum + run.timedOut, 0)).toBe(sessions.length);
    for (const session of sessions) {
      expect(kinds(await read(owner, session))).toEqual(['operator_requested', 'operator_timeout']);
    }
  });
});

describe('GET/PUT /api/dialogs/settings', () => {
  it('starts at 3 minutes, any time of day, in the company’s time zone', async () => {
    const { owner } = await company();
    expect((await owner.get('/api/dialogs/settings')).json()).toEqual({
      handoffTimeoutMinutes: 3,
      workingHours: null,
      timezone: 'Europe/Moscow',
    });
  });

  it('lets the owner set them, and managers read but not change them', async () => {
    const { owner } = await company();
    const manager = await addManager(ctx.app, owner);
    const saved = await saveSettings(owner, { handoffTimeoutMinutes: 15, workingHours: MON_TO_FRI });
    expect(saved.statusCode).toBe(200);
    const expected = { handoffTimeoutMinutes: 15, workingHours: MON_TO_FRI, timezone: 'Europe/Moscow' };
    expect(saved.json()).toEqual(expected);
    expect((await manager.get('/api/dialogs/settings')).json()).toEqual(expected);

    const refused = await saveSettings(manager, { handoffTimeoutMinutes: 1, workingHours: null });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect((await owner.get('/api/dialogs/settings')).json()).toEqual(expected);

    // Back to «Круглосуточно».
    expect((await saveSettings(owner, { handoffTimeoutMinutes: 15, workingHours: null })).json().workingHours).toBe(
      null,
    );
  });

  const days = (change: (days: WorkingHours['days']) => void) => {
    const list: WorkingHours['days'] = [...MON_TO_FRI.days];
    change(list);
    return list;
  };

  it.each([
    [
      { handoffTimeoutMinutes: 0, workingHours: null },
      'handoffTimeoutMinutes',
      'Время ожидания менеджера — от 1 до 60 минут',
    ],
    [
      { handoffTimeoutMinutes: 61, workingHours: null },
      'handoffTimeoutMinutes',
      'Время ожидания менеджера — от 1 до 60 минут',
    ],
    [
      { handoffTimeoutMinutes: 2.5, workingHours: null },
      'handoffTimeoutMinutes',
      'Время ожидания менеджера — от 1 до 60 минут',
    ],
    [
      { handoffTimeoutMinutes: 3, workingHours: { days: MON_TO_FRI.days.slice(0, 6) } },
      'workingHours.days',
      'Укажите все семь дней недели',
    ],
    [
      { handoffTimeoutMinutes: 3, workingHours: { days: days((list) => (list[2] = { from: '9:00', to: '18:00' })) } },
      'workingHours.days.2.from',
      'Время в формате ЧЧ:ММ, например 09:00',
    ],
    [
      { handoffTimeoutMinutes: 3, workingHours: { days: days((list) => (list[1] = { from: '09:00' } as never)) } },
      'workingHours.days.1',
      'Укажите часы работы в формате ЧЧ:ММ или отметьте день выходным',
    ],
    [
      { handoffTimeoutMinutes: 3, workingHours: 'always' },
      'workingHours',
      'Укажите расписание по дням или «Круглосуточно»',
    ],
    [
      { handoffTimeoutMinutes: 3, workingHours: { days: days((list) => (list[4] = { from: '18:00', to: '09:00' })) } },
      'workingHours.days.4',
      'Конец рабочего дня должен быть позже начала',
    ],
    [
      { handoffTimeoutMinutes: 3, workingHours: { days: days((list) => list.fill(null)) } },
      'workingHours',
      'Отметьте хотя бы один рабочий день или включите «Круглосуточно»',
    ],
    [{ handoffTimeoutMinutes: 3 }, 'workingHours', 'Заполните это поле'],
    [
      { handoffTimeoutMinutes: 3, workingHours: null, timezone: 'Asia/Tokyo' },
      'timezone',
      'Поле «timezone» не поддерживается',
    ],
  ])('refuses %j, saying why in Russian', async (body, field, message) => {
    const { owner } = await company();
    const refused = await saveSettings(owner, body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message, fields: { [field]: message } });
    expect((await owner.get('/api/dialogs/settings')).json()).toMatchObject({
      handoffTimeoutMinutes: 3,
      workingHours: null,
    });
  });
});
