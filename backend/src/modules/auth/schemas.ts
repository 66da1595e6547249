import { type Static, Type } from 'typebox';
import { PLANS, ROLES, TENANT_STATUSES } from '../../db/schema.ts';
import { Email, Id, NewPassword, NullableDateTime, Password, PersonName, Title } from '../../schemas.ts';

export const SignUpBody = Type.Object(
  {
    companyName: Title('название компании'),
    name: Type.Optional(PersonName),
    email: Email,
    password: NewPassword,
  },
  { additionalProperties: false },
);
export type SignUpBody = Static<typeof SignUpBody>;

export const LogInBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export type LogInBody = Static<typeof LogInBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: NewPassword },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const SessionView = Type.Object(
  {
    user: Type.Object({ id: Id, email: Type.String(), name: Type.String(), role: Type.Enum(ROLES) }),
    tenant: Type.Union([
      Type.Object({
        id: Id,
        name: Type.String(),
        plan: Type.Enum(PLANS),
        planExpiresAt: NullableDateTime,
        status: Type.Enum(TENANT_STATUSES),
      }),
      Type.Null(),
    ]),
    /** Send it back as the X-CSRF-Token header with every change made through the cookie session. */
    csrfToken: Type.String(),
  },
  { description: 'The signed-in user, their company (none for the superadmin) and the CSRF token' },
);
export type SessionView = Static<typeof SessionView>;

export const CurrentSessionView = Type.Object(
  { session: Type.Union([SessionView, Type.Null()]) },
  { description: 'The signed-in session, or null when nobody is signed in here' },
);
export type CurrentSessionView = Static<typeof CurrentSessionView>;
