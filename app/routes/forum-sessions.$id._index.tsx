import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { FORUM_SESSION_STATUSES } from "../../db/schema/forum-session-values";
import { loadForumSessionForCoordinator, loadVisibleForumSession } from "~/forum-sessions/access.server";
import { getAgenda } from "~/forum-sessions/agenda.server";
import { AddToCalendar } from "~/forum-sessions/add-to-calendar";
import { AgendaList } from "~/forum-sessions/agenda-view";
import { copyForm } from "~/forum-sessions/forum-session-forms.server";
import { RenderedMarkdown, SessionTime, StatusTag } from "~/forum-sessions/forum-session-parts";
import {
  changeForumSessionStatus,
  copyForumSession,
  getForumSession,
  NEXT_STATUSES,
} from "~/forum-sessions/forum-sessions.server";
import { cancelRegistration, isRegistered, register, registrationCounts } from "~/forum-sessions/registrations.server";
import { getSummary } from "~/forum-sessions/summaries.server";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate, formatNumber, toOsloInput } from "~/lib/dates";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { requireApprovedMember, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { kickOutbox } from "~/notifications/outbox.server";
import { Field, FormAlert } from "~/ui/field";
import { PageHeading } from "~/ui/page-heading";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? () => data.session.title : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session, viewer, isCoordinator } = await loadVisibleForumSession(request, context, params.id);
  const isMember = can(summarise(viewer), "readMembersOnly");
  const [agenda, counts, registered, summary, copiedFrom] = await Promise.all([
    getAgenda(session.id),
    registrationCounts(session.id),
    viewer ? isRegistered(session.id, viewer.member.id) : false,
    getSummary(session.id),
    session.copiedFromId && isCoordinator ? getForumSession(session.copiedFromId) : undefined,
  ]);
  const { meetingUrl, descriptionMd: _, ...shown } = session;
  return {
    session: { ...shown, meetingUrl: isMember ? meetingUrl : null },
    agenda: agenda,
    counts,
    registered,
    summary: summary?.status === "published" ? { html: summary.bodyHtml, publishedAt: summary.publishedAt } : null,
    summaryDraft: isCoordinator && summary?.status === "draft",
    copiedFrom: copiedFrom ? { id: copiedFrom.id, title: copiedFrom.title } : null,
    viewerState: !viewer ? "anonymous" : isMember ? "member" : "pending",
    isCoordinator,
    nextStatuses: isCoordinator ? NEXT_STATUSES[session.status] : [],
    copyStartsAt: toOsloInput(new Date(session.startsAt.getTime() + 28 * 24 * 60 * 60 * 1000)),
  } as const;
}

type Reply = { message?: MessageKey; ok?: boolean; errors?: FieldErrors; values?: Record<string, string> };

const statusForm = z.object({ status: z.enum(FORUM_SESSION_STATUSES) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "register" || intent === "unregister") {
    const viewer = await requireApprovedMember(request, context);
    const { session } = await loadVisibleForumSession(request, context, params.id);
    const result =
      intent === "register" ? await register(session.id, viewer.member.id) : await cancelRegistration(session.id, viewer.member.id);
    if (result === "closed") return data<Reply>({ message: "forumSessions.registrationClosed", ok: false }, { status: 409 });
    return data<Reply>({ message: intent === "register" ? "forumSessions.registeredNow" : "forumSessions.unregisteredNow", ok: true });
  }
  const { session, viewer } = await loadForumSessionForCoordinator(request, context, params.id);
  if (intent === "status") {
    const form = parseForm(formData, statusForm);
    if (!form.ok) return data<Reply>({ message: "error.badRequest.body", ok: false }, { status: 400 });
    const changed = await changeForumSessionStatus(viewer.member.id, session.id, form.value.status);
    if (!changed) return data<Reply>({ message: "forumSessions.statusRefused", ok: false }, { status: 409 });
    kickOutbox();
    return data<Reply>({ message: "forumSessions.statusChanged", ok: true });
  }
  if (intent === "copy") {
    const form = parseForm(formData, copyForm);
    if (!form.ok) return data<Reply>({ errors: form.errors, values: form.values }, { status: 400 });
    const copy = await copyForumSession(viewer.member.id, session.id, form.value.startsAt);
    if (!copy) notFound();
    return redirect(`/forum-sessions/${copy.id}/edit`, 303);
  }
  return data<Reply>({ message: "error.badRequest.body", ok: false }, { status: 400 });
}

