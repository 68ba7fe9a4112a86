import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { and, eq, lt, or, sql } from "drizzle-orm";
import { comments, type Comment } from "../../db/schema";
import { COMMENT_PAGE_PARAM, newCommentForm } from "./comment-forms";
import { COMMENTS_PER_PAGE } from "./comment-values";
import { commentUrl, getComment, listComments, ofSubject, subjectOf, type CommentSubject } from "./comments.server";
import { db } from "~/db.server";
import { pageNumber, parseForm, type FormReply } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { hitActivityLimit, tooOftenInit, tooOftenReply } from "~/lib/rate-limit.server";
import { can, type ViewerSummary } from "~/members/rights";

/**
 * A page of a subject's comments as the viewer may see them. Staff names are not published to the open
 * web (as on member pages): visitors and pending members see the author's municipality, not their name.
 * An erased author's empty name is kept: everyone sees "former member" (decision 020).
 */
export async function commentsForViewer(subject: CommentSubject, request: Request, viewer: ViewerSummary | null) {
  const page = pageNumber(request, 100_000, COMMENT_PAGE_PARAM);
  const list = await listComments(subject, page, viewer);
  const showNames = can(viewer, "readMembersOnly");
  return {
    ...list,
    page,
    comments: list.comments.map(({ authorId: _, ...comment }) => ({ ...comment, authorName: showNames || comment.authorName === "" ? comment.authorName : null })),
    moderator: can(viewer, "coordinate"),
    mayComment: can(viewer, "write"),
  };
}

/** Where a comment is read: its subject's page, on the page of comments that holds it, at its anchor. */
export async function commentPageUrl(comment: Comment): Promise<string> {
  const [before] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(comments)
    .where(
      and(
        ofSubject(subjectOf(comment)),
        or(lt(comments.createdAt, comment.createdAt), and(eq(comments.createdAt, comment.createdAt), lt(comments.id, comment.id))),
      ),
    );
  const page = Math.floor((before?.n ?? 0) / COMMENTS_PER_PAGE) + 1;
  const [path, anchor] = commentUrl(comment).split("#");
  return page === 1 ? `${path}#${anchor}` : `${path}?${COMMENT_PAGE_PARAM}=${page}#${anchor}`;
}

/** What a subject page's action answers a refused comment: beside the field, with the text kept. */
export type CommentReply = { comment: FormReply };

/**
 * A subject page's action for intent=comment, after it has checked the author may write: reads the form,
 * counts it against the author's comment limit, lets the subject store it (with its own bookkeeping),
 * and sends the author to the new comment (303).
 */
export async function postComment(
  formData: FormData,
  { author, context }: { author: ViewerSummary; context: AppLoadContext },
  store: (bodyMd: string) => Promise<{ ok: true; commentId: number } | { ok: false; reason: "notFound" | "closed" }>,
) {
  const form = parseForm(formData, newCommentForm);
  if (!form.ok) return data<CommentReply>({ comment: { errors: form.errors, values: form.values } }, { status: 400 });
  const limit = await hitActivityLimit("comment", author, context);
  if (!limit.allowed) {
    const { errors, retryAfterMinutes } = tooOftenReply(limit.retryAfter);
    return data<CommentReply & { retryAfterMinutes: number }>({ comment: { errors, values: { body: form.value.body } }, retryAfterMinutes }, tooOftenInit(limit.retryAfter));
  }
  const result = await store(form.value.body);
  if (!result.ok) {
    if (result.reason === "notFound") notFound();
    return data<CommentReply>({ comment: { errors: { form: ["comments.closed"] }, values: { body: form.value.body } } }, { status: 409 });
  }
  const comment = await getComment(result.commentId);
  if (!comment) notFound();
  return redirect(await commentPageUrl(comment), 303);
}
