// The company's invoices, newest first: a table on wide screens, a list of cards on phones,
// where a table's columns would not fit. Each PDF is asked for afresh, as its link soon expires.
// Where the platform takes online payments, an unpaid invoice can be paid here through YooKassa.
import type { InvoiceListView, InvoiceView } from '@aimax/backend/contracts';
import { ReceiptText } from 'lucide-react';
import { useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { formatDate, formatKopecks, formatNumericDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Card, CardHeader } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Table, Td, Th, Tr } from '@/lib/ui/Table';
import type { Resource } from '@/lib/useResource';
import { InvoicePdfButton } from './InvoicePdfButton';
import { InvoiceStatusBadge, InvoiceStatusNote } from './InvoiceStatus';
import { OnlinePaymentDialog, type OnlinePaymentTarget } from './OnlinePaymentDialog';
import { isPayable } from './onlinePayment';
import { PayOnlineButton } from './PayOnlineButton';

const text = t.billing.history;

const pdfOf = (invoice: InvoiceView) => () => api.billing.invoicePdf(invoice.id);

/** Starts paying an invoice online; absent where the platform takes no online payments. */
type Pay = ((invoice: InvoiceView) => Promise<void>) | null;

export function InvoiceHistory({ invoices }: { invoices: Resource<InvoiceListView> }) {
  const { data, error } = invoices;
  const [payment, setPayment] = useState<OnlinePaymentTarget | null>(null);
  const widgetUrl = data?.onlinePayment?.widgetUrl;

  const pay: Pay = widgetUrl
    ? async (invoice) => {
        try {
          const started = await api.billing.startOnlinePayment(invoice.id);
          setPayment({ invoice, confirmationToken: started.confirmationToken, widgetUrl, open: true });
        } catch (caught) {
          const failure = toApiError(caught);
          toast(failure.message, 'error');
          // Paid or cancelled meanwhile, say from another tab: the history shows it so.
          if (failure.code === 'INVOICE_NOT_PAYABLE') invoices.reload();
        }
      }
    : null;

  const close = () => {
    setPayment((current) => current && { ...current, open: false });
    // The payment may have moved on (cancelled, or still pending): the history says how it stands.
    invoices.reload();
  };

  const paid = (invoice: InvoiceView) => {
    close();
    toast(t.billing.online.paid(invoice.number, t.plans[invoice.plan], formatDate(invoice.periodEnd)));
  };

  return (
    <Card aria-labelledby="invoice-history-title" className="overflow-hidden">
      <CardHeader titleId="invoice-history-title" title={text.title} description={text.description} />
      {error && !data && (
        <div className="p-5">
          <Alert title={t.errors.loadFailed} onRetry={invoices.reload}>
            {error.message}
          </Alert>
        </div>
      )}
      {!error && !data && <HistorySkeleton />}
      {data?.invoices.length === 0 && <EmptyState icon={ReceiptText} title={text.empty} description={text.emptyHint} />}
      {data && data.invoices.length > 0 && (
        <>
          <InvoiceCards invoices={data.invoices} pay={pay} />
          <InvoiceTable invoices={data.invoices} pay={pay} />
        </>
      )}
      <OnlinePaymentDialog payment={payment} onClose={close} onPaid={paid} />
    </Card>
  );
}

interface InvoiceListProps {
  invoices: InvoiceView[];
  pay: Pay;
}

function InvoiceTable({ invoices, pay }: InvoiceListProps) {
  const { columns } = text;
  return (
    <div className="hidden md:block">
      <Table>
        <thead>
          <tr>
            <Th>{columns.number}</Th>
            <Th>{columns.plan}</Th>
            <Th className="text-right">{columns.amount}</Th>
            <Th>{columns.status}</Th>
            <Th className="w-px">
              <span className="sr-only">{columns.actions}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <Tr key={invoice.id}>
              <Td className="whitespace-nowrap">
                <div className="font-medium text-zinc-900 tabular-nums">{text.number(invoice.number)}</div>
                <div className="text-xs text-zinc-500 tabular-nums">
                  {text.issuedOn(formatNumericDate(invoice.issuedAt))}
                </div>
              </Td>
              <Td className="whitespace-nowrap">
                <div className="text-zinc-900">{t.plans[invoice.plan]}</div>
                <div className="text-xs text-zinc-500">{t.months(invoice.termMonths)}</div>
              </Td>
              <Td className="text-right font-medium whitespace-nowrap text-zinc-900 tabular-nums">
                {formatKopecks(invoice.amountKopecks)}
              </Td>
              <Td>
                <InvoiceStatusBadge status={invoice.status} />
                <InvoiceStatusNote invoice={invoice} className="mt-1 block whitespace-nowrap tabular-nums" />
              </Td>
              <Td>
                <div className="flex items-center justify-end gap-2">
                  {pay && isPayable(invoice) && <PayOnlineButton invoice={invoice} onPay={pay} />}
                  <InvoicePdfButton number={invoice.number} load={pdfOf(invoice)} />
                </div>
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

function InvoiceCards({ invoices, pay }: InvoiceListProps) {
  return (
    <ul className="divide-y divide-zinc-100 md:hidden">
      {invoices.map((invoice) => (
        <li key={invoice.id} className="px-4 py-3.5">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="font-medium text-zinc-900 tabular-nums">{text.number(invoice.number)}</p>
              <p className="mt-0.5 text-xs text-zinc-500">
                {text.issuedOn(formatNumericDate(invoice.issuedAt))} · {t.plans[invoice.plan]},{' '}
                {t.months(invoice.termMonths)}
              </p>
            </div>
            <p className="font-semibold whitespace-nowrap text-zinc-900 tabular-nums">
              {formatKopecks(invoice.amountKopecks)}
            </p>
          </div>
          <div className="mt-2.5 flex items-end justify-between gap-3">
            <div className="min-w-0 space-y-1">
              <InvoiceStatusBadge status={invoice.status} />
              <InvoiceStatusNote invoice={invoice} className="block tabular-nums" />
            </div>
            <InvoicePdfButton number={invoice.number} load={pdfOf(invoice)} />
          </div>
          {pay && isPayable(invoice) && <PayOnlineButton invoice={invoice} onPay={pay} className="mt-3 w-full" />}
        </li>
      ))}
    </ul>
  );
}

function HistorySkeleton() {
  return (
    <div aria-busy="true">
      {[0, 1, 2].map((row) => (
        <div key={row} className="flex items-center gap-6 border-b border-zinc-100 px-5 py-4 last:border-b-0">
          <div className="space-y-1.5">
            <Skeleton className="h-3.5 w-28" />
            <Skeleton className="h-3 w-20" />
          </div>
          <Skeleton className="hidden h-3.5 w-24 md:block" />
          <Skeleton className="ml-auto h-3.5 w-24" />
          <Skeleton className="h-5 w-28 rounded-full" />
          <Skeleton className="h-8 w-16 rounded-lg" />
        </div>
      ))}
    </div>
  );
}
