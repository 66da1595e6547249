// A company's team: its owners and managers, and the invite links that add more of them.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { TenantContext } from '../../context.ts';
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
import type { AcceptInviteBody, AddMemberBody } from './schemas.ts';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

export interface Member {
  id: string;
  email: string;
  name: string;
  role: TenantRole;
  createdAt: Date;
  lastLoginAt: Date | null;
  leadEmails: boolean;
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
  leadEmails: users.leadEmails,
};

export async function listTeam(tx: Tx, ctx: TenantContext): Promise<{ members: Member[]; invites: PendingInvite[] }> {
  const members = await tx
    .select(memberColumns)
    .from(users)
    .where(eq(users.tenantId, ctx.tenantId))
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
        eq(invites.tenantId, ctx.tenantId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(invites.createdAt));
  return { members, invites: pending };
}

export async function addMember(db: Database, ctx: TenantContext, input: AddMemberBody): Promise<Member> {
  const email = normalizeEmail(input.email);
  assertStrongPassword(input.password, { email });
  const passwordHash = await hashPassword(input.password);
  return db.withTenant(ctx.tenantId, async (tx) => {
    const { id } = await insertMember(tx, {
      tenantId: ctx.tenantId,
      email,
      name: input.name.trim(),
      role: input.role,
      passwordHash,
    });
    await tx.insert(auditLog).values({
      tenantId: ctx.tenantId,
      actorUserId: ctx.actorId,
      action: 'team.member_added',
      details: { userId: id, role: input.role },
    });
    const [member] = await tx.select(memberColumns).from(users).where(eq(users.id, id));
    if (!member) throw new Error('addMember: the new member is not visible');
    return member;
  });
}

/** Removes a member and, through the foreign key, every session they had. */
export async function removeMember(tx: Tx, ctx: TenantContext, input: { memberId: string }): Promise<void> {
  if (input.memberId === ctx.actorId) throw new AppError('CANNOT_REMOVE_SELF');
  const removed = await tx
    .delete(users)
    .where(and(eq(users.tenantId, ctx.tenantId), eq(users.id, input.memberId)))
    .returning({ id: users.id, email: users.email });
  if (removed.length === 0) throw new AppError('NOT_FOUND', { message: 'Сотрудник не найден' });
  await tx.insert(auditLog).values({
    tenantId: ctx.tenantId,
    actorUserId: ctx.actorId,
    action: 'team.member_removed',
    details: { userId: input.memberId, email: removed[0]?.email },
  });
}

/** One member of the team; someone else's is not found. */
export async function findMember(tx: Tx, ctx: TenantContext, memberId: string): Promise<Member> {
  const [member] = await tx
    .select(memberColumns)
    .from(users)
    .where(and(eq(users.tenantId, ctx.tenantId), eq(users.id, memberId)));
  if (!member) throw new AppError('NOT_FOUND', { message: 'Сотрудник не найден' });
  return member;
}

/**
 * Turns a member's new-lead emails on or off: an owner does it for anyone in the team, a member
 * for themselves (`memberId` is then the actor). Someone else's member is not found.
 */
export async function setLeadEmails(
  tx: Tx,
  ctx: TenantContext,
  input: { memberId: string; leadEmails: boolean },
): Promise<Member> {
  const [member] = await tx
    .update(users)
    .set({ leadEmails: input.leadEmails })
    .where(and(eq(users.tenantId, ctx.tenantId), eq(users.id, input.memberId)))
    .returning(memberColumns);
  if (!member) throw new AppError('NOT_FOUND', { message: 'Сотрудник не найден' });
  await tx.insert(auditLog).values({
    tenantId: ctx.tenantId,
    actorUserId: ctx.actorId,
    action: 'team.lead_emails_changed',
    details: { userId: input.memberId, leadEmails: input.leadEmails },
  });
  return member;
}

/** Creates an invite link; the token is returned once and only its hash is kept. */
export async function createInvite(
  tx: Tx,
  ctx: TenantContext,
  input: { role: TenantRole },
): Promise<{ invite: PendingInvite; token: string }> {
  const token = randomToken();
  const [invite] = await tx
    .insert(invites)
    .values({
      tenantId: ctx.tenantId,
      tokenHash: hashToken(token),
      role: input.role,
      createdBy: ctx.actorId,
      expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    })
    .returning({ id: invites.id, role: invites.role, createdAt: invites.createdAt, expiresAt: invites.expiresAt });
  if (!invite) throw new Error('createInvite: insert returned no row');
  await tx.insert(auditLog).values({
    tenantId: ctx.tenantId,
    actorUserId: ctx.actorId,
    action: 'team.invite_created',
    details: { inviteId: invite.id, role: input.role },
  });
  const [creator] = await tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.actorId));
  return { invite: { ...invite, createdByName: creator?.name ?? null }, token };
}

export async function revokeInvite(tx: Tx, ctx: TenantContext, input: { inviteId: string }): Promise<void> {
  const revoked = await tx
    .update(invites)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(invites.tenantId, ctx.tenantId),
        eq(invites.id, input.inviteId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
      ),
    )
    .returning({ id: invites.id });
  if (revoked.length === 0) throw new AppError('NOT_FOUND', { message: 'Приглашение не найдено' });
  await tx.insert(auditLog).values({
    tenantId: ctx.tenantId,
    actorUserId: ctx.actorId,
    action: 'team.invite_revoked',
    details: { inviteId: input.inviteId },
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

/**
 * Creates the invited member's account and signs them in. An invite is used once. The invite's
 * token is this request's only credential: the company and the role come from the invite.
 */
export async function acceptInvite(
  db: Database,
  link: { token: string; client: ClientInfo; ttlMs: number },
  input: AcceptInviteBody,
): Promise<NewSession> {
  const invite = await findUsableInvite(db, link.token);
  const email = normalizeEmail(input.email);
  assertStrongPassword(input.password, { email });
  const passwordHash = await hashPassword(input.password);

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
      name: input.name.trim(),
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
    createSession(tx, { userId, tenantId: invite.tenantId, ...link.client, ttlMs: link.ttlMs }),
  );
}
