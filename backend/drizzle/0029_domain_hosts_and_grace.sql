ALTER TABLE "tenant_domains" ADD COLUMN "failing_since" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "tenant_domains_hostname_idx" ON "tenant_domains" USING btree ("hostname");