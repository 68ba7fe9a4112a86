import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, type RawAnswer as Answer } from "../helpers/raw-http";
import { startServer, type RunningServer } from "../helpers/server";
import { DEMO_EMAIL, DEMO_PASSWORD } from "~/members/demo.server";

// The security headers of every kind of answer (README "Security headers"). One server on plain
// http as in development, and one whose PUBLIC_URL is https (still listening on http, as behind a
// TLS-terminating proxy), which alone sends HSTS and the __Host- session cookie.
const HTTPS_ORIGIN = "https://forum.kommune.example";
const HTTPS_ADMIN = { email: "admin@forum.kommune.example", password: "et-langt-admin-passord" };

let plain: RunningServer;
let https: RunningServer;
let adminCookie: string;

/** A raw request, so that Host can be anything. */
function send(
  server: RunningServer,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return rawRequest(new URL(path, server.url), {
    method: options.method ?? "GET",
    headers: {
      "Accept-Language": "nb",
      ...(options.body !== undefined
        ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(options.body)) }
        : {}),
      ...options.headers,
    },
    body: options.body,
  });
}

const signInForm = new URLSearchParams({ email: DEMO_EMAIL.admin, password: DEMO_PASSWORD }).toString();

function cookiesOf(answer: Answer): string[] {
  return answer.headers["set-cookie"] ?? [];
}

const csp = (answer: Answer) => String(answer.headers["content-security-policy"]);

/** The policy's directives by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** What every answer says, whatever it is. */
function expectCommonHeaders(answer: Answer) {
  expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  expect(answer.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(answer.headers["permissions-policy"]).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  expect(answer.headers["x-powered-by"]).toBeUndefined();
  expect(answer.headers["content-security-policy"]).toBeDefined();
  // Exactly one policy: a second header would be enforced as well, narrowing the first.
  expect(csp(answer)).not.toContain(",");
}

/** An HTML page's policy, its scripts allowed by a nonce that every inline script carries. */
function expectNoncePolicy(answer: Answer): string {
  expectCommonHeaders(answer);
  const policy = directives(csp(answer));
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'self'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  expect(policy.get("style-src")).toEqual(["'self'"]);
  const scripts = policy.get("script-src")!;
  expect(scripts).not.toContain("'unsafe-inline'");
  const nonce = scripts.find((source) => source.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  const scriptTags = [...answer.text.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  for (const tag of scriptTags) expect(tag).toContain(` nonce="${nonce}"`);
  return nonce!;
}

/** The SHA-256 of every inline script, as a browser computes it. */
function scriptHashes(html: string): string[] {
  const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, text]) => `'sha256-${createHash("sha256").update(text!).digest("base64")}'`,
  );
  return [...new Set(hashes)];
}

function expectDownloadPolicy(answer: Answer) {
  expectCommonHeaders(answer);
  expect(directives(csp(answer)).get("default-src")).toEqual(["'none'"]);
}

beforeAll(async () => {
  [plain, https] = await Promise.all([
    startServer(),
    startServer({
      env: { PUBLIC_URL: HTTPS_ORIGIN, VISITOR_CACHE: "off", DEMO_CONTENT: "0", ADMIN_EMAIL: HTTPS_ADMIN.email, ADMIN_PASSWORD: HTTPS_ADMIN.password },
    }),
  ]);
  const signedIn = await send(plain, "/sign-in", { method: "POST", headers: { Origin: plain.url }, body: signInForm });
  expect(signedIn.status).toBe(303);
  adminCookie = cookiesOf(signedIn).map((cookie) => cookie.split(";")[0]).join("; ");
});

afterAll(async () => {
  await Promise.all([plain?.stop(), https?.stop()]);
});

