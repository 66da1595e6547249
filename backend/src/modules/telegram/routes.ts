// The Telegram card of «Интеграции» (owner only: the token is the bot's password), each member's
// own link to the bot, and the webhook Telegram posts updates to when the app is on https.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { TenantContext } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { memberOf } from '../../plugins/auth.ts';
import { iso, isoOrNull, NoContent, responses } from '../../schemas.ts';
import { TelegramError, type TelegramUpdate } from './botApi.ts';
import { BLOCKED_REASON } from './channel.ts';
import { buildHtmlMessage } from './format.ts';
import type { TelegramPoller } from './poller.ts';
import {
  ConnectTelegramBody,
  MyTelegramView,
  TelegramIntegrationView,
  TelegramLinkView,
  TelegramSettingsBody,
  TelegramTestView,
  WebhookParams,
} from './schemas.ts';
import {
  activeChats,
  botApiOf,
  botOf,
  createLinkCode,
  markBlocked,
  memberLinks,
  prepareBot,
  removeBot,
  saveBot,
  setNotifyNewDialogs,
  type TelegramDeps,
  unlinkChat,
} from './service.ts';
import { handleUpdate, type UpdateDeps } from './updates.ts';

const chatView = (chat: {
  telegramName: string;
  linkedAt: Date;
  blockedAt: Date | null;
  blockedReason: string | null;
}) => ({
  telegramName: chat.telegramName,
  linkedAt: iso(chat.linkedAt),
  blockedAt: isoOrNull(chat.blockedAt),
  blockedReason: chat.blockedReason,
});

