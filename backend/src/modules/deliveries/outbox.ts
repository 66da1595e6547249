// The outbox of every delivery channel (email, Telegram). A delivery is a row written in the
// transaction of the change it tells of (`enqueueDelivery`), so it exists exactly when that change
// committed; a worker sends the rows later through their channel, retrying with backoff.
//
// Delivery is at-least-once. No channel can take part in a database transaction: whatever order
// we choose, a crash between the server's "accepted" and our "sent" mark leaves us not knowing. We
// never lose a delivery, and keep the window in which one can go twice short:
//
//   1. claim   (one short platform transaction) due rows, `FOR UPDATE SKIP LOCKED`, a few at a
//              time: count the attempt and push `next_attempt_at` out by a lease. Other
//              instances skip locked rows and, once committed, no longer see them as due.
//   2. send    outside any transaction, through the row's channel, under a deadline well inside
//              the lease.
//   3. record  right after each send: `sent`, or the error and the next try (exponential
//              backoff with jitter, or the wait the channel asked for), or `failed` after the
//              last attempt or when the channel says retrying cannot help.
//
// If the process dies during 2, the lease runs out and another worker sends the row again (an
// email with the same Message-ID, the row's id). A graceful stop waits for the batch in flight, so
// a restart does not send twice. Counting the attempt at claim time means a delivery that kills
// the process each time still ends as `failed` instead of looping forever.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { and, asc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { type DeliveryChannel, deliveries } from '../../db/schema.ts';
import { createPeriodic } from '../../lib/periodic.ts';

export interface DeliveryToQueue {
  tenantId: string;
  channel: DeliveryChannel;
  /** What it is, such as `invoice_issued` or `lead_new`; shown in the lists of deliveries. */
  kind: string;
  /**
   * Unique platform-wide: a delivery is queued once per key, so include the thing it is about and
   * the recipient, e.g. `invoice_issued:<invoice id>` or `tg:lead_new:<lead id>:<chat id>`.
   */
  dedupeKey: string;
  /** Who it goes to, as people read it. */
  recipient: string;
  /** What the channel needs to send it. */
  payload: Record<string, unknown>;
  /** The lead it tells of, for the journal. */
  leadId?: string;
}

/**
 * Queues a delivery in the caller's transaction (tenant or platform), so it goes only if that
 * transaction commits. Returns false when one with the same dedupeKey was queued before. After
 * the commit, `app.outbox.kick()` sends it without waiting for the next poll.
 */
export async function enqueueDelivery(tx: Tx, delivery: DeliveryToQueue): Promise<boolean> {
  const queued = await tx
    .insert(deliveries)
    .values(delivery)
    .onConflictDoNothing({ target: deliveries.dedupeKey })
    .returning({ id: deliveries.id });
  return queued.length > 0;
}

export type ClaimedDelivery = typeof deliveries.$inferSelect;

/** What a channel reports of a send: the id the other side gave it, and its answer as people read it. */
export interface DeliveryReceipt {
  externalId: string | null;
  response?: string;
}

/** How one channel sends a claimed row; throwing fails the attempt. */
export interface DeliveryChannelSender {
  send(delivery: ClaimedDelivery, options: { signal: AbortSignal }): Promise<DeliveryReceipt>;
}

/**
 * A failed attempt that says what to do next: wait as long as the channel asked, give up
 * (`permanent`), or wait without spending an attempt (`hold`: the owner must act first, such as
 * reconnecting amoCRM, and the delivery must still go once they have).
 */
export class DeliveryError extends Error {
  readonly retryAfterMs: number | undefined;
  readonly permanent: boolean;
  readonly hold: boolean;
  readonly response: string | undefined;
  constructor(
    message: string,
    options: { retryAfterMs?: number; permanent?: boolean; hold?: boolean; response?: string } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
    this.retryAfterMs = options.retryAfterMs;
    this.permanent = options.permanent ?? false;
    this.hold = options.hold ?? false;
    this.response = options.response;
  }
}

type Failure = { error: string; retryAfterMs?: number; permanent?: boolean; hold?: boolean; response?: string };

