// TenantBranding and BotSettings: how a company's widget looks and greets. Both live in
// tenant_bot_settings; until the first save, the defaults below apply.

import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TenantContext } from '../../context.ts';
import type { Database, Tx } from '../../db/database.ts';
import { files, tenantBotSettings, tenants, type WorkingHours } from '../../db/schema.ts';
import { ensureStorageRoom } from '../billing/limitsService.ts';
import { effectivePlan, type PlanDefinition } from '../billing/plans.ts';
import type { MetrikaInput } from '../integrations/schemas.ts';
import { deleteFileRow, deleteObjects, storeObject } from '../storage/files.ts';
import { type ImagePreset, processImage } from '../storage/images.ts';
import type { ObjectStore } from '../storage/s3Service.ts';
import type { WidgetSettingsInput } from '../widget/settingsSchemas.ts';
import type { BotSettingsInput, BrandingInput } from './schemas.ts';

export const DEFAULT_SETTINGS = {
  primaryColor: '#4f46e5',
  accentColor: '#f59e0b',
  welcomeTitle: 'Рассчитаем стоимость ремонта',
  welcomeText: 'Ответьте на несколько вопросов — и получите смету в PDF за пару минут.',
  botName: 'Консультант',
  botGreeting: 'Здравствуйте! Помогу рассчитать стоимость ремонта и отвечу на вопросы о наших работах.',
} as const;

export interface WidgetSettings {
  tenantName: string;
  /** The plan in force (an expired paid plan counts as Free): its features and limits. */
  plan: PlanDefinition;
  /** Where the company is: its usage months begin at its midnight. */
  timezone: string;
  companyName: string | null;
  primaryColor: string;
  accentColor: string;
  welcomeTitle: string;
  welcomeText: string;
  contacts: { phone: string | null; email: string | null; address: string | null; website: string | null };
  logoKey: string | null;
  botName: string;
  botGreeting: string;
  avatarKey: string | null;
  /** The stored funnel, unchecked; funnelOf() validates it or gives the default. */
  funnel: unknown;
  /** The funnel version `funnel` is; null for the default funnel. */
  funnelVersion: number | null;
  llmModel: string | null;
  metrika: { counterId: string | null; goals: Record<string, string> | null };
  allowedOrigins: string[];
  widgetKey: string;
  /** The platform's short name for the company, where it has one (the demo's `demo`). */
  tenantSlug: string | null;
  /** The last site other than the platform's own that loaded the widget, and when. */
  widgetSeen: { origin: string; at: Date } | null;
}

const logoFile = alias(files, 'logo_file');
const avatarFile = alias(files, 'avatar_file');

/** The tenant's settings with the defaults filled in, and the keys of its images. */
export async function getWidgetSettings(tx: Tx, tenantId: string): Promise<WidgetSettings> {
  const [row] = await tx
    .select({
      tenantName: tenants.name,
      plan: tenants.plan,
      planExpiresAt: tenants.planExpiresAt,
      timezone: tenants.timezone,
      allowedOrigins: tenants.allowedOrigins,
      widgetKey: tenants.widgetKey,
      tenantSlug: tenants.slug,
      widgetSeenOrigin: tenants.widgetSeenOrigin,
      widgetSeenAt: tenants.widgetSeenAt,
      settings: tenantBotSettings,
      logoKey: logoFile.key,
      avatarKey: avatarFile.key,
    })
    .from(tenants)
    .leftJoin(tenantBotSettings, eq(tenantBotSettings.tenantId, tenants.id))
    .leftJoin(logoFile, eq(logoFile.id, tenantBotSettings.logoFileId))
    .leftJoin(avatarFile, eq(avatarFile.id, tenantBotSettings.botAvatarFileId))
    .where(eq(tenants.id, tenantId))
    .limit(1);
  if (!row) throw new Error(`getWidgetSettings: tenant ${tenantId} is not visible`);
  const settings = row.settings;
  return {
    tenantName: row.tenantName,
    plan: effectivePlan({ plan: row.plan, planExpiresAt: row.planExpiresAt }),
    timezone: row.timezone,
    companyName: settings?.companyName ?? null,
    primaryColor: settings?.primaryColor ?? DEFAULT_SETTINGS.primaryColor,
    accentColor: settings?.accentColor ?? DEFAULT_SETTINGS.accentColor,
    welcomeTitle: settings?.welcomeTitle ?? DEFAULT_SETTINGS.welcomeTitle,
    welcomeText: settings?.welcomeText ?? DEFAULT_SETTINGS.welcomeText,
    contacts: {
      phone: settings?.contactPhone ?? null,
      email: settings?.contactEmail ?? null,
      address: settings?.contactAddress ?? null,
      website: settings?.contactWebsite ?? null,
    },
    logoKey: row.logoKey,
    botName: settings?.botName ?? DEFAULT_SETTINGS.botName,
    botGreeting: settings?.botGreeting ?? DEFAULT_SETTINGS.botGreeting,
    avatarKey: row.avatarKey,
    funnel: settings?.funnel ?? null,
    funnelVersion: settings?.funnelVersion ?? null,
    llmModel: settings?.llmModel ?? null,
    metrika: { counterId: settings?.metrikaCounterId ?? null, goals: settings?.metrikaGoals ?? null },
    allowedOrigins: row.allowedOrigins,
    widgetKey: row.widgetKey,
    tenantSlug: row.tenantSlug,
    widgetSeen:
      row.widgetSeenOrigin && row.widgetSeenAt ? { origin: row.widgetSeenOrigin, at: row.widgetSeenAt } : null,
  };
}

