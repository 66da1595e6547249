// What the company's bot does with a message it receives, from long polling or the webhook alike:
// `/start <code>` links the chat to the member who made the code; a reply to an alert goes to
// that alert's dialog as the member's message (taking the dialog over); anything else gets a hint.
//
// An update is handled once: its transaction moves the bot's offset past it, and an update the
// offset has passed is skipped, so neither a poll repeated after a crash nor a webhook Telegram
// delivers again sends the visitor a message twice. The bot's answer goes after the commit.
import { and, eq, lte } from 'drizzle-orm';
import { telegramMemberContext } from '../../context.ts';
import type { Database, Tx } from '../../db/database.ts';
import { telegramAlerts, telegramBots } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { ChatEvent, ChatEvents } from '../chat/events.ts';
import { sendOperatorMessage } from '../dialogs/service.ts';
import type { BotApi, TelegramMessage, TelegramUpdate } from './botApi.ts';
import { chatLink, linkChat, telegramNameOf } from './service.ts';

export interface UpdateDeps {
  db: Database;
  events: ChatEvents;
  log: { warn(object: object, message: string): void };
}

/** The longest manager's message, as in the admin's composer. */
const MAX_REPLY_LENGTH = 4000;

export const BOT_TEXT = {
  linked: (memberName: string) =>
    `Готово, ${memberName}! Сюда будут приходить новые заявки и просьбы посетителей позвать менеджера. ` +
    'Чтобы ответить посетителю, ответьте на уведомление.',
  codeInvalid: 'Ссылка устарела или уже использована. Откройте «Уведомления» в профиле AI Max и получите новую ссылку.',
  startWithoutCode:
    'Это бот уведомлений AI Max. Чтобы получать заявки, откройте ссылку привязки из профиля в панели AI Max («Уведомления»).',
  notLinked: 'Этот чат не привязан к сотруднику компании. Откройте ссылку привязки из профиля в панели AI Max.',
  noAlert:
    'Не нашёл диалог для этого сообщения. Ответить посетителю можно, ответив на уведомление о заявке или о просьбе позвать менеджера.',
  hint: 'Чтобы ответить посетителю, ответьте (Reply) на уведомление о его диалоге.',
  textOnly: 'Посетителю можно отправить только текст.',
  tooLong: `Сообщение длиннее ${MAX_REPLY_LENGTH} символов — сократите его, пожалуйста.`,
  sent: 'Отправлено посетителю ✓',
} as const;

interface Outcome {
  reply: string | null;
  publish: { sessionId: string; events: ChatEvent[] } | null;
}

const answer = (reply: string | null): Outcome => ({ reply, publish: null });

async function replyToAlert(
  tx: Tx,
  tenantId: string,
  message: TelegramMessage,
  original: TelegramMessage,
): Promise<Outcome> {
  const link = await chatLink(tx, tenantId, message.chat.id);
  if (!link) return answer(BOT_TEXT.notLinked);
  const [alert] = await tx
    .select({ sessionId: telegramAlerts.sessionId })
    .from(telegramAlerts)
    .where(
      and(
        eq(telegramAlerts.tenantId, tenantId),
        eq(telegramAlerts.chatId, message.chat.id),
        eq(telegramAlerts.messageId, original.message_id),
      ),
    );
  if (!alert) return answer(BOT_TEXT.noAlert);
  const text = message.text?.trim() ?? '';
  if (!text) return answer(BOT_TEXT.textOnly);
  if (text.length > MAX_REPLY_LENGTH) return answer(BOT_TEXT.tooLong);
  const ctx = telegramMemberContext({ tenantId, userId: link.userId, chatRowId: link.id });
  try {
    // A savepoint: a refusal (held by another manager, closed) leaves nothing behind but the offset.
    const sent = await tx.transaction((sp) => sendOperatorMessage(sp, ctx, { dialogId: alert.sessionId, text }));
    return { reply: BOT_TEXT.sent, publish: { sessionId: alert.sessionId, events: sent.events } };
  } catch (error) {
    if (error instanceof AppError) return answer(error.message);
    throw error;
  }
}

async function decide(tx: Tx, tenantId: string, message: TelegramMessage): Promise<Outcome> {
  const text = message.text ?? '';
  const start = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/.exec(text);
  if (start) {
    const code = start[1];
    if (!code) return answer(BOT_TEXT.startWithoutCode);
    const linked = await linkChat(tx, {
      tenantId,
      code,
      chatId: message.chat.id,
      telegramName: telegramNameOf(message.from ?? message.chat),
    });
    return answer(linked ? BOT_TEXT.linked(linked.memberName) : BOT_TEXT.codeInvalid);
  }
  if (message.reply_to_message) return replyToAlert(tx, tenantId, message, message.reply_to_message);
  return answer((await chatLink(tx, tenantId, message.chat.id)) ? BOT_TEXT.hint : BOT_TEXT.notLinked);
}

/**
 * Handles one update of a tenant's bot. Returns false when the update was handled before. Throws
 * only when it could not be handled at all (the database is down): the offset stays, so it comes again.
 */
export async function handleUpdate(
  deps: UpdateDeps,
  tenantId: string,
  api: BotApi,
  update: TelegramUpdate,
): Promise<boolean> {
  const outcome = await deps.db.withTenant(tenantId, async (tx) => {
    const claimed = await tx
      .update(telegramBots)
      .set({ updateOffset: update.update_id + 1 })
      .where(and(eq(telegramBots.tenantId, tenantId), lte(telegramBots.updateOffset, update.update_id)))
      .returning({ tenantId: telegramBots.tenantId });
    if (claimed.length === 0) return null;
    const message = update.message;
    // Only private chats with a member; groups and channels the bot was added to are not ours to answer.
    if (message?.chat.type !== 'private') return answer(null);
    return decide(tx, tenantId, message);
  });
  if (!outcome) return false;

  if (outcome.publish) {
    const { sessionId, events } = outcome.publish;
    for (const event of events) deps.events.publish({ tenantId, sessionId }, event);
  }
  const chatId = update.message?.chat.id;
  if (outcome.reply && chatId !== undefined) {
    await api
      .sendMessage({ chat_id: chatId, text: outcome.reply, reply_parameters: replyTo(update.message) })
      .catch((error: unknown) => deps.log.warn({ err: error, tenantId }, 'the bot could not answer in Telegram'));
  }
  return true;
}

const replyTo = (message: TelegramMessage | undefined) =>
  message ? { message_id: message.message_id, allow_sending_without_reply: true } : undefined;
