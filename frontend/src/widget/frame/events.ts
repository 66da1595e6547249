// The session's live events over server-sent events: stored messages (the event id is their
// sequence number, so the browser resumes with Last-Event-ID and the server replays what was
// missed), the `typing`, `token` and `cut` events of a reply the AI is writing, and `state` when a
// manager joins or leaves. Parsing is kept apart from EventSource so it can be checked on its own.
import type { ChatEvent } from '@aimax/backend/contracts';

export type StreamStatus = 'open' | 'reconnecting';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** One SSE event as a ChatEvent, or null for anything malformed (it is skipped, not fatal). */
export function parseStreamEvent(type: string, data: string): ChatEvent | null {
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(payload)) return null;
  switch (type) {
    case 'message':
      return typeof payload.id === 'string' &&
        Number.isInteger(payload.seq) &&
        typeof payload.role === 'string' &&
        typeof payload.kind === 'string' &&
        typeof payload.content === 'string' &&
        isRecord(payload.data)
        ? { type, message: payload as unknown as Extract<ChatEvent, { type: 'message' }>['message'] }
        : null;
    case 'typing':
      return typeof payload.replyId === 'string' ? { type, replyId: payload.replyId } : null;
    case 'token':
      return typeof payload.replyId === 'string' && typeof payload.delta === 'string'
        ? { type, replyId: payload.replyId, delta: payload.delta }
        : null;
    case 'cut':
      return typeof payload.replyId === 'string' ? { type, replyId: payload.replyId } : null;
    case 'state': {
      // The stream's data is the event without its type, which the event's name gives.
      const { state, operator } = payload;
      return typeof state === 'string' && (operator === null || isRecord(operator))
        ? ({ type, state, operator } as Extract<ChatEvent, { type: 'state' }>)
        : null;
    }
    default:
      return null;
  }
}

/** How long to wait before the n-th reconnection the browser will not make itself. */
export const retryDelay = (failures: number): number => Math.min(30_000, 2000 * 2 ** failures);

export interface EventStreamOptions {
  /** Asked on every (re)connection, so it can name the last message received. */
  url(): string;
  onEvent(event: ChatEvent): void;
  onStatus(status: StreamStatus): void;
}

/** Opens the stream and keeps it open; returns the function that closes it. */
export function openEventStream(options: EventStreamOptions): () => void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const connect = () => {
    const current = new EventSource(options.url());
    source = current;
    current.onopen = () => {
      failures = 0;
      options.onStatus('open');
    };
    current.onerror = () => {
      options.onStatus('reconnecting');
      // A dropped connection is retried by the browser (with Last-Event-ID). An error status
      // (a restart answering 503, a rate limit) makes it give up for good, so we retry, later
      // each time.
      if (current.readyState === EventSource.CLOSED) {
        current.close();
        timer = setTimeout(connect, retryDelay(failures++));
      }
    };
    for (const type of ['message', 'typing', 'token', 'cut', 'state']) {
      current.addEventListener(type, (event) => {
        const parsed = parseStreamEvent(type, (event as MessageEvent<string>).data);
        if (parsed) options.onEvent(parsed);
      });
    }
  };

  connect();
  return () => {
    clearTimeout(timer);
    source?.close();
  };
}
