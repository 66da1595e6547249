// The platform's outbox: every company's emails and Telegram alerts, newest first, with their
// delivery state. The filters and the page are kept in the address. While something waits to be
// sent, the list refreshes itself, as the worker sends within seconds.
import type { PlatformDeliveryView } from '@aimax/backend/contracts';
import { BellOff, Download } from 'lucide-react';
import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { api, type DeliveryFilter } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { buttonClasses } from '@/lib/ui/Button';
import { Card } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Pagination } from '@/lib/ui/Pagination';
import { useResource } from '@/lib/useResource';
import { DeliveriesTable, DeliveriesTableSkeleton } from '../../../components/deliveries/DeliveriesTable';
import { DeliveryFilters, parseDeliveryFilter } from '../../../components/deliveries/DeliveryFilters';

const PAGE_SIZE = 20;
const REFRESH_MS = 5000;

export function DeliveriesPage() {
  const text = t.platform.deliveries;
  const [params, setParams] = useSearchParams();
  const { status, channel } = parseDeliveryFilter(params);
  const offset = Math.max(0, Math.floor(Number(params.get('offset')) || 0));

  const list = useResource(
    useCallback(
      (signal: AbortSignal) => api.platform.listDeliveries({ status, channel, limit: PAGE_SIZE, offset }, signal),
      [status, channel, offset],
    ),
  );

  const waiting = list.data?.deliveries.some((delivery) => delivery.status === 'pending') ?? false;
  const { reload, loading } = list;
  useEffect(() => {
    if (!waiting || loading) return;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [waiting, loading, reload]);

  /** New filters start again from the first page. */
  const show = (filter: DeliveryFilter, nextOffset = 0) =>
    setParams(
      () => {
        const next = new URLSearchParams();
        if (filter.channel) next.set('channel', filter.channel);
        if (filter.status) next.set('status', filter.status);
        if (nextOffset) next.set('offset', String(nextOffset));
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title={text.title}
        description={list.data ? `${text.subtitle} · ${text.total(list.data.total)}` : text.subtitle}
      />
      <DeliveryFilters filter={{ status, channel }} onChange={show} className="mb-4" />
      {list.error && (
        <Alert title={t.errors.loadFailed} onRetry={list.reload} className="mb-4">
          {list.error.message}
        </Alert>
      )}
      <Card className="overflow-hidden">
        {list.data ? (
          list.data.deliveries.length === 0 ? (
            <EmptyState icon={BellOff} title={text.empty} description={text.emptyHint} />
          ) : (
            <>
              <DeliveriesTable
                deliveries={list.data.deliveries}
                companyOf={(delivery) => delivery.tenantName}
                action={{ label: t.deliveries.columns.file, of: EmlLink }}
              />
              <div className="border-t border-zinc-100">
                <Pagination
                  offset={offset}
                  limit={PAGE_SIZE}
                  total={list.data.total}
                  onOffsetChange={(next) => show({ status, channel }, next)}
                />
              </div>
            </>
          )
        ) : (
          !list.error && <DeliveriesTableSkeleton />
        )}
      </Card>
    </>
  );
}

/** An email as it was written, once written: Telegram messages have no file. */
function EmlLink(delivery: PlatformDeliveryView) {
  if (delivery.channel !== 'email' || delivery.status !== 'sent') return null;
  const label = t.deliveries.emlLabel(delivery.summary);
  return (
    <a
      href={api.platform.deliveryFileUrl(delivery.id)}
      download
      aria-label={label}
      title={label}
      className={buttonClasses('secondary', 'sm')}
    >
      <Download aria-hidden size={16} />
      {t.deliveries.eml}
    </a>
  );
}
