// Chat sessions and their messages. Every message gets the next sequence number of its session in
// the transaction that stores it; the number orders the transcript and names the SSE event.
import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { chatSessions, type DialogState, type MessageKind, type MessageRole, messages } from '../../db/schema.ts';
import { hashToken, randomToken } from '../auth/sessions.ts';
import type { MessageView } from './schemas.ts';

export interface NewMessage {
  role: MessageRole;
  kind: MessageKind;
  content: string;
  data?: Record<string, unknown>;
  model?: string | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
}

export interface ChatSession {
  id: string;
  tenantId: string;
  visitorId: string;
  status: 'active' | 'completed';
  answers: Record<string, unknown>;
  pageUrl: string | null;
  utm: Record<string, string>;
  lastSeq: number;
  limited: boolean;
  dialogState: DialogState;
  /** The funnel version the session is asked from; null: the default funnel. */
  funnelVersion: number | null;
}

const sessionColumns = {
  id: chatSessions.id,
  tenantId: chatSessions.tenantId,
  visitorId: chatSessions.visitorId,
  status: chatSessions.status,
  answers: chatSessions.answers,
  pageUrl: chatSessions.pageUrl,
  utm: chatSessions.utm,
  lastSeq: chatSessions.lastSeq,
  limited: chatSessions.limited,
  dialogState: chatSessions.dialogState,
  funnelVersion: chatSessions.funnelVersion,
};

const messageColumns = {
  id: messages.id,
  seq: messages.seq,
  role: messages.role,
  kind: messages.kind,
  content: messages.content,
  data: messages.data,
  createdAt: messages.createdAt,
};

export const toMessageView = (row: {
  id: string;
  seq: number;
  role: MessageRole;
  kind: MessageKind;
  content: string;
  data: Record<string, unknown>;
  createdAt: Date;
}): MessageView => ({ ...row, createdAt: row.createdAt.toISOString() });

export async function createSession(
  tx: Tx,
  options: {
    tenantId: string;
    visitorId: string;
    pageUrl: string | null;
    referrer: string | null;
    utm: Record<string, string>;
    /** Past the plan's session limit: no AI replies. */
    limited: boolean;
    funnelVersion: number | null;
  },
): Promise<{ session: ChatSession; token: string }> {
  const token = randomToken();
  const [session] = await tx
    .insert(chatSessions)
    .values({ ...options, tokenHash: hashToken(token) })
    .returning(sessionColumns);
  if (!session) throw new Error('createSession: insert returned no row');
  return { session, token };
}

/** The session a widget token opens, or null; `lock` holds it for this transaction. */
export async function findSession(
  tx: Tx,
  options: { tenantId: string; sessionId?: string; token: string; lock?: boolean },
): Promise<ChatSession | null> {
  const query = tx
    .select(sessionColumns)
    .from(chatSessions)
    .where(
      and(
        eq(chatSessions.tenantId, options.tenantId),
        eq(chatSessions.tokenHash, hashToken(options.token)),
        options.sessionId ? eq(chatSessions.id, options.sessionId) : undefined,
      ),
    )
    .limit(1);
  const [session] = options.lock ? await query.for('update') : await query;
  return session ?? null;
}

export async function updateSession(
  tx: Tx,
  options: { tenantId: string; sessionId: string; answers?: Record<string, unknown>; status?: 'completed' },
): Promise<void> {
  await tx
    .update(chatSessions)
    .set({
      ...(options.answers ? { answers: options.answers } : {}),
      ...(options.status ? { status: options.status } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(chatSessions.tenantId, options.tenantId), eq(chatSessions.id, options.sessionId)));
}

/** Stores messages at the end of the session's transcript, numbered in order. */
export async function appendMessages(
  tx: Tx,
  options: { tenantId: string; sessionId: string; messages: NewMessage[] },
): Promise<MessageView[]> {
  if (options.messages.length === 0) return [];
  const [counter] = await tx
    .update(chatSessions)
    .set({ lastSeq: sql`${chatSessions.lastSeq} + ${options.messages.length}`, updatedAt: sql`now()` })
    .where(and(eq(chatSessions.tenantId, options.tenantId), eq(chatSessions.id, options.sessionId)))
    .returning({ lastSeq: chatSessions.lastSeq });
  if (!counter) throw new Error('appendMessages: the session is not visible');
  const first = counter.lastSeq - options.messages.length + 1;
  const rows = await tx
    .insert(messages)
    .values(
      options.messages.map((message, index) => ({
        tenantId: options.tenantId,
        sessionId: options.sessionId,
        seq: first + index,
        role: message.role,
        kind: message.kind,
        content: message.content,
        data: message.data ?? {},
        model: message.model ?? null,
        promptTokens: message.promptTokens ?? null,
        completionTokens: message.completionTokens ?? null,
      })),
    )
    .returning(messageColumns);
  return rows.sort((a, b) => a.seq - b.seq).map(toMessageView);
}

/** The transcript after `afterSeq` (all of it for 0), in order. */
export async function listMessages(
  tx: Tx,
  options: { tenantId: string; sessionId: string; afterSeq?: number; limit?: number },
): Promise<MessageView[]> {
  const rows = await tx
    .select(messageColumns)
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, options.tenantId),
        eq(messages.sessionId, options.sessionId),
        gt(messages.seq, options.afterSeq ?? 0),
      ),
    )
    .orderBy(asc(messages.seq))
    .limit(options.limit ?? 500);
  return rows.map(toMessageView);
}

/** The last free-form messages before `beforeSeq`, oldest first: what the AI is shown. */
export async function recentConversation(
  tx: Tx,
  options: { tenantId: string; sessionId: string; beforeSeq: number; limit: number },
): Promise<{ role: MessageRole; content: string }[]> {
  const rows = await tx
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, options.tenantId),
        eq(messages.sessionId, options.sessionId),
        eq(messages.kind, 'text'),
        lt(messages.seq, options.beforeSeq),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(options.limit);
  return rows.reverse();
}
