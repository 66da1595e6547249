// The lists of deliveries: the superadmin's across companies (each look audited, withPlatform),
// and an owner's of their own company (withTenant). Neither shows what was sent, only what it was.
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { PlatformContext, TenantContext } from '../../context.ts';
import type { Database, Tx } from '../../db/database.ts';
import { type DeliveryChannel, type DeliveryStatus, deliveries, tenants } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

export interface DeliveryFilter {
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  limit: number;
  offset: number;
}

const SUMMARY_LENGTH = 160;

const columns = {
  id: deliveries.id,
  channel: deliveries.channel,
  kind: deliveries.kind,
  recipient: deliveries.recipient,
  summary: sql<string>`coalesce(${deliveries.payload}->>'subject', ${deliveries.payload}->>'text', '')`,
  status: deliveries.status,
  attempts: deliveries.attempts,
  lastError: deliveries.lastError,
  response: deliveries.response,
  leadId: deliveries.leadId,
  createdAt: deliveries.createdAt,
  sentAt: deliveries.sentAt,
  nextAttemptAt: deliveries.nextAttemptAt,
};

type Row = { summary: string };

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&amp;': '&' };

/** A Telegram message's first line as people read it: tags dropped, entities back to characters. */
function readable<T extends Row>(row: T): T {
  const plain = row.summary
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|amp);/g, (entity) => ENTITIES[entity] ?? entity)
    .split('\n')[0]
    ?.trim();
  const summary = plain ?? '';
  return { ...row, summary: summary.length > SUMMARY_LENGTH ? `${summary.slice(0, SUMMARY_LENGTH - 1)}…` : summary };
}

const whereOf = (filter: DeliveryFilter, tenantId?: string): SQL | undefined =>
  and(
    tenantId ? eq(deliveries.tenantId, tenantId) : undefined,
    filter.status ? eq(deliveries.status, filter.status) : undefined,
    filter.channel ? eq(deliveries.channel, filter.channel) : undefined,
  );

async function page<T extends Row>(tx: Tx, query: Promise<T[]>, where: SQL | undefined) {
  const rows = await query;
  const [total] = await tx.select({ value: count() }).from(deliveries).where(where);
  return { deliveries: rows.map(readable), total: total?.value ?? 0 };
}

/** Every company's deliveries, newest first. */
export async function listPlatformDeliveries(db: Database, ctx: PlatformContext, filter: DeliveryFilter) {
  const access = { actorUserId: ctx.actorId, action: 'delivery.listed' };
  return db.withPlatform(access, (tx) => {
    const where = whereOf(filter);
    const query = tx
      .select({ ...columns, tenantId: deliveries.tenantId, tenantName: tenants.name })
      .from(deliveries)
      .innerJoin(tenants, eq(tenants.id, deliveries.tenantId))
      .where(where)
      .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
      .limit(filter.limit)
      .offset(filter.offset);
    return page(tx, query, where);
  });
}

/** One company's deliveries, newest first. */
export async function listDeliveries(tx: Tx, ctx: TenantContext, filter: DeliveryFilter) {
  const where = whereOf(filter, ctx.tenantId);
  const query = tx
    .select(columns)
    .from(deliveries)
    .where(where)
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(filter.limit)
    .offset(filter.offset);
  return page(tx, query, where);
}

/** What names an email's `.eml` file, or null when there is no such email. */
export async function findEmailDelivery(
  db: Database,
  ctx: PlatformContext,
  emailId: string,
): Promise<{ id: string; createdAt: Date } | null> {
  const access = { actorUserId: ctx.actorId, action: 'email.eml_downloaded', details: { emailId } };
  return db.withPlatform(access, async (tx) => {
    const [email] = await tx
      .select({ id: deliveries.id, createdAt: deliveries.createdAt })
      .from(deliveries)
      .where(and(eq(deliveries.id, emailId), eq(deliveries.channel, 'email')));
    return email ?? null;
  });
}

/**
 * Sends a delivery again soon: a failed one with its attempts counted afresh, a pending one now
 * rather than at its next try. A sent one is not sent twice (409). Null when there is no such one.
 */
export async function retryDelivery(tx: Tx, ctx: TenantContext, deliveryId: string) {
  const [found] = await tx
    .select({ status: deliveries.status })
    .from(deliveries)
    .where(and(eq(deliveries.tenantId, ctx.tenantId), eq(deliveries.id, deliveryId)))
    .for('update');
  if (!found) return null;
  if (found.status === 'sent') throw new AppError('DELIVERY_NOT_RETRYABLE');
  await tx
    .update(deliveries)
    .set({
      status: 'pending',
      attempts: sql`case when ${deliveries.status} = 'failed' then 0 else ${deliveries.attempts} end`,
      nextAttemptAt: sql`now()`,
    })
    .where(eq(deliveries.id, deliveryId));
  const [row] = await tx.select(columns).from(deliveries).where(eq(deliveries.id, deliveryId));
  return row ? readable(row) : null;
}
