import { and, desc, eq, sql } from "drizzle-orm";
import { forumSessions, registrations, summaries, type Summary } from "../../db/schema";
import { db } from "~/db.server";
import { audited } from "~/lib/audit.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { notifyMembers } from "~/notifications/notify.server";

export async function getSummary(forumSessionId: number): Promise<Summary | undefined> {
  const [summary] = await db().select().from(summaries).where(eq(summaries.forumSessionId, forumSessionId));
  return summary;
}

export async function latestPublishedSummaries(limit: number) {
  return db()
    .select({
      forumSessionId: forumSessions.id,
      title: forumSessions.title,
      startsAt: forumSessions.startsAt,
      publishedAt: summaries.publishedAt,
    })
    .from(summaries)
    .innerJoin(forumSessions, eq(forumSessions.id, summaries.forumSessionId))
    .where(eq(summaries.status, "published"))
    .orderBy(desc(summaries.publishedAt))
    .limit(limit);
}

export type SaveSummaryResult =
  | { ok: true; summary: Summary; published: boolean }
  | { ok: false; reason: "stale"; stored: Summary }
  | { ok: false; reason: "notFound" };

/**
 * Saves the summary as a draft or publishes it. `version` is the one the coordinator opened (0 for a
 * summary not yet written); an older one is refused with the stored text, so nothing is lost. The
 * first publication tells every registered member.
 */
export async function saveSummary(
  actorId: number,
  forumSessionId: number,
  input: { bodyMd: string; version: number; publish: boolean },
): Promise<SaveSummaryResult> {
  let refusal: SaveSummaryResult = { ok: false, reason: "notFound" };
  const action = input.publish ? "summary.publish" : "summary.save";
  const result = await audited(actorId, action, { type: "summary", id: forumSessionId }, async (tx) => {
    const [session] = await tx
      .select({ id: forumSessions.id, title: forumSessions.title })
      .from(forumSessions)
      .where(eq(forumSessions.id, forumSessionId))
      .for("update");
    if (!session) return null;
    const [stored] = await tx.select().from(summaries).where(eq(summaries.forumSessionId, forumSessionId));
    if ((stored?.version ?? 0) !== input.version) {
      refusal = { ok: false, reason: "stale", stored: stored! };
      return null;
    }
    const bodyHtml = renderMarkdown(input.bodyMd);
    const firstPublication = input.publish && stored?.status !== "published";
    const status = input.publish || stored?.status === "published" ? "published" : "draft";
    const values = {
      bodyMd: input.bodyMd,
      bodyHtml,
      status,
      updatedBy: actorId,
      updatedAt: sql`now()`,
      ...(firstPublication ? { publishedAt: sql`now()` } : {}),
    } as const;
    const [summary] = stored
      ? await tx
          .update(summaries)
          .set({ ...values, version: sql`${summaries.version} + 1` })
          .where(and(eq(summaries.forumSessionId, forumSessionId), eq(summaries.version, input.version)))
          .returning()
      : await tx
          .insert(summaries)
          .values({ forumSessionId, ...values })
          .returning();
    if (firstPublication) {
      const registered = await tx
        .select({ memberId: registrations.memberId })
        .from(registrations)
        .where(eq(registrations.forumSessionId, forumSessionId));
      await notifyMembers(
        tx,
        registered.map((r) => r.memberId),
        { kind: "summary_published", params: { title: session.title }, url: `/forum-sessions/${forumSessionId}` },
      );
    }
    return {
      before: stored ? { status: stored.status, version: stored.version } : null,
      after: { status: summary!.status, version: summary!.version },
      summary: summary!,
      published: firstPublication,
    };
  });
  return result ? { ok: true, summary: result.summary, published: result.published } : refusal;
}
