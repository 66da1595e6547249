// Email as a delivery channel: `enqueueEmail` queues one in the caller's transaction, and
// `emailChannel` sends the claimed rows through the mail transport, resolving attachments (an
// invoice's PDF) only then.
import type { Tx } from '../../db/database.ts';
import { type DeliveryChannelSender, enqueueDelivery } from '../deliveries/outbox.ts';
import type { MailAttachment, MailTransport } from './transport.ts';

export interface EmailToQueue {
  tenantId: string;
  /** What the email is, such as `invoice_issued`; shown in the lists of deliveries. */
  kind: string;
  /**
   * Unique platform-wide: the email is queued once per key, so include the thing it is about,
   * e.g. `invoice_issued:<invoice id>` or `plan_expires_soon:<tenant id>:<expiry>:7`.
   */
  dedupeKey: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Attached when sent, not now: an invoice's PDF is rendered (or fetched) by then. */
  attachments?: { invoiceId: string }[];
}

/** What an email delivery's row carries. */
export interface EmailPayload {
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments: { invoiceId: string }[];
}

/**
 * Queues an email in the caller's transaction (tenant or platform), so it is sent only if that
 * transaction commits. Returns false when an email with the same dedupeKey was queued before.
 * After the commit, `app.outbox.kick()` sends it without waiting for the next poll.
 */
export async function enqueueEmail(tx: Tx, email: EmailToQueue): Promise<boolean> {
  if (email.to.length === 0) throw new Error(`enqueueEmail: "${email.dedupeKey}" has no recipients`);
  const payload: EmailPayload = {
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    attachments: email.attachments ?? [],
  };
  return enqueueDelivery(tx, {
    tenantId: email.tenantId,
    channel: 'email',
    kind: email.kind,
    dedupeKey: email.dedupeKey,
    recipient: email.to.join(', '),
    payload: { ...payload },
  });
}

/** Finds an attachment when the email is sent; throwing fails the attempt, which is retried. */
export type ResolveAttachment = (invoiceId: string, tenantId: string) => Promise<MailAttachment>;

/** Until invoices attach their PDFs, an email that names one waits (and retries) rather than going without. */
export const attachmentsUnavailable: ResolveAttachment = async (invoiceId) => {
  throw new Error(`attachment of invoice ${invoiceId} is not available`);
};

/** Sends email rows: the row's id names the message (Message-ID), the external id is what the server took. */
export function emailChannel(options: {
  transport: MailTransport;
  resolveAttachment: ResolveAttachment;
}): DeliveryChannelSender {
  return {
    async send(delivery, { signal }) {
      const email = delivery.payload as unknown as EmailPayload;
      const attachments = await Promise.all(
        email.attachments.map((item) => options.resolveAttachment(item.invoiceId, delivery.tenantId)),
      );
      const { messageId } = await options.transport.send(
        { id: delivery.id, createdAt: delivery.createdAt, ...email, attachments },
        { signal },
      );
      return { externalId: messageId };
    },
  };
}
