// Invoices: the owner issues one for a plan and a term; the superadmin marks it paid, which puts
// the plan in force, or cancels it. Each change writes its email to the outbox in its own
// transaction, so the notice goes out if and only if the change happened.

import { and, count, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { PlatformContext, TenantContext } from '../../context.ts';
import type { Database, Tx } from '../../db/database.ts';
import { queryRows } from '../../db/database.ts';
import { type InvoicePaidVia, invoices, type Plan, tenants } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { MOSCOW, termEnd } from '../billing/paidTerm.ts';
import { PLANS_CATALOGUE } from '../billing/plans.ts';
import { enqueueEmail } from '../email/outbox.ts';
import { invoiceIssued, paymentReceived } from '../email/templates.ts';
import { type PaymentHistory, paymentHistories } from '../payments/history.ts';
import { vatOf } from './document/requisites.ts';
import { quote, type Term } from './pricing.ts';
import { billingRecipients, buyerOf, findBillingProfile } from './profile.ts';
import type { InvoiceView, PlatformInvoiceListQuery } from './schemas.ts';
import { readSeller } from './seller.ts';

export type Invoice = typeof invoices.$inferSelect;

export interface InvoiceDeps {
  db: Database;
  /** Where the emails' links lead. */
  publicUrl: string;
  /** Told when mail was queued, to send it without waiting for the next poll. */
  outbox: { kick(): void };
}

const DAY_MS = 86_400_000;

const moscowYear = (date: Date) =>
  Number(new Intl.DateTimeFormat('en', { timeZone: MOSCOW, year: 'numeric' }).format(date));

export const billingUrl = (publicUrl: string) => `${publicUrl}/admin/billing`;

/** `issued` past its due date shows as `overdue`. */
export const statusOf = (invoice: Pick<Invoice, 'status' | 'dueAt'>, now = new Date()): InvoiceView['status'] =>
  invoice.status === 'issued' && invoice.dueAt < now ? 'overdue' : invoice.status;

export async function issueInvoice(
  deps: InvoiceDeps,
  ctx: TenantContext,
  options: { plan: Exclude<Plan, 'free'>; termMonths: Term; now?: Date },
): Promise<Invoice> {
  const now = options.now ?? new Date();
  const plan = PLANS_CATALOGUE[options.plan];
  const price = quote(plan, options.termMonths);
  const invoice = await deps.db.withTenant(ctx.tenantId, async (tx) => {
    const seller = await readSeller(tx);
    if (!seller) throw new AppError('SELLER_NOT_CONFIGURED');
    const profile = await findBillingProfile(tx, ctx.tenantId);
    if (!profile) throw new AppError('BILLING_PROFILE_REQUIRED');
    const year = moscowYear(now);
    const [taken] = await queryRows<{ seq: number }>(tx, sql`select next_invoice_seq(${year}) as seq`);
    const seq = Number(taken?.seq);
    const [created] = await tx
      .insert(invoices)
      .values({
        tenantId: ctx.tenantId,
        number: `${year}-${String(seq).padStart(6, '0')}`,
        year,
        seq,
        plan: plan.id,
        planName: plan.name,
        termMonths: price.termMonths,
        monthlyPriceKopecks: price.monthlyPriceKopecks,
        discountPercent: price.discountPercent,
        amountKopecks: price.amountKopecks,
        vatRate: seller.vatRate,
        vatKopecks: vatOf(price.amountKopecks, seller.vatRate),
        issuedAt: now,
        dueAt: new Date(now.getTime() + seller.dueDays * DAY_MS),
        seller,
        buyer: buyerOf(profile),
        createdBy: ctx.actorId,
      })
      .returning();
    if (!created) throw new Error('issueInvoice: nothing inserted');
    await enqueueEmail(tx, {
      tenantId: ctx.tenantId,
      kind: 'invoice_issued',
      dedupeKey: `invoice_issued:${created.id}`,
      to: [profile.email],
      ...invoiceIssued({
        companyName: await tenantName(tx, ctx.tenantId),
        invoiceNumber: created.number,
        issuedAt: created.issuedAt,
        dueAt: created.dueAt,
        planName: created.planName,
        termMonths: created.termMonths,
        amountKopecks: created.amountKopecks,
        billingUrl: billingUrl(deps.publicUrl),
      }),
      attachments: [{ invoiceId: created.id }],
    });
    return created;
  });
  deps.outbox.kick();
  return invoice;
}

async function tenantName(tx: Tx, tenantId: string): Promise<string> {
  const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return tenant?.name ?? '';
}

export const listTenantInvoices = (tx: Tx, tenantId: string) =>
  tx
    .select()
    .from(invoices)
    .where(eq(invoices.tenantId, tenantId))
    .orderBy(desc(invoices.issuedAt), desc(invoices.seq));

export async function findInvoice(tx: Tx, options: { tenantId: string; invoiceId: string }): Promise<Invoice | null> {
  const [invoice] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, options.tenantId), eq(invoices.id, options.invoiceId)));
  return invoice ?? null;
}

