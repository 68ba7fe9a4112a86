import { char, index, pgTable, text } from "drizzle-orm/pg-core";

export const municipalities = pgTable(
  "municipalities",
  {
    number: char("number", { length: 4 }).primaryKey(),
    name: text("name").notNull(),
    countyNumber: char("county_number", { length: 2 }).notNull(),
    countyName: text("county_name").notNull(),
    region: text("region"),
  },
  (t) => [index("municipalities_county_idx").on(t.countyNumber, t.name)],
);

export type Municipality = typeof municipalities.$inferSelect;
