import { changeForumSessionStatus, createForumSession, type ForumSessionStatus } from "~/forum-sessions/forum-sessions.server";
import { fromOsloInput } from "~/lib/oslo-time.server";

let sequence = 0;

/** A forum session in the real database, moved on to `status` the way a coordinator would. */
export async function createForumSessionAs(
  coordinatorId: number,
  status: ForumSessionStatus = "planned",
  overrides: { startsAt?: string; endsAt?: string; title?: string; meetingUrl?: string | null } = {},
) {
  sequence++;
  const session = await createForumSession(coordinatorId, {
    title: overrides.title ?? `Forummøte ${sequence}`,
    description: "Om **velferdsteknologi**.",
    startsAt: fromOsloInput(overrides.startsAt ?? "2030-03-14T10:00")!,
    endsAt: fromOsloInput(overrides.endsAt ?? "2030-03-14T12:00")!,
    meetingUrl: overrides.meetingUrl === undefined ? "https://meet.example.no/forum" : overrides.meetingUrl,
    themeIds: [],
  });
  const path: ForumSessionStatus[] =
    status === "draft" ? [] : status === "planned" ? ["planned"] : status === "held" ? ["planned", "held"] : ["planned", "cancelled"];
  for (const next of path) await changeForumSessionStatus(coordinatorId, session.id, next);
  return session;
}
