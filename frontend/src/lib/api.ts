// The one way the admin panel talks to the API: typed calls, the session's CSRF token on every
// change, and one error type. A 401 while signed in means the server no longer knows the session
// (it ran out, was ended on another device, or the company was suspended): the auth store is
// cleared, and the route guard then takes the user to the login page. File uploads go through
// XMLHttpRequest rather than fetch, because only it reports upload progress.
import type {
  AcceptInviteBody,
  AddMemberBody,
  AddPairBody,
  AddTextBody,
  AmoAccountView,
  AmoAuthorizeView,
  AmoIntegrationView,
  AmoSettingsInput,
  BillingProfileInput,
  BillingProfileResponse,
  BillingView,
  BotSettingsInput,
  BotSettingsView,
  BrandingInput,
  BrandingView,
  CancelInvoiceBody,
  ChangePasswordBody,
  CheckedInvoiceView,
  CheckView,
  CreatedInviteView,
  CreateInviteBody,
  CurrentSessionView,
  DashboardQuery,
  DashboardView,
  DeliveryListQuery,
  DeliveryListView,
  DeliveryView,
  DialogListQuery,
  DialogListView,
  DialogSettingsInput,
  DialogSettingsView,
  DialogStatusView,
  DialogSummaryView,
  DialogView,
  DomainInput,
  DomainView,
  EntryDetailView,
  EntryView,
  ErrorCode,
  FunnelInput,
  FunnelVersionsView,
  FunnelView,
  IntegrationsOverview,
  IntegrationTestView,
  InvoiceListView,
  InvoiceView,
  IssuedInvoiceView,
  IssueInvoiceBody,
  KnowledgeSettingsBody,
  KnowledgeView,
  LeadAssigneesView,
  LeadExportQuery,
  LeadListQuery,
  LeadListView,
  LeadStatus,
  LeadView,
  LogInBody,
  MemberView,
  MessageView,
  MetrikaInput,
  MetrikaView,
  MyTelegramView,
  NearMissesView,
  NotificationSettings,
  PairDraftView,
  PlatformDeliveryListView,
  PlatformInvoiceListQuery,
  PlatformInvoiceListView,
  PlatformInvoiceView,
  PlatformSetupView,
  PlatformTenantView,
  PublicInviteView,
  SellerSettingsInput,
  SellerSettingsResponse,
  SessionView,
  SetPlanBody,
  SignedLinkView,
  SignUpBody,
  StartedPaymentView,
  SupportContactInput,
  SupportContactResponse,
  TeamView,
  TelegramIntegrationView,
  TelegramLinkView,
  TelegramSettingsBody,
  TelegramTestView,
  TenantListQuery,
  TenantListView,
  UpdateEntryBody,
  UsageView,
  WebhookInput,
  WebhookSecretView,
  WebhookView,
  WidgetSettingsInput,
  WidgetSettingsView,
} from '@aimax/backend/contracts';
import { t } from './i18n';
import { useAuthStore } from './stores/useAuthStore';

export type Role = SessionView['user']['role'];
export type TenantRole = MemberView['role'];
export type Plan = PlatformTenantView['plan'];
export type TenantStatus = PlatformTenantView['status'];
export type LegalForm = BillingProfileInput['legalForm'];
export type PaidPlan = IssueInvoiceBody['plan'];
export type TermMonths = IssueInvoiceBody['termMonths'];
export type InvoiceStatus = InvoiceView['status'];
export type DeliveryStatus = DeliveryView['status'];
export type DeliveryChannel = DeliveryView['channel'];
/** The deliveries lists' filters, as the owner's journal and the platform's page take them. */
export type DeliveryFilter = Pick<DeliveryListQuery, 'status' | 'channel'>;
export type { LeadStatus };
/** The leads list's filters, as the list, its counts and its export take them. */
export type LeadFilter = Pick<LeadListQuery, 'status' | 'assignee' | 'from' | 'to'>;
export type LeadExportFormat = LeadExportQuery['format'];
export type DialogState = DialogSummaryView['state'];
/** The dialogs list's filters, as the list and its counts take them. */
export type DialogFilter = Pick<DialogListQuery, 'state' | 'from' | 'to' | 'q'>;

export type {
  CheckView,
  EntryDetailView,
  EntryView,
  KnowledgeSettingsBody,
  KnowledgeView,
  NearMissesView,
  PairDraftView,
  UpdateEntryBody,
};
export type KnowledgeKind = EntryView['kind'];
export type KnowledgeStatus = EntryView['status'];

