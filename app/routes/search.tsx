import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SEARCH_KINDS, type SearchKind } from "../../db/schema/search-values";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate, formatNumber } from "~/lib/dates";
import { pageNumber } from "~/lib/forms";
import { hitActivityLimit, retryAfterMinutes } from "~/lib/rate-limit.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { isNarrowed, readSearchQuery, searchHref, type SearchFilters } from "~/search/search-query";
import { Marked } from "~/search/marked-text";
import { RANKED_PER_KIND, search, type SearchGroup, type SearchHit } from "~/search/search.server";
import { FormAlert } from "~/ui/field";
import { FilterSelect } from "~/ui/filter-select";
import { Norwegian } from "~/ui/norwegian";
import { Pagination } from "~/ui/pagination";
import { pageTitle } from "~/ui/meta";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "search.title");

/** Past the ranked matches (RANKED_PER_KIND a kind) every page is empty; a larger number reads as this one. */
const LAST_PAGE = 100_000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [viewer, base] = await Promise.all([getViewer(request, context), baseData(request, context)]);
  const { counties, countyOf } = base;
  const query = readSearchQuery(new URL(request.url).searchParams, {
    themeSlugs: base.themeSlugs,
    countyNumbers: base.countyNumbers,
    countyOf,
  });
  const page = pageNumber(request, LAST_PAGE);
  // Members-only write-ups for approved members, as in every list; drafts are never in the index.
  const approved = can(summarise(viewer), "readMembersOnly");
  const wouldSearch = query.words.length > 0 && !query.error;
  const limit = wouldSearch ? await hitActivityLimit("search", summarise(viewer), context) : { allowed: true, retryAfter: 0 };
  // Over the limit: the page with the box and what was asked, and no search run.
  const results = await search(limit.allowed ? query : { ...query, words: [] }, { approved, page });
  const shownCounty = query.filters.countyNumber ?? (query.filters.municipalityNumber ? countyOf.get(query.filters.municipalityNumber) : undefined);
  return data(
    {
      text: query.text,
      searched: wouldSearch && limit.allowed,
      tooManyMinutes: limit.allowed ? null : retryAfterMinutes(limit.retryAfter),
      error: query.error ?? null,
      filters: query.filters,
      page,
      results,
      rankedPerKind: RANKED_PER_KIND,
      approved,
      themes: base.themeChoices,
      counties: base.countyChoices,
      municipalities: (counties.find((c) => c.number === shownCounty)?.municipalities ?? []).map((m): [string, string] => [m.number, m.name]),
    },
    // A query that cannot be searched is the asker's to fix: said beside the box, with a 400.
    limit.allowed ? { status: query.error ? 400 : 200 } : { status: 429, headers: { "Retry-After": String(limit.retryAfter) } },
  );
}

