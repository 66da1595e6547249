// The company's dialogs as its managers work them: the list with its filters, one dialog with
// everything known about the visitor, and a manager's own messages, which take the dialog over.
import { and, asc, count, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { TenantContext } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { chatSessions, DIALOG_STATES, dialogEvents, leads, messages, users } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { escapeLike } from '../../lib/like.ts';
import { getWidgetSettings } from '../branding/service.ts';
import type { ChatEvent } from '../chat/events.ts';
import type { MessageView } from '../chat/schemas.ts';
import { appendMessages, listMessages } from '../chat/service.ts';
import { answeredQuestions, answerOf, enabledSteps, funnelOf, nextStep } from '../funnel/funnel.ts';
import { computeEstimate } from '../funnel/pricing.ts';
import type { Answers, ContactsAnswer, FunnelConfig } from '../funnel/schemas.ts';
import { funnelOfSession } from '../funnel/versions.ts';
import type { DialogListQuery, DialogStateCounts, DialogSummaryView, DialogView } from './schemas.ts';
import { changeDialogState, type DialogActor } from './state.ts';

const PREVIEW_LENGTH = 140;

// What was last said: a notice of who joined is not a message to preview.
const lastMessage = sql<{ role: MessageView['role']; content: string; createdAt: string } | null>`(
  select json_build_object('role', m.role, 'content', left(m.content, ${PREVIEW_LENGTH}), 'createdAt', m.created_at)
  from ${messages} m
  where m.session_id = ${chatSessions.id} and m.tenant_id = ${chatSessions.tenantId} and m.kind <> 'notice'
  order by m.seq desc limit 1
)`;

const summaryColumns = {
  id: chatSessions.id,
  state: chatSessions.dialogState,
  operatorId: chatSessions.operatorId,
  operatorName: users.name,
  answers: chatSessions.answers,
  lastMessage,
  leadId: leads.id,
  createdAt: chatSessions.createdAt,
  updatedAt: chatSessions.updatedAt,
};

type SummaryRow = {
  id: string;
  state: DialogSummaryView['state'];
  operatorId: string | null;
  operatorName: string | null;
  answers: Record<string, unknown>;
  lastMessage: { role: MessageView['role']; content: string; createdAt: string } | null;
  leadId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function summaryOf(row: SummaryRow, config: FunnelConfig): DialogSummaryView {
  const answers = row.answers as Answers;
  const contacts: ContactsAnswer | undefined = answers.contacts;
  const steps = enabledSteps(config);
  return {
    id: row.id,
    state: row.state,
    operator: row.state === 'operator' && row.operatorId ? { id: row.operatorId, name: row.operatorName ?? '' } : null,
    visitorName: contacts?.name ?? null,
    visitorPhone: contacts?.phone ?? null,
    progress: { answered: steps.filter((id) => answerOf(answers, id) !== undefined).length, total: steps.length },
    lastMessage: row.lastMessage && {
      ...row.lastMessage,
      createdAt: new Date(row.lastMessage.createdAt).toISOString(),
    },
    leadId: row.leadId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const summaries = (tx: Tx) =>
  tx
    .select(summaryColumns)
    .from(chatSessions)
    .leftJoin(users, eq(users.id, chatSessions.operatorId))
    .leftJoin(leads, eq(leads.sessionId, chatSessions.id));

/** The filters as a condition on the tenant's own dialogs; `state` left out when asked. */
function filterOf(
  ctx: TenantContext,
  query: DialogListQuery,
  timezone: string,
  options: { withState: boolean },
): SQL | undefined {
  if (query.from && query.to && query.from > query.to) {
    throw new AppError('DIALOG_PERIOD_INVALID', { fields: { to: 'Дата «по» раньше даты «с»' } });
  }
  const day = (date: string) => sql`(${date}::date::timestamp at time zone ${timezone})`;
  const search = query.q?.trim();
  const pattern = search ? `%${escapeLike(search)}%` : undefined;
  const digits = search?.replace(/\D/g, '') ?? '';
  return and(
    eq(chatSessions.tenantId, ctx.tenantId),
    options.withState && query.state ? eq(chatSessions.dialogState, query.state) : undefined,
    query.from ? sql`${chatSessions.updatedAt} >= ${day(query.from)}` : undefined,
    query.to ? sql`${chatSessions.updatedAt} < ${day(query.to)} + interval '1 day'` : undefined,
    pattern
      ? or(
          sql`${chatSessions.answers} -> 'contacts' ->> 'name' ilike ${pattern}`,
          // Phones are stored as +79161234567; «916 123-45-67» finds them by digits.
          digits.length >= 3 ? sql`${chatSessions.answers} -> 'contacts' ->> 'phone' like ${`%${digits}%`}` : undefined,
          // What was said, not the notices of who joined.
          sql`exists (select 1 from ${messages} m where m.session_id = ${chatSessions.id}
                      and m.tenant_id = ${chatSessions.tenantId} and m.kind <> 'notice' and m.content ilike ${pattern})`,
        )
      : undefined,
  );
}

/** A page of the filtered dialogs, the latest activity first, their number, and counts per state. */
export async function listDialogs(
  tx: Tx,
  ctx: TenantContext,
  query: DialogListQuery,
): Promise<{ dialogs: DialogSummaryView[]; total: number; counts: DialogStateCounts }> {
  const settings = await getWidgetSettings(tx, ctx.tenantId);
  const config = funnelOf(settings);
  const where = filterOf(ctx, query, settings.timezone, { withState: true });
  const rows = await summaries(tx)
    .where(where)
    .orderBy(desc(chatSessions.updatedAt), desc(chatSessions.id))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await tx.select({ value: count() }).from(chatSessions).where(where);
  const perState = await tx
    .select({ state: chatSessions.dialogState, value: count() })
    .from(chatSessions)
    .where(filterOf(ctx, query, settings.timezone, { withState: false }))
    .groupBy(chatSessions.dialogState);
  const counts = Object.fromEntries(DIALOG_STATES.map((state) => [state, 0])) as DialogStateCounts;
  for (const row of perState) counts[row.state] = row.value;
  return { dialogs: rows.map((row) => summaryOf(row, config)), total: total?.value ?? 0, counts };
}

/** One dialog as the list shows it, for the inbox's live updates. */
export async function getDialogSummary(tx: Tx, ctx: TenantContext, dialogId: string): Promise<DialogSummaryView> {
  const [row] = await summaries(tx).where(and(eq(chatSessions.tenantId, ctx.tenantId), eq(chatSessions.id, dialogId)));
  if (!row) throw new AppError('DIALOG_NOT_FOUND');
  return summaryOf(row, funnelOf(await getWidgetSettings(tx, ctx.tenantId)));
}

/** One dialog with its transcript, the funnel's answers and estimate, its source, lead and timeline. */
export async function getDialog(tx: Tx, ctx: TenantContext, dialogId: string): Promise<DialogView> {
  const [row] = await summaries(tx).where(and(eq(chatSessions.tenantId, ctx.tenantId), eq(chatSessions.id, dialogId)));
  if (!row) throw new AppError('DIALOG_NOT_FOUND');
  const settings = await getWidgetSettings(tx, ctx.tenantId);
  const [session] = await tx
    .select({
      pageUrl: chatSessions.pageUrl,
      referrer: chatSessions.referrer,
      utm: chatSessions.utm,
      funnelVersion: chatSessions.funnelVersion,
    })
    .from(chatSessions)
    .where(and(eq(chatSessions.tenantId, ctx.tenantId), eq(chatSessions.id, dialogId)));
  // The dialog's answers are read with the funnel version that asked them.
  const config = session
    ? await funnelOfSession(tx, settings, { tenantId: ctx.tenantId, funnelVersion: session.funnelVersion })
    : funnelOf(settings);
  const [lead] = await tx
    .select({ id: leads.id, status: leads.status, estimate: leads.estimate })
    .from(leads)
    .where(and(eq(leads.tenantId, ctx.tenantId), eq(leads.sessionId, dialogId)));
  const timeline = await tx
    .select({
      id: dialogEvents.id,
      kind: dialogEvents.kind,
      fromState: dialogEvents.fromState,
      toState: dialogEvents.toState,
      actorName: dialogEvents.actorName,
      createdAt: dialogEvents.createdAt,
    })
    .from(dialogEvents)
    .where(and(eq(dialogEvents.tenantId, ctx.tenantId), eq(dialogEvents.sessionId, dialogId)))
    .orderBy(asc(dialogEvents.createdAt), asc(dialogEvents.id));
  const answers = row.answers as Answers;
  const complete = nextStep(config, answers) === null;
  return {
    dialog: summaryOf(row, config),
    messages: await listMessages(tx, { tenantId: ctx.tenantId, sessionId: dialogId, limit: 2000 }),
    answers: answeredQuestions(config, answers),
    // The lead keeps the estimate the visitor was shown, even if the prices changed since.
    estimate: lead ? (lead.estimate as DialogView['estimate']) : complete ? computeEstimate(config, answers) : null,
    source: { pageUrl: session?.pageUrl ?? null, referrer: session?.referrer ?? null, utm: session?.utm ?? {} },
    lead: lead ? { id: lead.id, status: lead.status } : null,
    timeline: timeline.map((event) => ({ ...event, createdAt: event.createdAt.toISOString() })),
  };
}

/** The member as a dialog shows them: their name, or their email while they have none. */
export async function actorOf(tx: Tx, ctx: TenantContext): Promise<DialogActor> {
  const [member] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, ctx.tenantId), eq(users.id, ctx.actorId)));
  if (!member) throw new AppError('UNAUTHENTICATED');
  return { id: ctx.actorId, name: member.name || member.email };
}

/**
 * A manager's message to the visitor. Writing takes the dialog when the AI has it or it waits
 * for a manager; one another manager holds is refused (DIALOG_HELD), and a closed one too. A
 * manager's messages are never limited by the plan.
 */
export async function sendOperatorMessage(
  tx: Tx,
  ctx: TenantContext,
  input: { dialogId: string; text: string },
): Promise<{ message: MessageView; events: ChatEvent[] }> {
  const actor = await actorOf(tx, ctx);
  const taken = await changeDialogState(tx, {
    tenantId: ctx.tenantId,
    sessionId: input.dialogId,
    actor,
    action: { kind: 'take', force: false },
  });
  const [message] = await appendMessages(tx, {
    tenantId: ctx.tenantId,
    sessionId: input.dialogId,
    messages: [
      {
        role: 'operator',
        kind: 'text',
        content: input.text.trim(),
        data: { operatorId: actor.id, operatorName: actor.name },
      },
    ],
  });
  if (!message) throw new Error('sendOperatorMessage: the message was not stored');
  return { message, events: [...taken.events, { type: 'message', message }] };
}
