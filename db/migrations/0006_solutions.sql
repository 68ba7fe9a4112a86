CREATE TYPE "public"."organisation_kind" AS ENUM('supplier', 'national_body', 'cluster', 'regional_cooperation');--> statement-breakpoint
CREATE TYPE "public"."adoption_state" AS ENUM('interested', 'planning', 'piloting', 'in_use', 'discontinued');--> statement-breakpoint
CREATE TYPE "public"."solution_review" AS ENUM('proposed', 'accepted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."solution_status" AS ENUM('idea', 'pilot', 'in_use', 'scaling', 'national', 'retired');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'solution_reviewed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'solution_status_changed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'solution_commented';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'adoption_unconfirmed';--> statement-breakpoint
CREATE TABLE "organisation_municipalities" (
	"organisation_id" integer NOT NULL,
	"municipality_number" char(4) NOT NULL,
	CONSTRAINT "organisation_municipalities_organisation_id_municipality_number_pk" PRIMARY KEY("organisation_id","municipality_number")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" "organisation_kind" NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"website" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "adoption_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"adoption_id" integer NOT NULL,
	"solution_id" integer NOT NULL,
	"municipality_number" char(4) NOT NULL,
	"state" "adoption_state" NOT NULL,
	"since" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"open_to_joint_procurement" boolean NOT NULL,
	"recorded_by" integer,
	"via_organisation_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "adoptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"solution_id" integer NOT NULL,
	"municipality_number" char(4) NOT NULL,
	"state" "adoption_state" NOT NULL,
	"since" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"open_to_joint_procurement" boolean DEFAULT false NOT NULL,
	"recorded_by" integer,
	"via_organisation_id" integer,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experience_solutions" (
	"experience_id" integer NOT NULL,
	"solution_id" integer NOT NULL,
	CONSTRAINT "experience_solutions_experience_id_solution_id_pk" PRIMARY KEY("experience_id","solution_id")
);
--> statement-breakpoint
CREATE TABLE "solution_status_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"solution_id" integer NOT NULL,
	"from_status" "solution_status",
	"to_status" "solution_status" NOT NULL,
	"note" text NOT NULL,
	"effective_on" date NOT NULL,
	"changed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "solution_suppliers" (
	"solution_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	CONSTRAINT "solution_suppliers_solution_id_organisation_id_pk" PRIMARY KEY("solution_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "solution_themes" (
	"solution_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	CONSTRAINT "solution_themes_solution_id_theme_id_pk" PRIMARY KEY("solution_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "solutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"summary" text NOT NULL,
	"description_md" text DEFAULT '' NOT NULL,
	"description_html" text DEFAULT '' NOT NULL,
	"owner_municipality_number" char(4),
	"owner_organisation_id" integer,
	"components" text[] DEFAULT '{}'::text[] NOT NULL,
	"archive_systems" text[] DEFAULT '{}'::text[] NOT NULL,
	"website_url" text,
	"source_url" text,
	"documentation_url" text,
	"licence" text,
	"open_source" boolean DEFAULT false NOT NULL,
	"contact_member_id" integer,
	"review" "solution_review" DEFAULT 'proposed' NOT NULL,
	"review_note" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"status" "solution_status" DEFAULT 'idea' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"proposed_by" integer,
	"in_use_count" integer DEFAULT 0 NOT NULL,
	"adoption_count" integer DEFAULT 0 NOT NULL,
	"joint_interest_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "solutions_one_owner" CHECK (num_nonnulls("solutions"."owner_municipality_number", "solutions"."owner_organisation_id") = 1),
	CONSTRAINT "solutions_counts_not_negative" CHECK ("solutions"."in_use_count" >= 0 and "solutions"."adoption_count" >= 0 and "solutions"."joint_interest_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "comments" DROP CONSTRAINT "comments_one_subject";--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "solution_id" integer;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "organisation_id" integer;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "solution_id" integer;--> statement-breakpoint
ALTER TABLE "organisation_municipalities" ADD CONSTRAINT "organisation_municipalities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_municipalities" ADD CONSTRAINT "organisation_municipalities_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_changes" ADD CONSTRAINT "adoption_changes_adoption_id_adoptions_id_fk" FOREIGN KEY ("adoption_id") REFERENCES "public"."adoptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_changes" ADD CONSTRAINT "adoption_changes_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_changes" ADD CONSTRAINT "adoption_changes_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_changes" ADD CONSTRAINT "adoption_changes_recorded_by_members_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_changes" ADD CONSTRAINT "adoption_changes_via_organisation_id_organisations_id_fk" FOREIGN KEY ("via_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_recorded_by_members_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_via_organisation_id_organisations_id_fk" FOREIGN KEY ("via_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_solutions" ADD CONSTRAINT "experience_solutions_experience_id_experiences_id_fk" FOREIGN KEY ("experience_id") REFERENCES "public"."experiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_solutions" ADD CONSTRAINT "experience_solutions_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_status_changes" ADD CONSTRAINT "solution_status_changes_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_status_changes" ADD CONSTRAINT "solution_status_changes_changed_by_members_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_suppliers" ADD CONSTRAINT "solution_suppliers_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_suppliers" ADD CONSTRAINT "solution_suppliers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_themes" ADD CONSTRAINT "solution_themes_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_themes" ADD CONSTRAINT "solution_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solutions" ADD CONSTRAINT "solutions_owner_municipality_number_municipalities_number_fk" FOREIGN KEY ("owner_municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solutions" ADD CONSTRAINT "solutions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solutions" ADD CONSTRAINT "solutions_contact_member_id_members_id_fk" FOREIGN KEY ("contact_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solutions" ADD CONSTRAINT "solutions_reviewed_by_members_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solutions" ADD CONSTRAINT "solutions_proposed_by_members_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_municipalities_municipality_idx" ON "organisation_municipalities" USING btree ("municipality_number");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_slug_idx" ON "organisations" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_name_idx" ON "organisations" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "organisations_kind_idx" ON "organisations" USING btree ("kind","name");--> statement-breakpoint
CREATE INDEX "adoption_changes_solution_idx" ON "adoption_changes" USING btree ("solution_id","since","id");--> statement-breakpoint
CREATE INDEX "adoption_changes_adoption_idx" ON "adoption_changes" USING btree ("adoption_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "adoptions_solution_municipality_idx" ON "adoptions" USING btree ("solution_id","municipality_number");--> statement-breakpoint
CREATE INDEX "adoptions_municipality_idx" ON "adoptions" USING btree ("municipality_number","solution_id");--> statement-breakpoint
CREATE INDEX "adoptions_confirmed_idx" ON "adoptions" USING btree ("confirmed_at") WHERE "adoptions"."state" <> 'discontinued';--> statement-breakpoint
CREATE INDEX "experience_solutions_solution_idx" ON "experience_solutions" USING btree ("solution_id","experience_id");--> statement-breakpoint
CREATE INDEX "solution_status_changes_solution_idx" ON "solution_status_changes" USING btree ("solution_id","effective_on","id");--> statement-breakpoint
CREATE INDEX "solution_suppliers_organisation_idx" ON "solution_suppliers" USING btree ("organisation_id","solution_id");--> statement-breakpoint
CREATE INDEX "solution_themes_theme_idx" ON "solution_themes" USING btree ("theme_id","solution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "solutions_slug_idx" ON "solutions" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "solutions_name_idx" ON "solutions" USING btree (lower("name")) WHERE "solutions"."review" <> 'rejected';--> statement-breakpoint
CREATE INDEX "solutions_accepted_idx" ON "solutions" USING btree ("reviewed_at","id") WHERE "solutions"."review" = 'accepted';--> statement-breakpoint
CREATE INDEX "solutions_adoptions_idx" ON "solutions" USING btree ("adoption_count","id") WHERE "solutions"."review" = 'accepted';--> statement-breakpoint
CREATE INDEX "solutions_joint_interest_idx" ON "solutions" USING btree ("joint_interest_count","id") WHERE "solutions"."review" = 'accepted' and "solutions"."joint_interest_count" > 0;--> statement-breakpoint
CREATE INDEX "solutions_review_idx" ON "solutions" USING btree ("review","created_at");--> statement-breakpoint
CREATE INDEX "solutions_components_idx" ON "solutions" USING gin ("components");--> statement-breakpoint
CREATE INDEX "solutions_owner_municipality_idx" ON "solutions" USING btree ("owner_municipality_number") WHERE "solutions"."owner_municipality_number" is not null;--> statement-breakpoint
CREATE INDEX "solutions_owner_organisation_idx" ON "solutions" USING btree ("owner_organisation_id") WHERE "solutions"."owner_organisation_id" is not null;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_items_solution_idx" ON "agenda_items" USING btree ("solution_id") WHERE "agenda_items"."solution_id" is not null;--> statement-breakpoint
CREATE INDEX "members_organisation_idx" ON "members" USING btree ("organisation_id") WHERE "members"."organisation_id" is not null;--> statement-breakpoint
CREATE INDEX "comments_solution_idx" ON "comments" USING btree ("solution_id","created_at","id") WHERE "comments"."solution_id" is not null;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_one_employer" CHECK (num_nonnulls("members"."municipality_number", "members"."organisation_id") <= 1);--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_one_subject" CHECK (num_nonnulls("comments"."topic_id", "comments"."experience_id", "comments"."solution_id") = 1);--> statement-breakpoint
-- The catalogue's badge, its "most adopted" order, the joint-procurement view and the scaling suggestion read
-- counts the database keeps for each solution: no code path that writes an adoption can forget them.
CREATE FUNCTION "solution_adoptions_counted"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  affected integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    affected := ARRAY[NEW."solution_id"];
  ELSIF TG_OP = 'DELETE' THEN
    affected := ARRAY[OLD."solution_id"];
  ELSE
    affected := ARRAY[OLD."solution_id", NEW."solution_id"];
  END IF;
  UPDATE "solutions" s SET
    "in_use_count" = c.in_use,
    "adoption_count" = c.adopted,
    "joint_interest_count" = c.joint
  FROM (
    SELECT s2."id",
      count(a."id") FILTER (WHERE a."state" = 'in_use')::int AS in_use,
      count(a."id") FILTER (WHERE a."state" <> 'discontinued')::int AS adopted,
      count(a."id") FILTER (WHERE a."state" IN ('interested', 'planning') AND a."open_to_joint_procurement")::int AS joint
    FROM "solutions" s2 LEFT JOIN "adoptions" a ON a."solution_id" = s2."id"
    WHERE s2."id" = ANY(affected)
    GROUP BY s2."id"
  ) c
  WHERE s."id" = c."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "adoptions_counted" AFTER INSERT OR UPDATE OF "state", "open_to_joint_procurement", "solution_id" OR DELETE ON "adoptions"
  FOR EACH ROW EXECUTE FUNCTION "solution_adoptions_counted"();
