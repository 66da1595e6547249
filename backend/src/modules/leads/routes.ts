import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import type { TenantContext } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { contentDisposition } from '../../lib/contentDisposition.ts';
import { memberOf } from '../../plugins/auth.ts';
import { iso, responses, SignedLinkView } from '../../schemas.ts';
import { listMessages } from '../chat/service.ts';
import { leadsCsv, leadsXlsx } from './export.ts';
import { LEAD_STATUS_NAMES } from './pipeline.ts';
import {
  AddLeadNoteBody,
  AssignLeadBody,
  ChangeLeadStatusBody,
  LeadAssigneesView,
  LeadExportQuery,
  LeadListQuery,
  LeadListView,
  LeadParams,
  LeadView,
} from './schemas.ts';
import {
  addLeadNote,
  assignLead,
  changeLeadStatus,
  findLead,
  leadEstimatePdf,
  listAssignees,
  listLeadEvents,
  listLeads,
  listLeadsForExport,
} from './service.ts';
import { eventOf, summaryOf } from './views.ts';

/** The lead with everything its page shows. */
async function leadView(tx: Tx, ctx: TenantContext, leadId: string): Promise<LeadView> {
  const lead = await findLead(tx, { tenantId: ctx.tenantId, leadId });
  if (!lead) throw new AppError('LEAD_NOT_FOUND');
  const transcript = await listMessages(tx, { tenantId: ctx.tenantId, sessionId: lead.sessionId });
  const history = await listLeadEvents(tx, ctx, { leadId: lead.id });
  return {
    ...summaryOf(lead, await listAssignees(tx, ctx)),
    consentAt: iso(lead.consentAt),
    answers: lead.answers,
    utm: lead.utm,
    pageUrl: lead.pageUrl,
    funnelVersion: lead.funnelVersion,
    transcript,
    history: history.map(eventOf),
  };
}

const EXPORT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

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
        summary: 'Leads, newest first, filtered by status, responsible member and period, with counts per status',
        querystring: LeadListQuery,
        response: responses({ 200: LeadListView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        const result = await listLeads(tx, ctx, request.query);
        const members = await listAssignees(tx, ctx);
        return {
          leads: result.leads.map((lead) => summaryOf(lead, members)),
          total: result.total,
          counts: result.counts,
        };
      });
    },
  );

  app.get(
    '/api/leads/export',
    {
      config: { access: 'member' },
      schema: {
        tags: ['leads'],
        summary: 'The filtered leads as a CSV (UTF-8 with BOM, `;`) or Excel file',
        querystring: LeadExportQuery,
        response: responses({ 200: Type.String({ description: 'The file' }) }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      const { format, status, assignee, from, to } = request.query;
      const { leads, members } = await app.db.withTenant(ctx.tenantId, async (tx) => ({
        leads: await listLeadsForExport(tx, ctx, { status, assignee, from, to }),
        members: await listAssignees(tx, ctx),
      }));
      const file = format === 'xlsx' ? await leadsXlsx(leads, members) : leadsCsv(leads, members);
      const name = [
        'Заявки',
        status ? LEAD_STATUS_NAMES[status] : null,
        from || to ? `${from ?? '…'}–${to ?? '…'}` : null,
      ]
        .filter(Boolean)
        .join(' ');
      return reply
        .type(EXPORT_TYPES[format])
        .header('cache-control', 'private, no-store')
        .header('content-disposition', contentDisposition(`${name}.${format}`))
        .send(file);
    },
  );

  app.get(
    '/api/leads/assignees',
    {
      config: { access: 'member' },
      schema: {
        tags: ['leads'],
        summary: 'The company’s members a lead can be given to',
        response: responses({ 200: LeadAssigneesView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return { members: await app.db.withTenant(ctx.tenantId, (tx) => listAssignees(tx, ctx)) };
    },
  );

  app.get(
    '/api/leads/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['leads'],
        summary: 'A lead with its answers, estimate, conversation and history',
        params: LeadParams,
        response: responses({ 200: LeadView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, (tx) => leadView(tx, ctx, request.params.id));
    },
  );

  app.post(
    '/api/leads/:id/status',
    {
      config: { access: 'member' },
      schema: {
        tags: ['leads'],
        summary: 'Moves the lead to a stage of the pipeline (a refusal with its reason)',
        params: LeadParams,
        body: ChangeLeadStatusBody,
        response: responses({ 200: LeadView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const leadId = request.params.id;
      const { status, reason } = request.body;
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        await changeLeadStatus(tx, ctx, { leadId, status, reason });
        return leadView(tx, ctx, leadId);
      });
    },
  );

  app.put(
    '/api/leads/:id/assignee',
    {
      config: { access: 'member' },
      schema: {
        tags: ['leads'],
        summary: 'Makes a member of the company responsible for the lead, or no one',
        params: LeadParams,
        body: AssignLeadBody,
        response: responses({ 200: LeadView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const leadId = request.params.id;
      const { assigneeId } = request.body;
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        await assignLead(tx, ctx, { leadId, assigneeId });
        return leadView(tx, ctx, leadId);
      });
    },
  );

  app.post(
    '/api/leads/:id/notes',
    {
      config: { access: 'member' },
      schema: {
        tags: ['leads'],
        summary: 'Adds a note to the lead’s history',
        params: LeadParams,
        body: AddLeadNoteBody,
        response: responses({ 201: LeadView }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      const leadId = request.params.id;
      const { text } = request.body;
      const lead = await app.db.withTenant(ctx.tenantId, async (tx) => {
        await addLeadNote(tx, ctx, { leadId, text });
        return leadView(tx, ctx, leadId);
      });
      return reply.code(201).send(lead);
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
