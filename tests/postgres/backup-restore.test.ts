import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseFingerprint, rowsIn, seedDemoContent, type DatabaseFingerprint } from "../helpers/database-fingerprint";
import { uniqueName, withDatabase } from "../helpers/database-url";
import { closeDatabase, migrateDatabase, openDatabase } from "~/db.server";

// The PostgreSQL backup the README gives (pg_dump -Fc, pg_restore into an empty database), round trip:
// every row of every table, the migrations' journal included, found again.
const adminUrl = process.env.TEST_DATABASE_URL!;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const source = uniqueName("kf_backup_source");
const target = uniqueName("kf_backup_target");
const dir = mkdtempSync(path.join(tmpdir(), "kf-pg-backup-"));
let before: DatabaseFingerprint;

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) throw new Error(`${command} is needed on PATH (PostgreSQL's client tools): ${result.error.message}`);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}

beforeAll(async () => {
  await admin.unsafe(`create database "${source}"`);
  await admin.unsafe(`create database "${target}"`);
  await openDatabase({ driver: "postgres", url: withDatabase(adminUrl, source), poolSize: 2 });
  try {
    await migrateDatabase();
    await seedDemoContent();
    before = await databaseFingerprint();
  } finally {
    await closeDatabase();
  }
});

afterAll(async () => {
  await closeDatabase();
  for (const name of [source, target]) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

describe("a PostgreSQL backup with pg_dump", () => {
  it("restored with pg_restore into an empty database holds every row of every table", async () => {
    const file = path.join(dir, "kommuneforum.dump");
    run("pg_dump", ["-Fc", "--file", file, withDatabase(adminUrl, source)]);
    expect(statSync(file).size).toBeGreaterThan(50_000);
    run("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", withDatabase(adminUrl, target), file]);

    await openDatabase({ driver: "postgres", url: withDatabase(adminUrl, target), poolSize: 2 });
    const after = await databaseFingerprint();
    for (const table of ["members", "forum_sessions", "topics", "experiences", "solutions", "search_documents"]) {
      expect(rowsIn(before, table), table).toBeGreaterThan(0);
    }
    expect(after).toEqual(before);
    // Nothing left for the app to migrate: a server started on the copy finds it current.
    await migrateDatabase();
    expect(await databaseFingerprint()).toEqual(before);
  });
});
