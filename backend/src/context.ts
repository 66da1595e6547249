// Who a request acts for and as: the trusted context a service takes beside its input.
//
// A context is made only from what the server itself established: the signed-in session (found
// by the cookie's token) or a job's own query. It never comes from a request's body, query or
// params. Services take it as a parameter of its own, `addMember(db, ctx, input)`, so no input
// field can stand in for it, and the brand below makes that a type error rather than a habit:
// an object literal, spread from a request body or not, is not a context; only the functions
// here make one.
import type { AuthSession } from './modules/auth/sessions.ts';
import { tenantFromSession } from './modules/tenants/tenantResolver.ts';

declare const trusted: unique symbol;
type Trusted<T> = Readonly<T> & { readonly [trusted]: true };

/** A company's owner or manager, acting in the admin panel. */
export type TenantContext = Trusted<{ tenantId: string; actorId: string; sessionId: string }>;

/** A signed-in user (the superadmin included) acting on their own account. */
export type UserContext = Trusted<{ userId: string; email: string; sessionId: string }>;

/** The platform's operator, acting on any company; no one (`null`) when the platform acts itself. */
export type PlatformContext = Trusted<{ actorId: string | null }>;

/** The platform acting on its own: first-run set-up, scheduled jobs. */
export const PLATFORM_ITSELF = { actorId: null } as PlatformContext;

/** The member behind a session; a session of no company (the superadmin's) is refused. */
export function tenantContextOf(session: AuthSession): TenantContext {
  const tenant = tenantFromSession(session);
  return { tenantId: tenant.id, actorId: session.user.id, sessionId: session.sessionId } as TenantContext;
}

export function userContextOf(session: AuthSession): UserContext {
  return { userId: session.user.id, email: session.user.email, sessionId: session.sessionId } as UserContext;
}

/** The superadmin behind a session; the route's `superadmin` access has already checked the role. */
export function platformContextOf(session: AuthSession): PlatformContext {
  return { actorId: session.user.id } as PlatformContext;
}

/**
 * A member acting from their linked Telegram chat: the chat was found by the company's own bot
 * (the update came through that bot's token or webhook secret) and linked by a one-time code
 * the member made while signed in, so it stands for that member.
 */
export function telegramMemberContext(link: { tenantId: string; userId: string; chatRowId: string }): TenantContext {
  return { tenantId: link.tenantId, actorId: link.userId, sessionId: `telegram:${link.chatRowId}` } as TenantContext;
}
