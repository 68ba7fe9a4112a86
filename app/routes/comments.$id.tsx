import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useCommentHelp } from "~/comments/comment-form";
import { editCommentForm, hideCommentForm, HIDE_REASON_MAX } from "~/comments/comment-forms";
import { commentPageUrl } from "~/comments/comment-pages.server";
import { COMMENT_EDIT_HOURS, COMMENT_MAX } from "~/comments/comment-values";
import { editComment, getComment, mayEditComment, setCommentHidden } from "~/comments/comments.server";
import { RenderedMarkdown } from "~/forum-sessions/forum-session-parts";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDateTime } from "~/lib/dates";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { forbidden, notFound, parseId } from "~/lib/http.server";
import { requireApprovedMember, requireCoordinator, requireSignedIn, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { Field, FormAlert, TextAreaField } from "~/ui/field";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data?.editable ? "comments.editTitle" : data ? "comments.commentTitle" : "error.notFound.title");

/**
 * One comment's own page: its author edits it within the edit window; coordinators hide it with a
 * reason or show it again. Anyone else has nothing to do here (403).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = summarise(await requireSignedIn(request, context));
  const id = parseId(params.id);
  const comment = id ? await getComment(id) : undefined;
  if (!comment) notFound();
  const own = comment.authorId === viewer?.id && can(viewer, "write");
  const moderator = can(viewer, "coordinate");
  if (!own && !moderator) forbidden();
  const editable = mayEditComment(viewer, comment);
  const page = {
    comment: {
      id: comment.id,
      bodyMd: editable ? comment.bodyMd : null,
      bodyHtml: comment.bodyHtml,
      version: comment.version,
      createdAt: comment.createdAt,
      hidden: Boolean(comment.hiddenAt),
      hiddenReason: comment.hiddenReason,
    },
    backTo: await commentPageUrl(comment),
    editable,
    moderator,
    // The author, too late: told so (and why), not shown a form that would be refused.
    tooLate: own && !editable && !comment.hiddenAt,
  };
  return page.tooLate && !moderator ? data(page, { status: 403 }) : page;
}

type Reply = { errors?: FieldErrors; values?: Record<string, string>; message?: MessageKey; stored?: string; version?: number };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "hide" || intent === "unhide") {
    const viewer = await requireCoordinator(request, context);
    const id = parseId(params.id);
    if (!id) notFound();
    let input: { hidden: true; reason: string } | { hidden: false } = { hidden: false };
    if (intent === "hide") {
      const form = parseForm(formData, hideCommentForm);
      if (!form.ok) return data<Reply>({ errors: form.errors, values: form.values }, { status: 400 });
      input = { hidden: true, reason: form.value.reason };
    }
    const comment = await setCommentHidden(viewer.member.id, id, input);
    if (!comment) notFound();
    return redirect(await commentPageUrl(comment), 303);
  }
  if (intent === "edit") {
    const viewer = await requireApprovedMember(request, context);
    const id = parseId(params.id);
    const before = id ? await getComment(id) : undefined;
    if (!before) notFound();
    if (before.authorId !== viewer.member.id) forbidden();
    const form = parseForm(formData, editCommentForm);
    if (!form.ok) return data<Reply>({ errors: form.errors, values: form.values }, { status: 400 });
    const result = await editComment(summarise(viewer)!, before.id, { bodyMd: form.value.body, version: form.value.version });
    if (result.ok) return redirect(await commentPageUrl(result.comment), 303);
    const values = { body: form.value.body };
    if (result.reason !== "stale") {
      if (result.reason === "notFound") notFound();
      // The author's own comment, refused: the edit window has closed, or a coordinator hid it meanwhile.
      return data<Reply>({ message: "comments.editRefused", values }, { status: 403 });
    }
    // Changed since it was opened (in another tab): both texts, and the stored version to save over knowingly.
    return data<Reply>({ message: "comments.editStale", values, stored: result.current.bodyMd, version: result.current.version }, { status: 409 });
  }
  await requireApprovedMember(request, context);
  return data<Reply>({ message: "error.badRequest.body" }, { status: 400 });
}

function EditForm() {
  const { comment } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const help = useCommentHelp();
  return (
    <Form method="post" noValidate className="mt-6 max-w-3xl space-y-4">
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="version" value={reply?.version ?? comment.version} />
      {reply?.stored !== undefined ? (
        <div className="ds-field">
          <label className="ds-label" htmlFor="stored-comment">
            {t("comments.storedText")}
          </label>
          <textarea id="stored-comment" className="ds-input" rows={6} readOnly defaultValue={reply.stored} />
        </div>
      ) : null}
      <TextAreaField
        name="body"
        id="comment-body"
        rows={8}
        required
        maxLength={COMMENT_MAX}
        label={reply?.stored !== undefined ? t("comments.yourText") : t("comments.form.label")}
        description={help}
        defaultValue={reply?.values?.body ?? comment.bodyMd ?? ""}
        errors={reply?.errors?.body}
      />
      <button type="submit" className="ds-button" data-variant="primary">
        {t("comments.save")}
      </button>
    </Form>
  );
}

function ModerationForm() {
  const { comment } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="ds-card mt-10 max-w-3xl" data-variant="tinted" aria-labelledby="moderate">
      <h2 id="moderate" className="ds-heading" data-size="sm">
        {t("comments.moderate")}
      </h2>
      {comment.hidden ? (
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="unhide" />
          <button type="submit" className="ds-button" data-variant="secondary">
            {t("comments.unhide")}
          </button>
        </Form>
      ) : (
        <Form method="post" noValidate className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="hide" />
          <Field
            name="reason"
            label={t("comments.hideReason")}
            required
            maxLength={HIDE_REASON_MAX}
            defaultValue={reply?.values?.reason ?? ""}
            errors={reply?.errors?.reason}
          />
          <button type="submit" className="ds-button" data-variant="secondary" data-color="danger">
            {t("comments.hideSubmit")}
          </button>
        </Form>
      )}
    </section>
  );
}

export default function CommentPage() {
  const { comment, backTo, editable, moderator, tooLate } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const createdAt = new Date(comment.createdAt);
  return (
    <>
      <PageHeading back={{ to: backTo, label: t("comments.back") }}>{t(editable ? "comments.editTitle" : "comments.commentTitle")}</PageHeading>
      <p className="ds-paragraph mt-2" data-size="sm">
        {t("comments.writtenAt", { date: formatDateTime(createdAt, language) })}
      </p>
      <div className="mt-4 space-y-4">
        {reply?.message ? <FormAlert message={reply.message} params={{ hours: COMMENT_EDIT_HOURS }} /> : null}
        {tooLate ? <FormAlert message="comments.tooLate" params={{ hours: COMMENT_EDIT_HOURS }} color="info" /> : null}
        {comment.hidden ? <FormAlert message="comments.hiddenPlaceholder" params={{ reason: comment.hiddenReason ?? "" }} color="warning" /> : null}
      </div>
      {editable ? <EditForm /> : <RenderedMarkdown className="mt-6 max-w-3xl break-words" html={comment.bodyHtml} />}
      {!editable && reply?.values?.body ? (
        // Refused after the window closed: what the author typed stays here to copy, though it cannot be saved.
        <div className="ds-field mt-6 max-w-3xl">
          <label className="ds-label" htmlFor="unsaved-comment">
            {t("comments.unsavedText")}
          </label>
          <textarea id="unsaved-comment" className="ds-input" rows={6} readOnly defaultValue={reply.values.body} />
        </div>
      ) : null}
      {moderator ? <ModerationForm /> : null}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
