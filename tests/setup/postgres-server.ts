import { existsSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import "../helpers/provided";

/** The server tests that also run here (vite.config.ts) start each server on a fresh database. */
export default function setup(project: TestProject) {
  if (!process.env.TEST_DATABASE_URL) {
    throw new Error("The postgres project needs TEST_DATABASE_URL (npm run test:postgres sets it).");
  }
  if (!existsSync(path.join(process.cwd(), "build", "server.js"))) {
    throw new Error("No build found: run `npm run build` first.");
  }
  project.provide("serverPostgres", process.env.TEST_DATABASE_URL);
}
