// Leads: completed funnels. A lead is written in the transaction that completes its session, so
// it exists as soon as the visitor's contacts are accepted: before any PDF, message or delivery.

import { and, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { TenantContext } from '../../context.ts';
import type { Database, Tx } from '../../db/database.ts';
import { LEAD_STATUSES, type LeadEventKind, type LeadStatus, leadEvents, leads } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { MOSCOW } from '../billing/paidTerm.ts';
import type { ChatSession } from '../chat/service.ts';
import type { Answers, Estimate } from '../funnel/schemas.ts';
import { estimateCompanyOf, renderEstimatePdf, type SignedLink, signEstimate } from '../pdf/estimatePdf.ts';
import type { PdfEngine } from '../pdf/pdfEngine.ts';
import { storeOnce } from '../storage/files.ts';
import type { ObjectStore } from '../storage/s3Service.ts';
import { listTeam } from '../team/service.ts';
import type { LeadFilter, LeadListQuery, LeadStatusCounts } from './schemas.ts';

export interface Lead {
  id: string;
  sessionId: string;
  name: string;
  phone: string;
  consentAt: Date;
  answers: { question: string; answer: string }[];
  estimate: Estimate;
  utm: Record<string, string>;
  pageUrl: string | null;
  funnelVersion: number | null;
  estimatePdfFileId: string | null;
  createdAt: Date;
  status: LeadStatus;
  statusReason: string | null;
  assigneeId: string | null;
}

const leadColumns = {
  id: leads.id,
  sessionId: leads.sessionId,
  name: leads.name,
  phone: leads.phone,
  consentAt: leads.consentAt,
  answers: leads.answers,
  estimate: sql<Estimate>`${leads.estimate}`,
  utm: leads.utm,
  pageUrl: leads.pageUrl,
  funnelVersion: leads.funnelVersion,
  estimatePdfFileId: leads.estimatePdfFileId,
  createdAt: leads.createdAt,
  status: leads.status,
  statusReason: leads.statusReason,
  assigneeId: leads.assigneeId,
};

/** Creates the session's lead and returns its id; a second call for the same session creates nothing (null). */
export async function createLead(
  tx: Tx,
  options: {
    tenantId: string;
    session: ChatSession;
    answers: Answers;
    estimate: Estimate;
    questions: { question: string; answer: string }[];
  },
): Promise<string | null> {
  const contacts = options.answers.contacts;
  if (!contacts) throw new AppError('FUNNEL_INCOMPLETE');
  const { contacts: _contacts, ...rawAnswers } = options.answers;
  const [created] = await tx
    .insert(leads)
    .values({
      tenantId: options.tenantId,
      sessionId: options.session.id,
      name: contacts.name,
      phone: contacts.phone,
      consentAt: sql`now()`,
      answers: options.questions,
      rawAnswers,
      estimate: options.estimate as unknown as Record<string, unknown>,
      utm: options.session.utm,
      pageUrl: options.session.pageUrl,
      funnelVersion: options.session.funnelVersion,
    })
    .onConflictDoNothing({ target: leads.sessionId })
    .returning({ id: leads.id });
  return created?.id ?? null;
}

/** The list's filters as a condition, the tenant's own rows only; `status` left out when asked. */
function filterOf(ctx: TenantContext, filter: LeadFilter, options: { withStatus: boolean }): SQL | undefined {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new AppError('LEAD_PERIOD_INVALID', { fields: { to: 'Дата «по» раньше даты «с»' } });
  }
  const day = (date: string) => sql`(${date}::date::timestamp at time zone ${MOSCOW})`;
  return and(
    eq(leads.tenantId, ctx.tenantId),
    options.withStatus && filter.status ? eq(leads.status, filter.status) : undefined,
    filter.assignee === 'none' ? isNull(leads.assigneeId) : undefined,
    filter.assignee && filter.assignee !== 'none' ? eq(leads.assigneeId, filter.assignee) : undefined,
    filter.from ? sql`${leads.createdAt} >= ${day(filter.from)}` : undefined,
    filter.to ? sql`${leads.createdAt} < ${day(filter.to)} + interval '1 day'` : undefined,
  );
}

/** A page of the filtered leads, newest first, their number, and how many there are per status. */
export async function listLeads(
  tx: Tx,
  ctx: TenantContext,
  query: LeadListQuery,
): Promise<{ leads: Lead[]; total: number; counts: LeadStatusCounts }> {
  const where = filterOf(ctx, query, { withStatus: true });
  const rows = await tx
    .select(leadColumns)
    .from(leads)
    .where(where)
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await tx.select({ value: count() }).from(leads).where(where);
  return { leads: rows, total: total?.value ?? 0, counts: await countByStatus(tx, ctx, query) };
}

