import { readFileSync } from "node:fs";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueName, withDatabase } from "../helpers/database-url";
import { startServer } from "../helpers/server";
import { startTcpProxy } from "../helpers/tcp-proxy";

const adminUrl = process.env.TEST_DATABASE_URL!;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const databases: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = uniqueName("kf_server");
  await admin.unsafe(`create database "${name}"`);
  databases.push(name);
  return withDatabase(adminUrl, name);
}

afterAll(async () => {
  for (const name of databases) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

describe("app servers on one PostgreSQL", () => {
  let url: string;
  beforeAll(async () => {
    url = await freshDatabase();
  });

  it("two processes starting at once against an empty database both come up, migrating once", async () => {
    const [a, b] = await Promise.all([
      startServer({ env: { DATABASE_URL: url } }),
      startServer({ env: { DATABASE_URL: url } }),
    ]);
    try {
      for (const server of [a, b]) {
        const page = await fetch(`${server.url}/municipalities/1804`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain("Bodø");
      }
      const db = postgres(url, { max: 1 });
      const journal = JSON.parse(readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: unknown[] };
      const [migrations] = await db<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const [municipalities] = await db<{ n: number }[]>`select count(*)::int as n from municipalities`;
      await db.end();
      expect(migrations?.n).toBe(journal.entries.length);
      expect(municipalities?.n).toBe(357);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it("answers 503 while the database is gone and recovers by itself when it returns", async () => {
    const target = new URL(adminUrl);
    const targetPort = Number(target.port || 5432);
    let proxy = await startTcpProxy(targetPort);
    const viaProxy = new URL(url);
    viaProxy.port = String(proxy.port);
    const server = await startServer({ env: { DATABASE_URL: viaProxy.toString() } });
    try {
      expect((await fetch(`${server.url}/municipalities`)).status).toBe(200);
      // Kept for visitors now: it must still not be served while the database cannot vouch for it.
      expect((await fetch(`${server.url}/municipalities`)).headers.get("X-Cache")).toBe("hit");

      await proxy.close();
      const during = await fetch(`${server.url}/municipalities`, { headers: { "Accept-Language": "en" } });
      expect(during.status).toBe(503);
      expect(await during.text()).toContain("The service is temporarily unavailable");
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "unavailable" });

      proxy = await startTcpProxy(targetPort, Number(viaProxy.port));
      const deadline = Date.now() + 15_000;
      let status = 0;
      while (Date.now() < deadline && status !== 200) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        status = (await fetch(`${server.url}/municipalities`)).status;
      }
      expect(status).toBe(200);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(server.output()).toContain("database reachable again");
    } finally {
      await server.stop();
      await proxy.close();
    }
  });
});
