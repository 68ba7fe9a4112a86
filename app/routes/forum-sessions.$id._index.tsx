import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { ExperienceLinkList } from "~/experiences/experience-links";
import { experiencesFromForumSession } from "~/experiences/experiences.server";
import { plainTextStart } from "~/experiences/feeds.server";
import { loadForumSessionForCoordinator, loadVisibleForumSession } from "~/forum-sessions/access.server";
import { agendaForViewer, getAgenda } from "~/forum-sessions/agenda.server";
import { AddToCalendar } from "~/forum-sessions/add-to-calendar";
import { AgendaList } from "~/forum-sessions/agenda-view";
import { copyForm } from "~/forum-sessions/forum-session-forms.server";
import { RenderedMarkdown, SessionTime, StatusTag } from "~/forum-sessions/forum-session-parts";
import {
  changeForumSessionStatus,
  copyForumSession,
  getForumSession,
  isCancellable,
  isRestorable,
  nextInSeries,
  restoreForumSession,
  statusStepsFor,
} from "~/forum-sessions/forum-sessions.server";
import { cancelRegistration, isRegistered, register, registrationCounts } from "~/forum-sessions/registrations.server";
import { getSummary } from "~/forum-sessions/summaries.server";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate, formatNumber, toOsloInput } from "~/lib/dates";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { publicUrl } from "~/lib/settings.server";
import { requireApprovedMember, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { shortlistedTopics, topicsOfForumSession } from "~/topics/topics.server";
import { Field, FormAlert } from "~/ui/field";
import { PageHeading } from "~/ui/page-heading";
import { pageTitle, socialMeta } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { TopicLink } from "~/topics/topic-link";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...pageTitle(matches, data ? () => data.session.title : "error.notFound.title"),
  // A published summary is worth sharing: a link pasted into Teams or Slack shows its start.
  ...(data?.share ? socialMeta(matches, data.share) : []),
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session, viewer, isCoordinator } = await loadVisibleForumSession(request, context, params.id);
  const viewerSummary = summarise(viewer);
  const isMember = can(viewerSummary, "readMembersOnly");
  const held = session.status === "held";
  // Topics a coordinator may still add to the agenda: only for them, only while the agenda is open.
  const schedulable = isCoordinator && (session.status === "draft" || session.status === "planned");
  const [agenda, counts, registered, summary, copiedFrom, coveredTopics, shortlisted, experiences] = await Promise.all([
    getAgenda(session.id),
    registrationCounts(session.id),
    viewer ? isRegistered(session.id, viewer.member.id) : false,
    held ? getSummary(session.id) : undefined,
    session.copiedFromId && isCoordinator ? getForumSession(session.copiedFromId) : undefined,
    held ? topicsOfForumSession(session.id) : [],
    schedulable ? shortlistedTopics(SHORTLIST_SHOWN) : [],
    experiencesFromForumSession(session.id, viewerSummary),
  ]);
  const published = summary?.status === "published";
  // On a held session, its presenters are offered to write up what they presented (approved members only).
  const presented =
    held && viewer && can(viewerSummary, "write") ? agenda.filter((item) => item.presenterMemberId === viewer.member.id).map(({ id, title }) => ({ id, title })) : [];
  const { meetingUrl, descriptionMd: _, ...shown } = session;
  return {
    session: { ...shown, meetingUrl: isMember ? meetingUrl : null },
    // Visitors see people only as totals (decision 020): per municipality, a one-member municipality would name its person.
    agenda: agendaForViewer(agenda, isMember),
    counts: {
      total: counts.total,
      municipalities: counts.counties.reduce((n, c) => n + c.municipalities.filter((m) => m.municipalityNumber).length, 0),
      counties: isMember ? counts.counties : [],
    },
    registered,
    summary:
      published
        ? { html: summary.bodyHtml, publishedAt: summary.publishedAt, topics: coveredTopics.map(({ id, title }) => ({ id, title })) }
        : null,
    summaryDraft: isCoordinator && summary?.status === "draft",
    copiedFrom: copiedFrom ? { id: copiedFrom.id, title: copiedFrom.title } : null,
    viewerState: !viewer ? "anonymous" : isMember ? "member" : "pending",
    isCoordinator,
    nextStatuses: isCoordinator ? statusStepsFor(session) : [],
    canWriteSummary: isCoordinator && held,
    canCancel: isCoordinator && isCancellable(session),
    canRestore: isCoordinator && isRestorable(session),
    copyStartsAt: toOsloInput(nextInSeries(session.startsAt)),
    shortlisted: schedulable ? shortlisted : null,
    experiences: experiences.map(({ id, title, visibility, publishedAt, municipalityName }) => ({ id, title, visibility, publishedAt, municipalityName })),
    presented,
    share: published
      ? {
          title: session.title,
          description: plainTextStart(summary.bodyMd) || plainTextStart(session.descriptionMd),
          url: `${publicUrl()}/forum-sessions/${session.id}`,
        }
      : null,
  } as const;
}

