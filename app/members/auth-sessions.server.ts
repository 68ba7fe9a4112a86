import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, ne, sql } from "drizzle-orm";
import { dataVersions, members, notifications, userSessions, type Member } from "../../db/schema";
import { db, type Database } from "~/db.server";
import type { DataVersions } from "~/lib/data-versions.server";
import { isHttpsOrigin } from "~/lib/http-security.server";
import { publicUrl } from "~/lib/settings.server";

// Sessions as in the Lucia guide (lucia-auth.com/sessions/basic): the cookie holds a random token,
// the table only its SHA-256, so a leaked table cannot sign anyone in.
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_DAYS = 30;

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

export interface SessionLookup {
  /** The session, its member and the member's unread notifications; null when signed out. */
  found: { session: AuthSession; member: Member; unreadNotifications: number } | null;
  /** Read by the same statement, so a signed-in page needs no query of its own to learn them. */
  versions: DataVersions;
}

// Every signed-in request runs this, so it is built once per database and prepared on the server.
// It starts from the data_versions row that always exists, so a token that matches nothing still
// answers the versions.
function prepareSessionLookup(database: Database) {
  return database
    .select({
      content: dataVersions.version,
      baseData: sql<number>`(select ${dataVersions.version} from ${dataVersions} where ${dataVersions.scope} = 'base_data')`.mapWith(Number),
      session: userSessions,
      member: members,
      // The header's unread count: answered from the partial index of unread rows.
      unread: sql<number>`(select count(*)::int from ${notifications} where ${notifications.memberId} = ${members.id} and ${notifications.readAt} is null)`.mapWith(Number),
    })
    .from(dataVersions)
    .leftJoin(userSessions, eq(userSessions.id, sql.placeholder("id")))
    .leftJoin(members, eq(members.id, userSessions.memberId))
    .where(eq(dataVersions.scope, "content"))
    .prepare("session_lookup");
}

const sessionLookups = new WeakMap<Database, ReturnType<typeof prepareSessionLookup>>();

/**
 * One statement per request: the session with its member and unread count, and the data versions.
 * Expired sessions are deleted, and half-used ones extended (the Lucia guide's sliding expiry).
 */
export async function lookUpSession(token: string): Promise<SessionLookup> {
  const database = db();
  let lookup = sessionLookups.get(database);
  if (!lookup) sessionLookups.set(database, (lookup = prepareSessionLookup(database)));
  const id = sessionIdOf(token);
  const [row] = await lookup.execute({ id });
  const versions = { content: row?.content ?? 0, baseData: row?.baseData ?? 0 };
  if (!row?.session || !row.member) return { found: null, versions };
  const { session, member } = row;
  if (Date.now() >= session.expiresAt.getTime()) {
    await database.delete(userSessions).where(eq(userSessions.id, id));
    return { found: null, versions };
  }
  if (Date.now() >= session.expiresAt.getTime() - (SESSION_DAYS / 2) * DAY) {
    session.expiresAt = new Date(Date.now() + SESSION_DAYS * DAY);
    await database.update(userSessions).set({ expiresAt: session.expiresAt }).where(eq(userSessions.id, id));
  }
  return {
    found: { session: { id: session.id, memberId: session.memberId, expiresAt: session.expiresAt }, member, unreadNotifications: row.unread },
    versions,
  };
}

/** The session and its member for a token, or null (see lookUpSession). */
export async function validateSessionToken(token: string): Promise<SessionLookup["found"]> {
  return (await lookUpSession(token)).found;
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

/**
 * Over https the cookie is `__Host-kf_session`: browsers take it only Secure, for Path=/ and without a
 * Domain, so a sibling subdomain cannot plant one that would win. Plain http (dev, tests) cannot have
 * such a cookie, and gets `kf_session`.
 */
export function sessionCookieName(): string {
  return isHttpsOrigin(publicUrl()) ? "__Host-kf_session" : "kf_session";
}

function cookieAttributes(maxAge: number): string {
  return `Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${isHttpsOrigin(publicUrl()) ? "; Secure" : ""}`;
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${sessionCookieName()}=${token}; ${cookieAttributes(maxAge)}`;
}

export function clearedSessionCookie(): string {
  return `${sessionCookieName()}=; ${cookieAttributes(0)}`;
}

export function sessionTokenOf(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const cookieName = sessionCookieName();
  for (const part of header.split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name === cookieName && value && /^[a-z2-7]{32}$/.test(value)) return value;
  }
  return null;
}
