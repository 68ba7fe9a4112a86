import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

// The visitor cache over HTTP. On PostgreSQL (the postgres project) writes go through one app process
// and visitors read through another on the same database; embedded PGlite allows one process, so there
// the same process does both.
const ADMIN = { email: "cache-admin@kommuneforum.no", password: "et-langt-admin-passord" };
const MEMBER = { email: "ventende@bodo.kommune.no", password: "et-langt-medlemspassord", name: "Vera Ventende" };

let writer: RunningServer;
let reader: RunningServer;
let adminCookie: string;
let memberCookie: string;

async function signIn(server: RunningServer, credentials: { email: string; password: string }): Promise<string> {
  const response = await post(server, "/sign-in", "", credentials);
  expect(response.status).toBe(303);
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
}

function post(server: RunningServer, path: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, Cookie: cookie },
    body: new URLSearchParams(fields).toString(),
  });
}

async function visit(server: RunningServer, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers, redirect: "manual" });
  return { status: response.status, how: response.headers.get("X-Cache"), headers: response.headers, text: await response.text() };
}

beforeAll(async () => {
  writer = await startServer({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_CONTENT: "0" } });
  reader = writer.databaseUrl ? await startServer({ env: { DATABASE_URL: writer.databaseUrl } }) : writer;
  adminCookie = await signIn(writer, ADMIN);
  const signedUp = await post(writer, "/sign-up", "", {
    name: MEMBER.name,
    email: MEMBER.email,
    password: MEMBER.password,
    municipality: "1804",
    jobTitle: "Rådgiver",
  });
  expect(signedUp.status).toBeLessThan(400);
  memberCookie = await signIn(reader, MEMBER);
});

afterAll(async () => {
  if (reader !== writer) await reader?.stop();
  await writer?.stop();
});

describe("a visitor's pages", () => {
  it("are rendered once and then served from memory, and a proxy revalidating gets 304", async () => {
    const first = await visit(reader, "/municipalities");
    const second = await visit(reader, "/municipalities");
    expect([first.how, second.how]).toEqual(["miss", "hit"]);
    expect(second.text).toBe(first.text);
    expect(second.text).toContain("Bodø");
    expect(second.headers.get("Cache-Control")).toBe("public, no-cache");
    expect(second.headers.get("Vary")).toMatch(/Cookie/);
    const etag = second.headers.get("ETag")!;
    expect(etag).toBe(first.headers.get("ETag"));

    const revalidated = await visit(reader, "/municipalities", { "If-None-Match": etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe("");

    const head = await fetch(`${reader.url}/municipalities`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("X-Cache")).toBe("hit");
  });

  it("show a write at once, however soon after it the visitor reads", async () => {
    expect((await visit(reader, "/topics")).status).toBe(200);
    for (let i = 1; i <= 5; i++) {
      const title = `Felles legevakt, forslag ${i}`;
      const proposed = await post(writer, "/topics/new", adminCookie, { title, description: "Hvordan organiserer dere legevakten?", theme: "1" });
      expect(proposed.status, await proposed.text()).toBe(303);
      const page = await visit(reader, "/topics");
      expect(page.how).toBe("miss");
      expect(page.text).toContain(title);
    }
  });

  it("are kept apart by language", async () => {
    const english = await visit(reader, "/themes", { "Accept-Language": "en" });
    const norwegian = await visit(reader, "/themes", { "Accept-Language": "nb" });
    const englishAgain = await visit(reader, "/themes", { "Accept-Language": "en-GB,en;q=0.9" });
    expect(english.text).toContain('lang="en"');
    expect(norwegian.text).toContain('lang="nb"');
    expect(englishAgain.how).toBe("hit");
    expect(englishAgain.text).toContain('lang="en"');
  });

  it("keep no answer that is not a plain 200", async () => {
    for (let i = 0; i < 2; i++) {
      const missing = await visit(reader, "/topics/987654");
      expect(missing.status).toBe(404);
      expect(missing.how).toBe("bypass");
    }
    const signInFirst = await visit(reader, "/me");
    expect(signInFirst.status).toBeGreaterThanOrEqual(300);
    expect(signInFirst.how).toBe("bypass");
  });
});

describe("a member's pages", () => {
  it("are never kept, nor shown to a visitor or to another member", async () => {
    const visitorFirst = await visit(reader, "/forum-sessions");
    expect(visitorFirst.text).not.toContain(MEMBER.name);

    const asMember = await visit(reader, "/forum-sessions", { Cookie: memberCookie });
    expect(asMember.how).toBe("bypass");
    expect(asMember.headers.get("Cache-Control")).toBe("private, no-store");
    expect(asMember.headers.get("ETag")).toBeNull();
    expect(asMember.text).toContain(MEMBER.name);

    const asAdmin = await visit(writer, "/forum-sessions", { Cookie: adminCookie });
    expect(asAdmin.how).toBe("bypass");
    expect(asAdmin.text).toContain("Administrator");
    expect(asAdmin.text).not.toContain(MEMBER.name);

    const visitorAfter = await visit(reader, "/forum-sessions");
    expect(visitorAfter.how).toBe("hit");
    expect(visitorAfter.text).not.toContain(MEMBER.name);
    expect(visitorAfter.text).not.toContain("Administrator");
  });

  it("bypass the cache even with a session cookie that is no longer valid", async () => {
    const stale = await visit(reader, "/municipalities", { Cookie: "kf_session=abcdefghijklmnopqrstuvwxyz234567" });
    expect(stale.how).toBe("bypass");
    expect(stale.headers.get("Cache-Control")).toBe("private, no-store");
  });
});

describe("VISITOR_CACHE=off", () => {
  it("renders every visit", async () => {
    const server = await startServer({ env: { VISITOR_CACHE: "off", DEMO_CONTENT: "0" } });
    try {
      const visits = [await visit(server, "/municipalities"), await visit(server, "/municipalities")];
      expect(visits.map((v) => v.how)).toEqual(["bypass", "bypass"]);
      expect(visits[1]!.text).toContain("Bodø");
    } finally {
      await server.stop();
    }
  });
});
