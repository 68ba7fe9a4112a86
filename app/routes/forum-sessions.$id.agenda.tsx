import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetchers, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { loadForumSessionForCoordinator } from "~/forum-sessions/access.server";
import { agendaFlags, isFlagged, minutesBetween, moveInAgenda } from "~/forum-sessions/agenda";
import { AgendaItemForm, EMPTY_AGENDA_ITEM } from "~/forum-sessions/agenda-item-form";
import { addAgendaItem, getAgenda, moveAgendaItem, removeAgendaItem } from "~/forum-sessions/agenda.server";
import { AgendaList, type AgendaRow } from "~/forum-sessions/agenda-view";
import { readAgendaItemForm } from "~/forum-sessions/forum-session-forms.server";
import { findApprovedMemberId } from "~/forum-sessions/presenters.server";
import { useT, type MessageKey } from "~/i18n/i18n";
import { toOsloTimeInput } from "~/lib/dates";
import { int32, parseForm, type FieldErrors } from "~/lib/forms";
import { FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("agenda.title", { title: data.session.title }) : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await loadForumSessionForCoordinator(request, context, params.id);
  const agenda = await getAgenda(session.id);
  return {
    session: { id: session.id, title: session.title, startsAt: session.startsAt, endsAt: session.endsAt },
    agenda: agenda,
  };
}

type Reply = { message?: MessageKey; ok?: boolean; errors?: FieldErrors; values?: Record<string, string> };

const itemForm = z.object({ itemId: int32() });
const moveForm = itemForm.extend({ direction: z.enum(["up", "down"]) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, viewer } = await loadForumSessionForCoordinator(request, context, params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "add") {
    const form = await readAgendaItemForm(formData, session, findApprovedMemberId);
    if (!form.ok) return data<Reply>({ errors: form.errors, values: { ...form.values } }, { status: 400 });
    await addAgendaItem(viewer.member.id, session.id, form.value);
    return data<Reply>({ message: "agenda.added", ok: true });
  }
  if (intent === "move") {
    const form = parseForm(formData, moveForm);
    if (!form.ok) return data<Reply>({ message: "error.badRequest.body", ok: false }, { status: 400 });
    // At the top or bottom already: nothing to do, and nothing wrong.
    await moveAgendaItem(viewer.member.id, session.id, form.value.itemId, form.value.direction);
    return data<Reply>({ message: "agenda.moved", ok: true });
  }
  if (intent === "remove") {
    const form = parseForm(formData, itemForm);
    if (!form.ok) return data<Reply>({ message: "error.badRequest.body", ok: false }, { status: 400 });
    const removed = await removeAgendaItem(viewer.member.id, session.id, form.value.itemId);
    if (!removed) return data<Reply>({ message: "error.notFound.body", ok: false }, { status: 404 });
    return data<Reply>({ message: "agenda.removed", ok: true });
  }
  return data<Reply>({ message: "error.badRequest.body", ok: false }, { status: 400 });
}

/** With JavaScript, a move shows at once, times and all, by the server's own rule; its answer then confirms it. */
function useOptimisticOrder(items: AgendaRow[]): AgendaRow[] {
  const fetchers = useFetchers();
  let order = items;
  for (const fetcher of fetchers) {
    const form = fetcher.formData;
    if (form?.get("intent") !== "move") continue;
    const direction = form.get("direction") === "up" ? "up" : "down";
    order = moveInAgenda(order, Number(form.get("itemId")), direction) ?? order;
  }
  return order;
}

function ItemActions({ item, index, count, title }: { item: AgendaRow; index: number; count: number; title: string }) {
  const t = useT();
  const { session } = useLoaderData<typeof loader>();
  return (
    <>
      {(["up", "down"] as const).map((direction) =>
        (direction === "up" ? index > 0 : index < count - 1) ? (
          <Form method="post" key={direction} preventScrollReset navigate={false} fetcherKey={`move-${item.id}-${direction}`}>
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="itemId" value={item.id} />
            <input type="hidden" name="direction" value={direction} />
            <button type="submit" className="ds-button" data-variant="secondary" data-size="sm" aria-label={t(direction === "up" ? "agenda.moveUpLabel" : "agenda.moveDownLabel", { title })}>
              {t(direction === "up" ? "agenda.moveUp" : "agenda.moveDown")}
            </button>
          </Form>
        ) : null,
      )}
      <Link className="ds-button" data-variant="tertiary" data-size="sm" to={`/forum-sessions/${session.id}/agenda/${item.id}`} aria-label={t("agenda.editItemLabel", { title })}>
        {t("agenda.editItem")}
      </Link>
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="itemId" value={item.id} />
        <button type="submit" className="ds-button" data-variant="tertiary" data-color="danger" data-size="sm" aria-label={t("agenda.removeLabel", { title })}>
          {t("agenda.remove")}
        </button>
      </Form>
    </>
  );
}

export default function AgendaPage() {
  const { session, agenda } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const items = useOptimisticOrder(agenda);
  const sessionMinutes = minutesBetween(new Date(session.startsAt), new Date(session.endsAt));
  const flagged = [...agendaFlags(items, sessionMinutes).values()].filter(isFlagged).length;
  const span = { start: toOsloTimeInput(new Date(session.startsAt)), end: toOsloTimeInput(new Date(session.endsAt)) };
  return (
    <>
      <PageHeading back={{ to: `/forum-sessions/${session.id}`, label: t("agenda.back") }}>{t("agenda.title", { title: session.title })}</PageHeading>
      <div className="mt-4 space-y-4">
        {reply?.message ? <FormAlert message={reply.message} color={reply.ok ? "success" : "danger"} /> : null}
        {flagged > 0 ? (
          <div className="ds-alert" data-color="warning">
            <p className="ds-paragraph">{t("agenda.flagged", { count: flagged })}</p>
          </div>
        ) : null}
      </div>
      <div className="mt-6">
        {items.length > 0 ? (
          <AgendaList
            items={items}
            startsAt={session.startsAt}
            endsAt={session.endsAt}
            showFlags
            actions={(item, index) => <ItemActions item={item} index={index} count={items.length} title={item.title} />}
          />
        ) : (
          <p className="ds-paragraph">{t("forumSessions.agendaEmpty")}</p>
        )}
      </div>
      <section className="mt-10" aria-labelledby="add-item">
        <h2 id="add-item" className="ds-heading mb-4" data-size="sm">
          {t("agenda.add")}
        </h2>
        <AgendaItemForm
          key={reply?.ok ? `added-${agenda.length}` : "add"}
          values={reply?.errors ? { ...EMPTY_AGENDA_ITEM, ...reply.values } : EMPTY_AGENDA_ITEM}
          errors={reply?.errors ?? {}}
          sessionSpan={span}
          intent="add"
          submitLabel={t("agenda.add")}
        />
      </section>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
