ALTER TABLE "tenant_usage" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_usage TO aimax_tenant, aimax_platform;
