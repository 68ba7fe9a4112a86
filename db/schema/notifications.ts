import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { NOTIFICATION_KINDS } from "./notification-values";
import { members } from "./members";

export const notificationKind = pgEnum("notification_kind", NOTIFICATION_KINDS);

/** What a member is told in the app; the text is made from kind and params in the reader's language. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    params: jsonb("params").$type<Record<string, string>>().notNull(),
    /** A path on this site. */
    url: text("url").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_member_idx").on(t.memberId, t.createdAt),
    index("notifications_unread_idx").on(t.memberId).where(sql`${t.readAt} is null`),
  ],
);

/** A member who turned email off for one kind. No row: email on. */
export const emailOptOuts = pgTable(
  "email_opt_outs",
  {
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.kind] })],
);

/**
 * Mail waiting to be sent, written in the same transaction as the change it tells of; a worker in any
 * app process sends it, so a slow or absent mail server never holds up a page nor loses a mail.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** Not before this time: set when claimed by a worker, and after a failure. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.sentAt} is null`),
    index("email_outbox_sent_idx").on(t.sentAt).where(sql`${t.sentAt} is not null`),
  ],
);

export type Notification = typeof notifications.$inferSelect;
