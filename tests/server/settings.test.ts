import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(path.join(tmpdir(), "kf-settings-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts the built server with exactly these settings; it must stop by itself. */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["build/server.js"], {
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOST: "127.0.0.1", DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

describe("a wrong setting at start", () => {
  it.each([
    ["a PORT that is not a number", { PORT: "eighty", PUBLIC_URL: "https://forum.kommune.no" }, /^Setting PORT /],
    ["a PORT beyond 65535", { PORT: "70000", PUBLIC_URL: "https://forum.kommune.no" }, /^Setting PORT /],
    ["a production start without PUBLIC_URL", { PORT: "3999" }, /^Setting PUBLIC_URL is required in production/],
    ["a PUBLIC_URL with a path", { PORT: "3999", PUBLIC_URL: "https://kommune.no/forum" }, /^Setting PUBLIC_URL must be an origin/],
  ])("%s stops the server with exit 1 and one clear line", async (_label, env, line) => {
    const { code, output } = await start(env);
    expect(code).toBe(1);
    const lines = output.trim().split("\n");
    expect(lines, output).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });
});
