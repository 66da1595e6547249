// One invoice as the superadmin looks into it: how it was paid (marked paid on a bank transfer, or
// online through YooKassa) and every online payment tried, with YooKassa's id to find it there.
// A payment that went through can be returned in full; the plan it bought stays, since whether
// the company keeps it is the superadmin's call, made in «Компании».
import type { PaymentStatus, PlatformInvoiceView, PlatformPaymentView, RefundStatus } from '@aimax/backend/contracts';
import { Undo2 } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { api } from '@/lib/api';
import { formatKopecks, formatNumericDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Badge, type BadgeTone } from '@/lib/ui/Badge';
import { Button } from '@/lib/ui/Button';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { cx } from '@/lib/ui/cx';
import { Dialog } from '@/lib/ui/Dialog';
import { InvoiceStatusBadge, InvoiceStatusNote } from '../../billing/InvoiceStatus';
import { asSentence } from '../../billing/onlinePayment';
import { CopyButton } from '../../integrations/CopyButton';
import { describePaymentMethod } from './paymentMethod';

const text = t.platform.invoices;

const paymentTones: Record<PaymentStatus, BadgeTone> = {
  creating: 'neutral',
  pending: 'warning',
  succeeded: 'success',
  canceled: 'danger',
};

const refundTones: Record<RefundStatus, string> = {
  pending: 'text-amber-700',
  succeeded: 'text-emerald-700',
  canceled: 'text-red-700',
};

interface InvoicePaymentDialogProps {
  /** The invoice; kept while the dialog closes, so its content stays during the animation. */
  invoice: PlatformInvoiceView | null;
  open: boolean;
  onClose(): void;
  /** The invoice as the API answered a refund. */
  onRefunded(invoice: PlatformInvoiceView): void;
}

export function InvoicePaymentDialog({ invoice, open, onClose, onRefunded }: InvoicePaymentDialogProps) {
  const [refunding, setRefunding] = useState<{ payment: PlatformPaymentView; open: boolean } | null>(null);
  const payment = refunding?.payment;

  const refund = async (invoiceId: string, refunded: PlatformPaymentView) => {
    const updated = await api.platform.refundPayment(invoiceId, refunded.id);
    const state = updated.payments.find((candidate) => candidate.id === refunded.id)?.refund;
    toast(state?.status === 'succeeded' ? text.refundedDone(updated.number) : text.refundRequestedDone(updated.number));
    onRefunded(updated);
  };

  return (
    <>
      <Dialog
        open={open}
        onClose={onClose}
        title={invoice ? text.detailsTitle(invoice.number) : ''}
        description={invoice ? text.detailsText(invoice.tenantName, invoice.buyerInn) : undefined}
      >
        {invoice && (
          <InvoiceDetails invoice={invoice} onRefund={(chosen) => setRefunding({ payment: chosen, open: true })} />
        )}
      </Dialog>
      {/* Beside the dialog rather than in it: a dialog of its own, over this one. */}
      <ConfirmDialog
        open={refunding?.open ?? false}
        onClose={() => setRefunding((current) => current && { ...current, open: false })}
        title={invoice ? text.refundTitle(invoice.number) : ''}
        description={
          invoice && payment ? text.refundText(invoice.tenantName, formatKopecks(payment.amountKopecks)) : ''
        }
        confirmLabel={text.refund}
        onConfirm={() => (invoice && payment ? refund(invoice.id, payment) : Promise.resolve())}
      />
    </>
  );
}

function paidHowOf(invoice: PlatformInvoiceView): string {
  if (invoice.status === 'cancelled') return text.notPaidCancelled;
  if (invoice.status !== 'paid') return text.notPaid;
  return invoice.paidVia === 'online' ? text.paidOnline : text.paidByTransfer(invoice.paidBy);
}

interface InvoiceDetailsProps {
  invoice: PlatformInvoiceView;
  onRefund(payment: PlatformPaymentView): void;
}

