CREATE TYPE "public"."contract_value_band" AS ENUM('under_100k', '100k_1m', '1m_5m', '5m_20m', '20m_100m', 'over_100m');--> statement-breakpoint
CREATE TYPE "public"."experience_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."experience_visibility" AS ENUM('public', 'members');--> statement-breakpoint
CREATE TYPE "public"."procurement_procedure" AS ENUM('open_tender', 'competitive_dialogue', 'framework_agreement', 'dynamic_purchasing_system', 'joint_procurement', 'direct_award');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'experience_published';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'experience_co_author_added';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'experience_commented';--> statement-breakpoint
CREATE TABLE "experience_co_authors" (
	"experience_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"invited_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experience_co_authors_experience_id_member_id_pk" PRIMARY KEY("experience_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "experience_municipalities" (
	"experience_id" integer NOT NULL,
	"municipality_number" char(4) NOT NULL,
	"lead" boolean DEFAULT false NOT NULL,
	CONSTRAINT "experience_municipalities_experience_id_municipality_number_pk" PRIMARY KEY("experience_id","municipality_number")
);
--> statement-breakpoint
CREATE TABLE "experience_procurement_partners" (
	"experience_id" integer NOT NULL,
	"municipality_number" char(4) NOT NULL,
	CONSTRAINT "experience_procurement_partners_experience_id_municipality_number_pk" PRIMARY KEY("experience_id","municipality_number")
);
--> statement-breakpoint
CREATE TABLE "experience_procurements" (
	"experience_id" integer PRIMARY KEY NOT NULL,
	"procedure" "procurement_procedure" NOT NULL,
	"year" smallint,
	"suppliers" text[] DEFAULT '{}'::text[] NOT NULL,
	"value_band" "contract_value_band",
	"lessons" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experience_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"experience_id" integer NOT NULL,
	"number" integer NOT NULL,
	"editor_id" integer,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body_md" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experience_themes" (
	"experience_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	CONSTRAINT "experience_themes_experience_id_theme_id_pk" PRIMARY KEY("experience_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "experiences" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body_md" text NOT NULL,
	"body_html" text NOT NULL,
	"status" "experience_status" DEFAULT 'draft' NOT NULL,
	"visibility" "experience_visibility" DEFAULT 'public' NOT NULL,
	"author_id" integer,
	"forum_session_id" integer,
	"agenda_item_id" integer,
	"topic_id" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiences_published_has_date" CHECK ("experiences"."status" = 'draft' or "experiences"."published_at" is not null),
	CONSTRAINT "experiences_comment_count_not_negative" CHECK ("experiences"."comment_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"id" serial PRIMARY KEY NOT NULL,
	"member_id" integer NOT NULL,
	"theme_id" integer,
	"municipality_number" char(4),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_one_subject" CHECK (num_nonnulls("follows"."theme_id", "follows"."municipality_number") = 1)
);
--> statement-breakpoint
ALTER TABLE "comments" DROP CONSTRAINT "comments_one_subject";--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "experience_id" integer;--> statement-breakpoint
ALTER TABLE "experience_co_authors" ADD CONSTRAINT "experience_co_authors_experience_id_experiences_id_fk" FOREIGN KEY ("experience_id") REFERENCES "public"."experiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_co_authors" ADD CONSTRAINT "experience_co_authors_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_co_authors" ADD CONSTRAINT "experience_co_authors_invited_by_members_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_municipalities" ADD CONSTRAINT "experience_municipalities_experience_id_experiences_id_fk" FOREIGN KEY ("experience_id") REFERENCES "public"."experiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_municipalities" ADD CONSTRAINT "experience_municipalities_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_procurement_partners" ADD CONSTRAINT "experience_procurement_partners_experience_id_experience_procurements_experience_id_fk" FOREIGN KEY ("experience_id") REFERENCES "public"."experience_procurements"("experience_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_procurement_partners" ADD CONSTRAINT "experience_procurement_partners_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_procurements" ADD CONSTRAINT "experience_procurements_experience_id_experiences_id_fk" FOREIGN KEY ("experience_id") REFERENCES "public"."experiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_revisions" ADD CONSTRAINT "experience_revisions_experience_id_experiences_id_fk" FOREIGN KEY ("experience_id") REFERENCES "public"."experiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_revisions" ADD CONSTRAINT "experience_revisions_editor_id_members_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_themes" ADD CONSTRAINT "experience_themes_experience_id_experiences_id_fk" FOREIGN KEY ("experience_id") REFERENCES "public"."experiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_themes" ADD CONSTRAINT "experience_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiences" ADD CONSTRAINT "experiences_author_id_members_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiences" ADD CONSTRAINT "experiences_forum_session_id_forum_sessions_id_fk" FOREIGN KEY ("forum_session_id") REFERENCES "public"."forum_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiences" ADD CONSTRAINT "experiences_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiences" ADD CONSTRAINT "experiences_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "experience_co_authors_member_idx" ON "experience_co_authors" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "experience_municipalities_municipality_idx" ON "experience_municipalities" USING btree ("municipality_number","experience_id");--> statement-breakpoint
CREATE UNIQUE INDEX "experience_municipalities_one_lead" ON "experience_municipalities" USING btree ("experience_id") WHERE "experience_municipalities"."lead";--> statement-breakpoint
CREATE INDEX "experience_procurements_procedure_idx" ON "experience_procurements" USING btree ("procedure","experience_id");--> statement-breakpoint
CREATE UNIQUE INDEX "experience_revisions_number_idx" ON "experience_revisions" USING btree ("experience_id","number");--> statement-breakpoint
CREATE INDEX "experience_themes_theme_idx" ON "experience_themes" USING btree ("theme_id","experience_id");--> statement-breakpoint
CREATE INDEX "experiences_published_idx" ON "experiences" USING btree ("published_at","id") WHERE "experiences"."status" = 'published';--> statement-breakpoint
CREATE INDEX "experiences_visibility_idx" ON "experiences" USING btree ("visibility","published_at","id") WHERE "experiences"."status" = 'published';--> statement-breakpoint
CREATE INDEX "experiences_updated_idx" ON "experiences" USING btree ("updated_at","id") WHERE "experiences"."status" = 'published';--> statement-breakpoint
CREATE INDEX "experiences_discussed_idx" ON "experiences" USING btree ("comment_count","id") WHERE "experiences"."status" = 'published';--> statement-breakpoint
CREATE INDEX "experiences_author_idx" ON "experiences" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "experiences_forum_session_idx" ON "experiences" USING btree ("forum_session_id") WHERE "experiences"."forum_session_id" is not null;--> statement-breakpoint
CREATE INDEX "experiences_topic_idx" ON "experiences" USING btree ("topic_id") WHERE "experiences"."topic_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "follows_theme_idx" ON "follows" USING btree ("theme_id","member_id") WHERE "follows"."theme_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "follows_municipality_idx" ON "follows" USING btree ("municipality_number","member_id") WHERE "follows"."municipality_number" is not null;--> statement-breakpoint
CREATE INDEX "follows_member_idx" ON "follows" USING btree ("member_id");--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_experience_id_experiences_id_fk" FOREIGN KEY ("experience_id") REFERENCES "public"."experiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comments_experience_idx" ON "comments" USING btree ("experience_id","created_at","id") WHERE "comments"."experience_id" is not null;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_one_subject" CHECK (num_nonnulls("comments"."topic_id", "comments"."experience_id") = 1);--> statement-breakpoint
-- "Most discussed" orders by a count the database keeps, per statement, as topic supports' count is kept.
CREATE FUNCTION "experience_comments_counted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "experiences" e SET "comment_count" = e."comment_count" + n.added
    FROM (SELECT "experience_id", count(*)::int AS added FROM new_comments WHERE "experience_id" IS NOT NULL GROUP BY "experience_id") n
    WHERE e."id" = n."experience_id";
  ELSE
    UPDATE "experiences" e SET "comment_count" = e."comment_count" - n.removed
    FROM (SELECT "experience_id", count(*)::int AS removed FROM old_comments WHERE "experience_id" IS NOT NULL GROUP BY "experience_id") n
    WHERE e."id" = n."experience_id";
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "comments_insert_counted" AFTER INSERT ON "comments"
  REFERENCING NEW TABLE AS new_comments FOR EACH STATEMENT EXECUTE FUNCTION "experience_comments_counted"();--> statement-breakpoint
CREATE TRIGGER "comments_delete_counted" AFTER DELETE ON "comments"
  REFERENCING OLD TABLE AS old_comments FOR EACH STATEMENT EXECUTE FUNCTION "experience_comments_counted"();