/** An invoice with whose it is and how it was paid, for the superadmin. */
export interface PlatformInvoice extends Invoice {
  tenantName: string;
  history: PaymentHistory;
}

/** Invoices with their companies' names and payment histories, newest first. */
export async function platformInvoices(
  tx: Tx,
  where: SQL | undefined,
  page?: { limit: number; offset: number },
): Promise<PlatformInvoice[]> {
  const query = tx
    .select({ invoice: invoices, tenantName: tenants.name })
    .from(invoices)
    .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
    .where(where)
    .orderBy(desc(invoices.issuedAt), desc(invoices.seq));
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  const historyOf = await paymentHistories(
    tx,
    rows.map((row) => row.invoice),
  );
  return rows.map((row) => ({ ...row.invoice, tenantName: row.tenantName, history: historyOf(row.invoice.id) }));
}

function platformFilter(query: PlatformInvoiceListQuery, now: Date): SQL | undefined {
  const day = (date: string) => sql`(${date}::date::timestamp at time zone ${MOSCOW})`;
  const status =
    query.status === 'overdue'
      ? and(eq(invoices.status, 'issued'), lt(invoices.dueAt, now))
      : query.status === 'issued'
        ? and(eq(invoices.status, 'issued'), gte(invoices.dueAt, now))
        : query.status
          ? eq(invoices.status, query.status)
          : undefined;
  const search = query.q?.trim();
  return and(
    status,
    query.tenantId ? eq(invoices.tenantId, query.tenantId) : undefined,
    query.from ? sql`${invoices.issuedAt} >= ${day(query.from)}` : undefined,
    query.to ? sql`${invoices.issuedAt} < ${day(query.to)} + interval '1 day'` : undefined,
    search
      ? or(ilike(invoices.number, `%${search.replace(/[\\%_]/g, '')}%`), sql`${invoices.buyer}->>'inn' = ${search}`)
      : undefined,
  );
}

export async function listAllInvoices(
  db: Database,
  ctx: PlatformContext,
  options: { query: PlatformInvoiceListQuery; now?: Date },
): Promise<{ invoices: PlatformInvoice[]; total: number }> {
  const where = platformFilter(options.query, options.now ?? new Date());
  return db.withPlatform({ actorUserId: ctx.actorId, action: 'platform.invoices_listed' }, async (tx) => {
    const page = await platformInvoices(tx, where, options.query);
    const [total] = await tx.select({ value: count() }).from(invoices).where(where);
    return { invoices: page, total: total?.value ?? 0 };
  });
}

async function platformInvoice(tx: Tx, invoiceId: string): Promise<PlatformInvoice> {
  const [invoice] = await platformInvoices(tx, eq(invoices.id, invoiceId));
  if (!invoice) throw new AppError('INVOICE_NOT_FOUND');
  return invoice;
}

export async function findAnyInvoice(db: Database, ctx: PlatformContext, options: { invoiceId: string }) {
  const access = { actorUserId: ctx.actorId, action: 'platform.invoice_viewed', details: options };
  const invoice = await db.withPlatform(access, async (tx) => {
    const [row] = await tx.select().from(invoices).where(eq(invoices.id, options.invoiceId));
    return row;
  });
  if (!invoice) throw new AppError('INVOICE_NOT_FOUND');
  return invoice;
}

/**
 * Marks an invoice paid and puts its plan in force, once: the invoice row is locked, so a double
 * click or two superadmins at once pay it once and the second sees it paid.
 */
