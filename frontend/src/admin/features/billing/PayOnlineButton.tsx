import type { InvoiceView } from '@aimax/backend/contracts';
import { CreditCard } from 'lucide-react';
import { useState } from 'react';
import { t } from '@/lib/i18n';
import { Button } from '@/lib/ui/Button';

interface PayOnlineButtonProps {
  invoice: InvoiceView;
  /** Starts the payment; the button waits until it has. */
  onPay(invoice: InvoiceView): Promise<void>;
  className?: string;
}

export function PayOnlineButton({ invoice, onPay, className }: PayOnlineButtonProps) {
  const text = t.billing.online;
  const [busy, setBusy] = useState(false);
  const pay = async () => {
    setBusy(true);
    try {
      await onPay(invoice);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="sm"
      icon={CreditCard}
      loading={busy}
      onClick={pay}
      aria-label={text.payLabel(invoice.number)}
      className={className}
    >
      {text.pay}
    </Button>
  );
}
