import { type Static, Type } from 'typebox';
import { PLANS } from '../../db/schema.ts';
import { NullableDateTime } from '../../schemas.ts';

export const PlanView = Type.Object({
  id: Type.Enum(PLANS),
  name: Type.String(),
  priceRub: Type.Integer(),
  limits: Type.Object({
    sessions: Type.Integer(),
    messages: Type.Integer(),
    tokens: Type.Integer(),
    kbDocuments: Type.Integer(),
    storageBytes: Type.Integer(),
  }),
  features: Type.Object({
    integrations: Type.Boolean(),
    customDomain: Type.Boolean(),
    whiteLabel: Type.Boolean(),
    models: Type.Array(Type.String()),
  }),
  /** What an invoice for each term asks, the longer terms' discount applied; none for Free. */
  terms: Type.Array(
    Type.Object({ months: Type.Integer(), discountPercent: Type.Integer(), amountKopecks: Type.Integer() }),
  ),
});
export type PlanView = Static<typeof PlanView>;

export const USAGE_RESOURCES = ['sessions', 'messages', 'tokens', 'storageBytes'] as const;

export const UsageItem = Type.Object({
  resource: Type.Enum(USAGE_RESOURCES),
  used: Type.Integer(),
  limit: Type.Integer(),
  /** `warning` from 80 % of the limit, `reached` at it. */
  level: Type.Union([Type.Literal('ok'), Type.Literal('warning'), Type.Literal('reached')]),
});
export type UsageItem = Static<typeof UsageItem>;

export const UsageView = Type.Object({
  /** The plan in force: a paid plan past its term counts as Free. */
  plan: PlanView,
  /** The plan the company has bought, and until when; differs from `plan` once it has expired. */
  purchased: Type.Object({ id: Type.Enum(PLANS), expiresAt: NullableDateTime, expired: Type.Boolean() }),
  period: Type.Object({ start: Type.String({ format: 'date' }), end: Type.String({ format: 'date' }) }),
  usage: Type.Array(UsageItem),
  /** Visitors this month who came past the session limit: served without the AI. */
  limitedSessions: Type.Integer(),
});
export type UsageView = Static<typeof UsageView>;

export const BillingView = Type.Object({ ...UsageView.properties, plans: Type.Array(PlanView) });
export type BillingView = Static<typeof BillingView>;

export const SetPlanBody = Type.Object(
  {
    plan: Type.Enum(PLANS, { errorMessage: 'Тариф: free, start, business или enterprise' }),
    /** The last paid day (YYYY-MM-DD, Moscow, inclusive); null for Free, or a plan without an end. */
    paidThrough: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
      errorMessage: 'Последний оплаченный день в формате ГГГГ-ММ-ДД или null',
    }),
  },
  { additionalProperties: false },
);
export type SetPlanBody = Static<typeof SetPlanBody>;
