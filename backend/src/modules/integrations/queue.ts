// A new lead's deliveries to the company's amoCRM and webhook, queued in the transaction that
// writes the lead: the lead exists if and only if they are queued. Only plans with integrations
// get them; each is keyed by the lead, so it is queued once.
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { tenants } from '../../db/schema.ts';
import { tenantPlan } from '../billing/limitsService.ts';
import { enqueueDelivery } from '../deliveries/outbox.ts';
import { connectionOf } from './amocrm/service.ts';
import type { LeadSnapshot } from './leadSnapshot.ts';
import { endpointOf, type WebhookPayload } from './webhook.ts';

export async function queueLeadIntegrations(tx: Tx, tenantId: string, lead: LeadSnapshot): Promise<number> {
  const { plan } = await tenantPlan(tx, tenantId);
  if (!plan.features.integrations) return 0;
  let queued = 0;
  const amo = await connectionOf(tx, tenantId);
  if (amo) {
    await enqueueDelivery(tx, {
      tenantId,
      channel: 'amocrm',
      kind: 'lead_new',
      dedupeKey: `amocrm:lead_new:${lead.id}`,
      recipient: `${amo.subdomain} (amoCRM)`,
      payload: { lead },
      leadId: lead.id,
    });
    queued += 1;
  }
  const endpoint = await endpointOf(tx, tenantId);
  if (endpoint) {
    const [company] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
    const payload: WebhookPayload = {
      event: 'lead.created',
      company: { id: tenantId, name: company?.name ?? '' },
      lead,
    };
    await enqueueDelivery(tx, {
      tenantId,
      channel: 'webhook',
      kind: 'lead_new',
      dedupeKey: `webhook:lead_new:${lead.id}`,
      recipient: new URL(endpoint.url).host,
      payload: { ...payload },
      leadId: lead.id,
    });
    queued += 1;
  }
  return queued;
}