function SearchForm() {
  const { text, error, filters, themes, counties, municipalities } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const narrowed = isNarrowed(filters);
  return (
    // A plain GET form: the whole query lands in the address, to bookmark or share, with or without JavaScript.
    // Keyed by the query, so that a link that changes it (a type above the results) resets the fields too.
    <Form key={searchHref(text, filters)} method="get" action="/search" role="search" aria-label={t("search.form.label")} className="mt-6 space-y-4">
      <div className="ds-field max-w-2xl">
        <label className="ds-label" htmlFor="search-q">
          {t("search.query")}
        </label>
        <div className="flex flex-wrap gap-2">
          <input
            id="search-q"
            name="q"
            type="search"
            className="ds-input min-w-0 flex-1"
            defaultValue={text}
            maxLength={400}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "search-q-error" : undefined}
          />
          <button type="submit" className="ds-button" data-variant="primary">
            {t("search.submit")}
          </button>
        </div>
        {error ? (
          <p id="search-q-error" className="ds-validation-message" data-color="danger">
            {t(error)}
          </p>
        ) : null}
      </div>
      <details className="ds-card" data-variant="tinted" open={narrowed || Boolean(filters.kind)}>
        <summary className="cursor-pointer font-semibold">{t("search.filters")}</summary>
        <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <FilterSelect
            name="type"
            label={t("search.type")}
            value={filters.kind}
            all={t("search.allTypes")}
            options={SEARCH_KINDS.map((kind) => [kind, t(`search.kinds.${kind}`)])}
          />
          <FilterSelect
            name="theme"
            label={t("search.theme")}
            value={filters.themeSlug}
            all={t("search.allThemes")}
            options={themes.map((theme) => [theme.slug, language === "nb" ? theme.nameNb : theme.nameEn])}
          />
          <FilterSelect name="county" label={t("search.county")} value={filters.countyNumber} all={t("search.allCounties")} options={counties} lang="nb" />
          <FilterSelect
            name="municipality"
            label={t("search.municipality")}
            value={filters.municipalityNumber}
            all={t("search.allMunicipalities")}
            options={municipalities}
            description={municipalities.length === 0 ? t("search.municipalityHelp") : undefined}
            lang="nb"
          />
          <div className="ds-field min-w-0">
            <label className="ds-label" htmlFor="search-from">
              {t("search.from")}
            </label>
            <input id="search-from" name="from" type="date" className="ds-input" defaultValue={filters.from ?? ""} aria-describedby="search-dates" />
          </div>
          <div className="ds-field min-w-0">
            <label className="ds-label" htmlFor="search-to">
              {t("search.to")}
            </label>
            <input id="search-to" name="to" type="date" className="ds-input" defaultValue={filters.to ?? ""} aria-describedby="search-dates" />
          </div>
        </div>
        <p id="search-dates" className="ds-paragraph mt-2" data-size="sm">
          {t("search.datesHelp")}
        </p>
        <div className="mt-4 flex flex-wrap items-center gap-x-6 gap-y-3">
          <button type="submit" className="ds-button" data-variant="secondary">
            {t("search.submit")}
          </button>
          {narrowed || filters.kind ? (
            <Link className="ds-link" to={searchHref(text, {})}>
              {t("search.clear")}
            </Link>
          ) : null}
        </div>
      </details>
    </Form>
  );
}

/** A count of hits as shown: "300+" where more matched than were ranked. */
function useCountText() {
  const { results } = useLoaderData<typeof loader>();
  const language = useLanguage();
  return (kind?: SearchKind) => {
    const n = kind ? results.counts[kind] : SEARCH_KINDS.reduce((sum, k) => sum + results.counts[k], 0);
    const capped = kind ? results.capped.includes(kind) : results.capped.length > 0;
    return `${formatNumber(n, language)}${capped ? "+" : ""}`;
  };
}

