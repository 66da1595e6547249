// Who answers a visitor, as one state machine on the session:
//
//   ai ──request──▶ waiting_operator ──take──▶ operator ──return──▶ ai
//    └──────────────────take──────────────────▶    │
//   any ──close──▶ closed ──visitor writes──▶ ai   └─take (forced, «Забрать себе»)─▶ operator
//   waiting_operator ──time out (nobody took it in time, or outside working hours)──▶ ai
//
// A change is one conditional UPDATE (the states it may come from, and for a held dialog who holds
// it), so of two managers taking a dialog at once exactly one gets it, and the other is told who
// did. Each change writes its timeline row and the notice the visitor reads, in the caller's
// transaction; the caller publishes the returned events after the commit.
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { chatSessions, type DialogEventKind, type DialogState, dialogEvents, users } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { ChatEvent } from '../chat/events.ts';
import { appendMessages } from '../chat/service.ts';

/** A member acting on a dialog; the visitor acts as `null`. */
export interface DialogActor {
  id: string;
  name: string;
}

export type DialogAction =
  /**
   * The visitor asks for a person (the widget's button, or words like «позовите менеджера»).
   * `silent`: no notice of its own, when the time-out that follows at once tells the visitor more.
   */
  | { kind: 'request_operator'; silent?: boolean }
  /** Nobody took the waiting dialog in time: the AI answers again; `notice` says when a manager will. */
  | { kind: 'time_out'; notice: string }
  /** A member takes the dialog; `force` takes it from the member who holds it. */
  | { kind: 'take'; force: boolean }
  /** The member holding it hands it back to the AI. */
  | { kind: 'return' }
  | { kind: 'close' }
  /** The visitor writes in a closed dialog, which opens it again with the AI. */
  | { kind: 'reopen' };

export interface DialogStatus {
  state: DialogState;
  operator: DialogActor | null;
}

export interface DialogChange extends DialogStatus {
  /** False when the dialog already was where the action leads (taking one's own dialog again). */
  changed: boolean;
  /** For the session's stream, in order: the visitor's notice, then the new state. */
  events: ChatEvent[];
}

interface Transition {
  kind: DialogEventKind;
  from: DialogState[];
  to: DialogState;
  /** Whether the dialog may be held by someone else than the actor. */
  fromAnyHolder: boolean;
}

function transitionOf(action: DialogAction): Transition {
  switch (action.kind) {
    case 'request_operator':
      return { kind: 'operator_requested', from: ['ai', 'closed'], to: 'waiting_operator', fromAnyHolder: false };
    case 'take':
      return {
        kind: 'taken',
        from: ['ai', 'waiting_operator', 'operator'],
        to: 'operator',
        fromAnyHolder: action.force,
      };
    case 'return':
      return { kind: 'returned', from: ['waiting_operator', 'operator'], to: 'ai', fromAnyHolder: false };
    case 'close':
      return { kind: 'closed', from: ['ai', 'waiting_operator', 'operator'], to: 'closed', fromAnyHolder: false };
    case 'reopen':
      return { kind: 'reopened', from: ['closed'], to: 'ai', fromAnyHolder: false };
    case 'time_out':
      return { kind: 'operator_timeout', from: ['waiting_operator'], to: 'ai', fromAnyHolder: false };
  }
}

/** What the visitor is told of a change; null for changes that need no words. */
function noticeOf(kind: DialogEventKind, actor: DialogActor | null): string | null {
  switch (kind) {
    case 'operator_requested':
      return 'Позвали менеджера — он подключится к диалогу. А пока можно продолжить расчёт.';
    case 'taken':
    case 'taken_over':
      return `Менеджер ${actor?.name || 'компании'} подключился к диалогу`;
    case 'returned':
      return 'Менеджер передал диалог ассистенту — он ответит на вопросы и поможет с расчётом.';
    case 'closed':
      return 'Диалог завершён. Если появятся вопросы — напишите, мы ответим.';
    case 'reopened':
    // Its words depend on the company's hours and what the visitor left: the action carries them.
    case 'operator_timeout':
      return null;
  }
}

/** A time-out brings its own words; a silent request leaves them to the time-out that follows. */
function noticeFor(action: DialogAction, kind: DialogEventKind, actor: DialogActor | null): string | null {
  if (action.kind === 'time_out') return action.notice;
  if (action.kind === 'request_operator' && action.silent) return null;
  return noticeOf(kind, actor);
}

