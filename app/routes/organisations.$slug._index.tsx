import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatNumber } from "~/lib/dates";
import { pageNumber } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { capitalise } from "~/lib/text";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import {
  countPeopleOf,
  getOrganisationBySlug,
  listPeopleOf,
  memberMunicipalitiesOf,
  solutionsOfOrganisation,
} from "~/organisations/organisations.server";
import { pageTitle } from "~/ui/meta";
import { Norwegian, useContentLang } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";
import { Pagination } from "~/ui/pagination";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? () => data.organisation.name : "error.notFound.title");

const PEOPLE_PER_PAGE = 50;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [organisation, signedIn] = await Promise.all([getOrganisationBySlug(params.slug ?? ""), getViewer(request, context)]);
  if (!organisation) notFound();
  const viewer = summarise(signedIn);
  // Who works where is for members; others learn only how many there are.
  const showNames = can(viewer, "readMembersOnly");
  const page = pageNumber(request, 10_000);
  const [municipalities, peopleCount, people, solutions] = await Promise.all([
    organisation.kind === "regional_cooperation" ? memberMunicipalitiesOf(organisation.id) : [],
    countPeopleOf(organisation.id),
    showNames ? listPeopleOf(organisation.id, { limit: PEOPLE_PER_PAGE, offset: (page - 1) * PEOPLE_PER_PAGE }) : null,
    solutionsOfOrganisation(organisation.id),
  ]);
  return {
    organisation: {
      slug: organisation.slug,
      name: organisation.name,
      kind: organisation.kind,
      description: organisation.description,
      website: organisation.website,
    },
    municipalities: municipalities.map((m) => ({ number: m.number, name: m.name })),
    peopleCount,
    people,
    page,
    pages: Math.max(1, Math.ceil(peopleCount / PEOPLE_PER_PAGE)),
    solutions,
    canEdit: can(viewer, "coordinate"),
  };
}

type Data = Awaited<ReturnType<typeof loader>>;
type SolutionList = Data["solutions"]["owned"];

function Solutions({ id, heading, list, none }: { id: string; heading: string; list: SolutionList; none: string }) {
  const t = useT();
  const language = useLanguage();
  return (
    <section className="mt-10" aria-labelledby={id}>
      <h2 id={id} className="ds-heading" data-size="sm">
        {heading}
      </h2>
      {list.total === 0 ? (
        <p className="ds-paragraph mt-2">{none}</p>
      ) : (
        <>
          <ul className="mt-4 space-y-3">
            {list.shown.map((solution) => (
              <li key={solution.id} className="min-w-0">
                <Link className="ds-link break-words" to={`/solutions/${solution.slug}`}>
                  <Norwegian>{solution.name}</Norwegian>
                </Link>
                <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1" data-size="sm">
                  <span className="ds-tag" data-color="info" data-size="sm">
                    {capitalise(t(`solutions.status.${solution.status}`))}
                  </span>
                  <span className="ds-paragraph" data-size="sm">
                    {t("organisations.page.inUse", { count: solution.inUseCount })}
                  </span>
                </p>
              </li>
            ))}
          </ul>
          {list.total > list.shown.length ? (
            <p className="ds-paragraph mt-3" data-size="sm">
              {t("organisations.page.moreSolutions", { shown: formatNumber(list.shown.length, language), total: formatNumber(list.total, language) })}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function People() {
  const { organisation, people, peopleCount, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="mt-10" aria-labelledby="people">
      <h2 id="people" className="ds-heading" data-size="sm">
        {t("organisations.page.people")}
      </h2>
      {peopleCount === 0 ? (
        <p className="ds-paragraph mt-2">{t("organisations.page.peopleEmpty")}</p>
      ) : people === null ? (
        <p className="ds-paragraph mt-2">{t("organisations.page.peopleHidden", { count: peopleCount })}</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {people.map((m) => (
            <li key={m.id} className="break-words">
              <Link className="ds-link" to={`/members/${m.id}`}>
                {m.name}
              </Link>
              , {m.jobTitle}
            </li>
          ))}
        </ul>
      )}
      {people !== null ? (
        <Pagination
          page={page}
          pageCount={pages}
          href={(n) => (n === 1 ? `/organisations/${organisation.slug}` : `/organisations/${organisation.slug}?page=${n}`)}
          label={t("organisations.page.peoplePages")}
        />
      ) : null}
    </section>
  );
}

export default function OrganisationPage() {
  const { organisation, municipalities, solutions, canEdit } = useLoaderData<typeof loader>();
  const t = useT();
  const contentLang = useContentLang();
  const cooperation = organisation.kind === "regional_cooperation";
  return (
    <>
      <PageHeading back={{ to: "/organisations", label: t("organisations.back") }}>
        <span className="break-words">
          <Norwegian>{organisation.name}</Norwegian>
        </span>
      </PageHeading>
      {canEdit ? (
        <p className="mt-4">
          <Link className="ds-button" data-variant="secondary" to={`/organisations/${organisation.slug}/edit`}>
            {t("organisations.page.edit")}
          </Link>
        </p>
      ) : null}
      <dl className="mt-6 grid max-w-2xl grid-cols-[auto_minmax(0,1fr)] gap-x-6 gap-y-2">
        <dt className="font-semibold">{t("organisations.page.kind")}</dt>
        <dd>{capitalise(t(`organisations.kind.${organisation.kind}`))}</dd>
        {organisation.website ? (
          <>
            <dt className="font-semibold">{t("organisations.page.website")}</dt>
            <dd className="break-all">
              <a className="ds-link" href={organisation.website} rel="noopener noreferrer">
                {organisation.website}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {organisation.description ? (
        <p className="ds-paragraph mt-6 max-w-prose whitespace-pre-wrap break-words" lang={contentLang}>
          {organisation.description}
        </p>
      ) : null}
      {cooperation ? (
        <section className="mt-10" aria-labelledby="municipalities">
          <h2 id="municipalities" className="ds-heading" data-size="sm">
            {t("organisations.page.municipalities", { count: municipalities.length })}
          </h2>
          {municipalities.length === 0 ? (
            <p className="ds-paragraph mt-2">{t("organisations.page.municipalitiesEmpty")}</p>
          ) : (
            <ul className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-3" lang={contentLang}>
              {municipalities.map((m) => (
                <li key={m.number} className="break-words">
                  <Link className="ds-link" to={`/municipalities/${m.number}`}>
                    {m.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <Solutions
        id="owned"
        heading={t("organisations.page.owned")}
        list={solutions.owned}
        none={t("organisations.page.ownedNone")}
      />
      <Solutions
        id="supplied"
        heading={t("organisations.page.supplied")}
        list={solutions.supplied}
        none={t("organisations.page.suppliedNone")}
      />
      <People />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