const STATUS_ACTION: Record<string, MessageKey> = {
  planned: "forumSessions.makePlanned",
  held: "forumSessions.makeHeld",
  cancelled: "forumSessions.makeCancelled",
};

function Registration() {
  const { session, registered, viewerState } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  if (session.status !== "planned") {
    return session.status === "draft" ? null : <p className="ds-paragraph">{t("forumSessions.registrationClosed")}</p>;
  }
  if (viewerState === "anonymous") {
    return (
      <Link className="ds-button" data-variant="primary" to={`/sign-in?redirectTo=${encodeURIComponent(location.pathname)}`}>
        {t("forumSessions.signInToRegister")}
      </Link>
    );
  }
  if (viewerState === "pending") return <p className="ds-paragraph">{t("forumSessions.pendingCannotRegister")}</p>;
  return (
    <Form method="post" className="flex flex-wrap items-center gap-4">
      {registered ? <p className="ds-paragraph font-semibold">{t("forumSessions.youAreRegistered")}</p> : null}
      <button type="submit" name="intent" value={registered ? "unregister" : "register"} className="ds-button" data-variant={registered ? "secondary" : "primary"}>
        {registered ? t("forumSessions.unregister") : t("forumSessions.register")}
      </button>
    </Form>
  );
}

function CoordinatorPanel() {
  const { session, nextStatuses, copyStartsAt, summaryDraft } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="ds-card mt-10" data-variant="tinted" aria-labelledby="coordinate">
      <h2 id="coordinate" className="ds-heading" data-size="sm">
        {t("forumSessions.coordinate")}
      </h2>
      <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
        <li><Link className="ds-link" to={`/forum-sessions/${session.id}/edit`}>{t("forumSessions.edit")}</Link></li>
        <li><Link className="ds-link" to={`/forum-sessions/${session.id}/agenda`}>{t("forumSessions.editAgenda")}</Link></li>
        <li><Link className="ds-link" to={`/forum-sessions/${session.id}/registrations`}>{t("forumSessions.listRegistrations")}</Link></li>
        {session.status !== "draft" ? (
          <li>
            <Link className="ds-link" to={`/forum-sessions/${session.id}/summary`}>
              {t("forumSessions.editSummary")}
              {summaryDraft ? ` (${t("summary.statusDraft")})` : ""}
            </Link>
          </li>
        ) : null}
      </ul>
      {nextStatuses.length > 0 ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="status" />
          <fieldset className="ds-fieldset">
            <legend className="ds-label">{t("forumSessions.changeStatus")}</legend>
            <div className="mt-2 flex flex-wrap gap-3">
              {nextStatuses.map((status) => (
                <button key={status} type="submit" name="status" value={status} className="ds-button" data-variant="secondary" data-color={status === "cancelled" ? "danger" : undefined}>
                  {t(STATUS_ACTION[status]!)}
                </button>
              ))}
            </div>
          </fieldset>
        </Form>
      ) : null}
      <Form method="post" noValidate className="mt-6 max-w-md space-y-4">
        <input type="hidden" name="intent" value="copy" />
        <fieldset className="ds-fieldset">
          <legend className="ds-label">{t("forumSessions.copyLegend")}</legend>
          <p className="ds-paragraph" data-size="sm">{t("forumSessions.copyHelp")}</p>
          <Field
            name="startsAt"
            id="copy-startsAt"
            type="datetime-local"
            label={t("forumSessions.copyStartsAt")}
            defaultValue={reply?.values?.startsAt ?? copyStartsAt}
            errors={reply?.errors?.startsAt}
          />
        </fieldset>
        <button type="submit" className="ds-button" data-variant="secondary">
          {t("forumSessions.copy")}
        </button>
      </Form>
    </section>
  );
}

