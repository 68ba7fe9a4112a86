import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseSnapshotAt } from "../helpers/database-snapshot";
import { rawRequest, type RawAnswer as Answer } from "../helpers/raw-http";
import { fillPattern, routeList, type AppRoute } from "../helpers/route-list";
import { startServer, withoutNonce, type RunningServer } from "../helpers/server";

// Every route with an action, read from the route list so that a new one is probed without anyone
// adding it here: a forged cross-site post is refused before the route runs, and a malformed body
// gets a clear 4xx, never a 500. Runs on PGlite (server project) and on PostgreSQL (postgres project),
// where the whole database is compared before and after.

const ADMIN = { email: "admin@suite.example", password: "a long enough password" };
const MB = 1024 * 1024;

let server: RunningServer;
let cookie: string;
let actions: AppRoute[];

interface Probe {
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send this Content-Length whatever the body is (a client that promises more than it sends). */
  contentLength?: number;
  signedIn?: boolean;
  method?: string;
}

/** A raw HTTP request: fetch always adds Origin-related headers of its own and would wait for a promised body. */
function send({ path, headers = {}, body = "", contentLength, signedIn = true, method = "POST" }: Probe): Promise<Answer> {
  return rawRequest(new URL(path, server.url), {
    method,
    headers: {
      "Accept-Language": "en",
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(contentLength ?? Buffer.byteLength(body)),
      ...(signedIn ? { Cookie: cookie } : {}),
      ...headers,
    },
    body,
    unfinished: contentLength !== undefined,
  });
}

const sameOrigin = () => ({ Origin: server.url });
const FORGERIES: [label: string, headers: () => Record<string, string>][] = [
  ["with another site's Origin", () => ({ Origin: "https://evil.example" })],
  ["with no Origin but Sec-Fetch-Site: cross-site", () => ({ "Sec-Fetch-Site": "cross-site" })],
  ["from a sandboxed page (Origin: null)", () => ({ Origin: "null" })],
];

/** Runs `work` over `items`, a few at a time: the server has two cores to share with other test files. */
async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>, size = 6): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

/** What an admin can see, on pages that would show a forged write: the same after every forgery. */
async function whatAnAdminSees(): Promise<string[]> {
  const paths = ["/me", "/me/profile", "/me/calendar", "/admin/members", "/notifications", "/forum-sessions", "/topics", "/experiences", "/solutions/proposals", "/organisations"];
  return Promise.all(
    paths.map(async (path) => {
      const answer = await send({ path, method: "GET", headers: { "Content-Length": "0" } });
      return `${path} ${answer.status}\n${withoutNonce(answer.text)}`;
    }),
  );
}

beforeAll(async () => {
  [server, actions] = await Promise.all([
    startServer({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_CONTENT: "0" } }),
    routeList().then((routes) => routes.filter((route) => route.hasAction)),
  ]);
  const signedIn = await send({ path: "/sign-in", signedIn: false, headers: sameOrigin(), body: new URLSearchParams(ADMIN).toString() });
  expect(signedIn.status, signedIn.text.slice(0, 300)).toBe(303);
  cookie = (signedIn.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
});

afterAll(async () => {
  await server?.stop();
});

it("the route list holds the actions, resource routes among them", () => {
  const patterns = actions.map((route) => route.pattern);
  expect(patterns).toEqual(expect.arrayContaining(["/sign-in", "/sign-out", "/language", "/me/profile", "/forum-sessions/:id/agenda"]));
  expect(actions.filter((route) => route.isResource).map((route) => route.pattern)).toEqual(expect.arrayContaining(["/sign-out", "/language"]));
});

describe("a forged cross-site post to every action", () => {
  it("is refused with a 403 page, sets no cookie and writes nothing", async () => {
    const snapshot = server.databaseUrl ? () => databaseSnapshotAt(server.databaseUrl!) : undefined;
    const databaseBefore = await snapshot?.();
    const pagesBefore = await whatAnAdminSees();
    const probes = actions.flatMap((route) => FORGERIES.map(([label, headers]) => ({ route, label, headers })));
    const failures = (
      await inBatches(probes, async ({ route, label, headers }) => {
        const answer = await send({ path: fillPattern(route.pattern), headers: headers(), body: "intent=save&name=Forged&title=Forged" });
        const problems = [
          answer.status !== 403 && `status ${answer.status}`,
          !/^text\/html/.test(answer.headers["content-type"] ?? "") && `content type ${answer.headers["content-type"]}`,
          !answer.text.includes("The form came from another website") && "not the cross-site page",
          answer.headers["set-cookie"] && `Set-Cookie ${answer.headers["set-cookie"].join(", ")}`,
        ].filter(Boolean);
        return problems.length ? `${route.pattern} ${label}: ${problems.join("; ")}` : undefined;
      })
    ).filter(Boolean);
    expect(failures).toEqual([]);
    // Sign-out among them: the admin is still signed in, and every page reads as before.
    expect(await whatAnAdminSees()).toEqual(pagesBefore);
    if (snapshot) expect(await snapshot()).toEqual(databaseBefore);
  });
});

