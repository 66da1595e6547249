// Online payment of invoices through YooKassa, beside the bank transfer the superadmin marks paid.
//
// Nothing a browser or a notification says is believed: an invoice is paid only when YooKassa's
// API, asked by us, says its payment `succeeded`, for the invoice's amount in roubles, with our
// metadata naming that invoice and attempt. The notification, the poll and the owner's page all
// end in `settle`, which locks the attempt and its invoice, so however many of them arrive and in
// whatever order, the invoice is paid once and a `canceled` never undoes a `succeeded`.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNotNull, or } from 'drizzle-orm';
import type { PlatformContext, TenantContext } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import { auditLog, invoicePayments, invoices, type PaymentStatus } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { findBillingProfile } from '../invoices/profile.ts';
import {
  type Invoice,
  type InvoiceDeps,
  type PlatformInvoice,
  platformInvoices,
  putInForce,
} from '../invoices/service.ts';
import type { InvoicePayment } from './history.ts';
import { REJECTED } from './reasons.ts';
import {
  type CreatePaymentBody,
  kopecksOf,
  roublesOf,
  type YooKassaApi,
  YooKassaError,
  type YooPayment,
  type YooReceipt,
} from './yookassa.ts';

export interface PaymentDeps extends InvoiceDeps {
  api: YooKassaApi;
  log: { info(object: object, message: string): void; warn(object: object, message: string): void };
  /** 54-ФЗ receipts: off, or on with the shop's tax system (when it has to be named). */
  receipts: { taxSystemCode: number | undefined } | null;
}

/** A pending payment's widget token is offered again for this long, instead of a new payment. */
const REUSE_PENDING_MS = 30 * 60_000;
/** A payment is looked after (polled, its creation retried) for a day, as YooKassa keeps it open. */
export const WATCH_MS = 24 * 3_600_000;

// YooKassa's codes for the VAT rates an invoice can carry (https://yookassa.ru/developers/54fz/
// parameters-values): null is «без НДС».
const VAT_CODES: Record<string, number> = { none: 1, 5: 7, 7: 8, 10: 3, 22: 11 };

const months = (n: number) => `${n} ${n === 1 ? 'месяц' : n < 5 ? 'месяца' : 'месяцев'}`;

function paymentBody(invoice: Invoice, attempt: InvoicePayment, email: string, deps: PaymentDeps): CreatePaymentBody {
  const amount = { value: roublesOf(invoice.amountKopecks), currency: 'RUB' };
  const item = `Тариф «${invoice.planName}» AI Max на ${months(invoice.termMonths)}`;
  const receipt: YooReceipt | undefined = deps.receipts
    ? {
        customer: { email },
        items: [
          {
            description: item.slice(0, 128),
            quantity: 1,
            amount,
            vat_code: VAT_CODES[String(invoice.vatRate ?? 'none')] ?? 1,
            payment_subject: 'service',
            payment_mode: 'full_payment',
          },
        ],
        ...(deps.receipts.taxSystemCode ? { tax_system_code: deps.receipts.taxSystemCode } : {}),
      }
    : undefined;
  return {
    amount,
    capture: true,
    confirmation: { type: 'embedded' },
    description: `Счёт № ${invoice.number}: ${item}`.slice(0, 128),
    metadata: { invoiceId: invoice.id, paymentId: attempt.id, tenantId: invoice.tenantId },
    ...(receipt ? { receipt } : {}),
  };
}

const ourStatus = (status: YooPayment['status']): PaymentStatus =>
  status === 'waiting_for_capture' ? 'pending' : status;

function providerFailure(error: unknown): AppError {
  if (error instanceof YooKassaError && !error.transient) {
    return new AppError('PAYMENT_REFUSED', {
      message: `ЮKassa отклонила запрос${error.description ? `: ${error.description}` : ''}`,
    });
  }
  return new AppError('PAYMENT_PROVIDER_UNAVAILABLE');
}

/**
 * Starts (or resumes) paying an invoice online and returns the checkout widget's token. A payment
 * still pending is offered again rather than a second one made; a creation whose answer was lost
 * is asked again with its stored idempotence key, which YooKassa answers with the same payment.
 */
