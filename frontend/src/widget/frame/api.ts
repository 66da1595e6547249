// The chat frame's one way to the widget API: same-origin JSON calls carrying the widget key and
// the session's token, and one error type with the server's Russian message and field errors.
// Failures that never reached the API (no connection, a proxy's error page) get our own message.
import type {
  AnswerView,
  MessageView,
  SignedLinkView,
  StartSessionBody,
  VisitorDialogView,
  WidgetConfigView,
  WidgetSessionView,
} from '@aimax/backend/contracts';
import { t } from '../i18n';

export interface SessionCredentials {
  sessionId: string;
  token: string;
}

export class WidgetApiError extends Error {
  readonly status: number;
  /** The API's error code, or NETWORK_ERROR / UNEXPECTED_RESPONSE for failures on the way. */
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(init: { status: number; code: string; message: string; fields?: Record<string, string> }) {
    super(init.message);
    this.name = 'WidgetApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** An error response as a WidgetApiError; the API always answers `{ error: { code, message, fields? } }`. */
export function parseErrorBody(status: number, body: unknown): WidgetApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string') {
    return new WidgetApiError({ status, code: 'UNEXPECTED_RESPONSE', message: t.errors.unexpected });
  }
  const fields: Record<string, string> = {};
  if (isRecord(error.fields)) {
    for (const [name, message] of Object.entries(error.fields)) {
      if (typeof message === 'string') fields[name] = message;
    }
  }
  return new WidgetApiError({ status, code: error.code, message: error.message, fields });
}

/** The Russian message to show for anything thrown. */
export const errorMessage = (error: unknown): string =>
  error instanceof WidgetApiError ? error.message : t.errors.unexpected;

export interface WidgetApi {
  config(): Promise<WidgetConfigView>;
  startSession(body: Omit<StartSessionBody, 'key'>): Promise<WidgetSessionView>;
  answer(session: SessionCredentials, stepId: string, value: unknown): Promise<AnswerView>;
  sendMessage(session: SessionCredentials, text: string): Promise<MessageView>;
  estimatePdf(session: SessionCredentials): Promise<SignedLinkView>;
  /** «Позвать менеджера»: the dialog waits for a manager. */
  requestOperator(session: SessionCredentials): Promise<VisitorDialogView>;
  /** Tells the managers the visitor is typing; nothing comes back. */
  typing(session: SessionCredentials): Promise<void>;
  /** The session's event stream, resuming after the message `afterSeq`. */
  eventsUrl(session: SessionCredentials, afterSeq: number): string;
}

export function createWidgetApi(key: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): WidgetApi {
  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; session?: SessionCredentials } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.session) {
      headers['x-widget-key'] = key;
      headers.authorization = `Bearer ${options.session.token}`;
    }
    let response: Response;
    try {
      response = await fetchImpl(path, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
      });
    } catch {
      throw new WidgetApiError({ status: 0, code: 'NETWORK_ERROR', message: t.errors.network });
    }
    if (response.status === 204) return undefined as T;
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw parseErrorBody(response.status, body);
    if (body === null)
      throw new WidgetApiError({ status: response.status, code: 'UNEXPECTED_RESPONSE', message: t.errors.unexpected });
    return body as T;
  }

  const sessionPath = (session: SessionCredentials, rest: string) =>
    `/api/widget/sessions/${encodeURIComponent(session.sessionId)}/${rest}`;

  return {
    config: () => call('GET', `/api/widget/config?key=${encodeURIComponent(key)}`),
    startSession: (body) => call('POST', '/api/widget/sessions', { body: { key, ...body } }),
    answer: (session, stepId, value) =>
      call('POST', sessionPath(session, 'answers'), { session, body: { stepId, value } }),
    sendMessage: (session, text) => call('POST', sessionPath(session, 'messages'), { session, body: { text } }),
    estimatePdf: (session) => call('POST', sessionPath(session, 'estimate-pdf'), { session, body: {} }),
    requestOperator: (session) => call('POST', sessionPath(session, 'operator'), { session }),
    typing: (session) => call('POST', sessionPath(session, 'typing'), { session }),
    eventsUrl: (session, afterSeq) =>
      `${sessionPath(session, 'events')}?${new URLSearchParams({ key, token: session.token, lastEventId: String(afterSeq) })}`,
  };
}
