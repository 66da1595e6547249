import { type Static, Type } from 'typebox';
import { PLANS, TENANT_STATUSES } from '../../db/schema.ts';
import { DateTime, Id, NullableDateTime } from '../../schemas.ts';

export const PlatformTenantView = Type.Object({
  id: Id,
  name: Type.String(),
  plan: Type.Enum(PLANS),
  planExpiresAt: NullableDateTime,
  status: Type.Enum(TENANT_STATUSES),
  createdAt: DateTime,
  membersCount: Type.Integer(),
  ownerEmail: Type.Union([Type.String(), Type.Null()]),
  sessionsThisMonth: Type.Integer(),
  messagesThisMonth: Type.Integer(),
});
export type PlatformTenantView = Static<typeof PlatformTenantView>;

export const TenantListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 120 })),
    status: Type.Optional(Type.Enum(TENANT_STATUSES, { errorMessage: 'Статус: active или suspended' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, errorMessage: 'limit: от 1 до 200' }),
    offset: Type.Integer({ minimum: 0, default: 0, errorMessage: 'offset: неотрицательное число' }),
  },
  { additionalProperties: false },
);
export type TenantListQuery = Static<typeof TenantListQuery>;

export const TenantListView = Type.Object({ tenants: Type.Array(PlatformTenantView), total: Type.Integer() });
export type TenantListView = Static<typeof TenantListView>;