/** Enough to pick from on the page; the topic list has the rest. */
const SHORTLIST_SHOWN = 20;

type Reply = { message?: MessageKey; ok?: boolean; errors?: FieldErrors; values?: Record<string, string> };

// Cancelling is not a status button: it has its own confirmation page (forum-sessions.$id.cancel).
const statusForm = z.object({ status: z.enum(["planned", "held"]) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "register" || intent === "unregister") {
    const viewer = await requireApprovedMember(request, context);
    const { session } = await loadVisibleForumSession(request, context, params.id);
    const result =
      intent === "register" ? await register(session.id, viewer.member.id) : await cancelRegistration(session.id, viewer.member.id);
    if (result === "notFound") notFound();
    if (result === "closed") return data<Reply>({ message: "forumSessions.registrationClosed", ok: false }, { status: 409 });
    // Back to the page's own address: a plain form post to an index route would leave "?index" in it.
    return redirect(`/forum-sessions/${session.id}`, 303);
  }
  const { session, viewer } = await loadForumSessionForCoordinator(request, context, params.id);
  if (intent === "status") {
    const form = parseForm(formData, statusForm);
    if (!form.ok) return data<Reply>({ message: "error.badRequest.body", ok: false }, { status: 400 });
    const result = await changeForumSessionStatus(viewer.member.id, session.id, form.value.status);
    if (!result.ok) {
      if (result.reason === "notFound") notFound();
      const message = result.reason === "notStarted" ? "forumSessions.notStartedYet" : "forumSessions.statusRefused";
      return data<Reply>({ message, ok: false }, { status: 409 });
    }
    return data<Reply>({ message: "forumSessions.statusChanged", ok: true });
  }
  if (intent === "restore") {
    const result = await restoreForumSession(viewer.member.id, session.id);
    if (!result.ok) {
      if (result.reason === "notFound") notFound();
      return data<Reply>({ message: "forumSessions.restoreRefused", ok: false }, { status: 409 });
    }
    return data<Reply>({ message: "forumSessions.restored", ok: true });
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
      <p className="ds-paragraph font-semibold" role="status">
        {registered ? t("forumSessions.youAreRegistered") : null}
      </p>
      <button type="submit" name="intent" value={registered ? "unregister" : "register"} className="ds-button" data-variant={registered ? "secondary" : "primary"}>
        {registered ? t("forumSessions.unregister") : t("forumSessions.register")}
      </button>
    </Form>
  );
}

