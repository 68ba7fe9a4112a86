import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, ne } from "drizzle-orm";
import { members, userSessions, type Member } from "../../db/schema";
import { db } from "~/db.server";

// Sessions as in the Lucia guide (lucia-auth.com/sessions/basic): the cookie holds a random token,
// the table only its SHA-256, so a leaked table cannot sign anyone in.
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_DAYS = 30;
const SESSION_COOKIE = "kf_session";

export interface AuthSession {
  id: string;
  memberId: number;
  expiresAt: Date;
}

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createAuthSession(token: string, memberId: number): Promise<AuthSession> {
  const session = { id: sessionIdOf(token), memberId, expiresAt: new Date(Date.now() + SESSION_DAYS * DAY) };
  await db().insert(userSessions).values(session);
  return session;
}

/** The session and its member for a token; expired sessions are deleted, and half-used ones extended. */
export async function validateSessionToken(token: string): Promise<{ session: AuthSession; member: Member } | null> {
  const id = sessionIdOf(token);
  const [row] = await db()
    .select({ session: userSessions, member: members })
    .from(userSessions)
    .innerJoin(members, eq(members.id, userSessions.memberId))
    .where(eq(userSessions.id, id));
  if (!row) return null;
  const { session, member } = row;
  if (Date.now() >= session.expiresAt.getTime()) {
    await db().delete(userSessions).where(eq(userSessions.id, id));
    return null;
  }
  if (Date.now() >= session.expiresAt.getTime() - (SESSION_DAYS / 2) * DAY) {
    session.expiresAt = new Date(Date.now() + SESSION_DAYS * DAY);
    await db().update(userSessions).set({ expiresAt: session.expiresAt }).where(eq(userSessions.id, id));
  }
  return { session: { id: session.id, memberId: session.memberId, expiresAt: session.expiresAt }, member };
}

export async function invalidateAuthSession(sessionId: string): Promise<void> {
  await db().delete(userSessions).where(eq(userSessions.id, sessionId));
}

/** Signs a member out everywhere, except (optionally) the session they are using. */
export async function invalidateOtherAuthSessions(memberId: number, keepSessionId?: string): Promise<void> {
  await db()
    .delete(userSessions)
    .where(
      keepSessionId
        ? and(eq(userSessions.memberId, memberId), ne(userSessions.id, keepSessionId))
        : eq(userSessions.memberId, memberId),
    );
}

function secureCookies(): boolean {
  return process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1";
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secureCookies() ? "; Secure" : ""}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secureCookies() ? "; Secure" : ""}`;
}

export function sessionTokenOf(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name === SESSION_COOKIE && value && /^[a-z2-7]{32}$/.test(value)) return value;
  }
  return null;
}
