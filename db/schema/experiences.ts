import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  char,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { CONTRACT_VALUE_BANDS, EXPERIENCE_STATUSES, EXPERIENCE_VISIBILITIES, PROCUREMENT_PROCEDURES } from "./experience-values";
import { agendaItems, forumSessions } from "./forum-sessions";
import { members } from "./members";
import { municipalities } from "./municipalities";
import { themes } from "./themes";
import { topics } from "./topics";

export const experienceVisibility = pgEnum("experience_visibility", EXPERIENCE_VISIBILITIES);
export const experienceStatus = pgEnum("experience_status", EXPERIENCE_STATUSES);
export const procurementProcedure = pgEnum("procurement_procedure", PROCUREMENT_PROCEDURES);
export const contractValueBand = pgEnum("contract_value_band", CONTRACT_VALUE_BANDS);

/** A write-up of what a municipality did and learned. Its text is also kept, per save, in experience_revisions. */
export const experiences = pgTable(
  "experiences",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    bodyMd: text("body_md").notNull(),
    bodyHtml: text("body_html").notNull(),
    status: experienceStatus("status").notNull().default("draft"),
    visibility: experienceVisibility("visibility").notNull().default("public"),
    authorId: integer("author_id").references(() => members.id, { onDelete: "set null" }),
    /** Where it came from: a forum session (and the agenda item presented there) or a topic. */
    forumSessionId: integer("forum_session_id").references(() => forumSessions.id, { onDelete: "set null" }),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    topicId: integer("topic_id").references(() => topics.id, { onDelete: "set null" }),
    /** The number of the current revision: an edit must be based on it (no lost updates). */
    revision: integer("revision").notNull().default(1),
    /** Kept by a trigger on comments: "most discussed". */
    commentCount: integer("comment_count").notNull().default(0),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Ascending, read backwards (as the topic list's): the list's three orders over published write-ups.
    index("experiences_published_idx").on(t.publishedAt, t.id).where(sql`${t.status} = 'published'`),
    // A visitor's list and its count read only public ones: an index-only scan instead of the wide table.
    index("experiences_visibility_idx").on(t.visibility, t.publishedAt, t.id).where(sql`${t.status} = 'published'`),
    index("experiences_updated_idx").on(t.updatedAt, t.id).where(sql`${t.status} = 'published'`),
    index("experiences_discussed_idx").on(t.commentCount, t.id).where(sql`${t.status} = 'published'`),
    index("experiences_author_idx").on(t.authorId),
    index("experiences_forum_session_idx").on(t.forumSessionId).where(sql`${t.forumSessionId} is not null`),
    index("experiences_topic_idx").on(t.topicId).where(sql`${t.topicId} is not null`),
    check("experiences_published_has_date", sql`${t.status} = 'draft' or ${t.publishedAt} is not null`),
    check("experiences_comment_count_not_negative", sql`${t.commentCount} >= 0`),
  ],
);

export const experienceThemes = pgTable(
  "experience_themes",
  {
    experienceId: integer("experience_id")
      .notNull()
      .references(() => experiences.id, { onDelete: "cascade" }),
    themeId: integer("theme_id")
      .notNull()
      .references(() => themes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.experienceId, t.themeId] }), index("experience_themes_theme_idx").on(t.themeId, t.experienceId)],
);

/**
 * The municipalities a write-up is by: the author's (`lead`, fixed when written) and the co-authoring ones.
 * A municipality's page and the municipality and county filters read this one table.
 */
export const experienceMunicipalities = pgTable(
  "experience_municipalities",
  {
    experienceId: integer("experience_id")
      .notNull()
      .references(() => experiences.id, { onDelete: "cascade" }),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    lead: boolean("lead").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.experienceId, t.municipalityNumber] }),
    index("experience_municipalities_municipality_idx").on(t.municipalityNumber, t.experienceId),
    uniqueIndex("experience_municipalities_one_lead").on(t.experienceId).where(sql`${t.lead}`),
  ],
);

/** Members the author invited to write with them: they may edit, and every edit is a revision. */
export const experienceCoAuthors = pgTable(
  "experience_co_authors",
  {
    experienceId: integer("experience_id")
      .notNull()
      .references(() => experiences.id, { onDelete: "cascade" }),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    invitedBy: integer("invited_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.experienceId, t.memberId] }), index("experience_co_authors_member_idx").on(t.memberId)],
);

/** Every saved text of a write-up, numbered from 1: the history page compares any two. */
export const experienceRevisions = pgTable(
  "experience_revisions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    experienceId: integer("experience_id")
      .notNull()
      .references(() => experiences.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    editorId: integer("editor_id").references(() => members.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    bodyMd: text("body_md").notNull(),
    /** The editor's note on what they changed (optional). */
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("experience_revisions_number_idx").on(t.experienceId, t.number)],
);

/** The procurement fact box: facts a write-up about a procurement can carry, usable as list filters. */
export const experienceProcurements = pgTable(
  "experience_procurements",
  {
    experienceId: integer("experience_id")
      .primaryKey()
      .references(() => experiences.id, { onDelete: "cascade" }),
    procedure: procurementProcedure("procedure").notNull(),
    year: smallint("year"),
    suppliers: text("suppliers").array().notNull().default(sql`'{}'::text[]`),
    valueBand: contractValueBand("value_band"),
    /** What they would do differently next time (plain text). */
    lessons: text("lessons").notNull().default(""),
  },
  (t) => [index("experience_procurements_procedure_idx").on(t.procedure, t.experienceId)],
);

export const experienceProcurementPartners = pgTable(
  "experience_procurement_partners",
  {
    experienceId: integer("experience_id")
      .notNull()
      .references(() => experienceProcurements.experienceId, { onDelete: "cascade" }),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
  },
  (t) => [primaryKey({ columns: [t.experienceId, t.municipalityNumber] })],
);

/** A member follows a theme or a municipality and is told of new write-ups there. */
export const follows = pgTable(
  "follows",
  {
    id: serial("id").primaryKey(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    themeId: integer("theme_id").references(() => themes.id, { onDelete: "cascade" }),
    municipalityNumber: char("municipality_number", { length: 4 }).references(() => municipalities.number),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("follows_theme_idx").on(t.themeId, t.memberId).where(sql`${t.themeId} is not null`),
    uniqueIndex("follows_municipality_idx").on(t.municipalityNumber, t.memberId).where(sql`${t.municipalityNumber} is not null`),
    index("follows_member_idx").on(t.memberId),
    check("follows_one_subject", sql`num_nonnulls(${t.themeId}, ${t.municipalityNumber}) = 1`),
  ],
);

export type Experience = typeof experiences.$inferSelect;
export type ExperienceRevision = typeof experienceRevisions.$inferSelect;
export type ExperienceProcurement = typeof experienceProcurements.$inferSelect;