/** The dialog's state and who holds it; throws DIALOG_NOT_FOUND when it is not the tenant's. */
export async function dialogStatus(
  tx: Tx,
  options: { tenantId: string; sessionId: string },
): Promise<DialogStatus & { operatorId: string | null }> {
  const [row] = await tx
    .select({ state: chatSessions.dialogState, operatorId: chatSessions.operatorId, operatorName: users.name })
    .from(chatSessions)
    .leftJoin(users, eq(users.id, chatSessions.operatorId))
    .where(and(eq(chatSessions.tenantId, options.tenantId), eq(chatSessions.id, options.sessionId)));
  if (!row) throw new AppError('DIALOG_NOT_FOUND');
  return {
    state: row.state,
    operatorId: row.operatorId,
    operator: row.operatorId ? { id: row.operatorId, name: row.operatorName ?? '' } : null,
  };
}

/**
 * Moves the dialog on, or explains why not: DIALOG_CLOSED for a closed dialog a member acts on,
 * DIALOG_HELD (naming the holder) when another member holds it. Actions that leave the dialog as
 * it is (taking one's own, returning one the AI has) change nothing and write nothing. `retry`
 * is set only by the function itself, on its one new try after losing a race.
 */
export async function changeDialogState(
  tx: Tx,
  options: { tenantId: string; sessionId: string; actor: DialogActor | null; action: DialogAction },
  retry = false,
): Promise<DialogChange> {
  const { tenantId, sessionId, actor, action } = options;
  const transition = transitionOf(action);
  const before = await dialogStatus(tx, { tenantId, sessionId });
  const mine = actor !== null && before.operatorId === actor.id;

  if (before.state === transition.to && (transition.to !== 'operator' || mine)) {
    return { ...before, changed: false, events: [] };
  }
  if (!transition.from.includes(before.state)) {
    if (before.state === 'closed') throw new AppError('DIALOG_CLOSED');
    // Asking for a person while one holds the dialog, or closing a closed one: nothing to do.
    return { ...before, changed: false, events: [] };
  }

  // Held by someone else (not by a member since removed): only a forced take or the visitor may move it.
  const heldByOther = before.state === 'operator' && before.operatorId !== null && !mine;
  if (heldByOther && actor !== null && !transition.fromAnyHolder) {
    throw new AppError('DIALOG_HELD', { message: `Диалог ведёт ${before.operator?.name || 'другой менеджер'}` });
  }

  const kind: DialogEventKind = transition.kind === 'taken' && heldByOther ? 'taken_over' : transition.kind;
  const operatorId = transition.to === 'operator' ? (actor?.id ?? null) : null;
  // Exactly the state read above: a change that committed meanwhile makes this update miss.
  const unchanged: SQL | undefined = and(
    eq(chatSessions.dialogState, before.state),
    before.operatorId === null ? isNull(chatSessions.operatorId) : eq(chatSessions.operatorId, before.operatorId),
  );
  const updated = await tx
    .update(chatSessions)
    .set({ dialogState: transition.to, operatorId, dialogStateAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(chatSessions.tenantId, tenantId), eq(chatSessions.id, sessionId), unchanged))
    .returning({ id: chatSessions.id });
  if (updated.length === 0) {
    // Someone else's change won: explain it as it now stands.
    const now = await dialogStatus(tx, { tenantId, sessionId });
    if (now.state === 'closed') throw new AppError('DIALOG_CLOSED');
    if (now.state === 'operator' && now.operatorId !== actor?.id) {
      throw new AppError('DIALOG_HELD', { message: `Диалог ведёт ${now.operator?.name || 'другой менеджер'}` });
    }
    // The winner left the dialog where this action still applies (a wait timed out just before
    // a manager took it): what was asked for is done from there, once.
    if (!retry && transition.from.includes(now.state) && now.state !== before.state) {
      return changeDialogState(tx, options, true);
    }
    return { ...now, changed: false, events: [] };
  }

  await tx.insert(dialogEvents).values({
    tenantId,
    sessionId,
    kind,
    fromState: before.state,
    toState: transition.to,
    actorId: actor?.id ?? null,
    actorName: actor?.name ?? null,
    // The time of the write, not of the transaction: a request and the time-out that follows it
    // in the same transaction (outside working hours) keep their order in the timeline.
    createdAt: sql`clock_timestamp()`,
  });
  const operator = transition.to === 'operator' ? actor : null;
  const events: ChatEvent[] = [];
  const notice = noticeFor(action, kind, actor);
  if (notice) {
    const [message] = await appendMessages(tx, {
      tenantId,
      sessionId,
      messages: [{ role: 'bot', kind: 'notice', content: notice, data: { event: kind, operatorName: operator?.name } }],
    });
    if (message) events.push({ type: 'message', message });
  }
  events.push({ type: 'state', state: transition.to, operator });
  return { state: transition.to, operator, changed: true, events };
}
