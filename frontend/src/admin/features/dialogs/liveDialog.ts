// One dialog as its page keeps it live: the dialog as last read, its messages in sequence order and
// each once, and the AI's replies being written. Stream events go through the same
// applyStreamEvent as the widget's, so the manager sees the conversation as the visitor does.
import type { ChatEvent, DialogSummaryView, DialogView, MessageView } from '@aimax/backend/contracts';
import { applyStreamEvent, mergeMessages, type Transcript } from '@/lib/chatTranscript';

export interface LiveDialog extends Transcript {
  view: DialogView;
}

type LiveDialogAction =
  /** The dialog read again: its details replace the ones held, its messages join them. */
  | { type: 'loaded'; view: DialogView }
  /** An event of the dialog's stream, or what the page's own request answered, as one. */
  | { type: 'event'; event: ChatEvent };

export const liveDialogOf = (view: DialogView): LiveDialog => ({
  view,
  messages: mergeMessages([], view.messages),
  drafts: {},
});

const applyMessage = (live: Transcript, message: MessageView) => applyStreamEvent(live, { type: 'message', message });

export function reduceLiveDialog(state: LiveDialog, action: LiveDialogAction): LiveDialog {
  switch (action.type) {
    case 'loaded': {
      const known = new Set(state.messages.map((message) => message.seq));
      // Each new message as its stream event, so a reply stored meanwhile ends its draft.
      const { messages, drafts } = action.view.messages
        .filter((message) => !known.has(message.seq))
        .reduce(applyMessage, { messages: state.messages, drafts: state.drafts });
      return { view: action.view, messages, drafts };
    }
    case 'event': {
      const { event } = action;
      const next = applyStreamEvent(state, event);
      if (event.type !== 'state') return { ...state, ...next };
      const dialog = { ...state.view.dialog, state: event.state, operator: event.operator };
      return { ...next, view: { ...state.view, dialog } };
    }
  }
}

/**
 * Whether an event changes more than the conversation: who answers (the timeline), the funnel's
 * answers, the estimate, the lead. The page then reads the dialog again.
 */
export const changesDetails = (event: ChatEvent): boolean =>
  event.type === 'state' ||
  (event.type === 'message' && (event.message.kind === 'answer' || event.message.kind === 'estimate'));

/** Who may write in the dialog, for the signed-in member. */
export type Holding =
  | { kind: 'closed' }
  | { kind: 'mine' }
  | { kind: 'other'; name: string }
  /** The AI answers, or a visitor waits: anyone may take it. */
  | { kind: 'free' };

export function holdingOf(dialog: Pick<DialogSummaryView, 'state' | 'operator'>, memberId: string): Holding {
  if (dialog.state === 'closed') return { kind: 'closed' };
  if (dialog.state === 'operator' && dialog.operator) {
    return dialog.operator.id === memberId ? { kind: 'mine' } : { kind: 'other', name: dialog.operator.name };
  }
  return { kind: 'free' };
}
