import type { InvoiceView, OwnerPaymentView } from '@aimax/backend/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asSentence, awaitSettlement, awaitsPayment, isPayable, paidSince, settlementOf } from './onlinePayment';

function createInvoice(overrides: Partial<InvoiceView> = {}): InvoiceView {
  return {
    id: '0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c10',
    number: '2026-000001',
    plan: 'business',
    planName: 'Бизнес',
    termMonths: 3,
    discountPercent: 5,
    amountKopecks: 2_277_200,
    vatRate: null,
    vatKopecks: 0,
    status: 'issued',
    issuedAt: '2026-03-05T10:00:00.000Z',
    dueAt: '2026-03-17T21:00:00.000Z',
    paidAt: null,
    periodStart: null,
    periodEnd: null,
    cancelledAt: null,
    cancelReason: null,
    paidVia: null,
    onlinePayment: null,
    ...overrides,
  };
}

const payment = (status: OwnerPaymentView['status'], reason: string | null = null): OwnerPaymentView => ({
  status,
  reason,
  createdAt: '2026-03-06T09:00:00.000Z',
});

const paid = createInvoice({ status: 'paid', paidVia: 'online', onlinePayment: payment('succeeded') });
const pending = createInvoice({ onlinePayment: payment('pending') });
const cancelled = createInvoice({ onlinePayment: payment('canceled', 'Недостаточно средств на карте') });

describe('isPayable and awaitsPayment', () => {
  it('offers payment for issued and overdue invoices only', () => {
    expect(isPayable(createInvoice())).toBe(true);
    expect(isPayable(createInvoice({ status: 'overdue' }))).toBe(true);
    expect(isPayable(paid)).toBe(false);
    expect(isPayable(createInvoice({ status: 'cancelled' }))).toBe(false);
  });

  it('waits for an unpaid invoice whose payment is being created or pending', () => {
    expect(awaitsPayment(pending)).toBe(true);
    expect(awaitsPayment(createInvoice({ onlinePayment: payment('creating') }))).toBe(true);
    expect(awaitsPayment(createInvoice())).toBe(false);
    expect(awaitsPayment(cancelled)).toBe(false);
    expect(awaitsPayment(paid)).toBe(false);
    expect(awaitsPayment(createInvoice({ status: 'cancelled', onlinePayment: payment('pending') }))).toBe(false);
  });
});

describe('settlementOf', () => {
  it('reads a paid invoice as paid, a cancelled payment as failed, anything else as pending', () => {
    expect(settlementOf(paid)).toEqual({ kind: 'paid', invoice: paid });
    expect(settlementOf(cancelled)).toEqual({ kind: 'failed', invoice: cancelled });
    expect(settlementOf(pending)).toEqual({ kind: 'pending' });
    expect(settlementOf(createInvoice({ onlinePayment: payment('succeeded') }))).toEqual({ kind: 'pending' });
  });
});

describe('awaitSettlement', () => {
  const options = (signal = new AbortController().signal) => ({ intervalMs: 2000, timeoutMs: 30_000, signal });

  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks every two seconds until the invoice is paid', async () => {
    const check = vi.fn<() => Promise<InvoiceView>>();
    check.mockResolvedValueOnce(pending).mockResolvedValueOnce(pending).mockResolvedValueOnce(paid);
    const settled = awaitSettlement(check, options());
    await vi.advanceTimersByTimeAsync(0);
    expect(check).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(check).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2000);
    await expect(settled).resolves.toEqual({ kind: 'paid', invoice: paid });
    expect(check).toHaveBeenCalledTimes(3);
  });

  it('stops at a cancelled payment', async () => {
    const check = vi.fn<() => Promise<InvoiceView>>().mockResolvedValue(cancelled);
    await expect(awaitSettlement(check, options())).resolves.toEqual({ kind: 'failed', invoice: cancelled });
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('takes a failed check for a pending one and asks again', async () => {
    const check = vi.fn<() => Promise<InvoiceView>>();
    check.mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(paid);
    const settled = awaitSettlement(check, options());
    await vi.advanceTimersByTimeAsync(2000);
    await expect(settled).resolves.toEqual({ kind: 'paid', invoice: paid });
  });

  it('answers pending once thirty seconds have passed', async () => {
    const check = vi.fn<() => Promise<InvoiceView>>().mockResolvedValue(pending);
    const settled = awaitSettlement(check, options());
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(settled).resolves.toEqual({ kind: 'pending' });
    expect(check).toHaveBeenCalledTimes(16);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const check = vi.fn<() => Promise<InvoiceView>>().mockResolvedValue(pending);
    const settled = awaitSettlement(check, options(controller.signal));
    const outcome = expect(settled).rejects.toThrow('closed');
    await vi.advanceTimersByTimeAsync(0);
    controller.abort(new Error('closed'));
    await outcome;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(check).toHaveBeenCalledTimes(1);
  });
});

describe('paidSince', () => {
  it('sees an invoice that has just been paid', () => {
    expect(paidSince([createInvoice()], [paid])).toBe(true);
  });

  it('ignores invoices paid before, and new ones', () => {
    expect(paidSince([paid], [paid])).toBe(false);
    expect(paidSince([], [paid])).toBe(false);
    expect(paidSince([createInvoice()], [pending])).toBe(false);
  });
});

describe('asSentence', () => {
  it('starts the API’s reason with a capital, leaving the rest as it is', () => {
    expect(asSentence('недостаточно средств. Пополните счёт')).toBe('Недостаточно средств. Пополните счёт');
    expect(asSentence('ёлка')).toBe('Ёлка');
  });
});
