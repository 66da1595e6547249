// Telegram as a company uses it, against the loopback fake of the Bot API: the owner connects a
// bot, a manager links their chat by the deep link, alerts of a lead and of a handoff arrive, a
// reply in Telegram reaches the visitor, and Telegram's refusals (429, 403) are honoured.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeBot,
  type FakeTelegramBotApi,
  type FakeUser,
  startFakeTelegramBotApi,
} from '../../../test/fakes/telegramBotApi.ts';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, addManager, signUpOwner } from '../../../test/support/clients.ts';
import { completeFunnel, visitor, type WidgetSession, widgetKeyOf } from '../../../test/support/widget.ts';
import { buildApp } from '../../app.ts';
import { deliveries, messages, telegramBots, telegramChats } from '../../db/schema.ts';
import { deriveKey, loadAppSecret } from '../../lib/appSecret.ts';
import { createOutboxWorker, exponentialBackoff } from '../deliveries/outbox.ts';
import { telegramChannel } from './channel.ts';
import { BOT_TEXT } from './updates.ts';

let telegram: FakeTelegramBotApi;
let ctx: TestContext;
/** The key the app seals tokens with: derived from the secret it loaded, read back the same way. */
let sealingKey: Buffer;

beforeAll(async () => {
  telegram = await startFakeTelegramBotApi();
  ctx = await createTestApp({ env: { TELEGRAM_API_URL: telegram.url } });
  sealingKey = deriveKey(await loadAppSecret(ctx.config), 'telegram-tokens');
});
afterAll(async () => {
  await telegram.close();
});

interface Company {
  owner: ApiClient;
  manager: ApiClient & { userId: string };
  bot: FakeBot;
  key: string;
  tenantId: string;
}

const silent = { info() {}, warn() {}, error() {} };

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const textsTo = (bot: FakeBot, user: FakeUser) => telegram.sentTo(bot, user.id).map((sent) => sent.message.text ?? '');

async function connectedCompany(name: string): Promise<Company> {
  const owner = await signUpOwner(ctx.app, { companyName: name, name: 'Ольга Владелец' });
  const manager = await addManager(ctx.app, owner);
  const bot = telegram.createBot();
  const connected = await owner.request('PUT', '/api/integrations/telegram', { token: bot.token });
  expect(connected.statusCode).toBe(200);
  await telegram.waitForPoll(bot);
  return { owner, manager, bot, key: await widgetKeyOf(ctx, owner), tenantId: owner.session.tenant?.id as string };
}

/** The member opens their deep link in Telegram, as a new Telegram user. */
async function linkChat(company: Company, member: ApiClient, firstName = 'Игорь'): Promise<FakeUser> {
  const link = await member.post('/api/account/telegram/link');
  expect(link.statusCode).toBe(201);
  const code = new URL(link.json().url).searchParams.get('start') as string;
  const user = telegram.createUser({ firstName, username: `${firstName.toLowerCase()}_tg` });
  telegram.userStarts(company.bot, user, code);
  await until(
    () => textsTo(company.bot, user),
    (texts) => texts.length > 0,
  );
  return user;
}