/** Leads per status under the filters other than the status, so every tab shows its number. */
export async function countByStatus(tx: Tx, ctx: TenantContext, filter: LeadFilter): Promise<LeadStatusCounts> {
  const rows = await tx
    .select({ status: leads.status, value: count() })
    .from(leads)
    .where(filterOf(ctx, filter, { withStatus: false }))
    .groupBy(leads.status);
  const counts = Object.fromEntries(LEAD_STATUSES.map((status) => [status, 0])) as LeadStatusCounts;
  for (const row of rows) counts[row.status] = row.value;
  return counts;
}

/** An export takes at most this many leads; more is refused rather than cut short. */
export const EXPORT_MAX_LEADS = 10_000;

/** Every lead the filters match, newest first, for an export. */
export async function listLeadsForExport(tx: Tx, ctx: TenantContext, filter: LeadFilter): Promise<Lead[]> {
  const rows = await tx
    .select(leadColumns)
    .from(leads)
    .where(filterOf(ctx, filter, { withStatus: true }))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(EXPORT_MAX_LEADS + 1);
  if (rows.length > EXPORT_MAX_LEADS) throw new AppError('LEAD_EXPORT_TOO_LARGE');
  return rows;
}

export async function findLead(
  tx: Tx,
  options: { tenantId: string; leadId?: string; sessionId?: string },
): Promise<Lead | null> {
  const [lead] = await tx
    .select(leadColumns)
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, options.tenantId),
        options.leadId ? eq(leads.id, options.leadId) : undefined,
        options.sessionId ? eq(leads.sessionId, options.sessionId) : undefined,
      ),
    )
    .limit(1);
  return lead ?? null;
}

/** A lead's estimate number: the day it came and a piece of its id, e.g. 20261129-3F2A. */
export const estimateNumber = (lead: Pick<Lead, 'id' | 'createdAt'>) =>
  `${lead.createdAt.toISOString().slice(0, 10).replaceAll('-', '')}-${lead.id.slice(0, 4).toUpperCase()}`;

interface PdfDeps {
  db: Database;
  store: ObjectStore;
  pdf: PdfEngine;
  log: { error(object: object, message: string): void };
  signedUrlTtlSeconds: number;
}

/**
 * A fresh signed link to the lead's estimate PDF. The PDF is rendered once, on first request;
 * later requests (an expired link clicked again) sign the stored file anew. Two first requests at
 * once render twice, and the second one's file is dropped for the first's.
 */
export async function leadEstimatePdf(deps: PdfDeps, options: { tenantId: string; lead: Lead }): Promise<SignedLink> {
  const { lead, tenantId } = options;
  const number = estimateNumber(lead);
  const thisLead = and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id));
  const file = await storeOnce(deps, {
    object: {
      tenantId,
      kind: 'estimate',
      visibility: 'private',
      contentType: 'application/pdf',
      extension: 'pdf',
      createdBy: null,
    },
    current: async (tx) => {
      const [row] = await tx.select({ fileId: leads.estimatePdfFileId }).from(leads).where(thisLead).for('update');
      return row?.fileId ?? null;
    },
    render: async () =>
      renderEstimatePdf(deps.pdf, {
        number,
        date: lead.createdAt,
        company: await estimateCompanyOf(deps, tenantId),
        customer: { name: lead.name, phone: lead.phone },
        answers: lead.answers,
        lines: lead.estimate.lines,
        total: lead.estimate.total,
        range: lead.estimate.range,
      }),
    attach: (tx, fileId) => tx.update(leads).set({ estimatePdfFileId: fileId }).where(thisLead),
  });
  return signEstimate(deps, file, number);
}

export interface LeadMember {
  id: string;
  name: string;
  role: 'owner' | 'manager';
}

/** The company's members a lead can be given to (through the team's service): owners and managers. */
export async function listAssignees(tx: Tx, ctx: TenantContext): Promise<LeadMember[]> {
  const { members } = await listTeam(tx, ctx);
  return members.map((member) => ({ id: member.id, name: member.name || member.email, role: member.role }));
}

export interface LeadEvent {
  id: string;
  kind: LeadEventKind;
  createdAt: Date;
  actorId: string | null;
  actorName: string;
  fromStatus: LeadStatus | null;
  status: LeadStatus | null;
  reason: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  text: string | null;
}