/** Failures that never reached the API's error handler: no connection, or a reply not from us. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  /** Russian messages keyed by form field name; empty when the error is not about fields. */
  readonly fields: Record<string, string>;

  constructor(init: {
    status: number;
    code: ErrorCode | ClientErrorCode;
    message: string;
    fields?: Record<string, string>;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Turns an error response into an ApiError. The API always answers `{ error: { code, message } }`;
 * anything else (a proxy's HTML error page, an empty body) becomes UNEXPECTED_RESPONSE.
 */
export function parseErrorBody(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string') {
    return new ApiError({ status, code: 'UNEXPECTED_RESPONSE', message: t.errors.unexpected });
  }
  const fields: Record<string, string> = {};
  if (isRecord(error.fields)) {
    for (const [name, message] of Object.entries(error.fields)) {
      if (typeof message === 'string') fields[name] = message;
    }
  }
  return new ApiError({ status, code: error.code as ErrorCode, message: error.message, fields });
}

/** Any thrown value as an ApiError, so forms and pages handle one type. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ status: 0, code: 'UNEXPECTED_RESPONSE', message: t.errors.unexpected });
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

function urlOf(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** The error of a failed response; a 401 also ends the session the request was sent with. */
function failureOf(status: number, body: unknown, sentWith: SessionView | null): ApiError {
  const error = parseErrorBody(status, body);
  // Only the session this request was sent with is cleared: a newer sign-in stays.
  if (status === 401 && sentWith && useAuthStore.getState().session === sentWith) {
    useAuthStore.getState().signedOut('expired');
  }
  return error;
}

const unexpected = (status: number) =>
  new ApiError({ status, code: 'UNEXPECTED_RESPONSE', message: t.errors.unexpected });

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const sentWith = useAuthStore.getState().session;
  const headers: Record<string, string> = { accept: 'application/json' };
  // Fastify refuses an empty body declared as JSON, so bodiless POSTs carry no content type.
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && sentWith) headers['x-csrf-token'] = sentWith.csrfToken;

  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: t.errors.network });
  }

  if (!response.ok) throw failureOf(response.status, await readJson(response), sentWith);
  if (response.status === 204) return undefined as T;
  const body = await readJson(response);
  if (body === undefined) throw unexpected(response.status);
  return body as T;
}

