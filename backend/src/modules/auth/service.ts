// Signing up, signing in and out, changing a password.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { UserContext } from '../../context.ts';
import type { Database, Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { auditLog, type Role, type TenantRole, type TenantStatus, tenants, users } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { createTenant } from '../tenants/service.ts';
import { explainWeakPassword, hashPassword, verifyDecoy, verifyPassword } from './passwords.ts';
import type { ChangePasswordBody, LogInBody, SignUpBody } from './schemas.ts';
import { createSession, deleteUserSessions } from './sessions.ts';
import { clearAttempts, countAttempt, THROTTLE } from './throttle.ts';

export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

/** How a sign-in request arrived, for throttling and the session it starts. */
export interface SignInRequest {
  client: ClientInfo;
  ttlMs: number;
}

export interface NewSession {
  token: string;
  expiresAt: Date;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Throws WEAK_PASSWORD, with the reason on the field, unless the password meets the rules. */
export function assertStrongPassword(password: string, options: { email?: string; field?: string } = {}): void {
  const reason = explainWeakPassword(password, { email: options.email });
  if (reason)
    throw new AppError('WEAK_PASSWORD', { message: reason, fields: { [options.field ?? 'password']: reason } });
}

export const emailTaken = () => new AppError('EMAIL_TAKEN', { fields: { email: 'Этот email уже зарегистрирован' } });

/** Inserts a tenant member; call inside `withTenant`. A taken email throws EMAIL_TAKEN. */
export async function insertMember(
  tx: Tx,
  options: { tenantId: string; email: string; name: string; role: TenantRole; passwordHash: string },
): Promise<{ id: string }> {
  try {
    const [user] = await tx
      .insert(users)
      .values({
        tenantId: options.tenantId,
        email: options.email,
        name: options.name,
        role: options.role,
        passwordHash: options.passwordHash,
      })
      .returning({ id: users.id });
    if (!user) throw new Error('insertMember: insert returned no row');
    return user;
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique')) throw emailTaken();
    throw error;
  }
}

export async function signUp(db: Database, request: SignInRequest, input: SignUpBody): Promise<NewSession> {
  const email = normalizeEmail(input.email);
  assertStrongPassword(input.password, { email });
  await db.withIdentity((tx) => countAttempt(tx, `signup-ip:${request.client.ip}`, THROTTLE.signupPerIp));

  const passwordHash = await hashPassword(input.password);
  const tenantId = randomUUID();
  const ownerId = await db.withTenant(tenantId, async (tx) => {
    await createTenant(tx, { id: tenantId, name: input.companyName.trim() });
    const owner = await insertMember(tx, {
      tenantId,
      email,
      name: (input.name ?? '').trim(),
      role: 'owner',
      passwordHash,
    });
    await tx.insert(auditLog).values({ tenantId, actorUserId: owner.id, action: 'tenant.signed_up' });
    return owner.id;
  });

  return db.withIdentity((tx) =>
    createSession(tx, { userId: ownerId, tenantId, ...request.client, ttlMs: request.ttlMs }),
  );
}

interface Account {
  id: string;
  role: Role;
  tenantId: string | null;
  passwordHash: string;
  tenantStatus: TenantStatus | null;
}

export async function logIn(db: Database, request: SignInRequest, input: LogInBody): Promise<NewSession> {
  const email = normalizeEmail(input.email);
  const accountKey = `login-email:${email}`;
  // Counted in a transaction of their own, committed before the password is checked.
  await db.withIdentity(async (tx) => {
    await countAttempt(tx, `login-ip:${request.client.ip}`, THROTTLE.loginPerIp);
    await countAttempt(tx, accountKey, THROTTLE.loginPerAccount);
  });

  const [account] = await db.withIdentity(
    (tx): Promise<Account[]> =>
      tx
        .select({
          id: users.id,
          role: users.role,
          tenantId: users.tenantId,
          passwordHash: users.passwordHash,
          tenantStatus: tenants.status,
        })
        .from(users)
        .leftJoin(tenants, eq(tenants.id, users.tenantId))
        .where(eq(users.email, email))
        .limit(1),
  );
  const valid = account
    ? await verifyPassword(account.passwordHash, input.password)
    : await verifyDecoy(input.password);
  if (!account || !valid) throw new AppError('INVALID_CREDENTIALS');
  // Told only to someone who knows the password, so it reveals nothing to a guesser.
  if (account.tenantStatus === 'suspended') throw new AppError('TENANT_SUSPENDED');

  return db.withIdentity(async (tx) => {
    await clearAttempts(tx, accountKey);
    return createSession(tx, {
      userId: account.id,
      tenantId: account.tenantId,
      ...request.client,
      ttlMs: request.ttlMs,
    });
  });
}

/**
 * Changes the signed-in user's own password. The current password is asked for, so guesses at it
 * are throttled like sign-in: per user and per IP, counted and committed before it is checked.
 */
export async function changePassword(
  db: Database,
  ctx: UserContext,
  input: ChangePasswordBody,
  client: ClientInfo,
): Promise<void> {
  const userKey = `password-user:${ctx.userId}`;
  await db.withIdentity(async (tx) => {
    await countAttempt(tx, `password-ip:${client.ip}`, THROTTLE.passwordPerIp);
    await countAttempt(tx, userKey, THROTTLE.passwordPerUser);
  });
  const [account] = await db.withIdentity((tx) =>
    tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, ctx.userId)).limit(1),
  );
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new AppError('WRONG_PASSWORD', { fields: { currentPassword: 'Текущий пароль указан неверно' } });
  }
  assertStrongPassword(input.newPassword, { email: ctx.email, field: 'newPassword' });
  const passwordHash = await hashPassword(input.newPassword);
  await db.withIdentity(async (tx) => {
    await clearAttempts(tx, userKey);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, ctx.userId));
    // Whoever else knew the old password is signed out; this browser stays signed in.
    await deleteUserSessions(tx, { userId: ctx.userId, exceptSessionId: ctx.sessionId });
  });
}
