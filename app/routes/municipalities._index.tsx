import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatNumber } from "~/lib/dates";
import { filterCounties } from "~/municipalities/municipalities.server";
import { pageTitle } from "~/ui/meta";
import { useContentLang } from "~/ui/norwegian";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "municipalities.title");

const MAX_QUERY = 100;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = (new URL(request.url).searchParams.get("q") ?? "").slice(0, MAX_QUERY);
  const base = await baseData(request, context);
  const total = base.municipality.size;
  const counties = filterCounties(base.counties, query);
  const matched = counties.reduce((n, c) => n + c.municipalities.length, 0);
  return {
    query,
    matched,
    total,
    // [number, name] pairs: 357 of them, so the page's own data stays small.
    counties: counties.map((c) => ({
      number: c.number,
      name: c.name,
      municipalities: c.municipalities.map((m): [string, string] => [m.number, m.name]),
    })),
  };
}

export default function MunicipalitiesPage() {
  const { query, counties, matched, total } = useLoaderData<typeof loader>();
  const t = useT();
  const contentLang = useContentLang();
  const language = useLanguage();
  return (
    <>
      <h1 className="ds-heading" data-size="lg">
        {t("municipalities.title")}
      </h1>
      <p className="ds-paragraph mt-2">{t("municipalities.lead", { count: formatNumber(total, language) })}</p>

      <Form method="get" role="search" className="mt-6 flex flex-wrap items-end gap-3">
        <div className="ds-field grow sm:max-w-md">
          <label className="ds-label" htmlFor="municipality-filter">
            {t("municipalities.filter.label")}
          </label>
          <input
            id="municipality-filter"
            className="ds-input"
            type="search"
            name="q"
            defaultValue={query}
            maxLength={MAX_QUERY}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="ds-button" data-variant="primary">
          {t("municipalities.filter.submit")}
        </button>
        {query ? (
          <Link className="ds-link mb-3" to="/municipalities">
            {t("municipalities.filter.clear")}
          </Link>
        ) : null}
      </Form>

      <p className="ds-paragraph mt-4" role="status">
        {query
          ? matched > 0
            ? t("municipalities.filter.result", { count: matched, total, query })
            : t("municipalities.filter.none", { query })
          : null}
      </p>

      {/* County and municipality names are Norwegian (or Sámi and Kven beside it) in either interface. */}
      <div className="mt-6 columns-1 gap-8 md:columns-2 lg:columns-3" lang={contentLang}>
        {counties.map((county) => (
          <section key={county.number} className="mb-8 break-inside-avoid" aria-labelledby={`county-${county.number}`}>
            <h2 id={`county-${county.number}`} className="ds-heading" data-size="xs">
              {t("municipalities.county", { county: county.name, count: county.municipalities.length })}
            </h2>
            {/* Plain anchors, styled by the list: 357 router links would add a fifth to the page's weight. */}
            <ul className="link-list mt-2 space-y-1">
              {county.municipalities.map(([number, name]) => (
                <li key={number}>
                  <a href={`/municipalities/${number}`}>{name}</a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
