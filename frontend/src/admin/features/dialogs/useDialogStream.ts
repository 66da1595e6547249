// One dialog's live events (`GET /api/dialogs/:id/events`), read as the widget reads its own:
// stored messages, an AI reply being written and who answers, and the visitor's typing besides.
import type { ChatEvent } from '@aimax/backend/contracts';
import { useEffect, useEffectEvent } from 'react';
import { api } from '@/lib/api';
import { parseStreamEvent } from '@/widget/frame/events';
import { openLiveStream } from './liveStream';

const CHAT_EVENTS: readonly ChatEvent['type'][] = ['message', 'typing', 'token', 'cut', 'state'];

interface DialogStreamHandlers {
  /** The last message held: the stream, opened anew, sends only those after it. */
  afterSeq(): number;
  /** The stream (re)opened: state changes meanwhile are not replayed, so the dialog is read again. */
  onOpen(): void;
  onEvent(event: ChatEvent): void;
  onVisitorTyping(): void;
}

export function useDialogStream(dialogId: string, handlers: DialogStreamHandlers): void {
  const afterSeq = useEffectEvent(handlers.afterSeq);
  const onOpen = useEffectEvent(handlers.onOpen);
  const onEvent = useEffectEvent(handlers.onEvent);
  const onVisitorTyping = useEffectEvent(handlers.onVisitorTyping);
  useEffect(() => {
    const events: Record<string, (data: string) => void> = { visitor_typing: () => onVisitorTyping() };
    for (const type of CHAT_EVENTS) {
      events[type] = (data) => {
        const event = parseStreamEvent(type, data);
        if (event) onEvent(event);
      };
    }
    return openLiveStream({
      url: () => api.dialogs.dialogEventsUrl(dialogId, afterSeq()),
      onOpen: () => onOpen(),
      events,
    });
  }, [dialogId]);
}
