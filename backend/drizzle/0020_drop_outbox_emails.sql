DROP POLICY "outbox_emails_tenant_isolation" ON "outbox_emails" CASCADE;--> statement-breakpoint
DROP POLICY "outbox_emails_platform_access" ON "outbox_emails" CASCADE;--> statement-breakpoint
DROP TABLE "outbox_emails" CASCADE;