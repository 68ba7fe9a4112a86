import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { uniqueName, withDatabase } from "../helpers/database-url";
import "../helpers/provided";
import "~/catalogues/all.server";
import { closeDatabase, openDatabase } from "~/db.server";

// Each test file gets a fresh copy of the migrated, seeded template.
let cleanup: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const template = inject("database");
  if (template.driver === "postgres") {
    const name = uniqueName("kf_test");
    const admin = postgres(template.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${template.template}"`);
    await openDatabase({ driver: "postgres", url: withDatabase(template.adminUrl, name), poolSize: 4 });
    cleanup = async () => {
      await closeDatabase();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "kf-test-"));
    cpSync(template.dataDir, path.join(dir, "pglite"), { recursive: true });
    await openDatabase({ driver: "pglite", dataDir: path.join(dir, "pglite") });
    cleanup = async () => {
      await closeDatabase();
      rmSync(dir, { recursive: true, force: true });
    };
  }
});

afterAll(async () => {
  await cleanup?.();
});
