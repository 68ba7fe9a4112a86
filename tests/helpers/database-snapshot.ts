import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import postgres from "postgres";
import * as schema from "../../db/schema";
import { db } from "~/db.server";

const tableNames = Object.values(schema as Record<string, unknown>)
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table));

/** One row: per table, the md5 of all its rows in a fixed order. */
export const SNAPSHOT_SQL = `select ${tableNames
  .map((name) => `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from "${name}" t) as "${name}"`)
  .join(", ")}`;
const snapshotQuery = sql.raw(SNAPSHOT_SQL);

/** A fingerprint of every row of every table of the app's own database: any insert, update or delete changes it. */
export async function databaseSnapshot(): Promise<Record<string, string>> {
  // db.execute answers an array on postgres.js and { rows } on PGlite.
  const result = await db().execute(snapshotQuery);
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Record<string, string>[];
  return rows[0]!;
}

/** The same fingerprint of a PostgreSQL database another process (a test's server) works on. */
export async function databaseSnapshotAt(databaseUrl: string): Promise<Record<string, string>> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await client.unsafe<Record<string, string>[]>(SNAPSHOT_SQL);
    return { ...row! };
  } finally {
    await client.end();
  }
}
