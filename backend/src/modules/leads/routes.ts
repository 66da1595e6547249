import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { memberOf } from '../../plugins/auth.ts';
import { iso, responses, SignedLinkView } from '../../schemas.ts';
import { listMessages } from '../chat/service.ts';
import { LeadListQuery, LeadListView, LeadParams, type LeadSummaryView, LeadView } from './schemas.ts';
import { findLead, type Lead, leadEstimatePdf, listLeads } from './service.ts';

const summaryOf = (lead: Lead): LeadSummaryView => ({
  id: lead.id,
  name: lead.name,
  phone: lead.phone,
  createdAt: iso(lead.createdAt),
  summary: lead.answers
    .slice(0, 3)
    .map((pair) => pair.answer)
    .join(' · '),
  estimate: lead.estimate,
});

export const leadRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const pdfDeps = {
    db: app.db,
    store: app.store,
    pdf: app.pdf,
    log: app.log,
    signedUrlTtlSeconds: config.signedUrlTtlSeconds,
  };

  app.get(
    '/api/leads',
    {
      config: { access: 'member' },
      schema: {
        tags: ['leads'],
        summary: 'Leads, newest first',
        querystring: LeadListQuery,
        response: responses({ 200: LeadListView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const { limit, offset } = request.query;
      const result = await app.db.withTenant(ctx.tenantId, (tx) => listLeads(tx, ctx, { limit, offset }));
      return { leads: result.leads.map(summaryOf), total: result.total };
    },
  );

  app.get(
    '/api/leads/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['leads'],
        summary: 'A lead with its answers, estimate and conversation',
        params: LeadParams,
        response: responses({ 200: LeadView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      return app.db.withTenant(tenantId, async (tx) => {
        const lead = await findLead(tx, { tenantId, leadId: request.params.id });
        if (!lead) throw new AppError('LEAD_NOT_FOUND');
        const transcript = await listMessages(tx, { tenantId, sessionId: lead.sessionId });
        return {
          ...summaryOf(lead),
          consentAt: iso(lead.consentAt),
          answers: lead.answers,
          utm: lead.utm,
          pageUrl: lead.pageUrl,
          transcript,
        };
      });
    },
  );

  app.post(
    '/api/leads/:id/estimate-pdf',
    {
      config: { access: 'member' },
      schema: {
        tags: ['leads'],
        summary: 'A signed link to the lead’s estimate PDF',
        params: LeadParams,
        response: responses({ 200: SignedLinkView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      const lead = await app.db.withTenant(tenantId, (tx) => findLead(tx, { tenantId, leadId: request.params.id }));
      if (!lead) throw new AppError('LEAD_NOT_FOUND');
      const link = await leadEstimatePdf(pdfDeps, { tenantId, lead });
      return { url: link.url, expiresAt: iso(link.expiresAt) };
    },
  );
};
