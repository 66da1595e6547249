import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { operatorOf } from '../../plugins/auth.ts';
import { IdParams, iso, responses, SignedLinkView } from '../../schemas.ts';
import { invoicePdfLink } from './pdf.ts';
import {
  CancelInvoiceBody,
  PlatformInvoiceListQuery,
  PlatformInvoiceListView,
  PlatformInvoiceView,
  SellerSettingsInput,
  SellerSettingsResponse,
} from './schemas.ts';
import { readSeller, saveSeller } from './seller.ts';
import { cancelInvoice, findAnyInvoice, listAllInvoices, markInvoicePaid } from './service.ts';
import { platformInvoiceView } from './views.ts';

/** The superadmin's side: every company's invoices, marking them paid, and the seller's requisites. */
export const platformInvoiceRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/api/platform/invoices',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'All companies’ invoices, newest first, by status, company, period, number or ИНН',
        querystring: PlatformInvoiceListQuery,
        response: responses({ 200: PlatformInvoiceListView }),
      },
    },
    async (request) => {
      const result = await listAllInvoices(app.db, operatorOf(request), { query: request.query });
      return { invoices: result.invoices.map(platformInvoiceView), total: result.total };
    },
  );

  app.post(
    '/api/platform/invoices/:id/mark-paid',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'Mark an invoice paid: its plan is put in force (once, however many times this is sent)',
        params: IdParams,
        response: responses({ 200: PlatformInvoiceView }),
      },
    },
    async (request) =>
      platformInvoiceView(
        await markInvoicePaid({ db: app.db, publicUrl: config.publicUrl, outbox: app.outbox }, operatorOf(request), {
          invoiceId: request.params.id,
        }),
      ),
  );

  app.post(
    '/api/platform/invoices/:id/cancel',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'Cancel an unpaid invoice, with the reason',
        params: IdParams,
        body: CancelInvoiceBody,
        response: responses({ 200: PlatformInvoiceView }),
      },
    },
    async (request) =>
      platformInvoiceView(
        await cancelInvoice(app.db, operatorOf(request), { invoiceId: request.params.id, reason: request.body.reason }),
      ),
  );

  app.post(
    '/api/platform/invoices/:id/pdf',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'A signed link to an invoice’s PDF',
        params: IdParams,
        response: responses({ 200: SignedLinkView }),
      },
    },
    async (request) => {
      const invoice = await findAnyInvoice(app.db, operatorOf(request), { invoiceId: request.params.id });
      const link = await invoicePdfLink(
        { db: app.db, store: app.store, pdf: app.pdf, log: app.log, signedUrlTtlSeconds: config.signedUrlTtlSeconds },
        invoice,
      );
      return { url: link.url, expiresAt: iso(link.expiresAt) };
    },
  );

  app.get(
    '/api/platform/settings/seller',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'The platform’s requisites as the seller on invoices; null until set',
        response: responses({ 200: SellerSettingsResponse }),
      },
    },
    async (request) => {
      const access = { actorUserId: operatorOf(request).actorId, action: 'platform.seller_viewed' };
      return { seller: await app.db.withPlatform(access, readSeller) };
    },
  );

  app.put(
    '/api/platform/settings/seller',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'Set the seller’s requisites (checked: ИНН, КПП, ОГРН, БИК with the accounts’ keys)',
        body: SellerSettingsInput,
        response: responses({ 200: SellerSettingsResponse }),
      },
    },
    async (request) => ({ seller: await saveSeller(app.db, operatorOf(request), request.body) }),
  );
};
