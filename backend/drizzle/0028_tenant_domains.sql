CREATE TABLE "tenant_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"hostname" text NOT NULL,
	"token" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"problem" text,
	"checked_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_domains_tenant_key" UNIQUE("tenant_id"),
	CONSTRAINT "tenant_domains_status_check" CHECK ("tenant_domains"."status" in ('pending', 'verified', 'misconfigured'))
);
--> statement-breakpoint
ALTER TABLE "tenant_domains" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_domains" ADD CONSTRAINT "tenant_domains_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_domains_verified_key" ON "tenant_domains" USING btree ("hostname") WHERE "tenant_domains"."status" = 'verified';--> statement-breakpoint
CREATE POLICY "tenant_domains_tenant_isolation" ON "tenant_domains" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("tenant_domains"."tenant_id" = app_tenant_id()) WITH CHECK ("tenant_domains"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_domains_platform_access" ON "tenant_domains" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_domains_identity_read" ON "tenant_domains" AS PERMISSIVE FOR SELECT TO "aimax_identity" USING (true);--> statement-breakpoint
-- Tenant-owned like every tenant table; the identity role reads it for the TLS hook, which
-- answers Caddy before any tenant is known (domains/routes.ts).
ALTER TABLE "tenant_domains" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_domains TO aimax_tenant, aimax_platform;--> statement-breakpoint
GRANT SELECT ON tenant_domains TO aimax_identity;
