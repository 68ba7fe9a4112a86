-- pg_trgm: typo- and prefix-tolerant matching of titles and names (PostgreSQL ships it; PGlite loads it in app/db.server.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."search_kind" AS ENUM('forum_session', 'topic', 'experience', 'solution', 'organisation', 'municipality');--> statement-breakpoint
CREATE TABLE "search_documents" (
	"kind" "search_kind" NOT NULL,
	"source_id" text NOT NULL,
	"path" text NOT NULL,
	"title" text NOT NULL,
	"document" "tsvector" NOT NULL,
	"heading" "tsvector" NOT NULL,
	"members_only" boolean DEFAULT false NOT NULL,
	"theme_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"municipality_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	"occurred_at" timestamp with time zone,
	"status" text,
	CONSTRAINT "search_documents_kind_source_id_pk" PRIMARY KEY("kind","source_id")
);
--> statement-breakpoint
CREATE TABLE "search_theme_counts" (
	"theme_id" integer NOT NULL,
	"kind" "search_kind" NOT NULL,
	"members_only" boolean NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "search_theme_counts_theme_id_kind_members_only_pk" PRIMARY KEY("theme_id","kind","members_only")
);
--> statement-breakpoint
-- Markdown to the words a reader sees: link targets, markup characters and the highlight markers
-- (STX/ETX, which ts_headline wraps matches in) go, runs of space become one.
CREATE FUNCTION "search_plain"(md text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(regexp_replace(coalesce(md, ''), '\]\([^)]*\)|[*_#>`~|\[\]\x01-\x08]+', ' ', 'g'), '\s+', ' ', 'g'))
$$;--> statement-breakpoint
-- A document's themes by name, in both languages: a write-up on procurement is found by "anskaffelser"
-- even where its text says "innkjøp".
CREATE FUNCTION "search_theme_names"(ids integer[]) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(t."name_nb" || ' ' || t."name_en", ' '), '') FROM "themes" t WHERE t."id" = ANY(ids)
$$;--> statement-breakpoint
-- What one source row says, when someone other than a coordinator may find it (no row otherwise).
-- The one definition of each kind's searchable text: search_refresh indexes it, the search page quotes it.
CREATE FUNCTION "search_source"(p_kind "search_kind", p_id text)
RETURNS TABLE ("path" text, "title" text, "summary" text, "body" text, "members_only" boolean, "theme_ids" integer[], "municipality_numbers" text[], "occurred_at" timestamptz, "status" text)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p_kind = 'forum_session' THEN
    RETURN QUERY
    SELECT '/forum-sessions/' || s."id", s."title", search_plain(s."description_md"),
      concat_ws(' ',
        (SELECT string_agg(concat_ws(' ', a."title", a."presenter_name", a."presenter_organisation", search_plain(a."description_md")), ' ' ORDER BY a."position")
           FROM "agenda_items" a WHERE a."forum_session_id" = s."id"),
        (SELECT search_plain(m."body_md") FROM "summaries" m WHERE m."forum_session_id" = s."id" AND m."status" = 'published')),
      false,
      coalesce((SELECT array_agg(t."theme_id" ORDER BY t."theme_id") FROM "forum_session_themes" t WHERE t."forum_session_id" = s."id"), '{}'),
      '{}'::text[], s."starts_at", s."status"::text
    FROM "forum_sessions" s WHERE s."id" = p_id::integer AND s."status" <> 'draft';
  ELSIF p_kind = 'topic' THEN
    RETURN QUERY
    SELECT '/topics/' || t."id", t."title", search_plain(t."description_md"), ''::text, false,
      coalesce((SELECT array_agg(x."theme_id" ORDER BY x."theme_id") FROM "topic_themes" x WHERE x."topic_id" = t."id"), '{}'),
      ARRAY(SELECT DISTINCT n FROM unnest(array_append(
        ARRAY(SELECT e."municipality_number"::text FROM "topic_experienced_municipalities" e WHERE e."topic_id" = t."id"),
        t."municipality_number"::text)) n WHERE n IS NOT NULL ORDER BY n),
      t."created_at", t."status"::text
    FROM "topics" t WHERE t."id" = p_id::integer AND t."status" <> 'merged';
  ELSIF p_kind = 'experience' THEN
    RETURN QUERY
    SELECT '/experiences/' || e."id", e."title", e."summary", search_plain(e."body_md"), e."visibility" = 'members',
      coalesce((SELECT array_agg(x."theme_id" ORDER BY x."theme_id") FROM "experience_themes" x WHERE x."experience_id" = e."id"), '{}'),
      ARRAY(SELECT m."municipality_number"::text FROM "experience_municipalities" m WHERE m."experience_id" = e."id" ORDER BY m."municipality_number"),
      e."published_at", NULL::text
    FROM "experiences" e WHERE e."id" = p_id::integer AND e."status" = 'published';
  ELSIF p_kind = 'solution' THEN
    RETURN QUERY
    SELECT '/solutions/' || s."slug", s."name", s."summary",
      concat_ws(' ', search_plain(s."description_md"), array_to_string(s."components", ' '),
        (SELECT string_agg(o."name", ' ') FROM "solution_suppliers" x JOIN "organisations" o ON o."id" = x."organisation_id" WHERE x."solution_id" = s."id")),
      false,
      coalesce((SELECT array_agg(x."theme_id" ORDER BY x."theme_id") FROM "solution_themes" x WHERE x."solution_id" = s."id"), '{}'),
      ARRAY(SELECT DISTINCT n FROM unnest(array_append(
        ARRAY(SELECT a."municipality_number"::text FROM "adoptions" a WHERE a."solution_id" = s."id" AND a."state" <> 'discontinued'),
        s."owner_municipality_number"::text)) n WHERE n IS NOT NULL ORDER BY n),
      s."created_at", s."status"::text
    FROM "solutions" s WHERE s."id" = p_id::integer AND s."review" = 'accepted';
  ELSIF p_kind = 'organisation' THEN
    RETURN QUERY
    SELECT '/organisations/' || o."slug", o."name", ''::text, o."description", false, '{}'::integer[],
      ARRAY(SELECT m."municipality_number"::text FROM "organisation_municipalities" m WHERE m."organisation_id" = o."id" ORDER BY m."municipality_number"),
      NULL::timestamptz, o."kind"::text
    FROM "organisations" o WHERE o."id" = p_id::integer;
  ELSE
    RETURN QUERY
    SELECT '/municipalities/' || m."number", m."name", m."county_name", m."number"::text, false, '{}'::integer[],
      ARRAY[m."number"::text], NULL::timestamptz, NULL::text
    FROM "municipalities" m WHERE m."number" = p_id;
  END IF;
