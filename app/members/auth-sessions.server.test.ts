import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications, userSessions } from "../../db/schema";
import { createMember } from "../../tests/helpers/members";
import {
  createAuthSession,
  generateSessionToken,
  invalidateAuthSession,
  invalidateOtherAuthSessions,
  lookUpSession,
  sessionIdOf,
  sessionTokenOf,
  SESSION_DAYS,
  validateSessionToken,
} from "./auth-sessions.server";
import { db } from "~/db.server";
import { freshDataVersions } from "~/lib/data-versions.server";

const DAY = 24 * 60 * 60 * 1000;

describe("auth sessions", () => {
  it("stores only the SHA-256 of the token, never the token", async () => {
    const member = await createMember();
    const token = generateSessionToken();
    const session = await createAuthSession(token, member.id);
    expect(session.id).toBe(sessionIdOf(token));
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    const rows = await db().select().from(userSessions).where(eq(userSessions.memberId, member.id));
    expect(rows.map((r) => r.id)).not.toContain(token);
  });

  it("gives a token 30 days, and finds the member by it", async () => {
    const member = await createMember();
    const token = generateSessionToken();
    await createAuthSession(token, member.id);
    const found = await validateSessionToken(token);
    expect(found?.member.id).toBe(member.id);
    expect(found!.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + (SESSION_DAYS - 1) * DAY);
  });

  it("slides the expiry forward once half of it is used", async () => {
    const member = await createMember();
    const token = generateSessionToken();
    await createAuthSession(token, member.id);
    const soon = new Date(Date.now() + 10 * DAY);
    await db().update(userSessions).set({ expiresAt: soon }).where(eq(userSessions.id, sessionIdOf(token)));
    const found = await validateSessionToken(token);
    expect(found!.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    const [row] = await db().select().from(userSessions).where(eq(userSessions.id, sessionIdOf(token)));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
  });

  it("answers the member's unread count and the data versions with the session, and the versions without one", async () => {
    const member = await createMember();
    const token = generateSessionToken();
    await createAuthSession(token, member.id);
    const notification = { memberId: member.id, kind: "summary_published" as const, params: {}, url: "/" };
    await db().insert(notifications).values([notification, notification, { ...notification, readAt: new Date() }]);
    const versions = await freshDataVersions();
    const found = await lookUpSession(token);
    expect(found.found?.member.id).toBe(member.id);
    expect(found.found?.unreadNotifications).toBe(2);
    expect(found.versions).toEqual(versions);
    expect(await lookUpSession(generateSessionToken())).toEqual({ found: null, versions });
  });

  it("treats an expired session as signed out and deletes it", async () => {
    const member = await createMember();
    const token = generateSessionToken();
    await createAuthSession(token, member.id);
    await db()
      .update(userSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userSessions.id, sessionIdOf(token)));
    expect(await validateSessionToken(token)).toBeNull();
    expect(await db().select().from(userSessions).where(eq(userSessions.id, sessionIdOf(token)))).toEqual([]);
  });

  it("ends one session on sign-out, and every other one on a password change", async () => {
    const member = await createMember();
    const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
    for (const token of [a, b, c]) await createAuthSession(token, member.id);
    await invalidateAuthSession(sessionIdOf(a));
    expect(await validateSessionToken(a)).toBeNull();
    await invalidateOtherAuthSessions(member.id, sessionIdOf(b));
    expect(await validateSessionToken(b)).not.toBeNull();
    expect(await validateSessionToken(c)).toBeNull();
  });

  it("reads only a well-formed token from the cookie header", () => {
    const token = generateSessionToken();
    const request = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });
    expect(sessionTokenOf(request(`lang=x; kf_session=${token}`))).toBe(token);
    expect(sessionTokenOf(request(`kf_session=${token}'--`))).toBeNull();
    expect(sessionTokenOf(request("kf_session="))).toBeNull();
    expect(sessionTokenOf(new Request("http://localhost/"))).toBeNull();
  });
});
