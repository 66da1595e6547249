// What the company's bot tells the linked chats: a new lead, a visitor asking for a manager, and
// (when the owner wants it) every new dialog. Each alert is a delivery per chat, queued in the
// transaction of the change, so it goes exactly when the change committed; the message is built
// here, escaped for parse_mode HTML and kept within Telegram's 4096 characters.
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { chatSessions, messages, telegramBots, tenants } from '../../db/schema.ts';
import { formatPhone } from '../../lib/phone.ts';
import { enqueueDelivery } from '../deliveries/outbox.ts';
import { blockquote, bold, buildHtmlMessage, link, type Part, userText } from './format.ts';
import { activeChats } from './service.ts';

/** What a Telegram delivery's row carries. */
export interface TelegramPayload {
  chatId: number;
  text: string;
  parseMode: 'HTML';
  /** The dialog the alert is about: a reply to it goes to this dialog. */
  sessionId: string | null;
}

export const dialogUrl = (publicUrl: string, sessionId: string) => `${publicUrl}/admin/dialogs/${sessionId}`;

const REPLY_HINT = 'Ответьте на это сообщение — ответ уйдёт посетителю в чат от вашего имени.';

/** Queues one message to every active chat; returns how many, so the caller knows to kick the outbox. */
async function queueToChats(
  tx: Tx,
  options: { tenantId: string; kind: string; key: string; parts: Part[]; sessionId: string | null },
): Promise<number> {
  const chats = await activeChats(tx, options.tenantId);
  if (chats.length === 0) return 0;
  const { text, parse_mode } = buildHtmlMessage(options.parts);
  for (const chat of chats) {
    const payload: TelegramPayload = { chatId: chat.chatId, text, parseMode: parse_mode, sessionId: options.sessionId };
    await enqueueDelivery(tx, {
      tenantId: options.tenantId,
      channel: 'telegram',
      kind: options.kind,
      dedupeKey: `tg:${options.kind}:${options.key}:${chat.id}`,
      recipient: chat.telegramName,
      payload: { ...payload },
    });
  }
  return chats.length;
}

async function companyName(tx: Tx, tenantId: string): Promise<string> {
  const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return tenant?.name ?? '';
}

const contactLines = (contacts: { name?: string; phone?: string } | undefined): Part[] =>
  [
    contacts?.name ? ['Имя: ', userText(contacts.name), '\n'] : [],
    contacts?.phone ? ['Телефон: ', formatPhone(contacts.phone), '\n'] : [],
  ].flat();

export async function queueLeadAlerts(
  tx: Tx,
  options: {
    tenantId: string;
    sessionId: string;
    leadId: string;
    name: string;
    phone: string;
    answers: { question: string; answer: string }[];
    estimate: string;
    publicUrl: string;
  },
): Promise<number> {
  const parts: Part[] = [
    bold('Новая заявка'),
    ` — ${await companyName(tx, options.tenantId)}\n\n`,
    ...contactLines({ name: options.name, phone: options.phone }),
    ...(options.answers.length > 0 ? ['\n'] : []),
    ...options.answers.flatMap((item): Part[] => [`${item.question}: `, userText(item.answer), '\n']),
    '\nСмета: ',
    bold(options.estimate),
    '\n\n',
    link(dialogUrl(options.publicUrl, options.sessionId), 'Открыть диалог'),
    '\n',
    REPLY_HINT,
  ];
  return queueToChats(tx, {
    tenantId: options.tenantId,
    kind: 'lead_new',
    key: options.leadId,
    parts,
    sessionId: options.sessionId,
  });
}

/** The visitor asked for a person: their last words, who they are if known, and how to answer. */
export async function queueHandoffAlerts(
  tx: Tx,
  options: { tenantId: string; sessionId: string; publicUrl: string },
): Promise<number> {
  const [session] = await tx
    .select({ answers: chatSessions.answers, pageUrl: chatSessions.pageUrl })
    .from(chatSessions)
    .where(and(eq(chatSessions.tenantId, options.tenantId), eq(chatSessions.id, options.sessionId)));
  const [last] = await tx
    .select({ content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, options.tenantId),
        eq(messages.sessionId, options.sessionId),
        eq(messages.role, 'visitor'),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(1);
  const contacts = session?.answers.contacts as { name?: string; phone?: string } | undefined;
  const parts: Part[] = [
    bold('Посетитель просит менеджера'),
    ` — ${await companyName(tx, options.tenantId)}\n\n`,
    ...contactLines(contacts),
    ...(last?.content ? [blockquote(userText(last.content)), '\n'] : []),
    ...(session?.pageUrl ? ['Страница: ', userText(session.pageUrl), '\n'] : []),
    '\n',
    link(dialogUrl(options.publicUrl, options.sessionId), 'Открыть диалог'),
    '\n',
    REPLY_HINT,
  ];
  return queueToChats(tx, {
    tenantId: options.tenantId,
    kind: 'handoff',
    // Each request is its own alert: the state change that makes it happens once.
    key: `${options.sessionId}:${randomUUID()}`,
    parts,
    sessionId: options.sessionId,
  });
}

/** A new dialog, when the owner turned that on. */
export async function queueNewDialogAlerts(
  tx: Tx,
  options: { tenantId: string; sessionId: string; pageUrl: string | null; publicUrl: string },
): Promise<number> {
  const [bot] = await tx
    .select({ notifyNewDialogs: telegramBots.notifyNewDialogs })
    .from(telegramBots)
    .where(eq(telegramBots.tenantId, options.tenantId));
  if (!bot?.notifyNewDialogs) return 0;
  const parts: Part[] = [
    bold('Новый диалог'),
    ` — ${await companyName(tx, options.tenantId)}\n`,
    ...(options.pageUrl ? ['Страница: ', userText(options.pageUrl), '\n'] : []),
    '\n',
    link(dialogUrl(options.publicUrl, options.sessionId), 'Открыть диалог'),
  ];
  return queueToChats(tx, {
    tenantId: options.tenantId,
    kind: 'dialog_new',
    key: options.sessionId,
    parts,
    sessionId: options.sessionId,
  });
}
