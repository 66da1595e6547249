import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { configureSeller } from '../../../test/support/billing.ts';
import { type ApiClient, logInAs, STRONG_PASSWORD, signUpOwner } from '../../../test/support/clients.ts';
import { bootstrapPlatform } from './bootstrap.ts';

let ctx: TestContext;
let admin: ApiClient;
beforeAll(async () => {
  ctx = await createTestApp();
  await bootstrapPlatform(ctx.db, { adminEmail: 'operator@aimax.test', adminPassword: STRONG_PASSWORD });
  admin = await logInAs(ctx.app, 'operator@aimax.test', STRONG_PASSWORD);
});

const publicSupport = async () => (await ctx.app.inject({ method: 'GET', url: '/api/support' })).json().support;
const setupOf = async (client: ApiClient) =>
  Object.fromEntries(
    (await client.get('/api/platform/setup')).json().checks.map((c: { id: string; done: boolean }) => [c.id, c.done]),
  );

describe('the support contact', () => {
  it('is set by the superadmin and read by anyone, signed in or not', async () => {
    expect(await publicSupport()).toBeNull();
    const saved = await admin.request('PUT', '/api/platform/settings/support', {
      email: 'Help@AIMax.ru',
      phone: '+7 800 555-35-35',
      telegram: '@aimax_support',
    });
    expect(saved.statusCode).toBe(200);
    const contact = { email: 'help@aimax.ru', phone: '+7 800 555-35-35', telegram: 'aimax_support' };
    expect(saved.json()).toEqual({ support: contact });
    expect(await publicSupport()).toEqual(contact);
    const owner = await signUpOwner(ctx.app);
    expect((await owner.get('/api/support')).json()).toEqual({ support: contact });
  });

  it('explains what is wrong, needs one way to write at least, and is the superadmin’s alone', async () => {
    const before = await publicSupport();
    const wrong = await admin.request('PUT', '/api/platform/settings/support', {
      email: 'not-an-email',
      phone: 'звоните',
      telegram: 'a b',
    });
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys(wrong.json().error.fields).sort()).toEqual(['email', 'phone', 'telegram']);
    const empty = await admin.request('PUT', '/api/platform/settings/support', { email: '', phone: ' ', telegram: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('Укажите хотя бы один способ связи: email, телефон или Telegram');

    const owner = await signUpOwner(ctx.app);
    const byOwner = await owner.request('PUT', '/api/platform/settings/support', {
      email: 'fake@evil.test',
      phone: '',
      telegram: '',
    });
    expect(byOwner.statusCode).toBe(403);
    expect(await publicSupport()).toEqual(before);
  });
});

describe('GET /api/platform/setup', () => {
  it('lists what a fresh platform still needs, and ticks what is done', async () => {
    const fresh = await createTestApp();
    await bootstrapPlatform(fresh.db, { adminEmail: 'root@aimax.test', adminPassword: STRONG_PASSWORD });
    const root = await logInAs(fresh.app, 'root@aimax.test', STRONG_PASSWORD);
    expect(await setupOf(root)).toEqual({ seller: false, support: false, smtp: false, llm: false, appSecret: false });

    await configureSeller(fresh.db);
    await root.request('PUT', '/api/platform/settings/support', { email: 'help@aimax.ru', phone: '', telegram: '' });
    expect(await setupOf(root)).toMatchObject({ seller: true, support: true });

    const owner = await signUpOwner(fresh.app);
    expect((await owner.get('/api/platform/setup')).statusCode).toBe(403);
  });

  it('counts SMTP, the AI gateway and APP_SECRET as done when the environment sets them', async () => {
    const configured = await createTestApp({
      env: {
        SMTP_URL: 'smtp://127.0.0.1:2525',
        LLM_API_KEY: 'sk-test',
        APP_SECRET: 'a-secret-of-at-least-thirty-two-characters',
      },
    });
    await bootstrapPlatform(configured.db, { adminEmail: 'ops@aimax.test', adminPassword: STRONG_PASSWORD });
    const ops = await logInAs(configured.app, 'ops@aimax.test', STRONG_PASSWORD);
    expect(await setupOf(ops)).toMatchObject({ smtp: true, llm: true, appSecret: true });
  });
});
