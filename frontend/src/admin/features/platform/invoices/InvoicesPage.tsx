// The platform operator's invoices: every company's, filtered by number or ИНН, status, company
// and the days they were issued, all kept in the address. Marking one paid puts its plan in force
// for the company; an unpaid one may be cancelled, with the reason. Its details tell how it was
// paid, and return an online payment.
import type { PlatformInvoiceView } from '@aimax/backend/contracts';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '@/lib/api';
import { formatDate, formatKopecks } from '@/lib/format';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Card } from '@/lib/ui/Card';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Pagination } from '@/lib/ui/Pagination';
import { useResource } from '@/lib/useResource';
import { CancelInvoiceDialog } from './CancelInvoiceDialog';
import { type FilterChanges, InvoiceFiltersBar } from './InvoiceFiltersBar';
import { InvoicePaymentDialog } from './InvoicePaymentDialog';
import { invoiceFiltersOf } from './invoiceFilters';
import { PlatformInvoicesTable, PlatformInvoicesTableSkeleton } from './PlatformInvoicesTable';

const PAGE_SIZE = 20;

/** A dialog's invoice, kept while it closes so its text stays through the animation. */
type Target = { invoice: PlatformInvoiceView; open: boolean } | null;

export function InvoicesPage() {
  const text = t.platform.invoices;
  const [params, setParams] = useSearchParams();
  const filters = invoiceFiltersOf(params);
  const { q, status, tenantId, from, to, offset } = filters;

  const list = useResource(
    useCallback(
      (signal: AbortSignal) =>
        api.platform.listInvoices({ q, status, tenantId, from, to, limit: PAGE_SIZE, offset }, signal),
      [q, status, tenantId, from, to, offset],
    ),
  );
  const [paying, setPaying] = useState<Target>(null);
  const [cancelling, setCancelling] = useState<Target>(null);
  const [inspecting, setInspecting] = useState<Target>(null);

  /** Changes filters in the address; a new filter starts again from the first page. */
  const setFilters = useCallback(
    (changes: FilterChanges & { offset?: number }) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries({ ...changes, offset: changes.offset ?? 0 })) {
            if (value === undefined) continue;
            if (value === null || value === '' || value === 0) next.delete(name);
            else next.set(name, String(value));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const markPaid = async (invoice: PlatformInvoiceView) => {
    const paid = await api.platform.markInvoicePaid(invoice.id);
    toast(text.paidDone(paid.number, t.plans[paid.plan], formatDate(paid.periodEnd)));
    list.reload();
  };

  const target = paying?.invoice;
  const closeCancel = () => setCancelling((current) => current && { ...current, open: false });

  return (
    <>
      <PageHeader
        title={text.title}
        description={list.data ? `${text.subtitle} · ${text.total(list.data.total)}` : text.subtitle}
      />
      <InvoiceFiltersBar
        filters={filters}
        companyName={list.data?.invoices.find((invoice) => invoice.tenantId === tenantId)?.tenantName}
        onChange={setFilters}
      />
      {list.error && (
        <Alert title={t.errors.loadFailed} onRetry={list.reload} className="mb-4">
          {list.error.message}
        </Alert>
      )}
      <Card className="overflow-hidden">
        {list.data ? (
          <>
            <PlatformInvoicesTable
              invoices={list.data.invoices}
              stale={list.loading}
              onMarkPaid={(invoice) => setPaying({ invoice, open: true })}
              onCancel={(invoice) => setCancelling({ invoice, open: true })}
              onDetails={(invoice) => setInspecting({ invoice, open: true })}
            />
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
          !list.error && <PlatformInvoicesTableSkeleton />
        )}
      </Card>
      <ConfirmDialog
        open={paying?.open ?? false}
        onClose={() => setPaying((current) => current && { ...current, open: false })}
        title={target ? text.markPaidTitle(target.number) : ''}
        description={
          target
            ? text.markPaidText(
                target.tenantName,
                t.plans[target.plan],
                t.months(target.termMonths),
                formatKopecks(target.amountKopecks),
              )
            : ''
        }
        confirmLabel={text.markPaid}
        tone="primary"
        onConfirm={() => (target ? markPaid(target) : Promise.resolve())}
      />
      <CancelInvoiceDialog
        invoice={cancelling?.invoice ?? null}
        open={cancelling?.open ?? false}
        onClose={closeCancel}
        onCancelled={() => {
          closeCancel();
          list.reload();
        }}
      />
      <InvoicePaymentDialog
        invoice={inspecting?.invoice ?? null}
        open={inspecting?.open ?? false}
        onClose={() => setInspecting((current) => current && { ...current, open: false })}
        onRefunded={(invoice) => {
          setInspecting({ invoice, open: true });
          list.reload();
        }}
      />
    </>
  );
}
