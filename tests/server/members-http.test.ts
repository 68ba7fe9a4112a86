import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

/** A form post as a browser on this site sends it; the body is encoded by hand, as an attacker's page would. */
const postForm = (path: string, body: string) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body,
  });
const postLanguage = (body: string) => postForm("/language", body);

describe("redirectTo over HTTP", () => {
  it("sends a tab-smuggled address home instead of to another site", async () => {
    const response = await postLanguage("language=en&redirectTo=%2F%09%2Fevil.example");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/");
  });

  it("answers a path with letters beyond Latin-1 with a redirect, not a 500", async () => {
    const response = await postLanguage(`language=nb&redirectTo=${encodeURIComponent("/søk/€")}`);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/s%C3%B8k/%E2%82%AC");
  });
});

describe("signing in from the header", () => {
  it("links to sign-in with the page the visitor is on", async () => {
    const html = await (await fetch(`${server.url}/municipalities/1820`)).text();
    expect(html).toContain('href="/sign-in?redirectTo=%2Fmunicipalities%2F1820"');
    const signIn = await (await fetch(`${server.url}/sign-in?redirectTo=%2Fmunicipalities%2F1820`)).text();
    expect(signIn).toMatch(/name="redirectTo" value="\/municipalities\/1820"/);
  });
});

describe("a form sent too often", () => {
  it("answers the page with 429, Retry-After and the minutes to wait beside the form", async () => {
    const body = "email=ingen%40nowhere.no&password=feil-passord-her";
    for (let i = 0; i < 10; i++) expect((await postForm("/sign-in", body)).status).toBe(400);
    const refused = await postForm("/sign-in", body);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain("Prøv igjen om 15 minutter.");
  });
});
