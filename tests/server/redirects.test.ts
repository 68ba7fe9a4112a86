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
const postLanguage = (body: string) =>
  fetch(`${server.url}/language`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body,
  });

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
