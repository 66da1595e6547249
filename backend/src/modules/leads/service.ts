// Leads: completed funnels. A lead is written in the transaction that completes its session, so
// it exists as soon as the visitor's contacts are accepted: before any PDF, message or delivery.

import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { TenantContext } from '../../context.ts';
import type { Database, Tx } from '../../db/database.ts';
import { leads } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { ChatSession } from '../chat/service.ts';
import type { Answers, Estimate } from '../funnel/schemas.ts';
import { estimateCompanyOf, renderEstimatePdf, type SignedLink, signEstimate } from '../pdf/estimatePdf.ts';
import type { PdfEngine } from '../pdf/pdfEngine.ts';
import { storeOnce } from '../storage/files.ts';
import type { ObjectStore } from '../storage/s3Service.ts';

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
  estimatePdfFileId: string | null;
  createdAt: Date;
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
  estimatePdfFileId: leads.estimatePdfFileId,
  createdAt: leads.createdAt,
};

/** Creates the session's lead; a second call for the same session creates nothing. */
export async function createLead(
  tx: Tx,
  options: {
    tenantId: string;
    session: ChatSession;
    answers: Answers;
    estimate: Estimate;
    questions: { question: string; answer: string }[];
  },
): Promise<void> {
  const contacts = options.answers.contacts;
  if (!contacts) throw new AppError('FUNNEL_INCOMPLETE');
  const { contacts: _contacts, ...rawAnswers } = options.answers;
  await tx
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
    })
    .onConflictDoNothing({ target: leads.sessionId });
}

export async function listLeads(
  tx: Tx,
  ctx: TenantContext,
  page: { limit: number; offset: number },
): Promise<{ leads: Lead[]; total: number }> {
  const rows = await tx
    .select(leadColumns)
    .from(leads)
    .where(eq(leads.tenantId, ctx.tenantId))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await tx.select({ value: count() }).from(leads).where(eq(leads.tenantId, ctx.tenantId));
  return { leads: rows, total: total?.value ?? 0 };
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