async function integrationView(tx: Tx, ctx: TenantContext): Promise<TelegramIntegrationView> {
  const bot = await botOf(tx, ctx.tenantId);
  const members = await memberLinks(tx, ctx.tenantId);
  return {
    bot: bot && {
      username: bot.username,
      url: `https://t.me/${bot.username}`,
      notifyNewDialogs: bot.notifyNewDialogs,
      mode: bot.webhookSecret ? 'webhook' : 'polling',
      problem: bot.lastError,
      connectedAt: iso(bot.updatedAt),
    },
    members: members.map((member) => ({ ...member, chat: member.chat && chatView(member.chat) })),
  };
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export const telegramRoutes: FastifyPluginAsyncTypebox<{
  deps: TelegramDeps;
  updates: UpdateDeps;
  poller: TelegramPoller;
}> = async (app, { deps, updates, poller }) => {
  app.get(
    '/api/integrations/telegram',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'The company’s Telegram bot (never its token) and which members linked their chat',
        response: responses({ 200: TelegramIntegrationView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, (tx) => integrationView(tx, ctx));
    },
  );

  app.put(
    '/api/integrations/telegram',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Connects a bot by its @BotFather token (checked with getMe, stored sealed, never shown again)',
        body: ConnectTelegramBody,
        response: responses({ 200: TelegramIntegrationView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const prepared = await prepareBot(deps, ctx.tenantId, request.body.token.trim());
      const view = await app.db.withTenant(ctx.tenantId, async (tx) => {
        await saveBot(tx, ctx, prepared);
        return integrationView(tx, ctx);
      });
      poller.kick();
      return view;
    },
  );

  app.patch(
    '/api/integrations/telegram',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Whether every new dialog is announced in Telegram, not only leads and requests for a manager',
        body: TelegramSettingsBody,
        response: responses({ 200: TelegramIntegrationView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        await setNotifyNewDialogs(tx, ctx, request.body.notifyNewDialogs);
        return integrationView(tx, ctx);
      });
    },
  );

  app.delete(
    '/api/integrations/telegram',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Disconnects the bot: its token and every member’s link are forgotten',
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      const removed = await app.db.withTenant(ctx.tenantId, (tx) => removeBot(tx, ctx));
      // Best effort: Telegram would otherwise keep posting to a webhook that now refuses it.
      if (removed) {
        await botApiOf(deps, removed.tokenSealed)
          .deleteWebhook()
          .catch((error: unknown) => request.log.warn({ err: error }, 'could not delete the telegram webhook'));
      }
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/integrations/telegram/test',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Sends a test message to every linked chat now, and says which got it',
        response: responses({ 200: TelegramTestView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const { bot, chats } = await app.db.withTenant(ctx.tenantId, async (tx) => ({
        bot: await botOf(tx, ctx.tenantId),
        chats: await activeChats(tx, ctx.tenantId),
      }));
      if (!bot) throw new AppError('TELEGRAM_BOT_NOT_FOUND');
      if (chats.length === 0) throw new AppError('TELEGRAM_NO_CHATS');
      const api = botApiOf(deps, bot.tokenSealed);
      const message = buildHtmlMessage([
        'Проверка связи: уведомления AI Max приходят сюда. Новые заявки и просьбы позвать менеджера появятся в этом чате.',
      ]);
      const result: TelegramTestView = { sent: [], failed: [] };
      for (const chat of chats) {
        try {
          await api.sendMessage({ chat_id: chat.chatId, ...message });
          result.sent.push(chat.telegramName);
        } catch (error) {
          if (!(error instanceof TelegramError)) throw error;
          if (error.isBlocked) {
            await app.db.withTenant(ctx.tenantId, (tx) => markBlocked(tx, ctx.tenantId, chat.chatId, BLOCKED_REASON));
          }
          result.failed.push({
            telegramName: chat.telegramName,
            reason: error.isBlocked
              ? 'Бот заблокирован в этом чате: уведомления остановлены, пока сотрудник не привяжет Telegram снова'
              : error.isRateLimited
                ? `Telegram просит подождать ${error.retryAfter ?? 1} с`
                : `Telegram: ${error.description}`,
          });
        }
      }
      return result;
    },
  );

  app.get(
    '/api/account/telegram',
    {
      config: { access: 'member' },
      schema: {
        tags: ['account'],
        summary: 'Whether the signed-in member’s Telegram is linked to the company’s bot',
        response: responses({ 200: MyTelegramView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        const bot = await botOf(tx, ctx.tenantId);
        const me = (await memberLinks(tx, ctx.tenantId)).find((member) => member.userId === ctx.actorId);
        return {
          available: bot !== null,
          botUsername: bot?.username ?? null,
          chat: me?.chat ? chatView(me.chat) : null,
        };
      });
    },
  );

  app.post(
    '/api/account/telegram/link',
    {
      config: { access: 'member' },
      schema: {
        tags: ['account'],
        summary: 'A one-time deep link (valid for an hour) that links the member’s Telegram to the company’s bot',
        response: responses({ 201: TelegramLinkView }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      const link = await app.db.withTenant(ctx.tenantId, (tx) => createLinkCode(tx, ctx));
      return reply.code(201).send({ url: link.url, expiresAt: iso(link.expiresAt) });
    },
  );

  app.delete(
    '/api/account/telegram',
    {
      config: { access: 'member' },
      schema: {
        tags: ['account'],
        summary: 'Unlinks the member’s Telegram: alerts stop coming there',
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      await app.db.withTenant(ctx.tenantId, (tx) => unlinkChat(tx, ctx.tenantId, ctx.actorId));
      return reply.code(204).send(null);
    },
  );

  // Telegram's own request: no session, the bot's secret in a header instead. Its body is the
  // Bot API's Update, which grows new fields over time, so it is read, not validated as closed.
  app.post(
    '/api/telegram/webhook/:tenantId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['integrations'],
        summary: 'Updates of a company’s bot, posted by Telegram with the secret_token set by setWebhook',
        params: WebhookParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { tenantId } = request.params;
      const given = String(request.headers['x-telegram-bot-api-secret-token'] ?? '');
      const bot = await app.db.withTenant(tenantId, (tx) => botOf(tx, tenantId));
      if (!bot?.webhookSecret || !sameSecret(given, bot.webhookSecret)) throw new AppError('NOT_FOUND');
      const update = request.body as TelegramUpdate | undefined;
      if (typeof update?.update_id !== 'number' || !Number.isInteger(update.update_id)) {
        throw new AppError('BAD_REQUEST');
      }
      await handleUpdate(updates, tenantId, botApiOf(deps, bot.tokenSealed), update);
      return reply.code(204).send(null);
    },
  );
};