export default function ForumSessionPage() {
  const { session, agenda, counts, summary, copiedFrom, isCoordinator, viewerState } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <PageHeading back={{ to: "/forum-sessions", label: t("forumSessions.back") }}><Norwegian>{session.title}</Norwegian></PageHeading>
      <div className="mt-4 space-y-4">
        {reply?.message ? <FormAlert message={reply.message} color={reply.ok ? "success" : "danger"} /> : null}
        {session.status === "draft" ? <FormAlert message="forumSessions.draftNotice" color="warning" /> : null}
        {session.status === "cancelled" ? <FormAlert message="forumSessions.cancelledNotice" color="danger" /> : null}
      </div>
      <dl className="mt-6 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">{t("forumSessions.when")}</dt>
        <dd><SessionTime startsAt={session.startsAt} endsAt={session.endsAt} /></dd>
        <dt className="font-semibold">{t("forumSessions.statusLabel")}</dt>
        <dd><StatusTag status={session.status} /></dd>
        {session.themes.length > 0 ? (
          <>
            <dt className="font-semibold">{t("forumSessions.themes")}</dt>
            <dd>{session.themes.map((theme) => (language === "nb" ? theme.nameNb : theme.nameEn)).join(", ")}</dd>
          </>
        ) : null}
        {session.status === "planned" ? (
          <>
            <dt className="font-semibold">{t("forumSessions.meetingLink")}</dt>
            <dd>
              {session.meetingUrl ? (
                <a className="ds-link" href={session.meetingUrl} rel="noopener noreferrer">
                  {t("forumSessions.meetingLinkJoin")}
                </a>
              ) : (
                t(viewerState === "member" ? "forumSessions.meetingLinkNone" : "forumSessions.meetingLinkHidden")
              )}
            </dd>
          </>
        ) : null}
      </dl>
      {copiedFrom ? (
        <p className="ds-paragraph mt-2" data-size="sm">
          <Link className="ds-link" to={`/forum-sessions/${copiedFrom.id}`}>{t("forumSessions.copiedFrom", { title: copiedFrom.title })}</Link>
        </p>
      ) : null}
      {session.status !== "draft" ? (
        <div className="mt-4">
          <AddToCalendar forumSessionId={session.id} signedIn={viewerState === "member"} />
        </div>
      ) : null}
      {session.descriptionHtml ? <RenderedMarkdown className="mt-6" html={session.descriptionHtml} /> : null}

      <div className="mt-8">
        <Registration />
      </div>

      <section className="mt-10" aria-labelledby="agenda">
        <h2 id="agenda" className="ds-heading" data-size="md">
          {t("forumSessions.agenda")}
        </h2>
        <div className="mt-4">
          {agenda.length > 0 ? (
            <AgendaList items={agenda} startsAt={session.startsAt} endsAt={session.endsAt} />
          ) : (
            <p className="ds-paragraph">{t("forumSessions.agendaEmpty")}</p>
          )}
        </div>
      </section>

      {session.status === "held" || summary ? (
        <section className="mt-10" aria-labelledby="summary">
          <h2 id="summary" className="ds-heading" data-size="md">
            {t("forumSessions.summary")}
          </h2>
          {summary ? (
            <>
              {summary.publishedAt ? (
                <p className="ds-paragraph mt-1" data-size="sm">
                  {t("summary.statusPublished", { date: formatDate(new Date(summary.publishedAt), language) })}
                </p>
              ) : null}
              <RenderedMarkdown className="mt-4" html={summary.html} />
            </>
          ) : (
            <p className="ds-paragraph mt-2">{t("forumSessions.summaryNotYet")}</p>
          )}
        </section>
      ) : null}

      <section className="mt-10" aria-labelledby="registrations">
        <h2 id="registrations" className="ds-heading" data-size="md">
          {t("forumSessions.registrations")}
        </h2>
        {counts.total > 0 ? (
          <>
            <p className="ds-paragraph mt-2">
              {t("forumSessions.registrationsTotal", {
                count: formatNumber(counts.total, language),
                municipalities: formatNumber(counts.counties.reduce((n, c) => n + c.municipalities.filter((m) => m.municipalityNumber).length, 0), language),
              })}
            </p>
            <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {counts.counties.map((county) => (
                <li key={county.countyName ?? "cluster"}>
                  <h3 className="ds-heading" data-size="2xs">
                    {county.countyName ?? t("forumSessions.clusterPeople")} ({formatNumber(county.count, language)})
                  </h3>
                  {county.countyName ? (
                    <ul className="mt-1 text-sm">
                      {county.municipalities.map((m) => (
                        <li key={m.municipalityNumber}>
                          {m.municipalityName}: {formatNumber(m.count, language)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="ds-paragraph mt-2">{t("forumSessions.registrationsNone")}</p>
        )}
      </section>

      {isCoordinator ? <CoordinatorPanel /> : null}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
