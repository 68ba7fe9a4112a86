import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadForumSessionForCoordinator } from "~/forum-sessions/access.server";
import { ForumSessionForm, type ForumSessionFormValues } from "~/forum-sessions/forum-session-form";
import { readForumSessionForm } from "~/forum-sessions/forum-session-forms.server";
import { getForumSession, knownThemeIds, listThemes, updateForumSession } from "~/forum-sessions/forum-sessions.server";
import { useT, type MessageKey } from "~/i18n/i18n";
import { toOsloInput } from "~/lib/dates";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { kickOutbox } from "~/notifications/outbox.server";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";

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
  return { id: session.id, values: formValues(session), themes: await listThemes() };
}

type Reply = { errors: FieldErrors; values: ForumSessionFormValues; notice?: MessageKey };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, viewer } = await loadForumSessionForCoordinator(request, context, params.id);
  const form = await readForumSessionForm(await request.formData(), knownThemeIds);
  if (!form.ok) {
    return data<Reply>({ errors: form.errors, values: { ...form.values, version: session.version } }, { status: 400 });
  }
  const result = await updateForumSession(
    viewer.member.id,
    session.id,
    { ...form.value, version: form.version ?? -1 },
  );
  if (!result.ok) {
    if (result.reason === "notFound") notFound();
    // Changed meanwhile: show the stored version to make the change again on.
    const current = await getForumSession(session.id);
    if (!current) notFound();
    return data<Reply>({ errors: { form: ["forumSessions.form.stale"] }, values: formValues(current) }, { status: 409 });
  }
  kickOutbox();
  return redirect(`/forum-sessions/${session.id}`, 303);
}

export default function EditForumSessionPage() {
  const { id, values, themes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const shown = reply?.values ?? values;
  return (
    <>
      <PageHeading back={{ to: `/forum-sessions/${id}`, label: t("agenda.back") }}>{t("forumSessions.editTitle", { title: values.title })}</PageHeading>
      <ForumSessionForm
        key={shown.version}
        values={shown}
        errors={reply?.errors ?? {}}
        themes={themes}
        submitLabel={t("forumSessions.form.save")}
      />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
