/** The run's own database: a fresh reference seed (the default), or a copy of one already seeded. */
import postgres from "postgres";
import { seedReferenceInto } from "../seed-reference";
import { closeDatabase, migrateDatabase, openDatabase } from "~/db.server";
import { atCleanup, fail } from "./processes";
import type { Options } from "./options";

export type Sql = postgres.Sql;

export async function createBenchDatabase(options: Options): Promise<{ databaseUrl: string; sizes: unknown; seedSeconds: number }> {
  const target = new URL(options.adminUrl);
  const admin = postgres(options.adminUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
  atCleanup(() => admin.end({ timeout: 5 }));
  try {
    await admin`select 1`;
  } catch (error) {
    fail(
      `No PostgreSQL reachable at ${target.hostname}:${target.port || 5432} (${(error as Error).message}). ` +
        "Start it, or point DATABASE_URL at one.",
    );
  }

  const database = `kf_bench_${process.pid}`;
  const url = new URL(options.adminUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const started = performance.now();

  if (options.template) {
    console.log(`Copying ${options.template} into ${database} (BENCH_DATABASE_TEMPLATE; BENCH_SCALE does not apply)…`);
    await copyTemplate(admin, options.template, database);
    atCleanup(() => admin.unsafe(`drop database if exists "${database}" with (force)`));
    // The copy may predate a migration of this checkout.
    await openDatabase({ driver: "postgres", url: databaseUrl, poolSize: 1 });
    try {
      await migrateDatabase();
    } finally {
      await closeDatabase();
    }
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const [sizes] = await sql`select (select count(*)::int from members) as members, (select count(*)::int from topics) as topics,
      (select count(*)::int from experiences) as experiences, (select count(*)::int from comments) as comments`;
    await sql.end();
    return { databaseUrl, sizes: { template: options.template, ...sizes }, seedSeconds: (performance.now() - started) / 1000 };
  }

  await admin.unsafe(`create database "${database}"`);
  atCleanup(() => admin.unsafe(`drop database if exists "${database}" with (force)`));
  console.log(`Seeding the reference data set (scale ${options.scale}) into ${database}…`);
  const sizes = await seedReferenceInto(databaseUrl, options.scale);
  return { databaseUrl, sizes, seedSeconds: (performance.now() - started) / 1000 };
}

/** PostgreSQL refuses to copy a database someone is connected to: try again for a minute. */
async function copyTemplate(admin: Sql, template: string, database: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await admin.unsafe(`create database "${database}" template "${template.replaceAll('"', '""')}"`);
      return;
    } catch (error) {
      const message = (error as Error).message;
      if (!/being accessed by other users/.test(message) || Date.now() > deadline) fail(`Cannot copy ${template}: ${message}`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}
