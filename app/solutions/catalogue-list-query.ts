import { SOLUTION_STATUSES } from "../../db/schema/solution-values";
import type { CatalogueFilters, SolutionSort } from "./catalogue.server";
import type { MessageKey } from "~/i18n/i18n";
import { oneOf, readThemeAndPlace } from "~/lib/list-query";

/** The sorts the list offers, default first; a Record, so a sort added to the core must be named here too. */
export const SORT_LABELS: Record<SolutionSort, MessageKey> = {
  adoptions: "solutionList.sort.adoptions",
  newest: "solutionList.sort.newest",
  name: "solutionList.sort.name",
};
const SORTS = Object.keys(SORT_LABELS) as SolutionSort[];
export const DEFAULT_SORT: SolutionSort = "adoptions";

/** What a filter value may be: what catalogueFilterOptions() offers. */
export interface KnownCatalogueValues {
  themeSlugs: ReadonlySet<string>;
  countyNumbers: ReadonlySet<string>;
  supplierSlugs: ReadonlySet<string>;
  components: ReadonlySet<string>;
}

/** The list's query string as filters; a value nobody knows is ignored, so an old or hand-edited link still shows a list. */
export function readCatalogueQuery(params: URLSearchParams, known: KnownCatalogueValues): CatalogueFilters {
  const get = (name: string) => params.get(name)?.trim() ?? null;
  // The catalogue has no municipality filter: the county's is enough to find what is near.
  const { themeSlug, countyNumber } = readThemeAndPlace(params, { themeSlugs: known.themeSlugs, countyNumbers: known.countyNumbers, countyOf: new Map() });
  const filters: CatalogueFilters = { sort: oneOf(SORTS, get("sort")) ?? DEFAULT_SORT };
  const status = oneOf(SOLUTION_STATUSES, get("status"));
  if (status) filters.status = status;
  if (themeSlug) filters.themeSlug = themeSlug;
  const component = get("component");
  if (component && known.components.has(component)) filters.component = component;
  const supplier = get("supplier");
  if (supplier && known.supplierSlugs.has(supplier)) filters.supplierSlug = supplier;
  if (countyNumber) filters.countyNumber = countyNumber;
  if (get("open") === "yes") filters.openSource = true;
  return filters;
}

/** Whether any filter narrows the list (the sort does not). */
export function isFiltered(filters: CatalogueFilters): boolean {
  return Boolean(filters.status || filters.themeSlug || filters.component || filters.supplierSlug || filters.countyNumber || filters.openSource);
}

/**
 * The list's address for filters and a page: the same filters always give the same URL (defaults left
 * out), so a link can be shared and every page link keeps the query.
 */
export function catalogueHref(filters: CatalogueFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.sort !== DEFAULT_SORT) params.set("sort", filters.sort);
  if (filters.status) params.set("status", filters.status);
  if (filters.themeSlug) params.set("theme", filters.themeSlug);
  if (filters.component) params.set("component", filters.component);
  if (filters.supplierSlug) params.set("supplier", filters.supplierSlug);
  if (filters.countyNumber) params.set("county", filters.countyNumber);
  if (filters.openSource) params.set("open", "yes");
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/solutions?${query}` : "/solutions";
}
