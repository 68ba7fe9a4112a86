import { z } from "zod";
import { COMMENT_MAX } from "./comment-values";
import { hasNoNul, int32, requiredText } from "~/lib/forms";

export const HIDE_REASON_MAX = 500;

// The request gate refuses a NUL byte before any action runs; an action called some other way refuses it here.
const storable = <T extends z.ZodString>(text: T) => text.refine(hasNoNul, { error: "comments.form.badCharacter" });

/** The comment's markdown: required, at most COMMENT_MAX characters. */
const body = storable(requiredText(COMMENT_MAX));

/** A new comment under a subject (a topic, an experience, a solution), posted to the subject's page. */
export const newCommentForm = z.object({ body });

/** The author's edit, made on the version they opened. */
export const editCommentForm = z.object({ body, version: int32() });

/** A coordinator hides a comment: the reason is shown in its place. */
export const hideCommentForm = z.object({ reason: storable(requiredText(HIDE_REASON_MAX)) });

/** The `?comments=` page of a subject's comments: 1 unless told, never an error. */
export const COMMENT_PAGE_PARAM = "comments";
