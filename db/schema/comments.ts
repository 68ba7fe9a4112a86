import { sql } from "drizzle-orm";
import { check, index, type AnyPgColumn, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { members } from "./members";
import { experiences } from "./experiences";
import { solutions } from "./solutions";
import { topics } from "./topics";

/**
 * Discussion under a topic, an experience or a solution: one column per kind
 * of subject, so that each is a real foreign key, and exactly one is set.
 */
export const comments = pgTable(
  "comments",
  {
    id: serial("id").primaryKey(),
    topicId: integer("topic_id").references(() => topics.id, { onDelete: "cascade" }),
    experienceId: integer("experience_id").references(() => experiences.id, { onDelete: "cascade" }),
    solutionId: integer("solution_id").references((): AnyPgColumn => solutions.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => members.id, { onDelete: "set null" }),
    bodyMd: text("body_md").notNull(),
    bodyHtml: text("body_html").notNull(),
    version: integer("version").notNull().default(1),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    /** Hidden by a coordinator: the text stays for the record, readers see a placeholder with the reason. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: integer("hidden_by").references(() => members.id, { onDelete: "set null" }),
    hiddenReason: text("hidden_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("comments_topic_idx").on(t.topicId, t.createdAt, t.id).where(sql`${t.topicId} is not null`),
    index("comments_experience_idx").on(t.experienceId, t.createdAt, t.id).where(sql`${t.experienceId} is not null`),
    index("comments_solution_idx").on(t.solutionId, t.createdAt, t.id).where(sql`${t.solutionId} is not null`),
    index("comments_author_idx").on(t.authorId),
    check("comments_one_subject", sql`num_nonnulls(${t.topicId}, ${t.experienceId}, ${t.solutionId}) = 1`),
  ],
);

export type Comment = typeof comments.$inferSelect;