/**
 * Delay before the next try after `attempt` failed attempts: base × factor^(attempt − 1), capped,
 * then shortened by up to `jitter` (a fraction) at random, so deliveries that failed together do
 * not all come back together. Defaults: 30 s, 2 min, 8 min, 32 min, then 1 h.
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
  /** How each channel sends; a row of a channel without one fails its attempts (and is retried). */
  channels: Partial<Record<DeliveryChannel, DeliveryChannelSender>>;
  log: OutboxLog;
  /** How often to look for due rows when nobody kicks; retries wait for it. Default 10 s. */
  pollIntervalMs?: number;
  /** Attempts before a delivery is `failed`. Default 10 (about 5½ hours with the default backoff). */
  maxAttempts?: number;
  backoff?: (attempt: number) => number;
  /** Rows claimed per transaction. Default 5. */
  batchSize?: number;
  /** Deadline of one attempt. Default 60 s. */
  attemptTimeoutMs?: number;
  /** How long a claim holds a row; must outlast a whole batch. Default 10 min. */
  leaseMs?: number;
}

export interface OutboxRun {
  sent: number;
  /** Failed attempts that will be tried again. */
  retried: number;
  /** Deliveries given up on in this run. */
  failed: number;
}

export interface OutboxWorker {
  /** Polls every `pollIntervalMs` until stopped; the first run comes at once. */
  start(): void;
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
  /** Runs soon (after a commit that queued a delivery); a no-op when stopped. */
  kick(): void;
  /** Sends everything due at `now` (default: the database clock) and reports what happened. */
  runOnce(now?: Date): Promise<OutboxRun>;
}

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
    channels,
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

  /**
   * Takes up to a batch of due rows for this worker. `withPlatform` audits every transaction it
   * opens; an empty poll rolls back, so only batches that found work leave an audit entry.
   */
  async function claim(now: Date | undefined): Promise<{ claimed: ClaimedDelivery[]; abandoned: number }> {
    const access = { actorUserId: null, action: 'delivery.outbox_batch', details: { worker: workerId } };
    try {
      return await db.withPlatform(access, async (tx) => {
        const due = await tx
          .select({ id: deliveries.id, attempts: deliveries.attempts })
          .from(deliveries)
          .where(and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, clock(now))))
          .orderBy(asc(deliveries.nextAttemptAt))
          .limit(batchSize)
          .for('update', { skipLocked: true });
        if (due.length === 0) throw NOTHING_DUE;

        // Its last attempt was claimed and never recorded: the process died while sending.
        const abandoned = due.filter((row) => row.attempts >= maxAttempts).map((row) => row.id);
        if (abandoned.length > 0) {
          await tx
            .update(deliveries)
            .set({ status: 'failed', lastError: 'the last attempt did not finish (the worker stopped while sending)' })
            .where(inArray(deliveries.id, abandoned));
        }
        const live = due.filter((row) => row.attempts < maxAttempts).map((row) => row.id);
        if (live.length === 0) return { claimed: [], abandoned: abandoned.length };
        const claimed = await tx
          .update(deliveries)
          .set({
            attempts: sql`${deliveries.attempts} + 1`,
            nextAttemptAt: after(now, leaseMs),
          })
          .where(inArray(deliveries.id, live))
          .returning();
        claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
        return { claimed, abandoned: abandoned.length };
      });
    } catch (error) {
      if (error === NOTHING_DUE) return { claimed: [], abandoned: 0 };
      throw error;
    }
  }

  async function attempt(delivery: ClaimedDelivery): Promise<DeliveryReceipt> {
    const sender = channels[delivery.channel];
    if (!sender) throw new Error(`no sender for the ${delivery.channel} channel`);
    const signal = AbortSignal.timeout(attemptTimeoutMs);
    return withDeadline(sender.send(delivery, { signal }), signal);
  }

  const details = (delivery: ClaimedDelivery) => ({
    deliveryId: delivery.id,
    tenantId: delivery.tenantId,
    channel: delivery.channel,
    kind: delivery.kind,
  });

  /** Records a send. Any attempt's success counts, even one whose lease another worker took over. */
  async function recordSent(delivery: ClaimedDelivery, receipt: DeliveryReceipt, now: Date | undefined) {
    const access = { actorUserId: null, action: 'delivery.sent', details: details(delivery) };
    await db.withPlatform(access, (tx) =>
      tx
        .update(deliveries)
        .set({
          status: 'sent',
          sentAt: clock(now),
          externalId: receipt.externalId,
          lastError: null,
          response: receipt.response ?? null,
        })
        .where(and(eq(deliveries.id, delivery.id), eq(deliveries.status, 'pending'))),
    );
  }

  /** Records a failed attempt, only while the row is still this attempt's (not sent, not re-claimed). */
  async function recordFailure(
    delivery: ClaimedDelivery,
    failure: Failure,
    now: Date | undefined,
  ): Promise<'retried' | 'failed'> {
    const outcome = !failure.hold && (failure.permanent || delivery.attempts >= maxAttempts) ? 'failed' : 'retried';
    const access = {
      actorUserId: null,
      action: outcome === 'failed' ? 'delivery.failed' : 'delivery.attempt_failed',
      details: { ...details(delivery), attempt: delivery.attempts },
    };
    // The channel's own word (Telegram's retry_after) beats our guess.
    const wait = failure.retryAfterMs ?? backoff(delivery.attempts);
    await db.withPlatform(access, (tx) =>
      tx
        .update(deliveries)
        .set({
          lastError: failure.error,
          ...(failure.response !== undefined ? { response: failure.response } : {}),
          ...(failure.hold ? { attempts: sql`${deliveries.attempts} - 1` } : {}),
          ...(outcome === 'failed' ? { status: 'failed' as const } : { nextAttemptAt: after(now, wait) }),
        })
        .where(
          and(
            eq(deliveries.id, delivery.id),
            eq(deliveries.status, 'pending'),
            eq(deliveries.attempts, delivery.attempts),
          ),
        ),
    );
    return outcome;
  }

  async function deliver(delivery: ClaimedDelivery, now: Date | undefined, run: OutboxRun): Promise<void> {
    const context = { ...details(delivery), attempt: delivery.attempts };
    let result: DeliveryReceipt | Failure;
    try {
      result = await attempt(delivery);
    } catch (error) {
      result =
        error instanceof DeliveryError
          ? {
              error: errorText(error),
              retryAfterMs: error.retryAfterMs,
              permanent: error.permanent,
              hold: error.hold,
              response: error.response,
            }
          : { error: errorText(error) };
    }
    try {
      if ('externalId' in result) {
        await recordSent(delivery, result, now);
        run.sent += 1;
        log.info(context, 'delivery sent');
      } else {
        const outcome = await recordFailure(delivery, result, now);
        run[outcome] += 1;
        if (outcome === 'failed') log.error({ ...context, error: result.error }, 'delivery failed for good');
        else log.warn({ ...context, error: result.error }, 'delivery not sent; it will be retried');
      }
    } catch (error) {
      // The row keeps its lease and comes back when it runs out.
      log.error({ ...context, err: error }, 'could not record the outcome of a delivery');
    }
  }

  async function drain(now: Date | undefined): Promise<OutboxRun> {
    const run: OutboxRun = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const { claimed, abandoned } = await claim(now);
      run.failed += abandoned;
      if (abandoned > 0) log.error({ count: abandoned }, 'deliveries failed: their last attempt never finished');
      for (const delivery of claimed) await deliver(delivery, now, run);
      if (claimed.length + abandoned < batchSize || periodic.stopping) return run;
    }
  }

  // One run at a time per worker; other instances are kept apart by the claim.
  let queue: Promise<unknown> = Promise.resolve();
  const runOnce = (now?: Date): Promise<OutboxRun> => {
    const run = queue.then(() => drain(now));
    queue = run.catch(() => {});
    return run;
  };

  const periodic = createPeriodic({
    run: () => runOnce(),
    intervalMs: pollIntervalMs,
    onError: (error) => log.error({ err: error }, 'outbox run failed'),
  });

  return {
    start: periodic.start,
    async stop() {
      await periodic.stop();
      await queue;
    },
    kick: periodic.kick,
    runOnce,
  };
}
