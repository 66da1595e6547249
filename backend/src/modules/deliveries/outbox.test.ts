import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSmtpServer, startFakeSmtpServer } from '../../../test/fakes/smtpServer.ts';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { auditLog, deliveries } from '../../db/schema.ts';
import {
  attachmentsUnavailable,
  type EmailToQueue,
  emailChannel,
  enqueueEmail,
  type ResolveAttachment,
} from '../email/outbox.ts';
import { createMailTransport, type MailTransport } from '../email/transport.ts';
import { createTenant } from '../tenants/service.ts';
import { createOutboxWorker, exponentialBackoff, type OutboxWorkerOptions } from './outbox.ts';

let ctx: TestContext;
let smtp: FakeSmtpServer;
let tenantId: string;

beforeAll(async () => {
  smtp = await startFakeSmtpServer();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aimax-outbox-'));
  ctx = await createTestApp({ env: { SMTP_URL: smtp.url, DATA_DIR: dataDir } });
  // These tests run workers of their own on a clock they move; the app's worker would race them.
  await ctx.app.outbox.stop();
  tenantId = randomUUID();
  await ctx.db.withTenant(tenantId, (tx) => createTenant(tx, { id: tenantId, name: 'Почта Строй' }));
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(() => {
  smtp.comeBack();
  smtp.clear();
});

const silent = { info() {}, warn() {}, error() {} };

type WorkerSettings = Partial<Omit<OutboxWorkerOptions, 'channels'>> & {
  transport?: MailTransport;
  resolveAttachment?: ResolveAttachment;
};

function workerWith(options: WorkerSettings = {}) {
  const { transport = createMailTransport(ctx.config), resolveAttachment = attachmentsUnavailable, ...rest } = options;
  return createOutboxWorker({
    db: ctx.db,
    channels: { email: emailChannel({ transport, resolveAttachment }) },
    log: silent,
    backoff: exponentialBackoff({ jitter: 0 }),
    ...rest,
  });
}

function anEmail(overrides: Partial<EmailToQueue> = {}): EmailToQueue {
  const tag = randomUUID().slice(0, 8);
  return {
    tenantId,
    kind: 'test',
    dedupeKey: `test:${tag}`,
    to: ['owner@example.ru'],
    subject: `Проверка ${tag}`,
    html: `<p>Письмо <b>${tag}</b></p>`,
    text: `Письмо ${tag}`,
    ...overrides,
  };
}

const queue = (email: EmailToQueue) => ctx.db.withTenant(tenantId, (tx) => enqueueEmail(tx, email));

async function rowOf(email: EmailToQueue) {
  const [row] = await ctx.db.withTenant(tenantId, (tx) =>
    tx.select().from(deliveries).where(eq(deliveries.dedupeKey, email.dedupeKey)),
  );
  return row;
}

const arrived = (email: EmailToQueue) => smtp.messages.filter((message) => message.subject === email.subject);
const later = (date: Date, ms: number) => new Date(date.getTime() + ms);
const nothing = { sent: 0, retried: 0, failed: 0 };

describe('enqueueEmail', () => {
  it('sends an email queued in a transaction that committed, attaching what it names at send time', async () => {
    const invoiceId = randomUUID();
    const pdf = Buffer.from('%PDF-1.7 счёт');
    const resolved: string[] = [];
    const worker = workerWith({
      resolveAttachment: async (id, tenant) => {
        resolved.push(`${id}/${tenant}`);
        return { filename: 'Счёт № 2026-0001.pdf', content: pdf, contentType: 'application/pdf' };
      },
    });
    const email = anEmail({ to: ['owner@example.ru', 'accountant@example.ru'], attachments: [{ invoiceId }] });

    expect(await queue(email)).toBe(true);
    expect(resolved).toEqual([]);
    expect(await worker.runOnce()).toEqual({ ...nothing, sent: 1 });

    const [message] = await smtp.waitFor(1);
    expect(message?.subject).toBe(email.subject);
    expect(message?.from?.value).toEqual([{ name: 'AI Max', address: 'noreply@aimax.local' }]);
    expect(message?.headers.get('auto-submitted')).toBe('auto-generated');
    expect(message?.to && !Array.isArray(message.to) ? message.to.value.map((a) => a.address) : []).toEqual(email.to);
    expect(message?.html).toContain(email.html);
    expect(message?.text?.trim()).toBe(email.text);
    expect(message?.attachments).toHaveLength(1);
    expect(message?.attachments[0]?.filename).toBe('Счёт № 2026-0001.pdf');
    expect(message?.attachments[0]?.contentType).toBe('application/pdf');
    expect(message?.attachments[0]?.content.equals(pdf)).toBe(true);
    expect(resolved).toEqual([`${invoiceId}/${tenantId}`]);

    const row = await rowOf(email);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: expect.any(Date) });
    expect(message?.messageId).toBe(`<${row?.id}@aimax.local>`);
    expect(row?.externalId).toBe(message?.messageId);
  });

  it('never sends an email queued in a transaction that rolled back', async () => {
    const email = anEmail();
    await expect(
      ctx.db.withTenant(tenantId, async (tx) => {
        await enqueueEmail(tx, email);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await workerWith().runOnce()).toEqual(nothing);
    expect(await rowOf(email)).toBeUndefined();
    expect(arrived(email)).toEqual([]);
  });

  it('queues an email once per dedupeKey, from a tenant or a platform transaction', async () => {
    const email = anEmail();
    expect(await queue(email)).toBe(true);
    expect(await queue({ ...email, subject: 'Другая тема' })).toBe(false);
    const platform = { actorUserId: null, action: 'test.enqueue' };
    expect(await ctx.db.withPlatform(platform, (tx) => enqueueEmail(tx, email))).toBe(false);

    expect(await workerWith().runOnce()).toEqual({ ...nothing, sent: 1 });
    await smtp.waitFor(1);
    expect(smtp.messages.map((message) => message.subject)).toEqual([email.subject]);
  });

  it('refuses an email with no recipients', async () => {
    await expect(queue(anEmail({ to: [] }))).rejects.toThrow('no recipients');
  });
});

describe('the outbox worker', () => {
  it('leaves no audit entry for a poll that found nothing, and one per batch that did', async () => {
    const worker = workerWith();
    const batches = () =>
      ctx.db
        .withPlatform({ actorUserId: null, action: 'test.audit_read' }, (tx) =>
          tx.select({ value: count() }).from(auditLog).where(eq(auditLog.action, 'delivery.outbox_batch')),
        )
        .then(([row]) => row?.value ?? 0);
    const before = await batches();
    expect(await worker.runOnce()).toEqual(nothing);
    expect(await worker.runOnce()).toEqual(nothing);
    expect(await batches()).toBe(before);

    await queue(anEmail());
    expect(await worker.runOnce()).toEqual({ ...nothing, sent: 1 });
    expect(await batches()).toBe(before + 1);
  });

  it('retries through an SMTP outage with growing delays, then delivers once', async () => {
    const worker = workerWith();
    const email = anEmail();
    smtp.goDown();
    await queue(email);

    let now = new Date();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await worker.runOnce(now)).toEqual({ ...nothing, retried: 1 });
      const row = await rowOf(email);
      expect(row).toMatchObject({ status: 'pending', attempts: attempt, lastError: expect.stringContaining('421') });
      const next = row?.nextAttemptAt as Date;
      delays.push(next.getTime() - now.getTime());
      // Not a moment before it is due.
      expect(await worker.runOnce(later(next, -1000))).toEqual(nothing);
      now = next;
    }
    expect(delays).toEqual([30_000, 120_000, 480_000]);
    expect(smtp.refused).toBeGreaterThanOrEqual(3);

    smtp.comeBack();
    expect(await worker.runOnce(now)).toEqual({ ...nothing, sent: 1 });
    expect(await worker.runOnce(later(now, 24 * 60 * 60_000))).toEqual(nothing);
    await smtp.waitFor(1);
    expect(arrived(email)).toHaveLength(1);
    expect(await rowOf(email)).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
  });

  it('gives an email up as failed after maxAttempts', async () => {
    const worker = workerWith({ maxAttempts: 3 });
    const email = anEmail();
    smtp.goDown();
    await queue(email);

    let now = new Date();
    expect(await worker.runOnce(now)).toEqual({ ...nothing, retried: 1 });
    now = (await rowOf(email))?.nextAttemptAt as Date;
    expect(await worker.runOnce(now)).toEqual({ ...nothing, retried: 1 });
    now = (await rowOf(email))?.nextAttemptAt as Date;
    expect(await worker.runOnce(now)).toEqual({ ...nothing, failed: 1 });
    expect(await rowOf(email)).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: expect.stringContaining('421'),
    });

    smtp.comeBack();
    expect(await worker.runOnce(later(now, 7 * 24 * 60 * 60_000))).toEqual(nothing);
    expect(arrived(email)).toEqual([]);
  });

  it('counts an attachment that cannot be had as a failed attempt, and sends once it can', async () => {
    let ready = false;
    const worker = workerWith({
      resolveAttachment: async () => {
        if (!ready) throw new Error('PDF счёта ещё не готов');
        return { filename: 'invoice.pdf', content: Buffer.from('%PDF'), contentType: 'application/pdf' };
      },
    });
    const email = anEmail({ attachments: [{ invoiceId: randomUUID() }] });
    await queue(email);

    expect(await worker.runOnce()).toEqual({ ...nothing, retried: 1 });
    const row = await rowOf(email);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'PDF счёта ещё не готов' });
    expect(arrived(email)).toEqual([]);

    ready = true;
    expect(await worker.runOnce(row?.nextAttemptAt)).toEqual({ ...nothing, sent: 1 });
    await smtp.waitFor(1);
    expect(arrived(email)[0]?.attachments.map((attachment) => attachment.filename)).toEqual(['invoice.pdf']);
  });

  it('sends each of 20 emails exactly once when two workers run at the same time', async () => {
    const emails = Array.from({ length: 20 }, () => anEmail());
    for (const email of emails) await queue(email);
    const first = workerWith({ batchSize: 3 });
    const second = workerWith({ batchSize: 3 });

    const runs = await Promise.all([first.runOnce(), second.runOnce()]);
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(20);
    expect(runs.every((run) => run.retried === 0 && run.failed === 0)).toBe(true);

    await smtp.waitFor(20);
    await new Promise((resolve) => setTimeout(resolve, 100)); // a duplicate would arrive by now
    expect(smtp.messages.map((message) => message.subject).sort()).toEqual(emails.map((e) => e.subject).sort());
    for (const email of emails) expect(await rowOf(email)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('lets another worker take over an email whose claim ran out (at-least-once), recording one delivery', async () => {
    let release = () => {};
    const stalled: MailTransport = {
      kind: 'smtp',
      send: () =>
        new Promise((resolve) => {
          release = () => resolve({ messageId: '<stalled@aimax.local>' });
        }),
      close() {},
    };
    const leaseMs = 60_000;
    const stuck = workerWith({ transport: stalled, leaseMs, attemptTimeoutMs: 10_000, batchSize: 1 });
    const rescuer = workerWith({ leaseMs, attemptTimeoutMs: 10_000, batchSize: 1 });
    const email = anEmail();
    await queue(email);

    const now = new Date();
    const stuckRun = stuck.runOnce(now);
    await expect.poll(async () => (await rowOf(email))?.attempts, { timeout: 5000 }).toBe(1);
    // Claimed: nobody else sends it while the claim holds…
    expect(await rescuer.runOnce(now)).toEqual(nothing);
    // …and once it has run out, another worker does.
    expect(await rescuer.runOnce(later(now, leaseMs))).toEqual({ ...nothing, sent: 1 });
    const [message] = await smtp.waitFor(1);

    // The first worker's send completes late; the row keeps the delivery already recorded.
    release();
    await stuckRun;
    expect(await rowOf(email)).toMatchObject({ status: 'sent', attempts: 2, externalId: message?.messageId });
    expect(arrived(email)).toHaveLength(1);
  });

  it('fails an email whose last attempt never finished (the worker died while sending it)', async () => {
    const releases: (() => void)[] = [];
    const dying: MailTransport = {
      kind: 'smtp',
      send: () => new Promise((resolve) => releases.push(() => resolve({ messageId: '<never@aimax.local>' }))),
      close() {},
    };
    const leaseMs = 60_000;
    const worker = workerWith({ transport: dying, maxAttempts: 2, leaseMs, attemptTimeoutMs: 10_000, batchSize: 1 });
    const email = anEmail();
    await queue(email);

    const now = new Date();
    const runs = [worker.runOnce(now)];
    await expect.poll(async () => (await rowOf(email))?.attempts, { timeout: 5000 }).toBe(1);
    // Each run hangs in its send, as if the process had died there; the next claim waits out the lease.
    const another = workerWith({ transport: dying, maxAttempts: 2, leaseMs, attemptTimeoutMs: 10_000, batchSize: 1 });
    runs.push(another.runOnce(later(now, leaseMs)));
    await expect.poll(async () => (await rowOf(email))?.attempts, { timeout: 5000 }).toBe(2);

    const last = workerWith({ maxAttempts: 2, leaseMs, attemptTimeoutMs: 10_000, batchSize: 1 });
    expect(await last.runOnce(later(now, 2 * leaseMs))).toEqual({ ...nothing, failed: 1 });
    expect(await rowOf(email)).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: expect.stringContaining('did not finish'),
    });
    for (const release of releases) release();
    await Promise.all(runs);
    expect(await rowOf(email)).toMatchObject({ status: 'failed' });
    expect(arrived(email)).toEqual([]);
  });
});

describe('exponentialBackoff', () => {
  it('waits 30 s, 2 min, 8 min, 32 min, then an hour at most', () => {
    const exact = exponentialBackoff({ jitter: 0 });
    expect([1, 2, 3, 4, 5, 6, 10].map(exact)).toEqual([
      30_000, 120_000, 480_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
  });

  it('shortens each delay by up to the jitter, never lengthens it', () => {
    expect(exponentialBackoff({ random: () => 0 })(2)).toBe(120_000);
    expect(exponentialBackoff({ random: () => 0.999_999 })(2)).toBe(96_000);
    expect(exponentialBackoff({ random: () => 0.5 })(9)).toBe(3_240_000);
  });
});
