// A company's amoCRM: connecting by OAuth (a `state` signed for the owner's session), the account's
// pipelines, fields and users for the mapping (cached a minute), the settings, and the delivery
// channel that turns a queued lead into one complex lead with its note — once, even when a crash
// came between amoCRM's answer and our record: a retry first looks for the lead by its marker.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { TenantContext } from '../../../context.ts';
import type { Tx } from '../../../db/database.ts';
import { amocrmConnections, deliveries } from '../../../db/schema.ts';
import { AppError } from '../../../errors.ts';
import { type DeliveryChannelSender, DeliveryError } from '../../deliveries/outbox.ts';
import type { LeadSnapshot } from '../leadSnapshot.ts';
import type { AmoAccountView, AmoSettingsInput } from '../schemas.ts';
import { AmoError } from './api.ts';
import { type AmoFields, complexLead, hasPhone, leadMarker, leadNote } from './lead.ts';
import { type AmoDeps, AmoNotConnected, AmoReauthRequired, sealedTokens, withAmo } from './tokens.ts';

export const DEFAULT_AMO_SETTINGS: AmoSettingsInput = {
  pipelineId: null,
  statusId: null,
  responsibleUserId: null,
  tags: [],
  attachExistingContact: true,
  mapping: [],
};

// OAuth state -------------------------------------------------------------------------------------

const STATE_TTL_MS = 15 * 60_000;

const stateSignature = (key: Buffer, ctx: TenantContext, body: string) =>
  createHmac('sha256', key).update(`${ctx.sessionId}.${ctx.tenantId}.${body}`).digest('base64url');

/** A state only this session of this company can bring back, within a quarter of an hour. */
export function oauthState(key: Buffer, ctx: TenantContext): string {
  const body = `${randomBytes(12).toString('base64url')}.${Date.now() + STATE_TTL_MS}`;
  return `${body}.${stateSignature(key, ctx, body)}`;
}

export function stateHolds(key: Buffer, ctx: TenantContext, state: string): boolean {
  const [nonce, expires, signature] = state.split('.');
  if (!nonce || !expires || !signature || Number(expires) < Date.now()) return false;
  const expected = Buffer.from(stateSignature(key, ctx, `${nonce}.${expires}`));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function authorizeUrl(deps: AmoDeps, state: string): string {
  const url = new URL(deps.config.authorizeUrl);
  url.searchParams.set('client_id', deps.config.clientId);
  url.searchParams.set('state', state);
  url.searchParams.set('mode', 'post_message');
  return url.toString();
}

/** `acme` of `acme.amocrm.ru` when the referer is an account of the configured base domain. */
export function subdomainOf(deps: AmoDeps, referer: string): string | null {
  const host = referer
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  const suffix = `.${deps.config.baseDomain}`;
  if (!host.endsWith(suffix)) return null;
  const subdomain = host.slice(0, -suffix.length);
  return /^[a-z0-9][a-z0-9-]{0,62}$/.test(subdomain) ? subdomain : null;
}

export const accountUrlOf = (deps: AmoDeps, subdomain: string) => `https://${subdomain}.${deps.config.baseDomain}`;

/** Exchanges the callback's code and keeps the tokens; the settings of a reconnected account stay. */
export async function connect(deps: AmoDeps, ctx: TenantContext, subdomain: string, code: string): Promise<void> {
  const tokens = await deps.api.token(subdomain, {
    client_id: deps.config.clientId,
    client_secret: deps.config.clientSecret,
    redirect_uri: deps.redirectUri,
    grant_type: 'authorization_code',
    code,
  });
  const sealed = sealedTokens(deps.key, tokens);
  await deps.db.withTenant(ctx.tenantId, async (tx) => {
    const [before] = await tx
      .select({ subdomain: amocrmConnections.subdomain, settings: amocrmConnections.settings })
      .from(amocrmConnections)
      .where(eq(amocrmConnections.tenantId, ctx.tenantId));
    const settings = before?.subdomain === subdomain ? before.settings : DEFAULT_AMO_SETTINGS;
    const values = {
      subdomain,
      ...sealed,
      status: 'connected' as const,
      problem: null,
      refreshLeaseUntil: null,
      settings,
      connectedBy: ctx.actorId,
      updatedAt: sql`now()`,
    };
    await tx
      .insert(amocrmConnections)
      .values({ tenantId: ctx.tenantId, ...values, createdAt: sql`now()` })
      .onConflictDoUpdate({ target: amocrmConnections.tenantId, set: { ...values, createdAt: sql`now()` } });
    // Leads that waited for the reconnection go now.
    await tx
      .update(deliveries)
      .set({ nextAttemptAt: sql`now()` })
      .where(and(eq(deliveries.channel, 'amocrm'), eq(deliveries.status, 'pending')));
  });
  accountCache.delete(ctx.tenantId);
}

export async function connectionOf(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(amocrmConnections).where(eq(amocrmConnections.tenantId, tenantId));
  return row ?? null;
}

/** Forgets the tokens; amoCRM's own list of installed integrations is the owner's to tidy. */
export async function disconnect(tx: Tx, ctx: TenantContext): Promise<boolean> {
  const removed = await tx
    .delete(amocrmConnections)
    .where(eq(amocrmConnections.tenantId, ctx.tenantId))
    .returning({ tenantId: amocrmConnections.tenantId });
  accountCache.delete(ctx.tenantId);
  return removed.length > 0;
}

// The account ------------------------------------------------------------------------------------

type Account = Omit<AmoAccountView, 'sources'> & { fields: AmoFields };

const accountCache = new LRUCache<string, Account>({ max: 1000, ttl: 60_000 });

/** Throws AppError for what the owner should see: not connected, reconnect, amoCRM down. */
export async function asAppError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AmoNotConnected) throw new AppError('AMOCRM_NOT_CONNECTED');
    if (error instanceof AmoReauthRequired) throw new AppError('AMOCRM_REAUTH_REQUIRED');
    if (error instanceof AmoError) throw new AppError('AMOCRM_UNAVAILABLE', { message: `amoCRM: ${error.message}` });
    throw error;
  }
}

