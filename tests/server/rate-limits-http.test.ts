import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "../helpers/raw-http";
import { startServer, type RunningServer } from "../helpers/server";

// The limits and the body ceiling as a prober meets them over HTTP, on the built server. Runs on PGlite
// and on PostgreSQL (the `postgres` project), where the counter is one row shared by every connection.

const ADMIN = { email: "admin@limits.example", password: "a long enough password" };

let server: RunningServer;
let cookie: string;
let topicPath: string;

function post(path: string, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, Cookie: cookie, "Accept-Language": "en" },
    body: new URLSearchParams(fields).toString(),
  });
}

beforeAll(async () => {
  server = await startServer({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_CONTENT: "0" } });
  cookie = "";
  const signedIn = await post("/sign-in", ADMIN);
  expect(signedIn.status).toBe(303);
  cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const proposed = await post("/topics/new", { title: "Felles legevakt", description: "Hvordan organiserer dere legevakten?", theme: "1" });
  expect(proposed.status, await proposed.text()).toBe(303);
  topicPath = proposed.headers.get("Location")!;
});

afterAll(async () => {
  await server?.stop();
});

describe("sixty comments posted at once by one member", () => {
  it("save exactly the limit of thirty; the rest are 429 with Retry-After and the form with the message", async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const response = await post(topicPath, { intent: "comment", body: `Innspill nummer ${i + 1}` });
        return { status: response.status, retryAfter: response.headers.get("Retry-After"), text: await response.text() };
      }),
    );
    expect(answers.filter((a) => a.status === 303)).toHaveLength(30);
    const refused = answers.filter((a) => a.status !== 303);
    expect(refused).toHaveLength(30);
    for (const answer of refused) {
      expect(answer.status).toBe(429);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(Number(answer.retryAfter)).toBeLessThanOrEqual(600);
      expect(answer.text).toContain('<html lang="en"');
      expect(answer.text).toMatch(/You have sent a lot in a short time\. What you wrote is kept: try again in (one minute|\d+ minutes)\./);
      // The refused text is in the field again, to send later.
      expect(answer.text).toMatch(/<textarea[^>]*name="body"[^>]*>Innspill nummer \d+<\/textarea>/);
    }
    const page = await (await fetch(`${server.url}${topicPath}`, { headers: { Cookie: cookie } })).text();
    const shown = new Set(page.match(/Innspill nummer \d+/g));
    expect(shown.size, "the saved comments, and no more, are on the topic's page (30 a page)").toBe(30);
    expect(page, "no second page of comments").not.toMatch(/[?&;]comments=2/);
  });
});

describe("too many searches and downloads", () => {
  it("answer the search page with 429, Retry-After and the box, and a download with the 429 status page", async () => {
    const searches = await Promise.all(Array.from({ length: 61 }, () => fetch(`${server.url}/search?q=legevakt`, { headers: { Cookie: cookie, "Accept-Language": "nb" } })));
    const refusedSearch = searches.find((s) => s.status === 429);
    expect(searches.filter((s) => s.status === 200)).toHaveLength(60);
    expect(refusedSearch?.headers.get("Retry-After")).toMatch(/^\d+$/);
    const searchText = await refusedSearch!.text();
    expect(searchText).toContain("Du har søkt mange ganger på kort tid.");
    expect(searchText).toContain('name="q"');

    const downloads = [];
    for (let i = 0; i < 31; i++) downloads.push(await fetch(`${server.url}/solutions.json`, { headers: { Cookie: cookie, "Accept-Language": "en" } }));
    expect(downloads.slice(0, 30).map((d) => d.status)).toEqual(Array.from({ length: 30 }, () => 200));
    const refused = downloads[30]!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(refused.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(await refused.text()).toContain("Too many requests");
  });
});

describe("a body over the limit", () => {
  /** Declares `declared` bytes, sends only `sent` of them, and answers what the server said. */
  // The rest never comes: only a server that answers by the declared length answers at all.
  const sendPartOf = (path: string, declared: number, sent: string) =>
    rawRequest(new URL(path, server.url), {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": String(declared),
        Origin: server.url,
        Cookie: cookie,
        "Accept-Language": "en",
      },
      body: sent,
      unfinished: true,
    });

  it("of 100 MB is answered 413 before the body is read", async () => {
    const answer = await sendPartOf(topicPath, 100 * 1024 * 1024, "intent=comment&body=");
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("The form is too large");
  });

  it("holding a 10 MB text to preview is answered 413", async () => {
    const answer = await sendPartOf("/topics/new", 10 * 1024 * 1024 + 40, `intent=preview&title=x&description=${"x".repeat(64 * 1024)}`);
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("The form is too large");
  });
});
