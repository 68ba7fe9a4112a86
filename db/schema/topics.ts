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
  text,
  timestamp,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { forumSessions } from "./forum-sessions";
import { members } from "./members";
import { municipalities } from "./municipalities";
import { themes } from "./themes";
import { TOPIC_STATUSES } from "./topic-values";

export const topicStatus = pgEnum("topic_status", TOPIC_STATUSES);

export const topics = pgTable(
  "topics",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    descriptionMd: text("description_md").notNull().default(""),
    descriptionHtml: text("description_html").notNull().default(""),
    status: topicStatus("status").notNull().default("proposed"),
    proposerId: integer("proposer_id").references(() => members.id, { onDelete: "set null" }),
    /** The proposer's municipality when proposed: the topic stays theirs if the member moves on. */
    municipalityNumber: char("municipality_number", { length: 4 }).references(() => municipalities.number),
    /** "Our municipality can present this." */
    canPresent: boolean("can_present").notNull().default(false),
    declineReason: text("decline_reason"),
    mergedIntoId: integer("merged_into_id").references((): AnyPgColumn => topics.id, { onDelete: "set null" }),
    /** The forum session it was scheduled onto (kept when covered, so the summary stays linked). */
    forumSessionId: integer("forum_session_id").references(() => forumSessions.id, { onDelete: "set null" }),
    /** Exact: changed only together with a row of topic_supports, under the topic's row lock. */
    supportCount: integer("support_count").notNull().default(0),
    version: integer("version").notNull().default(1),
    /** Proposed, supported, commented on or triaged: "recently active". */
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Ascending, read backwards: `order by support_count desc, id desc` (nulls first, PostgreSQL's default
    // for desc) matches a backward scan; an index declared desc nulls last would not be used for it.
    index("topics_supported_idx").on(t.supportCount, t.id),
    index("topics_status_supported_idx").on(t.status, t.supportCount, t.id),
    index("topics_created_idx").on(t.createdAt, t.id),
    index("topics_active_idx").on(t.lastActivityAt, t.id),
    index("topics_proposer_idx").on(t.proposerId),
    index("topics_municipality_idx").on(t.municipalityNumber),
    index("topics_forum_session_idx").on(t.forumSessionId),
    check("topics_support_count_not_negative", sql`${t.supportCount} >= 0`),
    check("topics_declined_has_reason", sql`${t.status} <> 'declined' or ${t.declineReason} is not null`),
    check("topics_merged_has_target", sql`${t.status} <> 'merged' or ${t.mergedIntoId} is not null`),
    check("topics_not_merged_into_itself", sql`${t.mergedIntoId} <> ${t.id}`),
  ],
);

export const topicThemes = pgTable(
  "topic_themes",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    themeId: integer("theme_id")
      .notNull()
      .references(() => themes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.themeId] }), index("topic_themes_theme_idx").on(t.themeId, t.topicId)],
);

/** "Municipalities that have experience with it", picked from the register. */
export const topicExperiencedMunicipalities = pgTable(
  "topic_experienced_municipalities",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.municipalityNumber] })],
);

export const topicSupports = pgTable(
  "topic_supports",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.memberId] }), index("topic_supports_member_idx").on(t.memberId, t.createdAt)],
);

/** A topic's history: every status change, who made it, when, and the note that came with it. */
export const topicStatusChanges = pgTable(
  "topic_status_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    /** Null when the change was made by the system (a summary published) or the member is gone. */
    actorId: integer("actor_id").references(() => members.id, { onDelete: "set null" }),
    fromStatus: topicStatus("from_status"),
    toStatus: topicStatus("to_status").notNull(),
    note: text("note"),
    forumSessionId: integer("forum_session_id").references(() => forumSessions.id, { onDelete: "set null" }),
    mergedIntoId: integer("merged_into_id").references(() => topics.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("topic_status_changes_topic_idx").on(t.topicId, t.createdAt)],
);

export type Topic = typeof topics.$inferSelect;
export type TopicStatusChange = typeof topicStatusChanges.$inferSelect;