/** The lead's history, newest first. */
export async function listLeadEvents(tx: Tx, ctx: TenantContext, input: { leadId: string }): Promise<LeadEvent[]> {
  return tx
    .select({
      id: leadEvents.id,
      kind: leadEvents.kind,
      createdAt: leadEvents.createdAt,
      actorId: leadEvents.actorId,
      actorName: leadEvents.actorName,
      fromStatus: leadEvents.fromStatus,
      status: leadEvents.status,
      reason: leadEvents.reason,
      assigneeId: leadEvents.assigneeId,
      assigneeName: leadEvents.assigneeName,
      text: leadEvents.text,
    })
    .from(leadEvents)
    .where(and(eq(leadEvents.tenantId, ctx.tenantId), eq(leadEvents.leadId, input.leadId)))
    .orderBy(desc(leadEvents.createdAt), desc(leadEvents.id));
}

/** The lead, locked until the change's transaction ends, so two changes at once are told apart in order. */
async function lockLead(tx: Tx, ctx: TenantContext, leadId: string) {
  const [lead] = await tx
    .select({ status: leads.status, statusReason: leads.statusReason, assigneeId: leads.assigneeId })
    .from(leads)
    .where(and(eq(leads.tenantId, ctx.tenantId), eq(leads.id, leadId)))
    .for('update');
  if (!lead) throw new AppError('LEAD_NOT_FOUND');
  return lead;
}

async function actorName(tx: Tx, ctx: TenantContext, members?: LeadMember[]): Promise<string> {
  const team = members ?? (await listAssignees(tx, ctx));
  return team.find((member) => member.id === ctx.actorId)?.name ?? '';
}

/**
 * Moves the lead to a stage of the pipeline; any stage may follow any other (a refusal can be
 * won back). A refusal needs its reason, and a new reason for a refusal is a change of its own.
 * Moving to the stage it is in already, for the same reason, changes nothing.
 */
export async function changeLeadStatus(
  tx: Tx,
  ctx: TenantContext,
  input: { leadId: string; status: LeadStatus; reason?: string | undefined },
): Promise<void> {
  const reason = input.status === 'rejected' ? (input.reason ?? '').trim() : null;
  if (reason === '') throw new AppError('LEAD_REASON_REQUIRED', { fields: { reason: 'Укажите причину отказа' } });
  const lead = await lockLead(tx, ctx, input.leadId);
  if (lead.status === input.status && lead.statusReason === reason) return;
  await tx
    .update(leads)
    .set({ status: input.status, statusReason: reason })
    .where(and(eq(leads.tenantId, ctx.tenantId), eq(leads.id, input.leadId)));
  await tx.insert(leadEvents).values({
    tenantId: ctx.tenantId,
    leadId: input.leadId,
    kind: 'status',
    actorId: ctx.actorId,
    actorName: await actorName(tx, ctx),
    fromStatus: lead.status,
    status: input.status,
    reason,
  });
}

/** Makes a member of the company responsible for the lead, or (null) no one. */
export async function assignLead(
  tx: Tx,
  ctx: TenantContext,
  input: { leadId: string; assigneeId: string | null },
): Promise<void> {
  const lead = await lockLead(tx, ctx, input.leadId);
  const members = await listAssignees(tx, ctx);
  const assignee = input.assigneeId === null ? null : members.find((member) => member.id === input.assigneeId);
  if (assignee === undefined)
    throw new AppError('LEAD_ASSIGNEE_NOT_FOUND', { fields: { assigneeId: 'Такого сотрудника нет в компании' } });
  if (lead.assigneeId === input.assigneeId) return;
  await tx
    .update(leads)
    .set({ assigneeId: input.assigneeId })
    .where(and(eq(leads.tenantId, ctx.tenantId), eq(leads.id, input.leadId)));
  await tx.insert(leadEvents).values({
    tenantId: ctx.tenantId,
    leadId: input.leadId,
    kind: 'assignee',
    actorId: ctx.actorId,
    actorName: await actorName(tx, ctx, members),
    assigneeId: assignee?.id ?? null,
    assigneeName: assignee?.name ?? null,
  });
}

/** Adds a note to the lead's history. */
export async function addLeadNote(tx: Tx, ctx: TenantContext, input: { leadId: string; text: string }): Promise<void> {
  await lockLead(tx, ctx, input.leadId);
  await tx.insert(leadEvents).values({
    tenantId: ctx.tenantId,
    leadId: input.leadId,
    kind: 'note',
    actorId: ctx.actorId,
    actorName: await actorName(tx, ctx),
    text: input.text.trim(),
  });
}
