import { type Static, Type } from 'typebox';
import { DOMAIN_STATUSES } from '../../db/schema.ts';
import { NullableDateTime } from '../../schemas.ts';

export const DomainInput = Type.Object(
  {
    hostname: Type.String({
      minLength: 1,
      maxLength: 300,
      errorMessage: 'Укажите домен, например chat.company.ru',
    }),
  },
  { additionalProperties: false },
);
export type DomainInput = Static<typeof DomainInput>;

/** One record the owner creates at their registrar. */
export const DnsRecordView = Type.Object({
  type: Type.Enum(['TXT', 'CNAME', 'A', 'AAAA']),
  /** The full name, as DNS has it. */
  name: Type.String(),
  value: Type.String(),
});
export type DnsRecordView = Static<typeof DnsRecordView>;

export const DomainView = Type.Object({
  /** As DNS and the Host header have it: IDN as punycode. */
  hostname: Type.String(),
  /** As people read it: «окна.рф». */
  display: Type.String(),
  status: Type.Enum(DOMAIN_STATUSES),
  /** The ownership record first, then those pointing the domain at the platform. */
  records: Type.Array(DnsRecordView),
  /** An apex (`company-remont.ru`) cannot have a CNAME at most registrars: A/AAAA, or the provider's flattening. */
  apex: Type.Boolean(),
  problem: Type.Union([Type.String(), Type.Null()]),
  checkedAt: NullableDateTime,
  verifiedAt: NullableDateTime,
  /** A verified domain whose last checks failed: when it is disabled unless its records are fixed. */
  disableAt: NullableDateTime,
});
export type DomainView = Static<typeof DomainView>;

export const DomainResponse = Type.Object({ domain: Type.Union([DomainView, Type.Null()]) });

export const TlsCheckQuery = Type.Object(
  { domain: Type.String({ minLength: 1, maxLength: 300 }) },
  { additionalProperties: false },
);
export const TlsCheckView = Type.Object({ domain: Type.String() });
