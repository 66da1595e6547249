// A loopback stand-in for YooKassa: its API v3 (https://yookassa.ru/developers/api) at `<url>/v3`,
// and a stand-in of its checkout widget at `<url>/checkout-widget/v1/checkout-widget.js`.
//
// As YooKassa does: requests are authenticated with HTTP Basic (shop id and secret key); every POST
// needs an `Idempotence-Key`, and a repeat with the same key answers the first request's result
// (with other parameters, 400); amounts are strings in roubles with two decimals; a payment made
// with `confirmation.type = embedded` answers a `confirmation_token`; errors are
// `{ type: 'error', id, code, description, parameter }` (400 invalid_request, 401
// invalid_credentials, 404 not_found, 429 too_many_requests); a refund needs a succeeded payment
// and no more than was paid; notifications are `{ type: 'notification', event, object }` POSTed to
// the shop's URL. Not simulated: capture of two-stage payments, saved methods, deals, payouts.
//
// The widget stand-in renders, in the container, a frame of this server's own origin (as the real
// one draws yookassa.ru's) with «Оплатить» and «Отказаться» buttons. The frame tells the server,
// which settles the payment and, when a notification URL is set, notifies it; then the frame tells
// the page, and the widget fires `success` or `fail`, then `complete`.
//
// The test drives the rest: it pays or cancels payments itself, sends notifications (again, late,
// never), makes the next calls answer 429 or 500, or asks for receipts to be required.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface FakeYooPayment {
  id: string;
  status: 'pending' | 'succeeded' | 'canceled';
  paid: boolean;
  amount: { value: string; currency: string };
  description?: string;
  metadata: Record<string, string>;
  confirmation: { type: 'embedded'; confirmation_token: string };
  payment_method?: { type: string; id: string; saved: boolean; title: string };
  cancellation_details?: { party: string; reason: string };
  receipt?: unknown;
  created_at: string;
  captured_at?: string;
  refunded_amount?: { value: string; currency: string };
  test: boolean;
}

export interface FakeYooRefund {
  id: string;
  payment_id: string;
  status: 'pending' | 'succeeded' | 'canceled';
  amount: { value: string; currency: string };
  created_at: string;
}

export interface FakeYooKassa {
  url: string;
  /** The app's YOOKASSA_API_URL and YOOKASSA_WIDGET_URL. */
  apiUrl: string;
  /** The app's variables for this shop: its id and key, the API and the widget. */
  env: Record<'YOOKASSA_SHOP_ID' | 'YOOKASSA_SECRET_KEY' | 'YOOKASSA_API_URL' | 'YOOKASSA_WIDGET_URL', string>;
  widgetUrl: string;
  shopId: string;
  secretKey: string;
  payments: Map<string, FakeYooPayment>;
  refunds: Map<string, FakeYooRefund>;
  /** Every creation request as it came, body and key (retries included). */
  created: { key: string; body: Record<string, unknown> }[];
  /** Where notifications go; the widget's payments notify it when set. */
  notificationUrl: string | null;
  /** The checkout's payments are left pending, unnotified, until the test settles them. */
  holdCheckout: boolean;
  /** Payments without a receipt are refused, as for a shop with 54-ФЗ receipts on. */
  requireReceipts: boolean;
  /** Refunds are created pending, as YooKassa's can be, until the test settles them. */
  holdRefunds: boolean;
  /** The next `count` API requests answer `status` instead (429, a 5xx, or a 4xx refusal). */
  failNext(count: number, status?: number): void;
  succeed(paymentId: string, method?: { type: string; title: string }): FakeYooPayment;
  cancel(paymentId: string, reason?: string): FakeYooPayment;
  /** POSTs the payment's notification (`payment.<status>`) to `notificationUrl`; answers the status. */
  notify(paymentId: string, options?: { event?: string; body?: unknown; url?: string }): Promise<number>;
  close(): Promise<void>;
}

const money = (value: string) => Math.round(Number(value) * 100);
const roubles = (kopecks: number) => `${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, '0')}`;

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function error(response: ServerResponse, status: number, code: string, description: string, parameter?: string) {
  json(response, status, { type: 'error', id: randomUUID(), code, description, ...(parameter ? { parameter } : {}) });
}

