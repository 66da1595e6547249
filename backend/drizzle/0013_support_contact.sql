-- The platform's support contact, kept in platform_settings (key `support`), is shown to anyone
-- told to contact support, before any tenant is known (a suspended account's sign-in) as well as
-- inside one: everyone reads it through this function, and the table stays platform-only.
CREATE FUNCTION support_contact() RETURNS jsonb
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT value FROM platform_settings WHERE key = 'support'
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION support_contact() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION support_contact() TO aimax_identity, aimax_tenant, aimax_platform;
