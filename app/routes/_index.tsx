import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { NewestExperiences, SpreadingFastest, YourForum } from "~/home/dashboard-sections";
import { newestExperiences } from "~/experiences/experiences.server";
import { solutionsSpreadingFastest, yourForum } from "~/home/dashboard.server";
import { SPREADING_MONTHS } from "~/home/spreading";
import { agendaForViewer, getAgenda } from "~/forum-sessions/agenda.server";
import { AgendaList } from "~/forum-sessions/agenda-view";
import { SessionTime } from "~/forum-sessions/forum-session-parts";
import { nextPlannedForumSession } from "~/forum-sessions/forum-sessions.server";
import { latestPublishedSummaries } from "~/forum-sessions/summaries.server";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate, formatNumber } from "~/lib/dates";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { mostSupportedOpenTopics } from "~/topics/topics.server";
import { Norwegian } from "~/ui/norwegian";
import { TopicLink } from "~/topics/topic-link";
import { baseData } from "~/base-data.server";

const SHOWN = 5;

async function nextWithAgenda() {
  const next = await nextPlannedForumSession();
  return next ? { next, agenda: await getAgenda(next.id) } : null;
}

/**
 * One parallel round (the agenda follows its session). A visitor's page depends on nothing but the
 * database; a signed-in viewer adds members-only write-ups and, when approved, "your forum".
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const [municipalityCount, upcoming, summaries, topics, spreading, personal] = await Promise.all([
    baseData(request, context).then((base) => base.municipality.size),
    nextWithAgenda(),
    latestPublishedSummaries(SHOWN),
    mostSupportedOpenTopics(SHOWN),
    solutionsSpreadingFastest(SHOWN),
    getViewer(request, context).then(async (viewer) => {
      const summary = summarise(viewer);
      const approved = can(summary, "write");
      const [experiences, forum] = await Promise.all([newestExperiences(summary, SHOWN), approved && summary ? yourForum(summary) : null]);
      return { summary, approved, experiences, forum };
    }),
  ]);
  const { summary, approved, experiences, forum } = personal;
  const next = upcoming?.next;
  return {
    municipalityCount,
    next: next
      ? {
          id: next.id,
          title: next.title,
          startsAt: next.startsAt,
          endsAt: next.endsAt,
          // Only an approved member may register; their upcoming registrations, soonest first, hold this one.
          registered: forum?.registrations.some((registration) => registration.id === next.id) ?? false,
        }
      : null,
    agenda: agendaForViewer(upcoming?.agenda ?? [], can(summary, "readMembersOnly")),
    summaries,
    topics,
    spreading,
    experiences,
    forum,
    canRegister: approved,
    signedIn: Boolean(summary),
    pending: summary?.status === "pending",
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
  const { municipalityCount, summaries, spreading, experiences, forum, pending } = useLoaderData<typeof loader>();
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
      {pending ? (
        <div className="ds-alert mt-6 max-w-prose" data-color="info">
          <p className="ds-paragraph">{t("dashboard.pending")}</p>
        </div>
      ) : null}

      {forum ? <YourForum forum={forum} /> : null}

      <div className="mt-10 grid gap-10 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="next-session" className="min-w-0">
          <h2 id="next-session" className="ds-heading" data-size="md">
            {t("home.nextSession")}
          </h2>
          <NextSession />
        </section>
        <section aria-labelledby="latest-summaries" className="min-w-0">
          <h2 id="latest-summaries" className="ds-heading" data-size="md">
            {t("home.latestSummaries")}
          </h2>
          {summaries.length > 0 ? (
            <ul className="mt-4 space-y-3">
              {summaries.map((s) => (
                <li key={s.forumSessionId} className="break-words">
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

      <div className="mt-12 grid gap-10 lg:grid-cols-2">
        <SpreadingFastest solutions={spreading} months={SPREADING_MONTHS} />
        <NewestExperiences experiences={experiences} />
      </div>

      <section className="mt-12" aria-labelledby="areas">
        <h2 id="areas" className="ds-heading" data-size="md">
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
      </section>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
