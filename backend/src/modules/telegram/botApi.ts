// A small typed client for the few Telegram Bot API methods the alerts need
// (https://core.telegram.org/bots/api). Parameters and results keep the names the docs use, so a
// field can be looked up there as written. Every call has a deadline; failures become a
// TelegramError, which never carries the bot token: the token is the bot's password and sits in
// every request URL, so an error quotes neither the URL nor fetch's own error, only its code.

export const TELEGRAM_API_URL = 'https://api.telegram.org';

export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  can_join_groups?: boolean;
  can_read_all_group_messages?: boolean;
  supports_inline_queries?: boolean;
}

export interface TelegramChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

/** `offset` and `length` count UTF-16 code units, as JavaScript strings do. */
export interface TelegramMessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export interface InlineKeyboardButton {
  text: string;
  url?: string;
  callback_data?: string;
}

export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][];
}

export interface TelegramMessage {
  message_id: number;
  date: number;
  chat: TelegramChat;
  from?: TelegramUser;
  text?: string;
  entities?: TelegramMessageEntity[];
  /** The original message, when this one replies to a message in the same chat. */
  reply_to_message?: TelegramMessage;
  reply_markup?: InlineKeyboardMarkup;
}

/** At most one of the optional fields is present; the alerts only read `message`. */
export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
  edited_message?: TelegramMessage;
  my_chat_member?: unknown;
  callback_query?: unknown;
}

export interface WebhookInfo {
  url: string;
  has_custom_certificate: boolean;
  pending_update_count: number;
  ip_address?: string;
  last_error_date?: number;
  last_error_message?: string;
  max_connections?: number;
  allowed_updates?: string[];
}

export interface SendMessageInput {
  chat_id: number | string;
  /** 1–4096 characters after entities parsing. */
  text: string;
  parse_mode?: 'HTML';
  reply_parameters?: { message_id: number; allow_sending_without_reply?: boolean };
  reply_markup?: InlineKeyboardMarkup | { force_reply: true; input_field_placeholder?: string };
  link_preview_options?: { is_disabled?: boolean };
  disable_notification?: boolean;
  protect_content?: boolean;
}

export interface GetUpdatesInput {
  /** One more than the highest update_id already handled; confirms everything below it. */
  offset?: number;
  limit?: number;
  /** Long-polling time in seconds; 0 answers at once. */
  timeout?: number;
  allowed_updates?: string[];
}

export interface SetWebhookInput {
  url: string;
  /** Sent back in `X-Telegram-Bot-Api-Secret-Token`: 1–256 of A-Z a-z 0-9 _ -. */
  secret_token?: string;
  allowed_updates?: string[];
  max_connections?: number;
  drop_pending_updates?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface BotApiOptions {
  token: string;
  /** Where the Bot API lives; TELEGRAM_API_URL in production, a fake or a local server in tests. */
  baseUrl?: string;
  /** Deadline of an ordinary call, and the margin a long poll gets on top of its own timeout. */
  timeoutMs?: number;
}

export interface BotApi {
  getMe(options?: CallOptions): Promise<TelegramUser>;
  sendMessage(input: SendMessageInput, options?: CallOptions): Promise<TelegramMessage>;
  getUpdates(input?: GetUpdatesInput, options?: CallOptions): Promise<TelegramUpdate[]>;
  setWebhook(input: SetWebhookInput, options?: CallOptions): Promise<true>;
  deleteWebhook(input?: { drop_pending_updates?: boolean }, options?: CallOptions): Promise<true>;
  getWebhookInfo(options?: CallOptions): Promise<WebhookInfo>;
}

/**
 * A call that failed. `code` is Telegram's error_code (also the HTTP status), or 0 when no answer
 * came back at all: the network failed or the deadline passed.
 */
export class TelegramError extends Error {
  override readonly name = 'TelegramError';
  readonly method: string;
  readonly code: number;
  readonly description: string;
  /** Seconds to wait before repeating the request, from a 429's `parameters.retry_after`. */
  readonly retryAfter: number | undefined;

  constructor(method: string, code: number, description: string, retryAfter?: number) {
    super(`Telegram ${method} failed: ${code === 0 ? description : `${code} ${description}`}`);
    this.method = method;
    this.code = code;
    this.description = description;
    this.retryAfter = retryAfter;
  }

  /** 401: the token was revoked or never existed. */
  get isUnauthorized() {
    return this.code === 401;
  }

  /** 403: the user blocked the bot (or it was removed from the chat); retrying will not help. */
  get isBlocked() {
    return this.code === 403;
  }

  /** 409: another getUpdates poll is running, or a webhook is set while polling. */
  get isConflict() {
    return this.code === 409;
  }

  get isRateLimited() {
    return this.code === 429;
  }

  get isNetwork() {
    return this.code === 0;
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

// The token also appears as `bot<token>` in any URL an error might quote.
const redact = (text: string, token: string) =>
  text.replaceAll(token, '<token>').replace(/\/bot[^/\s?#]+/g, '/bot<token>');

interface ErrorBody {
  ok: false;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

type ResponseBody<T> = { ok: true; result: T } | ErrorBody;

const isResponseBody = (value: unknown): value is ResponseBody<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

export function createBotApi(options: BotApiOptions): BotApi {
  const { token } = options;
  const baseUrl = (options.baseUrl ?? TELEGRAM_API_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call<T>(method: string, params: object, deadlineMs: number, signal?: AbortSignal): Promise<T> {
    const deadline = AbortSignal.timeout(deadlineMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${baseUrl}/bot${token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      });
      text = await response.text();
    } catch (error) {
      // A cancellation by the caller stays a cancellation, so shutdown paths can tell it apart.
      if (signal?.aborted) throw signal.reason;
      if (deadline.aborted) throw new TelegramError(method, 0, `no answer within ${deadlineMs} ms`);
      throw new TelegramError(method, 0, redact(`network error: ${describeNetworkError(error)}`, token));
    }

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!isResponseBody(body)) {
      throw new TelegramError(method, response.status, `unexpected answer (HTTP ${response.status}, not the Bot API)`);
    }
    if (body.ok) return body.result as T;
    throw new TelegramError(
      method,
      body.error_code ?? response.status,
      redact(body.description ?? 'no description', token),
      body.parameters?.retry_after,
    );
  }

  return {
    getMe: (callOptions = {}) => call('getMe', {}, timeoutMs, callOptions.signal),
    sendMessage: (input, callOptions = {}) => call('sendMessage', input, timeoutMs, callOptions.signal),
    getUpdates: (input = {}, callOptions = {}) =>
      call('getUpdates', input, (input.timeout ?? 0) * 1000 + timeoutMs, callOptions.signal),
    setWebhook: (input, callOptions = {}) => call('setWebhook', input, timeoutMs, callOptions.signal),
    deleteWebhook: (input = {}, callOptions = {}) => call('deleteWebhook', input, timeoutMs, callOptions.signal),
    getWebhookInfo: (callOptions = {}) => call('getWebhookInfo', {}, timeoutMs, callOptions.signal),
  };
}

// fetch reports every transport failure as "fetch failed"; the reason is in the cause's code.
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
