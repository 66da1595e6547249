CREATE TABLE "kb_chunks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ordinal" integer NOT NULL,
	"heading_path" text[] DEFAULT '{}'::text[] NOT NULL,
	"content" text NOT NULL,
	"search_text" text NOT NULL,
	"tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, search_text)) STORED,
	CONSTRAINT "kb_chunks_kind_check" CHECK ("kb_chunks"."kind" in ('passage', 'question'))
);
--> statement-breakpoint
ALTER TABLE "kb_chunks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "kb_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"file_id" uuid,
	"file_name" text,
	"questions" text[] DEFAULT '{}'::text[] NOT NULL,
	"answer" text,
	"source_session_id" uuid,
	"status" text DEFAULT 'indexing' NOT NULL,
	"error" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"size_bytes" integer DEFAULT 0 NOT NULL,
	"chunk_count" integer DEFAULT 0 NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"embedding_model" text,
	"indexed_at" timestamp with time zone,
	"use_count" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_entries_kind_check" CHECK ("kb_entries"."kind" in ('document', 'qa')),
	CONSTRAINT "kb_entries_status_check" CHECK ("kb_entries"."status" in ('indexing', 'ready', 'error')),
	CONSTRAINT "kb_entries_shape_check" CHECK (("kb_entries"."kind" = 'qa' and "kb_entries"."answer" is not null and cardinality("kb_entries"."questions") > 0) or ("kb_entries"."kind" = 'document' and ("kb_entries"."body" is not null or "kb_entries"."file_name" is not null)))
);
--> statement-breakpoint
ALTER TABLE "kb_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "kb_jobs" (
	"entry_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kb_jobs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "kb_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid,
	"source" text NOT NULL,
	"question" text NOT NULL,
	"entry_id" uuid,
	"kind" text NOT NULL,
	"score" double precision,
	"passed" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_matches_kind_check" CHECK ("kb_matches"."kind" in ('qa', 'passage', 'none')),
	CONSTRAINT "kb_matches_source_check" CHECK ("kb_matches"."source" in ('chat', 'check'))
);
--> statement-breakpoint
ALTER TABLE "kb_matches" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "files" DROP CONSTRAINT "files_kind_check";--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD COLUMN "kb_top_k" integer DEFAULT 4 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD COLUMN "kb_min_similarity" double precision DEFAULT 0.45 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD COLUMN "kb_qa_similarity" double precision DEFAULT 0.7 NOT NULL;--> statement-breakpoint
ALTER TABLE "kb_chunks" ADD CONSTRAINT "kb_chunks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_chunks" ADD CONSTRAINT "kb_chunks_entry_id_kb_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."kb_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_entries" ADD CONSTRAINT "kb_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_entries" ADD CONSTRAINT "kb_entries_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_entries" ADD CONSTRAINT "kb_entries_source_session_id_chat_sessions_id_fk" FOREIGN KEY ("source_session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_entries" ADD CONSTRAINT "kb_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_jobs" ADD CONSTRAINT "kb_jobs_entry_id_kb_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."kb_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_jobs" ADD CONSTRAINT "kb_jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_matches" ADD CONSTRAINT "kb_matches_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_matches" ADD CONSTRAINT "kb_matches_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_matches" ADD CONSTRAINT "kb_matches_entry_id_kb_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."kb_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_chunks_entry_idx" ON "kb_chunks" USING btree ("entry_id","ordinal");--> statement-breakpoint
CREATE INDEX "kb_chunks_tsv_idx" ON "kb_chunks" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "kb_entries_tenant_idx" ON "kb_entries" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "kb_jobs_due_idx" ON "kb_jobs" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE INDEX "kb_matches_entry_idx" ON "kb_matches" USING btree ("tenant_id","entry_id","created_at");--> statement-breakpoint
CREATE INDEX "kb_matches_missed_idx" ON "kb_matches" USING btree ("tenant_id","created_at") WHERE not "kb_matches"."passed";--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_kind_check" CHECK ("files"."kind" in ('logo', 'avatar', 'estimate', 'estimate-preview', 'invoice', 'knowledge'));--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD CONSTRAINT "tenant_bot_settings_kb_check" CHECK ("tenant_bot_settings"."kb_top_k" between 1 and 10 and "tenant_bot_settings"."kb_min_similarity" between 0.1 and 0.95 and "tenant_bot_settings"."kb_qa_similarity" between 0.3 and 0.99);--> statement-breakpoint
CREATE POLICY "kb_chunks_tenant_isolation" ON "kb_chunks" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("kb_chunks"."tenant_id" = app_tenant_id()) WITH CHECK ("kb_chunks"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "kb_chunks_platform_access" ON "kb_chunks" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "kb_entries_tenant_isolation" ON "kb_entries" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("kb_entries"."tenant_id" = app_tenant_id()) WITH CHECK ("kb_entries"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "kb_entries_platform_access" ON "kb_entries" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "kb_jobs_tenant_isolation" ON "kb_jobs" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("kb_jobs"."tenant_id" = app_tenant_id()) WITH CHECK ("kb_jobs"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "kb_jobs_platform_access" ON "kb_jobs" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "kb_matches_tenant_isolation" ON "kb_matches" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("kb_matches"."tenant_id" = app_tenant_id()) WITH CHECK ("kb_matches"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "kb_matches_platform_access" ON "kb_matches" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);