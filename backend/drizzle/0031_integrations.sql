CREATE TABLE "amocrm_connections" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"subdomain" text NOT NULL,
	"access_token_sealed" text NOT NULL,
	"refresh_token_sealed" text NOT NULL,
	"access_expires_at" timestamp with time zone NOT NULL,
	"refresh_lease_until" timestamp with time zone,
	"status" text DEFAULT 'connected' NOT NULL,
	"problem" text,
	"settings" jsonb NOT NULL,
	"connected_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "amocrm_connections_status_check" CHECK ("amocrm_connections"."status" in ('connected', 'reauth_required'))
);
--> statement-breakpoint
ALTER TABLE "amocrm_connections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"secret_hint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_channel_check";--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "lead_id" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "response" text;--> statement-breakpoint
ALTER TABLE "amocrm_connections" ADD CONSTRAINT "amocrm_connections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amocrm_connections" ADD CONSTRAINT "amocrm_connections_connected_by_users_id_fk" FOREIGN KEY ("connected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_channel_check" CHECK ("deliveries"."channel" in ('email', 'telegram', 'amocrm', 'webhook'));--> statement-breakpoint
CREATE POLICY "amocrm_connections_tenant_isolation" ON "amocrm_connections" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("amocrm_connections"."tenant_id" = app_tenant_id()) WITH CHECK ("amocrm_connections"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "amocrm_connections_platform_access" ON "amocrm_connections" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "webhook_endpoints_tenant_isolation" ON "webhook_endpoints" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("webhook_endpoints"."tenant_id" = app_tenant_id()) WITH CHECK ("webhook_endpoints"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "webhook_endpoints_platform_access" ON "webhook_endpoints" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
ALTER TABLE "amocrm_connections" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON amocrm_connections, webhook_endpoints TO aimax_tenant, aimax_platform;
