import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadForumSessionForCoordinator } from "~/forum-sessions/access.server";
import { ForumSessionForm, type ForumSessionFormValues } from "~/forum-sessions/forum-session-form";
import { readForumSessionForm } from "~/forum-sessions/forum-session-forms.server";
import { getForumSession, knownThemeIds, updateForumSession } from "~/forum-sessions/forum-sessions.server";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { toOsloInput } from "~/lib/dates";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";
import { StoredVersion } from "~/ui/stored-version";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("forumSessions.editTitle", { title: data.values.title }) : "error.notFound.title");

type Session = NonNullable<Awaited<ReturnType<typeof getForumSession>>>;

function formValues(session: Session): ForumSessionFormValues {
  return {
    title: session.title,
    description: session.descriptionMd,
    startsAt: toOsloInput(session.startsAt),
    endsAt: toOsloInput(session.endsAt),
    meetingUrl: session.meetingUrl ?? "",
    themeIds: session.themes.map((theme) => theme.id),
    version: session.version,
  };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await loadForumSessionForCoordinator(request, context, params.id);
  return { id: session.id, values: formValues(session), themes: (await baseData(request, context)).themes };
}

type Reply = {
  errors: FieldErrors;
  values: ForumSessionFormValues;
  notice?: MessageKey;
  /** What someone else saved meanwhile, shown beside the coordinator's own typing to merge from. */
  stored?: ForumSessionFormValues;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, viewer } = await loadForumSessionForCoordinator(request, context, params.id);
  const form = await readForumSessionForm(await request.formData(), knownThemeIds);
  if (!form.ok) return data<Reply>({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await updateForumSession(viewer.member.id, session.id, { ...form.value, version: form.version ?? -1 });
  if (!result.ok) {
    if (result.reason === "notFound") notFound();
    // Changed meanwhile: keep what was typed, now on the stored version, with the stored one beside it.
    const current = await getForumSession(session.id);
    if (!current) notFound();
    const stored = formValues(current);
    return data<Reply>(
      { errors: { form: ["forumSessions.form.stale"] }, values: { ...form.values, version: current.version }, stored },
      { status: 409 },
    );
  }
  return redirect(`/forum-sessions/${session.id}`, 303);
}

function StoredSession({ stored, themes }: { stored: ForumSessionFormValues; themes: { id: number; nameNb: string; nameEn: string }[] }) {
  const t = useT();
  const language = useLanguage();
  const themeNames = themes
    .filter((theme) => stored.themeIds.includes(theme.id))
    .map((theme) => (language === "nb" ? theme.nameNb : theme.nameEn))
    .join(", ");
  return (
    <StoredVersion
      heading={t("forumSessions.form.storedVersion")}
      rows={[
        { label: t("forumSessions.form.title"), value: stored.title },
        { label: t("forumSessions.form.description"), value: stored.description },
        { label: t("forumSessions.form.startsAt"), value: stored.startsAt.replace("T", " "), plain: true },
        { label: t("forumSessions.form.endsAt"), value: stored.endsAt.replace("T", " "), plain: true },
        { label: t("forumSessions.form.meetingUrl"), value: stored.meetingUrl, plain: true },
        { label: t("forumSessions.form.themes"), value: themeNames, plain: true },
      ]}
    />
  );
}

export default function EditForumSessionPage() {
  const { id, values, themes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const shown = reply?.values ?? values;
  return (
    <>
      <PageHeading back={{ to: `/forum-sessions/${id}`, label: t("agenda.back") }}>{t("forumSessions.editTitle", { title: values.title })}</PageHeading>
      <div className={reply?.stored ? "grid gap-x-8 lg:grid-cols-2" : undefined}>
        <ForumSessionForm
          key={shown.version}
          values={shown}
          errors={reply?.errors ?? {}}
          themes={themes}
          submitLabel={t("forumSessions.form.save")}
        />
        {reply?.stored ? <StoredSession stored={reply.stored} themes={themes} /> : null}
      </div>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
