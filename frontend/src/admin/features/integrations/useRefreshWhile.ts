// While a delivery waits to be sent, what shows it refreshes every few seconds: the worker sends
// within seconds, and the owner should see it go without reloading the page.
import { useEffect } from 'react';

const REFRESH_MS = 5000;

export function useRefreshWhile(waiting: boolean, resource: { loading: boolean; reload(): void }) {
  const { loading, reload } = resource;
  useEffect(() => {
    if (!waiting || loading) return;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [waiting, loading, reload]);
}