describe('connecting a bot', () => {
  it('refuses a malformed or unknown token with a Russian message and stores nothing', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Без бота' });
    for (const token of ['не токен', '123456789:AAunknown-token-that-telegram-does-not-know']) {
      const refused = await owner.request('PUT', '/api/integrations/telegram', { token });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({
        code: 'TELEGRAM_TOKEN_INVALID',
        message: expect.stringContaining('BotFather'),
      });
    }
    const empty = await owner.request('PUT', '/api/integrations/telegram', { token: '' });
    expect(empty.statusCode).toBe(400);
    expect((await owner.get('/api/integrations/telegram')).json().bot).toBeNull();
  });

  it('checks the token with getMe, keeps it sealed, and never shows it again', async () => {
    const company = await connectedCompany('Ремонт Телеграм');
    const view = await company.owner.get('/api/integrations/telegram');
    expect(view.json().bot).toMatchObject({
      username: company.bot.user.username,
      url: `https://t.me/${company.bot.user.username}`,
      mode: 'polling',
      notifyNewDialogs: false,
      problem: null,
    });
    expect(view.body).not.toContain(company.bot.token);
    const [row] = await ctx.db.withTenant(company.tenantId, (tx) =>
      tx.select().from(telegramBots).where(eq(telegramBots.tenantId, company.tenantId)),
    );
    expect(row?.tokenSealed).toMatch(/^v1\./);
    expect(row?.tokenSealed).not.toContain(company.bot.token.split(':')[1]);
  });

  it('is the owner’s alone: a manager can neither see nor change it, but links their own chat', async () => {
    const company = await connectedCompany('Ремонт Права');
    for (const call of [
      () => company.manager.get('/api/integrations/telegram'),
      () => company.manager.request('PUT', '/api/integrations/telegram', { token: company.bot.token }),
      () => company.manager.request('PATCH', '/api/integrations/telegram', { notifyNewDialogs: true }),
      () => company.manager.delete('/api/integrations/telegram'),
      () => company.manager.post('/api/integrations/telegram/test'),
    ]) {
      expect((await call()).statusCode).toBe(403);
    }
    const mine = (await company.manager.get('/api/account/telegram')).json();
    expect(mine).toEqual({ available: true, botUsername: company.bot.user.username, chat: null });
  });
});

describe('linking a member’s chat', () => {
  it('links by a one-time deep link, which cannot be used again', async () => {
    const company = await connectedCompany('Ремонт Привязка');
    const user = await linkChat(company, company.manager, 'Игорь');
    expect(textsTo(company.bot, user)[0]).toContain('Готово');

    const mine = (await company.manager.get('/api/account/telegram')).json();
    expect(mine.chat).toMatchObject({ telegramName: 'Игорь @игорь_tg', blockedAt: null });
    const members = (await company.owner.get('/api/integrations/telegram')).json().members;
    expect(members.find((m: { userId: string }) => m.userId === company.manager.userId).chat).not.toBeNull();

    // The same code from another Telegram account links nothing.
    const link = await company.owner.post('/api/account/telegram/link');
    const code = new URL(link.json().url).searchParams.get('start') as string;
    const owner = telegram.createUser({ firstName: 'Ольга' });
    telegram.userStarts(company.bot, owner, code);
    await until(
      () => textsTo(company.bot, owner),
      (texts) => texts.length === 1,
    );
    const stranger = telegram.createUser({ firstName: 'Чужой' });
    telegram.userStarts(company.bot, stranger, code);
    await until(
      () => textsTo(company.bot, stranger),
      (texts) => texts.length === 1,
    );
    expect(textsTo(company.bot, stranger)).toEqual([BOT_TEXT.codeInvalid]);
  });

  it('unlinks on the member’s request', async () => {
    const company = await connectedCompany('Ремонт Отвязка');
    await linkChat(company, company.manager);
    expect((await company.manager.delete('/api/account/telegram')).statusCode).toBe(204);
    expect((await company.manager.get('/api/account/telegram')).json().chat).toBeNull();
  });
});

