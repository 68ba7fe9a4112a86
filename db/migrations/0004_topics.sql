CREATE TYPE "public"."topic_status" AS ENUM('proposed', 'shortlisted', 'scheduled', 'covered', 'declined', 'merged');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'topic_status_changed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'topic_commented';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'topic_merged';--> statement-breakpoint
CREATE TABLE "comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"topic_id" integer,
	"author_id" integer,
	"body_md" text NOT NULL,
	"body_html" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"edited_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"hidden_by" integer,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comments_one_subject" CHECK (num_nonnulls("comments"."topic_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "topic_experienced_municipalities" (
	"topic_id" integer NOT NULL,
	"municipality_number" char(4) NOT NULL,
	CONSTRAINT "topic_experienced_municipalities_topic_id_municipality_number_pk" PRIMARY KEY("topic_id","municipality_number")
);
--> statement-breakpoint
CREATE TABLE "topic_status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic_id" integer NOT NULL,
	"actor_id" integer,
	"from_status" "topic_status",
	"to_status" "topic_status" NOT NULL,
	"note" text,
	"forum_session_id" integer,
	"merged_into_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_supports" (
	"topic_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topic_supports_topic_id_member_id_pk" PRIMARY KEY("topic_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "topic_themes" (
	"topic_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	CONSTRAINT "topic_themes_topic_id_theme_id_pk" PRIMARY KEY("topic_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description_md" text DEFAULT '' NOT NULL,
	"description_html" text DEFAULT '' NOT NULL,
	"status" "topic_status" DEFAULT 'proposed' NOT NULL,
	"proposer_id" integer,
	"municipality_number" char(4),
	"can_present" boolean DEFAULT false NOT NULL,
	"decline_reason" text,
	"merged_into_id" integer,
	"forum_session_id" integer,
	"support_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topics_support_count_not_negative" CHECK ("topics"."support_count" >= 0),
	CONSTRAINT "topics_declined_has_reason" CHECK ("topics"."status" <> 'declined' or "topics"."decline_reason" is not null),
	CONSTRAINT "topics_merged_has_target" CHECK ("topics"."status" <> 'merged' or "topics"."merged_into_id" is not null),
	CONSTRAINT "topics_not_merged_into_itself" CHECK ("topics"."merged_into_id" <> "topics"."id")
);
--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_members_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_hidden_by_members_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_experienced_municipalities" ADD CONSTRAINT "topic_experienced_municipalities_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_experienced_municipalities" ADD CONSTRAINT "topic_experienced_municipalities_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_status_changes" ADD CONSTRAINT "topic_status_changes_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_status_changes" ADD CONSTRAINT "topic_status_changes_actor_id_members_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_status_changes" ADD CONSTRAINT "topic_status_changes_forum_session_id_forum_sessions_id_fk" FOREIGN KEY ("forum_session_id") REFERENCES "public"."forum_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_status_changes" ADD CONSTRAINT "topic_status_changes_merged_into_id_topics_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_supports" ADD CONSTRAINT "topic_supports_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_supports" ADD CONSTRAINT "topic_supports_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_themes" ADD CONSTRAINT "topic_themes_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_themes" ADD CONSTRAINT "topic_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_proposer_id_members_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_merged_into_id_topics_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_forum_session_id_forum_sessions_id_fk" FOREIGN KEY ("forum_session_id") REFERENCES "public"."forum_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comments_topic_idx" ON "comments" USING btree ("topic_id","created_at","id") WHERE "comments"."topic_id" is not null;--> statement-breakpoint
CREATE INDEX "comments_author_idx" ON "comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "topic_status_changes_topic_idx" ON "topic_status_changes" USING btree ("topic_id","created_at");--> statement-breakpoint
CREATE INDEX "topic_supports_member_idx" ON "topic_supports" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "topic_themes_theme_idx" ON "topic_themes" USING btree ("theme_id","topic_id");--> statement-breakpoint
CREATE INDEX "topics_supported_idx" ON "topics" USING btree ("support_count","id");--> statement-breakpoint
CREATE INDEX "topics_status_supported_idx" ON "topics" USING btree ("status","support_count","id");--> statement-breakpoint
CREATE INDEX "topics_created_idx" ON "topics" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "topics_active_idx" ON "topics" USING btree ("last_activity_at","id");--> statement-breakpoint
CREATE INDEX "topics_proposer_idx" ON "topics" USING btree ("proposer_id");--> statement-breakpoint
CREATE INDEX "topics_municipality_idx" ON "topics" USING btree ("municipality_number");--> statement-breakpoint
CREATE INDEX "topics_forum_session_idx" ON "topics" USING btree ("forum_session_id");--> statement-breakpoint
-- No topics existed before this migration, so no agenda item can have pointed at one.
UPDATE "agenda_items" SET "topic_id" = NULL WHERE "topic_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_items_topic_idx" ON "agenda_items" USING btree ("topic_id") WHERE "agenda_items"."topic_id" is not null;--> statement-breakpoint
-- A topic's support count is kept by the database, per statement: a merge that moves many supports at
-- once, a member deleted with all their supports, and sixty members supporting at once all leave it exact.
CREATE FUNCTION "topic_supports_counted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "topics" t SET "support_count" = t."support_count" + n.added, "last_activity_at" = now()
    FROM (SELECT "topic_id", count(*)::int AS added FROM new_supports GROUP BY "topic_id") n
    WHERE t."id" = n."topic_id";
  ELSE
    UPDATE "topics" t SET "support_count" = t."support_count" - n.removed
    FROM (SELECT "topic_id", count(*)::int AS removed FROM old_supports GROUP BY "topic_id") n
    WHERE t."id" = n."topic_id";
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "topic_supports_insert_counted" AFTER INSERT ON "topic_supports"
  REFERENCING NEW TABLE AS new_supports FOR EACH STATEMENT EXECUTE FUNCTION "topic_supports_counted"();--> statement-breakpoint
CREATE TRIGGER "topic_supports_delete_counted" AFTER DELETE ON "topic_supports"
  REFERENCING OLD TABLE AS old_supports FOR EACH STATEMENT EXECUTE FUNCTION "topic_supports_counted"();
