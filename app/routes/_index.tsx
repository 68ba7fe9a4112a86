import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getAgenda } from "~/forum-sessions/agenda.server";
import { AgendaList } from "~/forum-sessions/agenda-view";
import { SessionTime } from "~/forum-sessions/forum-session-parts";
import { nextPlannedForumSession } from "~/forum-sessions/forum-sessions.server";
import { isRegistered } from "~/forum-sessions/registrations.server";
import { latestPublishedSummaries } from "~/forum-sessions/summaries.server";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate, formatNumber } from "~/lib/dates";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { countMunicipalities } from "~/municipalities/municipalities.server";
import { mostSupportedOpenTopics } from "~/topics/topics.server";
import { Norwegian } from "~/ui/norwegian";
import { TopicLink } from "~/topics/topic-link";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [municipalityCount, next, summaries, topics, viewer] = await Promise.all([
    countMunicipalities(),
    nextPlannedForumSession(),
    latestPublishedSummaries(5),
    mostSupportedOpenTopics(5),
    getViewer(request, context),
  ]);
  const [agenda, registered] = next
    ? await Promise.all([getAgenda(next.id), viewer ? isRegistered(next.id, viewer.member.id) : false])
    : [[], false];
  return {
    municipalityCount,
    next: next
      ? { id: next.id, title: next.title, startsAt: next.startsAt, endsAt: next.endsAt, registered }
      : null,
    agenda: agenda,
    summaries,
    topics,
    canRegister: can(summarise(viewer), "write"),
    signedIn: Boolean(viewer),
  };
}

const AREAS: { to: string; title: MessageKey; text: MessageKey }[] = [
  { to: "/forum-sessions", title: "nav.forumSessions", text: "home.area.forumSessions" },
  { to: "/topics", title: "nav.topics", text: "home.area.topics" },
  { to: "/experiences", title: "nav.experiences", text: "home.area.experiences" },
  { to: "/solutions", title: "nav.solutions", text: "home.area.solutions" },
  { to: "/municipalities", title: "nav.municipalities", text: "home.area.municipalities" },
];

function NextSession() {
  const { next, agenda, canRegister } = useLoaderData<typeof loader>();
  const t = useT();
  if (!next) return <p className="ds-paragraph mt-2">{t("home.noNextSession")}</p>;
  return (
    <div className="ds-card mt-4" data-variant="tinted">
      <h3 className="ds-heading" data-size="sm">
        <Link className="ds-link" to={`/forum-sessions/${next.id}`}>
          <Norwegian>{next.title}</Norwegian>
        </Link>
      </h3>
      <p className="ds-paragraph mt-1">
        <SessionTime startsAt={next.startsAt} endsAt={next.endsAt} />
      </p>
      {agenda.length > 0 ? (
        <div className="mt-4">
          <AgendaList items={agenda} startsAt={next.startsAt} endsAt={next.endsAt} itemHeading="h4" />
        </div>
      ) : null}
      <div className="mt-4">
        {next.registered ? (
          <p className="ds-paragraph font-semibold">{t("forumSessions.youAreRegistered")}</p>
        ) : canRegister ? (
          <Form method="post" action={`/forum-sessions/${next.id}`}>
            <button type="submit" name="intent" value="register" className="ds-button" data-variant="primary">
              {t("forumSessions.register")}
            </button>
          </Form>
        ) : (
          <Link className="ds-button" data-variant="primary" to={`/forum-sessions/${next.id}`}>
            {t("forumSessions.register")}
          </Link>
        )}
      </div>
    </div>
  );
}

/** The topics members want most, and the way to add one: the start of the chain topic → agenda → summary. */
function OpenTopics() {
  const { topics, canRegister: canPropose, signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="mt-12" aria-labelledby="open-topics">
      <h2 id="open-topics" className="ds-heading" data-size="md">
        {t("home.topics.heading")}
      </h2>
      {topics.length > 0 ? (
        <ol className="mt-4 space-y-2">
          {topics.map((topic) => (
            <li key={topic.id} className="break-words">
              <TopicLink topic={topic} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="ds-paragraph mt-2">{t("home.topics.none")}</p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-x-6 gap-y-3">
        {canPropose ? (
          <Link className="ds-button" data-variant="primary" to="/topics/new">
            {t("home.topics.propose")}
          </Link>
        ) : signedIn ? (
          <p className="ds-paragraph">{t("home.topics.pending")}</p>
        ) : (
          <Link className="ds-button" data-variant="primary" to={`/sign-in?redirectTo=${encodeURIComponent("/topics/new")}`}>
            {t("home.topics.signInToPropose")}
          </Link>
        )}
        <Link className="ds-link" to="/topics">
          {t("home.topics.all")}
        </Link>
      </div>
    </section>
  );
}

export default function HomePage() {
  const { municipalityCount, summaries } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <h1 className="ds-heading" data-size="xl">
        {t("home.title")}
      </h1>
      <p className="ds-paragraph mt-4 max-w-prose" data-variant="long">
        {t("home.lead")}
      </p>

      <div className="mt-10 grid gap-10 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="next-session">
          <h2 id="next-session" className="ds-heading" data-size="md">
            {t("home.nextSession")}
          </h2>
          <NextSession />
        </section>
        <section aria-labelledby="latest-summaries">
          <h2 id="latest-summaries" className="ds-heading" data-size="md">
            {t("home.latestSummaries")}
          </h2>
          {summaries.length > 0 ? (
            <ul className="mt-4 space-y-3">
              {summaries.map((s) => (
                <li key={s.forumSessionId}>
                  <Link className="ds-link" to={`/forum-sessions/${s.forumSessionId}#summary`}>
                    <Norwegian>{s.title}</Norwegian>
                  </Link>
                  <span className="block text-sm">{formatDate(new Date(s.startsAt), language)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="ds-paragraph mt-2">{t("home.noSummaries")}</p>
          )}
          <p className="mt-4">
            <Link className="ds-link" to="/forum-sessions">
              {t("home.allSessions")}
            </Link>
          </p>
        </section>
      </div>

      <OpenTopics />

      <h2 className="ds-heading mt-12" data-size="md">
        {t("home.areas")}
      </h2>
      <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {AREAS.map((area) => (
          <li key={area.to} className="ds-card" data-variant="tinted">
            <h3 className="ds-heading" data-size="xs">
              <Link className="ds-link" to={area.to}>
                {t(area.title)}
              </Link>
            </h3>
            <p className="ds-paragraph" data-size="sm">
              {t(area.text, { count: formatNumber(municipalityCount, language) })}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
