// Live events of chat sessions, for their SSE streams: stored messages (with their sequence
// number, so a reconnecting client asks for what it missed) and the transient tokens of an AI
// reply being written. In-process for now: when operators answer from another instance (the
// takeover issue), this becomes Postgres LISTEN/NOTIFY behind the same interface.
import { EventEmitter } from 'node:events';
import type { DialogState } from '../../db/schema.ts';
import type { MessageView } from './schemas.ts';

export type ChatEvent =
  | { type: 'message'; message: MessageView }
  /** Who answers now (dialogs/state.ts); an AI reply being written stops when it is not the AI. */
  | { type: 'state'; state: DialogState; operator: { id: string; name: string } | null }
  /** An AI reply stopped before its end by a takeover; its text, if any, follows as a message. */
  | { type: 'cut'; replyId: string }
  | { type: 'typing'; replyId: string }
  | { type: 'token'; replyId: string; delta: string };

export interface ChatEvents {
  publish(sessionId: string, event: ChatEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(sessionId: string, listener: (event: ChatEvent) => void): () => void;
}

export function createChatEvents(): ChatEvents {
  const emitter = new EventEmitter();
  // One listener per open stream; hundreds of visitors are normal.
  emitter.setMaxListeners(0);
  return {
    publish: (sessionId, event) => emitter.emit(sessionId, event),
    subscribe(sessionId, listener) {
      emitter.on(sessionId, listener);
      return () => emitter.off(sessionId, listener);
    },
  };
}
