import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ForumSessionForm } from "~/forum-sessions/forum-session-form";
import { readForumSessionForm } from "~/forum-sessions/forum-session-forms.server";
import { createForumSession, knownThemeIds } from "~/forum-sessions/forum-sessions.server";
import { useT } from "~/i18n/i18n";
import { requireCoordinator } from "~/members/permissions.server";
import { PageHeading } from "~/ui/page-heading";
import { pageTitle } from "~/ui/meta";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forumSessions.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCoordinator(request, context);
  return { themes: (await baseData(request, context)).themes };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireCoordinator(request, context);
  const form = await readForumSessionForm(await request.formData(), knownThemeIds);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const session = await createForumSession(viewer.member.id, form.value);
  return redirect(`/forum-sessions/${session.id}/agenda`, 303);
}

const EMPTY = { title: "", description: "", startsAt: "", endsAt: "", meetingUrl: "", themeIds: [] };

export default function NewForumSessionPage() {
  const { themes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <PageHeading back={{ to: "/forum-sessions", label: t("forumSessions.back") }}>{t("forumSessions.new")}</PageHeading>
      <ForumSessionForm
        values={reply?.values ?? EMPTY}
        errors={reply?.errors ?? {}}
        themes={themes}
        submitLabel={t("forumSessions.form.create")}
      />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
