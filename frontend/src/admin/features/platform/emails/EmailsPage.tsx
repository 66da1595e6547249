// The platform's outbox: every email queued, newest first, with its delivery state. The status
// filter and the page are kept in the address. While some email waits to be sent, the list
// refreshes itself, as the worker sends within seconds.
import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { api, type EmailStatus } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Card } from '@/lib/ui/Card';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Pagination } from '@/lib/ui/Pagination';
import { SegmentedControl } from '@/lib/ui/SegmentedControl';
import { useResource } from '@/lib/useResource';
import { EmailsTable, EmailsTableSkeleton } from './EmailsTable';

const PAGE_SIZE = 20;
const REFRESH_MS = 5000;

type StatusFilter = EmailStatus | 'all';

const parseStatus = (value: string | null): EmailStatus | undefined =>
  value === 'pending' || value === 'sent' || value === 'failed' ? value : undefined;

export function EmailsPage() {
  const text = t.platform.emails;
  const [params, setParams] = useSearchParams();
  const status = parseStatus(params.get('status'));
  const offset = Math.max(0, Math.floor(Number(params.get('offset')) || 0));

  const list = useResource(
    useCallback(
      (signal: AbortSignal) => api.platform.listEmails({ status, limit: PAGE_SIZE, offset }, signal),
      [status, offset],
    ),
  );

  const waiting = list.data?.emails.some((email) => email.status === 'pending') ?? false;
  const { reload, loading } = list;
  useEffect(() => {
    if (!waiting || loading) return;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [waiting, loading, reload]);

  /** A new status starts again from the first page. */
  const setFilters = (changes: { status?: EmailStatus | null; offset?: number }) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (changes.status !== undefined) {
          if (changes.status === null) next.delete('status');
          else next.set('status', changes.status);
        }
        if (changes.offset) next.set('offset', String(changes.offset));
        else next.delete('offset');
        return next;
      },
      { replace: true },
    );

  const statuses: ReadonlyArray<{ value: StatusFilter; label: string }> = [
    { value: 'all', label: text.all },
    { value: 'sent', label: text.sent },
    { value: 'pending', label: text.pending },
    { value: 'failed', label: text.failed },
  ];

  return (
    <>
      <PageHeader
        title={text.title}
        description={list.data ? `${text.subtitle} · ${text.total(list.data.total)}` : text.subtitle}
      />
      <SegmentedControl
        label={text.statusFilter}
        hideLabel
        options={statuses}
        value={status ?? 'all'}
        onChange={(value) => setFilters({ status: value === 'all' ? null : value })}
        className="mb-4"
      />
      {list.error && (
        <Alert title={t.errors.loadFailed} onRetry={list.reload} className="mb-4">
          {list.error.message}
        </Alert>
      )}
      <Card className="overflow-hidden">
        {list.data ? (
          <>
            <EmailsTable emails={list.data.emails} />
            <div className="border-t border-zinc-100">
              <Pagination
                offset={offset}
                limit={PAGE_SIZE}
                total={list.data.total}
                onOffsetChange={(next) => setFilters({ offset: next })}
              />
            </div>
          </>
        ) : (
          !list.error && <EmailsTableSkeleton />
        )}
      </Card>
    </>
  );
}
