// The API's request and response types, for the front end (`import type` only: no runtime code
// crosses over). Each is inferred from the route schema that validates it.
export type { ErrorBody, ErrorCode } from './errors.ts';
export type { ChangePasswordBody, LogInBody, SessionView, SignUpBody } from './modules/auth/schemas.ts';
export type {
  BotSettingsInput,
  BotSettingsView,
  BrandingInput,
  BrandingView,
  SignedLinkView,
} from './modules/branding/schemas.ts';
export type {
  PlatformTenantView,
  TenantListQuery,
  TenantListView,
} from './modules/platform/schemas.ts';
export type {
  AcceptInviteBody,
  AddMemberBody,
  CreatedInviteView,
  CreateInviteBody,
  InviteView,
  MemberView,
  PublicInviteView,
  TeamView,
} from './modules/team/schemas.ts';
export type { WidgetConfigView } from './modules/widget/schemas.ts';
