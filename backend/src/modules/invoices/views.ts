import { iso, isoOrNull } from '../../schemas.ts';
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

export const invoiceView = (invoice: Invoice, now = new Date()): InvoiceView => ({
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
});

export const platformInvoiceView = (invoice: PlatformInvoice): PlatformInvoiceView => {
  const buyer = invoice.buyer as { name: string; inn: string };
  return {
    ...invoiceView(invoice),
    tenantId: invoice.tenantId,
    tenantName: invoice.tenantName,
    buyerName: buyer.name,
    buyerInn: buyer.inn,
  };
};
