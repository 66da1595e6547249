import { type Static, Type } from 'typebox';
import { TENANT_ROLES } from '../../db/schema.ts';
import { DateTime, Email, Id, NewPassword, NullableDateTime, Title } from '../../schemas.ts';

const TenantRole = Type.Enum(TENANT_ROLES, { errorMessage: 'Роль: владелец (owner) или менеджер (manager)' });

export const MemberView = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: TenantRole,
  createdAt: DateTime,
  lastLoginAt: NullableDateTime,
  /** Whether they get an email for each new lead. */
  leadEmails: Type.Boolean(),
});
export type MemberView = Static<typeof MemberView>;

export const InviteView = Type.Object({
  id: Id,
  role: TenantRole,
  createdAt: DateTime,
  expiresAt: DateTime,
  createdByName: Type.Union([Type.String(), Type.Null()]),
});
export type InviteView = Static<typeof InviteView>;

export const TeamView = Type.Object({ members: Type.Array(MemberView), invites: Type.Array(InviteView) });
export type TeamView = Static<typeof TeamView>;

export const AddMemberBody = Type.Object(
  {
    name: Title('имя сотрудника'),
    email: Email,
    password: NewPassword,
    role: TenantRole,
  },
  { additionalProperties: false },
);
export type AddMemberBody = Static<typeof AddMemberBody>;

export const NotificationSettings = Type.Object(
  { leadEmails: Type.Boolean({ errorMessage: 'Укажите, присылать ли письма о новых заявках' }) },
  { additionalProperties: false, description: 'What a member is told of by email' },
);
export type NotificationSettings = Static<typeof NotificationSettings>;

export const CreateInviteBody = Type.Object({ role: TenantRole }, { additionalProperties: false });
export type CreateInviteBody = Static<typeof CreateInviteBody>;

export const CreatedInviteView = Type.Object({
  invite: InviteView,
  /** The link to hand to the new member; shown once, only its hash is stored. */
  url: Type.String(),
});
export type CreatedInviteView = Static<typeof CreatedInviteView>;

// Any token-shaped string is looked up, so a mangled link gets the same answer as a revoked one.
export const InviteTokenParams = Type.Object(
  {
    token: Type.String({ maxLength: 128, errorMessage: 'Некорректная ссылка приглашения' }),
  },
  { additionalProperties: false },
);

export const PublicInviteView = Type.Object({ companyName: Type.String(), role: TenantRole, expiresAt: DateTime });
export type PublicInviteView = Static<typeof PublicInviteView>;

export const AcceptInviteBody = Type.Object(
  { name: Title('ваше имя'), email: Email, password: NewPassword },
  { additionalProperties: false },
);
export type AcceptInviteBody = Static<typeof AcceptInviteBody>;
