import { type Static, Type } from 'typebox';
import { PAYMENT_STATUSES, REFUND_STATUSES } from '../../db/schema.ts';
import { DateTime, Id, NullableDateTime } from '../../schemas.ts';

export type { PaymentStatus, RefundStatus } from '../../db/schema.ts';

/** The owner's view of an invoice's latest online payment. */
export const OwnerPaymentView = Type.Object({
  status: Type.Enum(PAYMENT_STATUSES),
  /** Why YooKassa cancelled it, in Russian; null unless `canceled`. */
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
});
export type OwnerPaymentView = Static<typeof OwnerPaymentView>;

/** Whether invoices can be paid online here, and the checkout widget's script to load. */
export const OnlinePaymentAvailability = Type.Union([Type.Object({ widgetUrl: Type.String() }), Type.Null()]);

export const StartedPaymentView = Type.Object({
  paymentId: Id,
  /** For YooKassa's checkout widget (`confirmation_token`); single use, for this payment. */
  confirmationToken: Type.String(),
});
export type StartedPaymentView = Static<typeof StartedPaymentView>;

/** The superadmin's view of one online payment of an invoice. */
export const PlatformPaymentView = Type.Object({
  id: Id,
  /** YooKassa's payment id; null while `creating`. */
  providerPaymentId: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(PAYMENT_STATUSES),
  amountKopecks: Type.Integer(),
  /** YooKassa's `payment_method.type` (`bank_card`, `sbp`, `sberbank`…) and its title. */
  method: Type.Union([Type.String(), Type.Null()]),
  methodTitle: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  paidAt: NullableDateTime,
  refund: Type.Union([
    Type.Object({
      status: Type.Enum(REFUND_STATUSES),
      providerRefundId: Type.Union([Type.String(), Type.Null()]),
      requestedAt: DateTime,
      /** The superadmin who asked for it (email); null once they are gone. */
      requestedBy: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});
export type PlatformPaymentView = Static<typeof PlatformPaymentView>;

export const RefundParams = Type.Object({ id: Id, paymentId: Id }, { additionalProperties: false });
