import { and, desc, eq, sql } from "drizzle-orm";
import { forumSessions, registrations, summaries, type Summary } from "../../db/schema";
import { db, type Transaction } from "~/db.server";
import { audited } from "~/lib/audit.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { notifyMembers } from "~/notifications/notify.server";
import { kickOutbox } from "~/notifications/outbox.server";
import { coverTopicsOfForumSession } from "~/topics/topics.server";

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
    .where(and(eq(summaries.status, "published"), eq(forumSessions.status, "held")))
    .orderBy(desc(summaries.publishedAt))
    .limit(limit);
}

export type SaveSummaryResult =
  | { ok: true; summary: Summary; published: boolean }
  | { ok: false; reason: "stale"; stored: { bodyMd: string; version: number } }
  | { ok: false; reason: "notHeld" }
  | { ok: false; reason: "notFound" };

/** The summary sits under the session page's h2 "Summary": its own `#` headings start at h3. */
export const renderSummary = (markdown: string) => renderMarkdown(markdown, { topHeading: 3 });

/**
 * Locks the session and reads its summary, for a write that is only allowed on a held session at the
 * version the coordinator opened (0 for a summary not yet written). Anything else is a refusal to
 * answer with: the stored text comes back with a stale version, so nothing typed is lost.
 */
async function lockForWrite(tx: Transaction, forumSessionId: number, version: number) {
  const [session] = await tx
    .select({ id: forumSessions.id, title: forumSessions.title, status: forumSessions.status })
    .from(forumSessions)
    .where(eq(forumSessions.id, forumSessionId))
    .for("update");
  if (!session) return { refusal: { ok: false, reason: "notFound" } as const };
  if (session.status !== "held") return { refusal: { ok: false, reason: "notHeld" } as const };
  const [stored] = await tx.select().from(summaries).where(eq(summaries.forumSessionId, forumSessionId));
  if ((stored?.version ?? 0) !== version) {
    const current = { bodyMd: stored?.bodyMd ?? "", version: stored?.version ?? 0 };
    return { refusal: { ok: false, reason: "stale", stored: current } as const };
  }
  return { session, stored };
}

/**
 * Saves the summary of a held session as a draft or publishes it. The first publication (`publishedAt`
 * stays set through an unpublish) tells every registered member; publishing again tells nobody twice.
 * Mail is sent once the transaction commits (by the caller, given `outer`).
 */
export async function saveSummary(
  actorId: number,
  forumSessionId: number,
  input: { bodyMd: string; version: number; publish: boolean },
  outer?: Transaction,
): Promise<SaveSummaryResult> {
  let refusal: SaveSummaryResult = { ok: false, reason: "notFound" };
  const action = input.publish ? "summary.publish" : "summary.save";
  const result = await audited(actorId, action, { type: "summary", id: forumSessionId }, async (tx) => {
    const locked = await lockForWrite(tx, forumSessionId, input.version);
    if (locked.refusal) {
      refusal = locked.refusal;
      return null;
    }
    const { session, stored } = locked;
    const firstPublication = input.publish && !stored?.publishedAt;
    const status = input.publish || stored?.status === "published" ? "published" : "draft";
    const values = {
      bodyMd: input.bodyMd,
      bodyHtml: renderSummary(input.bodyMd),
      status,
      updatedBy: actorId,
      updatedAt: sql`now()`,
      ...(firstPublication ? { publishedAt: sql`now()` } : {}),
    } as const;
    const [summary] = stored
      ? await tx
          .update(summaries)
          .set({ ...values, version: sql`${summaries.version} + 1` })
          .where(eq(summaries.forumSessionId, forumSessionId))
          .returning()
      : await tx
          .insert(summaries)
          .values({ forumSessionId, ...values })
          .returning();
    // Every topic still scheduled on the session is covered by it, on a first publication or a later one.
    if (input.publish) await coverTopicsOfForumSession(tx, forumSessionId);
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
      before: stored ? { status: stored.status, version: stored.version, bodyMd: stored.bodyMd } : null,
      after: { status: summary!.status, version: summary!.version, bodyMd: summary!.bodyMd },
      summary: summary!,
      published: firstPublication,
    };
  }, outer);
  if (result && input.publish && !outer) kickOutbox();
  return result ? { ok: true, summary: result.summary, published: result.published } : refusal;
}

export type UnpublishResult = { ok: true; summary: Summary } | Exclude<SaveSummaryResult, { ok: true }>;

/** Takes a published summary back to a draft that only coordinators see; its text stays as it was. */
export async function unpublishSummary(
  actorId: number,
  forumSessionId: number,
  input: { version: number },
  outer?: Transaction,
): Promise<UnpublishResult> {
  let refusal: UnpublishResult = { ok: false, reason: "notFound" };
  const result = await audited(actorId, "summary.unpublish", { type: "summary", id: forumSessionId }, async (tx) => {
    const locked = await lockForWrite(tx, forumSessionId, input.version);
    if (locked.refusal) {
      refusal = locked.refusal;
      return null;
    }
    if (locked.stored?.status !== "published") {
      refusal = { ok: false, reason: "stale", stored: { bodyMd: locked.stored?.bodyMd ?? "", version: locked.stored?.version ?? 0 } };
      return null;
    }
    const [summary] = await tx
      .update(summaries)
      .set({ status: "draft", updatedBy: actorId, updatedAt: sql`now()`, version: sql`${summaries.version} + 1` })
      .where(eq(summaries.forumSessionId, forumSessionId))
      .returning();
    return { before: { status: "published", version: locked.stored.version }, after: { status: "draft", version: summary!.version }, summary: summary! };
  }, outer);
  return result ? { ok: true, summary: result.summary } : refusal;
}
