import { data, redirect, type AppLoadContext } from "@remix-run/node";
import type { Member } from "../../db/schema";
import { lookUpSession, sessionTokenOf, validateSessionToken, type AuthSession } from "./auth-sessions.server";
import { can, type Action, type ViewerSummary } from "./rights";

export interface Viewer {
  member: Member;
  session: AuthSession;
  /** For the header, read with the session. */
  unreadNotifications: number;
}

/**
 * The signed-in member for a request, or null. A tampered, expired or deleted cookie is null. Every
 * loader of one HTTP request gets its own Request object but shares the load context, so the lookup
 * is kept there, with the data versions the same statement read. An action looks up afresh and keeps
 * nothing: it may sign in, out or change the member.
 */
export function getViewer(request: Request, context: AppLoadContext): Promise<Viewer | null> {
  const token = sessionTokenOf(request);
  if (request.method !== "GET" && request.method !== "HEAD") return token ? validateSessionToken(token) : Promise.resolve(null);
  if (context.viewer) return context.viewer as Promise<Viewer | null>;
  if (!token) return (context.viewer = Promise.resolve(null)) as Promise<null>;
  const lookup = lookUpSession(token);
  if (!context.dataVersions) {
    const versions = lookup.then((result) => result.versions);
    versions.catch(() => {}); // the viewer's promise reports the failure; nobody may ask for these
    context.dataVersions = versions;
  }
  const viewer = lookup.then((result) => result.found);
  context.viewer = viewer;
  return viewer;
}

export function summarise(viewer: Viewer | null): ViewerSummary | null {
  if (!viewer) return null;
  const { id, name, role, status, municipalityNumber, organisationId } = viewer.member;
  return { id, name, role, status, municipalityNumber, organisationId };
}

/**
 * Signed in, in any state (a pending member may see their own page). An anonymous reader of a page is
 * sent to sign in; an anonymous write is 403.
 */
export async function requireSignedIn(request: Request, context: AppLoadContext): Promise<Viewer> {
  const viewer = await getViewer(request, context);
  if (viewer) return viewer;
  if (request.method !== "GET" && request.method !== "HEAD") throw data(null, { status: 403, statusText: "Forbidden" });
  const url = new URL(request.url);
  throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** A page asks an anonymous reader to sign in; a write by anyone without the right is 403. */
async function requireRight(request: Request, context: AppLoadContext, right: Action): Promise<Viewer> {
  const viewer = await requireSignedIn(request, context);
  if (!can(summarise(viewer), right)) throw data(null, { status: 403, statusText: "Forbidden" });
  return viewer;
}

/** An approved member: may write (topics, comments, experiences, registrations). */
export const requireApprovedMember = (request: Request, context: AppLoadContext) => requireRight(request, context, "write");
export const requireCoordinator = (request: Request, context: AppLoadContext) => requireRight(request, context, "coordinate");
export const requireAdmin = (request: Request, context: AppLoadContext) => requireRight(request, context, "administer");
