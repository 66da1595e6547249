CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "auth_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"attempts" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "invites_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "invites_role_check" CHECK ("invites"."role" in ('owner', 'manager'))
);
--> statement-breakpoint
ALTER TABLE "invites" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"tenant_id" uuid,
	"csrf_token" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text,
	"plan" text DEFAULT 'free' NOT NULL,
	"plan_expires_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"suspended_at" timestamp with time zone,
	"widget_key" text NOT NULL,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_slug_unique" UNIQUE("slug"),
	CONSTRAINT "tenants_widget_key_unique" UNIQUE("widget_key"),
	CONSTRAINT "tenants_plan_check" CHECK ("tenants"."plan" in ('free', 'start', 'business', 'enterprise')),
	CONSTRAINT "tenants_status_check" CHECK ("tenants"."status" in ('active', 'suspended'))
);
--> statement-breakpoint
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('superadmin', 'owner', 'manager')),
	CONSTRAINT "users_superadmin_has_no_tenant" CHECK (("users"."role" = 'superadmin') = ("users"."tenant_id" is null))
);
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_tenant_created_idx" ON "audit_log" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "invites_tenant_idx" ON "invites" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_tenant_idx" ON "sessions" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "users_tenant_idx" ON "users" USING btree ("tenant_id");--> statement-breakpoint
CREATE POLICY "audit_log_tenant_isolation" ON "audit_log" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("audit_log"."tenant_id" = app_tenant_id()) WITH CHECK ("audit_log"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "audit_log_platform_access" ON "audit_log" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "invites_tenant_isolation" ON "invites" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("invites"."tenant_id" = app_tenant_id()) WITH CHECK ("invites"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "invites_platform_access" ON "invites" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "invites_identity_read" ON "invites" AS PERMISSIVE FOR SELECT TO "aimax_identity" USING (true);--> statement-breakpoint
CREATE POLICY "sessions_tenant_isolation" ON "sessions" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("sessions"."tenant_id" = app_tenant_id()) WITH CHECK ("sessions"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "sessions_platform_access" ON "sessions" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "sessions_identity_access" ON "sessions" AS PERMISSIVE FOR ALL TO "aimax_identity" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenants_tenant_isolation" ON "tenants" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("tenants"."id" = app_tenant_id()) WITH CHECK ("tenants"."id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenants_platform_access" ON "tenants" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenants_identity_read" ON "tenants" AS PERMISSIVE FOR SELECT TO "aimax_identity" USING (true);--> statement-breakpoint
CREATE POLICY "users_tenant_isolation" ON "users" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("users"."tenant_id" = app_tenant_id()) WITH CHECK ("users"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "users_platform_access" ON "users" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "users_identity_read" ON "users" AS PERMISSIVE FOR SELECT TO "aimax_identity" USING (true);--> statement-breakpoint
CREATE POLICY "users_identity_update" ON "users" AS PERMISSIVE FOR UPDATE TO "aimax_identity" USING (true) WITH CHECK (true);