import { personName } from "~/members/person-name";
import { Form, Link } from "@remix-run/react";
import { COMMENT_PAGE_PARAM, HIDE_REASON_MAX } from "./comment-forms";
import { RenderedMarkdown } from "~/forum-sessions/forum-session-parts";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDateTime } from "~/lib/dates";
import { Field } from "~/ui/field";
import { Norwegian } from "~/ui/norwegian";

/** One comment as a page shows it (commentsForViewer): the body is null when hidden from this reader. */
export interface CommentRow {
  id: number;
  authorName: string | null;
  authorMunicipality: string | null;
  bodyHtml: string | null;
  createdAt: Date | string;
  editedAt: Date | string | null;
  hiddenAt: Date | string | null;
  hiddenReason: string | null;
  editable: boolean;
}

export interface CommentPage {
  comments: CommentRow[];
  total: number;
  page: number;
  pageCount: number;
  moderator: boolean;
}

/** The address of another page of comments, keeping the page's other query parameters. */
function pageHref(search: string, page: number): string {
  const params = new URLSearchParams(search);
  if (page === 1) params.delete(COMMENT_PAGE_PARAM);
  else params.set(COMMENT_PAGE_PARAM, String(page));
  const query = params.toString();
  return `?${query}#comments`;
}

function Moderation({ comment }: { comment: CommentRow }) {
  const t = useT();
  if (comment.hiddenAt) {
    return (
      <Form method="post" action={`/comments/${comment.id}`}>
        <input type="hidden" name="intent" value="unhide" />
        <button type="submit" className="ds-button" data-variant="secondary" data-size="sm">
          {t("comments.unhide")}
        </button>
      </Form>
    );
  }
  return (
    <details className="ds-details w-full">
      <summary>{t("comments.hide")}</summary>
      <div>
        <Form method="post" action={`/comments/${comment.id}`} className="max-w-md space-y-3">
          <input type="hidden" name="intent" value="hide" />
          <Field name="reason" id={`hide-reason-${comment.id}`} label={t("comments.hideReason")} required maxLength={HIDE_REASON_MAX} />
          <button type="submit" className="ds-button" data-variant="secondary" data-color="danger" data-size="sm">
            {t("comments.hideSubmit")}
          </button>
        </Form>
      </div>
    </details>
  );
}

function CommentItem({ comment, moderator }: { comment: CommentRow; moderator: boolean }) {
  const t = useT();
  const language = useLanguage();
  const createdAt = new Date(comment.createdAt);
  return (
    <li id={`comment-${comment.id}`} className="ds-card min-w-0 scroll-mt-4 break-words" data-variant={comment.hiddenAt ? "default" : "tinted"}>
      <h3 className="ds-heading" data-size="2xs">
        {comment.authorName === null ? t("comments.aMember") : personName(t, comment.authorName)}
      </h3>
      <p className="ds-paragraph" data-size="sm">
        {comment.authorMunicipality ? (
          <>
            <Norwegian>{comment.authorMunicipality}</Norwegian>
            {" · "}
          </>
        ) : null}
        <time dateTime={createdAt.toISOString()}>{formatDateTime(createdAt, language)}</time>
        {comment.editedAt ? ` · ${t("comments.edited")}` : null}
      </p>
      {comment.hiddenAt ? (
        <>
          <p className="ds-paragraph mt-2 italic">{t("comments.hiddenPlaceholder", { reason: comment.hiddenReason ?? "" })}</p>
          {moderator && comment.bodyHtml ? (
            <div className="mt-2 border-l-4 border-[var(--ds-color-warning-border-default)] pl-3">
              <p className="ds-paragraph font-semibold" data-size="sm">
                {t("comments.hiddenText")}
              </p>
              <RenderedMarkdown className="mt-1" html={comment.bodyHtml} />
            </div>
          ) : null}
        </>
      ) : comment.bodyHtml ? (
        <RenderedMarkdown className="mt-2" html={comment.bodyHtml} />
      ) : null}
      {comment.editable || moderator ? (
        <div className="mt-3 flex flex-wrap items-start gap-3">
          {comment.editable ? (
            <Link className="ds-link" to={`/comments/${comment.id}`}>
              {t("comments.edit")}
            </Link>
          ) : null}
          {moderator ? <Moderation comment={comment} /> : null}
        </div>
      ) : null}
    </li>
  );
}

/**
 * A subject's comments, oldest first, a page at a time (`?comments=`): author, municipality, date,
 * "edited", the rendered text, or a coordinator's placeholder. Each has its anchor, `#comment-<id>`.
 */
export function CommentList({ list, search }: { list: CommentPage; search: string }) {
  const t = useT();
  const { comments, page, pageCount, moderator } = list;
  return (
    <>
      {comments.length === 0 ? (
        <p className="ds-paragraph mt-2">{t(list.total === 0 ? "comments.none" : "comments.noneOnPage")}</p>
      ) : (
        <ol className="mt-4 space-y-4">
          {comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} moderator={moderator} />
          ))}
        </ol>
      )}
      {pageCount > 1 ? (
        <nav className="mt-4 flex flex-wrap gap-6" aria-label={t("comments.pages")}>
          <span>{t("comments.page", { page, pages: pageCount })}</span>
          {page > 1 ? (
            <Link className="ds-link" to={pageHref(search, Math.min(page - 1, pageCount))}>
              {t("comments.previous")}
            </Link>
          ) : null}
          {page < pageCount ? (
            <Link className="ds-link" to={pageHref(search, page + 1)}>
              {t("comments.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
