// The database schema, the single source for drizzle-kit migrations and typed queries.
//
// Tenancy rule: a table that belongs to a tenant has a `tenant_id` column, Row Level Security
// enabled here and FORCED in a migration, a policy that limits the `aimax_tenant` role to
// `app_tenant_id()`, and a policy that opens it to `aimax_platform`. A table without `tenant_id` is
// platform-only: `aimax_tenant` gets no privileges on it. `test/db/rls.test.ts` checks both rules
// against the live catalog, so a table that forgets one of them fails the suite.
import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgRole,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Queries made on behalf of one tenant, with `app.tenant_id` set (`withTenant`). */
export const tenantRole = pgRole('aimax_tenant').existing();
/** Audited platform-wide access: the superadmin and scheduled jobs (`withPlatform`). */
export const platformRole = pgRole('aimax_platform').existing();
/** Identity lookups before a tenant is known: sign-in, sessions, widget keys (`withIdentity`). */
export const identityRole = pgRole('aimax_identity').existing();

const tenantOwned = (table: string, tenantColumn: AnyPgColumn) => [
  pgPolicy(`${table}_tenant_isolation`, {
    to: tenantRole,
    for: 'all',
    using: sql`${tenantColumn} = app_tenant_id()`,
    withCheck: sql`${tenantColumn} = app_tenant_id()`,
  }),
  pgPolicy(`${table}_platform_access`, { to: platformRole, for: 'all', using: sql`true`, withCheck: sql`true` }),
];

const identityReads = (table: string) =>
  pgPolicy(`${table}_identity_read`, { to: identityRole, for: 'select', using: sql`true` });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

const oneOf = (column: AnyPgColumn, values: readonly string[]): SQL =>
  sql`${column} in (${sql.raw(values.map((value) => `'${value}'`).join(', '))})`;

export const PLANS = ['free', 'start', 'business', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];
export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];
export const ROLES = ['superadmin', 'owner', 'manager'] as const;
export type Role = (typeof ROLES)[number];
export const TENANT_ROLES = ['owner', 'manager'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Set for tenants the platform refers to by name, such as the demo tenant. */
    slug: text('slug').unique(),
    plan: text('plan').$type<Plan>().notNull().default('free'),
    planExpiresAt: timestamp('plan_expires_at', { withTimezone: true }),
    status: text('status').$type<TenantStatus>().notNull().default('active'),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    /** Public: it is pasted into landing pages and identifies the tenant to the widget API. */
    widgetKey: text('widget_key').notNull().unique(),
    allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
    /** The company's time zone: its usage months begin at its midnight. */
    timezone: text('timezone').notNull().default('Europe/Moscow'),
    /** The last site, other than the platform's own, that loaded the widget, and when (to the hour). */
    widgetSeenOrigin: text('widget_seen_origin'),
    widgetSeenAt: timestamp('widget_seen_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('tenants_plan_check', oneOf(t.plan, PLANS)),
    check('tenants_status_check', oneOf(t.status, TENANT_STATUSES)),
    ...tenantOwned('tenants', t.id),
    identityReads('tenants'),
  ],
).enableRLS();

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null only for the platform's superadmins. */
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    /** Stored trimmed and lower-cased; one account per address across the platform. */
    email: text('email').notNull().unique(),
    name: text('name').notNull().default(''),
    role: text('role').$type<Role>().notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** Whether the member gets an email for each new lead; on until they (or the owner) turn it off. */
    leadEmails: boolean('lead_emails').notNull().default(true),
  },
  (t) => [
    check('users_role_check', oneOf(t.role, ROLES)),
    check('users_superadmin_has_no_tenant', sql`(${t.role} = 'superadmin') = (${t.tenantId} is null)`),
    index('users_tenant_idx').on(t.tenantId),
    ...tenantOwned('users', t.tenantId),
    identityReads('users'),
    pgPolicy('users_identity_update', { to: identityRole, for: 'update', using: sql`true`, withCheck: sql`true` }),
  ],
).enableRLS();

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 of the cookie token: a leaked database does not yield usable cookies. */
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    index('sessions_tenant_idx').on(t.tenantId),
    ...tenantOwned('sessions', t.tenantId),
    pgPolicy('sessions_identity_access', { to: identityRole, for: 'all', using: sql`true`, withCheck: sql`true` }),
  ],
).enableRLS();

export const invites = pgTable(
  'invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role').$type<TenantRole>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('invites_role_check', oneOf(t.role, TENANT_ROLES)),
    index('invites_tenant_idx').on(t.tenantId),
    ...tenantOwned('invites', t.tenantId),
    identityReads('invites'),
  ],
).enableRLS();

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for platform-wide events. */
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    /** Kept without a foreign key: the trail outlives the accounts it mentions. */
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_tenant_created_idx').on(t.tenantId, t.createdAt), ...tenantOwned('audit_log', t.tenantId)],
).enableRLS();

/** Counters for sign-in and sign-up throttling; platform-only, keyed by `email:…` or `ip:…`. */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  attempts: integer('attempts').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
});

