// The poll of payments still open: every few minutes, each payment pending within its day (and
// each refund pending) is re-read from YooKassa, so a notification that never came still pays
// the invoice. Each instance polls; settling is idempotent, so two at once pay once.
import { createPeriodic, type Periodic } from '../../lib/periodic.ts';
import { checkPayment, checkRefund, openPayments, type PaymentDeps } from './service.ts';

export interface PaymentPoll extends Periodic {
  /** Looks once at `now` (default: the clock) and says how many payments it asked about. */
  runOnce(now?: Date): Promise<{ checked: number; failed: number }>;
}

export function createPaymentPoll(deps: PaymentDeps, options: { intervalMs?: number } = {}): PaymentPoll {
  async function runOnce(now = new Date()) {
    let checked = 0;
    let failed = 0;
    for (const row of await openPayments(deps.db, now)) {
      if (periodic.stopping) break;
      try {
        if (row.status === 'pending' && row.providerPaymentId) await checkPayment(deps, row.providerPaymentId);
        if (row.refundStatus === 'pending' && row.providerRefundId) await checkRefund(deps, row.providerRefundId);
        checked++;
      } catch (error) {
        // One payment YooKassa cannot answer for now waits for the next look; the rest go on.
        failed++;
        deps.log.warn({ err: error, providerPaymentId: row.providerPaymentId }, 'could not check a payment');
      }
    }
    return { checked, failed };
  }
  const periodic = createPeriodic({
    run: () => runOnce(),
    intervalMs: options.intervalMs ?? 3 * 60_000,
    onError: (error) => deps.log.warn({ err: error }, 'the payment poll failed; it looks again later'),
  });
  return Object.assign(periodic, { runOnce });
}