describe("a visitor's page from the visitor cache", () => {
  it("allows exactly its inline scripts by hash, with no nonce left in the stored body, on a 200 and a 304", async () => {
    const miss = await send(plain, "/municipalities?q=headers");
    const hit = await send(plain, "/municipalities?q=headers");
    expect([miss.headers["x-cache"], hit.headers["x-cache"]]).toEqual(["miss", "hit"]);
    for (const answer of [miss, hit]) {
      expectCommonHeaders(answer);
      const policy = directives(csp(answer));
      expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
      expect(policy.get("object-src")).toEqual(["'none'"]);
      const scripts = policy.get("script-src")!;
      expect(scripts.some((source) => source.startsWith("'nonce-") || source === "'unsafe-inline'")).toBe(false);
      expect(answer.text).not.toContain("nonce=");
      expect(scriptHashes(answer.text).length).toBeGreaterThan(1);
      expect(scripts).toEqual(["'self'", ...scriptHashes(answer.text)]);
      expect(answer.headers["cache-control"]).toBe("public, no-cache");
    }
    expect(hit.text).toBe(miss.text);

    const notModified = await send(plain, "/municipalities?q=headers", { headers: { "If-None-Match": String(hit.headers.etag) } });
    expect(notModified.status).toBe(304);
    expect(csp(notModified)).toBe(csp(hit));
  });
});

describe("a page rendered for this response", () => {
  it("a visitor's page that is not cached carries a fresh nonce on every inline script", async () => {
    const first = await send(https, "/municipalities");
    const second = await send(https, "/municipalities");
    expect(first.headers["x-cache"]).toBe("bypass");
    expect(expectNoncePolicy(first)).not.toBe(expectNoncePolicy(second));
    expect(first.text).toMatch(/<script [^>]*nonce=/);
  });

  it("every page shown to a signed-in member says private, no-store and carries its nonce", async () => {
    // Rana's demo member, linked from the municipality's page for members.
    const municipality = await send(plain, "/municipalities/1833", { headers: { Cookie: adminCookie } });
    const memberPath = municipality.text.match(/href="(\/members\/\d+)"/)?.[1];
    expect(memberPath).toBeDefined();
    for (const path of ["/me", "/admin/members", memberPath!, "/notifications", "/municipalities"]) {
      const answer = await send(plain, path, { headers: { Cookie: adminCookie } });
      expect(answer.status, path).toBe(200);
      expect(answer.headers["cache-control"], path).toBe("private, no-store");
      expect(answer.headers["x-cache"], path).toBe("bypass");
      expectNoncePolicy(answer);
    }
  });

  it("a 404 page has the page policy with its nonce", async () => {
    const answer = await send(plain, "/no-such-page");
    expect(answer.status).toBe(404);
    expectNoncePolicy(answer);
  });
});

describe("pages rendered outside Remix", () => {
  it("a cross-site form's 403 and a too large body's 413 have the page policy", async () => {
    const crossSite = await send(plain, "/language", { method: "POST", headers: { Origin: "https://evil.example" }, body: "language=en" });
    expect(crossSite.status).toBe(403);
    const tooLarge = await send(plain, "/sign-in", { method: "POST", headers: { Origin: plain.url }, body: `x=${"a".repeat(1024 * 1024 + 1)}` });
    expect(tooLarge.status).toBe(413);
    for (const answer of [crossSite, tooLarge]) {
      expect(answer.headers["content-type"]).toMatch(/^text\/html/);
      expect(answer.headers["cache-control"]).toBe("no-store");
      expectNoncePolicy(answer);
    }
  });
});

