// A company's Telegram bot: the owner connects it with a token from @BotFather (checked with
// getMe, sealed at rest, never shown again), and each member links their own chat with the bot by
// a one-time deep link. Alerts then go to the linked chats through the outbox (alerts.ts), and a
// member's reply to an alert reaches the visitor (updates.ts).
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TenantContext } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { telegramAlerts, telegramBots, telegramChats, telegramLinkCodes, users } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { seal, unseal } from '../../lib/sealed.ts';
import { type BotApi, createBotApi, TelegramError, type TelegramUser } from './botApi.ts';

export interface TelegramDeps {
  /** The key bot tokens are sealed with (derived from the app secret for this purpose only). */
  key: Buffer;
  apiUrl: string;
  publicUrl: string;
}

/** A link code is good for an hour: long enough to open Telegram, short enough not to linger. */
const LINK_CODE_TTL_MS = 60 * 60_000;

// https://core.telegram.org/bots/api#authorizing-your-bot: `<bot id>:<secret>`.
const TOKEN_FORMAT = /^\d{5,15}:[A-Za-z0-9_-]{30,64}$/;

export const hashCode = (code: string) => createHash('sha256').update(code).digest('base64url');

export function botApiOf(deps: Pick<TelegramDeps, 'key' | 'apiUrl'>, tokenSealed: string): BotApi {
  return createBotApi({ token: unseal(deps.key, tokenSealed), baseUrl: deps.apiUrl });
}

/** Where Telegram posts a bot's updates, when the app is reachable over https; null: long polling. */
export const webhookUrlOf = (publicUrl: string, tenantId: string) =>
  publicUrl.startsWith('https://') ? `${publicUrl}/api/telegram/webhook/${tenantId}` : null;

export const deepLinkOf = (username: string, code: string) => `https://t.me/${username}?start=${code}`;

export const telegramNameOf = (user: { first_name?: string; last_name?: string; username?: string }) =>
  [[user.first_name, user.last_name].filter(Boolean).join(' '), user.username ? `@${user.username}` : '']
    .filter(Boolean)
    .join(' ') || 'Telegram';

function unavailable(error: unknown): never {
  throw new AppError('TELEGRAM_UNAVAILABLE', {
    message:
      error instanceof TelegramError && !error.isNetwork
        ? `Telegram ответил ошибкой: ${error.description}. Попробуйте ещё раз через минуту`
        : undefined,
  });
}

/** Asks Telegram who the token belongs to; an unknown or malformed token is the owner's mistake. */
async function botOfToken(deps: TelegramDeps, token: string): Promise<TelegramUser> {
  if (!TOKEN_FORMAT.test(token)) throw new AppError('TELEGRAM_TOKEN_INVALID');
  try {
    const bot = await createBotApi({ token, baseUrl: deps.apiUrl }).getMe();
    if (!bot.is_bot || !bot.username) throw new AppError('TELEGRAM_TOKEN_INVALID');
    return bot;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof TelegramError && (error.isUnauthorized || error.code === 404)) {
      throw new AppError('TELEGRAM_TOKEN_INVALID');
    }
    unavailable(error);
  }
}

/**
 * Checks the token and points the bot's updates at us: a webhook with a secret when PUBLIC_URL is
 * https, otherwise no webhook, so long polling may run. Done before anything is stored, so a token
 * Telegram refuses changes nothing.
 */
export async function prepareBot(deps: TelegramDeps, tenantId: string, token: string) {
  const bot = await botOfToken(deps, token);
  const api = createBotApi({ token, baseUrl: deps.apiUrl });
  const webhookUrl = webhookUrlOf(deps.publicUrl, tenantId);
  const webhookSecret = webhookUrl ? randomBytes(32).toString('base64url') : null;
  try {
    if (webhookUrl && webhookSecret) {
      await api.setWebhook({ url: webhookUrl, secret_token: webhookSecret, allowed_updates: ['message'] });
    } else {
      await api.deleteWebhook();
    }
  } catch (error) {
    unavailable(error);
  }
  return { bot, webhookSecret, tokenSealed: seal(deps.key, token) };
}

