import type { PlatformInvoiceView } from '@aimax/backend/contracts';
import { Ban, CircleCheck, Info, SearchX } from 'lucide-react';
import { api } from '@/lib/api';
import { formatKopecks, formatNumericDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Button, IconButton } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { EmptyState } from '@/lib/ui/EmptyState';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Table, Td, Th, Tr } from '@/lib/ui/Table';
import { InvoicePdfButton } from '../../billing/InvoicePdfButton';
import { InvoiceStatusBadge, InvoiceStatusNote } from '../../billing/InvoiceStatus';

interface PlatformInvoicesTableProps {
  invoices: PlatformInvoiceView[];
  /** A newer page is loading: the rows shown are dimmed until it arrives. */
  stale: boolean;
  onMarkPaid(invoice: PlatformInvoiceView): void;
  onCancel(invoice: PlatformInvoiceView): void;
  /** How it was paid, and its online payments. */
  onDetails(invoice: PlatformInvoiceView): void;
}

/** Only an invoice still waiting for its money can be paid or cancelled. */
const isOpen = (invoice: PlatformInvoiceView) => invoice.status === 'issued' || invoice.status === 'overdue';

/** Its latest refund, for the list to say a paid invoice's money went back (or is going back). */
const refundOf = (invoice: PlatformInvoiceView) => invoice.payments.find((payment) => payment.refund)?.refund;

export function PlatformInvoicesTable({
  invoices,
  stale,
  onMarkPaid,
  onCancel,
  onDetails,
}: PlatformInvoicesTableProps) {
  const text = t.platform.invoices;
  const history = t.billing.history;
  if (invoices.length === 0) {
    return <EmptyState icon={SearchX} title={text.empty} description={text.emptyHint} />;
  }
  return (
    <div className={cx('transition-opacity', stale && 'opacity-60')} aria-busy={stale}>
      <Table>
        <thead>
          <tr>
            <Th>{text.columns.invoice}</Th>
            <Th className="text-right">{text.columns.amount}</Th>
            <Th>{text.columns.status}</Th>
            <Th className="w-px">
              <span className="sr-only">{text.columns.actions}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <Tr key={invoice.id}>
              {/* The number and the company share a cell: with its actions the row is wide enough. */}
              <Td className="min-w-48">
                <div className="flex flex-wrap items-baseline gap-x-2 tabular-nums">
                  <span className="font-medium whitespace-nowrap text-zinc-900">{history.number(invoice.number)}</span>
                  <span className="text-xs whitespace-nowrap text-zinc-500">
                    {history.issuedOn(formatNumericDate(invoice.issuedAt))}
                  </span>
                </div>
                <div className="mt-0.5 text-zinc-800">{invoice.tenantName}</div>
                <div className="text-xs whitespace-nowrap text-zinc-500 tabular-nums">{text.inn(invoice.buyerInn)}</div>
              </Td>
              <Td className="text-right whitespace-nowrap">
                <div className="font-medium text-zinc-900 tabular-nums">{formatKopecks(invoice.amountKopecks)}</div>
                <div className="text-xs text-zinc-500">
                  {text.planTerm(t.plans[invoice.plan], t.months(invoice.termMonths))}
                </div>
              </Td>
              <Td>
                <InvoiceStatusBadge status={invoice.status} />
                <InvoiceStatusNote invoice={invoice} className="mt-1 block whitespace-nowrap tabular-nums" />
                <RefundNote invoice={invoice} />
              </Td>
              <Td>
                <div className="flex items-center justify-end gap-1.5">
                  {isOpen(invoice) && (
                    <>
                      <Button
                        size="sm"
                        variant="secondary"
                        icon={CircleCheck}
                        onClick={() => onMarkPaid(invoice)}
                        aria-label={text.markPaidLabel(invoice.number)}
                      >
                        {text.markPaid}
                      </Button>
                      <IconButton
                        icon={Ban}
                        tone="danger"
                        label={text.cancelLabel(invoice.number)}
                        onClick={() => onCancel(invoice)}
                      />
                    </>
                  )}
                  <IconButton
                    icon={Info}
                    label={text.detailsLabel(invoice.number)}
                    onClick={() => onDetails(invoice)}
                  />
                  <InvoicePdfButton iconOnly number={invoice.number} load={() => api.platform.invoicePdf(invoice.id)} />
                </div>
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

function RefundNote({ invoice }: { invoice: PlatformInvoiceView }) {
  const refund = refundOf(invoice);
  if (!refund) return null;
  return (
    <span className="mt-0.5 block text-xs whitespace-nowrap text-amber-700">
      {t.platform.invoices.refundNotes[refund.status]}
    </span>
  );
}

export function PlatformInvoicesTableSkeleton() {
  return (
    <div aria-busy="true">
      <div className="h-9 border-b border-zinc-100 bg-zinc-50/60" />
      {[0, 1, 2, 3, 4].map((row) => (
        <div key={row} className="flex items-center gap-6 border-b border-zinc-100 px-5 py-4 last:border-b-0">
          <div className="space-y-1.5">
            <Skeleton className="h-3.5 w-28" />
            <Skeleton className="h-3 w-20" />
          </div>
          <Skeleton className="h-3.5 w-40" />
          <Skeleton className="ml-auto h-3.5 w-24" />
          <Skeleton className="h-5 w-28 rounded-full" />
          <Skeleton className="h-8 w-56 rounded-lg" />
        </div>
      ))}
    </div>
  );
}
