ALTER TYPE "public"."member_status" ADD VALUE 'erased';--> statement-breakpoint
-- Visitors see no person names (decision 020): a presenter from outside is found by organisation, not by name,
-- so that no search snippet shows a name. Members' names were never indexed.
CREATE OR REPLACE FUNCTION "search_source"(p_kind "search_kind", p_id text)
RETURNS TABLE ("path" text, "title" text, "summary" text, "body" text, "members_only" boolean, "theme_ids" integer[], "municipality_numbers" text[], "occurred_at" timestamptz, "status" text)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p_kind = 'forum_session' THEN
    RETURN QUERY
    SELECT '/forum-sessions/' || s."id", s."title", search_plain(s."description_md"),
      concat_ws(' ',
        (SELECT string_agg(concat_ws(' ', a."title", a."presenter_organisation", search_plain(a."description_md")), ' ' ORDER BY a."position")
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
SELECT search_rebuild();
