-- Roles the application switches to inside each transaction (SET LOCAL ROLE), never logs in as.
-- Roles are cluster-wide in Postgres, so several databases (or two instances migrating at once)
-- may race to create them: an existing role is fine.
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['aimax_tenant', 'aimax_platform', 'aimax_identity'] LOOP
    BEGIN
      EXECUTE format('CREATE ROLE %I NOLOGIN NOBYPASSRLS', role_name);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
    -- The connecting user must be allowed to switch to the role.
    EXECUTE format('GRANT %I TO CURRENT_USER', role_name);
  END LOOP;
END
$$;
--> statement-breakpoint
-- The tenant the current transaction acts for; null (no rows visible) when none was set.
CREATE FUNCTION app_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
