import { and, eq, inArray } from "drizzle-orm";
import { forumSessions } from "../../db/schema";
import { db } from "~/db.server";

/**
 * Which of the forum sessions a topic's history names are drafts: only coordinators see a draft
 * session (its page is a 404 for everyone else), so its title and links are left out for them.
 */
export async function draftForumSessionIds(ids: readonly (number | null)[]): Promise<Set<number>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Set();
  const rows = await db()
    .select({ id: forumSessions.id })
    .from(forumSessions)
    .where(and(inArray(forumSessions.id, wanted), eq(forumSessions.status, "draft")));
  return new Set(rows.map((r) => r.id));
}
