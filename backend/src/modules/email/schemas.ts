import { type Static, Type } from 'typebox';
import { EMAIL_STATUSES } from '../../db/schema.ts';
import { DateTime, Id, NullableDateTime } from '../../schemas.ts';

export const PlatformEmailView = Type.Object({
  id: Id,
  tenantId: Id,
  tenantName: Type.String(),
  kind: Type.String(),
  to: Type.Array(Type.String()),
  subject: Type.String(),
  status: Type.Enum(EMAIL_STATUSES),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  sentAt: NullableDateTime,
  /** When a pending email is tried next. */
  nextAttemptAt: DateTime,
});
export type PlatformEmailView = Static<typeof PlatformEmailView>;

export const EmailListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(EMAIL_STATUSES, { errorMessage: 'Статус: pending, sent или failed' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, errorMessage: 'limit: от 1 до 200' }),
    offset: Type.Integer({ minimum: 0, default: 0, errorMessage: 'offset: неотрицательное число' }),
  },
  { additionalProperties: false },
);
export type EmailListQuery = Static<typeof EmailListQuery>;

export const EmailListView = Type.Object({ emails: Type.Array(PlatformEmailView), total: Type.Integer() });
export type EmailListView = Static<typeof EmailListView>;
