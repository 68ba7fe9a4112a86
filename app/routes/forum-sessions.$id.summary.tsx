import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { loadForumSessionForCoordinator } from "~/forum-sessions/access.server";
import { summaryForm } from "~/forum-sessions/forum-session-forms.server";
import { RenderedMarkdown } from "~/forum-sessions/forum-session-parts";
import { getSummary, renderSummary, saveSummary, unpublishSummary, type SaveSummaryResult } from "~/forum-sessions/summaries.server";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { FormAlert, TextAreaField } from "~/ui/field";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("summary.title", { title: data.session.title }) : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await loadForumSessionForCoordinator(request, context, params.id);
  const summary = await getSummary(session.id);
  return {
    session: { id: session.id, title: session.title },
    writable: session.status === "held",
    summary: {
      bodyMd: summary?.bodyMd ?? "",
      version: summary?.version ?? 0,
      status: summary?.status ?? null,
      publishedAt: summary?.publishedAt ?? null,
    },
  };
}

type Reply = {
  bodyMd: string;
  version: number;
  errors?: FieldErrors;
  message?: MessageKey;
  preview?: string;
  /** Publishing waits for a second click: everyone can read it and the registered are mailed. */
  confirmPublish?: boolean;
  /** The stored text someone else saved meanwhile, shown beside this coordinator's own for merging. */
  stored?: string;
};

/** A refused write, answered with what the coordinator typed kept in the form. */
function refused(result: Exclude<SaveSummaryResult, { ok: true }>, bodyMd: string, version: number) {
  if (result.reason === "notFound") notFound();
  if (result.reason === "notHeld") {
    return data<Reply>({ bodyMd, version, errors: { form: ["summary.notHeld"] } }, { status: 409 });
  }
  return data<Reply>(
    { bodyMd, version: result.stored.version, stored: result.stored.bodyMd, errors: { form: ["summary.stale"] } },
    { status: 409 },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, viewer } = await loadForumSessionForCoordinator(request, context, params.id);
  const form = parseForm(await request.formData(), summaryForm);
  if (!form.ok) {
    // The version the coordinator opened, never the current one: resubmitting must not overwrite a concurrent save.
    const version = Number(form.values.version);
    return data<Reply>(
      { bodyMd: form.values.bodyMd ?? "", version: Number.isInteger(version) ? version : 0, errors: form.errors },
      { status: 400 },
    );
  }
  const { bodyMd, version, intent, confirmed } = form.value;
  if (intent === "preview") return data<Reply>({ bodyMd, version, preview: renderSummary(bodyMd) });
  if (intent === "edit") return data<Reply>({ bodyMd, version });
  if (session.status !== "held") return refused({ ok: false, reason: "notHeld" }, bodyMd, version);
  if (intent === "publish" && confirmed !== "yes") return data<Reply>({ bodyMd, version, confirmPublish: true });
  if (intent === "unpublish") {
    const result = await unpublishSummary(viewer.member.id, session.id, { version });
    if (!result.ok) return refused(result, result.reason === "stale" ? result.stored.bodyMd : bodyMd, version);
    return data<Reply>({ bodyMd: result.summary.bodyMd, version: result.summary.version, message: "summary.unpublished" });
  }
  const result = await saveSummary(viewer.member.id, session.id, { bodyMd, version, publish: intent === "publish" });
  if (!result.ok) return refused(result, bodyMd, version);
  const message: MessageKey = result.published
    ? "summary.published"
    : intent === "publish"
      ? "summary.republished"
      : result.summary.status === "published"
        ? "summary.savedPublished"
        : "summary.savedDraft";
  return data<Reply>({ bodyMd: result.summary.bodyMd, version: result.summary.version, message });
}

export default function SummaryPage() {
  const { session, summary, writable } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const bodyMd = reply?.bodyMd ?? summary.bodyMd;
  const version = reply?.version ?? summary.version;
  const published = summary.status === "published";
  return (
    <>
      <PageHeading back={{ to: `/forum-sessions/${session.id}`, label: t("agenda.back") }}>{t("summary.title", { title: session.title })}</PageHeading>
      <p className="ds-paragraph mt-2">
        {published && summary.publishedAt
          ? t("summary.statusPublished", { date: formatDate(new Date(summary.publishedAt), language) })
          : t("summary.statusDraft")}
      </p>
      {!writable ? (
        <div className="mt-6">
          <FormAlert message="summary.notHeld" color="info" />
        </div>
      ) : (
        <>
          <Form method="post" noValidate className="mt-6 max-w-3xl space-y-6" key={`${version}-${reply?.message ?? ""}`}>
            {reply?.message ? <FormAlert message={reply.message} color="success" /> : null}
            <FormAlert message={reply?.errors?.form?.[0]} />
            {reply?.stored !== undefined ? (
              <div className="ds-field">
                <label className="ds-label" htmlFor="stored-summary">
                  {t("summary.storedText")}
                </label>
                <textarea id="stored-summary" className="ds-input" rows={10} readOnly defaultValue={reply.stored} />
              </div>
            ) : null}
            <input type="hidden" name="version" value={version} />
            <TextAreaField
              name="bodyMd"
              rows={16}
              label={reply?.stored !== undefined ? t("summary.yourText") : t("summary.body")}
              description={t("summary.bodyHelp")}
              defaultValue={bodyMd}
              errors={reply?.errors?.bodyMd}
            />
            {reply?.confirmPublish ? (
              <div className="ds-alert" data-color="warning" role="status">
                <p className="ds-paragraph">{t(summary.publishedAt ? "summary.confirmRepublish" : "summary.confirmPublish")}</p>
                <input type="hidden" name="confirmed" value="yes" />
                <div className="mt-4 flex flex-wrap gap-3">
                  <button type="submit" name="intent" value="publish" className="ds-button" data-variant="primary">
                    {t("summary.confirmPublishYes")}
                  </button>
                  <button type="submit" name="intent" value="edit" className="ds-button" data-variant="secondary">
                    {t("summary.confirmPublishNo")}
                  </button>
                </div>
              </div>
            ) : (
              <div className="flex flex-wrap gap-3">
                <button type="submit" name="intent" value="preview" className="ds-button" data-variant="secondary">
                  {t("summary.preview")}
                </button>
                {published ? (
                  <button type="submit" name="intent" value="save" className="ds-button" data-variant="primary">
                    {t("summary.saveChanges")}
                  </button>
                ) : (
                  <>
                    <button type="submit" name="intent" value="save" className="ds-button" data-variant="secondary">
                      {t("summary.saveDraft")}
                    </button>
                    <button type="submit" name="intent" value="publish" className="ds-button" data-variant="primary">
                      {t("summary.publish")}
                    </button>
                  </>
                )}
              </div>
            )}
          </Form>
          {published && !reply?.confirmPublish ? (
            <Form method="post" className="mt-8 max-w-3xl space-y-2">
              <input type="hidden" name="version" value={version} />
              <p className="ds-paragraph" data-size="sm">{t("summary.unpublishHelp")}</p>
              <button type="submit" name="intent" value="unpublish" className="ds-button" data-variant="secondary">
                {t("summary.unpublish")}
              </button>
            </Form>
          ) : null}
        </>
      )}
      {reply?.preview !== undefined ? (
        <section className="ds-card mt-10 max-w-3xl" aria-labelledby="preview">
          <h2 id="preview" className="ds-heading" data-size="sm">
            {t("summary.previewHeading")}
          </h2>
          <RenderedMarkdown className="mt-4" html={reply.preview} />
        </section>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