// The frame is drawn from the origin the script was loaded from, so a test that loads it by
// another host name (localhost for 127.0.0.1) gets a frame of another site than the page's.
const WIDGET_SCRIPT = `
(function () {
  var origin = new URL(document.currentScript.src).origin;
  function YooMoneyCheckoutWidget(options) {
    if (!options || !options.confirmation_token) throw new Error('confirmation_token is required');
    this.options = options;
    this.handlers = {};
    this.onMessage = null;
    this.frame = null;
  }
  YooMoneyCheckoutWidget.prototype.on = function (event, handler) {
    (this.handlers[event] = this.handlers[event] || []).push(handler);
  };
  YooMoneyCheckoutWidget.prototype.emit = function (event, payload) {
    (this.handlers[event] || []).forEach(function (handler) { handler(payload); });
  };
  YooMoneyCheckoutWidget.prototype.render = function (containerId) {
    var self = this;
    var container = document.getElementById(containerId);
    if (!container) {
      self.options.error_callback && self.options.error_callback({ error: 'internal_service_error' });
      return Promise.reject(new Error('no container'));
    }
    self.frame = document.createElement('iframe');
    self.frame.title = 'ЮKassa';
    self.frame.style.width = '100%';
    self.frame.style.height = '320px';
    self.frame.style.border = '0';
    self.frame.src = origin + '/checkout/' + encodeURIComponent(self.options.confirmation_token);
    self.onMessage = function (event) {
      if (event.origin !== origin || event.source !== self.frame.contentWindow) return;
      var data = event.data || {};
      if (data.status === 'success') self.emit('success');
      else if (data.status === 'fail') self.emit('fail');
      else return;
      self.emit('complete');
    };
    window.addEventListener('message', self.onMessage);
    container.appendChild(self.frame);
    return new Promise(function (resolve) { self.frame.onload = function () { resolve(); }; });
  };
  YooMoneyCheckoutWidget.prototype.destroy = function () {
    if (this.onMessage) window.removeEventListener('message', this.onMessage);
    if (this.frame && this.frame.parentNode) this.frame.parentNode.removeChild(this.frame);
    this.frame = null;
  };
  window.YooMoneyCheckoutWidget = YooMoneyCheckoutWidget;
})();
`;

