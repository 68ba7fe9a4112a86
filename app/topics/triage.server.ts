import { and, desc, eq, ilike, inArray, ne, or, type SQL } from "drizzle-orm";
import { forumSessions, OPEN_TOPIC_STATUSES, topics } from "../../db/schema";
import { db } from "~/db.server";

/** What the triage page shows of a topic: its state, and the forum session it is on, if any. */
export async function getTopicForTriage(id: number) {
  const [topic] = await db()
    .select({
      id: topics.id,
      title: topics.title,
      status: topics.status,
      supportCount: topics.supportCount,
      version: topics.version,
      declineReason: topics.declineReason,
      mergedIntoId: topics.mergedIntoId,
      forumSessionId: topics.forumSessionId,
      forumSessionTitle: forumSessions.title,
    })
    .from(topics)
    .leftJoin(forumSessions, eq(forumSessions.id, topics.forumSessionId))
    .where(eq(topics.id, id));
  return topic;
}

export const MERGE_SEARCH_LIMIT = 20;

/** `%`, `_` and `\` typed by the coordinator are looked for as they are, not as wildcards. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Open topics another one may be merged into, by words of their title or by their number ("42" or
 * "#42"), most supported first. The topic being merged is never among them.
 */
export async function searchMergeTargets(query: string, excludeId: number, limit = MERGE_SEARCH_LIMIT) {
  const text = query.trim();
  if (!text) return [];
  const byTitle = ilike(topics.title, `%${likeEscaped(text)}%`);
  const number = /^#?\d{1,9}$/.test(text) ? Number(text.replace("#", "")) : undefined;
  const match: SQL | undefined = number === undefined ? byTitle : or(eq(topics.id, number), byTitle);
  return db()
    .select({ id: topics.id, title: topics.title, status: topics.status, supportCount: topics.supportCount })
    .from(topics)
    .where(and(inArray(topics.status, [...OPEN_TOPIC_STATUSES]), ne(topics.id, excludeId), match))
    .orderBy(desc(topics.supportCount), desc(topics.id))
    .limit(limit);
}