/** "All (42) · Forum sessions (3) · …": each type's hits a link; the chosen one marked as current. */
function TypeNavigation() {
  const { text, filters, results } = useLoaderData<typeof loader>();
  const t = useT();
  const countText = useCountText();
  const all: SearchFilters = { ...filters, kind: undefined };
  const items: { kind?: SearchKind; label: string; count: string }[] = [
    { label: t("search.all"), count: countText() },
    ...SEARCH_KINDS.filter((kind) => results.counts[kind] > 0 || kind === filters.kind).map((kind) => ({
      kind,
      label: t(`search.kinds.${kind}`),
      count: countText(kind),
    })),
  ];
  return (
    <nav aria-label={t("search.typeNav")} className="mt-4">
      <ul className="flex flex-wrap gap-2">
        {items.map((item) => {
          const current = item.kind === filters.kind;
          return (
            <li key={item.kind ?? "all"}>
              <Link
                className="ds-button"
                data-variant={current ? "primary" : "secondary"}
                data-size="sm"
                to={searchHref(text, item.kind ? { ...filters, kind: item.kind } : all)}
                aria-current={current ? "page" : undefined}
              >
                {item.label} ({item.count})
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

const STATUS_KEYS: Partial<Record<SearchKind, (status: string) => MessageKey>> = {
  forum_session: (status) => `forumSessions.status.${status}` as MessageKey,
  topic: (status) => `topics.status.${status}` as MessageKey,
  solution: (status) => `solutions.status.${status}` as MessageKey,
  organisation: (status) => `organisations.kind.${status}` as MessageKey,
};

function Hit({ hit, level = 4 }: { hit: SearchHit; level?: 3 | 4 }) {
  const Heading = level === 3 ? "h3" : "h4";
  const t = useT();
  const language = useLanguage();
  const statusKey = hit.status ? STATUS_KEYS[hit.kind]?.(hit.status) : undefined;
  // The place is a Norwegian name; the date and the status are in the reader's language.
  const facts = [hit.occurredAt ? formatDate(new Date(hit.occurredAt), language) : null, statusKey ? t(statusKey) : null].filter(Boolean);
  return (
    <li className="min-w-0 break-words border-b border-[var(--ds-color-neutral-border-subtle)] pb-4">
      <span className="ds-tag" data-color="neutral" data-size="sm">
        {t(`search.kind.${hit.kind}`)}
      </span>
      <Heading className="ds-heading mt-1" data-size="xs">
        <Link className="ds-link" to={hit.path}>
          <Norwegian>
            <Marked text={hit.title} />
          </Norwegian>
        </Link>
      </Heading>
      {hit.context || facts.length > 0 ? (
        <p className="ds-paragraph" data-size="sm">
          {hit.context ? <Norwegian>{hit.context}</Norwegian> : null}
          {hit.context && facts.length > 0 ? " · " : null}
          {facts.join(" · ")}
        </p>
      ) : null}
      {hit.snippet ? (
        <p className="ds-paragraph mt-1" data-size="sm">
          <Norwegian>
            <Marked text={hit.snippet} />
          </Norwegian>
        </p>
      ) : null}
    </li>
  );
}

/** One type's hits under its name and count; without a type chosen, a link to all of them. */
function Group({ group }: { group: SearchGroup }) {
  const { text, filters, results } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const count = useCountText()(group.kind);
  const kinds = t(`search.kinds.${group.kind}`);
  const id = `search-group-${group.kind}`;
  return (
    <section aria-labelledby={id} className="mt-8">
      <h3 id={id} className="ds-heading" data-size="sm">
        {kinds} ({count})
      </h3>
      <ol className="mt-4 space-y-4">
        {group.hits.map((hit) => (
          <Hit key={hit.path} hit={hit} />
        ))}
      </ol>
      {!filters.kind && results.counts[group.kind] > group.hits.length ? (
        <p className="mt-4">
          <Link className="ds-link" to={searchHref(text, { ...filters, kind: group.kind })}>
            {t("search.seeAll", { count, kinds: kinds.toLocaleLowerCase(language === "nb" ? "nb-NO" : "en-GB") })}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function Results() {
  const { text, filters, page, results, rankedPerKind } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const capped = filters.kind ? results.capped.includes(filters.kind) : results.capped.length > 0;
  return (
    <section aria-labelledby="search-results" className="mt-8">
      <h2 id="search-results" className="ds-heading" data-size="md">
        {capped
          ? t("search.countCapped", { count: formatNumber(results.total, language), query: text })
          : t("search.count", { count: results.total, query: text })}
      </h2>
      <TypeNavigation />
      {capped ? (
        <p className="ds-paragraph mt-4" data-size="sm">
          {t("search.capped", { count: formatNumber(rankedPerKind, language) })}
        </p>
      ) : null}
      {results.groups.length > 0 ? (
        results.groups.map((group) => <Group key={group.kind} group={group} />)
      ) : (
        <div className="mt-6">
          <p className="ds-paragraph">{t("search.none", { query: text })}</p>
          <p className="ds-paragraph" data-size="sm">
            {t("search.noneHelp")}
          </p>
        </div>
      )}
      <Pagination page={page} pageCount={results.pageCount} href={(n) => searchHref(text, filters, n)} label={t("search.pagination")} />
    </section>
  );
}

export default function SearchPage() {
  const { searched, approved, results, tooManyMinutes } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1 className="ds-heading" data-size="lg">
        {t("search.title")}
      </h1>
      <p className="ds-paragraph mt-2 max-w-prose">{t("search.lead")}</p>
      <SearchForm />
      {tooManyMinutes !== null ? (
        <div className="mt-8">
          <FormAlert message={tooManyMinutes === 1 ? "limits.search.one" : "limits.search.other"} params={{ minutes: tooManyMinutes }} />
        </div>
      ) : searched ? (
        <Results />
      ) : (
        <p className="ds-paragraph mt-8">{t("search.empty")}</p>
      )}
      {results.similar.length > 0 ? (
        <section aria-labelledby="search-similar" className="mt-10">
          <h2 id="search-similar" className="ds-heading" data-size="sm">
            {t("search.similar.heading")}
          </h2>
          <p className="ds-paragraph mt-2" data-size="sm">
            {t("search.similar.lead")}
          </p>
          <ol className="mt-4 space-y-4">
            {results.similar.map((hit) => (
              <Hit key={hit.path} hit={hit} level={3} />
            ))}
          </ol>
        </section>
      ) : null}
      {searched && !approved ? (
        <p className="ds-paragraph mt-8" data-size="sm">
          {t("search.membersOnlyNote")}
        </p>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
