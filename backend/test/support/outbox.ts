// What the outbox holds for a company, read back as tests check it: each email with its payload.
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { deliveries } from '../../src/db/schema.ts';
import type { EmailPayload } from '../../src/modules/email/outbox.ts';

export async function queuedEmails(db: Database, tenantId: string, kind?: string) {
  const rows = await db.withTenant(tenantId, (tx) =>
    tx
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.tenantId, tenantId),
          eq(deliveries.channel, 'email'),
          kind ? eq(deliveries.kind, kind) : undefined,
        ),
      )
      .orderBy(asc(deliveries.createdAt)),
  );
  return rows.map((row) => ({ ...row, ...(row.payload as unknown as EmailPayload) }));
}
