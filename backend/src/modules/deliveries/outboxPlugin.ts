// The outbox as part of the app: `app.outbox` is the worker, started when the app is ready and
// stopped (waiting for the batch in flight) when it closes. Modules queue deliveries inside their
// transaction (`enqueueEmail`, the Telegram alerts) and call `app.outbox.kick()` after the commit.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import { attachmentsUnavailable, emailChannel, type ResolveAttachment } from '../email/outbox.ts';
import { createMailTransport, type MailTransport } from '../email/transport.ts';
import {
  createOutboxWorker,
  type DeliveryChannelSender,
  type OutboxWorker,
  type OutboxWorkerOptions,
} from './outbox.ts';

declare module 'fastify' {
  interface FastifyInstance {
    outbox: OutboxWorker;
  }
}

export interface MailDependencies {
  /** By default from the configuration: SMTP (SMTP_URL), or `.eml` files in DATA_DIR/mail. */
  transport?: MailTransport;
  /** Finds an email's attachments (an invoice's PDF) when it is sent. */
  resolveAttachment?: ResolveAttachment;
  /** Polling, retries and batch settings (tests shorten them). */
  worker?: Pick<
    OutboxWorkerOptions,
    'pollIntervalMs' | 'maxAttempts' | 'backoff' | 'batchSize' | 'attemptTimeoutMs' | 'leaseMs'
  >;
}

export const outbox = fp(
  async (
    app: FastifyInstance,
    options: MailDependencies & {
      config: Config;
      telegram: DeliveryChannelSender;
      amocrm: DeliveryChannelSender;
      webhook: DeliveryChannelSender;
    },
  ) => {
    // A transport handed in belongs to whoever made it; one made here is closed here.
    const transport = options.transport ?? createMailTransport(options.config);
    const worker = createOutboxWorker({
      db: app.db,
      channels: {
        email: emailChannel({ transport, resolveAttachment: options.resolveAttachment ?? attachmentsUnavailable }),
        telegram: options.telegram,
        amocrm: options.amocrm,
        webhook: options.webhook,
      },
      log: app.log,
      ...options.worker,
    });
    app.decorate('outbox', worker);
    app.addHook('onReady', async () => worker.start());
    app.addHook('onClose', async () => {
      await worker.stop();
      if (!options.transport) transport.close();
    });
  },
  { name: 'outbox', dependencies: ['database'] },
);
