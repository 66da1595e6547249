import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, logInAs, STRONG_PASSWORD, signUpOwner } from '../../../test/support/clients.ts';
import { deliveries } from '../../db/schema.ts';
import { type EmailToQueue, enqueueEmail } from '../email/outbox.ts';
import { invoiceIssued } from '../email/templates.ts';
import { emlFilePath } from '../email/transport.ts';
import { bootstrapPlatform } from '../platform/bootstrap.ts';

// The app as it runs without SMTP_URL: its own outbox worker writes .eml files under DATA_DIR/mail.
let ctx: TestContext;
let dataDir: string;
let admin: ApiClient;
let owner: ApiClient;
let tenantId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'aimax-outbox-routes-'));
  ctx = await createTestApp({ env: { DATA_DIR: dataDir } });
  await bootstrapPlatform(ctx.db, { adminEmail: 'operator@aimax.test', adminPassword: STRONG_PASSWORD });
  admin = await logInAs(ctx.app, 'operator@aimax.test', STRONG_PASSWORD);
  owner = await signUpOwner(ctx.app, { companyName: 'Почта <b>Строй</b>' });
  tenantId = owner.session.tenant?.id as string;
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const invoiceEmail = (overrides: Partial<EmailToQueue> = {}): EmailToQueue => {
  const id = randomUUID();
  return {
    tenantId,
    kind: 'invoice_issued',
    dedupeKey: `invoice_issued:${id}`,
    to: [owner.session.user.email],
    ...invoiceIssued({
      companyName: 'Почта <b>Строй</b>',
      invoiceNumber: `2026-${id.slice(0, 4)}`,
      issuedAt: new Date(),
      dueAt: new Date(Date.now() + 10 * 24 * 60 * 60_000),
      planName: 'Старт',
      termMonths: 1,
      amountKopecks: 299_000,
      billingUrl: 'http://localhost:3000/admin/billing',
    }),
    ...overrides,
  };
};

/** Queues in the tenant's transaction and kicks the app's worker, as a module does after its commit. */
async function queueAndKick(email: EmailToQueue) {
  await ctx.db.withTenant(tenantId, (tx) => enqueueEmail(tx, email));
  ctx.app.outbox.kick();
}

async function rowWhen(email: EmailToQueue, ready: (row: typeof deliveries.$inferSelect) => boolean) {
  const read = async () =>
    (
      await ctx.db.withTenant(tenantId, (tx) =>
        tx.select().from(deliveries).where(eq(deliveries.dedupeKey, email.dedupeKey)),
      )
    )[0];
  await expect
    .poll(
      async () => {
        const row = await read();
        return row ? ready(row) : false;
      },
      { timeout: 5000 },
    )
    .toBe(true);
  return (await read()) as typeof deliveries.$inferSelect;
}

describe('the outbox in the app', () => {
  it('sends a committed email right after a kick, as an .eml file under DATA_DIR/mail', async () => {
    const email = invoiceEmail();
    await queueAndKick(email);
    const row = await rowWhen(email, (r) => r.status === 'sent');

    const parsed = await simpleParser(await readFile(emlFilePath(dataDir, row)));
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.messageId).toBe(`<${row.id}@aimax.local>`);
    expect(parsed.html).toContain('Почта &lt;b&gt;Строй&lt;/b&gt;');
    expect(parsed.text).toContain('Здравствуйте, команда «Почта <b>Строй</b>»!');
  });
});

