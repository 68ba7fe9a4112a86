import { sql } from "drizzle-orm";
import {
  char,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { MEMBER_LANGUAGES, MEMBER_ROLES, MEMBER_STATUSES } from "./member-values";
import { municipalities } from "./municipalities";
import { organisations } from "./organisations";

export const memberRole = pgEnum("member_role", MEMBER_ROLES);
export const memberStatus = pgEnum("member_status", MEMBER_STATUSES);
export const memberLanguage = pgEnum("member_language", MEMBER_LANGUAGES);

export const members = pgTable(
  "members",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    jobTitle: text("job_title").notNull(),
    /** Null for the cluster organisation's own people and for those of another organisation. */
    municipalityNumber: char("municipality_number", { length: 4 }).references(() => municipalities.number),
    /** A supplier, national body, cluster or regional cooperation the member belongs to instead of a municipality. */
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    passwordHash: text("password_hash").notNull(),
    role: memberRole("role").notNull().default("member"),
    status: memberStatus("status").notNull().default("pending"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: integer("decided_by"),
    version: integer("version").notNull().default(1),
    /** The secret in the member's own calendar feed address (it carries meeting links); null until asked for. */
    calendarToken: text("calendar_token").unique(),
    /** The language mail and calendar texts are written in: the one used at sign-up, changeable on /me. */
    language: memberLanguage("language").notNull().default("nb"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("members_email_idx").on(sql`lower(${t.email})`),
    index("members_municipality_idx").on(t.municipalityNumber, t.status),
    index("members_status_idx").on(t.status, t.createdAt),
    index("members_organisation_idx").on(t.organisationId).where(sql`${t.organisationId} is not null`),
    check("members_one_employer", sql`num_nonnulls(${t.municipalityNumber}, ${t.organisationId}) <= 1`),
  ],
);

export const userSessions = pgTable(
  "user_sessions",
  {
    /** SHA-256 of the token in the cookie, hex: a stolen table holds no usable token. */
    id: text("id").primaryKey(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("user_sessions_member_idx").on(t.memberId), index("user_sessions_expires_idx").on(t.expiresAt)],
);

export const passwordResets = pgTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("password_resets_member_idx").on(t.memberId), index("password_resets_expires_idx").on(t.expiresAt)],
);

/** Fixed-window counters shared by every app process (app/lib/rate-limit.server.ts). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [index("rate_limits_window_idx").on(t.windowStart)],
);

export type Member = typeof members.$inferSelect;
export type MemberRole = (typeof memberRole.enumValues)[number];
export type MemberStatus = (typeof memberStatus.enumValues)[number];
