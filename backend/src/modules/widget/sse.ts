// A session's event stream as server-sent events. Live events are subscribed to before the missed
// messages are read from the database, so nothing falls between the two; messages are sent in
// sequence order, each once, with their sequence number as the event id, which the browser sends
// back as Last-Event-ID when it reconnects. When the events may have had a gap (the database's
// listener reconnected), the missed messages are read again, so nothing is lost.
import type { FastifyReply } from 'fastify';
import { openEventStream } from '../../plugins/eventStreams.ts';
import type { ChatEvent, ChatEvents } from '../chat/events.ts';
import type { MessageView } from '../chat/schemas.ts';

const HEARTBEAT_MS = 15_000;

export function streamSessionEvents(
  reply: FastifyReply,
  options: {
    events: ChatEvents;
    sessionId: string;
    afterSeq: number;
    missed(afterSeq: number): Promise<MessageView[]>;
    /** Which live events this stream carries besides messages; all of them by default. */
    accept?: (event: ChatEvent) => boolean;
  },
): void {
  const raw = openEventStream(reply);

  let lastSeq = options.afterSeq;
  let replaying = true;
  const queued: ChatEvent[] = [];

  const send = (event: ChatEvent) => {
    if (event.type === 'message') {
      if (event.message.seq <= lastSeq) return;
      lastSeq = event.message.seq;
      raw.write(`id: ${event.message.seq}\nevent: message\ndata: ${JSON.stringify(event.message)}\n\n`);
    } else {
      const { type, ...data } = event;
      raw.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    }
  };

  const accept = options.accept ?? (() => true);
  const unsubscribe = options.events.subscribe(options.sessionId, (event) => {
    if (event.type !== 'message' && !accept(event)) return;
    if (replaying) queued.push(event);
    else send(event);
  });
  const catchUp = () => {
    replaying = true;
    options
      .missed(lastSeq)
      .then((messages) => {
        for (const message of messages) send({ type: 'message', message });
        replaying = false;
        for (const event of queued.splice(0)) send(event);
      })
      .catch(() => raw.end());
  };
  const unsubscribeGap = options.events.onGap(catchUp);
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
  raw.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    unsubscribeGap();
  });
  catchUp();
}
