CREATE TYPE "public"."member_language" AS ENUM('nb', 'en');--> statement-breakpoint
DROP INDEX "agenda_items_session_idx";--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "forum_sessions" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "language" "member_language" DEFAULT 'nb' NOT NULL;--> statement-breakpoint
CREATE INDEX "password_resets_expires_idx" ON "password_resets" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "rate_limits_window_idx" ON "rate_limits" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "user_sessions_expires_idx" ON "user_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "email_outbox_sent_idx" ON "email_outbox" USING btree ("sent_at") WHERE "email_outbox"."sent_at" is not null;--> statement-breakpoint
-- Parallel adds left equal positions on some agendas: renumber each agenda 0..n-1 by (position, id) first.
UPDATE "agenda_items" AS a SET "position" = r.rn - 1
FROM (SELECT "id", row_number() OVER (PARTITION BY "forum_session_id" ORDER BY "position", "id") AS rn FROM "agenda_items") AS r
WHERE a."id" = r."id" AND a."position" <> r.rn - 1;--> statement-breakpoint
-- Deferred to commit: a reorder renumbers several items inside one transaction.
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_session_position_key" UNIQUE("forum_session_id","position") DEFERRABLE INITIALLY DEFERRED;