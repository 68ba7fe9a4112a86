import { char, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { municipalities } from "./municipalities";
import { ORGANISATION_KINDS } from "./solution-values";

export const organisationKind = pgEnum("organisation_kind", ORGANISATION_KINDS);

/** A non-municipal party: supplier, national body, cluster or regional cooperation. Coordinators keep the register. */
export const organisations = pgTable(
  "organisations",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    kind: organisationKind("kind").notNull(),
    description: text("description").notNull().default(""),
    website: text("website"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisations_slug_idx").on(t.slug),
    uniqueIndex("organisations_name_idx").on(sql`lower(${t.name})`),
    index("organisations_kind_idx").on(t.kind, t.name),
  ],
);

/** The municipalities a regional cooperation is made of (e.g. Digitale Helgeland's 16). */
export const organisationMunicipalities = pgTable(
  "organisation_municipalities",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.municipalityNumber] }),
    index("organisation_municipalities_municipality_idx").on(t.municipalityNumber),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
