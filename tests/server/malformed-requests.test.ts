import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, type RawAnswer as Answer } from "../helpers/raw-http";
import { startServer, withoutNonce, type RunningServer } from "../helpers/server";

// Every malformed request a browser, a script or an attacker might send gets a 4xx page that says
// what was wrong, in the reader's language, and changes nothing. Runs on PGlite and on PostgreSQL.

const ADMIN = { email: "admin@probe.example", password: "a long enough password" };
const BEYOND_INT32 = String(2 ** 40);

let server: RunningServer;
let cookie: string;
let sessionPath: string;
let itemPath: string;

interface Probe {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  signedIn?: boolean;
}

/** A raw HTTP request: fetch refuses TRACE and always adds its own headers. */
function send({ method = "POST", path, headers = {}, body, signedIn }: Probe): Promise<Answer> {
  return rawRequest(new URL(path, server.url), {
    method,
    headers: {
      "Accept-Language": "en",
      Origin: server.url,
      ...(signedIn ? { Cookie: cookie } : {}),
      ...(body !== undefined ? { "Content-Length": String(Buffer.byteLength(body)) } : {}),
      ...headers,
    },
    body,
  });
}

const formType = { "Content-Type": "application/x-www-form-urlencoded" };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function signIn(): Promise<string> {
  const answer = await send({ path: "/sign-in", headers: formType, body: form(ADMIN) });
  expect(answer.status).toBe(303);
  return (answer.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
}

/** What a member and an admin can see: it must read the same after every probe. */
async function everythingVisible(): Promise<string[]> {
  const paths = ["/admin/members", sessionPath, `${sessionPath}/agenda`, `${sessionPath}/summary`, itemPath, "/me", "/me/profile"];
  return Promise.all(paths.map(async (path) => withoutNonce((await send({ method: "GET", path, signedIn: true })).text)));
}

beforeAll(async () => {
  server = await startServer({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_CONTENT: "0" } });
  cookie = await signIn();
  const created = await send({
    path: "/forum-sessions/new",
    signedIn: true,
    headers: formType,
    body: form({ title: "Prøvemøte", description: "", startsAt: "2031-03-04T09:00", endsAt: "2031-03-04T12:00", meetingUrl: "" }),
  });
  expect(created.status, created.text).toBe(303);
  sessionPath = created.headers.location!.replace(/\/agenda$/, "");
  const added = await send({
    path: `${sessionPath}/agenda`,
    signedIn: true,
    headers: formType,
    body: form({ intent: "add", startTime: "09:00", durationMinutes: "30", title: "Velkommen" }),
  });
  expect(added.status, added.text).toBeLessThan(400);
  const agenda = await send({ method: "GET", path: `${sessionPath}/agenda`, signedIn: true });
  itemPath = agenda.text.match(new RegExp(`href="(${sessionPath}/agenda/\\d+)"`))?.[1] ?? "";
  expect(itemPath, "the agenda links its item's editor").not.toBe("");
});

afterAll(async () => {
  await server?.stop();
});

const NUL = "\u0000";

// Refused by the server's request gate (scripts/request-gate.ts) before any route runs. Forged
// cross-site posts, NUL bytes, wrong content types and oversized bodies are probed on every action by
// every-action-refuses-forged-and-malformed-posts.test.ts.
type Row = [label: string, probe: () => Probe, status: number, message: string];

const rows: Row[] = [
  ["a multipart body without a boundary", () => ({ path: "/sign-in", headers: { "Content-Type": "multipart/form-data" }, body: "--x--" }), 415, "The form could not be read"],
  ["a multipart body that does not parse", () => ({ path: "/sign-in", headers: { "Content-Type": "multipart/form-data; boundary=x" }, body: "no parts here" }), 400, "Bad request"],
  ["DELETE on a page", () => ({ method: "DELETE", path: sessionPath, signedIn: true }), 405, "Not possible here"],
  ["PATCH on a page", () => ({ method: "PATCH", path: "/me/profile", signedIn: true, headers: formType, body: form({ name: "Ny" }) }), 405, "Not possible here"],
  ["TRACE on a page", () => ({ method: "TRACE", path: "/" }), 405, "Not possible here"],
];