export interface UploadOptions {
  /** Called as the file goes out, with the share sent so far, from 0 to 1. */
  onProgress?(sent: number): void;
  signal?: AbortSignal;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** POSTs one file as multipart/form-data in the field `file`, answering and failing as `request` does. */
export function upload<T>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  const sentWith = useAuthStore.getState().session;
  const { onProgress, signal } = options;
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (outcome: () => void) => {
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };

    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (sentWith) xhr.setRequestHeader('x-csrf-token', sentWith.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () =>
      settle(() => {
        const body = parseJson(xhr.responseText);
        if (xhr.status < 200 || xhr.status >= 300) reject(failureOf(xhr.status, body, sentWith));
        else if (body === undefined) reject(unexpected(xhr.status));
        else resolve(body as T);
      });
    xhr.onerror = () =>
      settle(() => reject(new ApiError({ status: 0, code: 'NETWORK_ERROR', message: t.errors.network })));
    xhr.onabort = () => settle(() => reject(new DOMException('The upload was aborted', 'AbortError')));

    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

const segment = encodeURIComponent;

export const api = {
  auth: {
    /** Who is signed in here: `session` is null when nobody is (no 401, so nothing in the console). */
    current: (signal?: AbortSignal) => request<CurrentSessionView>('GET', '/api/auth/current', { signal }),
    logIn: (body: LogInBody) => request<SessionView>('POST', '/api/auth/login', { body }),
    signUp: (body: SignUpBody) => request<SessionView>('POST', '/api/auth/signup', { body }),
    logOut: () => request<void>('POST', '/api/auth/logout'),
    changePassword: (body: ChangePasswordBody) => request<void>('POST', '/api/auth/password', { body }),
  },
  account: {
    notifications: (signal?: AbortSignal) =>
      request<NotificationSettings>('GET', '/api/account/notifications', { signal }),
    setNotifications: (body: NotificationSettings) =>
      request<NotificationSettings>('PUT', '/api/account/notifications', { body }),
    /** Whether the company has a bot, and whether the signed-in member's Telegram is linked to it. */
    telegram: (signal?: AbortSignal) => request<MyTelegramView>('GET', '/api/account/telegram', { signal }),
    /** A deep link to the company's bot that links the member's chat once opened; valid for an hour. */
    linkTelegram: () => request<TelegramLinkView>('POST', '/api/account/telegram/link'),
    unlinkTelegram: () => request<void>('DELETE', '/api/account/telegram'),
  },
  team: {
    get: (signal?: AbortSignal) => request<TeamView>('GET', '/api/team', { signal }),
    addMember: (body: AddMemberBody) => request<MemberView>('POST', '/api/team/members', { body }),
    removeMember: (id: string) => request<void>('DELETE', `/api/team/members/${segment(id)}`),
    createInvite: (body: CreateInviteBody) => request<CreatedInviteView>('POST', '/api/team/invites', { body }),
    revokeInvite: (id: string) => request<void>('DELETE', `/api/team/invites/${segment(id)}`),
    setNotifications: (id: string, body: NotificationSettings) =>
      request<MemberView>('PUT', `/api/team/members/${segment(id)}/notifications`, { body }),
  },
  invites: {
    find: (token: string, signal?: AbortSignal) =>
      request<PublicInviteView>('GET', `/api/invites/${segment(token)}`, { signal }),
    accept: (token: string, body: AcceptInviteBody) =>
      request<SessionView>('POST', `/api/invites/${segment(token)}/accept`, { body }),
  },
  integrations: {
    /** Whether the plan has amoCRM and the webhook, and each channel's last delivery. */
    overview: (signal?: AbortSignal) => request<IntegrationsOverview>('GET', '/api/integrations', { signal }),
    /** The company's Telegram bot (never its token) and which members linked their chat. */
    telegram: (signal?: AbortSignal) =>
      request<TelegramIntegrationView>('GET', '/api/integrations/telegram', { signal }),
    /** Connects the bot by its @BotFather token; the token is never shown again. */
    connectTelegram: (token: string) =>
      request<TelegramIntegrationView>('PUT', '/api/integrations/telegram', { body: { token } }),
    setTelegramSettings: (body: TelegramSettingsBody) =>
      request<TelegramIntegrationView>('PATCH', '/api/integrations/telegram', { body }),
    /** Forgets the token and every member's link. */
    disconnectTelegram: () => request<void>('DELETE', '/api/integrations/telegram'),
    /** Sends a test message to every linked chat now, and says which got it. */
    testTelegram: () => request<TelegramTestView>('POST', '/api/integrations/telegram/test'),
    amocrm: (signal?: AbortSignal) => request<AmoIntegrationView>('GET', '/api/integrations/amocrm', { signal }),
    /** amoCRM's consent page, to open in the browser; amoCRM sends it back to the integrations page. */
    authorizeAmocrm: () => request<AmoAuthorizeView>('POST', '/api/integrations/amocrm/authorize'),
    /** The account's pipelines, fields and users, read live from amoCRM, and what can fill the fields. */
    amocrmAccount: (signal?: AbortSignal) =>
      request<AmoAccountView>('GET', '/api/integrations/amocrm/account', { signal }),
    saveAmocrmSettings: (body: AmoSettingsInput) =>
      request<AmoIntegrationView>('PUT', '/api/integrations/amocrm/settings', { body }),
    /** Creates a test deal in amoCRM now. */
    testAmocrm: () => request<IntegrationTestView>('POST', '/api/integrations/amocrm/test'),
    disconnectAmocrm: () => request<void>('DELETE', '/api/integrations/amocrm'),
    webhook: (signal?: AbortSignal) => request<WebhookView>('GET', '/api/integrations/webhook', { signal }),
    /** Sets the receiver's address; the answer carries the signing secret only when the endpoint is new. */
    saveWebhook: (body: WebhookInput) => request<WebhookSecretView>('PUT', '/api/integrations/webhook', { body }),
    /** A new signing secret, shown this once; the old one stops working at once. */
    rotateWebhookSecret: () => request<WebhookSecretView>('POST', '/api/integrations/webhook/secret'),
    /** Sends a `lead.test` POST to the receiver now. */
    testWebhook: () => request<IntegrationTestView>('POST', '/api/integrations/webhook/test'),
    removeWebhook: () => request<void>('DELETE', '/api/integrations/webhook'),
    metrika: (signal?: AbortSignal) => request<MetrikaView>('GET', '/api/integrations/metrika', { signal }),
    saveMetrika: (body: MetrikaInput) => request<MetrikaView>('PUT', '/api/integrations/metrika', { body }),
  },
  /** The company's outbox: emails, Telegram alerts, amoCRM deals and webhook calls, newest first. */
  deliveries: {
    list: (query: DeliveryFilter & { limit: number; offset: number }, signal?: AbortSignal) =>
      request<DeliveryListView>('GET', '/api/deliveries', { query, signal }),
    /** Queues a failed delivery again, its attempts counted afresh; a sent one is refused (409). */
    retry: (id: string) => request<DeliveryView>('POST', `/api/deliveries/${segment(id)}/retry`),
  },
  branding: {
    get: (signal?: AbortSignal) => request<BrandingView>('GET', '/api/branding', { signal }),
    save: (body: BrandingInput) => request<BrandingView>('PUT', '/api/branding', { body }),
    uploadLogo: (file: Blob, options?: UploadOptions) => upload<BrandingView>('/api/branding/logo', file, options),
    deleteLogo: () => request<BrandingView>('DELETE', '/api/branding/logo'),
    /** A sample estimate PDF in the saved branding, behind a link that works for a few minutes. */
    estimatePreview: () => request<SignedLinkView>('POST', '/api/branding/estimate-preview'),
  },
  botSettings: {
    get: (signal?: AbortSignal) => request<BotSettingsView>('GET', '/api/bot-settings', { signal }),
    save: (body: BotSettingsInput) => request<BotSettingsView>('PUT', '/api/bot-settings', { body }),
    uploadAvatar: (file: Blob, options?: UploadOptions) =>
      upload<BotSettingsView>('/api/bot-settings/avatar', file, options),
    deleteAvatar: () => request<BotSettingsView>('DELETE', '/api/bot-settings/avatar'),
  },
  funnel: {
    /** The funnel the widget runs, its version (null while it is the default one) and the default. */
    get: (signal?: AbortSignal) => request<FunnelView>('GET', '/api/funnel', { signal }),
    /** Saves a new version; refused (FUNNEL_CONFLICT) when `baseVersion` is no longer the latest. */
    save: (body: FunnelInput) => request<FunnelView>('PUT', '/api/funnel', { body }),
    /** Every saved version, newest first. */
    versions: (signal?: AbortSignal) => request<FunnelVersionsView>('GET', '/api/funnel/versions', { signal }),
    /** Saves a new version equal to version `number`. */
    restore: (number: number) => request<FunnelView>('POST', `/api/funnel/versions/${number}/restore`),
  },
  leads: {
    list: (query: LeadFilter & { limit: number; offset: number }, signal?: AbortSignal) =>
      request<LeadListView>('GET', '/api/leads', { query, signal }),
    get: (id: string, signal?: AbortSignal) => request<LeadView>('GET', `/api/leads/${segment(id)}`, { signal }),
    /** Where the filtered list downloads from as a file: a plain link, as the session cookie is all it needs. */
    exportUrl: (filter: LeadFilter, format: LeadExportFormat) => urlOf('/api/leads/export', { ...filter, format }),
    assignees: (signal?: AbortSignal) => request<LeadAssigneesView>('GET', '/api/leads/assignees', { signal }),
    changeStatus: (id: string, body: { status: LeadStatus; reason?: string }) =>
      request<LeadView>('POST', `/api/leads/${segment(id)}/status`, { body }),
    assign: (id: string, assigneeId: string | null) =>
      request<LeadView>('PUT', `/api/leads/${segment(id)}/assignee`, { body: { assigneeId } }),
    addNote: (id: string, text: string) =>
      request<LeadView>('POST', `/api/leads/${segment(id)}/notes`, { body: { text } }),
    /** The lead's estimate PDF, behind a link that works for a few minutes. */
    estimatePdf: (id: string) => request<SignedLinkView>('POST', `/api/leads/${segment(id)}/estimate-pdf`),
  },
  dialogs: {
    list: (query: DialogFilter & { limit: number; offset: number }, signal?: AbortSignal) =>
      request<DialogListView>('GET', '/api/dialogs', { query, signal }),
    get: (id: string, signal?: AbortSignal) => request<DialogView>('GET', `/api/dialogs/${segment(id)}`, { signal }),
    /** «Перехватить диалог»; with `force`, «Забрать себе» from the manager who holds it. */
    take: (id: string, force: boolean) =>
      request<DialogStatusView>('POST', `/api/dialogs/${segment(id)}/take`, { body: { force } }),
    returnToBot: (id: string) => request<DialogStatusView>('POST', `/api/dialogs/${segment(id)}/return`),
    close: (id: string) => request<DialogStatusView>('POST', `/api/dialogs/${segment(id)}/close`),
    /** A manager's message to the visitor; it takes the dialog when the AI has it or it waits. */
    send: (id: string, text: string) =>
      request<MessageView>('POST', `/api/dialogs/${segment(id)}/messages`, { body: { text } }),
    /** The company's dialogs as they change, as server-sent events; the session cookie is all it needs. */
    eventsUrl: '/api/dialogs/events',
    /** One dialog's live events, as server-sent events, after the message numbered `afterSeq`. */
    dialogEventsUrl: (id: string, afterSeq: number) =>
      urlOf(`/api/dialogs/${segment(id)}/events`, { lastEventId: afterSeq }),
    /** How long a visitor waits for a manager, and the working hours; the owner alone saves them. */
    settings: (signal?: AbortSignal) => request<DialogSettingsView>('GET', '/api/dialogs/settings', { signal }),
    saveSettings: (body: DialogSettingsInput) => request<DialogSettingsView>('PUT', '/api/dialogs/settings', { body }),
    /** «Добавить в базу знаний»: a manager's message as a pair, the visitor's words it answered as the question. */
    pairDraft: (id: string, messageId: string) =>
      request<PairDraftView>('GET', `/api/dialogs/${segment(id)}/messages/${segment(messageId)}/pair-draft`),
  },
  knowledge: {
    /** Every entry with its indexing status, the plan's room for documents and the search settings. */
    get: (signal?: AbortSignal) => request<KnowledgeView>('GET', '/api/knowledge', { signal }),
    /** One entry, with the last questions it answered or nearly answered. */
    entry: (id: string, signal?: AbortSignal) =>
      request<EntryDetailView>('GET', `/api/knowledge/${segment(id)}`, { signal }),
    addText: (body: AddTextBody) => request<EntryView>('POST', '/api/knowledge/documents', { body }),
    /** A document file; it is parsed and indexed after the upload, so it answers as still indexing. */
    uploadFile: (file: File, options?: UploadOptions) => upload<EntryView>('/api/knowledge/files', file, options),
    addPair: (body: AddPairBody) => request<EntryView>('POST', '/api/knowledge/pairs', { body }),
    update: (id: string, body: UpdateEntryBody) =>
      request<EntryView>('PATCH', `/api/knowledge/${segment(id)}`, { body }),
    reindex: (id: string) => request<EntryView>('POST', `/api/knowledge/${segment(id)}/reindex`),
    remove: (id: string) => request<void>('DELETE', `/api/knowledge/${segment(id)}`),
    saveSettings: (body: KnowledgeSettingsBody) =>
      request<KnowledgeSettingsBody>('PUT', '/api/knowledge/settings', { body }),
    /** «Проверить ответ»: what the bot would find for a question, each score, and what it would say. */
    check: (question: string) => request<CheckView>('POST', '/api/knowledge/check', { body: { question } }),
    /** Visitors' questions that came close to a curated pair but stayed under its threshold. */
    nearMisses: (signal?: AbortSignal) => request<NearMissesView>('GET', '/api/knowledge/near-misses', { signal }),
  },
  dashboard: {
    /** The conversion dashboard for a preset period or custom dates (the company's days). */
    get: (query: DashboardQuery, signal?: AbortSignal) =>
      request<DashboardView>('GET', '/api/dashboard', { query, signal }),
  },
  billing: {
    get: (signal?: AbortSignal) => request<BillingView>('GET', '/api/billing', { signal }),
    profile: (signal?: AbortSignal) => request<BillingProfileResponse>('GET', '/api/billing/profile', { signal }),
    saveProfile: (body: BillingProfileInput) =>
      request<BillingProfileResponse>('PUT', '/api/billing/profile', { body }),
    invoices: (signal?: AbortSignal) => request<InvoiceListView>('GET', '/api/billing/invoices', { signal }),
    issueInvoice: (body: IssueInvoiceBody) => request<IssuedInvoiceView>('POST', '/api/billing/invoices', { body }),
    /** The invoice's PDF, behind a link that works for a few minutes. */
    invoicePdf: (id: string) => request<SignedLinkView>('POST', `/api/billing/invoices/${segment(id)}/pdf`),
    /** A YooKassa payment of the invoice, and the token its checkout widget opens with. */
    startOnlinePayment: (id: string) =>
      request<StartedPaymentView>('POST', `/api/billing/invoices/${segment(id)}/online-payment`),
    /** Asks YooKassa about the latest payment now and settles it: the invoice paid, or the payment cancelled. */
    checkOnlinePayment: (id: string) =>
      request<CheckedInvoiceView>('POST', `/api/billing/invoices/${segment(id)}/online-payment/check`),
  },
  widget: {
    getSettings: (signal?: AbortSignal) => request<WidgetSettingsView>('GET', '/api/widget/settings', { signal }),
    saveSettings: (body: WidgetSettingsInput) => request<WidgetSettingsView>('PUT', '/api/widget/settings', { body }),
  },
  domain: {
    get: (signal?: AbortSignal) => request<{ domain: DomainView | null }>('GET', '/api/domain', { signal }),
    claim: (body: DomainInput) => request<{ domain: DomainView | null }>('PUT', '/api/domain', { body }),
    check: () => request<{ domain: DomainView | null }>('POST', '/api/domain/check'),
    remove: () => request<void>('DELETE', '/api/domain'),
  },
  platform: {
    listTenants: (query: Partial<TenantListQuery>, signal?: AbortSignal) =>
      request<TenantListView>('GET', '/api/platform/tenants', { query, signal }),
    suspendTenant: (id: string) => request<PlatformTenantView>('POST', `/api/platform/tenants/${segment(id)}/suspend`),
    reactivateTenant: (id: string) =>
      request<PlatformTenantView>('POST', `/api/platform/tenants/${segment(id)}/reactivate`),
    tenantUsage: (id: string, signal?: AbortSignal) =>
      request<UsageView>('GET', `/api/platform/tenants/${segment(id)}/usage`, { signal }),
    setTenantPlan: (id: string, body: SetPlanBody) =>
      request<PlatformTenantView>('POST', `/api/platform/tenants/${segment(id)}/plan`, { body }),
    listInvoices: (query: Partial<PlatformInvoiceListQuery>, signal?: AbortSignal) =>
      request<PlatformInvoiceListView>('GET', '/api/platform/invoices', { query, signal }),
    /** Puts the invoice's plan in force; sent twice, it pays once. */
    markInvoicePaid: (id: string) =>
      request<PlatformInvoiceView>('POST', `/api/platform/invoices/${segment(id)}/mark-paid`),
    cancelInvoice: (id: string, body: CancelInvoiceBody) =>
      request<PlatformInvoiceView>('POST', `/api/platform/invoices/${segment(id)}/cancel`, { body }),
    invoicePdf: (id: string) => request<SignedLinkView>('POST', `/api/platform/invoices/${segment(id)}/pdf`),
    /** Returns the whole payment to the buyer through YooKassa; the company's plan stays as it is. */
    refundPayment: (invoiceId: string, paymentId: string) =>
      request<PlatformInvoiceView>(
        'POST',
        `/api/platform/invoices/${segment(invoiceId)}/payments/${segment(paymentId)}/refund`,
      ),
    seller: (signal?: AbortSignal) =>
      request<SellerSettingsResponse>('GET', '/api/platform/settings/seller', { signal }),
    saveSeller: (body: SellerSettingsInput) =>
      request<SellerSettingsResponse>('PUT', '/api/platform/settings/seller', { body }),
    listDeliveries: (query: DeliveryFilter & { limit: number; offset: number }, signal?: AbortSignal) =>
      request<PlatformDeliveryListView>('GET', '/api/platform/deliveries', { query, signal }),
    /** Where an email's `.eml` file downloads from: a plain link, as the session cookie is all it needs. */
    deliveryFileUrl: (id: string) => `/api/platform/deliveries/${segment(id)}/eml`,
    saveSupport: (body: SupportContactInput) =>
      request<SupportContactResponse>('PUT', '/api/platform/settings/support', { body }),
    setup: (signal?: AbortSignal) => request<PlatformSetupView>('GET', '/api/platform/setup', { signal }),
  },
  /** The platform's support contact; public, for the pages that tell a company to write to it. */
  support: (signal?: AbortSignal) => request<SupportContactResponse>('GET', '/api/support', { signal }),
};
