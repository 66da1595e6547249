CREATE TABLE "tenant_usage" (
	"tenant_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"sessions" integer DEFAULT 0 NOT NULL,
	"limited_sessions" integer DEFAULT 0 NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"tokens" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_usage_tenant_id_period_start_pk" PRIMARY KEY("tenant_id","period_start")
);
--> statement-breakpoint
ALTER TABLE "tenant_usage" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD COLUMN "limited" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "timezone" text DEFAULT 'Europe/Moscow' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_usage" ADD CONSTRAINT "tenant_usage_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_usage_tenant_isolation" ON "tenant_usage" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("tenant_usage"."tenant_id" = app_tenant_id()) WITH CHECK ("tenant_usage"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_usage_platform_access" ON "tenant_usage" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);