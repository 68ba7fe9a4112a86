import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadForumSessionForCoordinator } from "~/forum-sessions/access.server";
import { addMinutes } from "~/forum-sessions/agenda";
import { AgendaItemForm, type AgendaItemFields } from "~/forum-sessions/agenda-item-form";
import { getAgendaItemForEdit, updateAgendaItem } from "~/forum-sessions/agenda.server";
import { readAgendaItemForm } from "~/forum-sessions/forum-session-forms.server";
import { findApprovedMemberId } from "~/forum-sessions/presenters.server";
import { useT } from "~/i18n/i18n";
import { toOsloTimeInput } from "~/lib/dates";
import type { FieldErrors } from "~/lib/forms";
import { notFound, parseId } from "~/lib/http.server";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agenda.editTitle");

async function loadItem({ request, params, context }: LoaderFunctionArgs) {
  const { session, viewer } = await loadForumSessionForCoordinator(request, context, params.id);
  const itemId = parseId(params.itemId);
  const item = itemId ? await getAgendaItemForEdit(session.id, itemId) : undefined;
  if (!item) notFound();
  return { session, viewer, item };
}

export async function loader(args: LoaderFunctionArgs) {
  const { session, item } = await loadItem(args);
  const values: AgendaItemFields = {
    startTime: toOsloTimeInput(addMinutes(session.startsAt, item.startOffsetMinutes)),
    durationMinutes: String(item.durationMinutes),
    title: item.title,
    presenterEmail: item.presenterMemberEmail ?? "",
    presenterName: item.presenterName ?? "",
    presenterOrganisation: item.presenterOrganisation ?? "",
    description: item.descriptionMd,
  };
  return {
    session: { id: session.id, title: session.title },
    span: { start: toOsloTimeInput(session.startsAt), end: toOsloTimeInput(session.endsAt) },
    values,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { request } = args;
  const { session, viewer, item } = await loadItem(args);
  const form = await readAgendaItemForm(await request.formData(), session, findApprovedMemberId);
  if (!form.ok) return data<{ errors: FieldErrors; values: AgendaItemFields }>({ errors: form.errors, values: form.values }, { status: 400 });
  if (!(await updateAgendaItem(viewer.member.id, session.id, item.id, form.value))) notFound();
  return redirect(`/forum-sessions/${session.id}/agenda`, 303);
}

export default function EditAgendaItemPage() {
  const { session, span, values } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <PageHeading back={{ to: `/forum-sessions/${session.id}/agenda`, label: t("agenda.title", { title: session.title }) }}>{t("agenda.editTitle")}</PageHeading>
      <div className="mt-6">
        <AgendaItemForm
          values={reply?.values ?? values}
          errors={reply?.errors ?? {}}
          sessionSpan={span}
          intent="save"
          submitLabel={t("agenda.form.save")}
        />
      </div>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
