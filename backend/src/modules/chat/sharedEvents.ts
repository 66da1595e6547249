// Chat events shared by every instance on one PostgreSQL: each event is delivered at once to this
// instance's streams and sent to the others with NOTIFY on one channel, which each instance
// LISTENs to on a connection of its own. A payload carries the company, the session and the
// event; a message too long for NOTIFY's 8000 bytes travels as its sequence number and is read
// back from the database. When the listening connection is lost, it reconnects with backoff,
// and every stream then reads again what it missed (`gap`), so nothing stored is lost; tokens
// and typing sent meanwhile are transient and are not replayed.
import { randomUUID } from 'node:crypto';
import type { Database, PubSub } from '../../db/database.ts';
import { type ChatEvent, type ChatEvents, createLocalEvents, type EventTarget } from './events.ts';
import { listMessages } from './service.ts';

export const CHAT_CHANNEL = 'aimax_chat';
// NOTIFY refuses payloads of 8000 bytes and more; the envelope needs a little room.
const MAX_PAYLOAD_BYTES = 7900;

type Envelope = {
  /** The instance that sent it, which has already delivered it to its own streams. */
  from: string;
  to: EventTarget;
} & ({ event: ChatEvent } | { messageSeq: number });

interface Log {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export async function createSharedEvents(options: { db: Database; pubsub: PubSub; log: Log }): Promise<ChatEvents> {
  const { db, pubsub, log } = options;
  const local = createLocalEvents();
  const instance = randomUUID();

  const receive = async (payload: string) => {
    const envelope = JSON.parse(payload) as Envelope;
    if (envelope.from === instance) return;
    if ('event' in envelope) {
      local.deliver(envelope.to, envelope.event);
      return;
    }
    const { tenantId, sessionId } = envelope.to;
    const [message] = await db.withTenant(tenantId, (tx) =>
      listMessages(tx, { tenantId, sessionId, afterSeq: envelope.messageSeq - 1, limit: 1 }),
    );
    if (message) local.deliver(envelope.to, { type: 'message', message });
  };

  const listener = await pubsub.listen(CHAT_CHANNEL, {
    message: (payload) => {
      receive(payload).catch((error: unknown) => log.error({ err: error }, 'chat events: a notification was lost'));
    },
    reconnected: () => local.gap(),
    error: (error) => log.warn({ err: error }, 'chat events: the listening connection failed; reconnecting'),
  });

  // One session's events leave in the order they were published (a reply's tokens make its text),
  // so each session's notifications wait for the one before; sessions do not wait for each other.
  const queues = new Map<string, Promise<void>>();
  const send = (envelope: Envelope) => {
    const { sessionId } = envelope.to;
    const sent = (queues.get(sessionId) ?? Promise.resolve())
      .then(() => pubsub.notify(CHAT_CHANNEL, JSON.stringify(envelope)))
      .catch((error: unknown) => log.error({ err: error }, 'chat events: could not tell the other instances'));
    queues.set(sessionId, sent);
    void sent.then(() => {
      if (queues.get(sessionId) === sent) queues.delete(sessionId);
    });
  };

  return {
    publish(to, event) {
      local.deliver(to, event);
      const whole: Envelope = { from: instance, to, event };
      if (Buffer.byteLength(JSON.stringify(whole)) <= MAX_PAYLOAD_BYTES) send(whole);
      else if (event.type === 'message') send({ from: instance, to, messageSeq: event.message.seq });
      else log.warn({ type: event.type }, 'chat events: an event too large for the other instances was dropped');
    },
    subscribe: local.subscribe,
    subscribeTenant: local.subscribeTenant,
    onGap: local.onGap,
    async close() {
      await Promise.all(queues.values());
      await listener.close();
      await local.close();
    },
  };
}
