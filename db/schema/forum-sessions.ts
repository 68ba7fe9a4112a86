import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, unique, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { FORUM_SESSION_STATUSES, SUMMARY_STATUSES } from "./forum-session-values";
import { members } from "./members";
import { themes } from "./themes";
import { solutions } from "./solutions";
import { topics } from "./topics";

export const forumSessionStatus = pgEnum("forum_session_status", FORUM_SESSION_STATUSES);
export const summaryStatus = pgEnum("summary_status", SUMMARY_STATUSES);

export const forumSessions = pgTable(
  "forum_sessions",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    descriptionMd: text("description_md").notNull().default(""),
    descriptionHtml: text("description_html").notNull().default(""),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** Shown to signed-in members only. */
    meetingUrl: text("meeting_url"),
    /** Why a coordinator cancelled it, shown on the page and in the mail; null when not given. */
    cancelReason: text("cancel_reason"),
    status: forumSessionStatus("status").notNull().default("draft"),
    /** The calendar SEQUENCE: raised on every change a calendar shows. */
    sequence: integer("sequence").notNull().default(0),
    version: integer("version").notNull().default(1),
    copiedFromId: integer("copied_from_id").references((): AnyPgColumn => forumSessions.id, { onDelete: "set null" }),
    createdBy: integer("created_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("forum_sessions_status_starts_idx").on(t.status, t.startsAt),
    index("forum_sessions_starts_idx").on(t.startsAt),
    check("forum_sessions_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const forumSessionThemes = pgTable(
  "forum_session_themes",
  {
    forumSessionId: integer("forum_session_id")
      .notNull()
      .references(() => forumSessions.id, { onDelete: "cascade" }),
    themeId: integer("theme_id")
      .notNull()
      .references(() => themes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.forumSessionId, t.themeId] }), index("forum_session_themes_theme_idx").on(t.themeId)],
);

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: serial("id").primaryKey(),
    forumSessionId: integer("forum_session_id")
      .notNull()
      .references(() => forumSessions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** Minutes after the forum session's start, so that moving or copying a session moves its agenda. */
    startOffsetMinutes: integer("start_offset_minutes").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    title: text("title").notNull(),
    presenterMemberId: integer("presenter_member_id").references(() => members.id, { onDelete: "set null" }),
    presenterName: text("presenter_name"),
    presenterOrganisation: text("presenter_organisation"),
    descriptionMd: text("description_md").notNull().default(""),
    descriptionHtml: text("description_html").notNull().default(""),
    /** The topic it came from: at most one agenda item per topic. */
    topicId: integer("topic_id").references((): AnyPgColumn => topics.id, { onDelete: "set null" }),
    /** The catalogue's solution it presented, if any: the solution's page lists the forum sessions it was shown at. */
    solutionId: integer("solution_id").references((): AnyPgColumn => solutions.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Deferrable (set in the migration): a reorder renumbers several items inside one transaction.
    unique("agenda_items_session_position_key").on(t.forumSessionId, t.position),
    uniqueIndex("agenda_items_topic_idx").on(t.topicId).where(sql`${t.topicId} is not null`),
    index("agenda_items_solution_idx").on(t.solutionId).where(sql`${t.solutionId} is not null`),
    check("agenda_items_duration_positive", sql`${t.durationMinutes} > 0`),
    check("agenda_items_offset_not_negative", sql`${t.startOffsetMinutes} >= 0`),
  ],
);

export const registrations = pgTable(
  "registrations",
  {
    forumSessionId: integer("forum_session_id")
      .notNull()
      .references(() => forumSessions.id, { onDelete: "cascade" }),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.forumSessionId, t.memberId] }), index("registrations_member_idx").on(t.memberId)],
);

export const summaries = pgTable(
  "summaries",
  {
    forumSessionId: integer("forum_session_id")
      .primaryKey()
      .references(() => forumSessions.id, { onDelete: "cascade" }),
    bodyMd: text("body_md").notNull(),
    bodyHtml: text("body_html").notNull(),
    status: summaryStatus("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    updatedBy: integer("updated_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("summaries_published_idx").on(t.status, t.publishedAt)],
);

export type ForumSession = typeof forumSessions.$inferSelect;
export type AgendaItem = typeof agendaItems.$inferSelect;
export type Summary = typeof summaries.$inferSelect;
