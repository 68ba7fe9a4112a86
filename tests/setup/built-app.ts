import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import "../helpers/provided";
import { closeDatabase, migrateDatabase, openDatabase } from "~/db.server";

/**
 * The server tests run the built app (npm test builds first). A migrated embedded data directory
 * is made once here; each server gets a copy, saving PGlite's initdb of several seconds per server.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(process.cwd(), "build", "server.js"))) {
    throw new Error("No build found: run `npm run build` first (npm test does).");
  }
  const dir = mkdtempSync(path.join(tmpdir(), "kf-app-template-"));
  await openDatabase({ driver: "pglite", dataDir: path.join(dir, "pglite") });
  try {
    await migrateDatabase();
  } finally {
    await closeDatabase();
  }
  project.provide("appDataDir", path.join(dir, "pglite"));
  return () => rmSync(dir, { recursive: true, force: true });
}
