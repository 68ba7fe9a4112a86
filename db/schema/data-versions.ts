import { bigint, pgTable, text } from "drizzle-orm/pg-core";

/**
 * Counters that triggers bump in the same transaction as a write (db/migrations/0008_data_versions.sql):
 * `content` on every table a visitor's page is drawn from, `base_data` on municipalities and themes.
 * A process compares them with what it rendered or loaded to know whether that is still current.
 */
export const dataVersions = pgTable("data_versions", {
  scope: text("scope").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
});
