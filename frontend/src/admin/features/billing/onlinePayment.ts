// Where an invoice's online payment stands, as the Billing page reads it: which invoices can be
// paid, whether a payment has settled, and waiting for it to settle. YooKassa may confirm a paid
// payment a few seconds after its widget said so, which is why the page asks more than once.
import type { InvoiceView } from '@aimax/backend/contracts';

/** Only an invoice still waiting for its money can be paid. */
export const isPayable = (invoice: Pick<InvoiceView, 'status'>) =>
  invoice.status === 'issued' || invoice.status === 'overdue';

/** An unpaid invoice whose payment was started and has not been settled yet. */
export const awaitsPayment = (invoice: Pick<InvoiceView, 'status' | 'onlinePayment'>) =>
  isPayable(invoice) && (invoice.onlinePayment?.status === 'creating' || invoice.onlinePayment?.status === 'pending');

/** An invoice as a check found it: paid, its payment cancelled (`onlinePayment.reason` says why), or neither yet. */
export type Settlement =
  | { kind: 'paid'; invoice: InvoiceView }
  | { kind: 'failed'; invoice: InvoiceView }
  | { kind: 'pending' };

export function settlementOf(invoice: InvoiceView): Settlement {
  if (invoice.status === 'paid') return { kind: 'paid', invoice };
  if (invoice.onlinePayment?.status === 'canceled') return { kind: 'failed', invoice };
  return { kind: 'pending' };
}

interface AwaitOptions {
  intervalMs: number;
  /** After this long, `pending` is the answer: YooKassa's notification will settle it later. */
  timeoutMs: number;
  /** Stops the waiting (the dialog closed): the promise then rejects with the abort's reason. */
  signal: AbortSignal;
}

/** Checks at once and then every `intervalMs` until the payment settles or `timeoutMs` is up. */
export async function awaitSettlement(
  check: () => Promise<InvoiceView>,
  { intervalMs, timeoutMs, signal }: AwaitOptions,
): Promise<Settlement> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A check that failed, say on a dropped connection, tells no more than a pending one: the next may.
    const settlement = await check().then(settlementOf, (): Settlement => ({ kind: 'pending' }));
    signal.throwIfAborted();
    if (settlement.kind !== 'pending' || Date.now() + intervalMs > deadline) return settlement;
    await delay(intervalMs, signal);
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Whether an invoice unpaid in `before` is paid in `after`: its plan has just come into force. */
export function paidSince(before: readonly InvoiceView[], after: readonly InvoiceView[]): boolean {
  const unpaid = new Set(before.filter((invoice) => invoice.status !== 'paid').map((invoice) => invoice.id));
  return after.some((invoice) => invoice.status === 'paid' && unpaid.has(invoice.id));
}

/** A reason the API words to follow «Оплата не прошла: », as a sentence of its own. */
export const asSentence = (reason: string) => reason.charAt(0).toLocaleUpperCase('ru') + reason.slice(1);
