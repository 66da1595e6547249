import { type Static, Type } from 'typebox';
import { PLANS, TENANT_STATUSES } from '../../db/schema.ts';
import { DateTime, Email, Id, NullableDateTime } from '../../schemas.ts';

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

export const SupportContactInput = Type.Object(
  {
    email: Type.Union([Type.Literal(''), Email], { errorMessage: 'Введите корректный email или оставьте поле пустым' }),
    phone: Type.String({
      maxLength: 40,
      pattern: '^[0-9+()\\- ]*$',
      errorMessage: 'Телефон: цифры, +, скобки, дефисы и пробелы, до 40 символов',
    }),
    telegram: Type.String({
      pattern: '^$|^@?[A-Za-z][A-Za-z0-9_]{4,31}$',
      errorMessage: 'Имя в Telegram: от 5 до 32 латинских букв, цифр и _, например @aimax_support',
    }),
  },
  { additionalProperties: false },
);
export type SupportContactInput = Static<typeof SupportContactInput>;

export const SupportContactView = Type.Object({
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  telegram: Type.Union([Type.String(), Type.Null()]),
});

export const SupportContactResponse = Type.Object(
  { support: Type.Union([SupportContactView, Type.Null()]) },
  { description: 'The platform’s support contact; null until the superadmin sets one' },
);
export type SupportContactResponse = Static<typeof SupportContactResponse>;

export const SETUP_CHECKS = ['seller', 'support', 'smtp', 'llm', 'appSecret'] as const;

export const PlatformSetupView = Type.Object(
  {
    checks: Type.Array(
      Type.Object({
        id: Type.Enum(SETUP_CHECKS),
        done: Type.Boolean(),
      }),
    ),
  },
  { description: 'What the platform still needs before companies can be served in full' },
);
export type PlatformSetupView = Static<typeof PlatformSetupView>;
