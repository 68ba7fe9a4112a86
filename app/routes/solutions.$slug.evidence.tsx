import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { notFound } from "~/lib/http.server";
import { publicUrl } from "~/lib/settings.server";
import { capitalise } from "~/lib/text";
import { getViewer, summarise } from "~/members/permissions.server";
import { AdoptionPictureView, formatDay } from "~/solutions/adoption-picture-view";
import { acceptedSolutionBySlug, loadEvidence } from "~/solutions/evidence.server";
import { StatusBadge } from "~/solutions/status-badge";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("solutions.evidence.title", { name: data.solution.name }) : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [solution, signedIn] = await Promise.all([acceptedSolutionBySlug(params.slug), getViewer(request, context)]);
  if (!solution) notFound();
  const evidence = await loadEvidence(solution, summarise(signedIn));
  return {
    solution: {
      slug: solution.slug,
      name: solution.name,
      summary: solution.summary,
      status: solution.status,
      components: solution.components,
      archiveSystems: solution.archiveSystems,
    },
    ...evidence,
    // On paper the page must say where it came from: the address from PUBLIC_URL, never the request's Host.
    url: `${publicUrl()}/solutions/${solution.slug}/evidence`,
    printedAt: new Date().toISOString(),
  };
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="mt-2 font-semibold sm:mt-0">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

function Facts() {
  const { solution, owner, suppliers } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="facts" className="mt-8">
      <h2 id="facts" className="ds-heading" data-size="sm">
        {t("solutions.evidence.facts")}
      </h2>
      <dl className="mt-3 grid max-w-3xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr] sm:gap-y-2">
        {owner ? (
          <Fact term={t("solutions.evidence.owner")}>
            <Link className="ds-link" to={owner.type === "municipality" ? `/municipalities/${owner.number}` : `/organisations/${owner.slug}`}>
              <Norwegian>{owner.name}</Norwegian>
            </Link>
          </Fact>
        ) : null}
        <Fact term={t("solutions.evidence.status")}>
          <StatusBadge status={solution.status} />
        </Fact>
        {suppliers.length > 0 ? (
          <Fact term={t("solutions.evidence.suppliers")}>
            <Norwegian>{suppliers.map((s) => s.name).join(", ")}</Norwegian>
          </Fact>
        ) : null}
        {solution.components.length > 0 ? (
          <Fact term={t("solutions.evidence.components")}>
            <Norwegian>{solution.components.join(", ")}</Norwegian>
          </Fact>
        ) : null}
        {solution.archiveSystems.length > 0 ? (
          <Fact term={t("solutions.evidence.archiveSystems")}>
            <Norwegian>{solution.archiveSystems.join(", ")}</Norwegian>
          </Fact>
        ) : null}
      </dl>
    </section>
  );
}

