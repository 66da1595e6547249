CREATE TABLE "funnel_daily" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"stage" text NOT NULL,
	"sessions" integer NOT NULL,
	CONSTRAINT "funnel_daily_tenant_id_day_stage_pk" PRIMARY KEY("tenant_id","day","stage"),
	CONSTRAINT "funnel_daily_stage_check" CHECK ("funnel_daily"."stage" in ('opened', 'started', 'step:objectType', 'step:repairType', 'step:area', 'step:rooms', 'step:replanning', 'step:designProject', 'step:timing', 'contacts', 'estimate_pdf'))
);
--> statement-breakpoint
ALTER TABLE "funnel_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "funnel_events" (
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funnel_events_session_id_stage_pk" PRIMARY KEY("session_id","stage"),
	CONSTRAINT "funnel_events_stage_check" CHECK ("funnel_events"."stage" in ('opened', 'started', 'step:objectType', 'step:repairType', 'step:area', 'step:rooms', 'step:replanning', 'step:designProject', 'step:timing', 'contacts', 'estimate_pdf'))
);
--> statement-breakpoint
ALTER TABLE "funnel_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "manager_waits" (
	"tenant_id" uuid NOT NULL,
	"session_id" uuid PRIMARY KEY NOT NULL,
	"waited_from" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"taken_at" timestamp with time zone,
	"started_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "manager_waits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "funnel_daily" ADD CONSTRAINT "funnel_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_events" ADD CONSTRAINT "funnel_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_events" ADD CONSTRAINT "funnel_events_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manager_waits" ADD CONSTRAINT "manager_waits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manager_waits" ADD CONSTRAINT "manager_waits_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "manager_waits_waited_idx" ON "manager_waits" USING btree ("tenant_id","waited_from");--> statement-breakpoint
CREATE INDEX "manager_waits_taken_idx" ON "manager_waits" USING btree ("tenant_id","started_at") WHERE "manager_waits"."taken_at" is not null;--> statement-breakpoint
CREATE POLICY "funnel_daily_tenant_isolation" ON "funnel_daily" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("funnel_daily"."tenant_id" = app_tenant_id()) WITH CHECK ("funnel_daily"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "funnel_daily_platform_access" ON "funnel_daily" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "funnel_events_tenant_isolation" ON "funnel_events" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("funnel_events"."tenant_id" = app_tenant_id()) WITH CHECK ("funnel_events"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "funnel_events_platform_access" ON "funnel_events" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "manager_waits_tenant_isolation" ON "manager_waits" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("manager_waits"."tenant_id" = app_tenant_id()) WITH CHECK ("manager_waits"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "manager_waits_platform_access" ON "manager_waits" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);