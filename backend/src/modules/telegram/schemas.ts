import { type Static, Type } from 'typebox';
import { DateTime, Id, NullableDateTime } from '../../schemas.ts';

export const TelegramChatView = Type.Object({
  telegramName: Type.String(),
  linkedAt: DateTime,
  /** Set when the member blocked the bot: alerts stop until they link again. */
  blockedAt: NullableDateTime,
  blockedReason: Type.Union([Type.String(), Type.Null()]),
});
export type TelegramChatView = Static<typeof TelegramChatView>;

export const TelegramBotView = Type.Object({
  username: Type.String(),
  /** `https://t.me/<username>` */
  url: Type.String(),
  notifyNewDialogs: Type.Boolean(),
  /** `webhook` with an https PUBLIC_URL, `polling` otherwise. */
  mode: Type.Union([Type.Literal('webhook'), Type.Literal('polling')]),
  /** Why updates stopped arriving (another program polls the bot, the token was revoked). */
  problem: Type.Union([Type.String(), Type.Null()]),
  connectedAt: DateTime,
});

export const TelegramIntegrationView = Type.Object({
  bot: Type.Union([TelegramBotView, Type.Null()]),
  members: Type.Array(
    Type.Object({
      userId: Id,
      name: Type.String(),
      email: Type.String(),
      chat: Type.Union([TelegramChatView, Type.Null()]),
    }),
  ),
});
export type TelegramIntegrationView = Static<typeof TelegramIntegrationView>;

export const ConnectTelegramBody = Type.Object(
  {
    token: Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '\\S',
      errorMessage: 'Вставьте токен бота из @BotFather',
    }),
  },
  { additionalProperties: false },
);
export type ConnectTelegramBody = Static<typeof ConnectTelegramBody>;

export const TelegramSettingsBody = Type.Object(
  { notifyNewDialogs: Type.Boolean({ errorMessage: 'notifyNewDialogs: да или нет' }) },
  { additionalProperties: false },
);
export type TelegramSettingsBody = Static<typeof TelegramSettingsBody>;

export const TelegramTestView = Type.Object({
  sent: Type.Array(Type.String({ description: 'The chats that got the message' })),
  failed: Type.Array(Type.Object({ telegramName: Type.String(), reason: Type.String() })),
});
export type TelegramTestView = Static<typeof TelegramTestView>;

export const MyTelegramView = Type.Object({
  /** Whether the company has a bot to link to. */
  available: Type.Boolean(),
  botUsername: Type.Union([Type.String(), Type.Null()]),
  chat: Type.Union([TelegramChatView, Type.Null()]),
});
export type MyTelegramView = Static<typeof MyTelegramView>;

export const TelegramLinkView = Type.Object({
  /** `https://t.me/<bot>?start=<one-time code>`; opening it in Telegram links the chat. */
  url: Type.String(),
  expiresAt: DateTime,
});
export type TelegramLinkView = Static<typeof TelegramLinkView>;

export const WebhookParams = Type.Object(
  { tenantId: Type.String({ format: 'uuid', errorMessage: 'Некорректный идентификатор' }) },
  { additionalProperties: false },
);
