// A company's team: its owners and managers, and the invite links that add more of them.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { auditLog, invites, type TenantRole, tenants, users } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from '../auth/passwords.ts';
import {
  assertStrongPassword,
  type ClientInfo,
  insertMember,
  type NewSession,
  normalizeEmail,
} from '../auth/service.ts';
import { createSession, hashToken, randomToken } from '../auth/sessions.ts';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

export interface Member {
  id: string;
  email: string;
  name: string;
  role: TenantRole;
  createdAt: Date;
  lastLoginAt: Date | null;
}

export interface PendingInvite {
  id: string;
  role: TenantRole;
  createdAt: Date;
  expiresAt: Date;
  createdByName: string | null;
}

// Tenant users are owners or managers only (a check constraint keeps superadmins tenant-less).
const memberColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: sql<TenantRole>`${users.role}`,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

export async function listTeam(
  tx: Tx,
  options: { tenantId: string },
): Promise<{ members: Member[]; invites: PendingInvite[] }> {
  const members = await tx
    .select(memberColumns)
    .from(users)
    .where(eq(users.tenantId, options.tenantId))
    .orderBy(users.createdAt);
  const pending = await tx
    .select({
      id: invites.id,
      role: invites.role,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
      createdByName: users.name,
    })
    .from(invites)
    .leftJoin(users, eq(users.id, invites.createdBy))
    .where(
      and(
        eq(invites.tenantId, options.tenantId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(invites.createdAt));
  return { members, invites: pending };
}

export async function addMember(
  db: Database,
  options: { tenantId: string; actorId: string; name: string; email: string; password: string; role: TenantRole },
): Promise<Member> {
  const email = normalizeEmail(options.email);
  assertStrongPassword(options.password, { email });
  const passwordHash = await hashPassword(options.password);
  return db.withTenant(options.tenantId, async (tx) => {
    const { id } = await insertMember(tx, { ...options, email, name: options.name.trim(), passwordHash });
    await tx.insert(auditLog).values({
      tenantId: options.tenantId,
      actorUserId: options.actorId,
      action: 'team.member_added',
      details: { userId: id, role: options.role },
    });
    const [member] = await tx.select(memberColumns).from(users).where(eq(users.id, id));
    if (!member) throw new Error('addMember: the new member is not visible');
    return member;
  });
}

/** Removes a member and, through the foreign key, every session they had. */
export async function removeMember(
  tx: Tx,
  options: { tenantId: string; actorId: string; memberId: string },
): Promise<void> {
  if (options.memberId === options.actorId) throw new AppError('CANNOT_REMOVE_SELF');
  const removed = await tx
    .delete(users)
    .where(and(eq(users.tenantId, options.tenantId), eq(users.id, options.memberId)))
    .returning({ id: users.id, email: users.email });
  if (removed.length === 0) throw new AppError('NOT_FOUND', { message: 'Сотрудник не найден' });
  await tx.insert(auditLog).values({
    tenantId: options.tenantId,
    actorUserId: options.actorId,
    action: 'team.member_removed',
    details: { userId: options.memberId, email: removed[0]?.email },
  });
}

/** Creates an invite link; the token is returned once and only its hash is kept. */
export async function createInvite(
  tx: Tx,
  options: { tenantId: string; actorId: string; role: TenantRole },
): Promise<{ invite: PendingInvite; token: string }> {
  const token = randomToken();
  const [invite] = await tx
    .insert(invites)
    .values({
      tenantId: options.tenantId,
      tokenHash: hashToken(token),
      role: options.role,
      createdBy: options.actorId,
      expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    })
    .returning({ id: invites.id, role: invites.role, createdAt: invites.createdAt, expiresAt: invites.expiresAt });
  if (!invite) throw new Error('createInvite: insert returned no row');
  await tx.insert(auditLog).values({
    tenantId: options.tenantId,
    actorUserId: options.actorId,
    action: 'team.invite_created',
    details: { inviteId: invite.id, role: options.role },
  });
  const [creator] = await tx.select({ name: users.name }).from(users).where(eq(users.id, options.actorId));
  return { invite: { ...invite, createdByName: creator?.name ?? null }, token };
}

export async function revokeInvite(
  tx: Tx,
  options: { tenantId: string; actorId: string; inviteId: string },
): Promise<void> {
  const revoked = await tx
    .update(invites)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(invites.tenantId, options.tenantId),
        eq(invites.id, options.inviteId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
      ),
    )
    .returning({ id: invites.id });
  if (revoked.length === 0) throw new AppError('NOT_FOUND', { message: 'Приглашение не найдено' });
  await tx.insert(auditLog).values({
    tenantId: options.tenantId,
    actorUserId: options.actorId,
    action: 'team.invite_revoked',
    details: { inviteId: options.inviteId },
  });
}

interface InviteRecord {
  id: string;
  tenantId: string;
  companyName: string;
  role: TenantRole;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** The invite behind a link, checked to be usable; throws INVITE_INVALID, INVITE_USED or INVITE_EXPIRED. */
export async function findUsableInvite(db: Database, token: string): Promise<InviteRecord> {
  const [invite] = await db.withIdentity((tx) =>
    tx
      .select({
        id: invites.id,
        tenantId: invites.tenantId,
        companyName: tenants.name,
        role: invites.role,
        expiresAt: invites.expiresAt,
        acceptedAt: invites.acceptedAt,
        revokedAt: invites.revokedAt,
      })
      .from(invites)
      .innerJoin(tenants, eq(tenants.id, invites.tenantId))
      .where(and(eq(invites.tokenHash, hashToken(token)), eq(tenants.status, 'active')))
      .limit(1),
  );
  if (!invite || invite.revokedAt) throw new AppError('INVITE_INVALID');
  if (invite.acceptedAt) throw new AppError('INVITE_USED');
  if (invite.expiresAt.getTime() <= Date.now()) throw new AppError('INVITE_EXPIRED');
  return invite;
}

/** Creates the invited member's account and signs them in. An invite is used once. */
export async function acceptInvite(
  db: Database,
  options: { token: string; name: string; email: string; password: string; client: ClientInfo; ttlMs: number },
): Promise<NewSession> {
  const invite = await findUsableInvite(db, options.token);
  const email = normalizeEmail(options.email);
  assertStrongPassword(options.password, { email });
  const passwordHash = await hashPassword(options.password);

  const userId = await db.withTenant(invite.tenantId, async (tx) => {
    // Claiming the invite first, conditionally, makes two simultaneous acceptances one winner.
    const claimed = await tx
      .update(invites)
      .set({ acceptedAt: sql`now()` })
      .where(
        and(
          eq(invites.tenantId, invite.tenantId),
          eq(invites.id, invite.id),
          isNull(invites.acceptedAt),
          isNull(invites.revokedAt),
          gt(invites.expiresAt, sql`now()`),
        ),
      )
      .returning({ id: invites.id });
    if (claimed.length === 0) throw new AppError('INVITE_USED');
    const user = await insertMember(tx, {
      tenantId: invite.tenantId,
      email,
      name: options.name.trim(),
      role: invite.role,
      passwordHash,
    });
    await tx.update(invites).set({ acceptedBy: user.id }).where(eq(invites.id, invite.id));
    await tx.insert(auditLog).values({
      tenantId: invite.tenantId,
      actorUserId: user.id,
      action: 'team.invite_accepted',
      details: { inviteId: invite.id, role: invite.role },
    });
    return user.id;
  });

  return db.withIdentity((tx) =>
    createSession(tx, { userId, tenantId: invite.tenantId, ...options.client, ttlMs: options.ttlMs }),
  );
}
