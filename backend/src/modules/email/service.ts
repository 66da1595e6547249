// The superadmin's view of the email outbox, across tenants; each look is audited (withPlatform).

import { count, desc, eq } from 'drizzle-orm';
import type { PlatformContext } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import { type EmailStatus, outboxEmails, tenants } from '../../db/schema.ts';

const platformEmailColumns = {
  id: outboxEmails.id,
  tenantId: outboxEmails.tenantId,
  tenantName: tenants.name,
  kind: outboxEmails.kind,
  to: outboxEmails.to,
  subject: outboxEmails.subject,
  status: outboxEmails.status,
  attempts: outboxEmails.attempts,
  lastError: outboxEmails.lastError,
  createdAt: outboxEmails.createdAt,
  sentAt: outboxEmails.sentAt,
  nextAttemptAt: outboxEmails.nextAttemptAt,
};

export type PlatformEmail = {
  id: string;
  tenantId: string;
  tenantName: string;
  kind: string;
  to: string[];
  subject: string;
  status: EmailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
};

/** Every tenant's emails, newest first. */
export async function listOutboxEmails(
  db: Database,
  ctx: PlatformContext,
  options: { status?: EmailStatus; limit: number; offset: number },
): Promise<{ emails: PlatformEmail[]; total: number }> {
  const access = { actorUserId: ctx.actorId, action: 'email.outbox_listed' };
  return db.withPlatform(access, async (tx) => {
    const where = options.status ? eq(outboxEmails.status, options.status) : undefined;
    const emails = await tx
      .select(platformEmailColumns)
      .from(outboxEmails)
      .innerJoin(tenants, eq(tenants.id, outboxEmails.tenantId))
      .where(where)
      .orderBy(desc(outboxEmails.createdAt), desc(outboxEmails.id))
      .limit(options.limit)
      .offset(options.offset);
    const [total] = await tx.select({ value: count() }).from(outboxEmails).where(where);
    return { emails, total: total?.value ?? 0 };
  });
}

/** What names an email's `.eml` file, or null when there is no such email. */
export async function findOutboxEmail(
  db: Database,
  ctx: PlatformContext,
  options: { emailId: string },
): Promise<{ id: string; createdAt: Date } | null> {
  const access = {
    actorUserId: ctx.actorId,
    action: 'email.eml_downloaded',
    details: { emailId: options.emailId },
  };
  return db.withPlatform(access, async (tx) => {
    const [email] = await tx
      .select({ id: outboxEmails.id, createdAt: outboxEmails.createdAt })
      .from(outboxEmails)
      .where(eq(outboxEmails.id, options.emailId));
    return email ?? null;
  });
}
