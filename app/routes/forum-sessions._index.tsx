import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SessionTime, StatusTag } from "~/forum-sessions/forum-session-parts";
import { listPast, listUpcoming } from "~/forum-sessions/forum-sessions.server";
import { translator, useT } from "~/i18n/i18n";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { feedLinks, languageOfMatches, pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { pageNumber } from "~/lib/forms";

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, "forumSessions.title"),
  ...feedLinks([{ title: translator(languageOfMatches(matches))("feeds.summaries.linkTitle"), path: "/feeds/summaries" }]),
];

const PAGE_SIZE = 20;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  const isCoordinator = can(summarise(viewer), "coordinate");
  const page = pageNumber(request);
  const [upcoming, past] = await Promise.all([
    listUpcoming({ includeDrafts: isCoordinator }),
    listPast({ includeDrafts: isCoordinator, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
  ]);
  return { upcoming, past: past.slice(0, PAGE_SIZE), hasOlder: past.length > PAGE_SIZE, page, isCoordinator };
}

type Row = Awaited<ReturnType<typeof loader>>["upcoming"][number];

function SessionList({ sessions }: { sessions: Row[] }) {
  const t = useT();
  return (
    <ul className="mt-4 space-y-3">
      {sessions.map((s) => (
        <li key={s.id} className="ds-card" data-variant="tinted">
          <h3 className="ds-heading" data-size="xs">
            <Link className="ds-link" to={`/forum-sessions/${s.id}`}>
              <Norwegian>{s.title}</Norwegian>
            </Link>
          </h3>
          <p className="ds-paragraph" data-size="sm">
            <SessionTime startsAt={s.startsAt} endsAt={s.endsAt} />
          </p>
          <p className="mt-1 flex flex-wrap items-center gap-2" data-size="sm">
            <StatusTag status={s.status} />
            <span>{t("forumSessions.registered", { count: s.registrationCount })}</span>
            {s.hasSummary ? <span className="ds-tag" data-color="success" data-size="sm">{t("forumSessions.hasSummary")}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function ForumSessionsPage() {
  const { upcoming, past, hasOlder, page, isCoordinator } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="ds-heading" data-size="lg">
            {t("forumSessions.title")}
          </h1>
          <p className="ds-paragraph mt-2 max-w-prose">{t("forumSessions.lead")}</p>
        </div>
        {isCoordinator ? (
          <Link className="ds-button" data-variant="primary" to="/forum-sessions/new">
            {t("forumSessions.new")}
          </Link>
        ) : null}
      </div>

      {page === 1 ? (
        <section className="mt-10" aria-labelledby="upcoming">
          <h2 id="upcoming" className="ds-heading" data-size="md">
            {t("forumSessions.upcoming")}
          </h2>
          {upcoming.length > 0 ? <SessionList sessions={upcoming} /> : <p className="ds-paragraph mt-2">{t("forumSessions.upcomingEmpty")}</p>}
        </section>
      ) : null}

      <section className="mt-10" aria-labelledby="past">
        <h2 id="past" className="ds-heading" data-size="md">
          {t("forumSessions.past")}
        </h2>
        {past.length > 0 ? <SessionList sessions={past} /> : <p className="ds-paragraph mt-2">{t("forumSessions.pastEmpty")}</p>}
        {page > 1 || hasOlder ? (
        <nav className="mt-6 flex gap-6" aria-label={t("forumSessions.past")}>
          {page > 1 ? (
            <Link className="ds-link" to={page === 2 ? "/forum-sessions" : `/forum-sessions?page=${page - 1}`}>
              {t("forumSessions.newerPage")}
            </Link>
          ) : null}
          {hasOlder ? (
            <Link className="ds-link" to={`/forum-sessions?page=${page + 1}`}>
              {t("forumSessions.olderPage")}
            </Link>
          ) : null}
        </nav>
        ) : null}
      </section>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