export const FILE_KINDS = ['logo', 'avatar', 'estimate', 'estimate-preview', 'invoice', 'knowledge'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
export const FILE_VISIBILITIES = ['public', 'private'] as const;
export type FileVisibility = (typeof FILE_VISIBILITIES)[number];

/** Every object in storage, so that it can be found, served as it should be, and deleted. */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<FileKind>().notNull(),
    key: text('key').notNull().unique(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    visibility: text('visibility').$type<FileVisibility>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('files_kind_check', oneOf(t.kind, FILE_KINDS)),
    check('files_visibility_check', oneOf(t.visibility, FILE_VISIBILITIES)),
    index('files_tenant_kind_idx').on(t.tenantId, t.kind),
    ...tenantOwned('files', t.tenantId),
  ],
).enableRLS();

/**
 * A company's working week: seven days from Monday, each either closed (null) or open from `from`
 * to `to` ("HH:MM", 24-hour, `to` after `from`), in the tenant's time zone.
 */
export interface WorkingHours {
  days: ({ from: string; to: string } | null)[];
}

/**
 * Each save of a company's funnel in «Воронка»: numbered from 1 per company, never changed or
 * removed. A session records the version it started on and finishes on it; its lead records it.
 */
export const funnelVersions = pgTable(
  'funnel_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /** FunnelConfig, checked by funnel/rules.ts before it is written. */
    config: jsonb('config').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** The older version this one brought back («Вернуть эту версию»). */
    restoredFrom: integer('restored_from'),
    createdAt: createdAt(),
  },
  (t) => [
    check('funnel_versions_number_check', sql`${t.number} >= 1`),
    unique('funnel_versions_tenant_number_key').on(t.tenantId, t.number),
    ...tenantOwned('funnel_versions', t.tenantId),
  ],
).enableRLS();

/** A (tenant, funnel version) reference: the version must be the same company's. */
const funnelVersionOf = (name: string, tenantId: AnyPgColumn, version: AnyPgColumn) =>
  foreignKey({
    name,
    columns: [tenantId, version],
    foreignColumns: [funnelVersions.tenantId, funnelVersions.number],
  });

/**
 * A tenant's widget as its visitors see it: branding (TenantBranding) and the bot (BotSettings).
 * One row per tenant, created on the first save; until then the defaults in code apply.
 */
export const tenantBotSettings = pgTable(
  'tenant_bot_settings',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** The company name the widget shows; null means the tenant's own name. */
    companyName: text('company_name'),
    primaryColor: text('primary_color').notNull(),
    accentColor: text('accent_color').notNull(),
    welcomeTitle: text('welcome_title').notNull(),
    welcomeText: text('welcome_text').notNull(),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    contactAddress: text('contact_address'),
    contactWebsite: text('contact_website'),
    logoFileId: uuid('logo_file_id').references(() => files.id, { onDelete: 'set null' }),
    botName: text('bot_name').notNull(),
    botGreeting: text('bot_greeting').notNull(),
    botAvatarFileId: uuid('bot_avatar_file_id').references(() => files.id, { onDelete: 'set null' }),
    /** The tenant's funnel (FunnelConfig, validated on write); null means the default funnel. */
    funnel: jsonb('funnel'),
    /** The funnel_versions number `funnel` is a copy of; null while it is the default. */
    funnelVersion: integer('funnel_version'),
    /** `vendor/model` for the LLM gateway; null means the platform's default. */
    llmModel: text('llm_model'),
    /** Yandex Metrika counter on the company's site, and the goal names the widget reaches. */
    metrikaCounterId: text('metrika_counter_id'),
    metrikaGoals: jsonb('metrika_goals').$type<Record<string, string>>(),
    /** How long a visitor who asked for a manager waits before the AI takes the dialog back. */
    handoffTimeoutSeconds: integer('handoff_timeout_seconds').notNull().default(180),
    /** When managers answer, in the company's time zone; null means at any time. */
    workingHours: jsonb('working_hours').$type<WorkingHours>(),
    /** How many knowledge passages an answer draws on, and the cosines a passage and a curated pair must reach. */
    kbTopK: integer('kb_top_k').notNull().default(4),
    kbMinSimilarity: doublePrecision('kb_min_similarity').notNull().default(0.45),
    kbQaSimilarity: doublePrecision('kb_qa_similarity').notNull().default(0.7),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('tenant_bot_settings_handoff_timeout_check', sql`${t.handoffTimeoutSeconds} between 30 and 3600`),
    check(
      'tenant_bot_settings_kb_check',
      sql`${t.kbTopK} between 1 and 10 and ${t.kbMinSimilarity} between 0.1 and 0.95 and ${t.kbQaSimilarity} between 0.3 and 0.99`,
    ),
    check(
      'tenant_bot_settings_colors_check',
      sql`${t.primaryColor} ~ '^#[0-9a-f]{6}$' and ${t.accentColor} ~ '^#[0-9a-f]{6}$'`,
    ),
    funnelVersionOf('tenant_bot_settings_funnel_version_fk', t.tenantId, t.funnelVersion),
    ...tenantOwned('tenant_bot_settings', t.tenantId),
  ],
).enableRLS();

export const CHAT_SESSION_STATUSES = ['active', 'completed'] as const;
export type ChatSessionStatus = (typeof CHAT_SESSION_STATUSES)[number];

