// The journal's state, held by the page so that a card's «Журнал» can show its channel: the
// filter, how many deliveries are shown (twenty more at a time) and the deliveries themselves,
// refreshed while one of them waits to be sent.
import { useCallback, useState } from 'react';
import { api, type DeliveryFilter } from '@/lib/api';
import { useResource } from '@/lib/useResource';
import { loadFirst } from './deliveryWindow';
import { useRefreshWhile } from './useRefreshWhile';

export const PAGE_SIZE = 20;

export function useDeliveryLog() {
  const [filter, setFilter] = useState<DeliveryFilter>({});
  const [count, setCount] = useState(PAGE_SIZE);

  const log = useResource(
    useCallback(
      (signal: AbortSignal) => loadFirst(count, (window) => api.deliveries.list({ ...filter, ...window }, signal)),
      [filter, count],
    ),
  );
  useRefreshWhile(log.data?.deliveries.some((delivery) => delivery.status === 'pending') ?? false, log);

  /** Another filter starts again from the first twenty. */
  const show = useCallback((next: DeliveryFilter) => {
    setFilter(next);
    setCount(PAGE_SIZE);
  }, []);

  return { ...log, filter, count, show, showMore: () => setCount((log.data?.deliveries.length ?? 0) + PAGE_SIZE) };
}

export type DeliveryLogState = ReturnType<typeof useDeliveryLog>;
