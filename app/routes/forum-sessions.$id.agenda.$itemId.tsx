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
import { notFound, parseId } from "~/lib/http.server";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";
import type { FormReply } from "~/lib/forms";
import { StoredVersion } from "~/ui/stored-version";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agenda.editTitle");

async function loadItem({ request, params, context }: LoaderFunctionArgs) {
  const { session, viewer } = await loadForumSessionForCoordinator(request, context, params.id);
  const itemId = parseId(params.itemId);
  const item = itemId ? await getAgendaItemForEdit(session.id, itemId) : undefined;
  if (!item) notFound();
  return { session, viewer, item };
}

type StoredItem = NonNullable<Awaited<ReturnType<typeof getAgendaItemForEdit>>>;

/** The item as its form shows it, with the version it was read at. */
function fieldsOf(item: StoredItem, startsAt: Date): AgendaItemFields {
  return {
    startTime: toOsloTimeInput(addMinutes(startsAt, item.startOffsetMinutes)),
    durationMinutes: String(item.durationMinutes),
    title: item.title,
    presenterEmail: item.presenterMemberEmail ?? "",
    presenterName: item.presenterName ?? "",
    presenterOrganisation: item.presenterOrganisation ?? "",
    description: item.descriptionMd,
    solution: item.solutionName ?? "",
    version: String(item.version),
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const { session, item } = await loadItem(args);
  return {
    session: { id: session.id, title: session.title },
    span: { start: toOsloTimeInput(session.startsAt), end: toOsloTimeInput(session.endsAt) },
    values: fieldsOf(item, session.startsAt),
  };
}

type Reply = FormReply<AgendaItemFields> & { stored?: AgendaItemFields };

export async function action(args: ActionFunctionArgs) {
  const { request } = args;
  const { session, viewer, item } = await loadItem(args);
  const form = await readAgendaItemForm(await request.formData(), session, findApprovedMemberId);
  if (!form.ok) return data<Reply>({ errors: form.errors, values: form.values }, { status: 400 });
  if (form.version === undefined) return data<Reply>({ errors: { form: ["error.badRequest.body"] }, values: form.values }, { status: 400 });
  const result = await updateAgendaItem(viewer.member.id, session.id, item.id, { ...form.value, version: form.version });
  if (result.ok) return redirect(`/forum-sessions/${session.id}/agenda`, 303);
  const stored = result.reason === "stale" ? await getAgendaItemForEdit(session.id, item.id) : undefined;
  if (!stored) notFound();
  // Everything typed stays; the form now carries the stored version, so saving again replaces it knowingly.
  const storedFields = fieldsOf(stored, session.startsAt);
  return data<Reply>(
    { errors: { form: ["agenda.stale"] }, values: { ...form.values, version: storedFields.version }, stored: storedFields },
    { status: 409 },
  );
}

function StoredItemView({ item }: { item: AgendaItemFields }) {
  const t = useT();
  const presenter = item.presenterEmail || [item.presenterName, item.presenterOrganisation].filter(Boolean).join(", ");
  return (
    <StoredVersion
      heading={t("agenda.storedVersion")}
      rows={[
        { label: t("agenda.form.startTime"), value: item.startTime, plain: true },
        { label: t("agenda.form.duration"), value: item.durationMinutes, plain: true },
        { label: t("agenda.form.title"), value: item.title },
        { label: t("agenda.presenter"), value: presenter },
        { label: t("agenda.form.description"), value: item.description },
        { label: t("solutionLinks.presented"), value: item.solution },
      ]}
    />
  );
}

export default function EditAgendaItemPage() {
  const { session, span, values } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const form = (
    <AgendaItemForm
      // A new version means a fresh form around what was typed, carrying the version it now replaces.
      key={reply?.values.version ?? values.version}
      values={reply?.values ?? values}
      errors={reply?.errors ?? {}}
      sessionSpan={span}
      intent="save"
      submitLabel={t("agenda.form.save")}
    />
  );
  return (
    <>
      <PageHeading back={{ to: `/forum-sessions/${session.id}/agenda`, label: t("agenda.title", { title: session.title }) }}>{t("agenda.editTitle")}</PageHeading>
      <div className="mt-6">
        {reply?.stored ? (
          <div className="grid gap-8 lg:grid-cols-2">
            <section aria-labelledby="your-item">
              <h2 id="your-item" className="ds-heading mb-4" data-size="xs">
                {t("agenda.yourVersion")}
              </h2>
              {form}
            </section>
            <StoredItemView item={reply.stored} />
          </div>
        ) : (
          form
        )}
      </div>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
