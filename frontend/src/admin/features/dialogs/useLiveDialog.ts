// One dialog kept live on its page: its stream applied as it comes, the details (timeline, answers,
// estimate, lead) read again when an event says they changed and whenever the stream (re)opens,
// as state changes missed meanwhile are not replayed, and «Посетитель печатает…» for a few seconds
// after the visitor's last keystroke was reported.
import type { ChatEvent, DialogView } from '@aimax/backend/contracts';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { api } from '@/lib/api';
import { lastSeq } from '@/lib/chatTranscript';
import { changesDetails, liveDialogOf, reduceLiveDialog } from './liveDialog';
import { useDialogStream } from './useDialogStream';

/** How long «Посетитель печатает…» stays after the visitor's last keystroke was reported. */
const VISITOR_TYPING_MS = 4000;
/** State changes come with their notice and a burst of events: one reading answers them all. */
const DETAILS_READ_DELAY_MS = 300;

/** `receive` also takes what the page's own requests answered (a new state, a sent message) as events. */
export function useLiveDialog(initial: DialogView) {
  const [live, dispatch] = useReducer(reduceLiveDialog, initial, liveDialogOf);
  const [visitorTyping, setVisitorTyping] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const readTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reading = useRef<AbortController | null>(null);
  const dialogId = initial.dialog.id;

  const readAgain = useCallback(() => {
    clearTimeout(readTimer.current);
    reading.current?.abort();
    const controller = new AbortController();
    reading.current = controller;
    api.dialogs.get(dialogId, controller.signal).then(
      (view) => {
        if (!controller.signal.aborted) dispatch({ type: 'loaded', view });
      },
      () => {
        // What the page shows stays; the stream still brings every message, and the next change reads again.
      },
    );
  }, [dialogId]);
  const readSoon = useCallback(() => {
    clearTimeout(readTimer.current);
    readTimer.current = setTimeout(readAgain, DETAILS_READ_DELAY_MS);
  }, [readAgain]);

  useEffect(
    () => () => {
      clearTimeout(typingTimer.current);
      clearTimeout(readTimer.current);
      reading.current?.abort();
    },
    [],
  );

  const receive = (event: ChatEvent) => {
    dispatch({ type: 'event', event });
    if (event.type === 'message' && event.message.role === 'visitor') setVisitorTyping(false);
    if (changesDetails(event)) readSoon();
  };

  useDialogStream(dialogId, {
    afterSeq: () => lastSeq(live.messages),
    onOpen: readAgain,
    onEvent: receive,
    onVisitorTyping: () => {
      setVisitorTyping(true);
      clearTimeout(typingTimer.current);
      typingTimer.current = setTimeout(() => setVisitorTyping(false), VISITOR_TYPING_MS);
    },
  });

  return { live, visitorTyping, receive, readAgain };
}
