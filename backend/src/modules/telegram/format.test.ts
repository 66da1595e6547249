import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegramBotApi, startFakeTelegramBotApi } from '../../../test/fakes/telegramBotApi.ts';
import { type BotApi, createBotApi, TelegramError } from './botApi.ts';
import { bold, buildHtmlMessage, code, escapeHtml, italic, link, MESSAGE_LENGTH_LIMIT, userText } from './format.ts';

let fake: FakeTelegramBotApi;
let api: BotApi;
let chatId: number;

beforeAll(async () => {
  fake = await startFakeTelegramBotApi();
  const bot = fake.createBot();
  api = createBotApi({ token: bot.token, baseUrl: fake.url });
  const owner = fake.createUser({ firstName: 'Владелец' });
  fake.userStarts(bot, owner);
  chatId = owner.id;
});

afterAll(async () => {
  await fake.close();
});

const hasLoneSurrogate = (text: string) => /\p{Cs}/u.test(text);

describe('escapeHtml', () => {
  it('replaces &, < and > and leaves quotes alone', () => {
    expect(escapeHtml('a < b && c > "d" \'e\'')).toBe('a &lt; b &amp;&amp; c &gt; "d" \'e\'');
  });

  it('escapes entity-looking text too, so it stays text', () => {
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });
});

describe('buildHtmlMessage', () => {
  it('escapes every piece of text and every attribute', () => {
    const message = buildHtmlMessage([
      bold('Новая заявка'),
      '\nИмя: ',
      userText('<Иван & "Ко">'),
      '\n',
      link('https://aimax.example/leads?id=1&tab="chat"', 'Открыть'),
    ]);
    expect(message).toEqual({
      parse_mode: 'HTML',
      text: '<b>Новая заявка</b>\nИмя: &lt;Иван &amp; "Ко"&gt;\n<a href="https://aimax.example/leads?id=1&amp;tab=&quot;chat&quot;">Открыть</a>',
    });
  });

  it('is read by Telegram back into the text and entities it describes', async () => {
    const name = '<script>alert("x")</script> & Co';
    const sent = await api.sendMessage({
      chat_id: chatId,
      ...buildHtmlMessage([
        bold('Заявка: ', italic(userText(name))),
        '\n',
        link('https://aimax.example/?a=1&b=2', 'Открыть'),
      ]),
    });
    expect(sent.text).toBe(`Заявка: ${name}\nОткрыть`);
    expect(sent.entities).toEqual([
      { type: 'bold', offset: 0, length: 8 + name.length },
      { type: 'italic', offset: 8, length: name.length },
      { type: 'text_link', offset: 8 + name.length + 1, length: 7, url: 'https://aimax.example/?a=1&b=2' },
    ]);
  });

  it('leaves a message within the limit untouched', () => {
    const comment = 'к'.repeat(MESSAGE_LENGTH_LIMIT - 10);
    expect(buildHtmlMessage(['Заявка\n', userText(comment)]).text).toBe(`Заявка\n${comment}`);
  });
});

describe('messages over 4096 characters', () => {
  const comment = `Нужен ремонт <кухни> & ванной, бюджет > 500 000 ₽ 🛠️ ${'подробности '.repeat(500)}`;

  it('are refused by Telegram when sent as they are', async () => {
    const error = await api
      .sendMessage({ chat_id: chatId, text: `<b>Заявка</b>\n${escapeHtml(comment)}`, parse_mode: 'HTML' })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TelegramError);
    expect(error).toMatchObject({ code: 400, description: 'Bad Request: message is too long' });
  });

  it('are shortened by the builder to what Telegram accepts, ending in «…»', async () => {
    const sent = await api.sendMessage({
      chat_id: chatId,
      ...buildHtmlMessage([bold('Заявка'), '\nКлиент: ', userText('Ирина'), '\n', userText(comment)]),
    });
    expect(sent.text?.length).toBeLessThanOrEqual(MESSAGE_LENGTH_LIMIT);
    expect(sent.text?.length).toBeGreaterThan(MESSAGE_LENGTH_LIMIT - 3);
    expect(sent.text?.startsWith(`Заявка\nКлиент: Ирина\n${comment.slice(0, 60)}`)).toBe(true);
    expect(sent.text?.endsWith('…')).toBe(true);
    expect(sent.entities).toEqual([{ type: 'bold', offset: 0, length: 6 }]);
  });

  it('lose the longest user part first and keep the template whole', () => {
    const { text } = buildHtmlMessage(
      [bold('Заявка'), ' от ', userText('Анна'), ': ', userText('а'.repeat(5000)), ' — ', userText('б'.repeat(3000))],
      4000,
    );
    expect(text).toBe(`<b>Заявка</b> от Анна: ${'а'.repeat(980)}… — ${'б'.repeat(3000)}`);
  });

  it('shorten as many user parts as it takes', () => {
    const { text } = buildHtmlMessage(['Заявка: ', userText('а'.repeat(30)), ' ', userText('б'.repeat(20))], 20);
    expect(text).toBe(`Заявка: … ${'б'.repeat(9)}…`);
  });

  it('never cut an entity or a surrogate pair in half', async () => {
    const ampersands = buildHtmlMessage([code(userText('&'.repeat(6000)))]);
    expect(ampersands.text).toMatch(/^<code>(&amp;)+…<\/code>$/);
    const sentAmpersands = await api.sendMessage({ chat_id: chatId, ...ampersands });
    expect(sentAmpersands.text).toBe(`${'&'.repeat(MESSAGE_LENGTH_LIMIT - 1)}…`);

    const emoji = buildHtmlMessage(['Отзыв: ', userText('😀'.repeat(3000))]);
    expect(hasLoneSurrogate(emoji.text)).toBe(false);
    const sentEmoji = await api.sendMessage({ chat_id: chatId, ...emoji });
    expect(sentEmoji.text?.length).toBeLessThanOrEqual(MESSAGE_LENGTH_LIMIT);
  });

  it('count UTF-16 code units, which never undercounts what Telegram counts', async () => {
    // Telegram counts code points: 4096 emoji are 8192 code units and still one message.
    const accepted = await api.sendMessage({ chat_id: chatId, text: '😀'.repeat(MESSAGE_LENGTH_LIMIT) });
    expect(accepted.text?.length).toBe(2 * MESSAGE_LENGTH_LIMIT);
    expect(buildHtmlMessage([userText('😀'.repeat(MESSAGE_LENGTH_LIMIT))]).text).toBe(`${'😀'.repeat(2047)}…`);
  });

  it('are a bug when the template alone is too long', () => {
    expect(() => buildHtmlMessage(['x'.repeat(MESSAGE_LENGTH_LIMIT + 1), userText('y')])).toThrow(RangeError);
  });
});