describe('GET /api/platform/deliveries', () => {
  it('lists emails newest first with their company, and filters by status and pages', async () => {
    const first = invoiceEmail();
    const second = invoiceEmail();
    await queueAndKick(first);
    await rowWhen(first, (r) => r.status === 'sent');
    await queueAndKick(second);
    const sent = await rowWhen(second, (r) => r.status === 'sent');

    const list = await admin.get('/api/platform/deliveries?status=sent&channel=email&limit=2');
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(body.deliveries.map((e: { summary: string }) => e.summary)).toEqual([second.subject, first.subject]);
    expect(body.deliveries[0]).toEqual({
      id: sent.id,
      tenantId,
      tenantName: 'Почта <b>Строй</b>',
      channel: 'email',
      kind: 'invoice_issued',
      recipient: owner.session.user.email,
      summary: second.subject,
      status: 'sent',
      attempts: 1,
      lastError: null,
      response: null,
      leadId: null,
      createdAt: sent.createdAt.toISOString(),
      sentAt: sent.sentAt?.toISOString(),
      nextAttemptAt: expect.any(String),
    });

    const paged = (await admin.get('/api/platform/deliveries?status=sent&channel=email&limit=1&offset=1')).json();
    expect(paged.deliveries.map((e: { summary: string }) => e.summary)).toEqual([first.subject]);
    expect((await admin.get('/api/platform/deliveries?status=failed')).json()).toEqual({ deliveries: [], total: 0 });
    expect((await admin.get('/api/platform/deliveries?channel=telegram')).json()).toEqual({ deliveries: [], total: 0 });

    const bad = await admin.get('/api/platform/deliveries?status=lost&channel=fax');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      status: 'Статус: pending, sent или failed',
      channel: 'Канал: email, telegram, amocrm или webhook',
    });
  });

  it('shows the owner their own company’s deliveries, without the company column', async () => {
    const email = invoiceEmail();
    await queueAndKick(email);
    const row = await rowWhen(email, (r) => r.status === 'sent');
    const body = (await owner.get('/api/deliveries?channel=email')).json();
    expect(body.deliveries).toContainEqual(
      expect.objectContaining({ id: row.id, summary: email.subject, status: 'sent', channel: 'email' }),
    );
    expect(body.deliveries[0]).not.toHaveProperty('tenantName');
    const stranger = await signUpOwner(ctx.app, { companyName: 'Чужая Строй' });
    expect((await stranger.get('/api/deliveries')).json()).toEqual({ deliveries: [], total: 0 });
  });

  it('shows an email waiting for a retry with its last error', async () => {
    // An email naming an invoice that is not there waits and retries rather than going without it.
    const email = invoiceEmail({ attachments: [{ invoiceId: randomUUID() }] });
    await queueAndKick(email);
    const row = await rowWhen(email, (r) => r.attempts === 1 && r.lastError !== null);

    const body = (await admin.get('/api/platform/deliveries?status=pending')).json();
    expect(body.deliveries).toContainEqual(
      expect.objectContaining({
        id: row.id,
        status: 'pending',
        attempts: 1,
        lastError: expect.stringContaining('is gone'),
      }),
    );

    const eml = await admin.get(`/api/platform/deliveries/${row.id}/eml`);
    expect(eml.statusCode).toBe(404);
    expect(eml.json().error).toMatchObject({
      code: 'EMAIL_NOT_FOUND',
      message: expect.stringContaining('Файла письма нет'),
    });
  });
});

describe('GET /api/platform/deliveries/:id/eml', () => {
  it('downloads the message as written', async () => {
    const email = invoiceEmail();
    await queueAndKick(email);
    const row = await rowWhen(email, (r) => r.status === 'sent');

    const response = await admin.get(`/api/platform/deliveries/${row.id}/eml`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('message/rfc822');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${row.id}.eml"; filename*=UTF-8''${row.id}.eml`,
    );
    const parsed = await simpleParser(response.rawPayload);
    expect(parsed.subject).toBe(email.subject);
    expect(response.rawPayload.equals(await readFile(emlFilePath(dataDir, row)))).toBe(true);
  });

  it('answers 404 EMAIL_NOT_FOUND for an email that does not exist', async () => {
    const response = await admin.get(`/api/platform/deliveries/${randomUUID()}/eml`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({ code: 'EMAIL_NOT_FOUND', message: 'Письмо не найдено' });
    expect((await admin.get('/api/platform/deliveries/not-an-id/eml')).statusCode).toBe(400);
  });
});

describe('who may see the outbox', () => {
  it('refuses a company owner, and anyone signed out', async () => {
    const [row] = await ctx.db.withTenant(tenantId, (tx) => tx.select({ id: deliveries.id }).from(deliveries).limit(1));
    for (const url of ['/api/platform/deliveries', `/api/platform/deliveries/${row?.id}/eml`]) {
      const asOwner = await owner.get(url);
      expect(asOwner.statusCode).toBe(403);
      expect(asOwner.json().error.code).toBe('FORBIDDEN');
      expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });
});
