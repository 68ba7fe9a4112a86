import type { AppLoadContext } from "@remix-run/node";
import { getForumSession } from "./forum-sessions.server";
import { notFound, parseId } from "~/lib/http.server";
import { getViewer, requireCoordinator, summarise, type Viewer } from "~/members/permissions.server";
import { can } from "~/members/rights";

/** A forum session the viewer may see: drafts only for coordinators; anything else is a 404. */
export async function loadVisibleForumSession(request: Request, context: AppLoadContext, idParam: string | undefined) {
  const id = parseId(idParam);
  const [session, viewer] = await Promise.all([id ? getForumSession(id) : undefined, getViewer(request, context)]);
  const isCoordinator = can(summarise(viewer), "coordinate");
  if (!session || (session.status === "draft" && !isCoordinator)) notFound();
  return { session, viewer, isCoordinator };
}

/** A coordinator's page or action on one forum session (403 before 404, so ids are not probed). */
export async function loadForumSessionForCoordinator(request: Request, context: AppLoadContext, idParam: string | undefined) {
  const viewer: Viewer = await requireCoordinator(request, context);
  const id = parseId(idParam);
  const session = id ? await getForumSession(id) : undefined;
  if (!session) notFound();
  return { session, viewer };
}

