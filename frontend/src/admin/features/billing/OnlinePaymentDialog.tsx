// Paying an invoice online: YooKassa's checkout widget in a dialog, then the outcome as the API
// settles it. The widget's «success» means only that the buyer confirmed: the invoice is paid once
// the API has it from YooKassa, which may take a few seconds, hence the checks. A failed payment's
// token is spent, so trying again starts a new payment. Once the dialog is closed it says nothing
// more: the history reloads and keeps an eye on a payment still pending.
import type { InvoiceView } from '@aimax/backend/contracts';
import { Lock, RotateCw } from 'lucide-react';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { formatKopecks } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { Spinner } from '@/lib/ui/Spinner';
import { type CheckoutWidget, loadCheckoutWidget } from './checkoutWidget';
import { asSentence, awaitSettlement, settlementOf } from './onlinePayment';

const text = t.billing.online;

/** The element YooKassa renders its payment form into. */
export const CHECKOUT_CONTAINER_ID = 'yookassa-checkout';
const CHECK_INTERVAL_MS = 2000;
const CHECK_TIMEOUT_MS = 30_000;

/** A payment just started for an invoice; kept after closing, so the text stays while it fades out. */
export interface OnlinePaymentTarget {
  invoice: InvoiceView;
  confirmationToken: string;
  widgetUrl: string;
  open: boolean;
}

interface OnlinePaymentDialogProps {
  payment: OnlinePaymentTarget | null;
  onClose(): void;
  /** The invoice as the API answered once it was paid: its plan is in force. */
  onPaid(invoice: InvoiceView): void;
}

export function OnlinePaymentDialog({ payment, onClose, onPaid }: OnlinePaymentDialogProps) {
  const invoice = payment?.invoice;
  return (
    <Dialog
      open={payment?.open ?? false}
      onClose={onClose}
      title={invoice ? text.title(invoice.number) : ''}
      description={invoice && <PaymentSummary invoice={invoice} />}
    >
      {payment && <OnlinePayment key={payment.confirmationToken} payment={payment} onClose={onClose} onPaid={onPaid} />}
    </Dialog>
  );
}

function PaymentSummary({ invoice }: { invoice: InvoiceView }) {
  return (
    <>
      {t.billing.invoice.summary(t.plans[invoice.plan], t.months(invoice.termMonths))}{' '}
      {/* The separator goes with the amount when the line breaks, rather than hang at its end. */}
      <span className="whitespace-nowrap">
        {'· '}
        <span className="font-medium text-zinc-900 tabular-nums">{formatKopecks(invoice.amountKopecks)}</span>
      </span>
    </>
  );
}

type Phase =
  | { kind: 'form'; token: string }
  | { kind: 'checking' }
  /** Still pending once the checks gave up: YooKassa's notification will settle it. */
  | { kind: 'processing' }
  | { kind: 'failed'; title?: string; message: string; canRetry: boolean };

const declined = (reason: string | null | undefined): Phase => ({
  kind: 'failed',
  title: text.failedTitle,
  message: reason ? asSentence(reason) : text.failedText,
  canRetry: true,
});

interface OnlinePaymentProps {
  payment: OnlinePaymentTarget;
  onClose(): void;
  onPaid(invoice: InvoiceView): void;
}

