CREATE TABLE "funnel_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"config" jsonb NOT NULL,
	"created_by" uuid,
	"restored_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funnel_versions_tenant_number_key" UNIQUE("tenant_id","number"),
	CONSTRAINT "funnel_versions_number_check" CHECK ("funnel_versions"."number" >= 1)
);
--> statement-breakpoint
ALTER TABLE "funnel_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD COLUMN "funnel_version" integer;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "funnel_version" integer;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD COLUMN "funnel_version" integer;--> statement-breakpoint
ALTER TABLE "funnel_versions" ADD CONSTRAINT "funnel_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_versions" ADD CONSTRAINT "funnel_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_funnel_version_fk" FOREIGN KEY ("tenant_id","funnel_version") REFERENCES "public"."funnel_versions"("tenant_id","number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_funnel_version_fk" FOREIGN KEY ("tenant_id","funnel_version") REFERENCES "public"."funnel_versions"("tenant_id","number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD CONSTRAINT "tenant_bot_settings_funnel_version_fk" FOREIGN KEY ("tenant_id","funnel_version") REFERENCES "public"."funnel_versions"("tenant_id","number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "funnel_versions_tenant_isolation" ON "funnel_versions" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("funnel_versions"."tenant_id" = app_tenant_id()) WITH CHECK ("funnel_versions"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "funnel_versions_platform_access" ON "funnel_versions" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
-- A version is written once and never changed: the company's role may add and read them only.
ALTER TABLE "funnel_versions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT ON funnel_versions TO aimax_tenant;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON funnel_versions TO aimax_platform;
