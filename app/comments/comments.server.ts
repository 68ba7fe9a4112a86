import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { comments, members, municipalities, type Comment } from "../../db/schema";
import { db, type Transaction } from "~/db.server";
import { audited } from "~/lib/audit.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { can, type ViewerSummary } from "~/members/rights";
import { COMMENT_EDIT_HOURS, COMMENTS_PER_PAGE } from "./comment-values";

/** What a comment is under. Each kind is its own column in `comments` (a real foreign key). */
export type CommentSubject = { type: "topic" | "experience" | "solution"; id: number };

export { COMMENT_EDIT_HOURS, COMMENT_MAX, COMMENTS_PER_PAGE } from "./comment-values";

function subjectColumn(subject: CommentSubject) {
  switch (subject.type) {
    case "topic":
      return comments.topicId;
    case "experience":
      return comments.experienceId;
    case "solution":
      return comments.solutionId;
  }
}

export const ofSubject = (subject: CommentSubject): SQL => eq(subjectColumn(subject), subject.id);

const SUBJECT_PATHS = { topic: "topics", experience: "experiences", solution: "solutions/by-id" } as const;

/** The page a comment sits under, with its anchor (a solution's page is found by its id, then its slug). */
export function commentUrl(comment: Pick<Comment, "id" | "topicId" | "experienceId" | "solutionId">): string {
  const subject = subjectOf(comment);
  return `/${SUBJECT_PATHS[subject.type]}/${subject.id}#comment-${comment.id}`;
}

export function subjectOf(comment: Pick<Comment, "topicId" | "experienceId" | "solutionId">): CommentSubject {
  if (comment.experienceId != null) return { type: "experience", id: comment.experienceId };
  if (comment.solutionId != null) return { type: "solution", id: comment.solutionId };
  return { type: "topic", id: comment.topicId! };
}

/** Comments are rendered under an h2 "Comments" and each under its author's h3: their headings start at h4. */
export const renderComment = (markdown: string) => renderMarkdown(markdown, { topHeading: 4 });

export function mayEditComment(viewer: ViewerSummary | null | undefined, comment: Pick<Comment, "authorId" | "createdAt" | "hiddenAt">, now = new Date()): boolean {
  if (comment.hiddenAt) return false;
  const withinWindow = now.getTime() - comment.createdAt.getTime() < COMMENT_EDIT_HOURS * 3_600_000;
  return withinWindow && can(viewer, "write") && viewer?.id === comment.authorId;
}

/**
 * One page of a subject's comments, oldest first. A hidden comment keeps its place but not its text:
 * readers get a placeholder with the reason; only coordinators get the text, to judge whether to show it again.
 */
export async function listComments(subject: CommentSubject, page: number, viewer: ViewerSummary | null) {
  const where = ofSubject(subject);
  const [rows, [total]] = await Promise.all([
    db()
      .select({
        id: comments.id,
        authorId: comments.authorId,
        authorName: members.name,
        authorMunicipality: municipalities.name,
        bodyHtml: comments.bodyHtml,
        createdAt: comments.createdAt,
        editedAt: comments.editedAt,
        hiddenAt: comments.hiddenAt,
        hiddenReason: comments.hiddenReason,
      })
      .from(comments)
      .leftJoin(members, eq(members.id, comments.authorId))
      .leftJoin(municipalities, eq(municipalities.number, members.municipalityNumber))
      .where(where)
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(COMMENTS_PER_PAGE)
      .offset((page - 1) * COMMENTS_PER_PAGE),
    db().select({ n: sql<number>`count(*)::int` }).from(comments).where(where),
  ]);
  const moderator = can(viewer, "coordinate");
  const now = new Date();
  return {
    comments: rows.map((row) => ({
      ...row,
      bodyHtml: row.hiddenAt && !moderator ? null : row.bodyHtml,
      editable: mayEditComment(viewer, row, now),
    })),
    total: total?.n ?? 0,
    pageCount: Math.max(1, Math.ceil((total?.n ?? 0) / COMMENTS_PER_PAGE)),
  };
}

export async function getComment(id: number): Promise<Comment | undefined> {
  const [comment] = await db().select().from(comments).where(eq(comments.id, id));
  return comment;
}

/** A new comment; given `tx`, inside the transaction of the subject's own bookkeeping (activity, notices). */
export async function addComment(authorId: number, subject: CommentSubject, bodyMd: string, tx: Transaction): Promise<Comment> {
  const [comment] = await tx
    .insert(comments)
    .values({
      authorId,
      bodyMd,
      bodyHtml: renderComment(bodyMd),
      topicId: subject.type === "topic" ? subject.id : null,
      experienceId: subject.type === "experience" ? subject.id : null,
      solutionId: subject.type === "solution" ? subject.id : null,
    })
    .returning();
  return comment!;
}

export type CommentEditResult =
  | { ok: true; comment: Comment }
  | { ok: false; reason: "notFound" | "forbidden" }
  | { ok: false; reason: "stale"; current: Comment };

/** The author's edit within the edit window, made on `version`; the comment then shows "edited". */
export async function editComment(editor: ViewerSummary, id: number, input: { bodyMd: string; version: number }): Promise<CommentEditResult> {
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(comments).where(eq(comments.id, id)).for("update");
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (!mayEditComment(editor, before)) return { ok: false, reason: "forbidden" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    const [comment] = await tx
      .update(comments)
      .set({ bodyMd: input.bodyMd, bodyHtml: renderComment(input.bodyMd), editedAt: sql`now()`, version: sql`${comments.version} + 1` })
      .where(eq(comments.id, id))
      .returning();
    return { ok: true, comment: comment! } as const;
  });
}

/** A coordinator hides a comment with a reason (readers see a placeholder), or shows it again. Audited. */
export async function setCommentHidden(
  actorId: number,
  id: number,
  input: { hidden: true; reason: string } | { hidden: false },
): Promise<Comment | undefined> {
  const result = await audited(actorId, input.hidden ? "comment.hide" : "comment.unhide", { type: "comment", id }, async (tx) => {
    const [before] = await tx.select().from(comments).where(eq(comments.id, id)).for("update");
    if (!before) return null;
    const [after] = await tx
      .update(comments)
      .set(
        input.hidden
          ? { hiddenAt: sql`now()`, hiddenBy: actorId, hiddenReason: input.reason }
          : { hiddenAt: null, hiddenBy: null, hiddenReason: null },
      )
      .where(and(eq(comments.id, id)))
      .returning();
    return {
      before: { hidden: Boolean(before.hiddenAt), reason: before.hiddenReason },
      after: { hidden: Boolean(after!.hiddenAt), reason: after!.hiddenReason },
      comment: after!,
    };
  });
  return result?.comment;
}
