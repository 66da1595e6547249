CREATE TABLE "dialog_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dialog_events_kind_check" CHECK ("dialog_events"."kind" in ('operator_requested', 'taken', 'taken_over', 'returned', 'closed', 'reopened'))
);
--> statement-breakpoint
ALTER TABLE "dialog_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_kind_check";--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD COLUMN "dialog_state" text DEFAULT 'ai' NOT NULL;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD COLUMN "operator_id" uuid;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD COLUMN "dialog_state_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dialog_events" ADD CONSTRAINT "dialog_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialog_events" ADD CONSTRAINT "dialog_events_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialog_events" ADD CONSTRAINT "dialog_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dialog_events_session_idx" ON "dialog_events" USING btree ("tenant_id","session_id","created_at");--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_sessions_tenant_updated_idx" ON "chat_sessions" USING btree ("tenant_id","updated_at");--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_dialog_state_check" CHECK ("chat_sessions"."dialog_state" in ('ai', 'waiting_operator', 'operator', 'closed'));--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_kind_check" CHECK ("messages"."kind" in ('text', 'question', 'answer', 'estimate', 'notice'));--> statement-breakpoint
CREATE POLICY "dialog_events_tenant_isolation" ON "dialog_events" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("dialog_events"."tenant_id" = app_tenant_id()) WITH CHECK ("dialog_events"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "dialog_events_platform_access" ON "dialog_events" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);