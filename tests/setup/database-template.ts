import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { withDatabase } from "../helpers/database-url";
import "../helpers/provided";
import { closeDatabase, migrateDatabase, openDatabase, type DatabaseOptions } from "~/db.server";
import { seedBaseData } from "~/base-data.server";

/** Migrates and seeds one template database per run; every test file gets its own copy of it. */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const template = `kf_template_${process.pid}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${template}" with (force)`);
    await admin.unsafe(`create database "${template}"`);
    await prepare({ driver: "postgres", url: withDatabase(adminUrl, template), poolSize: 1 });
    project.provide("database", { driver: "postgres", adminUrl, template });
    return async () => {
      await admin.unsafe(`drop database if exists "${template}" with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "kf-template-"));
  const dataDir = path.join(dir, "pglite");
  await prepare({ driver: "pglite", dataDir });
  project.provide("database", { driver: "pglite", dataDir });
  return () => rmSync(dir, { recursive: true, force: true });
}

async function prepare(options: DatabaseOptions) {
  await openDatabase(options);
  try {
    await migrateDatabase();
    await seedBaseData();
  } finally {
    await closeDatabase();
  }
}