describe('alerts', () => {
  it('tell the linked chats of a new lead, with the contacts escaped, the answers and the estimate', async () => {
    const company = await connectedCompany('Ремонт <Заявки> & Ко');
    const user = await linkChat(company, company.manager);
    const client = visitor(ctx.app, company.key);
    const session = (await client.start()).json<WidgetSession>();
    const funnel = await completeFunnel(client);
    expect(funnel.sessionId).not.toBe(session.sessionId);

    const texts = await until(
      () => textsTo(company.bot, user),
      (all) => all.some((text) => text.startsWith('Новая заявка')),
    );
    const alert = telegram.sentTo(company.bot, user.id).find((sent) => sent.message.text?.startsWith('Новая заявка'));
    expect(alert?.parseMode).toBe('HTML');
    expect(alert?.rawText).toContain('Ремонт &lt;Заявки&gt; &amp; Ко');
    expect(alert?.message.text).toContain('Ремонт <Заявки> & Ко');
    expect(alert?.message.text).toMatch(/Телефон: \+7 \d{3} \d{3}-\d{2}-\d{2}/);
    expect(alert?.message.text).toContain('Смета:');
    expect(alert?.rawText).toContain(`/admin/dialogs/${funnel.sessionId}`);
    expect(texts.filter((text) => text.startsWith('Новая заявка'))).toHaveLength(1);
  });

  it('tell of a visitor asking for a manager, and a reply in Telegram reaches the visitor as that manager', async () => {
    const company = await connectedCompany('Ремонт Передача');
    const user = await linkChat(company, company.manager);
    const client = visitor(ctx.app, company.key);
    const session = (await client.start()).json<WidgetSession>();
    expect((await client.message(session, 'Позовите менеджера, пожалуйста')).statusCode).toBe(202);

    await until(
      () => textsTo(company.bot, user),
      (texts) => texts.some((text) => text.startsWith('Посетитель просит менеджера')),
    );
    const alert = telegram
      .sentTo(company.bot, user.id)
      .find((sent) => sent.message.text?.startsWith('Посетитель просит менеджера'));
    expect(alert?.message.text).toContain('Позовите менеджера, пожалуйста');
    // The outbox records the alert right after Telegram took it; a person replies later than that.
    await until(
      () =>
        ctx.db.withTenant(company.tenantId, (tx) =>
          tx.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.tenantId, company.tenantId)),
        ),
      (rows) => rows.length > 0 && rows.every((row) => row.status === 'sent'),
    );

    telegram.userSends(company.bot, user, 'Здравствуйте! Я менеджер, чем помочь?', {
      replyTo: alert?.message.message_id,
    });
    await until(
      () => textsTo(company.bot, user),
      (texts) => texts.includes(BOT_TEXT.sent),
    );

    const { dialog } = (await company.owner.get(`/api/dialogs/${session.sessionId}`)).json();
    expect(dialog.state).toBe('operator');
    expect(dialog.operator.id).toBe(company.manager.userId);
    const stored = await ctx.db.withTenant(company.tenantId, (tx) =>
      tx
        .select({ role: messages.role, content: messages.content, data: messages.data })
        .from(messages)
        .where(and(eq(messages.sessionId, session.sessionId), eq(messages.role, 'operator'))),
    );
    expect(stored).toEqual([
      {
        role: 'operator',
        content: 'Здравствуйте! Я менеджер, чем помочь?',
        data: { operatorId: company.manager.userId, operatorName: expect.any(String) },
      },
    ]);
  });

  it('refuse a reply to something that is not an alert, and an alert of another company', async () => {
    const a = await connectedCompany('Ремонт А');
    const b = await connectedCompany('Ремонт Б');
    const aUser = await linkChat(a, a.manager);
    const bUser = await linkChat(b, b.manager);
    const client = visitor(ctx.app, a.key);
    const session = (await client.start()).json<WidgetSession>();
    await client.requestOperator(session);
    const aAlert = await until(
      () => telegram.sentTo(a.bot, aUser.id).find((sent) => sent.message.text?.startsWith('Посетитель')),
      (found) => found !== undefined,
    );

    // B's manager replies in B's bot to a message of the same id as A's alert (ids count per
    // chat): B's bot knows no such alert, and A's dialog is not B's to answer.
    const alertId = aAlert?.message.message_id as number;
    while ((telegram.sentTo(b.bot, bUser.id).at(-1)?.message.message_id ?? 0) < alertId) {
      const count = textsTo(b.bot, bUser).length;
      telegram.userSends(b.bot, bUser, 'привет');
      await until(
        () => textsTo(b.bot, bUser),
        (texts) => texts.length > count,
      );
    }
    telegram.userSends(b.bot, bUser, 'Перехватываю чужой диалог', { replyTo: alertId });
    await until(
      () => textsTo(b.bot, bUser),
      (texts) => texts.includes(BOT_TEXT.noAlert),
    );
    // A's manager replies to the bot's own «Готово» message, not an alert.
    const greeting = telegram.sentTo(a.bot, aUser.id)[0];
    telegram.userSends(a.bot, aUser, 'Ответ не туда', { replyTo: greeting?.message.message_id });
    await until(
      () => textsTo(a.bot, aUser),
      (texts) => texts.includes(BOT_TEXT.noAlert),
    );

    const dialog = (await a.owner.get(`/api/dialogs/${session.sessionId}`)).json();
    expect(dialog.dialog.state).toBe('waiting_operator');
    expect(dialog.messages.filter((m: { role: string }) => m.role === 'operator')).toEqual([]);
  });

  it('announce every new dialog once the owner turns it on', async () => {
    const company = await connectedCompany('Ремонт Новые');
    const user = await linkChat(company, company.manager);
    const on = await company.owner.request('PATCH', '/api/integrations/telegram', { notifyNewDialogs: true });
    expect(on.json().bot.notifyNewDialogs).toBe(true);
    await visitor(ctx.app, company.key).start({ pageUrl: 'https://remont.example/vannaya' });
    const texts = await until(
      () => textsTo(company.bot, user),
      (all) => all.some((t) => t.startsWith('Новый диалог')),
    );
    expect(texts.find((t) => t.startsWith('Новый диалог'))).toContain('https://remont.example/vannaya');
  });

  it('«Проверить» sends a test message to each linked chat and says who got it', async () => {
    const company = await connectedCompany('Ремонт Проверка');
    const none = await company.owner.post('/api/integrations/telegram/test');
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('TELEGRAM_NO_CHATS');
    const user = await linkChat(company, company.manager, 'Пётр');
    const result = await company.owner.post('/api/integrations/telegram/test');
    expect(result.json()).toEqual({ sent: ['Пётр @пётр_tg'], failed: [] });
    expect(textsTo(company.bot, user).at(-1)).toContain('Проверка связи');
  });
});

