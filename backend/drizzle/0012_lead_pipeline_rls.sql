-- A lead's history is tenant-owned like the lead: RLS forced, so the policies hold for the
-- table's owner too, and the same grants as every tenant table (0006, 0010).
ALTER TABLE "lead_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON lead_events TO aimax_tenant, aimax_platform;
