// The company's webhook: each new lead POSTed as JSON to the owner's URL, signed with a secret we
// generate (sealed at rest, shown once). The body is built from the queued row, so every retry
// sends the same bytes with the same delivery id for the receiver to drop repeats; the signature
// covers a fresh timestamp, `X-AIMax-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body">`.
import { createHmac, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { webhookEndpoints } from '../../db/schema.ts';
import { type PublicHttp, UnsafeUrlError } from '../../lib/publicHttp.ts';
import { seal, unseal } from '../../lib/sealed.ts';
import { type DeliveryChannelSender, DeliveryError } from '../deliveries/outbox.ts';
import type { LeadSnapshot } from './leadSnapshot.ts';

export const WEBHOOK_VERSION = 1;
export type WebhookEvent = 'lead.created' | 'lead.test';

export interface WebhookPayload {
  event: WebhookEvent;
  company: { id: string; name: string };
  lead: LeadSnapshot;
}

/** The body as the receiver gets it; the same for every attempt of one delivery. */
export function webhookBody(delivery: { id: string; createdAt: Date }, payload: WebhookPayload): string {
  return JSON.stringify({
    version: WEBHOOK_VERSION,
    event: payload.event,
    deliveryId: delivery.id,
    createdAt: delivery.createdAt.toISOString(),
    company: payload.company,
    lead: payload.lead,
  });
}

export function signature(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

export const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;
const hintOf = (secret: string) => `whsec_…${secret.slice(-4)}`;

export async function endpointOf(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenantId));
  return row ?? null;
}

/** Sets the URL; a new endpoint, or `rotate`, gets a new secret, returned this once. */
export async function saveEndpoint(
  tx: Tx,
  key: Buffer,
  tenantId: string,
  change: { url?: string; rotate?: boolean },
): Promise<string | null> {
  const existing = await endpointOf(tx, tenantId);
  const secret = !existing || change.rotate ? newSecret() : null;
  const sealed = secret ? { secretSealed: seal(key, secret), secretHint: hintOf(secret) } : {};
  if (!existing) {
    await tx
      .insert(webhookEndpoints)
      .values({ tenantId, url: change.url as string, ...(sealed as Required<typeof sealed>) });
  } else {
    await tx
      .update(webhookEndpoints)
      .set({ ...(change.url ? { url: change.url } : {}), ...sealed, updatedAt: sql`now()` })
      .where(eq(webhookEndpoints.tenantId, tenantId));
  }
  return secret;
}

const short = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
};

/** What an attempt did, as the outbox records it: sent, retried later, or given up on. */
export async function postSigned(
  http: PublicHttp,
  options: { url: string; secret: string; deliveryId: string; event: WebhookEvent; body: string; signal?: AbortSignal },
): Promise<{ response: string }> {
  const unix = Math.floor(Date.now() / 1000);
  let answer: Awaited<ReturnType<PublicHttp['post']>>;
  try {
    answer = await http.post(options.url, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': `AIMax-Webhook/${WEBHOOK_VERSION}`,
        'x-aimax-event': options.event,
        'x-aimax-delivery': options.deliveryId,
        'x-aimax-signature': signature(options.secret, options.body, unix),
      },
      body: options.body,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof UnsafeUrlError) throw new DeliveryError(error.message, { permanent: true });
    const code = (error as { code?: string }).code ?? (error as Error).name;
    throw new DeliveryError(`Получатель не ответил (${code})`);
  }
  const response = `HTTP ${answer.status}${answer.body ? `: ${short(answer.body)}` : ''}`;
  if (answer.status >= 200 && answer.status < 300) return { response };
  if (answer.status >= 300 && answer.status < 400) {
    throw new DeliveryError(
      `Получатель ответил перенаправлением (${answer.status}); перенаправления не выполняются — укажите конечный адрес`,
      { permanent: true, response },
    );
  }
  if (answer.status === 408 || answer.status === 429 || answer.status >= 500) {
    const seconds = Number(answer.headers['retry-after']);
    throw new DeliveryError(`Получатель ответил ${answer.status}: повторим позже`, {
      response,
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) * 1000 : undefined,
    });
  }
  throw new DeliveryError(`Получатель отклонил запрос (${answer.status})`, { permanent: true, response });
}

export function webhookChannel(options: { db: Database; key: Buffer; http: PublicHttp }): DeliveryChannelSender {
  return {
    async send(delivery, { signal }) {
      const endpoint = await options.db.withTenant(delivery.tenantId, (tx) => endpointOf(tx, delivery.tenantId));
      if (!endpoint) throw new DeliveryError('Webhook отключён', { permanent: true });
      const payload = delivery.payload as unknown as WebhookPayload;
      const { response } = await postSigned(options.http, {
        url: endpoint.url,
        secret: unseal(options.key, endpoint.secretSealed),
        deliveryId: delivery.id,
        event: payload.event,
        body: webhookBody(delivery, payload),
        signal,
      });
      return { externalId: null, response };
    },
  };
}
