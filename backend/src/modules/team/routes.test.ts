import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import {
  addManager,
  clientFor,
  logInAs,
  randomIp,
  STRONG_PASSWORD,
  signUpOwner,
  uniqueEmail,
} from '../../../test/support/clients.ts';
import { auditLog, invites } from '../../db/schema.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});

const tokenOf = (url: string) => url.split('/').pop() as string;
const accept = (token: string, payload: Record<string, unknown>) =>
  ctx.app.inject({ method: 'POST', url: `/api/invites/${token}/accept`, payload, remoteAddress: randomIp() });

describe('GET /api/team', () => {
  it('lists the members with the owner first and no pending invites', async () => {
    const owner = await signUpOwner(ctx.app, { name: 'Ольга' });
    const team = (await owner.get('/api/team')).json();
    expect(team.invites).toEqual([]);
    expect(team.members).toEqual([
      {
        id: owner.session.user.id,
        email: owner.session.user.email,
        name: 'Ольга',
        role: 'owner',
        createdAt: expect.any(String),
        lastLoginAt: expect.any(String),
        leadEmails: true,
      },
    ]);
  });
});

describe('POST /api/team/members', () => {
  it('adds a manager who can sign in with the password the owner set', async () => {
    const owner = await signUpOwner(ctx.app);
    const email = uniqueEmail('manager');
    const created = await owner.post('/api/team/members', {
      name: 'Игорь',
      email,
      password: STRONG_PASSWORD,
      role: 'manager',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Игорь', email, role: 'manager', lastLoginAt: null });

    const manager = await logInAs(ctx.app, email, STRONG_PASSWORD);
    expect(manager.session.tenant?.id).toBe(owner.session.tenant?.id);
    expect((await owner.get('/api/team')).json().members).toHaveLength(2);
  });

  it('refuses an email that already has an account, in any company', async () => {
    const owner = await signUpOwner(ctx.app);
    const other = await signUpOwner(ctx.app);
    const response = await owner.post('/api/team/members', {
      name: 'Дубль',
      email: other.session.user.email,
      password: STRONG_PASSWORD,
      role: 'manager',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('EMAIL_TAKEN');
    expect((await owner.get('/api/team')).json().members).toHaveLength(1);
  });

  it('adds to the owner’s own company whatever company the body names', async () => {
    const a = await signUpOwner(ctx.app, { companyName: 'Жертва' });
    const b = await signUpOwner(ctx.app, { companyName: 'Нападающий' });
    const email = uniqueEmail('intruder');
    const member = { name: 'Чужой', email, password: STRONG_PASSWORD, role: 'owner' };

    const refused = await b.post('/api/team/members', { ...member, tenantId: a.session.tenant?.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Поле «tenantId» не поддерживается',
      fields: { tenantId: 'Поле «tenantId» не поддерживается' },
    });
    expect((await a.get('/api/team')).json().members.map((m: { email: string }) => m.email)).toEqual([
      a.session.user.email,
    ]);

    expect((await b.post('/api/team/members', member)).statusCode).toBe(201);
    const joined = await logInAs(ctx.app, email, STRONG_PASSWORD);
    expect(joined.session.tenant?.id).toBe(b.session.tenant?.id);
  });

  it('validates the role and the password', async () => {
    const owner = await signUpOwner(ctx.app);
    const badRole = await owner.post('/api/team/members', {
      name: 'X',
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
      role: 'superadmin',
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.fields.role).toBe('Роль: владелец (owner) или менеджер (manager)');
    const weak = await owner.post('/api/team/members', {
      name: 'X',
      email: uniqueEmail(),
      password: 'password',
      role: 'manager',
    });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
  });
});

describe('DELETE /api/team/members/:id', () => {
  it('removes a member and ends their sessions at once', async () => {
    const owner = await signUpOwner(ctx.app);
    const manager = await addManager(ctx.app, owner);
    expect((await owner.delete(`/api/team/members/${manager.userId}`)).statusCode).toBe(204);
    expect((await manager.get('/api/auth/session')).statusCode).toBe(401);
    expect((await owner.get('/api/team')).json().members).toHaveLength(1);
  });

  it('does not let an owner remove themselves', async () => {
    const owner = await signUpOwner(ctx.app);
    const response = await owner.delete(`/api/team/members/${owner.session.user.id}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({
      code: 'CANNOT_REMOVE_SELF',
      message: 'Нельзя удалить собственную учётную запись',
    });
  });

  it('answers 404 for an unknown member and 400 for a malformed id', async () => {
    const owner = await signUpOwner(ctx.app);
    expect((await owner.delete('/api/team/members/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const malformed = await owner.delete('/api/team/members/not-a-uuid');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields).toEqual({ id: 'Некорректный идентификатор' });
  });
});

describe('invites', () => {
  it('lets an invited manager join with a link that works once', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Дом Мечты' });
    const created = await owner.post('/api/team/invites', { role: 'manager' });
    expect(created.statusCode).toBe(201);
    const { invite, url } = created.json();
    expect(url).toMatch(new RegExp(`^${ctx.config.publicUrl}/admin/invite/[A-Za-z0-9_-]{43}$`));
    expect(invite).toMatchObject({ role: 'manager', createdByName: 'Владелец' });
    expect((await owner.get('/api/team')).json().invites).toEqual([invite]);

    const token = tokenOf(url);
    const preview = await ctx.app.inject({ method: 'GET', url: `/api/invites/${token}` });
    expect(preview.json()).toEqual({ companyName: 'Дом Мечты', role: 'manager', expiresAt: invite.expiresAt });

    const email = uniqueEmail('invited');
    const joined = await accept(token, { name: 'Пётр', email, password: STRONG_PASSWORD });
    expect(joined.statusCode).toBe(201);
    const manager = clientFor(ctx.app, joined);
    expect(manager.session).toMatchObject({
      user: { email, role: 'manager', name: 'Пётр' },
      tenant: { name: 'Дом Мечты' },
    });

    const again = await accept(token, { name: 'Второй', email: uniqueEmail(), password: STRONG_PASSWORD });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('INVITE_USED');
    expect((await owner.get('/api/team')).json()).toMatchObject({ invites: [], members: [{}, { email }] });
  });

  it('admits exactly one of two simultaneous acceptances', async () => {
    const owner = await signUpOwner(ctx.app);
    const token = tokenOf((await owner.post('/api/team/invites', { role: 'manager' })).json().url);
    const answers = await Promise.all(
      [1, 2].map(() => accept(token, { name: 'Гонка', email: uniqueEmail(), password: STRONG_PASSWORD })),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 410]);
    expect((await owner.get('/api/team')).json().members).toHaveLength(2);
  });

  it('keeps the invite usable when the acceptance fails', async () => {
    const owner = await signUpOwner(ctx.app);
    const token = tokenOf((await owner.post('/api/team/invites', { role: 'owner' })).json().url);
    const taken = await accept(token, { name: 'Занят', email: owner.session.user.email, password: STRONG_PASSWORD });
    expect(taken.json().error.code).toBe('EMAIL_TAKEN');
    const weak = await accept(token, { name: 'Слабый', email: uniqueEmail(), password: '11111111' });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const joined = await accept(token, { name: 'Совладелец', email: uniqueEmail(), password: STRONG_PASSWORD });
    expect(joined.statusCode).toBe(201);
    expect(joined.json().user.role).toBe('owner');
  });

  it('refuses revoked, expired and unknown invites with distinct answers', async () => {
    const owner = await signUpOwner(ctx.app);
    const revoked = (await owner.post('/api/team/invites', { role: 'manager' })).json();
    expect((await owner.delete(`/api/team/invites/${revoked.invite.id}`)).statusCode).toBe(204);
    expect((await owner.delete(`/api/team/invites/${revoked.invite.id}`)).statusCode).toBe(404);
    const revokedAnswer = await ctx.app.inject({ method: 'GET', url: `/api/invites/${tokenOf(revoked.url)}` });
    expect(revokedAnswer.statusCode).toBe(404);
    expect(revokedAnswer.json().error.code).toBe('INVITE_INVALID');

    const expired = (await owner.post('/api/team/invites', { role: 'manager' })).json();
    await ctx.db.withTenant(owner.session.tenant?.id as string, (tx) =>
      tx
        .update(invites)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invites.id, expired.invite.id)),
    );
    const expiredAnswer = await accept(tokenOf(expired.url), {
      name: 'Поздно',
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
    });
    expect(expiredAnswer.statusCode).toBe(410);
    expect(expiredAnswer.json().error.code).toBe('INVITE_EXPIRED');

    const unknown = await ctx.app.inject({
      method: 'GET',
      url: `/api/invites/${randomBytes(32).toString('base64url')}`,
    });
    expect(unknown.statusCode).toBe(404);
    expect((await owner.get('/api/team')).json().members).toHaveLength(1);
  });

  it('records team changes in the audit log', async () => {
    const owner = await signUpOwner(ctx.app);
    const manager = await addManager(ctx.app, owner);
    await owner.delete(`/api/team/members/${manager.userId}`);
    const tenantId = owner.session.tenant?.id as string;
    const actions = await ctx.db.withTenant(tenantId, (tx) =>
      tx.select({ action: auditLog.action }).from(auditLog).orderBy(desc(auditLog.createdAt)),
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['tenant.signed_up', 'team.member_added', 'team.member_removed']),
    );
  });
});
