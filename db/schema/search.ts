import { sql } from "drizzle-orm";
import { boolean, customType, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { SEARCH_KINDS } from "./search-values";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const searchKind = pgEnum("search_kind", SEARCH_KINDS);

/**
 * One row per thing the search can find that someone other than a coordinator may see: forum sessions
 * that are not drafts, topics not merged, published write-ups, accepted solutions, organisations and
 * municipalities. Written only by the database (triggers calling search_refresh, migration 0007), so
 * no code path can forget it; the text itself stays in the source tables (search_source reads it).
 */
export const searchDocuments = pgTable(
  "search_documents",
  {
    kind: searchKind("kind").notNull(),
    /** The source row's key: an id, or a municipality's number. */
    sourceId: text("source_id").notNull(),
    path: text("path").notNull(),
    title: text("title").notNull(),
    /** Title weighted A, summary B, body C, in the `norwegian` configuration: what a search matches. */
    document: tsvector("document").notNull(),
    /** Title and summary alone: what a match is ranked by (small, so ranking never reads the whole text). */
    heading: tsvector("heading").notNull(),
    membersOnly: boolean("members_only").notNull().default(false),
    themeIds: integer("theme_ids").array().notNull().default(sql`'{}'::integer[]`),
    municipalityNumbers: text("municipality_numbers").array().notNull().default(sql`'{}'::text[]`),
    /** When it happened: a forum session's start, a topic's proposal, a write-up's publication, a solution's entry. */
    occurredAt: timestamp("occurred_at", { withTimezone: true }),
    /** The source's own status (a topic's, a forum session's, a solution's scaling status, an organisation's kind). */
    status: text("status"),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.sourceId] }),
    // One index per kind: a word in most write-ups must not cost a scan of every topic's entries too.
    // fastupdate off: a pending list is read in full by every search until a vacuum (PGlite has none).
    ...SEARCH_KINDS.map((kind) =>
      index(`search_documents_${kind}_idx`).using("gin", t.document).with({ fastupdate: false }).where(sql.raw(`kind = '${kind}'`)),
    ),
    index("search_documents_title_trgm_idx").using("gin", t.title.op("gin_trgm_ops")).with({ fastupdate: false }),
  ],
);

/**
 * How many findable things of each kind are on each theme, public and members-only apart: the theme
 * pages' counts in one indexed read. Kept by search_refresh and search_rebuild (migration 0007).
 */
export const searchThemeCounts = pgTable(
  "search_theme_counts",
  {
    themeId: integer("theme_id").notNull(),
    kind: searchKind("kind").notNull(),
    membersOnly: boolean("members_only").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.themeId, t.kind, t.membersOnly] })],
);
