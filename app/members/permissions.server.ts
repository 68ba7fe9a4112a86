import { data, redirect } from "@remix-run/node";
import type { Member } from "../../db/schema";
import { sessionTokenOf, validateSessionToken, type AuthSession } from "./auth-sessions.server";
import { can, type Right, type ViewerSummary } from "./rights";

export interface Viewer {
  member: Member;
  session: AuthSession;
}

const viewers = new WeakMap<Request, Promise<Viewer | null>>();

/** The signed-in member for a request, or null. A tampered, expired or deleted cookie is null. */
export function getViewer(request: Request): Promise<Viewer | null> {
  let viewer = viewers.get(request);
  if (!viewer) {
    const token = sessionTokenOf(request);
    viewer = token ? validateSessionToken(token) : Promise.resolve(null);
    viewers.set(request, viewer);
  }
  return viewer;
}

export function summarise(viewer: Viewer | null): ViewerSummary | null {
  if (!viewer) return null;
  const { id, name, role, status } = viewer.member;
  return { id, name, role, status };
}

/**
 * Signed in, in any state (a pending member may see their own page). An anonymous reader of a page is
 * sent to sign in; an anonymous write is 403.
 */
export async function requireSignedIn(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request);
  if (viewer) return viewer;
  if (request.method !== "GET" && request.method !== "HEAD") throw data(null, { status: 403, statusText: "Forbidden" });
  const url = new URL(request.url);
  throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** A page asks an anonymous reader to sign in; a write by anyone without the right is 403. */
async function requireRight(request: Request, right: Right): Promise<Viewer> {
  const viewer = await requireSignedIn(request);
  if (!can(summarise(viewer), right)) throw data(null, { status: 403, statusText: "Forbidden" });
  return viewer;
}

/** An approved member: may write (topics, comments, experiences, registrations). */
export const requireApprovedMember = (request: Request) => requireRight(request, "write");
export const requireCoordinator = (request: Request) => requireRight(request, "coordinate");
export const requireAdmin = (request: Request) => requireRight(request, "administer");
