import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { invoices } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { memberOf, operatorOf } from '../../plugins/auth.ts';
import { IdParams, responses } from '../../schemas.ts';
import { CheckedInvoiceView, PlatformInvoiceView } from '../invoices/schemas.ts';
import { invoiceView, platformInvoiceView } from '../invoices/views.ts';
import { latestPayments } from './history.ts';
import { RefundParams, StartedPaymentView } from './schemas.ts';
import {
  checkInvoicePayments,
  checkPayment,
  checkRefund,
  type PaymentDeps,
  refundPayment,
  startOnlinePayment,
} from './service.ts';
import { YooKassaError } from './yookassa.ts';

/** The addresses and ranges notifications may come from, as one matcher. */
export function senderMatcher(ranges: string[]): (ip: string) => boolean {
  const list = new BlockList();
  for (const range of ranges) {
    const [address = '', bits] = range.split('/');
    const family = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return (ip) => {
    // An IPv4 client on a dual-stack socket shows as `::ffff:a.b.c.d`.
    const plain = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
    if (isIPv4(plain)) return list.check(plain, 'ipv4');
    return isIPv6(plain) && list.check(plain, 'ipv6');
  };
}

/** The event and the object's id of a notification; its other fields are not believed, so not read. */
function noticeOf(body: unknown): { event: string; id: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const { event, object } = body as { event?: unknown; object?: { id?: unknown } };
  if (typeof event !== 'string' || typeof object?.id !== 'string') return null;
  if (event.length > 100 || !/^[\w-]{1,100}$/.test(object.id)) return null;
  return { event, id: object.id };
}

/**
 * Paying invoices online: the owner starts a payment and has it checked, YooKassa notifies, the
 * superadmin refunds. Each answers ONLINE_PAYMENT_UNAVAILABLE when the platform has no YooKassa shop.
 */
export const paymentRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const enabled = (): PaymentDeps => {
    if (!app.payments) throw new AppError('ONLINE_PAYMENT_UNAVAILABLE');
    return app.payments;
  };
  const fromYooKassa = senderMatcher(config.yookassa?.notificationIps ?? []);
  // Each check asks YooKassa: a page left open, or a script, must not hammer it.
  const checksPerCompany = app.rateLimit({
    max: 30,
    timeWindow: 60_000,
    keyGenerator: (request) => `payment-check:${memberOf(request).tenantId}`,
  });

  app.post(
    '/api/billing/invoices/:id/online-payment',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['billing'],
        summary: 'Start paying an invoice online: the token for YooKassa’s checkout widget',
        params: IdParams,
        response: responses({ 200: StartedPaymentView }),
      },
    },
    async (request) => startOnlinePayment(enabled(), memberOf(request), { invoiceId: request.params.id }),
  );

  app.post(
    '/api/billing/invoices/:id/online-payment/check',
    {
      config: { access: 'owner' },
      preHandler: checksPerCompany,
      schema: {
        tags: ['billing'],
        summary: 'Ask YooKassa how the invoice’s online payment went, and settle it',
        params: IdParams,
        response: responses({ 200: CheckedInvoiceView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      await checkInvoicePayments(enabled(), ctx, { invoiceId: request.params.id });
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        const [invoice] = await tx
          .select()
          .from(invoices)
          .where(and(eq(invoices.tenantId, ctx.tenantId), eq(invoices.id, request.params.id)));
        if (!invoice) throw new AppError('INVOICE_NOT_FOUND');
        const latest = await latestPayments(tx, [invoice.id]);
        return { invoice: invoiceView(invoice, latest.get(invoice.id)) };
      });
    },
  );

  app.post(
    '/api/payments/yookassa/notifications',
    {
      config: { access: 'public' },
      // No body schema: YooKassa's notification is its own object, and nothing in it is believed
      // but the object's id, which is read below and then asked of YooKassa's API.
      schema: {
        tags: ['payments'],
        summary: 'YooKassa’s notifications (payment.*, refund.*), from its published addresses only',
        response: responses({ 200: Type.Object({ ok: Type.Literal(true) }) }),
      },
    },
    async (request) => {
      const deps = enabled();
      if (!fromYooKassa(request.ip)) {
        request.log.warn({ ip: request.ip }, 'a payment notification from an address that is not YooKassa’s');
        throw new AppError('FORBIDDEN');
      }
      const notice = noticeOf(request.body);
      if (!notice) throw new AppError('BAD_REQUEST');
      try {
        if (notice.event.startsWith('payment.')) {
          const outcome = await checkPayment(deps, notice.id);
          request.log.info({ event: notice.event, providerPaymentId: notice.id, outcome }, 'payment notification');
        } else if (notice.event.startsWith('refund.')) {
          await checkRefund(deps, notice.id);
        } else {
          request.log.info({ event: notice.event }, 'a payment notification of an event we do not follow');
        }
      } catch (error) {
        // Not 200: YooKassa sends it again later, and the poll looks meanwhile.
        if (error instanceof YooKassaError) throw new AppError('PAYMENT_PROVIDER_UNAVAILABLE');
        throw error;
      }
      return { ok: true as const };
    },
  );

  app.post(
    '/api/platform/invoices/:id/payments/:paymentId/refund',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'Refund an online payment in full (once, however many times this is sent); the plan is left as is',
        params: RefundParams,
        response: responses({ 200: PlatformInvoiceView }),
      },
    },
    async (request) =>
      platformInvoiceView(
        await refundPayment(enabled(), operatorOf(request), {
          invoiceId: request.params.id,
          paymentId: request.params.paymentId,
        }),
      ),
  );
};
