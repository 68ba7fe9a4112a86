import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueName, withDatabase } from "../helpers/database-url";
import { startServer, type RunningServer } from "../helpers/server";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";

/**
 * The app on a PostgreSQL reached through a proxy this test controls: the network stalls (nothing
 * answers, nothing is refused), the host goes away, single backends are terminated.
 */
const adminUrl = process.env.TEST_DATABASE_URL!;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const databaseName = uniqueName("kf_outage");
const targetPort = Number(new URL(adminUrl).port || 5432);
let proxy: TcpProxy;
let proxyPort: number;
let server: RunningServer;

// Not a visitor (an unknown cookie): every request renders, reading the database, instead of the visitor cache.
const RENDERED = { Cookie: "probe=1", "Accept-Language": "en" };
const PAGES = ["/municipalities", "/municipalities/1804", "/themes", "/", "/solutions", "/topics"];

interface Timed {
  status: number;
  ms: number;
  body: string;
  retryAfter: string | null;
}

async function timed(path: string, headers: Record<string, string> = RENDERED): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`, { headers });
  const body = await response.text();
  return { status: response.status, ms: performance.now() - started, body, retryAfter: response.headers.get("Retry-After") };
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

const healthy = async () => (await fetch(`${server.url}/healthz`)).status === 200 && (await timed("/municipalities")).status === 200;

beforeAll(async () => {
  await admin.unsafe(`create database "${databaseName}"`);
  proxy = await startTcpProxy(targetPort);
  proxyPort = proxy.port;
  const viaProxy = new URL(withDatabase(adminUrl, databaseName));
  viaProxy.port = String(proxyPort);
  server = await startServer({ env: { DATABASE_URL: viaProxy.toString() } });
  // Warm: every page once, so a later slow answer is the outage's, not a first render's.
  for (const path of PAGES) expect((await timed(path)).status).toBe(200);
});

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
  await admin.end();
});

describe("when PostgreSQL stops answering without refusing", () => {
  it("answers requests in flight and new ones with the 503 page within two seconds, and recovers by itself", async () => {
    const inFlight = PAGES.map((path) => timed(path));
    const visitorInFlight = timed("/municipalities/1804", { "Accept-Language": "en" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    proxy.stall();
    const stalledAt = performance.now();
    const answers = await Promise.all([...inFlight, visitorInFlight]);
    for (const answer of answers) {
      expect([200, 503]).toContain(answer.status);
      expect(performance.now() - stalledAt).toBeLessThan(2_000);
    }

    const newPage = await timed("/municipalities/1804");
    expect(newPage.status).toBe(503);
    expect(newPage.ms).toBeLessThan(2_000);
    expect(newPage.body).toContain("The service is temporarily unavailable");
    expect(newPage.body).toMatch(/Reference: [0-9a-f]{16}/);
    expect(newPage.retryAfter).toBe("5");
    const visitor = await timed("/municipalities", { "Accept-Language": "en" });
    expect(visitor.status).toBe(503);
    expect(visitor.ms).toBeLessThan(2_000);
    const health = await timed("/healthz", {});
    expect(health.status).toBe(503);
    expect(health.ms).toBeLessThan(2_000);

    proxy.resume();
    expect(await until(healthy, 15_000)).toBe(true);
    expect(server.output()).toContain("database reachable again");
  });

  it("says so at /healthz within two seconds, before any page asked", async () => {
    proxy.stall();
    try {
      const health = await timed("/healthz", {});
      expect(health.status).toBe(503);
      expect(health.ms).toBeLessThan(2_000);
      expect(JSON.parse(health.body)).toEqual({ status: "unavailable" });
    } finally {
      proxy.resume();
    }
    expect(await until(healthy, 15_000)).toBe(true);
  });
});

describe("when a query fails (a table gone missing under the app)", () => {
  it("the 500 page shows the request id as its reference, in both languages, and the error's log line has it", async () => {
    const appDatabase = postgres(withDatabase(adminUrl, databaseName), { max: 1, onnotice: () => {} });
    await appDatabase.unsafe("alter table themes rename to themes_gone");
    try {
      for (const [language, label] of [
        ["en", "Reference"],
        ["nb", "Referanse"],
      ] as const) {
        const response = await fetch(`${server.url}/themes/ledelse`, { headers: { ...RENDERED, "Accept-Language": language } });
        expect(response.status).toBe(500);
        const id = response.headers.get("X-Request-Id")!;
        expect(await response.text()).toContain(`${label}: ${id}`);
        await expect.poll(() => server.output().split("\n").some((line) => line.includes(`"reqId":"${id}"`) && line.includes('"level":50'))).toBe(true);
      }
    } finally {
      await appDatabase.unsafe("alter table themes_gone rename to themes");
      await appDatabase.end();
    }
    expect((await timed("/themes")).status).toBe(200);
  });
});

describe("when the database host refuses connections", () => {
  it("answers 503 at once and recovers when it returns", async () => {
    await proxy.close();
    try {
      const page = await timed("/municipalities/1804");
      expect(page.status).toBe(503);
      expect(page.ms).toBeLessThan(2_000);
      expect((await timed("/healthz", {})).status).toBe(503);
    } finally {
      proxy = await startTcpProxy(targetPort, proxyPort);
    }
    expect(await until(healthy, 15_000)).toBe(true);
  });
});

describe("when one backend is terminated", () => {
  it("a burst of 60 page requests hardly notices: a broken connection is retried on a fresh one", async () => {
    const terminate = () =>
      admin`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = ${databaseName} and application_name = 'kommuneforum' and pid <> pg_backend_pid()`;
    const burst = Array.from({ length: 60 }, (_, i) => timed(PAGES[i % PAGES.length]!));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const [terminated] = await Promise.all([terminate(), new Promise((resolve) => setTimeout(resolve, 60)).then(terminate)]);
    expect(terminated.length).toBeGreaterThan(0);
    const answers = await Promise.all(burst);
    const ok = answers.filter((answer) => answer.status === 200).length;
    expect(ok).toBeGreaterThanOrEqual(58);
    // Not turned to 503 for the process: the next requests are answered at once.
    expect((await timed("/healthz", {})).status).toBe(200);
    expect((await timed("/municipalities")).status).toBe(200);
  });
});

// Last: it ends the server.
describe("a rolling restart (SIGTERM) while the database stalls", () => {
  it("answers the requests in flight (a page or the 503 page) and exits cleanly", async () => {
    const inFlight = PAGES.map((path) => timed(path));
    proxy.stall();
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(server.pid, "SIGTERM");
    const answers = await Promise.all(inFlight);
    for (const answer of answers) expect([200, 503]).toContain(answer.status);
    expect(await server.stop()).toBe(0);
    proxy.resume();
  });
});