/** Whether the company made the widget its own: anything of the branding or the bot changed from the defaults. */
export function brandingCustomized(settings: WidgetSettings): boolean {
  return (
    settings.companyName !== null ||
    settings.logoKey !== null ||
    settings.avatarKey !== null ||
    settings.primaryColor !== DEFAULT_SETTINGS.primaryColor ||
    settings.accentColor !== DEFAULT_SETTINGS.accentColor ||
    settings.welcomeTitle !== DEFAULT_SETTINGS.welcomeTitle ||
    settings.welcomeText !== DEFAULT_SETTINGS.welcomeText ||
    settings.botName !== DEFAULT_SETTINGS.botName ||
    settings.botGreeting !== DEFAULT_SETTINGS.botGreeting
  );
}

/** Creates the tenant's settings row with the defaults if it has none, and locks it for this transaction. */
export async function lockSettingsRow(tx: Tx, tenantId: string) {
  await tx
    .insert(tenantBotSettings)
    .values({ tenantId, ...DEFAULT_SETTINGS })
    .onConflictDoNothing({ target: tenantBotSettings.tenantId });
  const [row] = await tx.select().from(tenantBotSettings).where(eq(tenantBotSettings.tenantId, tenantId)).for('update');
  if (!row) throw new Error('lockSettingsRow: the row just ensured is not visible');
  return row;
}

const blankToNull = (text: string) => (text.trim() === '' ? null : text.trim());

export async function saveBranding(tx: Tx, ctx: TenantContext, input: BrandingInput): Promise<void> {
  await lockSettingsRow(tx, ctx.tenantId);
  await tx
    .update(tenantBotSettings)
    .set({
      companyName: blankToNull(input.companyName),
      primaryColor: input.primaryColor.toLowerCase(),
      accentColor: input.accentColor.toLowerCase(),
      welcomeTitle: input.welcomeTitle.trim(),
      welcomeText: input.welcomeText.trim(),
      contactPhone: blankToNull(input.contacts.phone),
      contactEmail: blankToNull(input.contacts.email),
      contactAddress: blankToNull(input.contacts.address),
      contactWebsite: blankToNull(input.contacts.website),
      updatedAt: sql`now()`,
    })
    .where(eq(tenantBotSettings.tenantId, ctx.tenantId));
}

export async function saveBotSettings(tx: Tx, ctx: TenantContext, input: BotSettingsInput): Promise<void> {
  await lockSettingsRow(tx, ctx.tenantId);
  await tx
    .update(tenantBotSettings)
    .set({ botName: input.name.trim(), botGreeting: input.greeting.trim(), updatedAt: sql`now()` })
    .where(eq(tenantBotSettings.tenantId, ctx.tenantId));
}

/** The sites allowed to show the widget. */
export async function saveWidgetSettings(tx: Tx, ctx: TenantContext, input: WidgetSettingsInput): Promise<void> {
  await tx
    .update(tenants)
    .set({ allowedOrigins: input.allowedOrigins.map((origin) => origin.toLowerCase()) })
    .where(eq(tenants.id, ctx.tenantId));
}

