// Live events of chat sessions, for their SSE streams: stored messages (with their sequence
// number, so a reconnecting client asks for what it missed), the transient tokens of an AI reply
// being written, changes of who answers, and the visitor typing. Each event is published for its
// session and its company, so a company's inbox hears of every one of its dialogs. In-process
// here; `pgEvents.ts` carries the same events between instances through PostgreSQL.
import { EventEmitter } from 'node:events';
import type { DialogState } from '../../db/schema.ts';
import type { MessageView } from './schemas.ts';

export type ChatEvent =
  | { type: 'message'; message: MessageView }
  | { type: 'typing'; replyId: string }
  | { type: 'token'; replyId: string; delta: string }
  /** Who answers now (dialogs/state.ts); an AI reply being written stops when it is not the AI. */
  | { type: 'state'; state: DialogState; operator: { id: string; name: string } | null }
  /** An AI reply stopped before its end by a takeover; its text, if any, follows as a message. */
  | { type: 'cut'; replyId: string }
  /** The visitor is typing: for the manager's eyes only, never stored. */
  | { type: 'visitor_typing' }
  /** A new dialog started: for the inbox. */
  | { type: 'started' };

export interface EventTarget {
  tenantId: string;
  sessionId: string;
}

export interface ChatEvents {
  publish(to: EventTarget, event: ChatEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(sessionId: string, listener: (event: ChatEvent) => void): () => void;
  /** Every event of every dialog of a company. Returns the unsubscribe function. */
  subscribeTenant(tenantId: string, listener: (sessionId: string, event: ChatEvent) => void): () => void;
  /**
   * Called when events may have been missed (a driver reconnecting to its database): a stream then
   * reads again what it missed. Returns the unsubscribe function.
   */
  onGap(listener: () => void): () => void;
  close(): Promise<void>;
}

/** The bus inside one process; drivers that span instances feed it with what they receive. */
export function createLocalEvents(): ChatEvents & { deliver(to: EventTarget, event: ChatEvent): void; gap(): void } {
  const emitter = new EventEmitter();
  // One listener per open stream; hundreds of visitors are normal.
  emitter.setMaxListeners(0);
  const deliver = (to: EventTarget, event: ChatEvent) => {
    emitter.emit(`s:${to.sessionId}`, event);
    emitter.emit(`t:${to.tenantId}`, to.sessionId, event);
  };
  return {
    deliver,
    gap: () => emitter.emit('gap'),
    publish: deliver,
    subscribe(sessionId, listener) {
      emitter.on(`s:${sessionId}`, listener);
      return () => emitter.off(`s:${sessionId}`, listener);
    },
    subscribeTenant(tenantId, listener) {
      emitter.on(`t:${tenantId}`, listener);
      return () => emitter.off(`t:${tenantId}`, listener);
    },
    onGap(listener) {
      emitter.on('gap', listener);
      return () => emitter.off('gap', listener);
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

export const createChatEvents = (): ChatEvents => createLocalEvents();
