// The email outbox. An email is a row written in the transaction of the change it tells of
// (`enqueueEmail`), so it exists exactly when that change committed; a worker sends the rows
// later, retrying with backoff.
//
// Delivery is at-least-once. SMTP cannot take part in a database transaction: whatever order we
// choose, a crash between the server's "250 OK" and our "sent" mark leaves us not knowing. We
// never lose an email, and keep the window in which one can be sent twice short:
//
//   1. claim   (one short platform transaction) due rows, `FOR UPDATE SKIP LOCKED`, a few at a
//              time: count the attempt and push `next_attempt_at` out by a lease. Other
//              instances skip locked rows and, once committed, no longer see them as due.
//   2. send    outside any transaction: attachments are resolved now, then the message goes,
//              each attempt under a deadline well inside the lease.
//   3. record  right after each send: `sent`, or the error and the next try (exponential
//              backoff with jitter), or `failed` after the last attempt.
//
// If the process dies during 2, the lease runs out and another worker sends the row again with
// the same Message-ID (the outbox id). Counting the attempt at claim time means an email that
// kills the process each time still ends as `failed` instead of looping forever.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { and, asc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { outboxEmails } from '../../db/schema.ts';
import type { MailAttachment, MailTransport } from './transport.ts';

export interface EmailToQueue {
  tenantId: string;
  /** What the email is, such as `invoice_issued`; shown in the superadmin's outbox. */
  kind: string;
  /**
   * Unique platform-wide: the email is queued once per key, so include the thing it is about,
   * e.g. `invoice_issued:<invoice id>` or `plan_expires_soon:<tenant id>:<expiry>:7`.
   */
  dedupeKey: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Attached when sent, not now: an invoice's PDF is rendered (or fetched) by then. */
  attachments?: { invoiceId: string }[];
}

/**
 * Queues an email in the caller's transaction (tenant or platform), so it is sent only if that
 * transaction commits. Returns false when an email with the same dedupeKey was queued before.
 * After the commit, `app.outbox.kick()` sends it without waiting for the next poll.
 */
export async function enqueueEmail(tx: Tx, email: EmailToQueue): Promise<boolean> {
  if (email.to.length === 0) throw new Error(`enqueueEmail: "${email.dedupeKey}" has no recipients`);
  const queued = await tx
    .insert(outboxEmails)
    .values({
      tenantId: email.tenantId,
      kind: email.kind,
      dedupeKey: email.dedupeKey,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      attachments: email.attachments ?? [],
    })
    .onConflictDoNothing({ target: outboxEmails.dedupeKey })
    .returning({ id: outboxEmails.id });
  return queued.length > 0;
}

/** Finds an attachment when the email is sent; throwing fails the attempt, which is retried. */
export type ResolveAttachment = (invoiceId: string, tenantId: string) => Promise<MailAttachment>;

/** Until invoices attach their PDFs, an email that names one waits (and retries) rather than going without. */
export const attachmentsUnavailable: ResolveAttachment = async (invoiceId) => {
  throw new Error(`attachment of invoice ${invoiceId} is not available`);
};

/**
 * Delay before the next try after `attempt` failed attempts: base × factor^(attempt − 1), capped,
 * then shortened by up to `jitter` (a fraction) at random, so emails that failed together do not
 * all come back together. Defaults: 30 s, 2 min, 8 min, 32 min, then 1 h.
 */
export function exponentialBackoff(
  options: { baseMs?: number; factor?: number; maxMs?: number; jitter?: number; random?: () => number } = {},
): (attempt: number) => number {
  const { baseMs = 30_000, factor = 4, maxMs = 60 * 60_000, jitter = 0.2, random = Math.random } = options;
  return (attempt) => {
    const nominal = Math.min(maxMs, baseMs * factor ** Math.max(0, attempt - 1));
    return Math.round(nominal * (1 - jitter * random()));
  };
}

export interface OutboxLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface OutboxWorkerOptions {
  db: Database;
  transport: MailTransport;
  resolveAttachment: ResolveAttachment;
  log: OutboxLog;
  /** How often to look for due emails when nobody kicks; retries wait for it. Default 10 s. */
  pollIntervalMs?: number;
  /** Attempts before an email is `failed`. Default 10 (about 5½ hours with the default backoff). */
  maxAttempts?: number;
  backoff?: (attempt: number) => number;
  /** Rows claimed per transaction. Default 5. */
  batchSize?: number;
  /** Deadline of one attempt (attachments and sending). Default 60 s. */
  attemptTimeoutMs?: number;
  /** How long a claim holds a row; must outlast a whole batch. Default 10 min. */
  leaseMs?: number;
}

