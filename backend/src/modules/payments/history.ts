// What the lists show of invoices' online payments: the owner's latest try per invoice, and for
// the superadmin every try with the people who acted on them.
import { desc, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { invoicePayments, users } from '../../db/schema.ts';

export type InvoicePayment = typeof invoicePayments.$inferSelect;

async function paymentsOf(tx: Tx, invoiceIds: string[]): Promise<InvoicePayment[]> {
  if (invoiceIds.length === 0) return [];
  return tx
    .select()
    .from(invoicePayments)
    .where(inArray(invoicePayments.invoiceId, invoiceIds))
    .orderBy(desc(invoicePayments.createdAt));
}

/** Each invoice's latest online payment, for the owner's list. */
export async function latestPayments(tx: Tx, invoiceIds: string[]): Promise<Map<string, InvoicePayment>> {
  const latest = new Map<string, InvoicePayment>();
  for (const row of await paymentsOf(tx, invoiceIds)) if (!latest.has(row.invoiceId)) latest.set(row.invoiceId, row);
  return latest;
}

export interface PaymentHistory {
  /** Newest first. */
  payments: InvoicePayment[];
  /** Who marked it paid or asked for a refund, by user id: their email. */
  emails: ReadonlyMap<string, string>;
}

/** Every online payment of these invoices and who acted on them, for the superadmin. */
export async function paymentHistories(
  tx: Tx,
  list: { id: string; paidBy: string | null }[],
): Promise<(invoiceId: string) => PaymentHistory> {
  const rows = await paymentsOf(
    tx,
    list.map((invoice) => invoice.id),
  );
  const byInvoice = new Map<string, InvoicePayment[]>();
  for (const row of rows) byInvoice.set(row.invoiceId, [...(byInvoice.get(row.invoiceId) ?? []), row]);
  const actors = new Set<string>();
  for (const id of [...list.map((invoice) => invoice.paidBy), ...rows.map((row) => row.refundRequestedBy)]) {
    if (id) actors.add(id);
  }
  const people =
    actors.size === 0
      ? []
      : await tx
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(inArray(users.id, [...actors]));
  const emails = new Map(people.map((person) => [person.id, person.email]));
  return (invoiceId) => ({ payments: byInvoice.get(invoiceId) ?? [], emails });
}