/**
 * Who answers the visitor: the AI, nobody yet (a manager was asked for), a manager, or nobody (the
 * dialog was closed). Changed only by `dialogs/state.ts`, with conditional updates.
 */
export const DIALOG_STATES = ['ai', 'waiting_operator', 'operator', 'closed'] as const;
export type DialogState = (typeof DIALOG_STATES)[number];

/** A visitor's conversation with a tenant's widget: the funnel answers so far, where they came from. */
export const chatSessions = pgTable(
  'chat_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** Random, kept in the customer's page's storage by the loader, so a returning visitor resumes. */
    visitorId: text('visitor_id').notNull(),
    /** SHA-256 of the token the widget presents for this session. */
    tokenHash: text('token_hash').notNull().unique(),
    status: text('status').$type<ChatSessionStatus>().notNull().default('active'),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    /** The funnel version the session started on and is asked from to the end; null: the default funnel. */
    funnelVersion: integer('funnel_version'),
    pageUrl: text('page_url'),
    referrer: text('referrer'),
    utm: jsonb('utm').$type<Record<string, string>>().notNull().default({}),
    /** The sequence number of the session's last message; events carry it as their id. */
    lastSeq: integer('last_seq').notNull().default(0),
    /** Started past the plan's session limit: the funnel and leads work, the AI does not answer. */
    limited: boolean('limited').notNull().default(false),
    dialogState: text('dialog_state').$type<DialogState>().notNull().default('ai'),
    /** The manager holding the dialog while its state is `operator`; null otherwise. */
    operatorId: uuid('operator_id').references(() => users.id, { onDelete: 'set null' }),
    dialogStateAt: timestamp('dialog_state_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('chat_sessions_status_check', oneOf(t.status, CHAT_SESSION_STATUSES)),
    check('chat_sessions_dialog_state_check', oneOf(t.dialogState, DIALOG_STATES)),
    index('chat_sessions_tenant_updated_idx').on(t.tenantId, t.updatedAt),
    index('chat_sessions_tenant_visitor_idx').on(t.tenantId, t.visitorId, t.createdAt),
    // The handoff sweep's look: the few dialogs waiting for a manager, longest first.
    index('chat_sessions_waiting_idx').on(t.dialogStateAt).where(sql`${t.dialogState} = 'waiting_operator'`),
    funnelVersionOf('chat_sessions_funnel_version_fk', t.tenantId, t.funnelVersion),
    ...tenantOwned('chat_sessions', t.tenantId),
  ],
).enableRLS();

export const MESSAGE_ROLES = ['visitor', 'bot', 'operator'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
/** `notice`: what the dialog's state change tells the visitor («Менеджер Ольга подключился…»). */
export const MESSAGE_KINDS = ['text', 'question', 'answer', 'estimate', 'notice'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => chatSessions.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… within the session: the order, and the id of the event that carried it. */
    seq: integer('seq').notNull(),
    role: text('role').$type<MessageRole>().notNull(),
    kind: text('kind').$type<MessageKind>().notNull(),
    content: text('content').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** For AI replies: the model that wrote it and the tokens it took. */
    model: text('model'),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    createdAt: createdAt(),
  },
  (t) => [
    check('messages_role_check', oneOf(t.role, MESSAGE_ROLES)),
    check('messages_kind_check', oneOf(t.kind, MESSAGE_KINDS)),
    unique('messages_session_seq_unique').on(t.sessionId, t.seq),
    index('messages_tenant_idx').on(t.tenantId),
    ...tenantOwned('messages', t.tenantId),
  ],
).enableRLS();

export const DIALOG_EVENT_KINDS = [
  'operator_requested',
  'taken',
  'taken_over',
  'returned',
  'closed',
  'reopened',
  /** Nobody took a dialog that waited for a manager (or it came outside working hours): the AI resumed. */
  'operator_timeout',
] as const;
export type DialogEventKind = (typeof DIALOG_EVENT_KINDS)[number];

/** Who changed a dialog's state and when: the dialog page's timeline. Rows are only added. */
export const dialogEvents = pgTable(
  'dialog_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => chatSessions.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<DialogEventKind>().notNull(),
    fromState: text('from_state').$type<DialogState>().notNull(),
    toState: text('to_state').$type<DialogState>().notNull(),
    /** The member who did it; null for the visitor, and once that member is removed. */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** The member's name as it was; null for the visitor. */
    actorName: text('actor_name'),
    createdAt: createdAt(),
  },
  (t) => [
    index('dialog_events_session_idx').on(t.tenantId, t.sessionId, t.createdAt),
    check('dialog_events_kind_check', oneOf(t.kind, DIALOG_EVENT_KINDS)),
    ...tenantOwned('dialog_events', t.tenantId),
  ],
).enableRLS();

/**
 * The conversion funnel's stages, in order: the widget opened (a session started), the dialog
 * started (the visitor's first message, answer or call for a manager), each funnel step passed,
 * contacts left (the lead), the estimate PDF downloaded. Written by `analytics/funnelEvents.ts`.
 */
