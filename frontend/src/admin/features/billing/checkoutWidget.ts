// YooKassa's checkout widget: the payment form it renders into a page, and its script. The script
// comes from the address the API names and is loaded only once an owner starts a payment, so no
// other page talks to YooKassa; loaded once, it serves every later payment.
import { t } from '@/lib/i18n';

/** What the widget calls `error_callback` with: an initialisation failure, such as an expired token. */
export interface CheckoutWidgetError {
  error: string;
}

export interface CheckoutWidgetOptions {
  /** The payment's single-use token, from `startOnlinePayment`. */
  confirmation_token: string;
  error_callback(error: CheckoutWidgetError): void;
  /** `modal: false` renders the form into a container of ours rather than YooKassa's own pop-up. */
  customization?: { modal?: boolean };
}

/** The part of the widget we use: with no `return_url`, it reports the outcome through these events. */
export interface CheckoutWidget {
  on(event: 'success' | 'fail', listener: () => void): void;
  /** Renders the form into the element with this id; resolves once it is shown. */
  render(containerId: string): Promise<void>;
  destroy(): void;
}

export type CheckoutWidgetClass = new (options: CheckoutWidgetOptions) => CheckoutWidget;

declare global {
  interface Window {
    /** Set by YooKassa's script. */
    YooMoneyCheckoutWidget?: CheckoutWidgetClass;
  }
}

let loading: Promise<CheckoutWidgetClass> | null = null;

/** The widget's class, its script added to the page on the first call; rejects with a Russian message. */
export function loadCheckoutWidget(url: string): Promise<CheckoutWidgetClass> {
  const loaded = window.YooMoneyCheckoutWidget;
  if (loaded) return Promise.resolve(loaded);
  if (loading) return loading;

  const promise = new Promise<CheckoutWidgetClass>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    const fail = () => {
      script.remove();
      reject(new Error(t.billing.online.scriptFailed));
    };
    script.onload = () => {
      const widget = window.YooMoneyCheckoutWidget;
      if (widget) resolve(widget);
      else fail();
    };
    script.onerror = fail;
    document.head.append(script);
  });
  loading = promise;
  // A failed load is not kept: the next payment tries the script afresh, say once back online.
  promise.catch(() => {
    if (loading === promise) loading = null;
  });
  return promise;
}
