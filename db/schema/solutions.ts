import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { experiences } from "./experiences";
import { members } from "./members";
import { municipalities } from "./municipalities";
import { organisations } from "./organisations";
import { ADOPTION_STATES, SOLUTION_REVIEWS, SOLUTION_STATUSES } from "./solution-values";
import { themes } from "./themes";

export const solutionStatus = pgEnum("solution_status", SOLUTION_STATUSES);
export const solutionReview = pgEnum("solution_review", SOLUTION_REVIEWS);
export const adoptionState = pgEnum("adoption_state", ADOPTION_STATES);

/** An entry in the catalogue of reusable solutions. Visitors see accepted ones only. */
export const solutions = pgTable(
  "solutions",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    summary: text("summary").notNull(),
    descriptionMd: text("description_md").notNull().default(""),
    descriptionHtml: text("description_html").notNull().default(""),
    /** Its owner: a municipality, or an organisation (a regional cooperation among them). Exactly one. */
    ownerMunicipalityNumber: char("owner_municipality_number", { length: 4 }).references(() => municipalities.number),
    ownerOrganisationId: integer("owner_organisation_id").references(() => organisations.id),
    /** National common components it uses (ID-porten, KS Fiks, …) and archive systems it delivers into. */
    components: text("components").array().notNull().default(sql`'{}'::text[]`),
    archiveSystems: text("archive_systems").array().notNull().default(sql`'{}'::text[]`),
    websiteUrl: text("website_url"),
    sourceUrl: text("source_url"),
    documentationUrl: text("documentation_url"),
    licence: text("licence"),
    openSource: boolean("open_source").notNull().default(false),
    contactMemberId: integer("contact_member_id").references(() => members.id, { onDelete: "set null" }),
    review: solutionReview("review").notNull().default("proposed"),
    /** Why a coordinator rejected the proposal (told to the proposer). */
    reviewNote: text("review_note"),
    reviewedBy: integer("reviewed_by").references(() => members.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    status: solutionStatus("status").notNull().default("idea"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    proposedBy: integer("proposed_by").references(() => members.id, { onDelete: "set null" }),
    /** Kept by a trigger on adoptions: the list's badge and sort, and the scaling suggestion. */
    inUseCount: integer("in_use_count").notNull().default(0),
    adoptionCount: integer("adoption_count").notNull().default(0),
    jointInterestCount: integer("joint_interest_count").notNull().default(0),
    /** Bumped by every edit and status change: an edit based on an older one is refused (no lost updates). */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("solutions_slug_idx").on(t.slug),
    // A rejected proposal does not block its name: the next one may be accepted.
    uniqueIndex("solutions_name_idx").on(sql`lower(${t.name})`).where(sql`${t.review} <> 'rejected'`),
    index("solutions_accepted_idx").on(t.reviewedAt, t.id).where(sql`${t.review} = 'accepted'`),
    index("solutions_adoptions_idx").on(t.adoptionCount, t.id).where(sql`${t.review} = 'accepted'`),
    index("solutions_joint_interest_idx").on(t.jointInterestCount, t.id).where(sql`${t.review} = 'accepted' and ${t.jointInterestCount} > 0`),
    index("solutions_review_idx").on(t.review, t.createdAt),
    index("solutions_components_idx").using("gin", t.components),
    index("solutions_owner_municipality_idx").on(t.ownerMunicipalityNumber).where(sql`${t.ownerMunicipalityNumber} is not null`),
    index("solutions_owner_organisation_idx").on(t.ownerOrganisationId).where(sql`${t.ownerOrganisationId} is not null`),
    check("solutions_one_owner", sql`num_nonnulls(${t.ownerMunicipalityNumber}, ${t.ownerOrganisationId}) = 1`),
    check("solutions_counts_not_negative", sql`${t.inUseCount} >= 0 and ${t.adoptionCount} >= 0 and ${t.jointInterestCount} >= 0`),
  ],
);

export const solutionSuppliers = pgTable(
  "solution_suppliers",
  {
    solutionId: integer("solution_id")
      .notNull()
      .references(() => solutions.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.solutionId, t.organisationId] }), index("solution_suppliers_organisation_idx").on(t.organisationId, t.solutionId)],
);

