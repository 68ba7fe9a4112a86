import { readFileSync } from "node:fs";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueName, withDatabase } from "../helpers/database-url";
import { startServer, type RunningServer } from "../helpers/server";
import { startSmtpServer } from "../helpers/smtp";

// Two app processes on one PostgreSQL, started at the same moment on an empty database, behave as one:
// README "Several processes".
const ADMIN = { email: "to-prosesser@kommuneforum.no", password: "et-langt-admin-passord" };
const adminUrl = process.env.TEST_DATABASE_URL!;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const name = uniqueName("kf_processes");
const url = withDatabase(adminUrl, name);
let sql: postgres.Sql;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let a: RunningServer;
let b: RunningServer;
let cookie: string;

beforeAll(async () => {
  await admin.unsafe(`create database "${name}"`);
  sql = postgres(url, { max: 2, onnotice: () => {} });
  smtp = await startSmtpServer();
  const env = { DATABASE_URL: url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SMTP_URL: smtp.url };
  [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await smtp?.close();
  await sql?.end();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

function post(server: RunningServer, path: string, fields: Record<string, string>, withCookie = "") {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, Cookie: withCookie },
    body: new URLSearchParams(fields).toString(),
  });
}

describe("two app processes on one PostgreSQL", () => {
  it("start together on an empty database: migrated once, seeded once, one admin, both healthy", async () => {
    for (const server of [a, b]) expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const journal = JSON.parse(readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: unknown[] };
    const [counts] = await sql<{ migrations: number; municipalities: number; admins: number }[]>`
      select (select count(*)::int from drizzle.__drizzle_migrations) as migrations,
             (select count(*)::int from municipalities) as municipalities,
             (select count(*)::int from members where email = ${ADMIN.email}) as admins`;
    expect(counts).toEqual({ migrations: journal.entries.length, municipalities: 357, admins: 1 });
  });

  it("a member signed in through one is signed in on the other", async () => {
    const signedIn = await post(a, "/sign-in", ADMIN);
    expect(signedIn.status).toBe(303);
    cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const me = await fetch(`${b.url}/me`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(me.status).toBe(200);
    expect(await me.text()).toContain("Administrator");

    const [sessions] = await sql<{ n: number }[]>`select count(*)::int as n from user_sessions`;
    expect(sessions?.n).toBe(1);
  });

  it("a coordinator's write through one shows at once on the other's cached visitor page", async () => {
    const before = await fetch(`${b.url}/organisations`);
    const again = await fetch(`${b.url}/organisations`);
    expect(again.headers.get("X-Cache")).toBe("hit");
    const organisation = "Samhandlingsrådet på Helgeland";
    expect(await before.text()).not.toContain(organisation);

    const created = await post(a, "/organisations/new", { name: organisation, kind: "cluster", description: "", website: "", intent: "save" }, cookie);
    expect(created.status, await created.text()).toBe(303);
    const after = await fetch(`${b.url}/organisations`);
    expect(after.headers.get("X-Cache")).toBe("miss");
    expect(await after.text()).toContain(organisation);
  });

  it("count a rate limit across both and send each mail in the outbox once, whichever process takes it", async () => {
    // Forty mails already queued; each password reset request queues one more and wakes its process's
    // sender, so both drain the outbox at the same moment.
    await sql`insert into email_outbox (to_address, subject, body_text)
              select 'mottaker-' || n || '@kommuneforum.no', 'Melding ' || n, 'Tekst ' || n from generate_series(1, 40) n`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(i % 2 ? b : a, "/forgot-password", { email: ADMIN.email })).status);
    // Five requests per address an hour (LIMITS.resetPerEmail), counted in PostgreSQL for both processes.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);

    const deadline = Date.now() + 20_000;
    let unsent = -1;
    while (Date.now() < deadline && unsent !== 0) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const [row] = await sql<{ unsent: number }[]>`select count(*)::int as unsent from email_outbox where sent_at is null`;
      unsent = row!.unsent;
    }
    expect(unsent).toBe(0);
    // One claim per mail: no mail was taken by both processes.
    const [claims] = await sql<{ n: number }[]>`select coalesce(sum(attempts), 0)::int as n from email_outbox`;
    expect(claims?.n).toBe(45);
    expect(smtp.mails).toHaveLength(45);
    const recipients = smtp.mails.flatMap((mail) => mail.to);
    expect(new Set(recipients.filter((to) => to.startsWith("mottaker-"))).size).toBe(40);
    expect(recipients.filter((to) => to === ADMIN.email)).toHaveLength(5);
  });

  it("signing out through one ends the session on the other", async () => {
    const signedOut = await post(b, "/sign-out", {}, cookie);
    expect(signedOut.status).toBe(303);
    const me = await fetch(`${a.url}/me`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(me.status).toBe(302);
    expect(me.headers.get("Location")).toMatch(/^\/sign-in/);
  });
});
