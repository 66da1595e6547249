CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"visibility" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_key_unique" UNIQUE("key"),
	CONSTRAINT "files_kind_check" CHECK ("files"."kind" in ('logo', 'avatar', 'estimate', 'estimate-preview')),
	CONSTRAINT "files_visibility_check" CHECK ("files"."visibility" in ('public', 'private'))
);
--> statement-breakpoint
ALTER TABLE "files" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "tenant_bot_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"company_name" text,
	"primary_color" text NOT NULL,
	"accent_color" text NOT NULL,
	"welcome_title" text NOT NULL,
	"welcome_text" text NOT NULL,
	"contact_phone" text,
	"contact_email" text,
	"contact_address" text,
	"contact_website" text,
	"logo_file_id" uuid,
	"bot_name" text NOT NULL,
	"bot_greeting" text NOT NULL,
	"bot_avatar_file_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_bot_settings_colors_check" CHECK ("tenant_bot_settings"."primary_color" ~ '^#[0-9a-f]{6}$' and "tenant_bot_settings"."accent_color" ~ '^#[0-9a-f]{6}$')
);
--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD CONSTRAINT "tenant_bot_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD CONSTRAINT "tenant_bot_settings_logo_file_id_files_id_fk" FOREIGN KEY ("logo_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_bot_settings" ADD CONSTRAINT "tenant_bot_settings_bot_avatar_file_id_files_id_fk" FOREIGN KEY ("bot_avatar_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_tenant_kind_idx" ON "files" USING btree ("tenant_id","kind");--> statement-breakpoint
CREATE POLICY "files_tenant_isolation" ON "files" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("files"."tenant_id" = app_tenant_id()) WITH CHECK ("files"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "files_platform_access" ON "files" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_bot_settings_tenant_isolation" ON "tenant_bot_settings" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("tenant_bot_settings"."tenant_id" = app_tenant_id()) WITH CHECK ("tenant_bot_settings"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_bot_settings_platform_access" ON "tenant_bot_settings" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);