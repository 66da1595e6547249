CREATE TABLE "invoice_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"idempotence_key" uuid NOT NULL,
	"provider_payment_id" text,
	"status" text DEFAULT 'creating' NOT NULL,
	"amount_kopecks" bigint NOT NULL,
	"confirmation_token" text,
	"method" text,
	"method_title" text,
	"cancellation_party" text,
	"cancellation_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"refund_idempotence_key" uuid,
	"provider_refund_id" text,
	"refund_status" text,
	"refund_requested_at" timestamp with time zone,
	"refund_requested_by" uuid,
	CONSTRAINT "invoice_payments_idempotence_key_unique" UNIQUE("idempotence_key"),
	CONSTRAINT "invoice_payments_provider_payment_id_unique" UNIQUE("provider_payment_id"),
	CONSTRAINT "invoice_payments_refund_idempotence_key_unique" UNIQUE("refund_idempotence_key"),
	CONSTRAINT "invoice_payments_status_check" CHECK ("invoice_payments"."status" in ('creating', 'pending', 'succeeded', 'canceled')),
	CONSTRAINT "invoice_payments_refund_status_check" CHECK ("invoice_payments"."refund_status" in ('pending', 'succeeded', 'canceled'))
);
--> statement-breakpoint
ALTER TABLE "invoice_payments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "paid_via" text;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_payments_invoice_idx" ON "invoice_payments" USING btree ("invoice_id","created_at");--> statement-breakpoint
CREATE INDEX "invoice_payments_open_idx" ON "invoice_payments" USING btree ("status","created_at");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_paid_via_check" CHECK ("invoices"."paid_via" in ('transfer', 'online'));--> statement-breakpoint
CREATE POLICY "invoice_payments_tenant_isolation" ON "invoice_payments" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("invoice_payments"."tenant_id" = app_tenant_id()) WITH CHECK ("invoice_payments"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "invoice_payments_platform_access" ON "invoice_payments" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
ALTER TABLE "invoice_payments" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON invoice_payments TO aimax_tenant;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON invoice_payments TO aimax_platform;--> statement-breakpoint
-- Every invoice paid so far was marked paid by the superadmin on a bank transfer.
UPDATE "invoices" SET "paid_via" = 'transfer' WHERE "status" = 'paid';
