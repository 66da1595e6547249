// The inbox's live stream: every change to one of the company's dialogs (it started, a message,
// who answers) is sent as the dialog's new summary row. A burst of events of one dialog (an AI
// reply's tokens, a takeover's notice and state) becomes one read and one row, at most every
// quarter of a second per dialog. Nothing is replayed: a client (re)connecting loads the list,
// and `resync` tells it to do so again when the events may have had a gap.
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { openEventStream } from '../../plugins/eventStreams.ts';
import type { ChatEvent, ChatEvents } from '../chat/events.ts';
import type { DialogSummaryView } from './schemas.ts';

const HEARTBEAT_MS = 15_000;
const COALESCE_MS = 250;

/** Events that change what the list shows; tokens and typing do not. */
const changesRow = (event: ChatEvent) => event.type === 'message' || event.type === 'state' || event.type === 'started';

export function streamInbox(
  reply: FastifyReply,
  options: {
    events: ChatEvents;
    tenantId: string;
    summary(dialogId: string): Promise<DialogSummaryView>;
    log: FastifyBaseLogger;
  },
): void {
  const raw = openEventStream(reply);

  let closed = false;
  const due = new Map<string, NodeJS.Timeout>();
  const sendRow = async (dialogId: string) => {
    due.delete(dialogId);
    try {
      const row = await options.summary(dialogId);
      if (!closed) raw.write(`event: dialog\ndata: ${JSON.stringify(row)}\n\n`);
    } catch (error) {
      options.log.warn({ err: error, dialogId }, 'inbox: could not read a dialog');
    }
  };
  const unsubscribe = options.events.subscribeTenant(options.tenantId, (dialogId, event) => {
    if (!changesRow(event) || due.has(dialogId)) return;
    due.set(
      dialogId,
      setTimeout(() => void sendRow(dialogId), COALESCE_MS),
    );
  });
  const unsubscribeGap = options.events.onGap(() => raw.write('event: resync\ndata: {}\n\n'));
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
  raw.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    for (const timer of due.values()) clearTimeout(timer);
    unsubscribe();
    unsubscribeGap();
  });
}
