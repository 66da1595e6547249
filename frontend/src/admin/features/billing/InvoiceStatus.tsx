// An invoice's state as both the owner's history and the superadmin's list show it: a badge, and
// the date that matters in that state (when to pay by, when and how it was paid, when it was
// cancelled).
import type { InvoiceView } from '@aimax/backend/contracts';
import type { InvoiceStatus } from '@/lib/api';
import { formatNumericDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Badge, type BadgeTone } from '@/lib/ui/Badge';
import { cx } from '@/lib/ui/cx';
import { isPayable } from './onlinePayment';

const tones: Record<InvoiceStatus, BadgeTone> = {
  issued: 'warning',
  overdue: 'danger',
  paid: 'success',
  cancelled: 'neutral',
};

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return (
    <Badge dot tone={tones[status]}>
      {t.invoiceStatuses[status]}
    </Badge>
  );
}

type Noted = Pick<
  InvoiceView,
  'status' | 'dueAt' | 'paidAt' | 'cancelledAt' | 'cancelReason' | 'paidVia' | 'onlinePayment'
>;

function noteOf(invoice: Noted): string {
  const text = t.billing.history;
  if (invoice.status === 'paid') return text.paidOn(formatNumericDate(invoice.paidAt));
  if (invoice.status === 'cancelled') return text.cancelledOn(formatNumericDate(invoice.cancelledAt));
  return text.dueBy(formatNumericDate(invoice.dueAt));
}

/**
 * «до 17.03.2026», «оплачен 05.03.2026 · онлайн»; a cancelled invoice also says why, and an unpaid
 * one why its last online payment failed, so the owner knows what to try next.
 */
export function InvoiceStatusNote({ invoice, className }: { invoice: Noted; className?: string }) {
  const text = t.billing.history;
  const failedPayment =
    isPayable(invoice) && invoice.onlinePayment?.status === 'canceled' ? invoice.onlinePayment : null;
  return (
    <span className={cx('text-xs text-zinc-500', className)}>
      <span className={invoice.status === 'overdue' ? 'text-red-600' : undefined}>{noteOf(invoice)}</span>
      {invoice.status === 'paid' && invoice.paidVia && ` · ${text.paidVia[invoice.paidVia]}`}
      {invoice.status === 'cancelled' && invoice.cancelReason && (
        <span className="block max-w-36 truncate" title={invoice.cancelReason}>
          {invoice.cancelReason}
        </span>
      )}
      {failedPayment && (
        <span className="mt-0.5 block max-w-56 whitespace-normal text-red-600">
          {text.onlineFailed(failedPayment.reason)}
        </span>
      )}
    </span>
  );
}