/** Stores a prepared bot. Another bot than before starts afresh: chats linked to the old one cannot hear the new one. */
export async function saveBot(
  tx: Tx,
  ctx: TenantContext,
  prepared: Awaited<ReturnType<typeof prepareBot>>,
): Promise<void> {
  const { bot, webhookSecret, tokenSealed } = prepared;
  const [before] = await tx
    .select({ botId: telegramBots.botId })
    .from(telegramBots)
    .where(eq(telegramBots.tenantId, ctx.tenantId))
    .for('update');
  if (before && before.botId !== bot.id) await forgetChats(tx, ctx.tenantId);
  const values = {
    botId: bot.id,
    username: bot.username ?? '',
    tokenSealed,
    webhookSecret,
    updateOffset: 0,
    pollerId: null,
    pollerLeaseUntil: null,
    lastError: null,
    updatedAt: new Date(),
  };
  await tx
    .insert(telegramBots)
    .values({ tenantId: ctx.tenantId, ...values })
    .onConflictDoUpdate({ target: telegramBots.tenantId, set: values });
}

async function forgetChats(tx: Tx, tenantId: string) {
  await tx.delete(telegramAlerts).where(eq(telegramAlerts.tenantId, tenantId));
  await tx.delete(telegramChats).where(eq(telegramChats.tenantId, tenantId));
  await tx.delete(telegramLinkCodes).where(eq(telegramLinkCodes.tenantId, tenantId));
}

/** Removes the bot and every link to it; returns the sealed token so the caller can drop its webhook. */
export async function removeBot(tx: Tx, ctx: TenantContext): Promise<{ tokenSealed: string } | null> {
  const [bot] = await tx
    .delete(telegramBots)
    .where(eq(telegramBots.tenantId, ctx.tenantId))
    .returning({ tokenSealed: telegramBots.tokenSealed, webhookSecret: telegramBots.webhookSecret });
  if (!bot) return null;
  await forgetChats(tx, ctx.tenantId);
  return bot.webhookSecret ? { tokenSealed: bot.tokenSealed } : null;
}

export async function botOf(tx: Tx, tenantId: string) {
  const [bot] = await tx.select().from(telegramBots).where(eq(telegramBots.tenantId, tenantId));
  return bot ?? null;
}

export async function setNotifyNewDialogs(tx: Tx, ctx: TenantContext, notifyNewDialogs: boolean): Promise<void> {
  const updated = await tx
    .update(telegramBots)
    .set({ notifyNewDialogs, updatedAt: new Date() })
    .where(eq(telegramBots.tenantId, ctx.tenantId))
    .returning({ tenantId: telegramBots.tenantId });
  if (updated.length === 0) throw new AppError('TELEGRAM_BOT_NOT_FOUND');
}

export interface TelegramMemberLink {
  userId: string;
  name: string;
  email: string;
  chat: { telegramName: string; linkedAt: Date; blockedAt: Date | null; blockedReason: string | null } | null;
}

/** Every member and their chat with the bot, if linked. */
export async function memberLinks(tx: Tx, tenantId: string): Promise<TelegramMemberLink[]> {
  const rows = await tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      telegramName: telegramChats.telegramName,
      linkedAt: telegramChats.linkedAt,
      blockedAt: telegramChats.blockedAt,
      blockedReason: telegramChats.blockedReason,
    })
    .from(users)
    .leftJoin(telegramChats, and(eq(telegramChats.tenantId, users.tenantId), eq(telegramChats.userId, users.id)))
    .where(eq(users.tenantId, tenantId))
    .orderBy(asc(users.createdAt));
  return rows.map((row) => ({
    userId: row.userId,
    name: row.name,
    email: row.email,
    chat:
      row.telegramName !== null && row.linkedAt !== null
        ? {
            telegramName: row.telegramName,
            linkedAt: row.linkedAt,
            blockedAt: row.blockedAt,
            blockedReason: row.blockedReason,
          }
        : null,
  }));
}

