// How a YooKassa payment was made, in Russian: its `payment_method.type` named as the buyer knows
// it, with YooKassa's own title of the method (a card's last digits, say) beside it.
import { t } from '@/lib/i18n';

const names = new Map(Object.entries(t.platform.invoices.methods));

/** «bank_card» → «Банковская карта»; a type we have no name for is shown as YooKassa sends it. */
export const paymentMethodName = (method: string): string => names.get(method) ?? method;

/** «Банковская карта · Bank card *4444»; null when YooKassa has not said yet. */
export function describePaymentMethod(method: string | null, title: string | null): string | null {
  const parts = [method && paymentMethodName(method), title].filter((part) => part);
  return parts.length > 0 ? parts.join(' · ') : null;
}
