import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { currentDatabaseOptions, db, isConnectionError, migrateDatabase } from "./db.server";

describe("migrations", () => {
  // db.execute answers an array on postgres.js and { rows } on PGlite.
  async function appliedMigrations(): Promise<number> {
    const result = await db().execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { n: number }[];
    return rows[0]!.n;
  }

  it("can run again, also twice at once, and apply nothing twice", async () => {
    const before = await appliedMigrations();
    expect(before).toBeGreaterThan(0);
    await Promise.all([migrateDatabase(), migrateDatabase()]);
    expect(await appliedMigrations()).toBe(before);
  });
});

describe("telling a lost database from a bad query", () => {
  it("recognises refused, reset and shut-down connections, also wrapped", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(isConnectionError(refused)).toBe(true);
    expect(isConnectionError(new Error("Failed query", { cause: refused }))).toBe(true);
    expect(isConnectionError({ code: "57P01" })).toBe(true);
  });

  it("does not call a query error a lost database", async () => {
    const error = await db()
      .execute(sql`select * from no_such_table`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isConnectionError(error)).toBe(false);
  });
});

describe("the embedded database's memory", () => {
  it("keeps 16 MB of shared buffers, not PostgreSQL's default 128 MB", async (context) => {
    if (currentDatabaseOptions()?.driver !== "pglite") return context.skip();
    const result = (await db().execute(sql`show shared_buffers`)) as unknown as { rows: { shared_buffers: string }[] };
    expect(result.rows[0]!.shared_buffers).toBe("16MB");
  });
});
