// The admin panel's live streams (server-sent events) kept open. The browser resumes a dropped
// connection by itself, with Last-Event-ID; one the server refused (a restart answering 503) is
// opened again later, later each time, as the widget's stream is. Every opening is reported: what
// happened while a stream was closed is only known by reading it again.
import type { DialogSummaryView } from '@aimax/backend/contracts';
import { retryDelay } from '@/widget/frame/events';
import { DIALOG_STATES } from './filters';

interface LiveStreamOptions {
  /** Asked on every opening, so it can name what was received already. */
  url(): string;
  /** What to do with each event, by its name, given its data. */
  events: Record<string, (data: string) => void>;
  onOpen(): void;
}

/** Opens the stream and keeps it open; returns the function that closes it. */
export function openLiveStream(options: LiveStreamOptions): () => void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const connect = () => {
    const current = new EventSource(options.url());
    source = current;
    current.onopen = () => {
      failures = 0;
      options.onOpen();
    };
    current.onerror = () => {
      if (current.readyState !== EventSource.CLOSED) return;
      current.close();
      timer = setTimeout(connect, retryDelay(failures++));
    };
    for (const [type, handle] of Object.entries(options.events)) {
      current.addEventListener(type, (event) => handle((event as MessageEvent<string>).data));
    }
  };

  connect();
  return () => {
    clearTimeout(timer);
    source?.close();
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A `dialog` event's summary, or null for anything malformed (it is skipped, not fatal). */
export function parseDialogSummary(data: string): DialogSummaryView | null {
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return null;
  }
  return isRecord(payload) &&
    typeof payload.id === 'string' &&
    (DIALOG_STATES as readonly unknown[]).includes(payload.state) &&
    typeof payload.updatedAt === 'string' &&
    typeof payload.createdAt === 'string' &&
    isRecord(payload.progress)
    ? (payload as unknown as DialogSummaryView)
    : null;
}
