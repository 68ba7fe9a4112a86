import { redirect } from "@remix-run/node";
import { createAuthSession, generateSessionToken, sessionCookie } from "./auth-sessions.server";

/** Starts a session for a member and sends them on, with the session cookie set. */
export async function startSessionAndRedirect(memberId: number, to: string): Promise<Response> {
  const token = generateSessionToken();
  const session = await createAuthSession(token, memberId);
  return redirect(to, { status: 303, headers: { "Set-Cookie": sessionCookie(token, session.expiresAt) } });
}
