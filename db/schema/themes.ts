import { pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

/** Themes shared by forum sessions and experiences: a table, not an enum, so coordinators can add. */
export const themes = pgTable("themes", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  nameNb: text("name_nb").notNull(),
  nameEn: text("name_en").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Theme = typeof themes.$inferSelect;