export const FUNNEL_STAGES = [
  'opened',
  'started',
  'step:objectType',
  'step:repairType',
  'step:area',
  'step:rooms',
  'step:replanning',
  'step:designProject',
  'step:timing',
  'contacts',
  'estimate_pdf',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** When a session first reached each stage: one row per session and stage, only ever added. */
export const funnelEvents = pgTable(
  'funnel_events',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => chatSessions.id, { onDelete: 'cascade' }),
    stage: text('stage').$type<FunnelStage>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.stage] }),
    check('funnel_events_stage_check', oneOf(t.stage, FUNNEL_STAGES)),
    ...tenantOwned('funnel_events', t.tenantId),
  ],
).enableRLS();

/**
 * How many sessions reached each stage on each day of the company's time zone: `funnel_events`
 * counted as they are written, in the same statement, so that a period's funnel reads a few
 * hundred rows instead of every event of the period.
 */
export const funnelDaily = pgTable(
  'funnel_daily',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    stage: text('stage').$type<FunnelStage>().notNull(),
    sessions: integer('sessions').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.day, t.stage] }),
    check('funnel_daily_stage_check', oneOf(t.stage, FUNNEL_STAGES)),
    ...tenantOwned('funnel_daily', t.tenantId),
  ],
).enableRLS();

/**
 * A dialog in which a manager was called for or joined, one row per session: when it first
 * waited for a manager (the first call, or the takeover when a manager joined unasked), when a
 * manager first wrote, when one first took it over, and when the visitor started the dialog.
 * Kept by triggers on `dialog_events`, `messages` and `funnel_events` (drizzle/0022), so every
 * path that takes a dialog or sends a manager's message (the panel, Telegram) is counted, and
 * the dashboard reads a period's waits by range instead of looking each dialog up.
 */
export const managerWaits = pgTable(
  'manager_waits',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .primaryKey()
      .references(() => chatSessions.id, { onDelete: 'cascade' }),
    waitedFrom: timestamp('waited_from', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    /** The session's `started` funnel event, once there is one. */
    startedAt: timestamp('started_at', { withTimezone: true }),
  },
  (t) => [
    index('manager_waits_waited_idx').on(t.tenantId, t.waitedFrom),
    index('manager_waits_taken_idx').on(t.tenantId, t.startedAt).where(sql`${t.takenAt} is not null`),
    ...tenantOwned('manager_waits', t.tenantId),
  ],
).enableRLS();

/** A completed funnel: who, what they want, the estimate. One per chat session, never lost. */
/** A lead's pipeline, in order; the Russian names are the API's (`leads/pipeline.ts`) and the panel's. */
export const LEAD_STATUSES = ['new', 'in_progress', 'measurement', 'contract', 'rejected'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .unique()
      .references(() => chatSessions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** E.164. */
    phone: text('phone').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    /** The question and answer pairs as the visitor saw them, and the raw answers. */
    answers: jsonb('answers').$type<{ question: string; answer: string }[]>().notNull(),
    rawAnswers: jsonb('raw_answers').$type<Record<string, unknown>>().notNull(),
    estimate: jsonb('estimate').$type<Record<string, unknown>>().notNull(),
    /** The funnel version that asked and priced it; null: the default funnel. */
    funnelVersion: integer('funnel_version'),
    utm: jsonb('utm').$type<Record<string, string>>().notNull().default({}),
    pageUrl: text('page_url'),
    estimatePdfFileId: uuid('estimate_pdf_file_id').references(() => files.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** Where the lead stands in the company's pipeline; every change is a `lead_events` row. */
    status: text('status').$type<LeadStatus>().notNull().default('new'),
    /** Why the client said no; set only while the status is `rejected`. */
    statusReason: text('status_reason'),
    /** The member responsible for the lead, of the same company (checked by the service). */
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('leads_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('leads_tenant_status_idx').on(t.tenantId, t.status),
    check('leads_status_check', oneOf(t.status, LEAD_STATUSES)),
    check('leads_status_reason_check', sql`(${t.statusReason} is not null) = (${t.status} = 'rejected')`),
    funnelVersionOf('leads_funnel_version_fk', t.tenantId, t.funnelVersion),
    ...tenantOwned('leads', t.tenantId),
  ],
).enableRLS();

export const LEAD_EVENT_KINDS = ['status', 'assignee', 'note'] as const;
export type LeadEventKind = (typeof LEAD_EVENT_KINDS)[number];

/**
 * A lead's history, one row per change or note, written in the change's transaction: a status
 * move (`status`, with `fromStatus` and the reason of a refusal), a new responsible member
 * (`assigneeId`, null when cleared) or a note (`text`). Rows are only ever added.
 */
export const leadEvents = pgTable(
  'lead_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<LeadEventKind>().notNull(),
    /** Who did it; null once that member is removed from the company. */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** The actor's name as it was, so the history still says who after they are gone. */
    actorName: text('actor_name').notNull(),
    fromStatus: text('from_status').$type<LeadStatus>(),
    status: text('status').$type<LeadStatus>(),
    reason: text('reason'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    /** The new responsible member's name as it was; null when the lead was left without one. */
    assigneeName: text('assignee_name'),
    text: text('text'),
    createdAt: createdAt(),
  },
  (t) => [
    index('lead_events_lead_created_idx').on(t.tenantId, t.leadId, t.createdAt),
    check('lead_events_kind_check', oneOf(t.kind, LEAD_EVENT_KINDS)),
    check('lead_events_status_check', sql`${t.status} is null or ${oneOf(t.status, LEAD_STATUSES)}`),
    ...tenantOwned('lead_events', t.tenantId),
  ],
).enableRLS();

/**
 * What a tenant used in a calendar month (in its time zone), against its plan's monthly limits.
 * Increments happen in SQL, conditionally, so concurrent requests never pass a limit.
 */
export const tenantUsage = pgTable(
  'tenant_usage',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** The first day of the month. */
    periodStart: date('period_start').notNull(),
    sessions: integer('sessions').notNull().default(0),
    /** Sessions started past the limit: served without the AI. */
    limitedSessions: integer('limited_sessions').notNull().default(0),
    messages: integer('messages').notNull().default(0),
    tokens: bigint('tokens', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.periodStart] }), ...tenantOwned('tenant_usage', t.tenantId)],
).enableRLS();