/** A fresh one-time deep link for the signed-in member; earlier unused codes of theirs stop working. */
export async function createLinkCode(tx: Tx, ctx: TenantContext): Promise<{ url: string; expiresAt: Date }> {
  const bot = await botOf(tx, ctx.tenantId);
  if (!bot) throw new AppError('TELEGRAM_BOT_NOT_FOUND');
  await tx
    .delete(telegramLinkCodes)
    .where(and(eq(telegramLinkCodes.tenantId, ctx.tenantId), eq(telegramLinkCodes.userId, ctx.actorId)));
  const code = randomBytes(18).toString('base64url');
  const expiresAt = new Date(Date.now() + LINK_CODE_TTL_MS);
  await tx
    .insert(telegramLinkCodes)
    .values({ codeHash: hashCode(code), tenantId: ctx.tenantId, userId: ctx.actorId, expiresAt });
  return { url: deepLinkOf(bot.username, code), expiresAt };
}

/**
 * Links the chat that opened a deep link to the member who made the code, once: the code is used
 * up, a chat the member linked before is replaced, and a chat linked to another member moves.
 * Returns the member's name, or null for a code that is unknown, used or expired.
 */
export async function linkChat(
  tx: Tx,
  input: { tenantId: string; code: string; chatId: number; telegramName: string },
): Promise<{ memberName: string } | null> {
  const [code] = await tx
    .delete(telegramLinkCodes)
    .where(and(eq(telegramLinkCodes.tenantId, input.tenantId), eq(telegramLinkCodes.codeHash, hashCode(input.code))))
    .returning();
  if (!code || code.expiresAt.getTime() <= Date.now()) return null;
  const [member] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, input.tenantId), eq(users.id, code.userId)));
  if (!member) return null;
  await tx
    .delete(telegramChats)
    .where(and(eq(telegramChats.tenantId, input.tenantId), eq(telegramChats.chatId, input.chatId)));
  const values = {
    chatId: input.chatId,
    telegramName: input.telegramName,
    linkedAt: new Date(),
    blockedAt: null,
    blockedReason: null,
  };
  await tx
    .insert(telegramChats)
    .values({ tenantId: input.tenantId, userId: code.userId, ...values })
    .onConflictDoUpdate({ target: [telegramChats.tenantId, telegramChats.userId], set: values });
  return { memberName: member.name || member.email };
}

export async function unlinkChat(tx: Tx, tenantId: string, userId: string): Promise<void> {
  await tx.delete(telegramChats).where(and(eq(telegramChats.tenantId, tenantId), eq(telegramChats.userId, userId)));
}

/** The member a chat stands for, when it is linked to this company's bot. */
export async function chatLink(tx: Tx, tenantId: string, chatId: number) {
  const [chat] = await tx
    .select({ id: telegramChats.id, userId: telegramChats.userId })
    .from(telegramChats)
    .where(and(eq(telegramChats.tenantId, tenantId), eq(telegramChats.chatId, chatId)));
  return chat ?? null;
}

/** Chats that get alerts: linked and not blocked. */
export async function activeChats(tx: Tx, tenantId: string) {
  return tx
    .select({ id: telegramChats.id, chatId: telegramChats.chatId, telegramName: telegramChats.telegramName })
    .from(telegramChats)
    .where(and(eq(telegramChats.tenantId, tenantId), isNull(telegramChats.blockedAt)));
}

export async function markBlocked(tx: Tx, tenantId: string, chatId: number, reason: string): Promise<void> {
  await tx
    .update(telegramChats)
    .set({ blockedAt: new Date(), blockedReason: reason })
    .where(and(eq(telegramChats.tenantId, tenantId), eq(telegramChats.chatId, chatId)));
}
