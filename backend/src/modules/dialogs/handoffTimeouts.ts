// A visitor who asked for a manager is not left waiting: when nobody takes the dialog within the
// company's time (3 minutes unless the owner set another), or at once when the request comes
// outside the company's working hours, the AI answers again, and the visitor is told when a
// manager will answer and, without a number of theirs yet, asked for one.
//
// Every instance sweeps every few seconds: one query over all companies finds the dialogs that
// waited too long (audited, as platform-wide access is; an empty look leaves no trace), then each
// moves on in its company's own transaction through the state machine. Its conditional update is
// what keeps instances, and a manager taking the dialog at that moment, from both winning: the
// loser sees the dialog already moved and leaves it.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { findPhoneNumbersInText } from 'libphonenumber-js';
import type { Database, Tx } from '../../db/database.ts';
import { chatSessions, leads, messages, tenantBotSettings } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { createPeriodic } from '../../lib/periodic.ts';
import { DEFAULT_HANDOFF_TIMEOUT_SECONDS, getHandoffSettings } from '../branding/service.ts';
import type { ChatEvents } from '../chat/events.ts';
import type { ContactsAnswer } from '../funnel/schemas.ts';
import { changeDialogState, type DialogChange } from './state.ts';
import { isWorkingTime, waitNotice } from './workingHours.ts';

