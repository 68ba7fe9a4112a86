import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

const ADMIN_EMAIL = "logg-admin@kommuneforum.no";
const PASSWORD = "Hemmelig-Passord-9f2c71";
const RESET_TOKEN = "resettoken7d1e0a4b9c2f58e6a3b1";
const CALENDAR_TOKEN = "calendartoken5c8e2a9f0b7d41";
const QUERY_SECRET = "qsecret-4b7e1d";

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  method?: string;
  path?: string;
  status?: number;
  ms?: number;
}

let server: RunningServer;
let sessionCookie = "";
const answers: { reqId: string | null; status: number; path: string }[] = [];

async function request(path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}${path}`, { redirect: "manual", ...init });
  await response.arrayBuffer();
  answers.push({ reqId: response.headers.get("X-Request-Id"), status: response.status, path });
  return response;
}

const lines = () =>
  server
    .output()
    .split("\n")
    .filter((line) => line.trim() !== "");

beforeAll(async () => {
  server = await startServer({ env: { DEMO_CONTENT: "0", ADMIN_EMAIL, ADMIN_PASSWORD: PASSWORD } });
  const signIn = await request("/sign-in", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams({ email: ADMIN_EMAIL, password: PASSWORD, redirectTo: "/me" }).toString(),
  });
  expect(signIn.status).toBe(303);
  sessionCookie = signIn.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  expect(sessionCookie).toContain("kf_session=");
  expect((await request("/me", { headers: { Cookie: sessionCookie } })).status).toBe(200);
  await request(`/search?q=${QUERY_SECRET}`);
  await request(`/municipalities?q=${QUERY_SECRET}&page=2`);
  await request(`/reset-password/${RESET_TOKEN}`);
  await request(`/calendar/${CALENDAR_TOKEN}.ics`);
  await request("/no-such-page");
  // The request line is written when the response has finished; give the last one a moment.
  for (let waited = 0; waited < 5_000 && !lines().some((line) => line.includes('"path":"/no-such-page"')); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(async () => {
  await server?.stop();
});

describe("the server's log", () => {
  it("is JSON, one object a line", () => {
    for (const line of lines()) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
  });

  it("has one line per request with its id, method, path, status and duration, the id also in X-Request-Id", () => {
    const requests = lines()
      .map((line) => JSON.parse(line) as LogLine)
      .filter((line) => line.msg === "request");
    for (const answer of answers) {
      expect(answer.reqId).toMatch(/^[0-9a-f]{16}$/);
      const logged = requests.filter((line) => line.reqId === answer.reqId);
      expect(logged, answer.path).toHaveLength(1);
      expect(logged[0]).toMatchObject({ method: expect.any(String), path: expect.stringMatching(/^\//), status: answer.status, ms: expect.any(Number) });
    }
    const paths = requests.map((line) => line.path);
    expect(paths).toEqual(expect.arrayContaining(["/sign-in", "/me", "/search", "/municipalities", "/reset-password/[token]", "/calendar/[token].ics", "/no-such-page"]));
    expect(requests.find((line) => line.path === "/sign-in")).toMatchObject({ method: "POST", status: 303 });
    expect(new Set(answers.map((answer) => answer.reqId)).size).toBe(answers.length);
  });

  it("never holds a password, a token, a session cookie or a query parameter", () => {
    const output = server.output();
    const sessionToken = sessionCookie.match(/kf_session=([^;]+)/)![1]!;
    for (const secret of [PASSWORD, RESET_TOKEN, CALENDAR_TOKEN, QUERY_SECRET, sessionToken, "$argon2", "page=2"]) {
      expect(output).not.toContain(secret);
    }
  });

  it("a request id from the client is not taken when no proxy is trusted", async () => {
    const response = await request("/", { headers: { "X-Request-Id": "client-chosen-id-123" } });
    expect(response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f]{16}$/);
  });
});