export const LEGAL_FORMS = ['company', 'entrepreneur'] as const;
/** A legal entity (ООО, АО…: ИНН of 10 digits, КПП, ОГРН) or an individual entrepreneur (ИП: ИНН of 12, ОГРНИП). */
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** The buyer's requisites for invoices, filled once by the owner. */
export const billingProfiles = pgTable(
  'billing_profiles',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    legalForm: text('legal_form').$type<LegalForm>().notNull(),
    /** As it should read on documents: «ООО «Ремонт Плюс»», «ИП Иванов Иван Иванович». */
    name: text('name').notNull(),
    inn: text('inn').notNull(),
    /** Legal entities only. */
    kpp: text('kpp'),
    /** ОГРН of a legal entity, ОГРНИП of an entrepreneur. */
    ogrn: text('ogrn').notNull(),
    legalAddress: text('legal_address').notNull(),
    /** Where invoices and billing notices go. */
    email: text('email').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('billing_profiles_legal_form_check', oneOf(t.legalForm, LEGAL_FORMS)),
    ...tenantOwned('billing_profiles', t.tenantId),
  ],
).enableRLS();

/** Platform-wide settings by key, such as the seller's requisites; platform-only. */
export const platformSettings = pgTable('platform_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/**
 * The last invoice number given out each year. Platform-only: tenants take numbers through the
 * `next_invoice_seq` function, whose row lock orders concurrent invoices and whose increment is
 * undone with a rolled-back invoice, so the numbers have neither gaps nor repeats.
 */
export const invoiceCounters = pgTable('invoice_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const INVOICE_STATUSES = ['issued', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const INVOICE_PAID_VIA = ['transfer', 'online'] as const;
export type InvoicePaidVia = (typeof INVOICE_PAID_VIA)[number];

export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** `2026-000123`: the year and the year's sequence. */
    number: text('number').notNull().unique(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** What was bought, kept as issued whatever the catalogue says later. */
    plan: text('plan').$type<Plan>().notNull(),
    planName: text('plan_name').notNull(),
    termMonths: integer('term_months').notNull(),
    monthlyPriceKopecks: bigint('monthly_price_kopecks', { mode: 'number' }).notNull(),
    discountPercent: integer('discount_percent').notNull(),
    amountKopecks: bigint('amount_kopecks', { mode: 'number' }).notNull(),
    /** Null when the seller charges no VAT (УСН); else the rate in per cent, included in the amount. */
    vatRate: integer('vat_rate'),
    vatKopecks: bigint('vat_kopecks', { mode: 'number' }).notNull(),
    status: text('status').$type<InvoiceStatus>().notNull().default('issued'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** The superadmin who marked it paid; kept without a foreign key, like the audit trail. */
    paidBy: uuid('paid_by'),
    /** `transfer`: marked paid by the superadmin; `online`: paid through YooKassa. */
    paidVia: text('paid_via').$type<InvoicePaidVia>(),
    /** The term the payment bought, set when it is marked paid. */
    periodStart: timestamp('period_start', { withTimezone: true }),
    periodEnd: timestamp('period_end', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by'),
    cancelReason: text('cancel_reason'),
    /** Both sides' requisites as they were on the day of issue. */
    seller: jsonb('seller').notNull(),
    buyer: jsonb('buyer').notNull(),
    pdfFileId: uuid('pdf_file_id').references(() => files.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    unique('invoices_year_seq_unique').on(t.year, t.seq),
    check('invoices_status_check', oneOf(t.status, INVOICE_STATUSES)),
    check('invoices_paid_via_check', oneOf(t.paidVia, INVOICE_PAID_VIA)),
    check('invoices_plan_check', oneOf(t.plan, PLANS)),
    index('invoices_tenant_issued_idx').on(t.tenantId, t.issuedAt),
    index('invoices_status_issued_idx').on(t.status, t.issuedAt),
    ...tenantOwned('invoices', t.tenantId),
  ],
).enableRLS();

/**
 * An online payment is `creating` from the moment its idempotence key is stored until YooKassa
 * answers; then it carries YooKassa's status (`capture: true`, so never `waiting_for_capture`).
 */
export const PAYMENT_STATUSES = ['creating', 'pending', 'succeeded', 'canceled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const REFUND_STATUSES = ['pending', 'succeeded', 'canceled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * Each try to pay an invoice online. The idempotence key is written before YooKassa is asked, so
 * a retried creation (a double click, a lost answer) finds the same payment instead of a second.
 * Only a `succeeded` row, re-read from YooKassa's API, pays its invoice.
 */
export const invoicePayments = pgTable(
  'invoice_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    idempotenceKey: uuid('idempotence_key').notNull().unique(),
    providerPaymentId: text('provider_payment_id').unique(),
    status: text('status').$type<PaymentStatus>().notNull().default('creating'),
    amountKopecks: bigint('amount_kopecks', { mode: 'number' }).notNull(),
    /** The checkout widget's token: single-use, for this payment while it is pending. */
    confirmationToken: text('confirmation_token'),
    method: text('method'),
    methodTitle: text('method_title'),
    /** YooKassa's `cancellation_details`. */
    cancellationParty: text('cancellation_party'),
    cancellationReason: text('cancellation_reason'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    refundIdempotenceKey: uuid('refund_idempotence_key').unique(),
    providerRefundId: text('provider_refund_id'),
    refundStatus: text('refund_status').$type<RefundStatus>(),
    refundRequestedAt: timestamp('refund_requested_at', { withTimezone: true }),
    /** The superadmin who asked for the refund; kept without a foreign key, like the audit trail. */
    refundRequestedBy: uuid('refund_requested_by'),
  },
  (t) => [
    check('invoice_payments_status_check', oneOf(t.status, PAYMENT_STATUSES)),
    check('invoice_payments_refund_status_check', oneOf(t.refundStatus, REFUND_STATUSES)),
    index('invoice_payments_invoice_idx').on(t.invoiceId, t.createdAt),
    index('invoice_payments_open_idx').on(t.status, t.createdAt),
    ...tenantOwned('invoice_payments', t.tenantId),
  ],
).enableRLS();

export const DELIVERY_CHANNELS = ['email', 'telegram', 'amocrm', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The transactional outbox of every channel: a delivery is a row written in the transaction of
 * the change it tells of, and a worker sends it later, retrying with backoff. `dedupe_key` makes
 * each notice once only (an invoice's, a payment's, a lead's to each member). `payload` is what the
 * channel sends (an email's subject, bodies and attachments; a Telegram message's text).
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<DeliveryChannel>().notNull(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    /** Who it goes to, as people read it: the addresses of an email, the name of a Telegram chat. */
    recipient: text('recipient').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The channel's id of what was sent: an email's Message-ID, a Telegram message_id, an amoCRM lead id. */
    externalId: text('external_id'),
    /** The lead it tells of, for the journal; kept when the lead is gone. */
    leadId: uuid('lead_id'),
    /** The outside service's last answer as people read it («HTTP 500: …»). */
    response: text('response'),
    createdAt: createdAt(),
  },
  (t) => [
    check('deliveries_channel_check', oneOf(t.channel, DELIVERY_CHANNELS)),
    check('deliveries_status_check', oneOf(t.status, DELIVERY_STATUSES)),
    index('deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('deliveries_tenant_created_idx').on(t.tenantId, t.createdAt),
    ...tenantOwned('deliveries', t.tenantId),
  ],
).enableRLS();

/**
 * A company's Telegram bot, made by the owner with @BotFather. The token is sealed with a key
 * derived from APP_SECRET (`lib/secrets.ts`) and never leaves the server. One instance at a time
 * long-polls `getUpdates` for the bot: it holds the lease (`poller_id` until `poller_lease_until`).
 */
export const telegramBots = pgTable(
  'telegram_bots',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    botId: bigint('bot_id', { mode: 'number' }).notNull(),
    username: text('username').notNull(),
    tokenSealed: text('token_sealed').notNull(),
    /** Whether every new dialog is announced, not only leads and requests for a manager. */
    notifyNewDialogs: boolean('notify_new_dialogs').notNull().default(false),
    /** Set when Telegram delivers updates to our webhook (an https PUBLIC_URL); null: long polling. */
    webhookSecret: text('webhook_secret'),
    /** The next `getUpdates` offset: one past the last update handled. */
    updateOffset: bigint('update_offset', { mode: 'number' }).notNull().default(0),
    pollerId: text('poller_id'),
    pollerLeaseUntil: timestamp('poller_lease_until', { withTimezone: true }),
    /** Why updates stopped arriving (a revoked token, another program polling); null while fine. */
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [...tenantOwned('telegram_bots', t.tenantId)],
).enableRLS();

/** A member's Telegram chat with the company's bot, linked by a one-time deep link. */
export const telegramChats = pgTable(
  'telegram_chats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    /** The Telegram name (and @username) at linking, so the admin can tell chats apart. */
    telegramName: text('telegram_name').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when Telegram answered 403 (the member blocked the bot): nothing more is sent to it. */
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    blockedReason: text('blocked_reason'),
  },
  (t) => [
    unique('telegram_chats_tenant_user_unique').on(t.tenantId, t.userId),
    unique('telegram_chats_tenant_chat_unique').on(t.tenantId, t.chatId),
    ...tenantOwned('telegram_chats', t.tenantId),
  ],
).enableRLS();

export const AMOCRM_STATUSES = ['connected', 'reauth_required'] as const;
export type AmoStatus = (typeof AMOCRM_STATUSES)[number];

/**
 * A company's amoCRM account, connected by OAuth 2.0. Tokens are sealed (`lib/sealed.ts`). The
 * refresh token is single-use, so one refresh at a time: whoever sets `refresh_lease_until` does
 * it, the others wait for the new access token (`amocrm/tokens.ts`). `settings` is where new leads
 * go and how the funnel's answers fill the account's fields (AmoSettingsInput).
 */
export const amocrmConnections = pgTable(
  'amocrm_connections',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    subdomain: text('subdomain').notNull(),
    accessTokenSealed: text('access_token_sealed').notNull(),
    refreshTokenSealed: text('refresh_token_sealed').notNull(),
    accessExpiresAt: timestamp('access_expires_at', { withTimezone: true }).notNull(),
    refreshLeaseUntil: timestamp('refresh_lease_until', { withTimezone: true }),
    status: text('status').$type<AmoStatus>().notNull().default('connected'),
    /** Why leads wait (amoCRM refused our tokens); null while fine. */
    problem: text('problem'),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
    connectedBy: uuid('connected_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('amocrm_connections_status_check', oneOf(t.status, AMOCRM_STATUSES)),
    ...tenantOwned('amocrm_connections', t.tenantId),
  ],
).enableRLS();

/** Where each new lead is POSTed, signed with the secret (sealed; shown to the owner once). */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    secretSealed: text('secret_sealed').notNull(),
    secretHint: text('secret_hint').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [...tenantOwned('webhook_endpoints', t.tenantId)],
).enableRLS();

/** A one-time code of a deep link `t.me/<bot>?start=<code>`; stored hashed, valid for a while. */
export const telegramLinkCodes = pgTable(
  'telegram_link_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('telegram_link_codes_user_idx').on(t.tenantId, t.userId),
    ...tenantOwned('telegram_link_codes', t.tenantId),
  ],
).enableRLS();

/** An alert the bot sent about a dialog: a manager's reply to it in Telegram goes to that dialog. */
export const telegramAlerts = pgTable(
  'telegram_alerts',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    messageId: bigint('message_id', { mode: 'number' }).notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => chatSessions.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.chatId, t.messageId] }), ...tenantOwned('telegram_alerts', t.tenantId)],
).enableRLS();