/** Whether the company has a number to call the visitor back on: from the funnel, or typed in the chat. */
export async function visitorLeftPhone(tx: Tx, options: { tenantId: string; sessionId: string }): Promise<boolean> {
  const [session] = await tx
    .select({ answers: chatSessions.answers, leadPhone: leads.phone })
    .from(chatSessions)
    .leftJoin(leads, and(eq(leads.tenantId, chatSessions.tenantId), eq(leads.sessionId, chatSessions.id)))
    .where(and(eq(chatSessions.tenantId, options.tenantId), eq(chatSessions.id, options.sessionId)));
  if (!session) return false;
  const contacts = session.answers.contacts as ContactsAnswer | undefined;
  if (contacts?.phone || session.leadPhone) return true;
  // A number written in a message, such as an answer to an earlier «оставьте номер».
  const said = await tx
    .select({ content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, options.tenantId),
        eq(messages.sessionId, options.sessionId),
        eq(messages.role, 'visitor'),
        eq(messages.kind, 'text'),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(50);
  return said.some((message) => findPhoneNumbersInText(message.content, 'RU').length > 0);
}

/** The time-out of a waiting dialog, with the words its company's hours and the visitor call for. */
async function timeOut(tx: Tx, options: { tenantId: string; sessionId: string; now: Date }): Promise<DialogChange> {
  const { tenantId, sessionId, now } = options;
  const settings = await getHandoffSettings(tx, tenantId);
  const notice = waitNotice({
    hours: settings.workingHours,
    timeZone: settings.timezone,
    now,
    hasPhone: await visitorLeftPhone(tx, { tenantId, sessionId }),
  });
  return changeDialogState(tx, { tenantId, sessionId, actor: null, action: { kind: 'time_out', notice } });
}

/**
 * The visitor asks for a manager. Within working hours the dialog waits for one; outside them it
 * goes back to the AI at once, with a notice saying when a manager will answer. The request is
 * written (and alerts the managers) either way. The caller publishes the events after the commit.
 */
export async function requestOperator(
  tx: Tx,
  options: { tenantId: string; sessionId: string; now?: Date },
): Promise<DialogChange> {
  const { tenantId, sessionId } = options;
  const now = options.now ?? new Date();
  const settings = await getHandoffSettings(tx, tenantId);
  const working = isWorkingTime(settings.workingHours, settings.timezone, now);
  const asked = await changeDialogState(tx, {
    tenantId,
    sessionId,
    actor: null,
    // Outside working hours the time-out's notice is the one the visitor reads.
    action: { kind: 'request_operator', silent: !working },
  });
  if (working || !asked.changed) return asked;
  const back = await timeOut(tx, { tenantId, sessionId, now });
  return { ...back, events: [...asked.events, ...back.events] };
}

export interface HandoffSweepRun {
  /** Dialogs the AI took back. */
  timedOut: number;
  /** Found waiting, but a manager (or another instance) moved them first. */
  skipped: number;
}

interface Log {
  error(object: object, message: string): void;
}

export interface HandoffSweepOptions {
  db: Database;
  events: ChatEvents;
  log: Log;
  /** How often each instance looks for dialogs that waited too long. Default 5 s. */
  intervalMs?: number;
  /** Dialogs moved per look. Default 100. */
  batchSize?: number;
}

export interface HandoffSweep {
  /** Looks every `intervalMs` until stopped; the first look comes at once. */
  start(): void;
  /** Stops looking and waits for the look in flight. */
  stop(): Promise<void>;
  /** Times out what has waited too long at `now` (default: the database's clock). */
  runOnce(now?: Date): Promise<HandoffSweepRun>;
}

// Thrown to roll back a look that found nothing, and with it the audit row withPlatform wrote.
const NOTHING_DUE = Symbol('nothing due');

interface Due {
  tenantId: string;
  sessionId: string;
  stateAt: Date | null;
}

// A dialog moved meanwhile (taken, closed): the time-out lost, which is fine.
const lostRace = (error: unknown) =>
  error instanceof AppError && (error.code === 'DIALOG_HELD' || error.code === 'DIALOG_CLOSED');

export function createHandoffSweep(options: HandoffSweepOptions): HandoffSweep {
  const { db, events, log, intervalMs = 5_000, batchSize = 100 } = options;

  /**
   * Dialogs waiting longer than their company allows, longest first: a look at the few waiting
   * ones through their partial index (`chat_sessions_waiting_idx`), not at all dialogs.
   */
  async function findDue(now: Date | undefined): Promise<Due[]> {
    const clock = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
    const access = {
      actorUserId: null,
      action: 'job.handoff_timeouts',
      details: { now: now?.toISOString() ?? null },
    };
    try {
      return await db.withPlatform(access, async (tx) => {
        const due = await tx
          .select({
            tenantId: chatSessions.tenantId,
            sessionId: chatSessions.id,
            stateAt: chatSessions.dialogStateAt,
          })
          .from(chatSessions)
          .leftJoin(tenantBotSettings, eq(tenantBotSettings.tenantId, chatSessions.tenantId))
          .where(
            and(
              eq(chatSessions.dialogState, 'waiting_operator'),
              sql`${chatSessions.dialogStateAt} <= ${clock} - make_interval(secs => coalesce(${tenantBotSettings.handoffTimeoutSeconds}, ${DEFAULT_HANDOFF_TIMEOUT_SECONDS}))`,
            ),
          )
          .orderBy(asc(chatSessions.dialogStateAt))
          .limit(batchSize);
        if (due.length === 0) throw NOTHING_DUE;
        return due;
      });
    } catch (error) {
      if (error === NOTHING_DUE) return [];
      throw error;
    }
  }

  /** One dialog, in its company's transaction; its events go out after the commit. */
  async function timeOutOne(due: Due, now: Date): Promise<boolean> {
    const change = await db.withTenant(due.tenantId, async (tx) => {
      const [row] = await tx
        .select({ state: chatSessions.dialogState, stateAt: chatSessions.dialogStateAt })
        .from(chatSessions)
        .where(and(eq(chatSessions.tenantId, due.tenantId), eq(chatSessions.id, due.sessionId)))
        .for('update');
      // Still the wait that was found, not one asked for again since.
      if (row?.state !== 'waiting_operator' || row.stateAt?.getTime() !== due.stateAt?.getTime()) return null;
      return timeOut(tx, { tenantId: due.tenantId, sessionId: due.sessionId, now });
    });
    if (!change?.changed) return false;
    for (const event of change.events) events.publish({ tenantId: due.tenantId, sessionId: due.sessionId }, event);
    return true;
  }

  async function sweep(now: Date | undefined): Promise<HandoffSweepRun> {
    const run: HandoffSweepRun = { timedOut: 0, skipped: 0 };
    for (;;) {
      const due = await findDue(now);
      let failed = false;
      for (const dialog of due) {
        try {
          if (await timeOutOne(dialog, now ?? new Date())) run.timedOut += 1;
          else run.skipped += 1;
        } catch (error) {
          if (lostRace(error)) {
            run.skipped += 1;
            continue;
          }
          // It stays waiting and is tried again at the next look.
          failed = true;
          log.error({ err: error, sessionId: dialog.sessionId }, 'could not hand a waiting dialog back to the AI');
        }
      }
      if (due.length < batchSize || failed || periodic.stopping) return run;
    }
  }

  // One look at a time per instance; instances are kept apart by the state machine.
  let queue: Promise<unknown> = Promise.resolve();
  const runOnce = (now?: Date): Promise<HandoffSweepRun> => {
    const run = queue.then(() => sweep(now));
    queue = run.catch(() => {});
    return run;
  };

  const periodic = createPeriodic({
    run: () => runOnce(),
    intervalMs,
    onError: (error) => log.error({ err: error }, 'the look for dialogs waiting too long failed'),
  });

  return {
    start: periodic.start,
    async stop() {
      await periodic.stop();
      await queue;
    },
    runOnce,
  };
}
