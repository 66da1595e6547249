CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"recipient" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "deliveries_channel_check" CHECK ("deliveries"."channel" in ('email', 'telegram')),
	CONSTRAINT "deliveries_status_check" CHECK ("deliveries"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "deliveries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "telegram_alerts" (
	"tenant_id" uuid NOT NULL,
	"chat_id" bigint NOT NULL,
	"message_id" bigint NOT NULL,
	"session_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "telegram_alerts_tenant_id_chat_id_message_id_pk" PRIMARY KEY("tenant_id","chat_id","message_id")
);
--> statement-breakpoint
ALTER TABLE "telegram_alerts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "telegram_bots" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"bot_id" bigint NOT NULL,
	"username" text NOT NULL,
	"token_sealed" text NOT NULL,
	"notify_new_dialogs" boolean DEFAULT false NOT NULL,
	"webhook_secret" text,
	"update_offset" bigint DEFAULT 0 NOT NULL,
	"poller_id" text,
	"poller_lease_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "telegram_bots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "telegram_chats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"chat_id" bigint NOT NULL,
	"telegram_name" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_at" timestamp with time zone,
	"blocked_reason" text,
	CONSTRAINT "telegram_chats_tenant_user_unique" UNIQUE("tenant_id","user_id"),
	CONSTRAINT "telegram_chats_tenant_chat_unique" UNIQUE("tenant_id","chat_id")
);
--> statement-breakpoint
ALTER TABLE "telegram_chats" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "telegram_link_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "telegram_link_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "dialog_events" DROP CONSTRAINT "dialog_events_kind_check";--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD COLUMN "handoff_timeout_seconds" integer DEFAULT 180 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD COLUMN "working_hours" jsonb;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_alerts" ADD CONSTRAINT "telegram_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_alerts" ADD CONSTRAINT "telegram_alerts_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_bots" ADD CONSTRAINT "telegram_bots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_chats" ADD CONSTRAINT "telegram_chats_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_chats" ADD CONSTRAINT "telegram_chats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_link_codes" ADD CONSTRAINT "telegram_link_codes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_link_codes" ADD CONSTRAINT "telegram_link_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "deliveries_tenant_created_idx" ON "deliveries" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "telegram_link_codes_user_idx" ON "telegram_link_codes" USING btree ("tenant_id","user_id");--> statement-breakpoint
ALTER TABLE "dialog_events" ADD CONSTRAINT "dialog_events_kind_check" CHECK ("dialog_events"."kind" in ('operator_requested', 'taken', 'taken_over', 'returned', 'closed', 'reopened', 'operator_timeout'));--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD CONSTRAINT "tenant_bot_settings_handoff_timeout_check" CHECK ("tenant_bot_settings"."handoff_timeout_seconds" between 30 and 3600);--> statement-breakpoint
CREATE POLICY "deliveries_tenant_isolation" ON "deliveries" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("deliveries"."tenant_id" = app_tenant_id()) WITH CHECK ("deliveries"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "deliveries_platform_access" ON "deliveries" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "telegram_alerts_tenant_isolation" ON "telegram_alerts" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("telegram_alerts"."tenant_id" = app_tenant_id()) WITH CHECK ("telegram_alerts"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "telegram_alerts_platform_access" ON "telegram_alerts" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "telegram_bots_tenant_isolation" ON "telegram_bots" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("telegram_bots"."tenant_id" = app_tenant_id()) WITH CHECK ("telegram_bots"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "telegram_bots_platform_access" ON "telegram_bots" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "telegram_chats_tenant_isolation" ON "telegram_chats" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("telegram_chats"."tenant_id" = app_tenant_id()) WITH CHECK ("telegram_chats"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "telegram_chats_platform_access" ON "telegram_chats" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "telegram_link_codes_tenant_isolation" ON "telegram_link_codes" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("telegram_link_codes"."tenant_id" = app_tenant_id()) WITH CHECK ("telegram_link_codes"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "telegram_link_codes_platform_access" ON "telegram_link_codes" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);