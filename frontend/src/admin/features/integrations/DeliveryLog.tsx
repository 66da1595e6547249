// «Журнал доставок»: the company's emails and Telegram alerts, newest first, by channel and
// status, twenty more at a time. While one of them waits to be sent the journal refreshes itself,
// as the worker sends within seconds.
import { BellOff, ChevronDown, RotateCcw } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { api, type DeliveryFilter } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { useResource } from '@/lib/useResource';
import { DeliveriesTable, DeliveriesTableSkeleton } from '../../components/deliveries/DeliveriesTable';
import { DeliveryFilters } from '../../components/deliveries/DeliveryFilters';
import { loadFirst } from './deliveryWindow';

const PAGE_SIZE = 20;
const REFRESH_MS = 5000;

export function DeliveryLog() {
  const text = t.integrations.deliveries;
  const [filter, setFilter] = useState<DeliveryFilter>({});
  const [count, setCount] = useState(PAGE_SIZE);

  const log = useResource(
    useCallback(
      (signal: AbortSignal) => loadFirst(count, (window) => api.deliveries.list({ ...filter, ...window }, signal)),
      [filter, count],
    ),
  );

  const waiting = log.data?.deliveries.some((delivery) => delivery.status === 'pending') ?? false;
  const { reload, loading } = log;
  useEffect(() => {
    if (!waiting || loading) return;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [waiting, loading, reload]);

  const show = (next: DeliveryFilter) => {
    setFilter(next);
    setCount(PAGE_SIZE);
  };
  const filtered = filter.channel !== undefined || filter.status !== undefined;
  const shown = log.data?.deliveries.length ?? 0;

  return (
    <Card aria-labelledby="deliveries-title" className="overflow-hidden">
      <CardHeader titleId="deliveries-title" title={text.title} description={text.description} />
      <DeliveryFilters filter={filter} onChange={show} className="border-b border-zinc-100 px-5 py-3" />
      {log.error && (
        <Alert title={t.errors.loadFailed} onRetry={log.reload} className="m-5">
          {log.error.message}
        </Alert>
      )}
      {!log.data && !log.error && <DeliveriesTableSkeleton rows={3} />}
      {log.data &&
        (shown === 0 ? (
          filtered ? (
            <EmptyState icon={BellOff} title={text.emptyFiltered} description={text.emptyFilteredHint}>
              <Button variant="secondary" icon={RotateCcw} onClick={() => show({})}>
                {text.reset}
              </Button>
            </EmptyState>
          ) : (
            <EmptyState icon={BellOff} title={text.empty} description={text.emptyHint} />
          )
        ) : (
          <>
            <DeliveriesTable deliveries={log.data.deliveries} />
            <div className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-100 px-5 py-3">
              <p className="text-sm text-zinc-500 tabular-nums">{text.shown(shown, log.data.total)}</p>
              {shown < log.data.total && (
                <Button
                  variant="secondary"
                  size="sm"
                  icon={ChevronDown}
                  loading={loading && count > shown}
                  onClick={() => setCount(shown + PAGE_SIZE)}
                >
                  {text.more}
                </Button>
              )}
            </div>
          </>
        ))}
    </Card>
  );
}
