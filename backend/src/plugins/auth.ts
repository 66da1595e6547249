// Who is asking, and may they. Every /api route declares `config.access`; this plugin resolves
// the session cookie, enforces the declared access, checks the CSRF token on changes made through
// the cookie, and refuses cross-site form posts to the public endpoints (sign-in, sign-up).
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import {
  type PlatformContext,
  platformContextOf,
  type TenantContext,
  tenantContextOf,
  type UserContext,
  userContextOf,
} from '../context.ts';
import type { Role } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { type AuthSession, findSession, SESSION_COOKIE } from '../modules/auth/sessions.ts';

/**
 * - `public`: anyone
 * - `signedIn`: any signed-in user, the superadmin included
 * - `member`: an owner or manager of a tenant
 * - `owner`: a tenant's owner
 * - `superadmin`: the platform operator
 */
export type Access = 'public' | 'signedIn' | 'member' | 'owner' | 'superadmin';

const allowedRoles: Record<Exclude<Access, 'public'>, readonly Role[]> = {
  signedIn: ['superadmin', 'owner', 'manager'],
  member: ['owner', 'manager'],
  owner: ['owner'],
  superadmin: ['superadmin'],
};

export interface RouteEntry {
  method: string;
  url: string;
  /** Declared by every /api route; the pages and files outside /api may leave it out. */
  access: Access | undefined;
  /** The route's request and response schemas. */
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /**
     * Every route with its declared access and schemas, for the suites that check them all
     * (tenant isolation, closed schemas, malformed requests).
     */
    routeTable: RouteEntry[];
  }
  interface FastifyRequest {
    /** The session behind the cookie, when the route's access needed one. */
    auth: AuthSession | null;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameSecret = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** The signed-in session of a route whose access is not `public`. */
export function sessionOf(request: FastifyRequest): AuthSession {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return request.auth;
}

/** The tenant and member of a `member` or `owner` route: the admin API's tenantResolver. */
export const memberOf = (request: FastifyRequest): TenantContext => tenantContextOf(sessionOf(request));

/** The signed-in user of a `signedIn` route, acting on their own account. */
export const userOf = (request: FastifyRequest): UserContext => userContextOf(sessionOf(request));

/** The superadmin of a `superadmin` route. */
export const operatorOf = (request: FastifyRequest): PlatformContext => platformContextOf(sessionOf(request));

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
  });
}

/**
 * The session behind the request's cookie, or null when there is none or it no longer holds (the
 * stale cookie is then cleared). A session in use has its cookie's expiry moved on.
 */
export async function sessionOfCookie(
  app: FastifyInstance,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AuthSession | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const session = await app.db.withIdentity((tx) => findSession(tx, { token, ttlMs: config.sessionTtlMs }));
  if (!session) clearSessionCookie(reply, config);
  else if (session.renewed) setSessionCookie(reply, config, token, session.expiresAt);
  return session;
}

export const auth = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { config } = options;
    const publicOrigin = new URL(config.publicUrl).origin;

    await app.register(cookie);
    app.decorateRequest('auth', null);

    const routeTable: RouteEntry[] = [];
    app.decorate('routeTable', routeTable);
    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/api/docs')) return;
      const access = route.config?.access;
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') routeTable.push({ method, url: route.url, access, schema: route.schema });
      }
      if (!route.url.startsWith('/api/')) return;
      // A route without a declared access level is a bug; refuse to start rather than guess.
      if (!access) throw new Error(`Route ${route.method} ${route.url} declares no config.access`);
      if (access !== 'public' && route.schema) {
        route.schema = { ...route.schema, security: [{ session: [], csrf: [] }] };
      }
    });

    app.addHook('onRequest', async (request, reply) => {
      const access = request.routeOptions.config.access ?? 'public';
      const mutation = !SAFE_METHODS.has(request.method);

      if (mutation && !isSameOrigin(request, publicOrigin)) throw new AppError('CSRF_FAILED');
      if (access === 'public') return;

      const session = await sessionOfCookie(app, config, request, reply);
      if (!session) throw new AppError('UNAUTHENTICATED');
      if (!allowedRoles[access].includes(session.user.role)) throw new AppError('FORBIDDEN');
      if (mutation && !sameSecret(String(request.headers[CSRF_HEADER] ?? ''), session.csrfToken)) {
        throw new AppError('CSRF_FAILED');
      }
      request.auth = session;
    });
  },
  { name: 'auth', dependencies: ['database'] },
);

// Browsers name the page a request comes from; a change requested by another site's page is
// refused. Requests without these headers come from programs, not from a victim's browser.
function isSameOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin) return origin === publicOrigin || origin === `${request.protocol}://${request.host}`;
  return request.headers['sec-fetch-site'] !== 'cross-site';
}
