import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegramBotApi, startFakeTelegramBotApi } from '../../../test/fakes/telegramBotApi.ts';
import { createBotApi, TelegramError } from './botApi.ts';
import { escapeHtml } from './format.ts';

let fake: FakeTelegramBotApi;

beforeAll(async () => {
  fake = await startFakeTelegramBotApi();
});

afterAll(async () => {
  await fake.close();
});

function aBot() {
  const bot = fake.createBot({ username: 'aimax_alerts_bot' });
  return { bot, api: createBotApi({ token: bot.token, baseUrl: fake.url }) };
}

/** A bot and a user who has pressed Start, with that first update already confirmed. */
async function aBotWithUser() {
  const { bot, api } = aBot();
  const user = fake.createUser({ firstName: 'Ирина', username: 'irina_remont' });
  const start = fake.userStarts(bot, user);
  await api.getUpdates({ offset: start.update_id + 1 });
  return { bot, api, user };
}

async function failure(promise: Promise<unknown>): Promise<TelegramError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TelegramError);
  return error as TelegramError;
}

const tokenLeaks = (error: unknown, token: string) =>
  [String(error), JSON.stringify(error), (error as Error).stack ?? ''].some((text) => text.includes(token));

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface WebhookRequest {
  headers: IncomingHttpHeaders;
  body: { update_id: number; message: { text: string } };
}

