// Online payment as part of the app, when the platform has a YooKassa shop: `app.payments` (the
// dependencies the routes use) and `app.paymentPoll`, started when the app is ready and stopped,
// waiting for the look in flight, when it closes. Tests stop the poll and call `runOnce()`.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import { createPaymentPoll, type PaymentPoll } from './poll.ts';
import type { PaymentDeps } from './service.ts';
import { createYooKassa, type YooKassaClientOptions } from './yookassa.ts';

declare module 'fastify' {
  interface FastifyInstance {
    payments: PaymentDeps | null;
    paymentPoll: PaymentPoll | null;
  }
}

export const payments = fp(
  async (
    app: FastifyInstance,
    options: { config: Config; retryDelayMs?: YooKassaClientOptions['retryDelayMs']; pollIntervalMs?: number },
  ) => {
    const { yookassa, publicUrl } = options.config;
    const deps: PaymentDeps | null = yookassa && {
      db: app.db,
      publicUrl,
      outbox: app.outbox,
      log: app.log,
      api: createYooKassa({
        apiUrl: yookassa.apiUrl,
        shopId: yookassa.shopId,
        secretKey: yookassa.secretKey,
        retryDelayMs: options.retryDelayMs,
      }),
      receipts: yookassa.receipts ? { taxSystemCode: yookassa.taxSystemCode } : null,
    };
    const poll = deps && createPaymentPoll(deps, { intervalMs: options.pollIntervalMs });
    app.decorate('payments', deps);
    app.decorate('paymentPoll', poll);
    if (poll) {
      app.addHook('onReady', async () => poll.start());
      app.addHook('onClose', async () => poll.stop());
    }
  },
  { name: 'payments', dependencies: ['database', 'outbox'] },
);