function InvoiceDetails({ invoice, onRefund }: InvoiceDetailsProps) {
  const { fields } = text;
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-[minmax(0,6.5rem)_minmax(0,1fr)] gap-x-4 gap-y-2.5 text-sm">
        <Field label={fields.plan}>{text.planTerm(t.plans[invoice.plan], t.months(invoice.termMonths))}</Field>
        <Field label={fields.amount}>
          <span className="font-medium tabular-nums">{formatKopecks(invoice.amountKopecks)}</span>
        </Field>
        <Field label={fields.status}>
          <InvoiceStatusBadge status={invoice.status} />
          <InvoiceStatusNote invoice={invoice} className="mt-1 block tabular-nums" />
        </Field>
        <Field label={fields.paidHow}>{paidHowOf(invoice)}</Field>
      </dl>
      {invoice.payments.length > 0 && (
        <section aria-labelledby="invoice-payments-title">
          <h3 id="invoice-payments-title" className="text-sm font-semibold text-zinc-900">
            {text.payments}
          </h3>
          <p className="mt-0.5 text-xs text-zinc-500">{text.paymentsHint}</p>
          <ul className="mt-3 space-y-3">
            {invoice.payments.map((payment) => (
              <PaymentCard key={payment.id} payment={payment} number={invoice.number} onRefund={onRefund} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-500">{label}</dt>
      <dd className="min-w-0 wrap-anywhere text-zinc-900">{children}</dd>
    </>
  );
}

interface PaymentCardProps {
  payment: PlatformPaymentView;
  /** The invoice's number, for the refund button's name. */
  number: string;
  onRefund(payment: PlatformPaymentView): void;
}

function PaymentCard({ payment, number, onRefund }: PaymentCardProps) {
  const { paymentFields: fields } = text;
  const method = describePaymentMethod(payment.method, payment.methodTitle);
  const { refund } = payment;
  return (
    <li className="rounded-xl border border-zinc-200 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Badge dot tone={paymentTones[payment.status]}>
          {text.paymentStatuses[payment.status]}
        </Badge>
        <span className="text-sm font-medium text-zinc-900 tabular-nums">{formatKopecks(payment.amountKopecks)}</span>
      </div>
      <dl className="mt-3 grid grid-cols-[minmax(0,6.5rem)_minmax(0,1fr)] items-baseline gap-x-4 gap-y-1.5 text-[13px]">
        <Field label={fields.id}>
          {payment.providerPaymentId ? (
            <span className="flex items-center gap-1">
              <span className="font-mono text-xs break-all">{payment.providerPaymentId}</span>
              <CopyButton value={payment.providerPaymentId} label={text.copyId(payment.providerPaymentId)} />
            </span>
          ) : (
            <span className="text-zinc-500">{text.noProviderId}</span>
          )}
        </Field>
        {method && <Field label={fields.method}>{method}</Field>}
        <Field label={fields.created}>
          <span className="tabular-nums">{formatNumericDateTime(payment.createdAt)}</span>
        </Field>
        {payment.paidAt && (
          <Field label={fields.paidAt}>
            <span className="tabular-nums">{formatNumericDateTime(payment.paidAt)}</span>
          </Field>
        )}
        {payment.status === 'canceled' && payment.reason && (
          <Field label={fields.reason}>
            <span className="text-red-700">{asSentence(payment.reason)}</span>
          </Field>
        )}
        {refund && (
          <Field label={fields.refund}>
            <span className={cx('font-medium', refundTones[refund.status])}>{text.refundStatuses[refund.status]}</span>
            <span className="block text-xs text-zinc-500 tabular-nums">
              {text.refundRequested(formatNumericDateTime(refund.requestedAt), refund.requestedBy)}
            </span>
          </Field>
        )}
      </dl>
      {payment.status === 'succeeded' && !refund && (
        <Button
          size="sm"
          variant="danger"
          icon={Undo2}
          onClick={() => onRefund(payment)}
          aria-label={text.refundLabel(number)}
          className="mt-4 w-full sm:w-auto"
        >
          {text.refund}
        </Button>
      )}
    </li>
  );
}