END $$;--> statement-breakpoint
-- Brings one row of search_documents in line with its source: written, rewritten or removed.
CREATE FUNCTION "search_refresh"(p_kind "search_kind", p_id text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  before record;
  after record;
BEGIN
  -- One refresh of a document at a time, so that its theme counts move once per change.
  PERFORM pg_advisory_xact_lock(hashtext('search:' || p_kind || ':' || p_id));
  SELECT d."theme_ids", d."members_only" INTO before FROM "search_documents" d WHERE d."kind" = p_kind AND d."source_id" = p_id;
  INSERT INTO "search_documents" ("kind", "source_id", "path", "title", "heading", "document", "members_only", "theme_ids", "municipality_numbers", "occurred_at", "status")
  SELECT p_kind, p_id, s."path", s."title", h.heading,
    h.heading || setweight(to_tsvector('norwegian', concat_ws(' ', s."body", search_theme_names(s."theme_ids"))), 'C'),
    s."members_only", s."theme_ids", s."municipality_numbers", s."occurred_at", s."status"
  FROM search_source(p_kind, p_id) s,
    LATERAL (SELECT setweight(to_tsvector('norwegian', s."title"), 'A') || setweight(to_tsvector('norwegian', coalesce(s."summary", '')), 'B') AS heading) h
  ON CONFLICT ("kind", "source_id") DO UPDATE SET
    "path" = excluded."path", "title" = excluded."title", "heading" = excluded."heading", "document" = excluded."document",
    "members_only" = excluded."members_only", "theme_ids" = excluded."theme_ids",
    "municipality_numbers" = excluded."municipality_numbers", "occurred_at" = excluded."occurred_at",
    "status" = excluded."status";
  IF NOT FOUND THEN
    DELETE FROM "search_documents" WHERE "kind" = p_kind AND "source_id" = p_id;
  END IF;
  SELECT d."theme_ids", d."members_only" INTO after FROM "search_documents" d WHERE d."kind" = p_kind AND d."source_id" = p_id;
  IF before."theme_ids" IS NOT NULL THEN
    UPDATE "search_theme_counts" c SET "count" = c."count" - 1
    WHERE c."theme_id" = ANY(before."theme_ids") AND c."kind" = p_kind AND c."members_only" = before."members_only";
  END IF;
  IF after."theme_ids" IS NOT NULL THEN
    INSERT INTO "search_theme_counts" ("theme_id", "kind", "members_only", "count")
    SELECT t, p_kind, after."members_only", 1 FROM unnest(after."theme_ids") t
    ON CONFLICT ("theme_id", "kind", "members_only") DO UPDATE SET "count" = "search_theme_counts"."count" + 1;
  END IF;
END $$;--> statement-breakpoint
-- Every row of search_documents anew, set by set (the migration and a bulk seed use it).
CREATE FUNCTION "search_rebuild"() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  written integer;
BEGIN
  DELETE FROM "search_documents";
  INSERT INTO "search_documents" ("kind", "source_id", "path", "title", "heading", "document", "members_only", "theme_ids", "municipality_numbers", "occurred_at", "status")
  SELECT k.kind, k.id, s."path", s."title", h.heading,
    h.heading || setweight(to_tsvector('norwegian', concat_ws(' ', s."body", search_theme_names(s."theme_ids"))), 'C'),
    s."members_only", s."theme_ids", s."municipality_numbers", s."occurred_at", s."status"
  FROM (
    SELECT 'forum_session'::"search_kind" AS kind, "id"::text AS id FROM "forum_sessions" WHERE "status" <> 'draft'
    UNION ALL SELECT 'topic', "id"::text FROM "topics" WHERE "status" <> 'merged'
    UNION ALL SELECT 'experience', "id"::text FROM "experiences" WHERE "status" = 'published'
    UNION ALL SELECT 'solution', "id"::text FROM "solutions" WHERE "review" = 'accepted'
    UNION ALL SELECT 'organisation', "id"::text FROM "organisations"
    UNION ALL SELECT 'municipality', "number"::text FROM "municipalities"
  ) k, search_source(k.kind, k.id) s,
    LATERAL (SELECT setweight(to_tsvector('norwegian', s."title"), 'A') || setweight(to_tsvector('norwegian', coalesce(s."summary", '')), 'B') AS heading) h;
  GET DIAGNOSTICS written = ROW_COUNT;
  DELETE FROM "search_theme_counts";
  INSERT INTO "search_theme_counts" ("theme_id", "kind", "members_only", "count")
  SELECT t, d."kind", d."members_only", count(*) FROM "search_documents" d, unnest(d."theme_ids") t GROUP BY 1, 2, 3;
  RETURN written;
END $$;--> statement-breakpoint
-- One trigger function for every source table: TG_ARGV[0] is the kind, TG_ARGV[1] the column that
-- names the searched row. A bulk seed sets kommuneforum.search_deferred and calls search_rebuild after.
CREATE FUNCTION "search_refresh_row"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_id text;
  new_id text;
BEGIN
  IF current_setting('kommuneforum.search_deferred', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN old_id := to_jsonb(OLD) ->> TG_ARGV[1]; END IF;
  IF TG_OP <> 'DELETE' THEN new_id := to_jsonb(NEW) ->> TG_ARGV[1]; END IF;
  IF old_id IS NOT NULL AND old_id IS DISTINCT FROM new_id THEN
    PERFORM search_refresh(TG_ARGV[0]::"search_kind", old_id);
  END IF;
  IF new_id IS NOT NULL THEN
    PERFORM search_refresh(TG_ARGV[0]::"search_kind", new_id);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- A supplier's new name is in the text of every solution it supplies.
CREATE FUNCTION "search_refresh_supplied"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kommuneforum.search_deferred', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM search_refresh('solution', x."solution_id"::text) FROM "solution_suppliers" x WHERE x."organisation_id" = NEW."id";
  RETURN NULL;
END $$;--> statement-breakpoint
-- A theme's new name is in the text of everything on it.
CREATE FUNCTION "search_refresh_themed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kommuneforum.search_deferred', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM search_refresh(d."kind", d."source_id") FROM "search_documents" d WHERE d."theme_ids" @> ARRAY[NEW."id"];
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "forum_sessions_searched" AFTER INSERT OR UPDATE OF "title", "description_md", "status", "starts_at" OR DELETE ON "forum_sessions"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('forum_session', 'id');--> statement-breakpoint
CREATE TRIGGER "forum_session_themes_searched" AFTER INSERT OR UPDATE OR DELETE ON "forum_session_themes"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('forum_session', 'forum_session_id');--> statement-breakpoint
CREATE TRIGGER "agenda_items_searched" AFTER INSERT OR UPDATE OF "title", "description_md", "presenter_name", "presenter_organisation", "forum_session_id" OR DELETE ON "agenda_items"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('forum_session', 'forum_session_id');--> statement-breakpoint
CREATE TRIGGER "summaries_searched" AFTER INSERT OR UPDATE OF "body_md", "status" OR DELETE ON "summaries"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('forum_session', 'forum_session_id');--> statement-breakpoint
CREATE TRIGGER "topics_searched" AFTER INSERT OR UPDATE OF "title", "description_md", "status", "municipality_number" OR DELETE ON "topics"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('topic', 'id');--> statement-breakpoint
CREATE TRIGGER "topic_themes_searched" AFTER INSERT OR UPDATE OR DELETE ON "topic_themes"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('topic', 'topic_id');--> statement-breakpoint
CREATE TRIGGER "topic_experienced_municipalities_searched" AFTER INSERT OR UPDATE OR DELETE ON "topic_experienced_municipalities"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('topic', 'topic_id');--> statement-breakpoint
CREATE TRIGGER "experiences_searched" AFTER INSERT OR UPDATE OF "title", "summary", "body_md", "status", "visibility", "published_at" OR DELETE ON "experiences"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('experience', 'id');--> statement-breakpoint
CREATE TRIGGER "experience_themes_searched" AFTER INSERT OR UPDATE OR DELETE ON "experience_themes"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('experience', 'experience_id');--> statement-breakpoint
CREATE TRIGGER "experience_municipalities_searched" AFTER INSERT OR UPDATE OR DELETE ON "experience_municipalities"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('experience', 'experience_id');--> statement-breakpoint
CREATE TRIGGER "solutions_searched" AFTER INSERT OR UPDATE OF "slug", "name", "summary", "description_md", "components", "review", "status", "owner_municipality_number" OR DELETE ON "solutions"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('solution', 'id');--> statement-breakpoint
CREATE TRIGGER "solution_themes_searched" AFTER INSERT OR UPDATE OR DELETE ON "solution_themes"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('solution', 'solution_id');--> statement-breakpoint
CREATE TRIGGER "solution_suppliers_searched" AFTER INSERT OR UPDATE OR DELETE ON "solution_suppliers"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('solution', 'solution_id');--> statement-breakpoint
CREATE TRIGGER "adoptions_searched" AFTER INSERT OR UPDATE OF "state", "municipality_number", "solution_id" OR DELETE ON "adoptions"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('solution', 'solution_id');--> statement-breakpoint
CREATE TRIGGER "organisations_searched" AFTER INSERT OR UPDATE OF "slug", "name", "description", "kind" OR DELETE ON "organisations"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('organisation', 'id');--> statement-breakpoint
CREATE TRIGGER "organisations_supplied_searched" AFTER UPDATE OF "name" ON "organisations"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_supplied();--> statement-breakpoint
CREATE TRIGGER "organisation_municipalities_searched" AFTER INSERT OR UPDATE OR DELETE ON "organisation_municipalities"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('organisation', 'organisation_id');--> statement-breakpoint
CREATE TRIGGER "themes_searched" AFTER UPDATE OF "name_nb", "name_en" ON "themes"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_themed();--> statement-breakpoint
CREATE TRIGGER "municipalities_searched" AFTER INSERT OR UPDATE OF "name", "county_name" OR DELETE ON "municipalities"
  FOR EACH ROW EXECUTE FUNCTION search_refresh_row('municipality', 'number');--> statement-breakpoint
SELECT search_rebuild();--> statement-breakpoint
-- The indexes after the first rebuild: built once from the whole table instead of entry by entry.
CREATE INDEX "search_documents_forum_session_idx" ON "search_documents" USING gin ("document") WITH (fastupdate=false) WHERE kind = 'forum_session';--> statement-breakpoint
CREATE INDEX "search_documents_topic_idx" ON "search_documents" USING gin ("document") WITH (fastupdate=false) WHERE kind = 'topic';--> statement-breakpoint
CREATE INDEX "search_documents_experience_idx" ON "search_documents" USING gin ("document") WITH (fastupdate=false) WHERE kind = 'experience';--> statement-breakpoint
CREATE INDEX "search_documents_solution_idx" ON "search_documents" USING gin ("document") WITH (fastupdate=false) WHERE kind = 'solution';--> statement-breakpoint
CREATE INDEX "search_documents_organisation_idx" ON "search_documents" USING gin ("document") WITH (fastupdate=false) WHERE kind = 'organisation';--> statement-breakpoint
CREATE INDEX "search_documents_municipality_idx" ON "search_documents" USING gin ("document") WITH (fastupdate=false) WHERE kind = 'municipality';--> statement-breakpoint
CREATE INDEX "search_documents_title_trgm_idx" ON "search_documents" USING gin ("title" gin_trgm_ops) WITH (fastupdate=false);
