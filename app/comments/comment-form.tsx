import { Form, Link, useLocation } from "@remix-run/react";
import { COMMENT_EDIT_HOURS, COMMENT_MAX } from "./comment-values";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatNumber } from "~/lib/dates";
import type { FormReply } from "~/lib/forms";
import { FormAlert, TextAreaField } from "~/ui/field";

/** The help under a comment's text field: markdown, how long, how long it stays editable. */
export function useCommentHelp(): string {
  const t = useT();
  const language = useLanguage();
  return t("comments.form.help", { max: formatNumber(COMMENT_MAX, language), hours: COMMENT_EDIT_HOURS });
}

/**
 * The form under a subject's comments. It posts intent=comment to the subject's own page, whose action
 * hands it to postComment (comment-pages.server.ts). Visitors are asked to sign in; pending members are told why not.
 */
export function CommentForm({ viewerState, reply }: { viewerState: "anonymous" | "pending" | "member"; reply?: FormReply }) {
  const t = useT();
  const location = useLocation();
  const help = useCommentHelp();
  if (viewerState === "anonymous") {
    return (
      <p className="ds-paragraph mt-6">
        <Link className="ds-link" to={`/sign-in?redirectTo=${encodeURIComponent(location.pathname + location.search)}`}>
          {t("comments.signInToComment")}
        </Link>
      </p>
    );
  }
  if (viewerState === "pending") return <p className="ds-paragraph mt-6">{t("comments.pendingCannotComment")}</p>;
  return (
    // A new key after each navigation: once the comment is posted (a redirect), the field is empty again.
    <Form method="post" noValidate className="mt-6 max-w-3xl space-y-4" preventScrollReset key={location.key}>
      <input type="hidden" name="intent" value="comment" />
      <FormAlert message={reply?.errors.form?.[0]} />
      <TextAreaField
        name="body"
        id="comment-body"
        rows={6}
        required
        maxLength={COMMENT_MAX}
        label={t("comments.form.label")}
        description={help}
        defaultValue={reply?.values.body ?? ""}
        errors={reply?.errors.body}
      />
      <button type="submit" className="ds-button" data-variant="primary">
        {t("comments.form.submit")}
      </button>
    </Form>
  );
}
