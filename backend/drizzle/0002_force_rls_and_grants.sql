-- FORCE makes the policies bind the tables' owner too, so nothing short of a superuser
-- connection reads across tenants; and the application never queries as that connection's
-- own role, it always switches to one of the roles below first.
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sessions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invites" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO aimax_tenant, aimax_platform, aimax_identity;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, sessions, invites, audit_log TO aimax_tenant;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, sessions, invites, audit_log, auth_throttle TO aimax_platform;--> statement-breakpoint
-- Identity lookups read who is who and manage sign-in state; they change nothing else.
GRANT SELECT ON tenants, users, invites TO aimax_identity;--> statement-breakpoint
GRANT UPDATE (password_hash, last_login_at) ON users TO aimax_identity;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, auth_throttle TO aimax_identity;
