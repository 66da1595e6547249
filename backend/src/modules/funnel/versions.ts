// A company's funnel as numbered versions. Saving writes a new version and makes it the one new
// sessions start on (tenant_bot_settings keeps a copy, which every widget call reads); a session
// keeps the version it started on, so a visitor mid-funnel finishes with the questions and prices
// they began with.
import { and, desc, eq, max, sql } from 'drizzle-orm';
import type { TenantContext } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { funnelVersions, tenantBotSettings, users } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { iso } from '../../schemas.ts';
import { lockSettingsRow, type WidgetSettings } from '../branding/service.ts';
import type { FunnelVersionView } from './apiSchemas.ts';
import { DEFAULT_FUNNEL, funnelOf } from './funnel.ts';
import { funnelProblems } from './rules.ts';
import type { FunnelConfig } from './schemas.ts';

/** Refuses a funnel with problems, each under its field, in Russian. */
export function assertSavable(config: unknown): asserts config is FunnelConfig {
  const problems = funnelProblems(config);
  if (problems.length === 0) return;
  throw new AppError('FUNNEL_INVALID', {
    fields: Object.fromEntries(problems.map((problem) => [problem.path, problem.message])),
  });
}

/**
 * Saves `config` as the next version and makes it the company's funnel. `baseVersion` is the
 * version the editor started from: a save over one made meanwhile is refused, not lost.
 */
export async function saveFunnel(
  tx: Tx,
  ctx: TenantContext,
  options: { config: FunnelConfig; baseVersion: number | null; restoredFrom?: number },
): Promise<void> {
  const settings = await lockSettingsRow(tx, ctx.tenantId);
  if (settings.funnelVersion !== options.baseVersion) throw new AppError('FUNNEL_CONFLICT');
  const [last] = await tx
    .select({ number: max(funnelVersions.number) })
    .from(funnelVersions)
    .where(eq(funnelVersions.tenantId, ctx.tenantId));
  const number = (last?.number ?? 0) + 1;
  await tx.insert(funnelVersions).values({
    tenantId: ctx.tenantId,
    number,
    config: options.config,
    createdBy: ctx.actorId,
    restoredFrom: options.restoredFrom ?? null,
  });
  await tx
    .update(tenantBotSettings)
    .set({ funnel: options.config, funnelVersion: number, updatedAt: sql`now()` })
    .where(eq(tenantBotSettings.tenantId, ctx.tenantId));
}

const versionColumns = {
  number: funnelVersions.number,
  createdAt: funnelVersions.createdAt,
  createdBy: users.name,
  restoredFrom: funnelVersions.restoredFrom,
};

const viewOf = (row: { number: number; createdAt: Date; createdBy: string | null; restoredFrom: number | null }) => ({
  ...row,
  createdAt: iso(row.createdAt),
});

/** The company's versions, newest first. */
export async function listFunnelVersions(tx: Tx, tenantId: string): Promise<FunnelVersionView[]> {
  const rows = await tx
    .select(versionColumns)
    .from(funnelVersions)
    .leftJoin(users, eq(users.id, funnelVersions.createdBy))
    .where(eq(funnelVersions.tenantId, tenantId))
    .orderBy(desc(funnelVersions.number));
  return rows.map(viewOf);
}

export async function funnelVersionView(tx: Tx, tenantId: string, number: number): Promise<FunnelVersionView | null> {
  const [row] = await tx
    .select(versionColumns)
    .from(funnelVersions)
    .leftJoin(users, eq(users.id, funnelVersions.createdBy))
    .where(and(eq(funnelVersions.tenantId, tenantId), eq(funnelVersions.number, number)));
  return row ? viewOf(row) : null;
}

/** A version's funnel, or null when the company has no such version. */
export async function funnelOfVersion(tx: Tx, tenantId: string, number: number): Promise<FunnelConfig | null> {
  const [row] = await tx
    .select({ config: funnelVersions.config })
    .from(funnelVersions)
    .where(and(eq(funnelVersions.tenantId, tenantId), eq(funnelVersions.number, number)));
  if (!row) return null;
  return funnelProblems(row.config).length === 0 ? (row.config as FunnelConfig) : DEFAULT_FUNNEL;
}

/**
 * The funnel a session is asked from: the version it started on. The current one is in the
 * settings already; an older one is read from its version.
 */
export async function funnelOfSession(
  tx: Tx,
  settings: Pick<WidgetSettings, 'funnel' | 'funnelVersion'>,
  session: { tenantId: string; funnelVersion: number | null },
): Promise<FunnelConfig> {
  if (session.funnelVersion === settings.funnelVersion) return funnelOf(settings);
  if (session.funnelVersion === null) return DEFAULT_FUNNEL;
  return (await funnelOfVersion(tx, session.tenantId, session.funnelVersion)) ?? funnelOf(settings);
}