/** The account's pipelines, fields and users, live from amoCRM, kept a minute. */
export async function accountOf(deps: AmoDeps, tenantId: string, options: { fresh?: boolean } = {}): Promise<Account> {
  const cached = options.fresh ? undefined : accountCache.get(tenantId);
  if (cached) return cached;
  const account = await withAmo(deps, tenantId, async ({ subdomain, token }) => {
    const [pipelines, leadFields, contactFields, users] = await Promise.all([
      deps.api.pipelines(subdomain, token),
      deps.api.customFields(subdomain, token, 'leads'),
      deps.api.customFields(subdomain, token, 'contacts'),
      deps.api.users(subdomain, token),
    ]);
    const field = (each: (typeof leadFields)[number]) => ({
      id: each.id,
      name: each.name,
      type: each.type,
      code: each.code,
      enums: (each.enums ?? []).map((item) => ({ id: item.id, value: item.value })),
    });
    return {
      pipelines: pipelines.map((pipeline) => ({
        id: pipeline.id,
        name: pipeline.name,
        isMain: pipeline.is_main,
        statuses: pipeline._embedded.statuses.map((status) => ({ id: status.id, name: status.name })),
      })),
      leadFields: leadFields.map(field),
      contactFields: contactFields.map(field),
      users: users.map((user) => ({ id: user.id, name: user.name })),
      fields: { lead: leadFields, contact: contactFields },
    };
  });
  accountCache.set(tenantId, account);
  return account;
}

/**
 * Checks the settings against the account: the stage in the pipeline, the user, each field, and
 * each mapped list value one of the field's. The errors are keyed as the form's fields.
 */
export function settingsProblems(
  settings: AmoSettingsInput,
  account: Account,
  sources: Set<string>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const pipeline = account.pipelines.find((each) => each.id === settings.pipelineId);
  if (settings.pipelineId !== null && !pipeline) problems.pipelineId = 'Такой воронки в amoCRM нет';
  if (settings.statusId !== null) {
    if (settings.pipelineId === null) problems.statusId = 'Сначала выберите воронку';
    else if (pipeline && !pipeline.statuses.some((each) => each.id === settings.statusId)) {
      problems.statusId = 'В этой воронке нет такого этапа';
    }
  }
  if (settings.responsibleUserId !== null && !account.users.some((user) => user.id === settings.responsibleUserId)) {
    problems.responsibleUserId = 'Такого пользователя в amoCRM нет';
  }
  settings.mapping.forEach((rule, index) => {
    if (!sources.has(rule.source)) problems[`mapping.${index}.source`] = 'Этого вопроса больше нет в опросе';
    const field = (rule.entity === 'lead' ? account.leadFields : account.contactFields).find(
      (each) => each.id === rule.fieldId,
    );
    if (!field) {
      problems[`mapping.${index}.fieldId`] =
        rule.entity === 'lead' ? 'Такого поля сделки нет' : 'Такого поля контакта нет';
      return;
    }
    const unknown = Object.entries(rule.values ?? {}).find(
      ([, enumId]) => !field.enums.some((each) => each.id === enumId),
    );
    if (unknown) problems[`mapping.${index}.values.${unknown[0]}`] = `В поле «${field.name}» нет такого значения`;
  });
  return problems;
}