export interface OutboxRun {
  sent: number;
  /** Failed attempts that will be tried again. */
  retried: number;
  /** Emails given up on in this run. */
  failed: number;
}

export interface OutboxWorker {
  /** Polls every `pollIntervalMs` until stopped; the first run comes at once. */
  start(): void;
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
  /** Runs soon (after a commit that queued mail); a no-op when stopped. */
  kick(): void;
  /** Sends everything due at `now` (default: the database clock) and reports what happened. */
  runOnce(now?: Date): Promise<OutboxRun>;
}

type ClaimedEmail = typeof outboxEmails.$inferSelect;

// Thrown to roll back a claim that found nothing, and with it the audit row withPlatform wrote.
const NOTHING_DUE = Symbol('nothing due');

/**
 * The time rows are compared and stamped with: the database's clock, so instances whose clocks
 * drift still agree on what is due; a given `now` instead when a test moves the clock.
 */
const clock = (now: Date | undefined): SQL => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);
// Whole milliseconds, as a JavaScript Date holds them: a time read back and passed as `now` is due.
const after = (now: Date | undefined, ms: number): SQL =>
  sql`date_trunc('milliseconds', ${clock(now)} + ${Math.round(ms)}::bigint * interval '1 millisecond')`;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new Error(`attempt timed out (${String(signal.reason)})`));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const {
    db,
    transport,
    resolveAttachment,
    log,
    pollIntervalMs = 10_000,
    maxAttempts = 10,
    backoff = exponentialBackoff(),
    batchSize = 5,
    attemptTimeoutMs = 60_000,
    leaseMs = 10 * 60_000,
  } = options;
  if (leaseMs <= batchSize * attemptTimeoutMs) {
    throw new Error(
      'createOutboxWorker: leaseMs must exceed batchSize × attemptTimeoutMs, or a slow batch is sent twice',
    );
  }
  const workerId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let started = false;
  /** Set while stop() waits: the run in flight finishes its batch and takes no more. */
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let kickedWhileTicking = false;

  /**
   * Takes up to a batch of due rows for this worker. `withPlatform` audits every transaction it
   * opens; an empty poll rolls back, so only batches that found mail leave an audit entry.
   */
  async function claim(now: Date | undefined): Promise<{ claimed: ClaimedEmail[]; abandoned: number }> {
    const access = { actorUserId: null, action: 'email.outbox_batch', details: { worker: workerId } };
    try {
      return await db.withPlatform(access, async (tx) => {
        const due = await tx
          .select({ id: outboxEmails.id, attempts: outboxEmails.attempts })
          .from(outboxEmails)
          .where(and(eq(outboxEmails.status, 'pending'), lte(outboxEmails.nextAttemptAt, clock(now))))
          .orderBy(asc(outboxEmails.nextAttemptAt))
          .limit(batchSize)
          .for('update', { skipLocked: true });
        if (due.length === 0) throw NOTHING_DUE;

        // Its last attempt was claimed and never recorded: the process died while sending.
        const abandoned = due.filter((row) => row.attempts >= maxAttempts).map((row) => row.id);
        if (abandoned.length > 0) {
          await tx
            .update(outboxEmails)
            .set({ status: 'failed', lastError: 'the last attempt did not finish (the worker stopped while sending)' })
            .where(inArray(outboxEmails.id, abandoned));
        }
        const live = due.filter((row) => row.attempts < maxAttempts).map((row) => row.id);
        if (live.length === 0) return { claimed: [], abandoned: abandoned.length };
        const claimed = await tx
          .update(outboxEmails)
          .set({
            attempts: sql`${outboxEmails.attempts} + 1`,
            nextAttemptAt: after(now, leaseMs),
          })
          .where(inArray(outboxEmails.id, live))
          .returning();
        claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
        return { claimed, abandoned: abandoned.length };
      });
    } catch (error) {
      if (error === NOTHING_DUE) return { claimed: [], abandoned: 0 };
      throw error;
    }
  }

  async function attempt(email: ClaimedEmail): Promise<{ messageId: string }> {
    const signal = AbortSignal.timeout(attemptTimeoutMs);
    const attachments = await withDeadline(
      Promise.all(email.attachments.map((item) => resolveAttachment(item.invoiceId, email.tenantId))),
      signal,
    );
    return withDeadline(transport.send({ ...email, attachments }, { signal }), signal);
  }

  /** Records a send. Any attempt's success counts, even one whose lease another worker took over. */
  async function recordSent(email: ClaimedEmail, messageId: string, now: Date | undefined): Promise<void> {
    const access = {
      actorUserId: null,
      action: 'email.sent',
      details: { emailId: email.id, tenantId: email.tenantId, kind: email.kind },
    };
    await db.withPlatform(access, (tx) =>
      tx
        .update(outboxEmails)
        .set({ status: 'sent', sentAt: clock(now), messageId, lastError: null })
        .where(and(eq(outboxEmails.id, email.id), eq(outboxEmails.status, 'pending'))),
    );
  }

  /** Records a failed attempt, only while the row is still this attempt's (not sent, not re-claimed). */
  async function recordFailure(
    email: ClaimedEmail,
    error: string,
    now: Date | undefined,
  ): Promise<'retried' | 'failed'> {
    const outcome = email.attempts >= maxAttempts ? 'failed' : 'retried';
    const access = {
      actorUserId: null,
      action: outcome === 'failed' ? 'email.failed' : 'email.attempt_failed',
      details: { emailId: email.id, tenantId: email.tenantId, kind: email.kind, attempt: email.attempts },
    };
    await db.withPlatform(access, (tx) =>
      tx
        .update(outboxEmails)
        .set({
          lastError: error,
          ...(outcome === 'failed'
            ? { status: 'failed' as const }
            : { nextAttemptAt: after(now, backoff(email.attempts)) }),
        })
        .where(
          and(
            eq(outboxEmails.id, email.id),
            eq(outboxEmails.status, 'pending'),
            eq(outboxEmails.attempts, email.attempts),
          ),
        ),
    );
    return outcome;
  }

  async function deliver(email: ClaimedEmail, now: Date | undefined, run: OutboxRun): Promise<void> {
    const context = { emailId: email.id, kind: email.kind, attempt: email.attempts };
    let result: { messageId: string } | { error: string };
    try {
      result = await attempt(email);
    } catch (error) {
      result = { error: errorText(error) };
    }
    try {
      if ('messageId' in result) {
        await recordSent(email, result.messageId, now);
        run.sent += 1;
        log.info(context, 'email sent');
      } else {
        const outcome = await recordFailure(email, result.error, now);
        run[outcome] += 1;
        if (outcome === 'failed') log.error({ ...context, error: result.error }, 'email failed for good');
        else log.warn({ ...context, error: result.error }, 'email not sent; it will be retried');
      }
    } catch (error) {
      // The row keeps its lease and comes back when it runs out.
      log.error({ ...context, err: error }, 'could not record the outcome of an email');
    }
  }

  async function drain(now: Date | undefined): Promise<OutboxRun> {
    const run: OutboxRun = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const { claimed, abandoned } = await claim(now);
      run.failed += abandoned;
      if (abandoned > 0) log.error({ count: abandoned }, 'emails failed: their last attempt never finished');
      for (const email of claimed) await deliver(email, now, run);
      if (claimed.length + abandoned < batchSize || stopping) return run;
    }
  }

  // One run at a time per worker; other instances are kept apart by the claim.
  let queue: Promise<unknown> = Promise.resolve();
  const runOnce = (now?: Date): Promise<OutboxRun> => {
    const run = queue.then(() => drain(now));
    queue = run.catch(() => {});
    return run;
  };

  function schedule(delayMs: number) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      ticking = tick();
    }, delayMs);
    // Polling alone never keeps the process (or a test run) alive.
    timer.unref();
  }

  async function tick(): Promise<void> {
    try {
      do {
        kickedWhileTicking = false;
        await runOnce();
      } while (kickedWhileTicking && started);
    } catch (error) {
      log.error({ err: error }, 'email outbox run failed');
    } finally {
      ticking = undefined;
      if (started) schedule(pollIntervalMs);
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      stopping = true;
      clearTimeout(timer);
      try {
        await ticking;
        await queue;
      } finally {
        stopping = false;
      }
    },
    kick() {
      if (!started) return;
      if (ticking) kickedWhileTicking = true;
      else schedule(0);
    },
    runOnce,
  };
}
