// Telegram as a delivery channel: sends a queued alert through the company's bot, remembers which
// dialog the sent message is about (so a reply to it finds the dialog), and turns Telegram's
// answers into what the outbox should do: wait as asked on 429, give up on a chat that blocked
// the bot (and stop writing to it), retry when Telegram could not be reached.
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { telegramAlerts, telegramChats } from '../../db/schema.ts';
import { type DeliveryChannelSender, DeliveryError } from '../deliveries/outbox.ts';
import type { TelegramPayload } from './alerts.ts';
import { TelegramError } from './botApi.ts';
import { botApiOf, botOf, markBlocked, type TelegramDeps } from './service.ts';

/** Why a chat gets nothing more: the member blocked the bot, which only they can undo. */
export const BLOCKED_REASON = 'Сотрудник заблокировал бота в Telegram';

export function telegramChannel(options: {
  db: Database;
  deps: Pick<TelegramDeps, 'key' | 'apiUrl'>;
}): DeliveryChannelSender {
  const { db, deps } = options;
  return {
    async send(delivery, { signal }) {
      const payload = delivery.payload as unknown as TelegramPayload;
      const { bot, chat } = await db.withTenant(delivery.tenantId, async (tx) => {
        const [chat] = await tx
          .select({ id: telegramChats.id })
          .from(telegramChats)
          .where(
            and(
              eq(telegramChats.tenantId, delivery.tenantId),
              eq(telegramChats.chatId, payload.chatId),
              isNull(telegramChats.blockedAt),
            ),
          );
        return { bot: await botOf(tx, delivery.tenantId), chat };
      });
      // The owner reads these in «Журнал доставок».
      if (!bot) throw new DeliveryError('Telegram-бот компании отключён', { permanent: true });
      if (!chat) throw new DeliveryError('Чат отвязан или бот в нём заблокирован', { permanent: true });

      let sent: { message_id: number };
      try {
        sent = await botApiOf(deps, bot.tokenSealed).sendMessage(
          {
            chat_id: payload.chatId,
            text: payload.text,
            parse_mode: payload.parseMode,
            link_preview_options: { is_disabled: true },
          },
          { signal },
        );
      } catch (error) {
        if (!(error instanceof TelegramError)) throw error;
        if (error.isRateLimited) {
          const seconds = error.retryAfter ?? 1;
          throw new DeliveryError(`Telegram попросил подождать ${seconds} с (429)`, { retryAfterMs: seconds * 1000 });
        }
        if (error.isBlocked) {
          await db.withTenant(delivery.tenantId, (tx) =>
            markBlocked(tx, delivery.tenantId, payload.chatId, BLOCKED_REASON),
          );
          throw new DeliveryError(`${BLOCKED_REASON} (403)`, { permanent: true });
        }
        // A revoked token or a refused request does not get better by itself.
        if (error.isUnauthorized) {
          throw new DeliveryError('Telegram отклонил токен бота (401): подключите бота заново', { permanent: true });
        }
        if (error.code === 400) {
          throw new DeliveryError(`Telegram не принял сообщение: ${error.description}`, { permanent: true });
        }
        throw new DeliveryError(`Telegram не ответил: ${error.description}`);
      }
      if (payload.sessionId) {
        const sessionId = payload.sessionId;
        // The message is out: failing to remember it (the dialog deleted meanwhile) must not send it again.
        await db
          .withTenant(delivery.tenantId, (tx) =>
            tx
              .insert(telegramAlerts)
              .values({ tenantId: delivery.tenantId, chatId: payload.chatId, messageId: sent.message_id, sessionId })
              .onConflictDoNothing(),
          )
          .catch(() => undefined);
      }
      return { externalId: String(sent.message_id) };
    },
  };
}
