-- The dashboard's tables are tenant-owned like the sessions they count: RLS forced, so the
-- policies hold for the table's owner too, and the same grants as every tenant table (0006, 0012).
ALTER TABLE "funnel_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "funnel_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "manager_waits" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON funnel_events, funnel_daily, manager_waits TO aimax_tenant, aimax_platform;--> statement-breakpoint
-- The sessions held so far get the stages their rows prove: the widget opened when the session
-- was created, the dialog started at the visitor's first message or call for a manager, each step
-- at its first answer, contacts with the lead. Downloads of the estimate PDF were not recorded
-- and are not guessed. The tables read are forced-RLS, so this runs as the platform role.
SET LOCAL ROLE aimax_platform;--> statement-breakpoint
INSERT INTO funnel_events (tenant_id, session_id, stage, occurred_at)
SELECT tenant_id, id, 'opened', created_at FROM chat_sessions
UNION ALL
SELECT tenant_id, session_id, 'started', min(created_at) FROM (
  SELECT tenant_id, session_id, created_at FROM messages WHERE role = 'visitor'
  UNION ALL
  SELECT tenant_id, session_id, created_at FROM dialog_events WHERE kind = 'operator_requested'
) AS first_moves GROUP BY tenant_id, session_id
UNION ALL
SELECT tenant_id, session_id, 'step:' || (data->>'stepId'), min(created_at) FROM messages
WHERE role = 'visitor' AND kind = 'answer'
  AND data->>'stepId' IN ('objectType', 'repairType', 'area', 'rooms', 'replanning', 'designProject', 'timing')
GROUP BY tenant_id, session_id, data->>'stepId'
UNION ALL
SELECT tenant_id, session_id, 'contacts', created_at FROM leads
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO funnel_daily (tenant_id, day, stage, sessions)
SELECT e.tenant_id, (e.occurred_at AT TIME ZONE t.timezone)::date, e.stage, count(*)
FROM funnel_events e JOIN tenants t ON t.id = e.tenant_id
GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO manager_waits (tenant_id, session_id, waited_from, taken_at, started_at)
SELECT d.tenant_id, d.session_id, min(d.created_at),
       min(d.created_at) FILTER (WHERE d.kind IN ('taken', 'taken_over')),
       (SELECT e.occurred_at FROM funnel_events e WHERE e.session_id = d.session_id AND e.stage = 'started')
FROM dialog_events d
WHERE d.kind IN ('operator_requested', 'taken', 'taken_over')
GROUP BY d.tenant_id, d.session_id;--> statement-breakpoint
UPDATE manager_waits w SET answered_at = (
  SELECT min(m.created_at) FROM messages m
  WHERE m.session_id = w.session_id AND m.role = 'operator' AND m.created_at >= w.waited_from
);--> statement-breakpoint
RESET ROLE;--> statement-breakpoint
-- From now on the database keeps manager_waits, whatever path writes the rows it follows (the
-- panel, Telegram replies, the handoff sweep): a dialog's first call for a manager or takeover,
-- a manager's first message after it, and the visitor's start of the dialog. The functions run as
-- the role that wrote the row, under the same policies.
CREATE FUNCTION manager_waits_note_call() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO manager_waits (tenant_id, session_id, waited_from, taken_at, started_at)
  VALUES (
    NEW.tenant_id, NEW.session_id, NEW.created_at,
    CASE WHEN NEW.kind IN ('taken', 'taken_over') THEN NEW.created_at END,
    (SELECT occurred_at FROM funnel_events WHERE session_id = NEW.session_id AND stage = 'started')
  )
  ON CONFLICT (session_id) DO UPDATE SET taken_at = coalesce(manager_waits.taken_at, excluded.taken_at);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER dialog_events_manager_waits AFTER INSERT ON dialog_events
  FOR EACH ROW WHEN (NEW.kind IN ('operator_requested', 'taken', 'taken_over'))
  EXECUTE FUNCTION manager_waits_note_call();--> statement-breakpoint
CREATE FUNCTION manager_waits_note_answer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE manager_waits SET answered_at = NEW.created_at
  WHERE session_id = NEW.session_id AND answered_at IS NULL AND waited_from <= NEW.created_at;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER messages_manager_waits AFTER INSERT ON messages
  FOR EACH ROW WHEN (NEW.role = 'operator')
  EXECUTE FUNCTION manager_waits_note_answer();--> statement-breakpoint
CREATE FUNCTION manager_waits_note_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE manager_waits SET started_at = NEW.occurred_at WHERE session_id = NEW.session_id AND started_at IS NULL;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER funnel_events_manager_waits AFTER INSERT ON funnel_events
  FOR EACH ROW WHEN (NEW.stage = 'started')
  EXECUTE FUNCTION manager_waits_note_start();