export async function startOnlinePayment(
  deps: PaymentDeps,
  ctx: TenantContext,
  options: { invoiceId: string; now?: Date },
): Promise<{ paymentId: string; confirmationToken: string }> {
  const now = options.now ?? new Date();
  const prepared = await deps.db.withTenant(ctx.tenantId, async (tx) => {
    const [invoice] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.tenantId, ctx.tenantId), eq(invoices.id, options.invoiceId)))
      .for('update');
    if (!invoice) throw new AppError('INVOICE_NOT_FOUND');
    if (invoice.status !== 'issued') throw new AppError('INVOICE_NOT_PAYABLE');
    const [latest] = await tx
      .select()
      .from(invoicePayments)
      .where(eq(invoicePayments.invoiceId, invoice.id))
      .orderBy(desc(invoicePayments.createdAt))
      .limit(1);
    const age = latest ? now.getTime() - latest.createdAt.getTime() : Number.POSITIVE_INFINITY;
    if (latest?.status === 'pending' && latest.confirmationToken && age < REUSE_PENDING_MS) {
      return { kind: 'reuse', paymentId: latest.id, confirmationToken: latest.confirmationToken } as const;
    }
    const profile = await findBillingProfile(tx, ctx.tenantId);
    const email = profile?.email ?? '';
    if (latest?.status === 'creating' && age < WATCH_MS) {
      return { kind: 'create', invoice, attempt: latest, email } as const;
    }
    const [attempt] = await tx
      .insert(invoicePayments)
      .values({
        tenantId: ctx.tenantId,
        invoiceId: invoice.id,
        idempotenceKey: randomUUID(),
        amountKopecks: invoice.amountKopecks,
        createdBy: ctx.actorId,
        createdAt: now,
      })
      .returning();
    if (!attempt) throw new Error('startOnlinePayment: nothing inserted');
    return { kind: 'create', invoice, attempt, email } as const;
  });
  if (prepared.kind === 'reuse')
    return { paymentId: prepared.paymentId, confirmationToken: prepared.confirmationToken };

  const { invoice, attempt, email } = prepared;
  let payment: YooPayment;
  try {
    payment = await deps.api.createPayment(paymentBody(invoice, attempt, email, deps), attempt.idempotenceKey);
  } catch (error) {
    deps.log.warn({ err: error, invoiceId: invoice.id, paymentId: attempt.id }, 'YooKassa did not create a payment');
    if (error instanceof YooKassaError && !error.transient) {
      // Refused outright: the next try starts afresh rather than replaying a refused request.
      await deps.db.withTenant(ctx.tenantId, (tx) =>
        tx
          .update(invoicePayments)
          .set({ status: 'canceled', cancellationParty: 'yoo_money', cancellationReason: REJECTED })
          .where(and(eq(invoicePayments.id, attempt.id), eq(invoicePayments.status, 'creating'))),
      );
    }
    throw providerFailure(error);
  }
  const token = payment.confirmation?.confirmation_token;
  await deps.db.withTenant(ctx.tenantId, (tx) =>
    tx
      .update(invoicePayments)
      .set({ providerPaymentId: payment.id, confirmationToken: token ?? null })
      .where(eq(invoicePayments.id, attempt.id)),
  );
  // Its status is settled like any other news of it: a replayed creation may already be paid.
  await settle(deps, payment);
  if (payment.status !== 'pending' || !token) throw new AppError('INVOICE_NOT_PAYABLE');
  return { paymentId: attempt.id, confirmationToken: token };
}

export type SettleOutcome = 'unknown' | 'mismatch' | 'unchanged' | 'pending' | 'canceled' | 'paid' | 'duplicate';

// Rolls back a look that changed nothing, and with it the audit row withPlatform wrote.
class Unchanged {
  constructor(readonly outcome: SettleOutcome) {}
}

/**
 * Records what YooKassa's API said of one of our payments (never what a notification's body
 * said): the attempt takes its status, and a `succeeded` for the invoice's exact amount pays the
 * invoice, with the same audit entry and email as a manual «Отметить оплаченным».
 */
