-- The new tenant tables, like every tenant table: RLS forced, so the policies hold for the
-- table's owner too, and the same grants (0006, 0012).
ALTER TABLE "deliveries" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "telegram_bots" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "telegram_chats" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "telegram_link_codes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "telegram_alerts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON deliveries, telegram_bots, telegram_chats, telegram_link_codes, telegram_alerts
  TO aimax_tenant, aimax_platform;--> statement-breakpoint
-- Every delivery channel shares one outbox: the emails queued so far move into it as channel
-- 'email' with what they send in the payload, and the old table goes (0020). Forced RLS would
-- hide the rows from a migrating owner that is not a superuser, so the copy runs as the
-- platform role, which every policy opens to (as 0022 does).
SET LOCAL ROLE aimax_platform;--> statement-breakpoint
INSERT INTO deliveries (id, tenant_id, channel, kind, dedupe_key, recipient, payload, status, attempts,
  next_attempt_at, last_error, sent_at, external_id, created_at)
SELECT id, tenant_id, 'email', kind, dedupe_key, array_to_string("to", ', '),
  jsonb_build_object('to', to_jsonb("to"), 'subject', subject, 'html', html, 'text', text, 'attachments', attachments),
  status, attempts, next_attempt_at, last_error, sent_at, message_id, created_at
FROM outbox_emails;--> statement-breakpoint
RESET ROLE;
