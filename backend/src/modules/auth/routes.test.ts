import { count } from 'drizzle-orm';
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
import { tenants } from '../../db/schema.ts';
import { bootstrapPlatform } from '../platform/bootstrap.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});

const countTenants = async () => {
  const [row] = await ctx.db.withPlatform({ actorUserId: null, action: 'test.count' }, (tx) =>
    tx.select({ value: count() }).from(tenants),
  );
  return row?.value ?? 0;
};

const signUp = (payload: Record<string, unknown>, ip = randomIp()) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/signup', payload, remoteAddress: ip });
const logIn = (payload: Record<string, unknown>, ip = randomIp()) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress: ip });

describe('POST /api/auth/signup', () => {
  it('creates a company on the Free plan with its owner, signed in by an httpOnly cookie', async () => {
    const email = uniqueEmail('Owner');
    const response = await signUp({
      companyName: '  Ремонт Профи ',
      name: 'Анна',
      email: email.toUpperCase(),
      password: STRONG_PASSWORD,
    });

    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({ email: email.toLowerCase(), name: 'Анна', role: 'owner' });
    expect(body.tenant).toMatchObject({ name: 'Ремонт Профи', plan: 'free', planExpiresAt: null, status: 'active' });
    expect(body.csrfToken).toEqual(expect.any(String));
    const cookie = response.cookies.find((c) => c.name === 'aimax_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const session = await clientFor(ctx.app, response).get('/api/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().tenant.name).toBe('Ремонт Профи');
  });

  it('refuses a taken email and leaves no company behind', async () => {
    const owner = await signUpOwner(ctx.app);
    const before = await countTenants();
    const response = await signUp({
      companyName: 'Вторая',
      email: owner.session.user.email,
      password: STRONG_PASSWORD,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      error: {
        code: 'EMAIL_TAKEN',
        message: 'Этот email уже зарегистрирован',
        fields: { email: 'Этот email уже зарегистрирован' },
      },
    });
    expect(await countTenants()).toBe(before);
  });

  it.each([
    ['12345678', 'Этот пароль слишком распространён, придумайте другой'],
    ['aaaaaaaaaa', 'В пароле слишком мало разных символов'],
  ])('refuses the weak password %j with a reason in Russian', async (password, reason) => {
    const before = await countTenants();
    const response = await signUp({ companyName: 'Слабый пароль', email: uniqueEmail(), password });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({ code: 'WEAK_PASSWORD', message: reason, fields: { password: reason } });
    expect(await countTenants()).toBe(before);
  });

  it('explains each invalid field', async () => {
    const response = await signUp({ companyName: '   ', email: 'not-an-email', password: '' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: {
        companyName: 'Укажите название компании (до 120 символов)',
        email: 'Введите корректный email, например name@company.ru',
        password: 'Пароль должен быть от 8 до 128 символов',
      },
    });
  });

  it('asks for missing fields and rejects a body that is not JSON', async () => {
    const missing = await signUp({});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toMatchObject({ companyName: 'Заполните это поле' });

    const garbled = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: '{"companyName":',
    });
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().error.code).toBe('BAD_REQUEST');
  });

  it('limits how many companies one address registers in an hour', async () => {
    const ip = randomIp();
    for (let i = 0; i < 10; i++) {
      expect(
        (await signUp({ companyName: `Компания ${i}`, email: uniqueEmail(), password: STRONG_PASSWORD }, ip))
          .statusCode,
      ).toBe(201);
    }
    const refused = await signUp({ companyName: 'Ещё одна', email: uniqueEmail(), password: STRONG_PASSWORD }, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('POST /api/auth/login', () => {
  it('signs in with the email in any case', async () => {
    const owner = await signUpOwner(ctx.app);
    const response = await logIn({ email: owner.session.user.email.toUpperCase(), password: STRONG_PASSWORD });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.id).toBe(owner.session.user.id);
  });

  it('gives one answer for a wrong password and an unknown email', async () => {
    const owner = await signUpOwner(ctx.app);
    const wrong = await logIn({ email: owner.session.user.email, password: 'not the password' });
    const unknown = await logIn({ email: uniqueEmail(), password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Неверный email или пароль' });
  });

  it('locks an account after 10 attempts, even against the right password, from any address', async () => {
    const owner = await signUpOwner(ctx.app);
    const email = owner.session.user.email;
    for (let i = 0; i < 10; i++) {
      expect((await logIn({ email, password: `guess-${i}` })).statusCode).toBe(401);
    }
    const locked = await logIn({ email, password: STRONG_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.json().error.message).toMatch(/^Слишком много попыток. Повторите через \d+ мин\.$/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('counts attempts that arrive at the same moment', async () => {
    const owner = await signUpOwner(ctx.app);
    const email = owner.session.user.email;
    const answers = await Promise.all(Array.from({ length: 14 }, (_, i) => logIn({ email, password: `guess-${i}` })));
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
  });

  it('limits attempts from one address across many emails', async () => {
    const ip = randomIp();
    for (let i = 0; i < 50; i++) {
      expect((await logIn({ email: uniqueEmail(), password: 'whatever-1' }, ip)).statusCode).toBe(401);
    }
    expect((await logIn({ email: uniqueEmail(), password: 'whatever-1' }, ip)).statusCode).toBe(429);
  });

  it("refuses a suspended company's people once they prove the password", async () => {
    const owner = await signUpOwner(ctx.app);
    await bootstrapPlatform(ctx.db, { adminEmail: 'root@aimax.test', adminPassword: STRONG_PASSWORD });
    const admin = await logInAs(ctx.app, 'root@aimax.test', STRONG_PASSWORD);
    expect((await admin.post(`/api/platform/tenants/${owner.session.tenant?.id}/suspend`)).statusCode).toBe(200);

    const wrong = await logIn({ email: owner.session.user.email, password: 'not the password' });
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    const right = await logIn({ email: owner.session.user.email, password: STRONG_PASSWORD });
    expect(right.statusCode).toBe(403);
    expect(right.json().error.code).toBe('TENANT_SUSPENDED');
    expect((await owner.get('/api/auth/session')).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('answers 401 without a session, and clears a cookie that names no session', async () => {
    const none = await ctx.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('UNAUTHENTICATED');

    const forged = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: 'aimax_session=forged' },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.cookies.find((c) => c.name === 'aimax_session')?.value).toBe('');
  });

  it('tells the admin panel who is signed in without a 401 when nobody is', async () => {
    const none = await ctx.app.inject({ method: 'GET', url: '/api/auth/current' });
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ session: null });
    expect(none.headers['cache-control']).toBe('private, no-store');

    const forged = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/current',
      headers: { cookie: 'aimax_session=forged' },
    });
    expect(forged.json()).toEqual({ session: null });
    expect(forged.cookies.find((c) => c.name === 'aimax_session')?.value).toBe('');

    const owner = await signUpOwner(ctx.app);
    const current = await owner.get('/api/auth/current');
    expect(current.json()).toEqual({ session: owner.session });
    await owner.post('/api/auth/logout');
    expect((await owner.get('/api/auth/current')).json()).toEqual({ session: null });
  });

  it('ends the session on the server at logout', async () => {
    const owner = await signUpOwner(ctx.app);
    const out = await owner.post('/api/auth/logout');
    expect(out.statusCode).toBe(204);
    expect((await owner.get('/api/auth/session')).statusCode).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('refuses a change made through the cookie without the session CSRF token', async () => {
    const owner = await signUpOwner(ctx.app);
    for (const token of [undefined, 'wrong-token']) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/team/invites',
        headers: { cookie: owner.cookie, ...(token ? { 'x-csrf-token': token } : {}) },
        payload: { role: 'manager' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('CSRF_FAILED');
    }
    expect((await owner.get('/api/team')).json().invites).toEqual([]);
  });

  it('refuses changes requested from another site, even with a valid token', async () => {
    const owner = await signUpOwner(ctx.app);
    const response = await owner.request(
      'POST',
      '/api/team/invites',
      { role: 'manager' },
      { origin: 'https://evil.example' },
    );
    expect(response.statusCode).toBe(403);
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'sec-fetch-site': 'cross-site' },
      payload: { email: owner.session.user.email, password: STRONG_PASSWORD },
    });
    expect(login.statusCode).toBe(403);
  });

  it('accepts same-origin requests from the configured public URL', async () => {
    const owner = await signUpOwner(ctx.app);
    const response = await owner.request(
      'POST',
      '/api/team/invites',
      { role: 'manager' },
      { origin: ctx.config.publicUrl },
    );
    expect(response.statusCode).toBe(201);
  });
});

describe('POST /api/auth/password', () => {
  it('changes the password and signs out the other sessions only', async () => {
    const owner = await signUpOwner(ctx.app);
    const email = owner.session.user.email;
    const elsewhere = await logInAs(ctx.app, email, STRONG_PASSWORD);

    const changed = await owner.post('/api/auth/password', {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'Новый-пароль-42',
    });
    expect(changed.statusCode).toBe(204);
    expect((await owner.get('/api/auth/session')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/session')).statusCode).toBe(401);
    expect((await logIn({ email, password: STRONG_PASSWORD })).statusCode).toBe(401);
    expect((await logIn({ email, password: 'Новый-пароль-42' })).statusCode).toBe(200);
  });

  it('requires the current password and a strong new one', async () => {
    const owner = await signUpOwner(ctx.app);
    const wrong = await owner.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Новый-пароль-42' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual({ currentPassword: 'Текущий пароль указан неверно' });
    const weak = await owner.post('/api/auth/password', { currentPassword: STRONG_PASSWORD, newPassword: 'qwerty123' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields).toHaveProperty('newPassword');
  });
});

describe('POST /api/auth/password: guessing the current password', () => {
  it('is throttled per user like sign-in, even for the right password, and other users are not', async () => {
    const owner = await signUpOwner(ctx.app);
    const guess = (currentPassword: string) =>
      owner.post('/api/auth/password', { currentPassword, newPassword: 'Новый-пароль-42' });
    for (let i = 0; i < 10; i++) expect((await guess(`guess-${i}`)).statusCode).toBe(400);

    const locked = await guess(STRONG_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.json().error.message).toMatch(/^Слишком много попыток\. Повторите через \d+ мин\.$/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The password did not change.
    expect((await logIn({ email: owner.session.user.email, password: STRONG_PASSWORD })).statusCode).toBe(200);

    const other = await signUpOwner(ctx.app);
    const unaffected = await other.post('/api/auth/password', {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'Новый-пароль-42',
    });
    expect(unaffected.statusCode).toBe(204);
  });

  it('counts guesses in the database, so that parallel ones cannot outrun the limit', async () => {
    const owner = await signUpOwner(ctx.app);
    const answers = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        owner.post('/api/auth/password', { currentPassword: `guess-${i}`, newPassword: 'Новый-пароль-42' }),
      ),
    );
    expect(answers.filter((answer) => answer.statusCode === 400)).toHaveLength(10);
    expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(4);
  });
});

describe('roles', () => {
  it('keeps each role to its own routes', async () => {
    const owner = await signUpOwner(ctx.app);
    const manager = await addManager(ctx.app, owner);
    await bootstrapPlatform(ctx.db, { adminEmail: 'root@aimax.test', adminPassword: STRONG_PASSWORD });
    const admin = await logInAs(ctx.app, 'root@aimax.test', STRONG_PASSWORD);

    expect((await manager.get('/api/auth/session')).json().user.role).toBe('manager');
    expect((await manager.get('/api/team')).statusCode).toBe(403);
    expect((await manager.post('/api/team/invites', { role: 'owner' })).statusCode).toBe(403);
    expect((await owner.get('/api/platform/tenants')).statusCode).toBe(403);
    expect((await admin.get('/api/team')).statusCode).toBe(403);
    expect((await admin.get('/api/platform/tenants')).statusCode).toBe(200);
    expect((await admin.get('/api/auth/session')).json()).toMatchObject({ user: { role: 'superadmin' }, tenant: null });
  });
});
