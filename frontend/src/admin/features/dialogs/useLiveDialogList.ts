// The page of the dialogs list on screen, kept live. It loads when the filters or the page change
// (the rows shown dim until the new ones come), takes each `dialog` event as far as the page can
// place it, and is read again quietly, in the background, when it cannot, or when the company's
// stream (re)opens and what happened meanwhile is unknown.
import type { DialogListView, DialogSummaryView } from '@aimax/backend/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, api, type DialogFilter, toApiError } from '@/lib/api';
import { applyDialogEvent } from './inbox';
import type { FeedHandlers } from './useDialogFeed';

/** Events come in bursts (a visitor's message, then the AI's reply): one reading answers a burst. */
const QUIET_READ_DELAY_MS = 500;

export interface LiveDialogList extends FeedHandlers {
  data: DialogListView | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

interface ListState {
  data: DialogListView | undefined;
  error: ApiError | null;
  loading: boolean;
}

export function useLiveDialogList(filter: DialogFilter, offset: number, limit: number): LiveDialogList {
  const [state, setState] = useState<ListState>({ data: undefined, error: null, loading: true });
  // Events come between renders: each must meet the list the one before it left.
  const latest = useRef<DialogListView | undefined>(undefined);
  const inFlight = useRef<AbortController | null>(null);
  // A quiet reading asked for while another is on its way, which may predate what was asked for.
  const readAgain = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const read = useCallback(
    (quietly: boolean) => {
      if (quietly && inFlight.current) {
        readAgain.current = true;
        return;
      }
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      readAgain.current = false;
      if (!quietly) setState((previous) => ({ ...previous, loading: true, error: null }));
      const settle = (next: (previous: ListState) => ListState) => {
        if (controller.signal.aborted) return;
        inFlight.current = null;
        setState(next);
        if (readAgain.current) read(true);
      };
      api.dialogs.list({ ...filter, limit, offset }, controller.signal).then(
        (data) => {
          latest.current = data;
          settle(() => ({ data, error: null, loading: false }));
        },
        (caught: unknown) =>
          // A quiet reading that fails leaves the list as it was; the next event or opening tries again.
          settle((previous) => (quietly ? previous : { ...previous, error: toApiError(caught), loading: false })),
      );
    },
    [filter, offset, limit],
  );

  useEffect(() => {
    read(false);
    return () => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
      inFlight.current = null;
    };
  }, [read]);

  const onOpen = useCallback(() => read(true), [read]);

  const onDialog = useCallback(
    (dialog: DialogSummaryView) => {
      if (!latest.current) return;
      const update = applyDialogEvent(latest.current, dialog, { filter, offset, limit });
      latest.current = update.list;
      setState((previous) => ({ ...previous, data: update.list }));
      if (update.stale || inFlight.current) {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => read(true), QUIET_READ_DELAY_MS);
      }
    },
    [filter, offset, limit, read],
  );

  return { ...state, reload: () => read(false), onOpen, onDialog };
}
