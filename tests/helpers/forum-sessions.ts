import { cancelForumSession, changeForumSessionStatus, createForumSession, type ForumSessionStatus } from "~/forum-sessions/forum-sessions.server";
import { fromOsloInput } from "~/lib/oslo-time.server";

let sequence = 0;

/**
 * A forum session in the real database, moved on to `status` the way a coordinator would. A held
 * session must have started, so it is in 2024 unless told otherwise; the others are in 2030.
 */
export async function createForumSessionAs(
  coordinatorId: number,
  status: ForumSessionStatus = "planned",
  overrides: { startsAt?: string; endsAt?: string; title?: string; meetingUrl?: string | null } = {},
) {
  sequence++;
  const year = status === "held" ? "2024" : "2030";
  const session = await createForumSession(coordinatorId, {
    title: overrides.title ?? `Forummøte ${sequence}`,
    description: "Om **velferdsteknologi**.",
    startsAt: fromOsloInput(overrides.startsAt ?? `${year}-03-14T10:00`)!,
    endsAt: fromOsloInput(overrides.endsAt ?? `${year}-03-14T12:00`)!,
    meetingUrl: overrides.meetingUrl === undefined ? "https://meet.example.no/forum" : overrides.meetingUrl,
    themeIds: [],
  });
  if (status === "draft") return session;
  await changeForumSessionStatus(coordinatorId, session.id, "planned");
  if (status === "cancelled") await cancelForumSession(coordinatorId, session.id, { reason: "" });
  if (status === "held") {
    const held = await changeForumSessionStatus(coordinatorId, session.id, "held");
    if (!held.ok) throw new Error(`A session starting ${overrides.startsAt} has not started: it cannot be held (${held.reason}).`);
  }
  return session;
}