describe('Telegram’s refusals', () => {
  /** A worker of the test's own, on a clock it moves; the app's would race it. */
  function worker() {
    return createOutboxWorker({
      db: ctx.db,
      channels: {
        telegram: telegramChannel({
          db: ctx.db,
          deps: { key: sealingKey, apiUrl: telegram.url },
        }),
      },
      log: silent,
      backoff: exponentialBackoff({ jitter: 0, baseMs: 100 }),
    });
  }

  it('waits as long as a 429 asks, then delivers once; a chat that blocked the bot is dropped with the reason', async () => {
    await ctx.app.outbox.stop();
    try {
      const company = await connectedCompany('Ремонт Лимиты');
      const user = await linkChat(company, company.manager);
      const client = visitor(ctx.app, company.key);
      const session = (await client.start()).json<WidgetSession>();
      await client.requestOperator(session);

      telegram.throttle('sendMessage', 1, 3);
      const now = new Date();
      const first = await worker().runOnce(now);
      expect(first).toMatchObject({ sent: 0, retried: 1 });
      const [row] = await ctx.db.withTenant(company.tenantId, (tx) =>
        tx
          .select()
          .from(deliveries)
          .where(and(eq(deliveries.tenantId, company.tenantId), eq(deliveries.kind, 'handoff'))),
      );
      expect(row?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + 3000);
      expect(row?.lastError).toContain('429');
      expect(await worker().runOnce(new Date(now.getTime() + 1000))).toMatchObject({ sent: 0, retried: 0 });
      expect(await worker().runOnce(new Date(now.getTime() + 3100))).toMatchObject({ sent: 1 });
      expect(textsTo(company.bot, user).filter((t) => t.startsWith('Посетитель просит'))).toHaveLength(1);

      telegram.blockedBy(company.bot, user);
      await client.message(session, 'позовите человека');
      await company.owner.post(`/api/dialogs/${session.sessionId}/return`);
      await client.requestOperator(session);
      expect(await worker().runOnce()).toMatchObject({ sent: 0, failed: 1 });
      const [chat] = await ctx.db.withTenant(company.tenantId, (tx) =>
        tx.select().from(telegramChats).where(eq(telegramChats.tenantId, company.tenantId)),
      );
      expect(chat?.blockedReason).toBe('Сотрудник заблокировал бота в Telegram');
      const member = (await company.owner.get('/api/integrations/telegram'))
        .json()
        .members.find((m: { userId: string }) => m.userId === company.manager.userId);
      expect(member.chat.blockedAt).not.toBeNull();
    } finally {
      ctx.app.outbox.start();
    }
  });
});

