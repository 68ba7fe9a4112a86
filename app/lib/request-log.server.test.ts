import { describe, expect, it } from "vitest";
import { requestIdFor } from "./request-context.server";
import { pathForLog } from "./request-log.server";

describe("the path a request line holds", () => {
  it("never holds the query string", () => {
    expect(pathForLog("/search?q=passord&page=2")).toBe("/search");
    expect(pathForLog("http://example.no/sign-in?redirectTo=%2Fme#x")).toBe("/sign-in");
  });

  it("writes a calendar's or a password reset's token as [token]", () => {
    expect(pathForLog("/calendar/abc123def.ics")).toBe("/calendar/[token].ics");
    expect(pathForLog("/reset-password/abc123def?x=1")).toBe("/reset-password/[token]");
    expect(pathForLog("/forum-sessions/3/calendar.ics")).toBe("/forum-sessions/3/calendar.ics");
  });
});

describe("a request id", () => {
  it("is new unless a trusted proxy gave one of a safe form", () => {
    expect(requestIdFor("from-the-proxy-42", true)).toBe("from-the-proxy-42");
    expect(requestIdFor("from-the-proxy-42", false)).toMatch(/^[0-9a-f]{16}$/);
    expect(requestIdFor('bad"id\nwith-newline', true)).toMatch(/^[0-9a-f]{16}$/);
  });
});
