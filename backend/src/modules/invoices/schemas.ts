import { type Static, Type } from 'typebox';
import { INVOICE_STATUSES, LEGAL_FORMS, PLANS } from '../../db/schema.ts';
import { DateTime, Email, Id, NullableDateTime, SignedLinkView } from '../../schemas.ts';
import { OnlinePaymentAvailability, OwnerPaymentView, PlatformPaymentView } from '../payments/schemas.ts';

const LegalForm = Type.Enum(LEGAL_FORMS, { errorMessage: 'Выберите: организация или ИП' });
const Text = (what: string, maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', errorMessage: `Укажите ${what} (до ${maxLength} символов)` });
const Digits = (what: string) => Type.String({ maxLength: 32, errorMessage: `Укажите ${what}` });

export const BillingProfileInput = Type.Object(
  {
    legalForm: LegalForm,
    name: Text('название, как в документах', 300),
    inn: Digits('ИНН'),
    /** Legal entities only; ignored for an entrepreneur. */
    kpp: Type.Union([Type.String({ maxLength: 32 }), Type.Null()], { errorMessage: 'Укажите КПП' }),
    ogrn: Digits('ОГРН или ОГРНИП'),
    legalAddress: Text('юридический адрес', 500),
    email: Email,
  },
  { additionalProperties: false },
);
export type BillingProfileInput = Static<typeof BillingProfileInput>;

export const BillingProfileView = Type.Object({
  ...BillingProfileInput.properties,
  kpp: Type.Union([Type.String(), Type.Null()]),
  email: Type.String(),
  updatedAt: DateTime,
});
export type BillingProfileView = Static<typeof BillingProfileView>;

export const BillingProfileResponse = Type.Object({ profile: Type.Union([BillingProfileView, Type.Null()]) });
export type BillingProfileResponse = Static<typeof BillingProfileResponse>;

const VatRate = Type.Union([Type.Literal(5), Type.Literal(7), Type.Literal(10), Type.Literal(22), Type.Null()], {
  errorMessage: 'НДС: без НДС, 5, 7, 10 или 22 %',
});

export const SellerSettingsInput = Type.Object(
  {
    legalForm: LegalForm,
    name: Text('название получателя', 300),
    inn: Digits('ИНН'),
    kpp: Type.Union([Type.String({ maxLength: 32 }), Type.Null()], { errorMessage: 'Укажите КПП' }),
    ogrn: Digits('ОГРН или ОГРНИП'),
    address: Text('адрес', 500),
    bankName: Text('банк', 300),
    bik: Digits('БИК'),
    correspondentAccount: Digits('корреспондентский счёт'),
    account: Digits('расчётный счёт'),
    vatRate: VatRate,
    director: Text('ФИО руководителя', 200),
    accountant: Type.String({ maxLength: 200, errorMessage: 'ФИО бухгалтера: до 200 символов' }),
    dueDays: Type.Integer({ minimum: 1, maximum: 60, errorMessage: 'Срок оплаты: от 1 до 60 дней' }),
  },
  { additionalProperties: false },
);
export type SellerSettingsInput = Static<typeof SellerSettingsInput>;

export const SellerSettingsResponse = Type.Object({ seller: Type.Union([SellerSettingsInput, Type.Null()]) });
export type SellerSettingsResponse = Static<typeof SellerSettingsResponse>;

// Written out as tuples: a union built from a mapped array loses its members' types.
const PaidPlan = Type.Union([Type.Literal('start'), Type.Literal('business'), Type.Literal('enterprise')], {
  errorMessage: 'Выберите платный тариф: start, business или enterprise',
});

export const IssueInvoiceBody = Type.Object(
  {
    plan: PaidPlan,
    termMonths: Type.Union([Type.Literal(1), Type.Literal(3), Type.Literal(6), Type.Literal(12)], {
      errorMessage: 'Срок: 1, 3, 6 или 12 месяцев',
    }),
  },
  { additionalProperties: false },
);
export type IssueInvoiceBody = Static<typeof IssueInvoiceBody>;

/** `overdue`: issued and not paid by its due date. */
export const INVOICE_VIEW_STATUSES = [...INVOICE_STATUSES, 'overdue'] as const;

export const InvoiceView = Type.Object({
  id: Id,
  number: Type.String(),
  plan: Type.Enum(PLANS),
  planName: Type.String(),
  termMonths: Type.Integer(),
  discountPercent: Type.Integer(),
  amountKopecks: Type.Integer(),
  vatRate: Type.Union([Type.Integer(), Type.Null()]),
  vatKopecks: Type.Integer(),
  status: Type.Enum(INVOICE_VIEW_STATUSES),
  issuedAt: DateTime,
  dueAt: DateTime,
  paidAt: NullableDateTime,
  periodStart: NullableDateTime,
  periodEnd: NullableDateTime,
  cancelledAt: NullableDateTime,
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  /** How it was paid: marked paid by the superadmin on a bank transfer, or online; null until paid. */
  paidVia: Type.Union([Type.Literal('transfer'), Type.Literal('online'), Type.Null()]),
  /** Its latest online payment; null when none was started. */
  onlinePayment: Type.Union([OwnerPaymentView, Type.Null()]),
});
export type InvoiceView = Static<typeof InvoiceView>;

export const CheckedInvoiceView = Type.Object({ invoice: InvoiceView });
export type CheckedInvoiceView = Static<typeof CheckedInvoiceView>;

export const InvoiceListView = Type.Object({
  invoices: Type.Array(InvoiceView),
  /** Null when the platform takes no online payments: invoices are paid by bank transfer only. */
  onlinePayment: OnlinePaymentAvailability,
});
export type InvoiceListView = Static<typeof InvoiceListView>;

export const IssuedInvoiceView = Type.Object({
  invoice: InvoiceView,
  /** Null when the PDF could not be made just now; the history asks for it again. */
  pdf: Type.Union([SignedLinkView, Type.Null()]),
});
export type IssuedInvoiceView = Static<typeof IssuedInvoiceView>;

export const PlatformInvoiceView = Type.Object({
  ...InvoiceView.properties,
  tenantId: Id,
  tenantName: Type.String(),
  buyerName: Type.String(),
  buyerInn: Type.String(),
  /** The superadmin who marked it paid (email); null when paid online, unpaid, or they are gone. */
  paidBy: Type.Union([Type.String(), Type.Null()]),
  /** Its online payments, newest first (started ones included, so a failed try shows why). */
  payments: Type.Array(PlatformPaymentView),
});
export type PlatformInvoiceView = Static<typeof PlatformInvoiceView>;

export const PlatformInvoiceListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Enum(INVOICE_VIEW_STATUSES, { errorMessage: 'Статус: issued, paid, cancelled или overdue' }),
    ),
    tenantId: Type.Optional(Id),
    /** Issued on or after this day, and before the day after `to` (Moscow time). */
    from: Type.Optional(Type.String({ format: 'date', errorMessage: 'Дата в формате ГГГГ-ММ-ДД' })),
    to: Type.Optional(Type.String({ format: 'date', errorMessage: 'Дата в формате ГГГГ-ММ-ДД' })),
    /** An invoice number, or the buyer's ИНН. */
    q: Type.Optional(Type.String({ maxLength: 40 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, errorMessage: 'limit: от 1 до 200' }),
    offset: Type.Integer({ minimum: 0, default: 0, errorMessage: 'offset: не меньше 0' }),
  },
  { additionalProperties: false },
);
export type PlatformInvoiceListQuery = Static<typeof PlatformInvoiceListQuery>;

export const PlatformInvoiceListView = Type.Object({
  invoices: Type.Array(PlatformInvoiceView),
  total: Type.Integer(),
});
export type PlatformInvoiceListView = Static<typeof PlatformInvoiceListView>;

export const CancelInvoiceBody = Type.Object(
  {
    reason: Text('причину отмены', 500),
  },
  { additionalProperties: false },
);
export type CancelInvoiceBody = Static<typeof CancelInvoiceBody>;
