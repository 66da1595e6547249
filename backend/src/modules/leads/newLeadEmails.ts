// A new lead is told to the people who work leads: one email to each member who keeps new-lead
// emails on, queued in the transaction that creates the lead, so it goes exactly when the lead
// exists, and once (the outbox dedupes on the lead and the member).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { tenants, users } from '../../db/schema.ts';
import { formatPhone } from '../../lib/phone.ts';
import { enqueueEmail } from '../email/outbox.ts';
import { newLead } from '../email/templates.ts';
import type { Estimate } from '../funnel/schemas.ts';

interface NewLead {
  id: string;
  name: string;
  phone: string;
  answers: { question: string; answer: string }[];
  estimate: Estimate;
  utm: Record<string, string>;
  pageUrl: string | null;
}

export const leadUrl = (publicUrl: string, leadId: string) => `${publicUrl}/admin/leads/${leadId}`;

/** Queues the lead's emails; returns how many, so the caller knows whether to kick the outbox. */
export async function queueNewLeadEmails(
  tx: Tx,
  options: { tenantId: string; lead: NewLead; estimate: string; publicUrl: string },
): Promise<number> {
  const { tenantId, lead } = options;
  const recipients = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.leadEmails, true)));
  if (recipients.length === 0) return 0;
  const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  const source = [lead.utm.utm_source, lead.utm.utm_medium, lead.utm.utm_campaign].filter(Boolean).join(' / ');
  const content = newLead({
    companyName: tenant?.name ?? '',
    name: lead.name,
    phone: formatPhone(lead.phone),
    answers: lead.answers,
    estimate: options.estimate,
    pageUrl: lead.pageUrl,
    source: source || null,
    leadUrl: leadUrl(options.publicUrl, lead.id),
  });
  for (const recipient of recipients) {
    await enqueueEmail(tx, {
      tenantId,
      kind: 'lead_new',
      dedupeKey: `lead_new:${lead.id}:${recipient.id}`,
      to: [recipient.email],
      ...content,
    });
  }
  return recipients.length;
}
