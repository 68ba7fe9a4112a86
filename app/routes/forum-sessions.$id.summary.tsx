import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { loadForumSessionForCoordinator } from "~/forum-sessions/access.server";
import { summaryForm } from "~/forum-sessions/forum-session-forms.server";
import { RenderedMarkdown } from "~/forum-sessions/forum-session-parts";
import { getSummary, saveSummary } from "~/forum-sessions/summaries.server";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { renderMarkdown } from "~/lib/markdown.server";
import { kickOutbox } from "~/notifications/outbox.server";
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
  /** The stored text someone else saved meanwhile, shown beside this coordinator's own for merging. */
  stored?: string;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, viewer } = await loadForumSessionForCoordinator(request, context, params.id);
  const formData = await request.formData();
  const form = parseForm(formData, summaryForm);
  if (!form.ok) {
    const version = Number(form.values.version);
    return data<Reply>(
      { bodyMd: form.values.bodyMd ?? "", version: Number.isInteger(version) ? version : 0, errors: form.errors },
      { status: 400 },
    );
  }
  const { bodyMd, version, intent } = form.value;
  if (intent === "preview") return data<Reply>({ bodyMd, version, preview: renderMarkdown(bodyMd) });
  const result = await saveSummary(viewer.member.id, session.id, { bodyMd, version, publish: intent === "publish" });
  if (!result.ok) {
    if (result.reason === "notFound") throw data(null, { status: 404 });
    return data<Reply>(
      { bodyMd, version: result.stored.version, stored: result.stored.bodyMd, errors: { form: ["summary.stale"] } },
      { status: 409 },
    );
  }
  if (result.published) kickOutbox();
  const message: MessageKey = result.published
    ? "summary.published"
    : result.summary.status === "published"
      ? "summary.savedPublished"
      : "summary.savedDraft";
  return data<Reply>({ bodyMd: result.summary.bodyMd, version: result.summary.version, message });
}

export default function SummaryPage() {
  const { session, summary } = useLoaderData<typeof loader>();
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
      </Form>
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