export async function settle(deps: PaymentDeps, payment: YooPayment, now = new Date()): Promise<SettleOutcome> {
  const access = { actorUserId: null, action: 'payment.updated', details: { providerPaymentId: payment.id } };
  let outcome: SettleOutcome;
  try {
    outcome = await deps.db.withPlatform(access, async (tx) => {
      const [attempt] = await tx
        .select()
        .from(invoicePayments)
        .where(eq(invoicePayments.providerPaymentId, payment.id))
        .for('update');
      if (!attempt) throw new Unchanged('unknown');
      const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, attempt.invoiceId)).for('update');
      if (!invoice) throw new Unchanged('unknown');
      const matches =
        payment.metadata?.invoiceId === invoice.id &&
        payment.metadata?.paymentId === attempt.id &&
        payment.amount.currency === 'RUB' &&
        kopecksOf(payment.amount.value) === invoice.amountKopecks &&
        attempt.amountKopecks === invoice.amountKopecks;
      if (!matches) throw new Unchanged('mismatch');
      const status = ourStatus(payment.status);
      // A final status is final: nothing after a `succeeded` or a `canceled` changes it.
      if (attempt.status === 'succeeded' || attempt.status === 'canceled' || attempt.status === status) {
        throw new Unchanged('unchanged');
      }
      if (status === 'pending') {
        await tx.update(invoicePayments).set({ status }).where(eq(invoicePayments.id, attempt.id));
        return 'pending';
      }
      if (status === 'canceled') {
        await tx
          .update(invoicePayments)
          .set({
            status,
            cancellationParty: payment.cancellation_details?.party ?? null,
            cancellationReason: payment.cancellation_details?.reason ?? null,
            confirmationToken: null,
          })
          .where(eq(invoicePayments.id, attempt.id));
        return 'canceled';
      }
      const paidAt = payment.captured_at ? new Date(payment.captured_at) : now;
      await tx
        .update(invoicePayments)
        .set({
          status,
          paidAt,
          method: payment.payment_method?.type ?? null,
          methodTitle: payment.payment_method?.title ?? null,
          confirmationToken: null,
        })
        .where(eq(invoicePayments.id, attempt.id));
      if (invoice.status !== 'issued') return 'duplicate';
      await putInForce(tx, deps, invoice, { now: paidAt, paidBy: null, paidVia: 'online' });
      await tx.insert(auditLog).values({
        actorUserId: null,
        action: 'platform.invoice_paid',
        details: { invoiceId: invoice.id, via: 'online', paymentId: attempt.id, providerPaymentId: payment.id },
      });
      return 'paid';
    });
  } catch (error) {
    if (!(error instanceof Unchanged)) throw error;
    outcome = error.outcome;
  }
  if (outcome === 'paid') deps.outbox.kick();
  if (outcome === 'mismatch' || outcome === 'unknown' || outcome === 'duplicate') {
    const message =
      outcome === 'duplicate'
        ? 'a second payment succeeded for an invoice already paid or cancelled: refund it'
        : outcome === 'unknown'
          ? 'YooKassa told of a payment that is not ours'
          : "a payment's amount or metadata does not match its invoice: ignored";
    deps.log.warn({ providerPaymentId: payment.id, status: payment.status, outcome }, message);
  }
  return outcome;
}

/** Asks YooKassa about a payment by its id and settles what it says; `unknown` when it has none. */
export async function checkPayment(deps: PaymentDeps, providerPaymentId: string): Promise<SettleOutcome> {
  let payment: YooPayment;
  try {
    payment = await deps.api.getPayment(providerPaymentId);
  } catch (error) {
    if (error instanceof YooKassaError && (error.status === 404 || error.status === 400)) {
      deps.log.warn({ providerPaymentId }, 'YooKassa knows no such payment');
      return 'unknown';
    }
    throw error;
  }
  return settle(deps, payment);
}

/**
 * The owner's page asks, after the widget reported the end of a payment: each open attempt of the
 * invoice is re-read from YooKassa. A creation still unanswered is left to the next click.
 */
export async function checkInvoicePayments(
  deps: PaymentDeps,
  ctx: TenantContext,
  options: { invoiceId: string },
): Promise<void> {
  const open = await deps.db.withTenant(ctx.tenantId, async (tx) => {
    const [invoice] = await tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.tenantId, ctx.tenantId), eq(invoices.id, options.invoiceId)));
    if (!invoice) throw new AppError('INVOICE_NOT_FOUND');
    return tx
      .select({ providerPaymentId: invoicePayments.providerPaymentId })
      .from(invoicePayments)
      .where(
        and(
          eq(invoicePayments.invoiceId, invoice.id),
          eq(invoicePayments.status, 'pending'),
          isNotNull(invoicePayments.providerPaymentId),
        ),
      )
      .orderBy(desc(invoicePayments.createdAt))
      .limit(3);
  });
  try {
    for (const { providerPaymentId } of open) await checkPayment(deps, providerPaymentId as string);
  } catch (error) {
    deps.log.warn({ err: error, invoiceId: options.invoiceId }, 'could not check a payment with YooKassa');
    throw providerFailure(error);
  }
}

/** Payments still pending within their day, for the poll; refunds still pending too. */
export async function openPayments(db: Database, now: Date) {
  const since = new Date(now.getTime() - WATCH_MS);
  const access = { actorUserId: null, action: 'payment.poll' };
  try {
    return await db.withPlatform(access, async (tx) => {
      const rows = await tx
        .select({
          providerPaymentId: invoicePayments.providerPaymentId,
          status: invoicePayments.status,
          providerRefundId: invoicePayments.providerRefundId,
          refundStatus: invoicePayments.refundStatus,
        })
        .from(invoicePayments)
        .where(
          and(
            isNotNull(invoicePayments.providerPaymentId),
            // A refund is watched from when it was asked for, which can be long after its payment.
            or(
              and(eq(invoicePayments.status, 'pending'), gt(invoicePayments.createdAt, since)),
              and(eq(invoicePayments.refundStatus, 'pending'), gt(invoicePayments.refundRequestedAt, since)),
            ),
          ),
        )
        .orderBy(invoicePayments.createdAt)
        .limit(100);
      if (rows.length === 0) throw new Unchanged('unchanged');
      return rows;
    });
  } catch (error) {
    if (error instanceof Unchanged) return [];
    throw error;
  }
}

