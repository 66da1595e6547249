// A loopback stand-in for the Telegram Bot API (https://core.telegram.org/bots/api), answering at
// `<url>/bot<token>/<method>` as api.telegram.org does: GET or POST, parameters in the query
// string, a JSON body or a form body, method names in any case, `{ ok, result }` or
// `{ ok: false, error_code, description, parameters? }` with the HTTP status equal to error_code.
// It simulates getMe, sendMessage, getUpdates (offsets, limits, long polls and the 409s that guard
// them), setWebhook / deleteWebhook / getWebhookInfo, and posts updates to a webhook the way a
// local Bot API server may (plain HTTP, any port). parse_mode HTML is parsed as TDLib, the
// library behind the real server, parses it, so its errors and its lenience are the real ones.
// Not simulated: other methods (they answer 404), MarkdownV2, multipart uploads, updates other
// than `message`, and the URL/mention entities Telegram detects by itself (bot_command aside).
//
// The test drives the other side: it creates bots and users, makes users write (or press a
// /start deep link, or reply to a bot's message), makes the next calls of a method answer 429,
// makes a user block a bot, and reads what each chat received. Nothing here sleeps except a long
// poll waiting for an update, and close() answers those at once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface FakeUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface FakeChat {
  id: number;
  type: 'private';
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface FakeEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export interface FakeMessage {
  message_id: number;
  from: FakeUser;
  chat: FakeChat;
  date: number;
  text: string;
  entities?: FakeEntity[];
  reply_to_message?: FakeMessage;
  reply_markup?: unknown;
}

export interface FakeUpdate {
  update_id: number;
  message: FakeMessage;
}

/** What a bot sent, as the chat sees it and as the bot asked for it. */
export interface SentMessage {
  message: FakeMessage;
  /** The `text` parameter before entities were parsed. */
  rawText: string;
  parseMode?: string;
  /** Whatever reply_markup the bot passed, parsed. */
  replyMarkup?: unknown;
}

export interface FakeBot {
  token: string;
  user: FakeUser;
}

export interface FakeTelegramBotApi {
  /** Base URL like `https://api.telegram.org`: requests go to `<url>/bot<token>/<method>`. */
  url: string;
  createBot(options?: { username?: string; firstName?: string }): FakeBot;
  createUser(options?: { firstName?: string; lastName?: string; username?: string; languageCode?: string }): FakeUser;
  /**
   * The user writes to the bot; the first message opens the private chat, as pressing Start
   * does. `replyTo` is the message_id of a message in that chat (one the bot sent, usually);
   * the update then carries it as reply_to_message.
   */
  userSends(bot: FakeBot, user: FakeUser, text: string, options?: { replyTo?: number }): FakeUpdate;
  /** The user opens `t.me/<bot>?start=<payload>`: the bot receives `/start <payload>`. */
  userStarts(bot: FakeBot, user: FakeUser, payload?: string): FakeUpdate;
  /** From now on sendMessage to this user answers 403, until unblockedBy. */
  blockedBy(bot: FakeBot, user: FakeUser): void;
  unblockedBy(bot: FakeBot, user: FakeUser): void;
  /** The next `count` calls of `method` (any bot) answer 429 with this retry_after. */
  throttle(method: string, count: number, retryAfterSeconds: number): void;
  /** Messages the bot sent to a chat, oldest first. */
  sentTo(bot: FakeBot, chatId: number): SentMessage[];
  /** Calls of a method that reached a known bot, refused ones included. */
  callCount(method: string): number;
  /** Updates neither confirmed nor delivered yet. */
  pendingUpdates(bot: FakeBot): FakeUpdate[];
  /** Whether a getUpdates long poll of this bot is being held open right now. */
  isPolling(bot: FakeBot): boolean;
  /** Resolves once a long poll of this bot is held open; rejects after `timeoutMs`. */
  waitForPoll(bot: FakeBot, timeoutMs?: number): Promise<void>;
  /** Resolves once the webhook deliveries started so far have been answered or have failed. */
  webhookSettled(bot: FakeBot): Promise<void>;
  close(): Promise<void>;
}

