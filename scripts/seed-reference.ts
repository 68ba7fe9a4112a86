/**
 * npm run db:seed:reference — DESIGN.md's reference data set into the database in DATABASE_URL.
 * BENCH_SCALE (default 1) scales every count; BENCH_SEED (default 1) makes it repeatable.
 */
import postgres from "postgres";
import { seedReference } from "../db/seed/reference";
import { closeDatabase, migrateDatabase, openDatabase } from "~/db.server";
import { hashPassword } from "~/members/passwords.server";
import { seedBaseData } from "~/base-data.server";

export function parseScale(value = process.env.BENCH_SCALE ?? "1"): number {
  const scale = Number(value);
  if (!/^\s*\d*\.?\d+\s*$/.test(value) || !Number.isFinite(scale) || scale <= 0) {
    throw new Error(`BENCH_SCALE must be a number above 0 (got "${value}").`);
  }
  return scale;
}

export async function seedReferenceInto(url: string, scale: number, seed = Number(process.env.BENCH_SEED ?? 1)) {
  await openDatabase({ driver: "postgres", url, poolSize: 1 });
  try {
    await migrateDatabase();
    await seedBaseData();
  } finally {
    await closeDatabase();
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await seedReference(sql, { scale, seed, passwordHash: await hashPassword("reference-passord-2026") });
  } finally {
    await sql.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  try {
    if (!url) throw new Error("Set DATABASE_URL to the PostgreSQL database to fill.");
    const scale = parseScale();
    const started = performance.now();
    const sizes = await seedReferenceInto(url, scale);
    console.log(`Reference data (scale ${scale}) in ${((performance.now() - started) / 1000).toFixed(1)} s:`, sizes);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