function CoordinatorPanel() {
  const { session, nextStatuses, copyStartsAt, summaryDraft, canWriteSummary, canCancel, canRestore } = useLoaderData<typeof loader>();
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
        {canWriteSummary ? (
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
                <button key={status} type="submit" name="status" value={status} className="ds-button" data-variant="secondary">
                  {t(STATUS_ACTION[status]!)}
                </button>
              ))}
            </div>
          </fieldset>
        </Form>
      ) : null}
      {canCancel ? (
        <p className="mt-6">
          <Link className="ds-link" data-color="danger" to={`/forum-sessions/${session.id}/cancel`}>
            {t("forumSessions.cancel")}
          </Link>
        </p>
      ) : null}
      {canRestore ? (
        <Form method="post" className="mt-6 space-y-2">
          <p className="ds-paragraph" data-size="sm">{t("forumSessions.restoreHelp")}</p>
          <button type="submit" name="intent" value="restore" className="ds-button" data-variant="secondary">
            {t("forumSessions.restore")}
          </button>
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

/** A coordinator's shortlist beside an open agenda: each topic added with one press, back to this page. */
function ShortlistedTopics() {
  const { session, shortlisted } = useLoaderData<typeof loader>();
  const t = useT();
  if (!shortlisted) return null;
  return (
    <section className="mt-10" aria-labelledby="shortlisted-topics">
      <h2 id="shortlisted-topics" className="ds-heading" data-size="md">
        {t("forumSessions.shortlisted.heading")}
      </h2>
      {shortlisted.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("forumSessions.shortlisted.none")}</p>
      ) : (
        <>
          <p className="ds-paragraph mt-2" data-size="sm">
            {t("forumSessions.shortlisted.help")}
          </p>
          <ul className="mt-4 space-y-3">
            {shortlisted.map((topic) => (
              <li key={topic.id} className="flex flex-wrap items-center justify-between gap-2">
                <span className="min-w-0 break-words">
                  <TopicLink topic={topic} />
                </span>
                <Form method="post" action={`/topics/${topic.id}/triage`}>
                  <input type="hidden" name="intent" value="schedule" />
                  <input type="hidden" name="forumSessionId" value={session.id} />
                  <input type="hidden" name="version" value={topic.version} />
                  <input type="hidden" name="redirectTo" value={`/forum-sessions/${session.id}#agenda`} />
                  <button
                    type="submit"
                    className="ds-button"
                    data-variant="secondary"
                    data-size="sm"
                    aria-label={t("forumSessions.shortlisted.addLabel", { title: topic.title })}
                  >
                    {t("forumSessions.shortlisted.add")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          {shortlisted.length === SHORTLIST_SHOWN ? (
            <p className="mt-4">
              <Link className="ds-link" to="/topics?status=shortlisted">
                {t("forumSessions.shortlisted.all")}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** Write-ups that came from this forum session, and for its presenters a way to write up their own. */
function SessionExperiences() {
  const { session, experiences, presented } = useLoaderData<typeof loader>();
  const t = useT();
  if (session.status !== "held" && experiences.length === 0) return null;
  return (
    <section className="mt-10" aria-labelledby="experiences">
      <h2 id="experiences" className="ds-heading" data-size="md">
        {t("experienceLinks.fromSession.heading")}
      </h2>
      {presented.length > 0 ? (
        <div className="mt-2">
          <p className="ds-paragraph">{t("experienceLinks.presented.lead")}</p>
          <ul className="mt-2 space-y-1">
            {presented.map((item) => (
              <li key={item.id} className="break-words">
                <Link className="ds-link" to={`/experiences/new?forumSession=${session.id}&agendaItem=${item.id}`}>
                  {t("experienceLinks.presented.link", { title: item.title })}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {experiences.length > 0 ? (
        <ExperienceLinkList experiences={experiences} />
      ) : (
        <p className="ds-paragraph mt-2">{t("experienceLinks.fromSession.none")}</p>
      )}
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
        {session.status === "cancelled" ? (
          <div className="ds-alert" data-color="danger">
            <p className="ds-paragraph">{t("forumSessions.cancelledNotice")}</p>
            {session.cancelReason ? <p className="ds-paragraph">{t("forumSessions.cancelReasonShown", { reason: session.cancelReason })}</p> : null}
          </div>
        ) : null}
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
      {session.status === "planned" || session.status === "held" ? (
        <div className="mt-4">
          <AddToCalendar forumSessionId={session.id} signedIn={viewerState === "member"} />
        </div>
      ) : null}
      {session.descriptionHtml ? <RenderedMarkdown className="mt-6" html={session.descriptionHtml} /> : null}

      <div className="mt-8">
        <Registration />
      </div>

      {session.status === "held" ? (
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
              {summary.topics.length > 0 ? (
                <>
                  <h3 className="ds-heading mt-6" data-size="xs">
                    {t("forumSessions.coveredTopics")}
                  </h3>
                  <ul className="mt-2 list-disc space-y-1 pl-6">
                    {summary.topics.map((topic) => (
                      <li key={topic.id} className="break-words">
                        <Link className="ds-link" to={`/topics/${topic.id}`}>
                          <Norwegian>{topic.title}</Norwegian>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          ) : (
            <p className="ds-paragraph mt-2">{t("forumSessions.summaryNotYet")}</p>
          )}
        </section>
      ) : null}

      <SessionExperiences />

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

      <ShortlistedTopics />

      <section className="mt-10" aria-labelledby="registrations">
        <h2 id="registrations" className="ds-heading" data-size="md">
          {t("forumSessions.registrations")}
        </h2>
        {counts.total > 0 ? (
          <>
            <p className="ds-paragraph mt-2">
              {t("forumSessions.registrationsTotal", {
                count: formatNumber(counts.total, language),
                municipalities: formatNumber(counts.municipalities, language),
              })}
            </p>
            {counts.counties.length > 0 ? (
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
            ) : null}
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
