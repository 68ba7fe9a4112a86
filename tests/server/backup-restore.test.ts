import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseFingerprint, rowsIn, seedDemoContent, type DatabaseFingerprint } from "../helpers/database-fingerprint";
import "../helpers/provided";
import { closeDatabase, openDatabase } from "~/db.server";
import { backupEmbeddedDatabase, restoreEmbeddedDatabase } from "~/lib/backups.server";

// The embedded database's backup round trip (README "Backups"): the demo content backed up, restored
// into a fresh DATA_DIR, and every row of every table found again.
const dir = mkdtempSync(path.join(tmpdir(), "kf-backup-"));
const source = path.join(dir, "source", "pglite");
const restored = path.join(dir, "restored", "pglite");
const backups = path.join(dir, "backups");

let before: DatabaseFingerprint;
let backupFile: string;
let refusedWhileOpen: Promise<string | undefined>;

beforeAll(async () => {
  cpSync(inject("appDataDir"), source, { recursive: true });
  await openDatabase({ driver: "pglite", dataDir: source });
  try {
    await seedDemoContent();
    before = await databaseFingerprint();
    // While this process holds the DATA_DIR, as a running server does.
    refusedWhileOpen = backupEmbeddedDatabase(source, backups).then(
      () => undefined,
      (error: Error) => error.message,
    );
    await refusedWhileOpen;
  } finally {
    await closeDatabase();
  }
});

afterAll(async () => {
  await closeDatabase();
  rmSync(dir, { recursive: true, force: true });
});

describe("a backup of the embedded database", () => {
  it("is refused while a server holds the DATA_DIR", async () => {
    expect(await refusedWhileOpen).toMatch(/is in use by another server/);
    expect(existsSync(backups) ? readdirSync(backups) : []).toEqual([]);
  });

  it("restored into a fresh DATA_DIR holds every row of every table", async () => {
    const { file, bytes } = await backupEmbeddedDatabase(source, backups, new Date("2026-12-04T10:05:00Z"));
    expect(path.basename(file)).toBe("kommuneforum-2026-12-04T10-05-00Z.tar.gz");
    expect(bytes).toBeGreaterThan(100_000);
    backupFile = file;

    await restoreEmbeddedDatabase(file, restored);
    await openDatabase({ driver: "pglite", dataDir: restored });
    const after = await databaseFingerprint();
    await closeDatabase();

    // The demo content is there to be found: members, forum sessions, topics, write-ups, solutions.
    for (const table of ["members", "forum_sessions", "topics", "experiences", "solutions", "municipalities"]) {
      expect(rowsIn(before, table), table).toBeGreaterThan(0);
    }
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after).toEqual(before);
  });

  it("is not restored over a database unless forced, and then the old one is moved aside", async () => {
    const script = spawnSync("npm", ["run", "restore", "--silent", "--", backupFile], {
      env: { ...process.env, DATA_DIR: path.dirname(restored), DATABASE_URL: "" },
      encoding: "utf8",
    });
    expect(script.stderr).toContain(`${restored} is not empty: restore into an empty DATA_DIR, or add --force`);
    expect(script.status).toBe(1);

    const { movedAside } = await restoreEmbeddedDatabase(backupFile, restored, { force: true, now: new Date("2026-12-05T08:00:00Z") });
    expect(movedAside).toBe(`${restored}.before-restore-2026-12-05T08-00-00Z`);
    expect(readdirSync(movedAside!)).toContain("PG_VERSION");
    expect(readdirSync(restored)).toContain("PG_VERSION");
  });
});