describe("files and other answers", () => {
  it("a CSV, a calendar and /healthz may load nothing, cached or not", async () => {
    const solutions = await send(plain, "/solutions");
    const slug = [...solutions.text.matchAll(/href="\/solutions\/([a-z0-9-]+)"/g)]
      .map(([, found]) => found)
      .find((found) => !["new", "proposals", "joint-procurement"].includes(found!));
    expect(slug).toBeDefined();
    const csvPath = `/solutions/${slug}/joint-procurement.csv`;
    const [csv, csvAgain, ics, healthz, signedInCsv] = await Promise.all([
      send(plain, csvPath),
      send(plain, csvPath),
      send(plain, "/forum-sessions/calendar.ics"),
      send(plain, "/healthz"),
      send(plain, csvPath, { headers: { Cookie: adminCookie } }),
    ]);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(ics.headers["content-type"]).toMatch(/^text\/calendar/);
    expect(healthz.headers["content-type"]).toMatch(/^application\/json/);
    for (const answer of [csv, csvAgain, ics, healthz, signedInCsv]) {
      expect(answer.status).toBe(200);
      expectDownloadPolicy(answer);
    }
    expect(healthz.headers["cache-control"]).toBe("no-store");
  });

  it("a static file has the common headers", async () => {
    const answer = await send(plain, "/favicon.svg");
    expect(answer.status).toBe(200);
    expectCommonHeaders(answer);
  });
});

describe("the origin", () => {
  it("a foreign Host header gets the ordinary page, linking only to our own origin", async () => {
    const answer = await send(plain, "/municipalities", { headers: { Host: "evil.example" } });
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain("evil.example");
    const absolute = await send(plain, "/forum-sessions/calendar.ics", { headers: { Host: "evil.example" } });
    expect(absolute.status).toBe(200);
    expect(absolute.text).not.toContain("evil.example");
  });

  it("a form from our own page through a proxy that rewrote Host is taken, not a 500", async () => {
    for (const host of ["evil.example", "127.0.0.1:1"]) {
      const answer = await send(plain, "/language", { method: "POST", headers: { Host: host, Origin: plain.url }, body: "language=en&redirectTo=%2Fmunicipalities" });
      expect(answer.status, host).toBe(303);
      expect(answer.headers.location, host).toBe("/municipalities");
    }
    const forwarded = await send(plain, "/language", {
      method: "POST",
      headers: { "X-Forwarded-Host": "evil.example", Origin: plain.url },
      body: "language=en&redirectTo=%2F",
    });
    expect(forwarded.status).toBe(303);
  });

  it("over plain http: no HSTS, and the session cookie is kf_session without Secure", async () => {
    const answer = await send(plain, "/healthz");
    expect(answer.headers["strict-transport-security"]).toBeUndefined();
    expect(adminCookie).toMatch(/^kf_session=[a-z2-7]{32}$/);
  });

  it("over https: HSTS everywhere, a __Host- session cookie, and a Secure language cookie", async () => {
    for (const path of ["/healthz", "/municipalities", "/favicon.svg"]) {
      const answer = await send(https, path);
      expect(answer.headers["strict-transport-security"], path).toBe("max-age=31536000; includeSubDomains");
    }
    const signedIn = await send(https, "/sign-in", { method: "POST", headers: { Origin: HTTPS_ORIGIN }, body: new URLSearchParams(HTTPS_ADMIN).toString() });
    expect(signedIn.status).toBe(303);
    const [session] = cookiesOf(signedIn);
    expect(session).toMatch(/^__Host-kf_session=[a-z2-7]{32}; /);
    const attributes = session!.split(";").map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["path=/", "secure", "httponly", "samesite=lax"]));
    expect(attributes.some((attribute) => attribute.startsWith("domain="))).toBe(false);

    const token = session!.split(";")[0]!.split("=")[1]!;
    const me = await send(https, "/me", { headers: { Cookie: `__Host-kf_session=${token}` } });
    expect(me.status).toBe(200);
    expect(me.headers["cache-control"]).toBe("private, no-store");
    // The same token under the name a sibling subdomain could set is no session here.
    const planted = await send(https, "/me", { headers: { Cookie: `kf_session=${token}` } });
    expect(planted.status).toBeGreaterThanOrEqual(300);
    expect(planted.status).toBeLessThan(400);

    const language = await send(https, "/language", { method: "POST", headers: { Origin: HTTPS_ORIGIN }, body: "language=en&redirectTo=%2F" });
    expect(language.status).toBe(303);
    expect(cookiesOf(language)[0]).toMatch(/^lang=.*; Secure/i);
  });
});