/** Asks YooKassa how a refund went and records it; refunds' notifications end here too. */
export async function checkRefund(deps: PaymentDeps, providerRefundId: string): Promise<void> {
  let refund: Awaited<ReturnType<YooKassaApi['getRefund']>>;
  try {
    refund = await deps.api.getRefund(providerRefundId);
  } catch (error) {
    if (error instanceof YooKassaError && (error.status === 404 || error.status === 400)) {
      deps.log.warn({ providerRefundId }, 'YooKassa knows no such refund');
      return;
    }
    throw error;
  }
  const access = { actorUserId: null, action: 'payment.refund_updated', details: { providerRefundId } };
  try {
    await deps.db.withPlatform(access, async (tx) => {
      const changed = await tx
        .update(invoicePayments)
        .set({ refundStatus: refund.status })
        .where(
          and(
            eq(invoicePayments.providerRefundId, refund.id),
            eq(invoicePayments.providerPaymentId, refund.payment_id),
            eq(invoicePayments.refundStatus, 'pending'),
          ),
        )
        .returning({ id: invoicePayments.id });
      if (changed.length === 0) throw new Unchanged('unchanged');
    });
  } catch (error) {
    if (!(error instanceof Unchanged)) throw error;
  }
}

/**
 * Returns an online payment in full, once: the refund's idempotence key is stored before YooKassa
 * is asked, so a second click or a retry after a lost answer asks for the same refund. The plan
 * is left as it is: the superadmin decides.
 */
export async function refundPayment(
  deps: PaymentDeps,
  ctx: PlatformContext,
  options: { invoiceId: string; paymentId: string; now?: Date },
): Promise<PlatformInvoice> {
  const now = options.now ?? new Date();
  const access = { actorUserId: ctx.actorId, action: 'platform.payment_refunded', details: options };
  const attempt = await deps.db.withPlatform(access, async (tx) => {
    const [row] = await tx
      .select()
      .from(invoicePayments)
      .where(and(eq(invoicePayments.id, options.paymentId), eq(invoicePayments.invoiceId, options.invoiceId)))
      .for('update');
    if (!row) throw new AppError('PAYMENT_NOT_FOUND');
    if (row.status !== 'succeeded' || !row.providerPaymentId) throw new AppError('PAYMENT_NOT_REFUNDABLE');
    if (row.refundStatus === 'pending' || row.refundStatus === 'succeeded') return null;
    if (row.refundIdempotenceKey && row.refundStatus === null) return row;
    const [updated] = await tx
      .update(invoicePayments)
      .set({
        refundIdempotenceKey: randomUUID(),
        providerRefundId: null,
        refundStatus: null,
        refundRequestedAt: now,
        refundRequestedBy: ctx.actorId,
      })
      .where(eq(invoicePayments.id, row.id))
      .returning();
    return updated ?? null;
  });
  if (attempt?.refundIdempotenceKey && attempt.providerPaymentId) {
    let refund: Awaited<ReturnType<YooKassaApi['createRefund']>>;
    try {
      refund = await deps.api.createRefund(
        {
          payment_id: attempt.providerPaymentId,
          amount: { value: roublesOf(attempt.amountKopecks), currency: 'RUB' },
        },
        attempt.refundIdempotenceKey,
      );
    } catch (error) {
      deps.log.warn({ err: error, paymentId: attempt.id }, 'YooKassa did not make a refund');
      if (error instanceof YooKassaError && !error.transient) {
        await deps.db.withPlatform({ ...access, action: 'platform.payment_refund_refused' }, (tx) =>
          tx.update(invoicePayments).set({ refundStatus: 'canceled' }).where(eq(invoicePayments.id, attempt.id)),
        );
      }
      throw providerFailure(error);
    }
    await deps.db.withPlatform({ ...access, action: 'platform.payment_refund_answered' }, (tx) =>
      tx
        .update(invoicePayments)
        .set({ providerRefundId: refund.id, refundStatus: refund.status })
        .where(eq(invoicePayments.id, attempt.id)),
    );
  }
  const viewed = { actorUserId: ctx.actorId, action: 'platform.invoice_viewed', details: options };
  return deps.db.withPlatform(viewed, async (tx) => {
    const [invoice] = await platformInvoices(tx, eq(invoices.id, options.invoiceId));
    if (!invoice) throw new AppError('INVOICE_NOT_FOUND');
    return invoice;
  });
}
