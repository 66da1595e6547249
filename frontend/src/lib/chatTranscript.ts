// A conversation as its stream changes it, for the widget's frame and the admin panel's dialog
// page alike: the messages in sequence order and each once (they arrive from both the API's
// answers and the event stream), and the drafts of replies the AI is writing. Pure functions
// with no texts, so neither bundle carries the other's.
import type { ChatEvent, MessageView } from '@aimax/backend/contracts';

export interface Transcript {
  messages: MessageView[];
  /** Replies being written, by reply id: '' while only "typing", then the text so far. */
  drafts: Record<string, string>;
}

export const lastSeq = (messages: MessageView[]): number => messages.at(-1)?.seq ?? 0;

/**
 * The messages with the incoming ones added: each sequence number once (the copy already held is
 * kept, so rendered rows keep their identity), in sequence order. The same array comes back when
 * nothing was new.
 */
export function mergeMessages(current: MessageView[], incoming: MessageView[]): MessageView[] {
  const known = new Set(current.map((message) => message.seq));
  const fresh: MessageView[] = [];
  for (const message of incoming) {
    if (known.has(message.seq)) continue;
    known.add(message.seq);
    fresh.push(message);
  }
  if (fresh.length === 0) return current;
  let previous = lastSeq(current);
  const inOrder = fresh.every((message) => {
    const follows = message.seq > previous;
    previous = message.seq;
    return follows;
  });
  const merged = [...current, ...fresh];
  // Almost always they come in order; sort only when one arrived late.
  return inOrder ? merged : merged.sort((a, b) => a.seq - b.seq);
}

const replyIdOf = (message: MessageView): string | null =>
  typeof message.data.replyId === 'string' ? message.data.replyId : null;

const withoutDraft = (drafts: Record<string, string>, replyId: string) => {
  const { [replyId]: _gone, ...rest } = drafts;
  return rest;
};

/**
 * One stream event applied to the messages and drafts. `typing` starts a draft, or clears it when
 * it repeats (the server is retrying the reply); `token` adds to it; the stored reply (a message
 * with that `replyId`) replaces it. A reply cut by a manager's takeover ends its draft (what was
 * written follows as a message), and a manager joining ends every draft: the AI stops writing.
 */
export function applyStreamEvent(state: Transcript, event: ChatEvent): Transcript {
  switch (event.type) {
    case 'typing':
      return { messages: state.messages, drafts: { ...state.drafts, [event.replyId]: '' } };
    case 'token':
      return {
        messages: state.messages,
        drafts: { ...state.drafts, [event.replyId]: (state.drafts[event.replyId] ?? '') + event.delta },
      };
    case 'message': {
      const replyId = replyIdOf(event.message);
      const drafts = replyId && replyId in state.drafts ? withoutDraft(state.drafts, replyId) : state.drafts;
      return { messages: mergeMessages(state.messages, [event.message]), drafts };
    }
    case 'cut':
      return { messages: state.messages, drafts: withoutDraft(state.drafts, event.replyId) };
    case 'state':
      return { messages: state.messages, drafts: event.state === 'ai' ? state.drafts : {} };
    // Neither changes the conversation: they are for the managers' inbox and typing line.
    case 'visitor_typing':
    case 'started':
      return state;
  }
}