const SUPPORTED_METHODS = ['getme', 'sendmessage', 'getupdates', 'setwebhook', 'deletewebhook', 'getwebhookinfo'];
const WEBHOOK_TIMEOUT_MS = 5000;
// https://core.telegram.org/bots/features#deep-linking
const DEEP_LINK_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;
// https://core.telegram.org/bots/api#setwebhook
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after: number },
  ) {
    super(description);
  }
}

/**
 * A long poll held open. `updates` answers with what is waiting now, `empty` with nothing, and
 * `conflict` with the 409 of a poll another getUpdates took over.
 */
interface Poll {
  end(outcome: 'updates' | 'empty' | 'conflict'): void;
}

interface Webhook {
  url: string;
  secretToken?: string;
  maxConnections: number;
  allowedUpdates?: string[];
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

interface BotState {
  bot: FakeBot;
  nextUpdateId: number;
  updates: FakeUpdate[];
  /** Chats whose user started the bot, by chat id (= the user's id in private chats). */
  chats: Map<number, FakeChat>;
  history: Map<number, FakeMessage[]>;
  sent: Map<number, SentMessage[]>;
  blocked: Set<number>;
  allowedUpdates: string[];
  webhook?: Webhook;
  poll?: Poll;
  delivery: Promise<void>;
}

type Params = Record<string, unknown>;

const now = () => Math.floor(Date.now() / 1000);

const readBody = async (request: IncomingMessage) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
};

async function readParams(request: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = Object.fromEntries(url.searchParams);
  const body = await readBody(request);
  if (!body) return params;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new ApiError(400, "Bad Request: can't parse JSON object");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ApiError(400, 'Bad Request: expected a JSON object');
    }
    return { ...params, ...(parsed as Params) };
  }
  if (type === 'application/x-www-form-urlencoded')
    return { ...params, ...Object.fromEntries(new URLSearchParams(body)) };
  throw new Error(`the fake Bot API does not simulate ${type ?? 'untyped'} bodies`);
}

// Query strings and forms carry everything as strings, JSON bodies as JSON: both are read here.
function integerParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

const booleanParam = (params: Params, name: string) => params[name] === true || params[name] === 'true';

function jsonParam(params: Params, name: string, failure: string): unknown {
  const value = params[name];
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new ApiError(400, `Bad Request: ${failure}`);
  }
}

function stringListParam(params: Params, name: string): string[] | undefined {
  const value = jsonParam(params, name, `can't parse ${name} JSON array`);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

// ----- parse_mode HTML, after TDLib's parse_html (td/telegram/MessageEntity.cpp) -----

class HtmlError extends Error {}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const SUPPORTED_TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  's',
  'strike',
  'del',
  'u',
  'ins',
  'tg-spoiler',
  'tg-emoji',
  'span',
  'pre',
  'code',
  'blockquote',
]);
const SIMPLE_ENTITIES: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
};

const isSpace = (char: string | undefined) =>
  char === ' ' || char === '\t' || char === '\r' || char === '\n' || char === '\v';

/**
 * `&...` at `pos` as TDLib reads it: numeric references, and lt/gt/amp/quot with or without
 * the `;`. Anything else is not an entity, and the `&` stays literal text.
 */
function decodeEntity(text: string, pos: number): { code: number; end: number } | undefined {
  let end = pos + 1;
  let code = 0;
  if (text[end] === '#') {
    end += 1;
    const hex = text[end] === 'x';
    if (hex) end += 1;
    const digit = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    while (end < text.length && digit.test(text[end] ?? '')) {
      code = code * (hex ? 16 : 10) + Number.parseInt(text[end] ?? '', 16);
      end += 1;
    }
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return undefined;
  } else {
    while (end < text.length && /[A-Za-z]/.test(text[end] ?? '')) end += 1;
    const named = NAMED_ENTITIES[text.slice(pos + 1, end)];
    if (named === undefined) return undefined;
    code = named.charCodeAt(0);
  }
  return { code, end: text[end] === ';' ? end + 1 : end };
}