// The knowledge base (modules/knowledge). An entry is a document (pasted text or an uploaded file)
// or a curated question-and-answer pair; indexing cuts it into chunks that the full-text and
// trigram indexes (migration 0025) and the vector store search. Vectors live apart: in
// `kb_embeddings` where pgvector is installed (created by that migration only then, so it is not
// declared here), or in Qdrant.
export const KB_ENTRY_KINDS = ['document', 'qa'] as const;
export type KbEntryKind = (typeof KB_ENTRY_KINDS)[number];
export const KB_ENTRY_STATUSES = ['indexing', 'ready', 'error'] as const;
export type KbEntryStatus = (typeof KB_ENTRY_STATUSES)[number];
export const KB_CHUNK_KINDS = ['passage', 'question'] as const;
export type KbChunkKind = (typeof KB_CHUNK_KINDS)[number];
export const KB_MATCH_KINDS = ['qa', 'passage', 'none'] as const;
export type KbMatchKind = (typeof KB_MATCH_KINDS)[number];
export const KB_MATCH_SOURCES = ['chat', 'check'] as const;
export type KbMatchSource = (typeof KB_MATCH_SOURCES)[number];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const kbEntries = pgTable(
  'kb_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<KbEntryKind>().notNull(),
    title: text('title').notNull(),
    /** A pasted document's text; null for a file (read from `fileId`) and a Q&A pair. */
    body: text('body'),
    fileId: uuid('file_id').references(() => files.id, { onDelete: 'set null' }),
    fileName: text('file_name'),
    /** The phrasings of a Q&A pair's question, the first as the owner wrote it; empty for a document. */
    questions: text('questions').array().notNull().default(sql`'{}'::text[]`),
    answer: text('answer'),
    /** The dialog a pair was learnt from («Добавить в базу знаний»). */
    sourceSessionId: uuid('source_session_id').references(() => chatSessions.id, { onDelete: 'set null' }),
    status: text('status').$type<KbEntryStatus>().notNull().default('indexing'),
    /** Why indexing failed, in Russian, for the owner. */
    error: text('error'),
    enabled: boolean('enabled').notNull().default(true),
    sizeBytes: integer('size_bytes').notNull().default(0),
    chunkCount: integer('chunk_count').notNull().default(0),
    /** Bumped by every change that needs indexing again; a job indexes the revision it read. */
    revision: integer('revision').notNull().default(1),
    /** The embedding model of the vectors now serving this entry; null before the first index. */
    embeddingModel: text('embedding_model'),
    indexedAt: timestamp('indexed_at', { withTimezone: true }),
    useCount: integer('use_count').notNull().default(0),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('kb_entries_kind_check', oneOf(t.kind, KB_ENTRY_KINDS)),
    check('kb_entries_status_check', oneOf(t.status, KB_ENTRY_STATUSES)),
    check(
      'kb_entries_shape_check',
      sql`(${t.kind} = 'qa' and ${t.answer} is not null and cardinality(${t.questions}) > 0) or (${t.kind} = 'document' and (${t.body} is not null or ${t.fileName} is not null))`,
    ),
    index('kb_entries_tenant_idx').on(t.tenantId, t.createdAt),
    // What every question asks first (retrieve.ts, outlineOf): whether the company has entries
    // switched on, pairs among them, and vectors of a model; each an index probe, not a read of
    // all its entries.
    index('kb_entries_search_idx').on(t.tenantId, t.kind, t.embeddingModel).where(sql`${t.enabled}`),
    ...tenantOwned('kb_entries', t.tenantId),
  ],
).enableRLS();