describe('exactly once across a restart', () => {
  it('an alert Telegram asked to wait for is delivered once by the instance that comes up next', async () => {
    const company = await connectedCompany('Ремонт Перезапуск');
    const user = await linkChat(company, company.manager);
    telegram.throttle('sendMessage', 1, 1);
    const client = visitor(ctx.app, company.key);
    const session = (await client.start()).json<WidgetSession>();
    await client.requestOperator(session);
    const handoff = () =>
      ctx.db.withTenant(company.tenantId, (tx) =>
        tx
          .select()
          .from(deliveries)
          .where(and(eq(deliveries.tenantId, company.tenantId), eq(deliveries.kind, 'handoff'))),
      );
    await until(handoff, ([row]) => row?.attempts === 1 && row.lastError !== null);

    // The instance goes down (its worker stops), another comes up on the same database.
    await ctx.app.outbox.stop();
    const next = await buildApp({
      config: ctx.config,
      db: ctx.db,
      store: ctx.store,
      pdf: ctx.pdf,
      mail: { worker: { pollIntervalMs: 50 } },
    });
    try {
      await next.ready();
      await until(handoff, ([row]) => row?.status === 'sent', 10_000);
      await next.outbox.runOnce();
      ctx.app.outbox.start();
      await ctx.app.outbox.runOnce();
      expect(textsTo(company.bot, user).filter((text) => text.startsWith('Посетитель просит'))).toHaveLength(1);
      expect((await handoff())[0]?.attempts).toBe(2);
    } finally {
      await next.close();
      ctx.app.outbox.start();
    }
  });
});

describe('with an https PUBLIC_URL', () => {
  it('sets a webhook with a secret, takes updates only with that secret, and does not poll', async () => {
    const hosted = await createTestApp({
      env: { TELEGRAM_API_URL: telegram.url, PUBLIC_URL: 'https://aimax.example' },
    });
    const owner = await signUpOwner(hosted.app, { companyName: 'Ремонт Вебхук' });
    const tenantId = owner.session.tenant?.id as string;
    const bot = telegram.createBot();
    const connected = (await owner.request('PUT', '/api/integrations/telegram', { token: bot.token })).json();
    expect(connected.bot.mode).toBe('webhook');
    const [row] = await hosted.db.withTenant(tenantId, (tx) =>
      tx.select().from(telegramBots).where(eq(telegramBots.tenantId, tenantId)),
    );
    expect(row?.webhookSecret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(telegram.isPolling(bot)).toBe(false);

    const link = (await owner.post('/api/account/telegram/link')).json();
    const code = new URL(link.url).searchParams.get('start');
    const update = {
      update_id: 1000,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 9_000_001, type: 'private', first_name: 'Вера' },
        from: { id: 9_000_001, is_bot: false, first_name: 'Вера' },
        text: `/start ${code}`,
      },
    };
    const post = (secret: string, payload: object) =>
      hosted.app.inject({
        method: 'POST',
        url: `/api/telegram/webhook/${tenantId}`,
        headers: { 'x-telegram-bot-api-secret-token': secret },
        payload,
      });
    expect((await post('wrong-secret', update)).statusCode).toBe(404);
    expect((await owner.get('/api/account/telegram')).json().chat).toBeNull();
    expect((await post(row?.webhookSecret as string, { nothing: true })).statusCode).toBe(400);
    expect((await post(row?.webhookSecret as string, update)).statusCode).toBe(204);
    expect((await owner.get('/api/account/telegram')).json().chat).toMatchObject({ telegramName: 'Вера' });
    // Telegram delivering the same update again changes nothing.
    expect((await post(row?.webhookSecret as string, update)).statusCode).toBe(204);
    const unknownTenant = await hosted.app.inject({
      method: 'POST',
      url: `/api/telegram/webhook/${randomUUID()}`,
      headers: { 'x-telegram-bot-api-secret-token': row?.webhookSecret as string },
      payload: update,
    });
    expect(unknownTenant.statusCode).toBe(404);
  });
});