/** Where a webhook points: keeps what Telegram posts and answers with `status`. */
async function startWebhookReceiver() {
  const requests: WebhookRequest[] = [];
  const state = { status: 200 };
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    requests.push({ headers: request.headers, body: JSON.parse(body) });
    response.writeHead(state.status).end();
  });
  const url = `${await listen(server)}/telegram/webhook`;
  return {
    url,
    requests,
    answerWith(status: number) {
      state.status = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('getMe', () => {
  it('describes the bot behind the token', async () => {
    const { bot, api } = aBot();
    const me = await api.getMe();
    expect(me).toMatchObject({ id: bot.user.id, is_bot: true, username: 'aimax_alerts_bot' });
  });

  it('refuses an unknown token with 401, and the error never shows the token', async () => {
    const token = '123456:ABC-not-a-real-token';
    const error = await failure(createBotApi({ token, baseUrl: fake.url }).getMe());
    expect(error).toMatchObject({ code: 401, description: 'Unauthorized', method: 'getMe', isUnauthorized: true });
    expect(tokenLeaks(error, token)).toBe(false);
  });

  it('turns an unreachable server into code 0 without the token', async () => {
    const closed = createServer();
    const baseUrl = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const token = '123456:ABC-secret-never-shown';

    const error = await failure(createBotApi({ token, baseUrl }).getMe());
    expect(error).toMatchObject({ code: 0, isNetwork: true });
    expect(error.description).toContain('ECONNREFUSED');
    expect(tokenLeaks(error, token)).toBe(false);
  });

  it('gives up at the deadline when the server never answers', async () => {
    const silent = createServer(() => {});
    const baseUrl = await listen(silent);
    try {
      const error = await failure(createBotApi({ token: '1:silent', baseUrl, timeoutMs: 100 }).getMe());
      expect(error).toMatchObject({ code: 0, description: 'no answer within 100 ms' });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('lets a cancellation by the caller through as itself', async () => {
    const { api } = aBot();
    const controller = new AbortController();
    const poll = api.getUpdates({ timeout: 20 }, { signal: controller.signal });
    controller.abort(new Error('shutting down'));
    await expect(poll).rejects.toThrow('shutting down');
  });
});

describe('sendMessage', () => {
  it('sends HTML in which escaped user text reads back exactly as typed', async () => {
    const { bot, api, user } = await aBotWithUser();
    const name = 'ООО <Ремонт & Ко> "Под ключ" 5 > 3';

    const message = await api.sendMessage({ chat_id: user.id, text: `<b>${escapeHtml(name)}</b>`, parse_mode: 'HTML' });

    expect(message.text).toBe(name);
    expect(message.entities).toEqual([{ type: 'bold', offset: 0, length: name.length }]);
    expect(message).toMatchObject({ chat: { id: user.id, type: 'private' }, from: { id: bot.user.id } });
    expect(message.message_id).toBeGreaterThan(0);
    expect(message.date).toBeGreaterThan(0);
    expect(fake.sentTo(bot, user.id).map((sent) => sent.rawText)).toEqual([`<b>${escapeHtml(name)}</b>`]);
  });

  it('refuses HTML the parser rejects, with its own description', async () => {
    const { api, user } = await aBotWithUser();

    const unclosed = await failure(api.sendMessage({ chat_id: user.id, text: '<b>Новая заявка', parse_mode: 'HTML' }));
    expect(unclosed).toMatchObject({
      code: 400,
      description: "Bad Request: can't parse entities: Can't find end tag corresponding to start tag b",
    });

    // Unescaped user text: `<` opens a tag, and the offset counts UTF-8 bytes.
    const raw = await failure(api.sendMessage({ chat_id: user.id, text: 'Цена <100 ₽', parse_mode: 'HTML' }));
    expect(raw.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "100" at byte offset 9');
  });

  it('refuses a chat that never started the bot, and an empty text', async () => {
    const { api, user } = await aBotWithUser();
    const stranger = fake.createUser();

    const notFound = await failure(api.sendMessage({ chat_id: stranger.id, text: 'Здравствуйте' }));
    expect(notFound).toMatchObject({ code: 400, description: 'Bad Request: chat not found' });

    const empty = await failure(api.sendMessage({ chat_id: user.id, text: '<b> </b>', parse_mode: 'HTML' }));
    expect(empty).toMatchObject({ code: 400, description: 'Bad Request: message text is empty' });
  });

  it('surfaces 429 with retry_after, and the next call goes through', async () => {
    const { api, user } = await aBotWithUser();
    const callsBefore = fake.callCount('sendMessage');
    fake.throttle('sendMessage', 1, 7);

    const error = await failure(api.sendMessage({ chat_id: user.id, text: 'Новая заявка' }));
    expect(error).toMatchObject({
      code: 429,
      description: 'Too Many Requests: retry after 7',
      retryAfter: 7,
      isRateLimited: true,
    });
    await expect(api.sendMessage({ chat_id: user.id, text: 'Новая заявка' })).resolves.toMatchObject({
      text: 'Новая заявка',
    });
    expect(fake.callCount('sendMessage') - callsBefore).toBe(2);
  });

  it('answers 403 once the user has blocked the bot', async () => {
    const { bot, api, user } = await aBotWithUser();
    fake.blockedBy(bot, user);

    const error = await failure(api.sendMessage({ chat_id: user.id, text: 'Новая заявка' }));
    expect(error).toMatchObject({ code: 403, description: 'Forbidden: bot was blocked by the user', isBlocked: true });
    expect(fake.sentTo(bot, user.id)).toEqual([]);
  });

  it('replies to a message and keeps an inline keyboard', async () => {
    const { api, user, bot } = await aBotWithUser();
    const question = fake.userSends(bot, user, 'Когда придёт замерщик?');
    const keyboard = { inline_keyboard: [[{ text: 'Открыть заявку', url: 'https://aimax.example/leads/42' }]] };

    const answer = await api.sendMessage({
      chat_id: user.id,
      text: 'Завтра с 10 до 12',
      reply_parameters: { message_id: question.message.message_id },
      reply_markup: keyboard,
    });

    expect(answer.reply_to_message).toMatchObject({
      message_id: question.message.message_id,
      text: question.message.text,
    });
    expect(answer.reply_markup).toEqual(keyboard);

    const missing = await failure(
      api.sendMessage({ chat_id: user.id, text: 'Ответ', reply_parameters: { message_id: 9999 } }),
    );
    expect(missing.description).toBe('Bad Request: message to be replied not found');
  });
});

describe('getUpdates', () => {
  it('holds a long poll until the user writes, then answers at once', async () => {
    const { bot, api } = aBot();
    const user = fake.createUser({ firstName: 'Сергей' });

    const poll = api.getUpdates({ timeout: 25 });
    await fake.waitForPoll(bot);
    fake.userStarts(bot, user, 'tenant_7f3a-9');
    const updates = await poll;

    expect(updates).toHaveLength(1);
    expect(updates[0]?.message).toMatchObject({
      text: '/start tenant_7f3a-9',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      from: { id: user.id, first_name: 'Сергей' },
      chat: { id: user.id, type: 'private' },
    });
    expect(fake.isPolling(bot)).toBe(false);
  });

  it('returns updates until an offset confirms them, and a negative offset keeps only the last', async () => {
    const { bot, api } = aBot();
    const user = fake.createUser();
    const first = fake.userSends(bot, user, 'раз');
    fake.userSends(bot, user, 'два');
    const third = fake.userSends(bot, user, 'три');

    expect((await api.getUpdates()).map((update) => update.message?.text)).toEqual(['раз', 'два', 'три']);
    expect(await api.getUpdates({ limit: 2 })).toHaveLength(2);
    expect((await api.getUpdates({ offset: first.update_id + 1 })).map((update) => update.message?.text)).toEqual([
      'два',
      'три',
    ]);
    expect(await api.getUpdates({ offset: third.update_id + 1 })).toEqual([]);

    fake.userSends(bot, user, 'четыре');
    fake.userSends(bot, user, 'пять');
    expect((await api.getUpdates({ offset: -1 })).map((update) => update.message?.text)).toEqual(['пять']);
    expect(fake.pendingUpdates(bot).map((update) => update.message.text)).toEqual(['пять']);
  });

  it('ends the first of two concurrent polls with 409', async () => {
    const { bot, api } = aBot();
    const first = api.getUpdates({ timeout: 25 });
    await fake.waitForPoll(bot);

    const second = api.getUpdates({ timeout: 25 });
    const error = await failure(first);
    expect(error).toMatchObject({
      code: 409,
      isConflict: true,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });

    await fake.waitForPoll(bot);
    fake.userSends(bot, fake.createUser(), 'Есть кто?');
    expect(await second).toHaveLength(1);
  });

  it('shows the bot message a user replies to', async () => {
    const { bot, api, user } = await aBotWithUser();
    const alert = await api.sendMessage({ chat_id: user.id, text: 'Новая заявка №42' });

    const reply = fake.userSends(bot, user, 'Беру', { replyTo: alert.message_id });
    const [update] = await api.getUpdates({ offset: reply.update_id });

    expect(update?.message?.reply_to_message).toMatchObject({
      message_id: alert.message_id,
      text: 'Новая заявка №42',
      from: { id: bot.user.id, is_bot: true },
    });
  });

  it('receives nothing allowed_updates leaves out', async () => {
    const { bot, api } = aBot();
    await api.getUpdates({ allowed_updates: ['callback_query'] });
    fake.userSends(bot, fake.createUser(), 'не дойдёт');
    expect(await api.getUpdates()).toEqual([]);
  });
});

describe('webhooks', () => {
  it('makes getUpdates answer 409 while a webhook is set', async () => {
    const { api } = aBot();
    await api.setWebhook({ url: 'http://127.0.0.1:9/telegram/webhook' });

    const error = await failure(api.getUpdates());
    expect(error).toMatchObject({
      code: 409,
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });

    await api.deleteWebhook();
    await expect(api.getUpdates()).resolves.toEqual([]);
  });

  it('posts each update to the webhook with the secret token header', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { bot, api } = aBot();
      await expect(api.setWebhook({ url: receiver.url, secret_token: 'alerts_Secret-42' })).resolves.toBe(true);

      const update = fake.userStarts(bot, fake.createUser(), 'invite_1');
      await fake.webhookSettled(bot);

      expect(receiver.requests).toHaveLength(1);
      expect(receiver.requests[0]?.headers['x-telegram-bot-api-secret-token']).toBe('alerts_Secret-42');
      expect(receiver.requests[0]?.headers['content-type']).toBe('application/json');
      expect(receiver.requests[0]?.body).toMatchObject({
        update_id: update.update_id,
        message: { text: '/start invite_1' },
      });
      expect(await api.getWebhookInfo()).toMatchObject({ url: receiver.url, pending_update_count: 0 });
    } finally {
      await receiver.close();
    }
  });

  it('keeps an update the webhook refused, reports why, and drops it on request', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { bot, api } = aBot();
      receiver.answerWith(500);
      await api.setWebhook({ url: receiver.url });

      fake.userSends(bot, fake.createUser(), 'Алло');
      await fake.webhookSettled(bot);

      const info = await api.getWebhookInfo();
      expect(info).toMatchObject({ pending_update_count: 1 });
      expect(info.last_error_message).toBe('Wrong response from the webhook: 500 Internal Server Error');

      await api.deleteWebhook({ drop_pending_updates: true });
      expect(await api.getWebhookInfo()).toEqual({ url: '', has_custom_certificate: false, pending_update_count: 0 });
    } finally {
      await receiver.close();
    }
  });

  it('refuses a secret token with characters Telegram does not allow', async () => {
    const { api } = aBot();
    const error = await failure(api.setWebhook({ url: 'https://aimax.example/hook', secret_token: 'a+b/c=' }));
    expect(error).toMatchObject({ code: 400, description: 'Bad Request: secret token contains unallowed characters' });
  });
});

describe('the fake speaks the wire format of the real API', () => {
  it('takes GET with a query string, form bodies and any letter case', async () => {
    const { bot } = aBot();
    const user = fake.createUser();
    fake.userStarts(bot, user);

    const me = await (await fetch(`${fake.url}/bot${bot.token}/GETME`)).json();
    expect(me).toMatchObject({ ok: true, result: { id: bot.user.id } });

    const form = await fetch(`${fake.url}/bot${bot.token}/sendmessage?chat_id=${user.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: '<i>форма</i>', parse_mode: 'HTML' }),
    });
    expect(await form.json()).toMatchObject({ ok: true, result: { text: 'форма', entities: [{ type: 'italic' }] } });
  });

  it('answers an unknown method 404 Not Found with the status equal to error_code', async () => {
    const { bot } = aBot();
    const response = await fetch(`${fake.url}/bot${bot.token}/sendTelepathy`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  });
});