// Ids and versions are parsed by each form (int32() in app/lib/forms.ts): any 4xx will do, never a 500.
const beyondInt32: [label: string, probe: () => Probe][] = [
  ["a version beyond 32 bits on the profile", () => ({ path: "/me/profile", signedIn: true, headers: formType, body: form({ name: "Ny", jobTitle: "Rådgiver", version: BEYOND_INT32 }) })],
  ["a version beyond 32 bits on a session", () => ({ path: `${sessionPath}/edit`, signedIn: true, headers: formType, body: form({ title: "Nytt navn", startsAt: "2031-03-04T09:00", endsAt: "2031-03-04T12:00", version: BEYOND_INT32 }) })],
  ["a version beyond 32 bits on a summary", () => ({ path: `${sessionPath}/summary`, signedIn: true, headers: formType, body: form({ bodyMd: "Referat", version: BEYOND_INT32, intent: "save" }) })],
  ["a version beyond 32 bits on an agenda item", () => ({ path: itemPath, signedIn: true, headers: formType, body: form({ intent: "save", startTime: "09:00", durationMinutes: "30", title: "Velkommen", version: BEYOND_INT32 }) })],
  ["an item id beyond 32 bits in an agenda move", () => ({ path: `${sessionPath}/agenda`, signedIn: true, headers: formType, body: form({ intent: "move", itemId: BEYOND_INT32, direction: "up" }) })],
  ["a session id beyond 32 bits in the address", () => ({ path: `/forum-sessions/${BEYOND_INT32}/agenda`, signedIn: true, headers: formType, body: form({ intent: "add", startTime: "09:00", durationMinutes: "30", title: "x" }) })],
];

describe("a malformed request", () => {
  let before: string[];
  beforeAll(async () => {
    before = await everythingVisible();
  });

  it.each(rows)("%s is refused with a clear page, not a 500", async (_label, probe, status, message) => {
    const answer = await send(probe());
    expect(answer.status, answer.text.slice(0, 500)).toBe(status);
    expect(answer.headers["content-type"]).toMatch(/^text\/html/);
    expect(answer.text).toContain('<html lang="en"');
    expect(answer.text).toContain(message);
    expect(answer.text).not.toContain("Something went wrong");
    if (status === 405) expect(answer.headers.allow).toBe("GET, HEAD, POST");
  });

  it.each(beyondInt32)("%s is a 4xx page, not a 500", async (_label, probe) => {
    const answer = await send(probe());
    expect(answer.status, answer.text.slice(0, 500)).toBeGreaterThanOrEqual(400);
    expect(answer.status, answer.text.slice(0, 500)).toBeLessThan(500);
    expect(answer.headers["content-type"]).toMatch(/^text\/html/);
  });

  it("and none of them changed anything", async () => {
    expect(await everythingVisible()).toEqual(before);
  });
});

describe("a redirectTo that is not a plain path on this site", () => {
  it.each([
    ["a carriage return and line feed", "/\r\nSet-Cookie: x=1", "/"],
    ["a line feed", "/\nevil", "/"],
    // A Norwegian path is a fair place to return to: percent-encoded, it fits in the header.
    ["characters outside Latin-1", "/møte-€-日本", "/m%C3%B8te-%E2%82%AC-%E6%97%A5%E6%9C%AC"],
  ])("with %s sends the reader to a safe address, not to a 500", async (_label, redirectTo, location) => {
    const answer = await send({ path: "/language", headers: formType, body: form({ language: "en", redirectTo }) });
    expect(answer.status, answer.text.slice(0, 500)).toBe(303);
    expect(answer.headers.location).toBe(location);
  });

  it("with a NUL byte is refused before it is read", async () => {
    const answer = await send({ path: "/language", headers: formType, body: form({ language: "en", redirectTo: `/${NUL}` }) });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("Invalid character in the form");
  });
});

describe("a large form", () => {
  it("streamed past 1 MB without a length is cut off with 413 before it is read whole", async () => {
    // The body never ends: only a server that stops reading at the limit answers at all.
    const answer = await rawRequest(new URL(`${sessionPath}/summary`, server.url), {
      method: "POST",
      headers: { ...formType, Origin: server.url, Cookie: cookie, "Accept-Language": "en", "Transfer-Encoding": "chunked" },
      body: `intent=save&version=0&bodyMd=${"x".repeat(1_100_000)}`,
      unfinished: true,
    });
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("The form is too large");
  });

  it("a summary of 100,000 three-byte characters still passes the gate", async () => {
    const answer = await send({
      path: `${sessionPath}/summary`,
      signedIn: true,
      headers: formType,
      body: form({ bodyMd: "€".repeat(100_000), version: "0", intent: "preview" }),
    });
    expect(answer.status).not.toBe(413);
    expect(answer.status).toBeLessThan(500);
    expect(answer.text).not.toContain("The form is too large");
  });
});
