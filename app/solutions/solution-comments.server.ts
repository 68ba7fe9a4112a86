import { eq } from "drizzle-orm";
import { solutions } from "../../db/schema";
import { mayReadSolution } from "./solutions.server";
import { addComment } from "~/comments/comments.server";
import { db } from "~/db.server";
import type { ViewerSummary } from "~/members/rights";
import { notifyMembers } from "~/notifications/notify.server";
import { kickOutbox } from "~/notifications/outbox.server";

export type SolutionCommentResult = { ok: true; commentId: number } | { ok: false; reason: "notFound" | "closed" };

/**
 * A member's comment under a catalogue entry. Only accepted entries are discussed in the open (a proposal
 * is between its proposer and the coordinators until reviewed); the proposer and the contact are told.
 */
export async function commentOnSolution(author: ViewerSummary, solutionId: number, bodyMd: string): Promise<SolutionCommentResult> {
  const result = await db().transaction(async (tx) => {
    const [solution] = await tx.select().from(solutions).where(eq(solutions.id, solutionId)).for("key share");
    if (!solution || !mayReadSolution(author, solution)) return { ok: false, reason: "notFound" } as const;
    if (solution.review !== "accepted") return { ok: false, reason: "closed" } as const;
    const comment = await addComment(author.id, { type: "solution", id: solutionId }, bodyMd, tx);
    const told = [...new Set([solution.proposedBy, solution.contactMemberId])].filter((id): id is number => id != null && id !== author.id);
    await notifyMembers(tx, told, {
      kind: "solution_commented",
      params: { name: solution.name, author: author.name },
      url: `/solutions/${solution.slug}#comment-${comment.id}`,
    });
    return { ok: true, commentId: comment.id, told: told.length > 0 } as const;
  });
  if (result.ok && result.told) kickOutbox();
  return result.ok ? { ok: true, commentId: result.commentId } : result;
}
