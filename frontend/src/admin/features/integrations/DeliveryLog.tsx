// «Журнал доставок»: everything the outbox sent for the company (emails, Telegram alerts, amoCRM
// deals, webhook calls), newest first, by channel and status, twenty more at a time, each linked
// to its lead. What failed can be sent again. The page holds the journal's state (useDeliveryLog),
// so that a card's «Журнал» can show its own channel here.
import type { DeliveryView } from '@aimax/backend/contracts';
import { BellOff, ChevronDown, RotateCcw, RotateCw } from 'lucide-react';
import { useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { DeliveriesTable, DeliveriesTableSkeleton } from '../../components/deliveries/DeliveriesTable';
import { DeliveryFilters } from '../../components/deliveries/DeliveryFilters';
import type { DeliveryLogState } from './useDeliveryLog';

interface DeliveryLogProps {
  log: DeliveryLogState;
  /** A delivery was queued again: the cards' last deliveries may change. */
  onRetried(): void;
}

/** The journal's id, for the page to bring it into view (and focus it) with a channel chosen. */
export const DELIVERY_LOG_ID = 'deliveries';

export function DeliveryLog({ log, onRetried }: DeliveryLogProps) {
  const text = t.integrations.deliveries;
  const [retrying, setRetrying] = useState<string | null>(null);
  const { filter, show } = log;
  const filtered = filter.channel !== undefined || filter.status !== undefined;
  const shown = log.data?.deliveries.length ?? 0;

  const retry = async (delivery: DeliveryView) => {
    setRetrying(delivery.id);
    try {
      await api.deliveries.retry(delivery.id);
      toast(text.retried);
      log.reload();
      onRetried();
    } catch (caught) {
      toast(toApiError(caught).message, 'error');
    } finally {
      setRetrying(null);
    }
  };

  const retryButton = (delivery: DeliveryView) =>
    delivery.status === 'failed' && (
      <Button
        variant="secondary"
        size="sm"
        icon={RotateCw}
        loading={retrying === delivery.id}
        aria-label={text.retryLabel(t.deliveryKinds[delivery.kind] ?? delivery.kind)}
        onClick={() => retry(delivery)}
      >
        {text.retry}
      </Button>
    );

  return (
    <Card
      id={DELIVERY_LOG_ID}
      tabIndex={-1}
      aria-labelledby="deliveries-title"
      className="scroll-mt-20 overflow-hidden outline-none"
    >
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
            <DeliveriesTable
              deliveries={log.data.deliveries}
              leadLinks
              action={{ label: text.action, of: retryButton }}
            />
            <div className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-100 px-5 py-3">
              <p className="text-sm text-zinc-500 tabular-nums">{text.shown(shown, log.data.total)}</p>
              {shown < log.data.total && (
                <Button
                  variant="secondary"
                  size="sm"
                  icon={ChevronDown}
                  loading={log.loading && log.count > shown}
                  onClick={log.showMore}
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
