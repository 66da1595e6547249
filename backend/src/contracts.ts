// The API's request and response types, for the front end (`import type` only: no runtime code
// crosses over). Each is inferred from the route schema that validates it.

export type { ErrorBody, ErrorCode } from './errors.ts';
export type { DashboardPreset, DashboardQuery, DashboardView, FunnelStageView } from './modules/analytics/schemas.ts';
export type {
  ChangePasswordBody,
  CurrentSessionView,
  LogInBody,
  SessionView,
  SignUpBody,
} from './modules/auth/schemas.ts';
export type { BillingView, PlanView, SetPlanBody, UsageItem, UsageView } from './modules/billing/schemas.ts';
export type {
  BotSettingsInput,
  BotSettingsView,
  BrandingInput,
  BrandingView,
} from './modules/branding/schemas.ts';
export type { ChatEvent } from './modules/chat/events.ts';
export type { MessageView } from './modules/chat/schemas.ts';
export type {
  DeliveryListQuery,
  DeliveryListView,
  DeliveryView,
  PlatformDeliveryListView,
  PlatformDeliveryView,
} from './modules/deliveries/schemas.ts';
export type {
  DialogEventView,
  DialogListQuery,
  DialogListView,
  DialogSettingsInput,
  DialogSettingsView,
  DialogStateCounts,
  DialogStatusView,
  DialogSummaryView,
  DialogView,
  OperatorMessageBody,
  TakeDialogBody,
} from './modules/dialogs/schemas.ts';
export type { DnsRecordView, DomainInput, DomainView } from './modules/domains/schemas.ts';
export type { FunnelInput, FunnelVersionsView, FunnelVersionView, FunnelView } from './modules/funnel/apiSchemas.ts';
export type { FunnelProblem } from './modules/funnel/rules.ts';
export type {
  Answers as FunnelAnswers,
  Estimate,
  FunnelConfig,
  Option as FunnelOption,
  PublicStep,
} from './modules/funnel/schemas.ts';
export type {
  AmoAccountView,
  AmoAuthorizeView,
  AmoConnectionView,
  AmoFieldView,
  AmoIntegrationView,
  AmoMappingRule,
  AmoSettingsInput,
  IntegrationsOverview,
  IntegrationTestView,
  LastDeliveryView,
  MetrikaInput,
  MetrikaView,
  WebhookInput,
  WebhookSecretView,
  WebhookView,
} from './modules/integrations/schemas.ts';
export type {
  BillingProfileInput,
  BillingProfileResponse,
  BillingProfileView,
  CancelInvoiceBody,
  CheckedInvoiceView,
  InvoiceListView,
  InvoiceView,
  IssuedInvoiceView,
  IssueInvoiceBody,
  PlatformInvoiceListQuery,
  PlatformInvoiceListView,
  PlatformInvoiceView,
  SellerSettingsInput,
  SellerSettingsResponse,
} from './modules/invoices/schemas.ts';
export type {
  AddPairBody,
  AddTextBody,
  CheckView,
  EntryDetailView,
  EntryView,
  KnowledgeSettingsBody,
  KnowledgeView,
  NearMissesView,
  PairDraftView,
  UpdateEntryBody,
} from './modules/knowledge/schemas.ts';
export type {
  AddLeadNoteBody,
  AssignLeadBody,
  ChangeLeadStatusBody,
  LeadAssigneesView,
  LeadEventView,
  LeadExportQuery,
  LeadListQuery,
  LeadListView,
  LeadStatus,
  LeadStatusCounts,
  LeadSummaryView,
  LeadView,
} from './modules/leads/schemas.ts';
export type {
  OwnerPaymentView,
  PaymentStatus,
  PlatformPaymentView,
  RefundStatus,
  StartedPaymentView,
} from './modules/payments/schemas.ts';
export type {
  PlatformSetupView,
  PlatformTenantView,
  SupportContactInput,
  SupportContactResponse,
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
  NotificationSettings,
  PublicInviteView,
  TeamView,
} from './modules/team/schemas.ts';
export type {
  ConnectTelegramBody,
  MyTelegramView,
  TelegramChatView,
  TelegramIntegrationView,
  TelegramLinkView,
  TelegramSettingsBody,
  TelegramTestView,
} from './modules/telegram/schemas.ts';
// A value exported as a type: the admin panel checks its copy of the default goal names against it.
export type { DEFAULT_GOALS } from './modules/widget/metrika.ts';
export type {
  AnswerView,
  SessionView as WidgetSessionView,
  StartSessionBody,
  VisitorDialogView,
  WidgetConfigView,
} from './modules/widget/schemas.ts';
export type { WidgetSettingsInput, WidgetSettingsView } from './modules/widget/settingsSchemas.ts';
export type { SignedLinkView } from './schemas.ts';
