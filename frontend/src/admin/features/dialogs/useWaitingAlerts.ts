// Dialogs waiting for a manager announce themselves on the dialogs pages: their number leads the
// tab's title, «(2) Диалоги · AI Max», seen from another tab too, and each new one chimes unless
// the sound is off. The count is read whenever the company's stream opens and kept by its events.
import type { DialogSummaryView } from '@aimax/backend/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api';
import { useDocumentTitle } from '@/lib/useDocumentTitle';
import { sections } from '../../navigation';
import { playChime } from './chime';
import { tabTitle, trackWaiting, type Waiting, waitingOf } from './inbox';
import type { FeedHandlers } from './useDialogFeed';
import { useSoundStore } from './useSoundStore';

/** The most dialogs one request reads; past that the count is the server's total. */
const READ_LIMIT = 100;

export function useWaitingAlerts(): FeedHandlers {
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  // Events come between renders: each must meet the count the one before it left.
  const latest = useRef<Waiting | null>(null);
  const reading = useRef<AbortController | null>(null);
  useDocumentTitle(tabTitle(sections.dialogs.label, waiting?.total ?? 0));
  useEffect(() => () => reading.current?.abort(), []);

  const onOpen = useCallback(() => {
    reading.current?.abort();
    const controller = new AbortController();
    reading.current = controller;
    api.dialogs.list({ state: 'waiting_operator', limit: READ_LIMIT, offset: 0 }, controller.signal).then(
      (list) => {
        latest.current = waitingOf(list);
        setWaiting(latest.current);
      },
      () => {
        // The count stays as it was until the stream opens again.
      },
    );
  }, []);

  const onDialog = useCallback((dialog: DialogSummaryView) => {
    if (!latest.current) return;
    const { waiting: next, arrived } = trackWaiting(latest.current, dialog);
    latest.current = next;
    setWaiting(next);
    if (arrived && useSoundStore.getState().enabled) playChime();
  }, []);

  return { onOpen, onDialog };
}