export const kbChunks = pgTable(
  'kb_chunks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => kbEntries.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<KbChunkKind>().notNull(),
    ordinal: integer('ordinal').notNull(),
    headingPath: text('heading_path').array().notNull().default(sql`'{}'::text[]`),
    content: text('content').notNull(),
    /** `normalizeForSearch(content)`: what the full-text and trigram indexes see. */
    searchText: text('search_text').notNull(),
    tsv: tsvector('tsv').generatedAlwaysAs(sql`to_tsvector('russian'::regconfig, search_text)`),
  },
  (t) => [
    check('kb_chunks_kind_check', oneOf(t.kind, KB_CHUNK_KINDS)),
    index('kb_chunks_entry_idx').on(t.entryId, t.ordinal),
    // The full-text and trigram indexes lead with the tenant and are searched through the
    // kb_*_candidates functions (migration 0026), which is why they are not declared here.
    ...tenantOwned('kb_chunks', t.tenantId),
  ],
).enableRLS();

/**
 * The words of each entry's passages as the `russian` configuration stems them (no numbers, none
 * under three letters): the company's vocabulary, which a question's unknown word is corrected
 * against (vocabulary.ts). Written with the entry's chunks.
 */
export const kbLexemes = pgTable(
  'kb_lexemes',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => kbEntries.id, { onDelete: 'cascade' }),
    lexeme: text('lexeme').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.lexeme] }),
    // The trigram index leads with the tenant, like the chunks' (migration 0027), and is searched
    // through kb_lexeme_corrections.
    index('kb_lexemes_lexeme_idx').on(t.tenantId, t.lexeme),
    ...tenantOwned('kb_lexemes', t.tenantId),
  ],
).enableRLS();

