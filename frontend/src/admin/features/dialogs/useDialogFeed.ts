// The company's dialogs as they change (`GET /api/dialogs/events`), for as long as a page is open.
// The stream replays nothing: each time it opens, and when the server says events may have been
// lost (`resync`), the page reads what it shows again.
import type { DialogSummaryView } from '@aimax/backend/contracts';
import { useEffect, useEffectEvent } from 'react';
import { api } from '@/lib/api';
import { openLiveStream, parseDialogSummary } from './liveStream';

export interface FeedHandlers {
  /** The stream (re)opened, or missed events: what the page shows is read again. */
  onOpen(): void;
  onDialog(dialog: DialogSummaryView): void;
}

export function useDialogFeed(handlers: FeedHandlers): void {
  const onOpen = useEffectEvent(handlers.onOpen);
  const onDialog = useEffectEvent(handlers.onDialog);
  useEffect(
    () =>
      openLiveStream({
        url: () => api.dialogs.eventsUrl,
        onOpen: () => onOpen(),
        events: {
          resync: () => onOpen(),
          dialog: (data) => {
            const dialog = parseDialogSummary(data);
            if (dialog) onDialog(dialog);
          },
        },
      }),
    [],
  );
}