const CHECKOUT_PAGE = (payment: FakeYooPayment, token: string) => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>ЮKassa</title>
<style>body{font:15px system-ui,sans-serif;margin:0;padding:16px;color:#111}
button{font:inherit;padding:10px 16px;margin-right:8px;border-radius:8px;border:1px solid #888;background:#fff}
#pay{background:#2b5cff;color:#fff;border-color:#2b5cff}</style></head>
<body><p>Тестовая оплата ЮKassa</p><p id="amount">${payment.amount.value} ₽</p>
<button id="pay" type="button">Оплатить</button><button id="decline" type="button">Отказаться</button>
<p id="state" role="status"></p>
<script>
function finish(outcome) {
  fetch(location.pathname + '/' + outcome, { method: 'POST' }).then(function (r) { return r.json(); })
    .then(function (result) {
      document.getElementById('state').textContent = result.status;
      parent.postMessage({ status: outcome === 'pay' ? 'success' : 'fail' }, '*');
    });
}
document.getElementById('pay').onclick = function () { finish('pay'); };
document.getElementById('decline').onclick = function () { finish('decline'); };
</script><!-- ${token} --></body></html>`;

export async function startFakeYooKassa(): Promise<FakeYooKassa> {
  const shopId = '506751';
  const secretKey = `test_${randomUUID().replace(/-/g, '')}`;
  const authorization = `Basic ${Buffer.from(`${shopId}:${secretKey}`).toString('base64')}`;
  const payments = new Map<string, FakeYooPayment>();
  const refunds = new Map<string, FakeYooRefund>();
  const byKey = new Map<string, { body: string; status: number; answer: unknown }>();
  const created: FakeYooKassa['created'] = [];
  let failing = { count: 0, status: 429 };

  const fake = {} as FakeYooKassa;

  function paymentByToken(token: string) {
    return [...payments.values()].find((payment) => payment.confirmation.confirmation_token === token);
  }

  function succeed(paymentId: string, method = { type: 'bank_card', title: 'Bank card *4444' }) {
    const payment = payments.get(paymentId);
    if (!payment) throw new Error(`fake YooKassa: no payment ${paymentId}`);
    if (payment.status !== 'pending') return payment;
    payment.status = 'succeeded';
    payment.paid = true;
    payment.captured_at = new Date().toISOString();
    payment.payment_method = { ...method, id: payment.id, saved: false };
    return payment;
  }

  function cancel(paymentId: string, reason = 'insufficient_funds') {
    const payment = payments.get(paymentId);
    if (!payment) throw new Error(`fake YooKassa: no payment ${paymentId}`);
    if (payment.status !== 'pending') return payment;
    payment.status = 'canceled';
    payment.cancellation_details = { party: 'payment_network', reason };
    return payment;
  }

  async function notify(paymentId: string, options: { event?: string; body?: unknown; url?: string } = {}) {
    const payment = payments.get(paymentId);
    const target = options.url ?? fake.notificationUrl;
    if (!target) throw new Error('fake YooKassa: no notification URL');
    const body = options.body ?? {
      type: 'notification',
      event: options.event ?? `payment.${payment?.status ?? 'succeeded'}`,
      object: payment,
    };
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** Runs a POST once per idempotence key: a repeat answers the first result. */
  async function idempotent(
    request: IncomingMessage,
    response: ServerResponse,
    make: (body: Record<string, unknown>, key: string) => { status: number; answer: unknown },
  ) {
    const key = request.headers['idempotence-key'];
    if (typeof key !== 'string' || key.length === 0 || key.length > 64) {
      return error(response, 400, 'invalid_request', 'Idempotence key is missing or illegal', 'Idempotence-Key');
    }
    const raw = ((await bodyOf(request)) ?? {}) as Record<string, unknown>;
    const text = JSON.stringify(raw);
    const seen = byKey.get(key);
    if (seen) {
      if (seen.body !== text) {
        return error(
          response,
          400,
          'invalid_request',
          'Idempotence key duplicated with another request',
          'Idempotence-Key',
        );
      }
      return json(response, seen.status, seen.answer);
    }
    const result = make(raw, key);
    if (result.status < 500) byKey.set(key, { body: text, ...result });
    return json(response, result.status, result.answer);
  }

  const invalid = (description: string, parameter: string) => ({
    status: 400,
    answer: { type: 'error', id: randomUUID(), code: 'invalid_request', description, parameter },
  });

  function createPayment(body: Record<string, unknown>, key: string) {
    created.push({ key, body });
    const amount = body.amount as { value?: unknown; currency?: unknown } | undefined;
    if (typeof amount?.value !== 'string' || !/^\d+\.\d{2}$/.test(amount.value) || Number(amount.value) <= 0) {
      return invalid('Amount value is illegal', 'amount.value');
    }
    if (amount.currency !== 'RUB') return invalid('Currency is not supported by the shop', 'amount.currency');
    const confirmation = body.confirmation as { type?: unknown } | undefined;
    if (confirmation?.type !== 'embedded') return invalid('Confirmation type is not supported', 'confirmation.type');
    if (typeof body.description === 'string' && body.description.length > 128) {
      return invalid('Description is too long', 'description');
    }
    if (fake.requireReceipts && !body.receipt) return invalid('Receipt is missing or illegal', 'receipt');
    const id = `${randomUUID().slice(0, 8)}-000f-5000-9000-${randomUUID().slice(-12)}`;
    const payment: FakeYooPayment = {
      id,
      status: 'pending',
      paid: false,
      amount: { value: amount.value, currency: 'RUB' },
      description: body.description as string | undefined,
      metadata: (body.metadata ?? {}) as Record<string, string>,
      confirmation: { type: 'embedded', confirmation_token: `ct-${randomUUID()}` },
      ...(body.receipt ? { receipt: body.receipt } : {}),
      created_at: new Date().toISOString(),
      test: true,
    };
    payments.set(id, payment);
    return { status: 200, answer: payment };
  }

  function createRefund(body: Record<string, unknown>) {
    const payment = payments.get(String(body.payment_id ?? ''));
    if (!payment) return invalid('Payment not found', 'payment_id');
    if (payment.status !== 'succeeded') return invalid('Payment is not succeeded', 'payment_id');
    const amount = body.amount as { value?: string; currency?: string } | undefined;
    const refunded = money(payment.refunded_amount?.value ?? '0');
    if (!amount?.value || money(amount.value) + refunded > money(payment.amount.value)) {
      return invalid('Refund amount exceeds the payment amount', 'amount.value');
    }
    const refund: FakeYooRefund = {
      id: `${randomUUID().slice(0, 8)}-0015-5000-8000-${randomUUID().slice(-12)}`,
      payment_id: payment.id,
      status: fake.holdRefunds ? 'pending' : 'succeeded',
      amount: { value: amount.value, currency: 'RUB' },
      created_at: new Date().toISOString(),
    };
    refunds.set(refund.id, refund);
    payment.refunded_amount = { value: roubles(refunded + money(amount.value)), currency: 'RUB' };
    return { status: 200, answer: refund };
  }

  async function api(request: IncomingMessage, response: ServerResponse, path: string) {
    if (request.headers.authorization !== authorization) {
      return error(response, 401, 'invalid_credentials', 'Login or password is incorrect');
    }
    if (failing.count > 0) {
      failing.count -= 1;
      if (failing.status === 429) return error(response, 429, 'too_many_requests', 'Too many requests');
      if (failing.status < 500) return error(response, failing.status, 'invalid_request', 'Request is illegal');
      return error(response, failing.status, 'internal_server_error', 'Internal server error');
    }
    const method = request.method ?? 'GET';
    if (method === 'POST' && path === '/payments') return idempotent(request, response, createPayment);
    if (method === 'POST' && path === '/refunds') return idempotent(request, response, createRefund);
    const payment = /^\/payments\/([^/]+)$/.exec(path);
    if (method === 'GET' && payment) {
      const found = payments.get(decodeURIComponent(payment[1] as string));
      return found ? json(response, 200, found) : error(response, 404, 'not_found', 'Payment not found');
    }
    const refund = /^\/refunds\/([^/]+)$/.exec(path);
    if (method === 'GET' && refund) {
      const found = refunds.get(decodeURIComponent(refund[1] as string));
      return found ? json(response, 200, found) : error(response, 404, 'not_found', 'Refund not found');
    }
    return error(response, 404, 'not_found', `No ${method} ${path}`);
  }

  async function checkout(request: IncomingMessage, response: ServerResponse, path: string) {
    const match = /^\/checkout\/([^/]+)(?:\/(pay|decline))?$/.exec(path);
    const token = decodeURIComponent(match?.[1] ?? '');
    const payment = paymentByToken(token);
    if (!match || !payment) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      return response.end('Платёж не найден');
    }
    if (!match[2]) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(CHECKOUT_PAGE(payment, token));
    }
    if (request.method !== 'POST') return error(response, 405, 'invalid_request', 'POST only');
    if (!fake.holdCheckout) {
      if (match[2] === 'pay') succeed(payment.id);
      else cancel(payment.id, 'canceled_by_merchant');
      if (fake.notificationUrl) await notify(payment.id).catch(() => undefined);
    }
    return json(response, 200, { status: payment.status });
  }

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = url.pathname;
    const handle = path.startsWith('/v3/')
      ? api(request, response, path.slice(3))
      : path === '/checkout-widget/v1/checkout-widget.js'
        ? Promise.resolve().then(() => {
            response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
            response.end(WIDGET_SCRIPT);
          })
        : checkout(request, response, path);
    handle.catch((failure: unknown) => {
      if (!response.headersSent) error(response, 500, 'internal_server_error', String(failure));
      else response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('fake YooKassa: no address');
  const url = `http://127.0.0.1:${address.port}`;

  return Object.assign(fake, {
    url,
    apiUrl: `${url}/v3`,
    widgetUrl: `${url}/checkout-widget/v1/checkout-widget.js`,
    env: {
      YOOKASSA_SHOP_ID: shopId,
      YOOKASSA_SECRET_KEY: secretKey,
      YOOKASSA_API_URL: `${url}/v3`,
      YOOKASSA_WIDGET_URL: `${url}/checkout-widget/v1/checkout-widget.js`,
    },
    shopId,
    secretKey,
    payments,
    refunds,
    created,
    notificationUrl: null,
    holdCheckout: false,
    requireReceipts: false,
    holdRefunds: false,
    failNext(count: number, status = 429) {
      failing = { count, status };
    },
    succeed,
    cancel,
    notify,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