/** Indexing to do: one row per entry, taken by the worker like the outbox's deliveries. */
export const kbJobs = pgTable(
  'kb_jobs',
  {
    entryId: uuid('entry_id')
      .primaryKey()
      .references(() => kbEntries.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [index('kb_jobs_due_idx').on(t.nextAttemptAt), ...tenantOwned('kb_jobs', t.tenantId)],
).enableRLS();

/** Each question retrieval answered (the chat, «Проверить ответ»): the use counts and the near misses. */
export const kbMatches = pgTable(
  'kb_matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => chatSessions.id, { onDelete: 'cascade' }),
    source: text('source').$type<KbMatchSource>().notNull(),
    question: text('question').notNull(),
    /** The best entry, whether or not it passed. */
    entryId: uuid('entry_id').references(() => kbEntries.id, { onDelete: 'set null' }),
    kind: text('kind').$type<KbMatchKind>().notNull(),
    /** The best entry's score on its own scale (a cosine for a pair, the best leg's for a passage). */
    score: doublePrecision('score'),
    passed: boolean('passed').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('kb_matches_kind_check', oneOf(t.kind, KB_MATCH_KINDS)),
    check('kb_matches_source_check', oneOf(t.source, KB_MATCH_SOURCES)),
    index('kb_matches_entry_idx').on(t.tenantId, t.entryId, t.createdAt),
    index('kb_matches_missed_idx').on(t.tenantId, t.createdAt).where(sql`not ${t.passed}`),
    ...tenantOwned('kb_matches', t.tenantId),
  ],
).enableRLS();

export const DOMAIN_STATUSES = ['pending', 'verified', 'misconfigured'] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

/**
 * A company's own domain for the widget (`chat.company.ru`): one per company, claimed with a
 * token its DNS must show. The same hostname may be claimed by several companies while none has
 * proven it; verified, it is one company's alone. Claimed again after removal, it gets a new token.
 */
export const tenantDomains = pgTable(
  'tenant_domains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** Lower case, no trailing dot, IDN as punycode (hostname.ts). */
    hostname: text('hostname').notNull(),
    token: text('token').notNull(),
    status: text('status').$type<DomainStatus>().notNull().default('pending'),
    /** What the last check found wrong, in Russian; null once verified. */
    problem: text('problem'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** A verified domain's first failed check since it last passed: it is disabled after the grace period. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('tenant_domains_status_check', oneOf(t.status, DOMAIN_STATUSES)),
    unique('tenant_domains_tenant_key').on(t.tenantId),
    // One company at most has proven a name its own.
    uniqueIndex('tenant_domains_verified_key').on(t.hostname).where(sql`${t.status} = 'verified'`),
    // Requests by Host and the TLS hook find a name's claims, verified or not.
    index('tenant_domains_hostname_idx').on(t.hostname),
    ...tenantOwned('tenant_domains', t.tenantId),
    identityReads('tenant_domains'),
  ],
).enableRLS();