/** The Metrika counter on the company's site and the goal names the widget reaches there. */
export async function saveMetrika(tx: Tx, ctx: TenantContext, input: MetrikaInput): Promise<void> {
  const values = {
    metrikaCounterId: input.counterId || null,
    metrikaGoals: input.goals,
    updatedAt: sql`now()`,
  };
  await tx
    .insert(tenantBotSettings)
    .values({ tenantId: ctx.tenantId, ...DEFAULT_SETTINGS, ...values })
    .onConflictDoUpdate({ target: tenantBotSettings.tenantId, set: values });
}

/** When a visitor who asked for a manager is answered by the AI again (dialogs/handoffTimeouts.ts). */
export interface HandoffSettings {
  timeoutSeconds: number;
  /** Null: managers answer at any time. */
  workingHours: WorkingHours | null;
  timezone: string;
}

export const DEFAULT_HANDOFF_TIMEOUT_SECONDS = 180;

export async function getHandoffSettings(tx: Tx, tenantId: string): Promise<HandoffSettings> {
  const [row] = await tx
    .select({
      timezone: tenants.timezone,
      timeoutSeconds: tenantBotSettings.handoffTimeoutSeconds,
      workingHours: tenantBotSettings.workingHours,
    })
    .from(tenants)
    .leftJoin(tenantBotSettings, eq(tenantBotSettings.tenantId, tenants.id))
    .where(eq(tenants.id, tenantId));
  if (!row) throw new Error(`getHandoffSettings: tenant ${tenantId} is not visible`);
  return {
    timeoutSeconds: row.timeoutSeconds ?? DEFAULT_HANDOFF_TIMEOUT_SECONDS,
    workingHours: row.workingHours ?? null,
    timezone: row.timezone,
  };
}

export async function saveHandoffSettings(
  tx: Tx,
  ctx: TenantContext,
  input: { timeoutSeconds: number; workingHours: WorkingHours | null },
): Promise<void> {
  await lockSettingsRow(tx, ctx.tenantId);
  await tx
    .update(tenantBotSettings)
    .set({ handoffTimeoutSeconds: input.timeoutSeconds, workingHours: input.workingHours, updatedAt: sql`now()` })
    .where(eq(tenantBotSettings.tenantId, ctx.tenantId));
}

/** The two images a tenant sets: its logo and its bot's avatar. */
export type ImageSlot = 'logo' | 'avatar';

const slotColumn = { logo: 'logoFileId', avatar: 'botAvatarFileId' } as const satisfies Record<ImageSlot, string>;
const slotPreset: Record<ImageSlot, ImagePreset> = { logo: 'logo', avatar: 'avatar' };

type Deps = { db: Database; store: ObjectStore; log: { error(object: object, message: string): void } };

/** Stores a new logo or avatar in place of the old one, which is deleted with its object. */
export async function setImage(
  deps: Deps,
  ctx: TenantContext,
  input: { slot: ImageSlot; upload: Buffer },
): Promise<void> {
  const image = await processImage(input.upload, slotPreset[input.slot]);
  const column = slotColumn[input.slot];
  await storeObject(
    deps,
    {
      tenantId: ctx.tenantId,
      kind: input.slot,
      visibility: 'public',
      data: image.data,
      contentType: image.contentType,
      extension: image.extension,
      createdBy: ctx.actorId,
    },
    async (tx, insertRow) => {
      const settings = await lockSettingsRow(tx, ctx.tenantId);
      await ensureStorageRoom(tx, { tenantId: ctx.tenantId, adding: image.data.length });
      const file = await insertRow();
      await tx
        .update(tenantBotSettings)
        .set({ [column]: file.id, updatedAt: sql`now()` })
        .where(eq(tenantBotSettings.tenantId, ctx.tenantId));
      const previous = settings[column];
      const obsolete = previous ? await deleteFileRow(tx, { tenantId: ctx.tenantId, fileId: previous }) : null;
      return { result: undefined, obsoleteKeys: obsolete ? [obsolete] : [] };
    },
  );
}

export async function removeImage(deps: Deps, ctx: TenantContext, input: { slot: ImageSlot }): Promise<void> {
  const column = slotColumn[input.slot];
  const obsolete = await deps.db.withTenant(ctx.tenantId, async (tx) => {
    const settings = await lockSettingsRow(tx, ctx.tenantId);
    const previous = settings[column];
    if (!previous) return null;
    await tx
      .update(tenantBotSettings)
      .set({ [column]: null, updatedAt: sql`now()` })
      .where(eq(tenantBotSettings.tenantId, ctx.tenantId));
    return deleteFileRow(tx, { tenantId: ctx.tenantId, fileId: previous });
  });
  if (obsolete) await deleteObjects(deps, [obsolete]);
}
