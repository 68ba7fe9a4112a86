import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort, startServer } from "../helpers/server";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kf-start-"));
  dirs.push(dir);
  return dir;
}

describe("starting on an embedded database", () => {
  it("creates, migrates and seeds an empty DATA_DIR; a second start changes nothing", async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir });
    expect(first.output()).toMatch(/"municipalities":357,"themes":7,"msg":"base data seeded"/);
    const pages = ["/municipalities", "/forum-sessions"];
    const before = await Promise.all(pages.map(async (path) => (await fetch(`${first.url}${path}`)).text()));
    expect(before[1]).toContain("Kunstig intelligens i kommunal saksbehandling");
    expect(await first.stop()).toBe(0);

    const second = await startServer({ dataDir });
    try {
      expect(second.output()).not.toContain("seeded");
      expect(second.output()).not.toContain("Demo sign-ins");
      expect(await Promise.all(pages.map(async (path) => (await fetch(`${second.url}${path}`)).text()))).toEqual(before);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it("refuses a second process on the same data directory with a clear message", async () => {
    const first = await startServer();
    try {
      await expect(startServer({ dataDir: first.dataDir })).rejects.toThrow(/is in use by another server/);
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    } finally {
      await first.stop();
    }
  });

  it("refuses a second server whose PID namespace cannot see the first, and starts once the first is killed", async () => {
    const dataDir = tempDir();
    cpSync(inject("appDataDir"), path.join(dataDir, "pglite"), { recursive: true });
    const first = await startServer({ dataDir });
    // From another container the first server's PID names no process: a dead PID in the file says the same.
    const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(path.join(dataDir, "pglite.lock"), String(deadPid));

    await expect(startServer({ dataDir })).rejects.toThrow(/is in use by another server/);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${first.url}/municipalities/1804`)).status).toBe(200);

    process.kill(first.pid, "SIGKILL");
    await first.stop();
    const next = await startServer({ dataDir });
    try {
      expect((await fetch(`${next.url}/municipalities/1804`)).status).toBe(200);
    } finally {
      expect(await next.stop()).toBe(0);
    }
  });
});

describe("a DATABASE_URL that cannot be reached", () => {
  it("logs one clear line, answers 503 and keeps retrying", async () => {
    const port = await freePort();
    const server = await startServer({
      env: { DATABASE_URL: `postgres://kommuneforum@127.0.0.1:${port}/kommuneforum` },
      waitFor: "listening",
    });
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "unavailable" });

      const page = await fetch(`${server.url}/municipalities`);
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toBe("5");
      expect(await page.text()).toContain("Tjenesten er midlertidig utilgjengelig");

      await new Promise((resolve) => setTimeout(resolve, 4500));
      const lines = server.output().split("\n").filter((line) => line.includes("database unreachable"));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`127.0.0.1:${port}/kommuneforum`);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