export async function markInvoicePaid(
  deps: InvoiceDeps,
  ctx: PlatformContext,
  options: { invoiceId: string; now?: Date },
): Promise<PlatformInvoice> {
  const now = options.now ?? new Date();
  const access = {
    actorUserId: ctx.actorId,
    action: 'platform.invoice_paid',
    details: { invoiceId: options.invoiceId },
  };
  const paid = await deps.db.withPlatform(access, async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, options.invoiceId)).for('update');
    if (!invoice) throw new AppError('INVOICE_NOT_FOUND');
    if (invoice.status === 'cancelled') throw new AppError('INVOICE_CANCELLED');
    if (invoice.status === 'issued') {
      await putInForce(tx, deps, invoice, { now, paidBy: ctx.actorId, paidVia: 'transfer' });
    }
    return platformInvoice(tx, invoice.id);
  });
  deps.outbox.kick();
  return paid;
}

/**
 * Pays an unpaid invoice locked by the caller's transaction: the plan is put in force (a renewal
 * of the plan in force extends it from its current end; another plan starts now) and the company
 * is emailed. The caller kicks the outbox after the commit.
 */
export async function putInForce(
  tx: Tx,
  deps: Pick<InvoiceDeps, 'publicUrl'>,
  invoice: Invoice,
  options: { now: Date; paidBy: string | null; paidVia: InvoicePaidVia },
): Promise<Invoice> {
  const { now } = options;
  const [tenant] = await tx
    .select({ name: tenants.name, plan: tenants.plan, planExpiresAt: tenants.planExpiresAt })
    .from(tenants)
    .where(eq(tenants.id, invoice.tenantId))
    .for('update');
  if (!tenant) throw new AppError('INVOICE_NOT_FOUND');
  const renewal = tenant.plan === invoice.plan && tenant.planExpiresAt !== null && tenant.planExpiresAt > now;
  const start = renewal && tenant.planExpiresAt ? tenant.planExpiresAt : now;
  const [term] = await queryRows<{ end: string | Date }>(
    tx,
    sql`select ${termEnd(sql`${start.toISOString()}`, invoice.termMonths)} as end`,
  );
  const end = new Date(term?.end as string);
  await tx.update(tenants).set({ plan: invoice.plan, planExpiresAt: end }).where(eq(tenants.id, invoice.tenantId));
  const [updated] = await tx
    .update(invoices)
    .set({
      status: 'paid',
      paidAt: now,
      paidBy: options.paidBy,
      paidVia: options.paidVia,
      periodStart: start,
      periodEnd: end,
    })
    .where(eq(invoices.id, invoice.id))
    .returning();
  if (!updated) throw new Error('putInForce: nothing updated');
  await enqueueEmail(tx, {
    tenantId: invoice.tenantId,
    kind: 'payment_received',
    dedupeKey: `payment_received:${invoice.id}`,
    to: await billingRecipients(tx, invoice.tenantId),
    ...paymentReceived({
      companyName: tenant.name,
      invoiceNumber: invoice.number,
      planName: invoice.planName,
      periodEnd: end,
      billingUrl: billingUrl(deps.publicUrl),
    }),
  });
  return updated;
}

/** Cancels an invoice not yet paid, with the reason; cancelling it again changes nothing. */
export async function cancelInvoice(
  db: Database,
  ctx: PlatformContext,
  options: { invoiceId: string; reason: string; now?: Date },
): Promise<PlatformInvoice> {
  const reason = options.reason.trim();
  const access = {
    actorUserId: ctx.actorId,
    action: 'platform.invoice_cancelled',
    details: { invoiceId: options.invoiceId, reason },
  };
  return db.withPlatform(access, async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, options.invoiceId)).for('update');
    if (!invoice) throw new AppError('INVOICE_NOT_FOUND');
    if (invoice.status === 'paid') throw new AppError('INVOICE_PAID');
    if (invoice.status === 'issued') {
      await tx
        .update(invoices)
        .set({
          status: 'cancelled',
          cancelledAt: options.now ?? new Date(),
          cancelledBy: ctx.actorId,
          cancelReason: reason,
        })
        .where(eq(invoices.id, invoice.id));
    }
    return platformInvoice(tx, invoice.id);
  });
}
