import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { memberOf } from '../../plugins/auth.ts';
import { IdParams, iso, responses, SignedLinkView } from '../../schemas.ts';
import { latestPayments } from '../payments/history.ts';
import { invoicePdfLink } from './pdf.ts';
import { findBillingProfile, saveBillingProfile } from './profile.ts';
import {
  BillingProfileInput,
  BillingProfileResponse,
  InvoiceListView,
  IssuedInvoiceView,
  IssueInvoiceBody,
} from './schemas.ts';
import { findInvoice, issueInvoice, listTenantInvoices } from './service.ts';
import { invoiceView, profileView } from './views.ts';

/** The owner's side of paying by invoice: the company's requisites, its invoices and their PDFs. */
export const invoiceRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const pdfDeps = {
    db: app.db,
    store: app.store,
    pdf: app.pdf,
    log: app.log,
    signedUrlTtlSeconds: config.signedUrlTtlSeconds,
  };

  app.get(
    '/api/billing/profile',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['billing'],
        summary: 'The company’s requisites for invoices; null until filled',
        response: responses({ 200: BillingProfileResponse }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      const profile = await app.db.withTenant(tenantId, (tx) => findBillingProfile(tx, tenantId));
      return { profile: profile ? profileView(profile) : null };
    },
  );

  app.put(
    '/api/billing/profile',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['billing'],
        summary: 'Save the company’s requisites (ИНН, КПП, ОГРН checked)',
        body: BillingProfileInput,
        response: responses({ 200: BillingProfileResponse }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const profile = await app.db.withTenant(ctx.tenantId, (tx) => saveBillingProfile(tx, ctx, request.body));
      return { profile: profileView(profile) };
    },
  );

  app.get(
    '/api/billing/invoices',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['billing'],
        summary: 'The company’s invoices, newest first',
        response: responses({ 200: InvoiceListView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      const { rows, payments } = await app.db.withTenant(tenantId, async (tx) => {
        const rows = await listTenantInvoices(tx, tenantId);
        return {
          rows,
          payments: await latestPayments(
            tx,
            rows.map((invoice) => invoice.id),
          ),
        };
      });
      const now = new Date();
      return {
        invoices: rows.map((invoice) => invoiceView(invoice, payments.get(invoice.id), now)),
        onlinePayment: config.yookassa ? { widgetUrl: config.yookassa.widgetUrl } : null,
      };
    },
  );

  app.post(
    '/api/billing/invoices',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['billing'],
        summary: 'Issue an invoice for a plan and a term; it is emailed, and its PDF link returned',
        body: IssueInvoiceBody,
        response: responses({ 201: IssuedInvoiceView }),
      },
    },
    async (request, reply) => {
      const invoice = await issueInvoice(
        { db: app.db, publicUrl: config.publicUrl, outbox: app.outbox },
        memberOf(request),
        { plan: request.body.plan, termMonths: request.body.termMonths },
      );
      // The invoice stands even if its PDF cannot be made right now: the link is asked for again
      // from the history, and the email waits for the PDF in the outbox.
      const pdf = await invoicePdfLink(pdfDeps, invoice).then(
        (link) => ({ url: link.url, expiresAt: iso(link.expiresAt) }),
        (error: unknown) => {
          app.log.error({ err: error, invoiceId: invoice.id }, 'could not make an invoice PDF');
          return null;
        },
      );
      return reply.code(201).send({ invoice: invoiceView(invoice), pdf });
    },
  );

  app.post(
    '/api/billing/invoices/:id/pdf',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['billing'],
        summary: 'A signed link to the invoice’s PDF',
        params: IdParams,
        response: responses({ 200: SignedLinkView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      const invoice = await app.db.withTenant(tenantId, (tx) =>
        findInvoice(tx, { tenantId, invoiceId: request.params.id }),
      );
      if (!invoice) throw new AppError('INVOICE_NOT_FOUND');
      const link = await invoicePdfLink(pdfDeps, invoice);
      return { url: link.url, expiresAt: iso(link.expiresAt) };
    },
  );
};
