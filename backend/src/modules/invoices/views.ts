import { iso, isoOrNull } from '../../schemas.ts';
import type { InvoicePayment } from '../payments/history.ts';
import { reasonText } from '../payments/reasons.ts';
import type { OwnerPaymentView, PlatformPaymentView } from '../payments/schemas.ts';
import type { BillingProfile } from './profile.ts';
import type { BillingProfileView, InvoiceView, PlatformInvoiceView } from './schemas.ts';
import { type Invoice, type PlatformInvoice, statusOf } from './service.ts';

export const profileView = (profile: BillingProfile): BillingProfileView => ({
  legalForm: profile.legalForm,
  name: profile.name,
  inn: profile.inn,
  kpp: profile.kpp,
  ogrn: profile.ogrn,
  legalAddress: profile.legalAddress,
  email: profile.email,
  updatedAt: iso(profile.updatedAt),
});

const ownerPaymentView = (payment: InvoicePayment): OwnerPaymentView => ({
  status: payment.status,
  reason: payment.status === 'canceled' ? reasonText(payment.cancellationReason) : null,
  createdAt: iso(payment.createdAt),
});

/** `payment`: the invoice's latest online payment, if any. */
export const invoiceView = (invoice: Invoice, payment?: InvoicePayment, now = new Date()): InvoiceView => ({
  id: invoice.id,
  number: invoice.number,
  plan: invoice.plan,
  planName: invoice.planName,
  termMonths: invoice.termMonths,
  discountPercent: invoice.discountPercent,
  amountKopecks: invoice.amountKopecks,
  vatRate: invoice.vatRate,
  vatKopecks: invoice.vatKopecks,
  status: statusOf(invoice, now),
  issuedAt: iso(invoice.issuedAt),
  dueAt: iso(invoice.dueAt),
  paidAt: isoOrNull(invoice.paidAt),
  periodStart: isoOrNull(invoice.periodStart),
  periodEnd: isoOrNull(invoice.periodEnd),
  cancelledAt: isoOrNull(invoice.cancelledAt),
  cancelReason: invoice.cancelReason,
  paidVia: invoice.paidVia,
  onlinePayment: payment ? ownerPaymentView(payment) : null,
});

const platformPaymentView = (payment: InvoicePayment, emails: ReadonlyMap<string, string>): PlatformPaymentView => ({
  id: payment.id,
  providerPaymentId: payment.providerPaymentId,
  status: payment.status,
  amountKopecks: payment.amountKopecks,
  method: payment.method,
  methodTitle: payment.methodTitle,
  reason: payment.status === 'canceled' ? reasonText(payment.cancellationReason) : null,
  createdAt: iso(payment.createdAt),
  paidAt: isoOrNull(payment.paidAt),
  refund:
    payment.refundRequestedAt === null
      ? null
      : {
          // Asked for, and YooKassa's answer not in yet.
          status: payment.refundStatus ?? 'pending',
          providerRefundId: payment.providerRefundId,
          requestedAt: iso(payment.refundRequestedAt),
          requestedBy: payment.refundRequestedBy ? (emails.get(payment.refundRequestedBy) ?? null) : null,
        },
});

export const platformInvoiceView = (invoice: PlatformInvoice): PlatformInvoiceView => {
  const buyer = invoice.buyer as { name: string; inn: string };
  const { payments, emails } = invoice.history;
  return {
    ...invoiceView(invoice, payments[0]),
    tenantId: invoice.tenantId,
    tenantName: invoice.tenantName,
    buyerName: buyer.name,
    buyerInn: buyer.inn,
    paidBy: invoice.paidBy ? (emails.get(invoice.paidBy) ?? null) : null,
    payments: payments.map((payment) => platformPaymentView(payment, emails)),
  };
};
