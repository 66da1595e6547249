ALTER TABLE "tenants" ADD COLUMN "widget_seen_origin" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "widget_seen_at" timestamp with time zone;