import { type Static, Type } from 'typebox';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from '../../db/schema.ts';
import { DateTime, Id, NullableDateTime } from '../../schemas.ts';

export const DeliveryView = Type.Object({
  id: Id,
  channel: Type.Enum(DELIVERY_CHANNELS),
  kind: Type.String(),
  /** The addresses of an email, the name of a Telegram chat. */
  recipient: Type.String(),
  /** An email's subject, the first line of a Telegram message. */
  summary: Type.String(),
  status: Type.Enum(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  /** The outside service's last answer as people read it («HTTP 500: …»). */
  response: Type.Union([Type.String(), Type.Null()]),
  /** The lead it tells of. */
  leadId: Type.Union([Id, Type.Null()]),
  createdAt: DateTime,
  sentAt: NullableDateTime,
  /** When a pending delivery is tried next. */
  nextAttemptAt: DateTime,
});
export type DeliveryView = Static<typeof DeliveryView>;

export const PlatformDeliveryView = Type.Intersect([
  DeliveryView,
  Type.Object({ tenantId: Id, tenantName: Type.String() }),
]);
export type PlatformDeliveryView = Static<typeof PlatformDeliveryView>;

export const DeliveryListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(DELIVERY_STATUSES, { errorMessage: 'Статус: pending, sent или failed' })),
    channel: Type.Optional(
      Type.Enum(DELIVERY_CHANNELS, { errorMessage: 'Канал: email, telegram, amocrm или webhook' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, errorMessage: 'limit: от 1 до 200' }),
    offset: Type.Integer({ minimum: 0, default: 0, errorMessage: 'offset: неотрицательное число' }),
  },
  { additionalProperties: false },
);
export type DeliveryListQuery = Static<typeof DeliveryListQuery>;

export const DeliveryListView = Type.Object({ deliveries: Type.Array(DeliveryView), total: Type.Integer() });
export type DeliveryListView = Static<typeof DeliveryListView>;

export const PlatformDeliveryListView = Type.Object({
  deliveries: Type.Array(PlatformDeliveryView),
  total: Type.Integer(),
});
export type PlatformDeliveryListView = Static<typeof PlatformDeliveryListView>;