// The delivery channel ---------------------------------------------------------------------------

export interface AmoPayload {
  lead: LeadSnapshot;
}

/** amoCRM's refusal in the owner's words, naming the field it was about. */
function refusal(error: AmoError, request: ReturnType<typeof complexLead>, fields: AmoFields): string {
  if (error.validation.length === 0) return error.message;
  const names = new Map([...fields.lead, ...fields.contact].map((field) => [field.id, field.name]));
  const described = error.validation.map((each) => {
    const index = /custom_fields_values\.(\d+)/.exec(each.path)?.[1];
    const fieldId = index === undefined ? undefined : request.custom_fields_values?.[Number(index)]?.field_id;
    const name = fieldId ? names.get(fieldId) : undefined;
    return `${name ? `поле «${name}»` : each.path}: ${each.detail}`;
  });
  return `amoCRM не приняла заявку (400): ${described.join('; ')}`;
}

/** Sends one lead: finds it first when an earlier attempt may have created it. Returns the amoCRM lead id. */
export async function sendLead(
  deps: AmoDeps,
  tenantId: string,
  lead: LeadSnapshot,
  deliveryId: string,
  retry: boolean,
) {
  const marker = leadMarker(deliveryId);
  const connection = await deps.db.withTenant(tenantId, (tx) => connectionOf(tx, tenantId));
  if (!connection) throw new AmoNotConnected();
  const settings = { ...DEFAULT_AMO_SETTINGS, ...(connection.settings as Partial<AmoSettingsInput>) };
  const account = await accountOf(deps, tenantId);
  return withAmo(deps, tenantId, async ({ subdomain, token }) => {
    const earlier = retry
      ? (await deps.api.findLeads(subdomain, token, marker)).find((each) => each.name.includes(marker))
      : undefined;
    let leadId = earlier?.id;
    if (!leadId) {
      let existingContactId: number | null = null;
      if (settings.attachExistingContact && lead.phone) {
        const found = await deps.api.findContacts(subdomain, token, lead.phone.replace(/^\+/, ''));
        existingContactId = found.find((contact) => hasPhone(contact, lead.phone))?.id ?? null;
      }
      const request = complexLead({ lead, settings, fields: account.fields, marker, existingContactId });
      try {
        leadId = (await deps.api.createComplexLead(subdomain, token, request)).id;
      } catch (error) {
        if (error instanceof AmoError && error.status === 400) {
          throw new DeliveryError(refusal(error, request, account.fields), { permanent: true, response: 'HTTP 400' });
        }
        throw error;
      }
    }
    const notes = earlier ? await deps.api.leadNotes(subdomain, token, leadId) : [];
    if (!notes.some((note) => note.text.includes(marker)))
      await deps.api.addNote(subdomain, token, leadId, leadNote(lead, marker));
    return String(leadId);
  });
}

export function amocrmChannel(deps: AmoDeps | null): DeliveryChannelSender {
  return {
    async send(delivery) {
      if (!deps) throw new DeliveryError('amoCRM не настроена на платформе', { permanent: true });
      const { lead } = delivery.payload as unknown as AmoPayload;
      try {
        const externalId = await sendLead(deps, delivery.tenantId, lead, delivery.id, delivery.attempts > 1);
        return { externalId, response: `Сделка ${externalId}` };
      } catch (error) {
        if (error instanceof DeliveryError) throw error;
        if (error instanceof AmoNotConnected) throw new DeliveryError('amoCRM отключена', { permanent: true });
        // Waits for the owner without spending attempts; reconnecting sends it at once.
        if (error instanceof AmoReauthRequired)
          throw new DeliveryError(error.message, { hold: true, retryAfterMs: 30 * 60_000 });
        if (error instanceof AmoError) {
          throw new DeliveryError(error.message, {
            retryAfterMs: error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : undefined,
            permanent: !error.isTransient,
            response: error.status ? `HTTP ${error.status}` : undefined,
          });
        }
        throw error;
      }
    },
  };
}
