// A small typed client for the YooKassa API v3 calls online payment makes
// (https://yookassa.ru/developers/api): create and read a payment, create and read a refund. Field
// names are the docs'. Requests are authenticated with HTTP Basic (shop id, secret key); each POST
// carries an Idempotence-Key, so the retries here (a lost answer, a 429, a 5xx, which YooKassa asks
// to repeat with the same key) never make a second payment or refund. Errors never quote the key.

export interface YooAmount {
  /** Roubles with two decimals, as a string: `"1490.00"`. */
  value: string;
  currency: string;
}

export type YooPaymentStatus = 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';

export interface YooPayment {
  id: string;
  status: YooPaymentStatus;
  paid: boolean;
  amount: YooAmount;
  description?: string;
  metadata?: Record<string, string>;
  confirmation?: { type: string; confirmation_token?: string };
  payment_method?: { type: string; id?: string; title?: string };
  cancellation_details?: { party: string; reason: string };
  created_at: string;
  captured_at?: string;
  test?: boolean;
}

export interface YooRefund {
  id: string;
  payment_id: string;
  status: 'pending' | 'succeeded' | 'canceled';
  amount: YooAmount;
  created_at: string;
  cancellation_details?: { party: string; reason: string };
}

export interface YooReceipt {
  customer: { email: string };
  items: {
    description: string;
    quantity: number;
    amount: YooAmount;
    vat_code: number;
    payment_subject: 'service';
    payment_mode: 'full_payment';
  }[];
  tax_system_code?: number;
}

export interface CreatePaymentBody {
  amount: YooAmount;
  capture: true;
  confirmation: { type: 'embedded' };
  description: string;
  metadata: Record<string, string>;
  receipt?: YooReceipt;
}

/** A refusal (4xx with YooKassa's error object) or an outage (network, timeout, 5xx, 429). */
export class YooKassaError extends Error {
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** YooKassa's error code (`invalid_request`, `not_found`, `too_many_requests`…). */
  readonly code: string | undefined;
  readonly description: string | undefined;
  /** How long the answer's Retry-After asked to wait, capped. */
  readonly retryAfterMs: number;
  constructor(
    status: number,
    message: string,
    details: { code?: string; description?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'YooKassaError';
    this.status = status;
    this.code = details.code;
    this.description = details.description;
    this.retryAfterMs = details.retryAfterMs ?? 0;
  }

  /** No answer, or one that says to try again later: the same request may still succeed. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface YooKassaApi {
  createPayment(body: CreatePaymentBody, idempotenceKey: string): Promise<YooPayment>;
  getPayment(id: string): Promise<YooPayment>;
  createRefund(body: { payment_id: string; amount: YooAmount }, idempotenceKey: string): Promise<YooRefund>;
  getRefund(id: string): Promise<YooRefund>;
}

export interface YooKassaClientOptions {
  apiUrl: string;
  shopId: string;
  secretKey: string;
  timeoutMs?: number;
  /** Tries per call, the first included; transient failures only. */
  attempts?: number;
  /** The pause before try n (n ≥ 1), unless the answer's Retry-After asks for longer. */
  retryDelayMs?: (attempt: number) => number;
}

const MAX_RETRY_AFTER_MS = 5_000;

export function createYooKassa(options: YooKassaClientOptions): YooKassaApi {
  const { apiUrl, timeoutMs = 15_000, attempts = 3 } = options;
  const retryDelayMs = options.retryDelayMs ?? ((attempt: number) => 300 * 2 ** (attempt - 1));
  const authorization = `Basic ${Buffer.from(`${options.shopId}:${options.secretKey}`).toString('base64')}`;

  async function once<T>(method: 'GET' | 'POST', path: string, body?: unknown, key?: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key ? { 'idempotence-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new YooKassaError(0, `YooKassa did not answer ${method} ${path}: ${(error as Error).message}`);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (response.ok && json !== undefined) return json as T;
    const problem = (json ?? {}) as { code?: string; description?: string };
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new YooKassaError(
      response.status,
      `YooKassa answered ${method} ${path} with ${response.status}${problem.code ? ` ${problem.code}` : ''}${
        problem.description ? `: ${problem.description}` : ''
      }`,
      {
        code: problem.code,
        description: problem.description,
        retryAfterMs: retryAfter > 0 ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : 0,
      },
    );
  }

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, key?: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once<T>(method, path, body, key);
      } catch (error) {
        if (!(error instanceof YooKassaError) || !error.transient || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.max(error.retryAfterMs, retryDelayMs(attempt))));
      }
    }
  }

  const id = (value: string) => encodeURIComponent(value);
  return {
    createPayment: (body, key) => call('POST', '/payments', body, key),
    getPayment: (paymentId) => call('GET', `/payments/${id(paymentId)}`),
    createRefund: (body, key) => call('POST', '/refunds', body, key),
    getRefund: (refundId) => call('GET', `/refunds/${id(refundId)}`),
  };
}

/** Integer kopecks as YooKassa's amount value: 149000 → `"1490.00"`. */
export function roublesOf(kopecks: number): string {
  if (!Number.isSafeInteger(kopecks) || kopecks < 0) throw new Error(`roublesOf: ${kopecks} is not a sum in kopecks`);
  return `${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, '0')}`;
}

/** YooKassa's amount value as integer kopecks, exactly (no floating point); null when malformed. */
export function kopecksOf(value: string): number | null {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