function History() {
  const { history } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <section aria-labelledby="history" className="mt-10">
      <h2 id="history" className="ds-heading" data-size="sm">
        {t("solutions.evidence.history")}
      </h2>
      {history.length === 0 ? (
        <p className="ds-paragraph mt-3">{t("solutions.evidence.historyNone")}</p>
      ) : (
        <ol className="mt-3 max-w-prose space-y-3">
          {history.map((entry) => (
            <li key={entry.id} className="break-inside-avoid border-l-4 border-[var(--ds-color-neutral-border-default)] pl-3">
              <span className="font-semibold">
                {t("solutions.evidence.historyEntry", { status: capitalise(t(`solutions.status.${entry.toStatus}`)), date: formatDay(entry.effectiveOn, language) })}
              </span>
              {entry.note ? (
                <span className="block whitespace-pre-line">
                  <Norwegian>{entry.note}</Norwegian>
                </span>
              ) : null}
              {entry.changedByName ? <span className="block text-sm">{t("solutions.evidence.changedBy", { name: entry.changedByName })}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Adopters() {
  const { adopters } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <section aria-labelledby="adopters" className="mt-10">
      <h2 id="adopters" className="ds-heading" data-size="sm">
        {t("solutions.evidence.adopters")}
      </h2>
      {adopters.length === 0 ? <p className="ds-paragraph mt-3">{t("solutions.evidence.adoptersNone")}</p> : null}
      {adopters.map((group) => {
        const state = t(`solutions.adoption.${group.state}`);
        return (
          <section key={group.state} aria-labelledby={`adopters-${group.state}`} className="mt-6">
            <h3 id={`adopters-${group.state}`} className="ds-heading" data-size="xs">
              {capitalise(state)} ({group.municipalities.length})
            </h3>
            {/* Wider than a phone only with a very long name or date: then it scrolls sideways in its own box. */}
            <div className="mt-2 overflow-x-auto" role="region" aria-labelledby={`adopters-${group.state}-caption`} tabIndex={0}>
              <table className="ds-table [overflow-wrap:normal]" data-size="sm" data-border>
                <caption id={`adopters-${group.state}-caption`} className="ds-sr-only">
                  {t("solutions.evidence.adoptersCaption", { state })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <abbr title={t("solutions.joint.numberLong")}>{t("solutions.evidence.numberShort")}</abbr>
                    </th>
                    <th scope="col">{t("solutions.evidence.municipalityAndCounty")}</th>
                    <th scope="col">{t("solutions.joint.since")}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.municipalities.map((m) => (
                    <tr key={m.number}>
                      <td className="tabular-nums">{m.number}</td>
                      <th scope="row" className="font-normal">
                        <Norwegian>{m.name}</Norwegian>
                        <span className="block text-sm">
                          <Norwegian>{m.countyName}</Norwegian>
                        </span>
                      </th>
                      <td>
                        {formatDay(m.since, language)}
                        {m.stale ? <span className="block text-sm">({t("solutions.evidence.stale")})</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </section>
  );
}

function WriteUps() {
  const { writeUps } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <section aria-labelledby="write-ups" className="mt-10">
      <h2 id="write-ups" className="ds-heading" data-size="sm">
        {t("solutions.evidence.writeUps")}
      </h2>
      {writeUps.length === 0 ? (
        <p className="ds-paragraph mt-3">{t("solutions.evidence.writeUpsNone")}</p>
      ) : (
        <ul className="mt-3 space-y-6">
          {writeUps.map((w) => {
            const published = w.publishedAt ? formatDate(new Date(w.publishedAt), language) : null;
            return (
              <li key={w.id} className="max-w-3xl break-inside-avoid">
                <h3 className="ds-heading" data-size="xs">
                  <Link className="ds-link" to={`/experiences/${w.id}`}>
                    <Norwegian>{w.title}</Norwegian>
                  </Link>
                </h3>
                <p className="ds-paragraph mt-1">
                  <Norwegian>{w.summary}</Norwegian>
                </p>
                {published ? (
                  <p className="ds-paragraph mt-1" data-size="sm">
                    {w.municipalityName
                      ? t("solutions.evidence.writeUpBy", { municipality: w.municipalityName, date: published })
                      : t("solutions.evidence.writeUpPublished", { date: published })}
                  </p>
                ) : null}
                {w.procurement ? (
                  <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
                    <Fact term={t("experiencePage.procurement.procedure")}>{capitalise(t(`experiences.procedure.${w.procurement.procedure}`))}</Fact>
                    {w.procurement.year ? <Fact term={t("experiencePage.procurement.year")}>{w.procurement.year}</Fact> : null}
                    {w.procurement.suppliers.length > 0 ? (
                      <Fact term={t("experiencePage.procurement.suppliers")}>
                        <Norwegian>{w.procurement.suppliers.join(", ")}</Norwegian>
                      </Fact>
                    ) : null}
                    {w.procurement.valueBand ? (
                      <Fact term={t("experiencePage.procurement.valueBand")}>{capitalise(t(`experiences.valueBand.${w.procurement.valueBand}`))}</Fact>
                    ) : null}
                  </dl>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function ForumSessions() {
  const { forumSessions } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <section aria-labelledby="forum-sessions" className="mt-10">
      <h2 id="forum-sessions" className="ds-heading" data-size="sm">
        {t("solutions.evidence.forumSessions")}
      </h2>
      {forumSessions.length === 0 ? (
        <p className="ds-paragraph mt-3">{t("solutions.evidence.forumSessionsNone")}</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {forumSessions.map((session) => (
            <li key={session.id}>
              <Link className="ds-link" to={`/forum-sessions/${session.id}`}>
                <Norwegian>{session.title}</Norwegian>
              </Link>
              {", "}
              {formatDate(new Date(session.startsAt), language)}
              {session.upcoming ? ` (${t("solutions.evidence.upcoming")})` : null}
              {session.agendaItemTitle ? (
                <span className="block text-sm">
                  {t("solutions.evidence.agendaItem")}: <Norwegian>{session.agendaItemTitle}</Norwegian>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One printable page per solution for a scaling-fund application. */
export default function EvidencePage() {
  const { solution, picture, url, printedAt } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <article className="evidence-page">
      <PageHeading back={{ to: `/solutions/${solution.slug}`, label: t("solutions.evidence.back") }}>
        {t("solutions.evidence.heading")}: <Norwegian>{solution.name}</Norwegian>
      </PageHeading>
      <p className="ds-paragraph mt-3 max-w-prose">
        <Norwegian>{solution.summary}</Norwegian>
      </p>
      <p className="ds-paragraph print-hidden mt-3 max-w-prose" data-size="sm">
        {t("solutions.evidence.lead")}
      </p>
      <p className="ds-paragraph mt-3 break-words" data-size="sm">
        {t("solutions.evidence.printed", { date: formatDate(new Date(printedAt), language) })} {t("solutions.evidence.address", { url })}
      </p>
      <Facts />
      <History />
      <AdoptionPictureView picture={picture} tableOpen />
      <Adopters />
      <WriteUps />
      <ForumSessions />
    </article>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
