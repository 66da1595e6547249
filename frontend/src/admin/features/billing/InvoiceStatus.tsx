// An invoice's state as both the owner's history and the superadmin's list show it: a badge, and
// the date that matters in that state (when to pay by, when it was paid or cancelled).
import type { InvoiceView } from '@aimax/backend/contracts';
import type { InvoiceStatus } from '@/lib/api';
import { formatNumericDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Badge, type BadgeTone } from '@/lib/ui/Badge';
import { cx } from '@/lib/ui/cx';

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

type Dated = Pick<InvoiceView, 'status' | 'dueAt' | 'paidAt' | 'cancelledAt' | 'cancelReason'>;

function noteOf(invoice: Dated): string {
  const text = t.billing.history;
  if (invoice.status === 'paid') return text.paidOn(formatNumericDate(invoice.paidAt));
  if (invoice.status === 'cancelled') return text.cancelledOn(formatNumericDate(invoice.cancelledAt));
  return text.dueBy(formatNumericDate(invoice.dueAt));
}

/** «оплатить до 17.03.2026», «оплачен 05.03.2026»; a cancelled invoice also says why. */
export function InvoiceStatusNote({ invoice, className }: { invoice: Dated; className?: string }) {
  return (
    <span className={cx('text-xs', invoice.status === 'overdue' ? 'text-red-600' : 'text-zinc-500', className)}>
      {noteOf(invoice)}
      {invoice.status === 'cancelled' && invoice.cancelReason && (
        <span className="block max-w-36 truncate" title={invoice.cancelReason}>
          {invoice.cancelReason}
        </span>
      )}
    </span>
  );
}
