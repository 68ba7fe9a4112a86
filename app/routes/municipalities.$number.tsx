import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ExperienceLinkList } from "~/experiences/experience-links";
import { experiencesOfMunicipality, isFollowing } from "~/experiences/experiences.server";
import { FollowForm } from "~/experiences/follow-form";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { pageNumber } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { countApprovedMembersOf, listApprovedMembersOf } from "~/members/members.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { solutionsOfMunicipality } from "~/solutions/catalogue.server";
import { StatusBadge } from "~/solutions/status-badge";
import { PageHeading } from "~/ui/page-heading";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? () => data.municipality.name : "error.notFound.title");

// Oslo has hundreds of members: a page of them keeps the page small.
const MEMBERS_PER_PAGE = 50;
/** The newest write-ups on the page; the list of write-ups, filtered to the municipality, has them all. */
const EXPERIENCES_SHOWN = 10;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [municipality, viewer] = await Promise.all([baseData(request, context).then((base) => base.municipality.get(params.number ?? "")), getViewer(request, context)]);
  if (!municipality) notFound();
  // Who works where is for members; others learn only how many there are.
  const viewerSummary = summarise(viewer);
  const showNames = can(viewerSummary, "readMembersOnly");
  const page = pageNumber(request, 10_000);
  const [total, members, experiences, following, solutions] = await Promise.all([
    countApprovedMembersOf(municipality.number),
    showNames
      ? listApprovedMembersOf(municipality.number, { limit: MEMBERS_PER_PAGE, offset: (page - 1) * MEMBERS_PER_PAGE })
      : null,
    // Members-only write-ups for members only.
    experiencesOfMunicipality(municipality.number, viewerSummary, EXPERIENCES_SHOWN),
    isFollowing(showNames ? viewer?.member.id : null, { municipalityNumber: municipality.number }),
    solutionsOfMunicipality(municipality.number),
  ]);
  return {
    municipality,
    experiences: {
      shown: experiences.experiences.map(({ id, title, visibility, publishedAt, municipalityName }) => ({ id, title, visibility, publishedAt, municipalityName })),
      more: experiences.more,
    },
    following,
    solutions,
    viewerState: (!viewer ? "anonymous" : showNames ? "member" : "pending") as "anonymous" | "member" | "pending",
    memberCount: total,
    members,
    page,
    pages: Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE)),
  };
}

/** The municipality's write-ups (lead or co-authoring) the viewer may see, and following it. */
function MunicipalityExperiences() {
  const { municipality, experiences, following, viewerState } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="mt-10" aria-labelledby="experiences">
      <h2 id="experiences" className="ds-heading" data-size="sm">
        {t("experienceLinks.municipality.heading")}
      </h2>
      <div className="mt-2">
        <FollowForm subject={{ municipality: municipality.number, name: municipality.name }} following={following} viewerState={viewerState} />
      </div>
      {experiences.shown.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("experienceLinks.municipality.none", { name: municipality.name })}</p>
      ) : (
        <>
          <ExperienceLinkList experiences={experiences.shown} />
          {experiences.more ? (
            <p className="mt-4">
              <Link className="ds-link" to={`/experiences?municipality=${municipality.number}`}>
                {t("experienceLinks.municipality.all", { name: municipality.name })}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** The catalogue's solutions the municipality uses, pilots, plans or wants, by state, and those it owns. */
function MunicipalitySolutions() {
  const { municipality, solutions } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const item = (solution: { slug: string; name: string; status: Parameters<typeof StatusBadge>[0]["status"]; since?: string }) => (
    <li key={solution.slug} className="flex flex-wrap items-center gap-x-3 gap-y-1 break-words">
      <Link className="ds-link" to={`/solutions/${solution.slug}`}>
        <Norwegian>{solution.name}</Norwegian>
      </Link>
      <StatusBadge status={solution.status} />
      {solution.since ? (
        <span data-size="sm">{t("solutionList.municipality.since", { date: formatDate(new Date(`${solution.since}T12:00:00Z`), language) })}</span>
      ) : null}
    </li>
  );
  return (
    <section className="mt-10" aria-labelledby="solutions">
      <h2 id="solutions" className="ds-heading" data-size="sm">
        {t("solutionList.municipality.heading")}
      </h2>
      {solutions.groups.length === 0 && solutions.owned.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("solutionList.municipality.none", { name: municipality.name })}</p>
      ) : null}
      {solutions.groups.map((group) => (
        <div key={group.state}>
          <h3 className="ds-heading mt-4" data-size="xs">
            {t(`solutionList.municipality.state.${group.state}`)}
          </h3>
          <ul className="mt-2 space-y-1">{group.solutions.map(item)}</ul>
          {group.more > 0 ? <p className="ds-paragraph mt-1">{t("solutionList.municipality.more", { count: group.more })}</p> : null}
        </div>
      ))}
      {solutions.owned.length > 0 ? (
        <>
          <h3 className="ds-heading mt-4" data-size="xs">
            {t("solutionList.municipality.owned")}
          </h3>
          <ul className="mt-2 space-y-1">{solutions.owned.map(item)}</ul>
        </>
      ) : null}
      <p className="mt-4">
        <Link className="ds-link" to="/solutions">
          {t("solutionList.municipality.catalogue")}
        </Link>
      </p>
    </section>
  );
}

export default function MunicipalityPage() {
  const { municipality, members, memberCount, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeading back={{ to: "/municipalities", label: t("municipalities.back") }}>
        <Norwegian>{municipality.name}</Norwegian>
      </PageHeading>
      <dl className="mt-6 grid max-w-md grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">{t("municipalities.number")}</dt>
        <dd>{municipality.number}</dd>
        <dt className="font-semibold">{t("municipalities.countyLabel")}</dt>
        <dd>
          <Norwegian>{municipality.countyName}</Norwegian>
        </dd>
        {municipality.region ? (
          <>
            <dt className="font-semibold">{t("municipalities.region")}</dt>
            <dd>
              <Norwegian>{municipality.region}</Norwegian>
            </dd>
          </>
        ) : null}
      </dl>
      <MunicipalityExperiences />
      <MunicipalitySolutions />
      <h2 className="ds-heading mt-10" data-size="sm">
        {t("municipalities.members")}
      </h2>
      {members === null ? (
        <p className="ds-paragraph mt-2">
          {memberCount > 0 ? t("municipalities.membersHidden", { count: memberCount }) : t("municipalities.membersEmpty")}
        </p>
      ) : members.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("municipalities.membersEmpty")}</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {members.map((m) => (
            <li key={m.id}>
              <Link className="ds-link" to={`/members/${m.id}`}>
                {m.name}
              </Link>
              , {m.jobTitle}
            </li>
          ))}
        </ul>
      )}
      {members !== null && pages > 1 ? (
        <nav className="mt-4 flex flex-wrap gap-6" aria-label={t("municipalities.memberPages")}>
          <span>{t("municipalities.memberPage", { page, pages })}</span>
          {page > 1 ? (
            <Link className="ds-link" to={page === 2 ? "?" : `?page=${page - 1}`}>
              {t("municipalities.previousMembers")}
            </Link>
          ) : null}
          {page < pages ? (
            <Link className="ds-link" to={`?page=${page + 1}`}>
              {t("municipalities.nextMembers")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
