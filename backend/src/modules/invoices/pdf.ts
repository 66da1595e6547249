// Invoice PDFs: rendered from the invoice as issued (its own snapshots of both sides' requisites,
// never today's), stored privately once, and handed out through links that expire in minutes.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { invoices } from '../../db/schema.ts';
import type { ResolveAttachment } from '../email/outbox.ts';
import type { PdfEngine } from '../pdf/pdfEngine.ts';
import { bytesOf, type FileRecord, storeOnce } from '../storage/files.ts';
import type { ObjectStore } from '../storage/s3Service.ts';
import { type InvoiceDocument, renderInvoiceHtml } from './document/invoiceTemplate.ts';
import type { PartyRequisites, SellerRequisites } from './document/requisites.ts';
import { findInvoice, type Invoice } from './service.ts';

export interface InvoicePdfDeps {
  db: Database;
  store: ObjectStore;
  pdf: PdfEngine;
  log: { error(object: object, message: string): void };
  signedUrlTtlSeconds: number;
}

const termText = (months: number) => (months === 1 ? '1 месяц' : months < 5 ? `${months} месяца` : `${months} месяцев`);

export function invoiceDocument(invoice: Invoice): InvoiceDocument {
  const discount = invoice.discountPercent > 0 ? ` (скидка ${invoice.discountPercent}%)` : '';
  return {
    number: invoice.number,
    issuedAt: invoice.issuedAt,
    dueAt: invoice.dueAt,
    seller: invoice.seller as SellerRequisites,
    buyer: invoice.buyer as PartyRequisites,
    lines: [
      {
        name: `Доступ к сервису AI Max по тарифу «${invoice.planName}» на ${termText(invoice.termMonths)}${discount}`,
        quantity: 1,
        unit: 'усл.',
        priceKopecks: invoice.amountKopecks,
        amountKopecks: invoice.amountKopecks,
      },
    ],
    amountKopecks: invoice.amountKopecks,
    vatRate: invoice.vatRate,
    vatKopecks: invoice.vatKopecks,
  };
}

export const invoiceFileName = (invoice: Pick<Invoice, 'number'>) => `Счёт ${invoice.number}.pdf`;

/** The invoice's stored PDF, rendered and stored first if it has none yet. */
export function invoicePdfFile(deps: InvoicePdfDeps, invoice: Invoice): Promise<FileRecord> {
  const { tenantId } = invoice;
  const thisInvoice = and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoice.id));
  return storeOnce(deps, {
    object: {
      tenantId,
      kind: 'invoice',
      visibility: 'private',
      contentType: 'application/pdf',
      extension: 'pdf',
      createdBy: null,
    },
    current: async (tx) => {
      const [row] = await tx.select({ fileId: invoices.pdfFileId }).from(invoices).where(thisInvoice).for('update');
      return row?.fileId ?? null;
    },
    render: async () => deps.pdf.render(await renderInvoiceHtml(invoiceDocument(invoice))),
    attach: (tx, fileId) => tx.update(invoices).set({ pdfFileId: fileId }).where(thisInvoice),
  });
}

export async function invoicePdfLink(
  deps: InvoicePdfDeps,
  invoice: Invoice,
): Promise<{ url: string; expiresAt: Date }> {
  const file = await invoicePdfFile(deps, invoice);
  const url = await deps.store.signedUrl(file.key, {
    ttlSeconds: deps.signedUrlTtlSeconds,
    downloadName: invoiceFileName(invoice),
  });
  return { url, expiresAt: new Date(Date.now() + deps.signedUrlTtlSeconds * 1000) };
}

/** The PDF's bytes, for the email that carries it. */
export async function invoicePdfBytes(deps: InvoicePdfDeps, invoice: Invoice): Promise<Buffer> {
  const file = await invoicePdfFile(deps, invoice);
  const object = await deps.store.get(file.key);
  if (!object) throw new Error(`invoice ${invoice.number}: its PDF ${file.key} is missing from storage`);
  return bytesOf(object.body);
}

/** Finds an invoice's PDF for the email that carries it, when the outbox sends it. */
export const invoiceAttachments =
  (deps: InvoicePdfDeps): ResolveAttachment =>
  async (invoiceId, tenantId) => {
    const invoice = await deps.db.withTenant(tenantId, (tx) => findInvoice(tx, { tenantId, invoiceId }));
    if (!invoice) throw new Error(`invoice ${invoiceId} of tenant ${tenantId} is gone`);
    return {
      filename: invoiceFileName(invoice),
      content: await invoicePdfBytes(deps, invoice),
      contentType: 'application/pdf',
    };
  };
