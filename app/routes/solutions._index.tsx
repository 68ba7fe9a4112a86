import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SOLUTION_STATUSES } from "../../db/schema/solution-values";
import { useLanguage, useT, type Language } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { pageNumber } from "~/lib/forms";
import { capitalise } from "~/lib/text";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { catalogueHref, isFiltered, readCatalogueQuery, SORT_LABELS } from "~/solutions/catalogue-list-query";
import { catalogueFilterOptions, listCatalogue } from "~/solutions/catalogue.server";
import { StatusBadge } from "~/solutions/status-badge";
import { FilterSelect } from "~/ui/filter-select";
import { ListHeading } from "~/ui/list-heading";
import { pageTitle } from "~/ui/meta";
import { Norwegian, useContentLang } from "~/ui/norwegian";
import { Pagination } from "~/ui/pagination";
import { baseData } from "~/base-data.server";

/** Far beyond any real catalogue (20 a page): a larger number reads as this one, an empty page. */
const LAST_PAGE = 100_000;

type Theme = { slug: string; nameNb: string; nameEn: string };
const themeName = (theme: Theme, language: Language) => (language === "nb" ? theme.nameNb : theme.nameEn);

export const meta: MetaFunction<typeof loader> = ({ matches }) => [
  ...pageTitle(matches, "nav.solutions"),
  { tagName: "link", rel: "alternate", type: "application/json", href: "/solutions.json" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [signedIn, options] = await Promise.all([getViewer(request, context), catalogueFilterOptions(baseData(request, context))]);
  const viewer = summarise(signedIn);
  const filters = readCatalogueQuery(new URL(request.url).searchParams, {
    themeSlugs: new Set(options.themes.map((theme) => theme.slug)),
    countyNumbers: new Set(options.counties.map((county) => county.number)),
    supplierSlugs: new Set(options.suppliers.map((supplier) => supplier.slug)),
    components: new Set(options.components),
  });
  const page = pageNumber(request, LAST_PAGE);
  const list = await listCatalogue(filters, page);
  return {
    filters,
    page,
    total: list.total,
    pageCount: list.pageCount,
    solutions: list.solutions.map((solution) => ({
      slug: solution.slug,
      name: solution.name,
      summary: solution.summary,
      status: solution.status,
      inUseCount: solution.inUseCount,
      openSource: solution.openSource,
      acceptedAt: solution.reviewedAt,
      owner: solution.ownerMunicipalityNumber
        ? { to: `/municipalities/${solution.ownerMunicipalityNumber}`, name: solution.ownerMunicipalityName ?? solution.ownerMunicipalityNumber }
        : { to: `/organisations/${solution.ownerOrganisationSlug}`, name: solution.ownerOrganisationName ?? "" },
      themes: solution.themes.map((theme) => theme.slug),
    })),
    options: {
      themes: options.themes,
      counties: options.counties.map((county): [string, string] => [county.number, county.name]),
      suppliers: options.suppliers.map((supplier): [string, string] => [supplier.slug, supplier.name]),
      components: options.components.map((component): [string, string] => [component, component]),
    },
    standing: can(viewer, "write") ? "approved" : viewer ? "pending" : "anonymous",
    coordinates: can(viewer, "coordinate"),
  } as const;
}

type Data = Awaited<ReturnType<typeof loader>>;

function Filters() {
  const { filters, options } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const contentLang = useContentLang();
  return (
    // A plain GET form: the whole query lands in the address, to bookmark or share, with or without JavaScript.
    // Keyed by that address, so the fields show the filters again after a link changes them in the browser.
    <Form key={catalogueHref(filters)} method="get" action="/solutions" className="ds-card mt-8" data-variant="tinted" aria-label={t("solutionList.filters")}>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <FilterSelect name="sort" label={t("solutionList.sort")} value={filters.sort} options={Object.entries(SORT_LABELS).map(([sort, key]) => [sort, t(key)])} />
        <FilterSelect
          name="status"
          label={t("solutionList.status")}
          value={filters.status}
          all={t("solutionList.status.all")}
          options={SOLUTION_STATUSES.map((status) => [status, capitalise(t(`solutions.status.${status}`))])}
        />
        <FilterSelect
          name="theme"
          label={t("solutionList.theme")}
          value={filters.themeSlug}
          all={t("solutionList.theme.all")}
          options={options.themes.map((theme) => [theme.slug, themeName(theme, language)])}
        />
        <FilterSelect
          name="component"
          label={t("solutionList.component")}
          value={filters.component}
          all={t("solutionList.component.all")}
          options={options.components}
          lang={contentLang}
        />
        <FilterSelect
          name="supplier"
          label={t("solutionList.supplier")}
          value={filters.supplierSlug}
          all={t("solutionList.supplier.all")}
          options={options.suppliers}
          lang={contentLang}
        />
        <FilterSelect
          name="county"
          label={t("solutionList.county")}
          value={filters.countyNumber}
          all={t("solutionList.county.all")}
          description={t("solutionList.county.description")}
          options={options.counties}
          lang={contentLang}
        />
        <FilterSelect
          name="open"
          label={t("solutionList.openSource")}
          value={filters.openSource ? "yes" : undefined}
          all={t("solutionList.openSource.all")}
          options={[["yes", t("solutionList.openSource.yes")]]}
        />
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className="ds-button" data-variant="primary">
          {t("solutionList.apply")}
        </button>
        {isFiltered(filters) ? (
          <Link className="ds-link" to={catalogueHref({ sort: filters.sort })}>
            {t("solutionList.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function SolutionRow({ solution }: { solution: Data["solutions"][number] }) {
  const { options, filters } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const themeNames = solution.themes
    .map((slug) => options.themes.find((theme) => theme.slug === slug))
    .filter((theme) => theme !== undefined)
    .map((theme) => themeName(theme, language));
  return (
    <li className="ds-card min-w-0" data-variant="tinted">
      <h2 className="ds-heading break-words" data-size="xs">
        <Link className="ds-link" to={`/solutions/${solution.slug}`}>
          <Norwegian>{solution.name}</Norwegian>
        </Link>
      </h2>
      <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1" data-size="sm">
        <StatusBadge status={solution.status} />
        {solution.openSource ? (
          <span className="ds-tag" data-color="info" data-size="sm">
            {t("solutionList.openSourceTag")}
          </span>
        ) : null}
      </p>
      <p className="ds-paragraph mt-2 break-words">
        <Norwegian>{solution.summary}</Norwegian>
      </p>
      <p className="ds-paragraph mt-2 break-words" data-size="sm">
        {t("solutionList.inUse", { count: solution.inUseCount })}
        {" · "}
        {t("solutionList.owner")}{" "}
        <Link className="ds-link" to={solution.owner.to}>
          <Norwegian>{solution.owner.name}</Norwegian>
        </Link>
        {filters.sort === "newest" && solution.acceptedAt
          ? ` · ${t("solutionList.acceptedOn", { date: formatDate(new Date(solution.acceptedAt), language) })}`
          : null}
      </p>
      {themeNames.length > 0 ? (
        <p className="ds-paragraph mt-1 break-words" data-size="sm">
          {t("solutionList.themes", { themes: themeNames.join(", ") })}
        </p>
      ) : null}
    </li>
  );
}

/** The catalogue's other pages and its open data. */
function MoreLinks() {
  const { coordinates } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <nav className="mt-6" aria-label={t("solutionList.more")}>
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        <li>
          <Link className="ds-link" to="/solutions/joint-procurement">
            {t("solutionList.jointProcurement")}
          </Link>
        </li>
        <li>
          <Link className="ds-link" to="/organisations">
            {t("solutionList.organisations")}
          </Link>
        </li>
        {coordinates ? (
          <li>
            <Link className="ds-link" to="/solutions/proposals">
              {t("solutionList.proposals")}
            </Link>
          </li>
        ) : null}
        <li>
          {/* A file, not a page: a plain link the browser loads in full. */}
          <a className="ds-link" href="/solutions.json" type="application/json">
            {t("solutionList.openData")}
          </a>
        </li>
      </ul>
    </nav>
  );
}

export default function SolutionsPage() {
  const { solutions, total, page, pageCount, filters, standing } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <ListHeading
        title={t("nav.solutions")}
        lead={t("solutionList.lead")}
        action={{ to: "/solutions/new", label: t("solutionList.propose") }}
        standing={standing}
        signIn={t("solutionList.signIn")}
        pending={t("solutionList.pending")}
      />
      <MoreLinks />

      <Filters />

      <p className="ds-paragraph mt-8 font-semibold" role="status">
        {total === 0 && !isFiltered(filters) ? t("solutionList.none") : t("solutionList.count", { count: total })}
        {page > 1 && page <= pageCount ? ` · ${t("solutionList.pageOf", { page, pages: pageCount })}` : null}
      </p>
      {solutions.length > 0 ? (
        <ul className="mt-4 space-y-3">
          {solutions.map((solution) => (
            <SolutionRow key={solution.slug} solution={solution} />
          ))}
        </ul>
      ) : total > 0 ? (
        <p className="ds-paragraph mt-4">
          {t("solutionList.beyondLast")}{" "}
          <Link className="ds-link" to={catalogueHref(filters)}>
            {t("solutionList.firstPage")}
          </Link>
        </p>
      ) : isFiltered(filters) ? (
        <p className="ds-paragraph mt-4">{t("solutionList.noMatch")}</p>
      ) : null}
      <Pagination page={page} pageCount={pageCount} href={(n) => catalogueHref(filters, n)} label={t("solutionList.pages")} />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