function checkedUrl(url: string): string | undefined {
  if (URL.canParse(url)) return url;
  return URL.canParse(`http://${url}`) ? `http://${url}` : undefined;
}

interface OpenTag {
  tag: string;
  argument: string;
  expandable: boolean;
  offset: number;
}

function parseHtml(html: string): { text: string; entities: FakeEntity[] } {
  const byteOffset = (index: number) => Buffer.byteLength(html.slice(0, index));
  const entities: FakeEntity[] = [];
  const open: OpenTag[] = [];
  let text = '';
  let halfSurrogate = false;

  for (let i = 0; i < html.length; i++) {
    const char = html[i];
    if (char === '&') {
      const entity = decodeEntity(html, i);
      if (entity) {
        halfSurrogate ||= entity.code >= 0xd800 && entity.code <= 0xdfff;
        text += String.fromCodePoint(entity.code);
        i = entity.end - 1;
        continue;
      }
    }
    if (char !== '<') {
      text += char;
      continue;
    }

    const begin = i++;
    if (html[i] !== '/') {
      while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i++;
      if (i >= html.length) throw new HtmlError(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
      const tag = html.slice(begin + 1, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(tag)) {
        throw new HtmlError(`Unsupported start tag "${tag}" at byte offset ${byteOffset(begin)}`);
      }
      let argument = '';
      let expandable = false;
      while (html[i] !== '>') {
        while (i < html.length && isSpace(html[i])) i++;
        if (html[i] === '>') break;
        if (i >= html.length) throw new HtmlError(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
        const nameBegin = i;
        while (i < html.length && !isSpace(html[i]) && html[i] !== '=' && html[i] !== '>') i++;
        const name = html.slice(nameBegin, i);
        if (!name) throw new HtmlError(`Empty attribute name in the tag "${tag}" at byte offset ${byteOffset(begin)}`);
        while (i < html.length && isSpace(html[i])) i++;
        if (html[i] !== '=') {
          // The one attribute without a value: <blockquote expandable>.
          if (tag === 'blockquote' && name.toLowerCase() === 'expandable') {
            expandable = true;
            continue;
          }
          throw new HtmlError(
            `Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${byteOffset(begin)}`,
          );
        }
        i++;
        while (i < html.length && isSpace(html[i])) i++;
        if (i >= html.length) throw new HtmlError(`Unclosed start tag "${tag}" at byte offset ${byteOffset(begin)}`);

        let value = '';
        const quote = html[i];
        if (quote !== '"' && quote !== "'") {
          const tokenBegin = i;
          while (i < html.length && /[A-Za-z0-9.-]/.test(html[i] ?? '')) i++;
          value = html.slice(tokenBegin, i).toLowerCase();
          if (i < html.length && !isSpace(html[i]) && html[i] !== '>') {
            throw new HtmlError(`Unexpected end of name token at byte offset ${byteOffset(tokenBegin)}`);
          }
        } else {
          i++;
          while (i < html.length && html[i] !== quote) {
            const entity = html[i] === '&' ? decodeEntity(html, i) : undefined;
            if (entity) {
              value += String.fromCodePoint(entity.code);
              i = entity.end;
            } else {
              value += html[i];
              i++;
            }
          }
          if (html[i] === quote) i++;
        }
        if (i >= html.length) throw new HtmlError(`Unclosed start tag at byte offset ${byteOffset(begin)}`);

        if (tag === 'a' && name === 'href') argument = value;
        else if (tag === 'code' && name === 'class' && value.startsWith('language-')) argument = value.slice(9);
        else if (tag === 'span' && name === 'class' && value.startsWith('tg-')) argument = value.slice(3);
        else if (tag === 'tg-emoji' && name === 'emoji-id') argument = value;
      }
      if (tag === 'span' && argument !== 'spoiler') {
        throw new HtmlError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(begin)}`);
      }
      open.push({ tag, argument, expandable, offset: text.length });
      continue;
    }

    const current = open.pop();
    if (!current) throw new HtmlError(`Unexpected end tag at byte offset ${byteOffset(begin)}`);
    while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i++;
    const endTag = html.slice(begin + 2, i).toLowerCase();
    while (i < html.length && isSpace(html[i])) i++;
    if (html[i] !== '>') throw new HtmlError(`Unclosed end tag at byte offset ${byteOffset(begin)}`);
    if (endTag && endTag !== current.tag) {
      throw new HtmlError(
        `Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${current.tag}>", found "</${endTag}>"`,
      );
    }
    const length = text.length - current.offset;
    if (length > 0) closeEntity(current, length, text, entities);
  }

  const unclosed = open.at(-1);
  if (unclosed) throw new HtmlError(`Can't find end tag corresponding to start tag ${unclosed.tag}`);
  if (halfSurrogate) {
    throw new HtmlError(
      'Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units',
    );
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function closeEntity(tag: OpenTag, length: number, text: string, entities: FakeEntity[]) {
  const { offset } = tag;
  const simple = SIMPLE_ENTITIES[tag.tag];
  const last = entities.at(-1);
  const sameSpan = last !== undefined && last.offset === offset && last.length === length;
  if (simple) entities.push({ type: simple, offset, length });
  else if (tag.tag === 'blockquote') {
    entities.push({ type: tag.expandable ? 'expandable_blockquote' : 'blockquote', offset, length });
  } else if (tag.tag === 'tg-emoji') {
    if (!/^[1-9]\d*$/.test(tag.argument)) throw new HtmlError('Invalid custom emoji identifier specified');
    entities.push({ type: 'custom_emoji', offset, length, custom_emoji_id: tag.argument });
  } else if (tag.tag === 'a') {
    // An <a> without href links its own text; a link Telegram cannot make sense of is dropped.
    const url = checkedUrl(tag.argument || text.slice(offset));
    if (url) entities.push({ type: 'text_link', offset, length, url });
  } else if (tag.tag === 'code') {
    // <pre><code class="language-x"> is one pre entity with a language.
    if (sameSpan && last.type === 'pre' && tag.argument) last.language = tag.argument;
    else entities.push({ type: 'code', offset, length, ...(tag.argument ? { language: tag.argument } : {}) });
  } else if (sameSpan && last.type === 'code' && last.language) {
    last.type = 'pre';
  } else {
    entities.push({ type: 'pre', offset, length });
  }
}

// Telegram drops leading and trailing whitespace of a message; entities move with the text.
function trimMessage(text: string, entities: FakeEntity[]) {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const kept = entities
    .map(({ language, ...entity }) => {
      const start = Math.max(0, entity.offset - lead);
      const end = Math.min(trimmed.length, entity.offset + entity.length - lead);
      // A language counts on pre only; a standalone code tag loses it.
      return {
        ...entity,
        ...(language && entity.type === 'pre' ? { language } : {}),
        offset: start,
        length: end - start,
      };
    })
    .filter((entity) => entity.length > 0);
  return { text: trimmed, entities: kept };
}

// ----- the server -----

export async function startFakeTelegramBotApi(): Promise<FakeTelegramBotApi> {
  const bots = new Map<string, BotState>();
  const calls = new Map<string, number>();
  const throttles = new Map<string, { remaining: number; retryAfter: number }>();
  const pollWaiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  let nextUserId = 700_000_001;
  let nextBotId = 6_000_000_001;

  const stateOf = (bot: FakeBot) => {
    const state = bots.get(bot.token);
    if (!state) throw new Error(`no fake bot with the token of @${bot.user.username}`);
    return state;
  };

  const chatOf = (user: FakeUser): FakeChat => ({
    id: user.id,
    type: 'private',
    first_name: user.first_name,
    ...(user.last_name ? { last_name: user.last_name } : {}),
    ...(user.username ? { username: user.username } : {}),
  });

  function remember(state: BotState, message: FakeMessage) {
    const history = state.history.get(message.chat.id) ?? [];
    history.push(message);
    state.history.set(message.chat.id, history);
  }

  const nextMessageId = (state: BotState, chatId: number) => (state.history.get(chatId)?.length ?? 0) + 1;

  // A replied-to message is shown without its own reply, as the Message docs say.
  function findMessage(state: BotState, chatId: number, messageId: number): FakeMessage | undefined {
    const found = state.history.get(chatId)?.find((message) => message.message_id === messageId);
    if (!found) return undefined;
    const { reply_to_message: _, ...withoutReply } = found;
    return withoutReply;
  }

  function queueUpdate(state: BotState, message: FakeMessage): FakeUpdate {
    const update = { update_id: state.nextUpdateId++, message };
    const filter = state.webhook?.allowedUpdates ?? state.allowedUpdates;
    // allowed_updates filters updates created after it was set; an empty list means "all".
    if (filter.length > 0 && !filter.includes('message')) return update;
    state.updates.push(update);
    if (state.webhook) deliver(state);
    else state.poll?.end('updates');
    return update;
  }

  function deliver(state: BotState) {
    state.delivery = state.delivery.then(async () => {
      while (state.webhook && state.updates.length > 0 && !closing.signal.aborted) {
        const webhook = state.webhook;
        const update = state.updates[0] as FakeUpdate;
        try {
          const response = await fetch(webhook.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(webhook.secretToken ? { 'x-telegram-bot-api-secret-token': webhook.secretToken } : {}),
            },
            body: JSON.stringify(update),
            signal: AbortSignal.any([closing.signal, AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)]),
          });
          await response.arrayBuffer();
          if (!response.ok)
            throw new Error(`Wrong response from the webhook: ${response.status} ${response.statusText}`);
        } catch (error) {
          // Kept for the next attempt, which the next update or setWebhook starts: no retry timers.
          webhook.lastErrorDate = now();
          webhook.lastErrorMessage = describeFailure(error);
          return;
        }
        if (state.updates[0] === update) state.updates.shift();
      }
    });
  }

  // https://core.telegram.org/bots/api#getupdates
  function confirm(state: BotState, offset: number | undefined) {
    if (offset === undefined || offset === 0) return;
    if (offset > 0) state.updates = state.updates.filter((update) => update.update_id >= offset);
    else state.updates = state.updates.slice(offset);
  }

  async function getUpdates(state: BotState, params: Params, response: ServerResponse): Promise<FakeUpdate[]> {
    if (state.webhook) {
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const limit = Math.min(100, Math.max(1, integerParam(params, 'limit') ?? 100));
    const timeout = Math.max(0, integerParam(params, 'timeout') ?? 0);
    const allowed = stringListParam(params, 'allowed_updates');
    if (allowed) state.allowedUpdates = allowed;
    // The poll already waiting loses to the new one, as on the real server.
    state.poll?.end('conflict');
    confirm(state, integerParam(params, 'offset'));
    if (state.updates.length > 0 || timeout === 0) return state.updates.slice(0, limit);

    return new Promise((resolve, reject) => {
      const release = () => {
        clearTimeout(timer);
        if (state.poll === poll) state.poll = undefined;
      };
      const poll: Poll = {
        end(outcome) {
          release();
          if (outcome === 'updates') resolve(state.updates.slice(0, limit));
          else if (outcome === 'empty') resolve([]);
          else {
            reject(
              new ApiError(
                409,
                'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
              ),
            );
          }
        },
      };
      const timer = setTimeout(() => poll.end('updates'), timeout * 1000);
      // A client that hangs up stops waiting; its poll must not swallow the next update.
      response.on('close', release);
      state.poll = poll;
      for (const wake of pollWaiters) wake();
    });
  }

  function sendMessage(state: BotState, params: Params): FakeMessage {
    const chatIdParam = params.chat_id;
    if (chatIdParam === undefined || chatIdParam === '') throw new ApiError(400, 'Bad Request: chat_id is empty');
    const chatId = integerParam(params, 'chat_id');
    const chat = chatId === undefined ? undefined : state.chats.get(chatId);
    if (!chat) throw new ApiError(400, 'Bad Request: chat not found');
    if (state.blocked.has(chat.id)) throw new ApiError(403, 'Forbidden: bot was blocked by the user');

    const rawText = typeof params.text === 'number' ? String(params.text) : params.text;
    if (typeof rawText !== 'string' || rawText === '') throw new ApiError(400, 'Bad Request: message text is empty');
    const parseMode = typeof params.parse_mode === 'string' ? params.parse_mode : undefined;
    let parsed: { text: string; entities: FakeEntity[] } = { text: rawText, entities: [] };
    if (parseMode?.toLowerCase() === 'html') {
      try {
        parsed = parseHtml(rawText);
      } catch (error) {
        if (!(error instanceof HtmlError)) throw error;
        throw new ApiError(400, `Bad Request: can't parse entities: ${error.message}`);
      }
    } else if (parseMode) {
      throw new Error(`the fake Bot API does not simulate parse_mode ${parseMode}`);
    }
    const { text, entities } = trimMessage(parsed.text, parsed.entities);
    if (text === '') throw new ApiError(400, 'Bad Request: message text is empty');
    // TDLib compares the length in code points (utf8_length), not in UTF-16 units.
    if ([...text].length > 4096) throw new ApiError(400, 'Bad Request: message is too long');

    const replyParameters = jsonParam(params, 'reply_parameters', "can't parse reply parameters JSON object") as
      | { message_id?: unknown; allow_sending_without_reply?: unknown }
      | undefined;
    // reply_to_message_id is how replies were asked for before Bot API 7.0 brought reply_parameters.
    const replyToId =
      typeof replyParameters?.message_id === 'number'
        ? replyParameters.message_id
        : integerParam(params, 'reply_to_message_id');
    const replyTo = replyToId === undefined ? undefined : findMessage(state, chat.id, replyToId);
    const sendWithoutReply =
      replyParameters?.allow_sending_without_reply === true || booleanParam(params, 'allow_sending_without_reply');
    if (replyToId !== undefined && !replyTo && !sendWithoutReply) {
      throw new ApiError(400, 'Bad Request: message to be replied not found');
    }
    const replyMarkup = jsonParam(params, 'reply_markup', "can't parse reply keyboard markup JSON object");

    const message: FakeMessage = {
      message_id: nextMessageId(state, chat.id),
      from: state.bot.user,
      chat,
      date: now(),
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(replyTo ? { reply_to_message: replyTo } : {}),
      // Only an inline keyboard stays on the message; the other markups shape the user's keyboard.
      ...(isInlineKeyboard(replyMarkup) ? { reply_markup: replyMarkup } : {}),
    };
    remember(state, message);
    const sent = state.sent.get(chat.id) ?? [];
    sent.push({ message, rawText, ...(parseMode ? { parseMode } : {}), ...(replyMarkup ? { replyMarkup } : {}) });
    state.sent.set(chat.id, sent);
    return message;
  }

  function setWebhook(state: BotState, params: Params) {
    const url = typeof params.url === 'string' ? params.url : '';
    const dropPending = booleanParam(params, 'drop_pending_updates');
    if (url === '') return deleteWebhook(state, dropPending);
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new ApiError(400, 'Bad Request: bad webhook: invalid webhook URL specified');
    }
    const secretToken = typeof params.secret_token === 'string' ? params.secret_token : undefined;
    if (secretToken !== undefined && !SECRET_TOKEN.test(secretToken)) {
      throw new ApiError(400, 'Bad Request: secret token contains unallowed characters');
    }
    const allowedUpdates = stringListParam(params, 'allowed_updates') ?? state.webhook?.allowedUpdates;
    state.webhook = {
      url,
      ...(secretToken ? { secretToken } : {}),
      maxConnections: integerParam(params, 'max_connections') ?? 40,
      ...(allowedUpdates ? { allowedUpdates } : {}),
    };
    if (dropPending) state.updates = [];
    // A poll held open answers now, with nothing, so no update goes out twice; the next
    // getUpdates meets the webhook and its 409.
    state.poll?.end('empty');
    deliver(state);
    return { result: true, description: 'Webhook was set' };
  }

  function deleteWebhook(state: BotState, dropPending: boolean) {
    const had = state.webhook !== undefined;
    state.webhook = undefined;
    if (dropPending) state.updates = [];
    return { result: true, description: had ? 'Webhook was deleted' : 'Webhook is already deleted' };
  }

  function webhookInfo(state: BotState) {
    const webhook = state.webhook;
    const info = { url: webhook?.url ?? '', has_custom_certificate: false, pending_update_count: state.updates.length };
    if (!webhook) return info;
    return {
      ...info,
      max_connections: webhook.maxConnections,
      ...(webhook.allowedUpdates ? { allowed_updates: webhook.allowedUpdates } : {}),
      ...(webhook.lastErrorDate ? { last_error_date: webhook.lastErrorDate } : {}),
      ...(webhook.lastErrorMessage ? { last_error_message: webhook.lastErrorMessage } : {}),
    };
  }

  async function handle(
    method: string,
    state: BotState,
    params: Params,
    response: ServerResponse,
  ): Promise<{ result: unknown; description?: string }> {
    switch (method) {
      case 'getme':
        return {
          result: {
            ...state.bot.user,
            can_join_groups: true,
            can_read_all_group_messages: false,
            supports_inline_queries: false,
          },
        };
      case 'sendmessage':
        return { result: sendMessage(state, params) };
      case 'getupdates':
        return { result: await getUpdates(state, params, response) };
      case 'setwebhook':
        return setWebhook(state, params);
      case 'deletewebhook':
        return deleteWebhook(state, booleanParam(params, 'drop_pending_updates'));
      default:
        return { result: webhookInfo(state) };
    }
  }

  const reply = (response: ServerResponse, status: number, body: object) => {
    if (response.writableEnded || response.destroyed) return;
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  function userSends(bot: FakeBot, user: FakeUser, text: string, options: { replyTo?: number } = {}): FakeUpdate {
    const state = stateOf(bot);
    const chat = chatOf(user);
    state.chats.set(chat.id, chat);
    const replyTo = options.replyTo === undefined ? undefined : findMessage(state, chat.id, options.replyTo);
    if (options.replyTo !== undefined && !replyTo) throw new Error(`no message ${options.replyTo} in chat ${chat.id}`);
    // Telegram marks a leading /command as a bot_command entity, deep-link starts included.
    const command = /^\/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,32})?(?![\w/<>])/.exec(text);
    const message: FakeMessage = {
      message_id: nextMessageId(state, chat.id),
      from: user,
      chat,
      date: now(),
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      ...(replyTo ? { reply_to_message: replyTo } : {}),
    };
    remember(state, message);
    return queueUpdate(state, message);
  }

  const server: Server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const params = await readParams(request, url);
      const route = /^\/bot([^/]+)\/([^/]+)$/.exec(url.pathname);
      if (!route || (request.method !== 'GET' && request.method !== 'POST')) throw new ApiError(404, 'Not Found');
      const state = bots.get(decodeURIComponent(route[1] ?? ''));
      if (!state) throw new ApiError(401, 'Unauthorized');
      const method = (route[2] ?? '').toLowerCase();
      if (!SUPPORTED_METHODS.includes(method)) throw new ApiError(404, 'Not Found');
      calls.set(method, (calls.get(method) ?? 0) + 1);
      const throttle = throttles.get(method);
      if (throttle && throttle.remaining > 0) {
        throttle.remaining -= 1;
        throw new ApiError(429, `Too Many Requests: retry after ${throttle.retryAfter}`, {
          retry_after: throttle.retryAfter,
        });
      }
      const { result, description } = await handle(method, state, params, response);
      reply(response, 200, { ok: true, result, ...(description ? { description } : {}) });
    } catch (error) {
      if (error instanceof ApiError) {
        reply(response, error.code, {
          ok: false,
          error_code: error.code,
          description: error.description,
          ...(error.parameters ? { parameters: error.parameters } : {}),
        });
      } else {
        reply(response, 500, { ok: false, error_code: 500, description: `fake Bot API: ${String(error)}` });
      }
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    createBot(options = {}) {
      const id = nextBotId++;
      const username = options.username ?? `fake_${id}_bot`;
      const bot: FakeBot = {
        token: `${id}:AAH${Buffer.from(`${username}-${id}`).toString('base64url').padEnd(32, 'x')}`,
        user: { id, is_bot: true, first_name: options.firstName ?? 'AI Max Alerts', username },
      };
      bots.set(bot.token, {
        bot,
        nextUpdateId: 350_000_001,
        updates: [],
        chats: new Map(),
        history: new Map(),
        sent: new Map(),
        blocked: new Set(),
        allowedUpdates: [],
        delivery: Promise.resolve(),
      });
      return bot;
    },
    createUser(options = {}) {
      const id = nextUserId++;
      return {
        id,
        is_bot: false,
        first_name: options.firstName ?? 'Ирина',
        ...(options.lastName ? { last_name: options.lastName } : {}),
        ...(options.username ? { username: options.username } : {}),
        language_code: options.languageCode ?? 'ru',
      };
    },
    userSends,
    userStarts(bot, user, payload) {
      if (payload !== undefined && !DEEP_LINK_PAYLOAD.test(payload)) {
        throw new Error(`a deep-link payload is 1-64 of A-Z a-z 0-9 _ -, got ${JSON.stringify(payload)}`);
      }
      return userSends(bot, user, payload === undefined ? '/start' : `/start ${payload}`);
    },
    blockedBy(bot, user) {
      stateOf(bot).blocked.add(user.id);
    },
    unblockedBy(bot, user) {
      stateOf(bot).blocked.delete(user.id);
    },
    throttle(method, count, retryAfterSeconds) {
      throttles.set(method.toLowerCase(), { remaining: count, retryAfter: retryAfterSeconds });
    },
    sentTo: (bot, chatId) => [...(stateOf(bot).sent.get(chatId) ?? [])],
    callCount: (method) => calls.get(method.toLowerCase()) ?? 0,
    pendingUpdates: (bot) => [...stateOf(bot).updates],
    isPolling: (bot) => stateOf(bot).poll !== undefined,
    waitForPoll(bot, timeoutMs = 5000) {
      const state = stateOf(bot);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!state.poll) return;
          clearTimeout(timer);
          pollWaiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          pollWaiters.delete(check);
          reject(new Error(`no getUpdates long poll of @${bot.user.username} within ${timeoutMs} ms`));
        }, timeoutMs);
        pollWaiters.add(check);
        check();
      });
    },
    webhookSettled: (bot) => stateOf(bot).delivery,
    async close() {
      closing.abort();
      for (const state of bots.values()) state.poll?.end('empty');
      await Promise.all([...bots.values()].map((state) => state.delivery));
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const isInlineKeyboard = (markup: unknown): markup is { inline_keyboard: unknown[] } =>
  typeof markup === 'object' &&
  markup !== null &&
  Array.isArray((markup as { inline_keyboard?: unknown }).inline_keyboard);

// fetch says only "fetch failed"; why it failed is in the cause.
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? `${error.message}: ${cause.code}` : error.message;
}