describe("a malformed post to every action", () => {
  type Malformed = [label: string, probe: (path: string) => Probe, status: number, message: string];
  const cases: Malformed[] = [
    ["a NUL byte in a field", (path) => ({ path, body: "intent=save&title=a%00b" }), 400, "Invalid character in the form"],
    ["a NUL byte in a field's name", (path) => ({ path, body: "ti%00tle=x" }), 400, "Invalid character in the form"],
    [
      "a NUL byte in a multipart field",
      (path) => ({ path, headers: { "Content-Type": "multipart/form-data; boundary=x" }, body: `--x\r\nContent-Disposition: form-data; name="title"\r\n\r\na\u0000b\r\n--x--\r\n` }),
      400,
      "Invalid character in the form",
    ],
    ["a JSON body", (path) => ({ path, headers: { "Content-Type": "application/json" }, body: '{"title":"x"}' }), 415, "The form could not be read"],
    ["a text/plain body", (path) => ({ path, headers: { "Content-Type": "text/plain" }, body: "title=x" }), 415, "The form could not be read"],
    ["a body without a content type", (path) => ({ path, headers: { "Content-Type": "" }, body: "title=x" }), 415, "The form could not be read"],
  ];

  it.each(cases)("%s is refused with a clear page", async (_label, probe, status, message) => {
    const failures = (
      await inBatches(actions, async (route) => {
        const request = probe(fillPattern(route.pattern));
        const answer = await send({ ...request, headers: { ...sameOrigin(), ...request.headers } });
        const problems = [
          answer.status !== status && `status ${answer.status}`,
          !/^text\/html/.test(answer.headers["content-type"] ?? "") && `content type ${answer.headers["content-type"]}`,
          !answer.text.includes(message) && "not the page that says why",
        ].filter(Boolean);
        return problems.length ? `${route.pattern}: ${problems.join("; ")}` : undefined;
      })
    ).filter(Boolean);
    expect(failures).toEqual([]);
  });

  it("a promised 100 MB body is refused with 413 within two seconds, without being read", async () => {
    const failures = (
      await inBatches(actions, async (route) => {
        const answer = await send({ path: fillPattern(route.pattern), headers: sameOrigin(), body: "title=x", contentLength: 100 * MB });
        const problems = [
          answer.status !== 413 && `status ${answer.status}`,
          answer.ms > 2000 && `took ${answer.ms} ms`,
          !answer.text.includes("The form is too large") && "not the page that says why",
        ].filter(Boolean);
        return problems.length ? `${route.pattern}: ${problems.join("; ")}` : undefined;
      })
    ).filter(Boolean);
    expect(failures).toEqual([]);
  });

  // These pass the gate and reach the route: whatever it answers, it is an answer, not a 500. Run
  // anonymously, where every write is refused or asks for more, and signed in, where the ids in the
  // address (1) name nothing or the admin's own things; signing out only anonymously, to stay signed in.
  const PASSING: [label: string, body: Buffer | string][] = [
    ["invalid UTF-8", Buffer.concat([Buffer.from("intent=save&title="), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from("&name=%C3%28%FF&version=1")])],
    ["every field twice", "intent=save&intent=publish&title=a&title=b&name=a&name=b&version=1&version=2&language=en&language=nb&id=1&id=2"],
  ];

  it.each(PASSING)("with %s gets an answer, never a 500", async (_label, body) => {
    const failures: string[] = [];
    for (const signedIn of [false, true]) {
      const routes = actions.filter((route) => !signedIn || route.pattern !== "/sign-out");
      const answers = await inBatches(routes, async (route) => ({
        route,
        answer: await send({ path: fillPattern(route.pattern), signedIn, headers: sameOrigin(), body }),
      }));
      for (const { route, answer } of answers) {
        if (answer.status >= 500 || answer.text.includes("Something went wrong")) {
          failures.push(`${route.pattern}${signedIn ? " signed in" : ""}: ${answer.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("a request naming another host", () => {
  const HOSTS: [label: string, headers: Record<string, string>][] = [
    ["a foreign Host", { Host: "evil.example" }],
    ["an X-Forwarded-Host that is no host name", { "X-Forwarded-Host": "[" }],
  ];

  it.each(HOSTS)("with %s gets every page and file without a 500", async (_label, headers) => {
    const routes = (await routeList()).filter((route) => route.hasLoader);
    const failures = (
      await inBatches(routes, async (route) => {
        const answer = await send({ path: fillPattern(route.pattern), method: "GET", headers: { ...headers, "Content-Length": "0" } });
        return answer.status >= 500 ? `${route.pattern}: ${answer.status}` : undefined;
      })
    ).filter(Boolean);
    expect(failures).toEqual([]);
  });
});
