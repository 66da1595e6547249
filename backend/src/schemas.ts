// Schema building blocks shared by the modules' route schemas. Fields carry their Russian
// `errorMessage` (ajv-errors), which the error handler returns per field.
import { type Static, type TSchema, Type } from 'typebox';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './modules/auth/passwords.ts';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Optional(Type.Record(Type.String(), Type.String())),
    }),
  },
  { $id: 'ErrorResponse', description: 'Every error: a stable code and a Russian message' },
);

/** Response schemas for a route: its successes, and the one error shape for everything else. */
export const responses = <T extends Record<number, TSchema>>(ok: T) => ({
  ...ok,
  '4xx': Type.Ref('ErrorResponse'),
  '5xx': Type.Ref('ErrorResponse'),
});

/** A change that answers 204 with no body. */
export const NoContent = Type.Null({ description: 'Done; no body' });

export const DateTime = Type.String({ format: 'date-time' });
export const NullableDateTime = Type.Union([DateTime, Type.Null()]);
export const iso = (date: Date) => date.toISOString();
export const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/** A link to a private document that works for a few minutes (SIGNED_URL_TTL_SECONDS). */
export const SignedLinkView = Type.Object({ url: Type.String(), expiresAt: DateTime });
export type SignedLinkView = Static<typeof SignedLinkView>;

export const Id = Type.String({ format: 'uuid', errorMessage: 'Некорректный идентификатор' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const Email = Type.String({
  format: 'email',
  maxLength: 254,
  errorMessage: 'Введите корректный email, например name@company.ru',
});

/** Any password the user types; strength rules are checked by the service, with reasons. */
export const Password = Type.String({
  minLength: 1,
  maxLength: PASSWORD_MAX_LENGTH,
  errorMessage: `Введите пароль (не длиннее ${PASSWORD_MAX_LENGTH} символов)`,
});

/**
 * A password being chosen: the length is checked here, with the other fields; the rest of the
 * rules (common passwords, the email) by the service, which explains them.
 */
export const NewPassword = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  errorMessage: `Пароль должен быть от ${PASSWORD_MIN_LENGTH} до ${PASSWORD_MAX_LENGTH} символов`,
});

/** A required name or title: some visible text, not just spaces. */
export const Title = (what: string, maxLength = 120) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '\\S',
    errorMessage: `Укажите ${what} (до ${maxLength} символов)`,
  });

export const PersonName = Type.String({ maxLength: 120, errorMessage: 'Имя должно быть не длиннее 120 символов' });
