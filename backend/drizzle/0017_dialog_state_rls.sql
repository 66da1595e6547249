-- A dialog's timeline is tenant-owned like its session: RLS forced, so the policies hold for the
-- table's owner too, and the same grants as every tenant table (0006, 0012).
ALTER TABLE "dialog_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON dialog_events TO aimax_tenant, aimax_platform;
