import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { memberOf } from '../../plugins/auth.ts';
import { IdParams, iso, isoOrNull, NoContent, responses } from '../../schemas.ts';
import { clientOf, sendNewSession } from '../auth/routes.ts';
import { SessionView } from '../auth/schemas.ts';
import {
  AcceptInviteBody,
  AddMemberBody,
  CreatedInviteView,
  CreateInviteBody,
  InviteTokenParams,
  type InviteView,
  type MemberView,
  MemberView as MemberViewSchema,
  NotificationSettings,
  PublicInviteView,
  TeamView,
} from './schemas.ts';
import {
  acceptInvite,
  addMember,
  createInvite,
  findMember,
  findUsableInvite,
  listTeam,
  type Member,
  type PendingInvite,
  removeMember,
  revokeInvite,
  setLeadEmails,
} from './service.ts';

const toMemberView = (member: Member): MemberView => ({
  ...member,
  createdAt: iso(member.createdAt),
  lastLoginAt: isoOrNull(member.lastLoginAt),
});

const toInviteView = (invite: PendingInvite): InviteView => ({
  ...invite,
  createdAt: iso(invite.createdAt),
  expiresAt: iso(invite.expiresAt),
});

export const teamRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const inviteUrl = (token: string) => `${config.publicUrl}/admin/invite/${token}`;

  app.get(
    '/api/team',
    {
      config: { access: 'owner' },
      schema: { tags: ['team'], summary: 'Members and pending invites', response: responses({ 200: TeamView }) },
    },
    async (request) => {
      const ctx = memberOf(request);
      const team = await app.db.withTenant(ctx.tenantId, (tx) => listTeam(tx, ctx));
      return { members: team.members.map(toMemberView), invites: team.invites.map(toInviteView) };
    },
  );

  app.post(
    '/api/team/members',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['team'],
        summary: 'Add a member with a password the owner sets',
        body: AddMemberBody,
        response: responses({ 201: MemberViewSchema }),
      },
    },
    async (request, reply) => {
      const member = await addMember(app.db, memberOf(request), request.body);
      return reply.code(201).send(toMemberView(member));
    },
  );

  app.delete(
    '/api/team/members/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['team'],
        summary: 'Remove a member and end their sessions',
        params: IdParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      await app.db.withTenant(ctx.tenantId, (tx) => removeMember(tx, ctx, { memberId: request.params.id }));
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/team/members/:id/notifications',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['team'],
        summary: 'Turn a member’s new-lead emails on or off',
        params: IdParams,
        body: NotificationSettings,
        response: responses({ 200: MemberViewSchema }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const member = await app.db.withTenant(ctx.tenantId, (tx) =>
        setLeadEmails(tx, ctx, { memberId: request.params.id, leadEmails: request.body.leadEmails }),
      );
      return toMemberView(member);
    },
  );

  // A member's own settings: managers have no «Команда» page, so they keep theirs here.
  app.get(
    '/api/account/notifications',
    {
      config: { access: 'member' },
      schema: {
        tags: ['team'],
        summary: 'What the signed-in member is told of by email',
        response: responses({ 200: NotificationSettings }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const member = await app.db.withTenant(ctx.tenantId, (tx) => findMember(tx, ctx, ctx.actorId));
      return { leadEmails: member.leadEmails };
    },
  );

  app.put(
    '/api/account/notifications',
    {
      config: { access: 'member' },
      schema: {
        tags: ['team'],
        summary: 'Change what the signed-in member is told of by email',
        body: NotificationSettings,
        response: responses({ 200: NotificationSettings }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const member = await app.db.withTenant(ctx.tenantId, (tx) =>
        setLeadEmails(tx, ctx, { memberId: ctx.actorId, leadEmails: request.body.leadEmails }),
      );
      return { leadEmails: member.leadEmails };
    },
  );

  app.post(
    '/api/team/invites',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['team'],
        summary: 'Create an invite link (valid 7 days, used once)',
        body: CreateInviteBody,
        response: responses({ 201: CreatedInviteView }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      const created = await app.db.withTenant(ctx.tenantId, (tx) => createInvite(tx, ctx, { role: request.body.role }));
      return reply.code(201).send({ invite: toInviteView(created.invite), url: inviteUrl(created.token) });
    },
  );

  app.delete(
    '/api/team/invites/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['team'],
        summary: 'Revoke a pending invite',
        params: IdParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      await app.db.withTenant(ctx.tenantId, (tx) => revokeInvite(tx, ctx, { inviteId: request.params.id }));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/invites/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['team'],
        summary: 'What an invite link is for, before accepting it',
        params: InviteTokenParams,
        response: responses({ 200: PublicInviteView }),
      },
    },
    async (request) => {
      const invite = await findUsableInvite(app.db, request.params.token);
      return { companyName: invite.companyName, role: invite.role, expiresAt: iso(invite.expiresAt) };
    },
  );

  app.post(
    '/api/invites/:token/accept',
    {
      config: { access: 'public' },
      schema: {
        tags: ['team'],
        summary: 'Create the invited account and sign it in',
        params: InviteTokenParams,
        body: AcceptInviteBody,
        response: responses({ 201: SessionView }),
      },
    },
    async (request, reply) => {
      const created = await acceptInvite(
        app.db,
        { token: request.params.token, client: clientOf(request), ttlMs: config.sessionTtlMs },
        request.body,
      );
      return sendNewSession(app, config, reply, created, 201);
    },
  );
};
