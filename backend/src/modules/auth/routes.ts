import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { clearSessionCookie, sessionOf, sessionOfCookie, setSessionCookie, userOf } from '../../plugins/auth.ts';
import { isoOrNull, NoContent, responses } from '../../schemas.ts';
import { ChangePasswordBody, CurrentSessionView, LogInBody, SessionView, SignUpBody } from './schemas.ts';
import { type ClientInfo, changePassword, logIn, type NewSession, signUp } from './service.ts';
import { type AuthSession, deleteSession, findSession } from './sessions.ts';

export function toSessionView(session: AuthSession): SessionView {
  return {
    user: session.user,
    tenant: session.tenant && { ...session.tenant, planExpiresAt: isoOrNull(session.tenant.planExpiresAt) },
    csrfToken: session.csrfToken,
  };
}

export const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

/** Sets the cookie for a session just created and answers with what the admin panel needs. */
export async function sendNewSession(
  app: FastifyInstance,
  config: Config,
  reply: FastifyReply,
  created: NewSession,
  status: 200 | 201,
) {
  const session = await app.db.withIdentity((tx) =>
    findSession(tx, { token: created.token, ttlMs: config.sessionTtlMs }),
  );
  if (!session) throw new Error('a session just created cannot be found');
  setSessionCookie(reply, config, created.token, created.expiresAt);
  return reply.code(status).send(toSessionView(session));
}

export const authRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const ttlMs = config.sessionTtlMs;

  app.post(
    '/api/auth/signup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Register a company on the Free plan with its owner, and sign the owner in',
        body: SignUpBody,
        response: responses({ 201: SessionView }),
      },
    },
    async (request, reply) => {
      const created = await signUp(app.db, { client: clientOf(request), ttlMs }, request.body);
      return sendNewSession(app, config, reply, created, 201);
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign in', body: LogInBody, response: responses({ 200: SessionView }) },
    },
    async (request, reply) => {
      const created = await logIn(app.db, { client: clientOf(request), ttlMs }, request.body);
      return sendNewSession(app, config, reply, created, 200);
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: 'signedIn' },
      schema: { tags: ['auth'], summary: 'The current session', response: responses({ 200: SessionView }) },
    },
    async (request) => toSessionView(sessionOf(request)),
  );

  // What the admin panel opens with. Being signed out is an answer here, not a 401, which a
  // browser would print as an error in the console of every sign-in and sign-up page.
  app.get(
    '/api/auth/current',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'The current session, or null when signed out (never 401)',
        response: responses({ 200: CurrentSessionView }),
      },
    },
    async (request, reply) => {
      const session = await sessionOfCookie(app, config, request, reply);
      reply.header('cache-control', 'private, no-store');
      return { session: session && toSessionView(session) };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends this session on the server',
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { sessionId } = userOf(request);
      await app.db.withIdentity((tx) => deleteSession(tx, sessionId));
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Change the password; signs out every other session of this user',
        body: ChangePasswordBody,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await changePassword(app.db, userOf(request), request.body, clientOf(request));
      return reply.code(204).send(null);
    },
  );
};
