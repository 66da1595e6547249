// Server data for a page: loads when the page opens (and again when `load` changes), keeps the
// last data while reloading so tables do not flash, and turns failures into one ApiError.
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from './api';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** `load` must be stable between renders (wrap it in useCallback) or it reloads every render. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [state, setState] = useState<Omit<Resource<T>, 'reload'>>({ data: undefined, error: null, loading: true });
  const inFlight = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false });
      },
      (caught: unknown) => {
        if (!controller.signal.aborted)
          setState((previous) => ({ ...previous, error: toApiError(caught), loading: false }));
      },
    );
  }, [load]);

  useEffect(() => {
    reload();
    return () => inFlight.current?.abort();
  }, [reload]);

  return { ...state, reload };
}