export const solutionThemes = pgTable(
  "solution_themes",
  {
    solutionId: integer("solution_id")
      .notNull()
      .references(() => solutions.id, { onDelete: "cascade" }),
    themeId: integer("theme_id")
      .notNull()
      .references(() => themes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.solutionId, t.themeId] }), index("solution_themes_theme_idx").on(t.themeId, t.solutionId)],
);

/** Every scaling status a solution has had, with the coordinator's dated note: the page's timeline. */
export const solutionStatusChanges = pgTable(
  "solution_status_changes",
  {
    id: serial("id").primaryKey(),
    solutionId: integer("solution_id")
      .notNull()
      .references(() => solutions.id, { onDelete: "cascade" }),
    fromStatus: solutionStatus("from_status"),
    toStatus: solutionStatus("to_status").notNull(),
    note: text("note").notNull(),
    /** The day the change took effect, as the coordinator says (today unless told). */
    effectiveOn: date("effective_on", { mode: "string" }).notNull(),
    changedBy: integer("changed_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("solution_status_changes_solution_idx").on(t.solutionId, t.effectiveOn, t.id)],
);

/** One municipality's relation to one solution, as it stands; every change is also kept in adoption_changes. */
export const adoptions = pgTable(
  "adoptions",
  {
    id: serial("id").primaryKey(),
    solutionId: integer("solution_id")
      .notNull()
      .references(() => solutions.id, { onDelete: "cascade" }),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    state: adoptionState("state").notNull(),
    /** Since when the municipality has been in this state. */
    since: date("since", { mode: "string" }).notNull(),
    note: text("note").notNull().default(""),
    openToJointProcurement: boolean("open_to_joint_procurement").notNull().default(false),
    /** Who recorded or last confirmed it: the contact for joint procurement, and whom the yearly reminder goes to. */
    recordedBy: integer("recorded_by").references(() => members.id, { onDelete: "set null" }),
    /** Set when a regional cooperation recorded it for its members. */
    viaOrganisationId: integer("via_organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("adoptions_solution_municipality_idx").on(t.solutionId, t.municipalityNumber),
    index("adoptions_municipality_idx").on(t.municipalityNumber, t.solutionId),
    index("adoptions_confirmed_idx").on(t.confirmedAt).where(sql`${t.state} <> 'discontinued'`),
  ],
);

/** Every recorded state of an adoption, oldest first: the chart of adoption over time reads it. */
export const adoptionChanges = pgTable(
  "adoption_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    adoptionId: integer("adoption_id")
      .notNull()
      .references(() => adoptions.id, { onDelete: "cascade" }),
    solutionId: integer("solution_id")
      .notNull()
      .references(() => solutions.id, { onDelete: "cascade" }),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    state: adoptionState("state").notNull(),
    since: date("since", { mode: "string" }).notNull(),
    note: text("note").notNull().default(""),
    openToJointProcurement: boolean("open_to_joint_procurement").notNull(),
    recordedBy: integer("recorded_by").references(() => members.id, { onDelete: "set null" }),
    viaOrganisationId: integer("via_organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("adoption_changes_solution_idx").on(t.solutionId, t.since, t.id), index("adoption_changes_adoption_idx").on(t.adoptionId, t.id)],
);

/** Write-ups that tell of a solution: both pages link to each other, and the evidence page lists them. */
export const experienceSolutions = pgTable(
  "experience_solutions",
  {
    experienceId: integer("experience_id")
      .notNull()
      .references(() => experiences.id, { onDelete: "cascade" }),
    solutionId: integer("solution_id")
      .notNull()
      .references(() => solutions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.experienceId, t.solutionId] }), index("experience_solutions_solution_idx").on(t.solutionId, t.experienceId)],
);

export type Solution = typeof solutions.$inferSelect;
export type Adoption = typeof adoptions.$inferSelect;
export type SolutionStatusChange = typeof solutionStatusChanges.$inferSelect;
