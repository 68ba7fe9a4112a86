CREATE TYPE "public"."forum_session_status" AS ENUM('draft', 'planned', 'held', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."summary_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('summary_published', 'forum_session_moved', 'forum_session_cancelled');--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"forum_session_id" integer NOT NULL,
	"position" integer NOT NULL,
	"start_offset_minutes" integer NOT NULL,
	"duration_minutes" integer NOT NULL,
	"title" text NOT NULL,
	"presenter_member_id" integer,
	"presenter_name" text,
	"presenter_organisation" text,
	"description_md" text DEFAULT '' NOT NULL,
	"description_html" text DEFAULT '' NOT NULL,
	"topic_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_items_duration_positive" CHECK ("agenda_items"."duration_minutes" > 0),
	CONSTRAINT "agenda_items_offset_not_negative" CHECK ("agenda_items"."start_offset_minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "forum_session_themes" (
	"forum_session_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	CONSTRAINT "forum_session_themes_forum_session_id_theme_id_pk" PRIMARY KEY("forum_session_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "forum_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description_md" text DEFAULT '' NOT NULL,
	"description_html" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"meeting_url" text,
	"status" "forum_session_status" DEFAULT 'draft' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"copied_from_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forum_sessions_ends_after_start" CHECK ("forum_sessions"."ends_at" > "forum_sessions"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"forum_session_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registrations_forum_session_id_member_id_pk" PRIMARY KEY("forum_session_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "summaries" (
	"forum_session_id" integer PRIMARY KEY NOT NULL,
	"body_md" text NOT NULL,
	"body_html" text NOT NULL,
	"status" "summary_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_opt_outs" (
	"member_id" integer NOT NULL,
	"kind" "notification_kind" NOT NULL,
	CONSTRAINT "email_opt_outs_member_id_kind_pk" PRIMARY KEY("member_id","kind")
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" integer NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"params" jsonb NOT NULL,
	"url" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name_nb" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "themes_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "calendar_token" text;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_forum_session_id_forum_sessions_id_fk" FOREIGN KEY ("forum_session_id") REFERENCES "public"."forum_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_presenter_member_id_members_id_fk" FOREIGN KEY ("presenter_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_session_themes" ADD CONSTRAINT "forum_session_themes_forum_session_id_forum_sessions_id_fk" FOREIGN KEY ("forum_session_id") REFERENCES "public"."forum_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_session_themes" ADD CONSTRAINT "forum_session_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_sessions" ADD CONSTRAINT "forum_sessions_copied_from_id_forum_sessions_id_fk" FOREIGN KEY ("copied_from_id") REFERENCES "public"."forum_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_sessions" ADD CONSTRAINT "forum_sessions_created_by_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_forum_session_id_forum_sessions_id_fk" FOREIGN KEY ("forum_session_id") REFERENCES "public"."forum_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summaries" ADD CONSTRAINT "summaries_forum_session_id_forum_sessions_id_fk" FOREIGN KEY ("forum_session_id") REFERENCES "public"."forum_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summaries" ADD CONSTRAINT "summaries_updated_by_members_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_opt_outs" ADD CONSTRAINT "email_opt_outs_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_items_session_idx" ON "agenda_items" USING btree ("forum_session_id","position");--> statement-breakpoint
CREATE INDEX "forum_session_themes_theme_idx" ON "forum_session_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "forum_sessions_status_starts_idx" ON "forum_sessions" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "forum_sessions_starts_idx" ON "forum_sessions" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "registrations_member_idx" ON "registrations" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "summaries_published_idx" ON "summaries" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "email_outbox_due_idx" ON "email_outbox" USING btree ("next_attempt_at") WHERE "email_outbox"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_member_idx" ON "notifications" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("member_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_calendar_token_unique" UNIQUE("calendar_token");