ALTER TABLE "billing_profiles" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invoices" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox_emails" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON billing_profiles, invoices, outbox_emails TO aimax_tenant, aimax_platform;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON platform_settings, invoice_counters TO aimax_platform;--> statement-breakpoint
-- Invoice numbers for tenants' own transactions: the counter table stays platform-only, and this
-- function, running with its owner's rights, is the one way in. The upsert locks the year's row
-- until the invoice's transaction ends, so numbers are handed out in order, and a rolled-back
-- invoice gives its number back.
CREATE FUNCTION next_invoice_seq(for_year integer) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  INSERT INTO invoice_counters (year, last) VALUES (for_year, 1)
  ON CONFLICT (year) DO UPDATE SET last = invoice_counters.last + 1
  RETURNING last
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION next_invoice_seq(integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION next_invoice_seq(integer) TO aimax_tenant, aimax_platform;
--> statement-breakpoint
-- The seller's requisites are printed on every invoice; tenants read them through this function
-- while platform_settings itself stays platform-only.
CREATE FUNCTION seller_requisites() RETURNS jsonb
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT value FROM platform_settings WHERE key = 'seller'
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION seller_requisites() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION seller_requisites() TO aimax_tenant, aimax_platform;
