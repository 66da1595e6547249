// The API's request and response types, for the front end (`import type` only: no runtime code
// crosses over). Each is inferred from the route schema that validates it.
import type { Static } from 'typebox';
import type { EstimatePdfView as EstimatePdfSchema } from './modules/widget/schemas.ts';

export type { ErrorBody, ErrorCode } from './errors.ts';
export type { ChangePasswordBody, LogInBody, SessionView, SignUpBody } from './modules/auth/schemas.ts';
export type {
  BotSettingsInput,
  BotSettingsView,
  BrandingInput,
  BrandingView,
  SignedLinkView,
} from './modules/branding/schemas.ts';
export type { ChatEvent } from './modules/chat/events.ts';
export type { MessageView } from './modules/chat/schemas.ts';
export type { Estimate, PublicStep } from './modules/funnel/schemas.ts';
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
export type {
  AnswerView,
  SessionView as WidgetSessionView,
  StartSessionBody,
  WidgetConfigView,
} from './modules/widget/schemas.ts';
export type EstimatePdfView = Static<typeof EstimatePdfSchema>;
