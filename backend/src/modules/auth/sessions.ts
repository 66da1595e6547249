// Server-side sessions. The cookie carries a random token; the database keeps only its SHA-256,
// with the user, the tenant and a CSRF token bound to the session.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { type Plan, type Role, sessions, type TenantStatus, tenants, users } from '../../db/schema.ts';

export const SESSION_COOKIE = 'aimax_session';

/** Sliding expiry is renewed at most this often, so most requests do not write. */
const RENEW_AFTER_MS = 10 * 60_000;

export interface AuthSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  /** Set when the expiry moved forward, so the cookie is sent again with the new one. */
  renewed: boolean;
  user: { id: string; email: string; name: string; role: Role };
  tenant: { id: string; name: string; status: TenantStatus; plan: Plan; planExpiresAt: Date | null } | null;
}

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a session: every sign-in (log-in, sign-up, accepted invite) goes through here. */
export async function createSession(
  tx: Tx,
  options: { userId: string; tenantId: string | null; ip: string; userAgent: string | undefined; ttlMs: number },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + options.ttlMs);
  // Signing in is a natural moment to forget this user's sessions that ran out.
  await tx.delete(sessions).where(and(eq(sessions.userId, options.userId), lt(sessions.expiresAt, sql`now()`)));
  await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, options.userId));
  await tx.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: options.userId,
    tenantId: options.tenantId,
    csrfToken,
    ip: options.ip,
    userAgent: options.userAgent?.slice(0, 500),
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

/** The live session behind a cookie token, or null. A suspended tenant's sessions are not live. */
export async function findSession(tx: Tx, options: { token: string; ttlMs: number }): Promise<AuthSession | null> {
  const [row] = await tx
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      user: { id: users.id, email: users.email, name: users.name, role: users.role },
      tenant: {
        id: tenants.id,
        name: tenants.name,
        status: tenants.status,
        plan: tenants.plan,
        planExpiresAt: tenants.planExpiresAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.tokenHash, hashToken(options.token)), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  if (!row) return null;
  if (row.tenant && row.tenant.status !== 'active') return null;

  let expiresAt = row.expiresAt;
  const renewed = Date.now() - row.lastSeenAt.getTime() > RENEW_AFTER_MS;
  if (renewed) {
    expiresAt = new Date(Date.now() + options.ttlMs);
    await tx.update(sessions).set({ lastSeenAt: sql`now()`, expiresAt }).where(eq(sessions.id, row.sessionId));
  }

  return {
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
    expiresAt,
    renewed,
    user: row.user,
    tenant: row.tenant,
  };
}

export async function deleteSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs the user out everywhere except, optionally, the session they are using. */
export async function deleteUserSessions(tx: Tx, options: { userId: string; exceptSessionId?: string }): Promise<void> {
  await tx
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, options.userId),
        options.exceptSessionId ? ne(sessions.id, options.exceptSessionId) : undefined,
      ),
    );
}
