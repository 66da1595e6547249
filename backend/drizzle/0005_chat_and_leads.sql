CREATE TABLE "chat_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"visitor_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"page_url" text,
	"referrer" text,
	"utm" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_sessions_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "chat_sessions_status_check" CHECK ("chat_sessions"."status" in ('active', 'completed'))
);
--> statement-breakpoint
ALTER TABLE "chat_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"answers" jsonb NOT NULL,
	"raw_answers" jsonb NOT NULL,
	"estimate" jsonb NOT NULL,
	"utm" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"page_url" text,
	"estimate_pdf_file_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leads_session_id_unique" UNIQUE("session_id")
);
--> statement-breakpoint
ALTER TABLE "leads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"role" text NOT NULL,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"model" text,
	"prompt_tokens" integer,
	"completion_tokens" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_session_seq_unique" UNIQUE("session_id","seq"),
	CONSTRAINT "messages_role_check" CHECK ("messages"."role" in ('visitor', 'bot', 'operator')),
	CONSTRAINT "messages_kind_check" CHECK ("messages"."kind" in ('text', 'question', 'answer', 'estimate'))
);
--> statement-breakpoint
ALTER TABLE "messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD COLUMN "funnel" jsonb;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD COLUMN "llm_model" text;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD COLUMN "metrika_counter_id" text;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD COLUMN "metrika_goals" jsonb;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_estimate_pdf_file_id_files_id_fk" FOREIGN KEY ("estimate_pdf_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_sessions_tenant_visitor_idx" ON "chat_sessions" USING btree ("tenant_id","visitor_id","created_at");--> statement-breakpoint
CREATE INDEX "leads_tenant_created_idx" ON "leads" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_tenant_idx" ON "messages" USING btree ("tenant_id");--> statement-breakpoint
CREATE POLICY "chat_sessions_tenant_isolation" ON "chat_sessions" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("chat_sessions"."tenant_id" = app_tenant_id()) WITH CHECK ("chat_sessions"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "chat_sessions_platform_access" ON "chat_sessions" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "leads_tenant_isolation" ON "leads" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("leads"."tenant_id" = app_tenant_id()) WITH CHECK ("leads"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "leads_platform_access" ON "leads" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "messages_tenant_isolation" ON "messages" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("messages"."tenant_id" = app_tenant_id()) WITH CHECK ("messages"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "messages_platform_access" ON "messages" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);