// The invoice history while a payment is under way: reloaded every few seconds so that
// YooKassa's later confirmation shows without a reload of the page, and the plan above reloaded
// as soon as the history shows an invoice newly paid, however that came to be seen.
import type { InvoiceListView, InvoiceView } from '@aimax/backend/contracts';
import { useEffect, useEffectEvent, useRef } from 'react';
import type { Resource } from '@/lib/useResource';
import { awaitsPayment, paidSince } from './onlinePayment';

const RELOAD_MS = 10_000;

export function usePaymentUpdates(invoices: Resource<InvoiceListView>, onPaid: () => void) {
  const { data, reload } = invoices;
  const awaiting = data?.invoices.some(awaitsPayment) ?? false;

  useEffect(() => {
    if (!awaiting) return;
    const timer = setInterval(() => {
      // A tab in the background is not worth the requests; it catches up at the first tick once shown.
      if (!document.hidden) reload();
    }, RELOAD_MS);
    return () => clearInterval(timer);
  }, [awaiting, reload]);

  const paid = useEffectEvent(onPaid);
  const seen = useRef<readonly InvoiceView[] | null>(null);
  useEffect(() => {
    if (!data) return;
    if (seen.current && paidSince(seen.current, data.invoices)) paid();
    seen.current = data.invoices;
  }, [data]);
}