function OnlinePayment({ payment, onClose, onPaid }: OnlinePaymentProps) {
  const { invoice, widgetUrl } = payment;
  const [phase, setPhase] = useState<Phase>({ kind: 'form', token: payment.confirmationToken });
  const [restarting, setRestarting] = useState(false);
  const closed = useUnmountSignal();
  const check = () => api.billing.checkOnlinePayment(invoice.id).then((checked) => checked.invoice);

  const confirmSuccess = async () => {
    setPhase({ kind: 'checking' });
    const signal = closed();
    const settlement = await awaitSettlement(check, {
      intervalMs: CHECK_INTERVAL_MS,
      timeoutMs: CHECK_TIMEOUT_MS,
      signal,
    }).catch(() => null);
    if (!settlement || signal.aborted) return;
    if (settlement.kind === 'paid') onPaid(settlement.invoice);
    else if (settlement.kind === 'failed') setPhase(declined(settlement.invoice.onlinePayment?.reason));
    else setPhase({ kind: 'processing' });
  };

  const confirmFailure = async () => {
    setPhase({ kind: 'checking' });
    const signal = closed();
    const checked = await check().catch(() => null);
    if (signal.aborted) return;
    // The widget has given up on this payment; the check is for the reason (or a late success).
    const settlement = checked ? settlementOf(checked) : null;
    if (settlement?.kind === 'paid') onPaid(settlement.invoice);
    else setPhase(declined(checked?.onlinePayment?.reason));
  };

  const restart = async () => {
    setRestarting(true);
    try {
      const started = await api.billing.startOnlinePayment(invoice.id);
      setPhase({ kind: 'form', token: started.confirmationToken });
    } catch (caught) {
      const error = toApiError(caught);
      // Paid or cancelled meanwhile: there is nothing to try again.
      setPhase({ kind: 'failed', message: error.message, canRetry: error.code !== 'INVOICE_NOT_PAYABLE' });
    } finally {
      setRestarting(false);
    }
  };

  if (phase.kind === 'form') {
    return (
      <CheckoutForm
        key={phase.token}
        widgetUrl={widgetUrl}
        token={phase.token}
        onSuccess={confirmSuccess}
        onFail={confirmFailure}
        onError={(message) => setPhase({ kind: 'failed', message, canRetry: true })}
      />
    );
  }
  if (phase.kind === 'checking') {
    return (
      <div role="status" className="flex flex-col items-center gap-3 py-10 text-center">
        <Spinner size={28} className="text-brand-600" />
        <div>
          <p className="font-medium text-zinc-900">{text.checking}</p>
          <p className="mt-1 text-sm text-zinc-500">{text.checkingHint}</p>
        </div>
      </div>
    );
  }
  if (phase.kind === 'processing') {
    return (
      <>
        <Alert tone="info" title={text.processingTitle}>
          {text.processingText}
        </Alert>
        <DialogActions>
          <Button onClick={onClose}>{t.common.close}</Button>
        </DialogActions>
      </>
    );
  }
  return (
    <>
      <Alert title={phase.title}>{phase.message}</Alert>
      <DialogActions>
        <Button variant={phase.canRetry ? 'secondary' : 'primary'} onClick={onClose} disabled={restarting}>
          {t.common.close}
        </Button>
        {phase.canRetry && (
          <Button icon={RotateCw} loading={restarting} onClick={restart}>
            {text.retry}
          </Button>
        )}
      </DialogActions>
    </>
  );
}

/** Aborted once the component unmounts (the dialog closed), for the work it started. */
function useUnmountSignal(): () => AbortSignal {
  const controller = useRef<AbortController | null>(null);
  useEffect(() => {
    const current = new AbortController();
    controller.current = current;
    return () => current.abort();
  }, []);
  return () => controller.current?.signal ?? AbortSignal.abort();
}

interface CheckoutFormProps {
  widgetUrl: string;
  token: string;
  onSuccess(): void;
  onFail(): void;
  /** The form could not be shown: its script did not load, or YooKassa refused the token. */
  onError(message: string): void;
}

/** YooKassa's form for one payment token, taken down again when it unmounts. */
function CheckoutForm({ widgetUrl, token, onSuccess, onFail, onError }: CheckoutFormProps) {
  const [shown, setShown] = useState(false);
  const succeeded = useEffectEvent(onSuccess);
  const failed = useEffectEvent(onFail);
  const broke = useEffectEvent(onError);

  useEffect(() => {
    // False once unmounted: a form whose script comes later (as when development mounts it twice)
    // is not made, and a taken-down form's events are not heard.
    let active = true;
    let checkout: CheckoutWidget | null = null;
    const whileActive = (event: () => void) => () => {
      if (active) event();
    };
    loadCheckoutWidget(widgetUrl).then(
      (Widget) => {
        if (!active) return;
        checkout = new Widget({
          confirmation_token: token,
          error_callback: whileActive(() => broke(text.widgetFailed)),
          customization: { modal: false },
        });
        checkout.on(
          'success',
          whileActive(() => succeeded()),
        );
        checkout.on(
          'fail',
          whileActive(() => failed()),
        );
        checkout.render(CHECKOUT_CONTAINER_ID).then(
          whileActive(() => setShown(true)),
          whileActive(() => broke(text.widgetFailed)),
        );
      },
      (error: Error) => {
        if (active) broke(error.message);
      },
    );
    return () => {
      active = false;
      checkout?.destroy();
    };
  }, [widgetUrl, token]);

  return (
    <>
      {/* YooKassa's form has margins of its own: on a phone it borrows some of the dialog's. */}
      <div className={cx('relative -mx-4 sm:mx-0', !shown && 'min-h-72')}>
        {!shown && (
          <div role="status" className="absolute inset-0 flex flex-col items-center justify-center gap-3 bg-white">
            <Spinner size={28} className="text-brand-600" />
            <p className="text-sm text-zinc-500">{text.loading}</p>
          </div>
        )}
        <div id={CHECKOUT_CONTAINER_ID} />
      </div>
      <p className="mt-4 flex items-center justify-center gap-1.5 text-center text-xs text-zinc-500">
        <Lock aria-hidden size={13} className="shrink-0 text-zinc-400" />
        {text.secure}
      </p>
    </>
  );
}
