CREATE TABLE "data_versions" (
	"scope" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "data_versions" ("scope") VALUES ('content'), ('base_data');
--> statement-breakpoint
-- Bumps each scope named in the trigger's arguments once per transaction. The triggers are deferred
-- constraint triggers, so the counter row is locked only at commit, after every other lock the
-- transaction takes: concurrent writers queue for a moment there instead of deadlocking on it, and
-- the new version becomes visible together with the data it describes.
CREATE FUNCTION "data_versions_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bumped text;
  transaction_id text := txid_current()::text;
BEGIN
  FOREACH bumped IN ARRAY TG_ARGV LOOP
    IF current_setting('kommuneforum.bumped_' || bumped, true) IS DISTINCT FROM transaction_id THEN
      UPDATE "data_versions" SET "version" = "version" + 1 WHERE "scope" = bumped;
      PERFORM set_config('kommuneforum.bumped_' || bumped, transaction_id, true);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every table a visitor's page is drawn from bumps `content`; municipalities and themes also bump
-- `base_data`. Left out, on purpose: sessions, password resets, rate limits, notifications, mail, the
-- audit log (no visitor sees them) and the search tables (their sources bump). tests/db/data-versions.test.ts
-- fails when a new table is neither here nor in its list of exceptions.
DO $$
DECLARE
  content_table text;
  scopes text;
BEGIN
  FOREACH content_table IN ARRAY ARRAY[
    'comments', 'experiences', 'experience_themes', 'experience_municipalities', 'experience_co_authors',
    'experience_revisions', 'experience_procurements', 'experience_procurement_partners', 'follows',
    'forum_sessions', 'forum_session_themes', 'agenda_items', 'registrations', 'summaries', 'members',
    'municipalities', 'organisations', 'organisation_municipalities', 'solutions', 'solution_suppliers',
    'solution_themes', 'solution_status_changes', 'adoptions', 'adoption_changes', 'experience_solutions',
    'themes', 'topics', 'topic_themes', 'topic_experienced_municipalities', 'topic_supports',
    'topic_status_changes'
  ] LOOP
    scopes := CASE WHEN content_table IN ('municipalities', 'themes') THEN '''content'', ''base_data''' ELSE '''content''' END;
    EXECUTE format(
      'CREATE CONSTRAINT TRIGGER data_versions_bump AFTER INSERT OR UPDATE OR DELETE ON %I'
      ' DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_versions_bump(%s)',
      content_table, scopes);
    EXECUTE format(
      'CREATE TRIGGER data_versions_bump_truncate AFTER TRUNCATE ON %I'
      ' FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump(%s)',
      content_table, scopes);
  END LOOP;
END $$;
