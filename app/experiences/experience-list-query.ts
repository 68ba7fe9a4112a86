import { PROCUREMENT_PROCEDURES, type ProcurementProcedure } from "../../db/schema/experience-values";
import type { ExperienceFilters, ExperienceSort } from "./experiences.server";
import type { MessageKey } from "~/i18n/i18n";

/** The sorts the list offers, default first; a Record, so a sort added to the core must be named here too. */
export const SORT_LABELS: Record<ExperienceSort, MessageKey> = {
  newest: "experienceList.sort.newest",
  updated: "experienceList.sort.updated",
  discussed: "experienceList.sort.discussed",
};
const SORTS = Object.keys(SORT_LABELS) as ExperienceSort[];
export const DEFAULT_SORT: ExperienceSort = "newest";

/** What a filter value may be: the themes table's slugs and the register's counties and municipalities. */
export interface KnownValues {
  themeSlugs: ReadonlySet<string>;
  countyNumbers: ReadonlySet<string>;
  /** Municipality number → its county's number. */
  countyOf: ReadonlyMap<string, string>;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return (values as readonly string[]).includes(value ?? "") ? (value as T) : undefined;
}

/**
 * The list's query string as filters. A value nobody knows is ignored (read as "all"), never an error,
 * so an old or hand-edited link still shows a list. A municipality outside the chosen county is dropped:
 * the county was changed after the municipality was picked.
 */
export function readExperienceListQuery(params: URLSearchParams, known: KnownValues): ExperienceFilters {
  const get = (name: string) => params.get(name)?.trim() ?? null;
  const theme = get("theme");
  const county = get("county");
  const municipality = get("municipality");
  const countyNumber = county && known.countyNumbers.has(county) ? county : undefined;
  const municipalityCounty = municipality ? known.countyOf.get(municipality) : undefined;
  const filters: ExperienceFilters = { sort: oneOf(SORTS, get("sort")) ?? DEFAULT_SORT };
  if (theme && known.themeSlugs.has(theme)) filters.themeSlug = theme;
  if (countyNumber) filters.countyNumber = countyNumber;
  if (municipalityCounty && (!countyNumber || countyNumber === municipalityCounty)) filters.municipalityNumber = municipality!;
  const procedure: ProcurementProcedure | undefined = oneOf(PROCUREMENT_PROCEDURES, get("procedure"));
  if (procedure) filters.procedure = procedure;
  return filters;
}

/** Whether any filter narrows the list (the sort does not). */
export function isFiltered(filters: ExperienceFilters): boolean {
  return Boolean(filters.themeSlug || filters.countyNumber || filters.municipalityNumber || filters.procedure);
}

/**
 * The list's address for filters and a page: the same filters always give the same URL (defaults left
 * out), so a link can be shared and every page link keeps the query.
 */
export function experienceListHref(filters: ExperienceFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.sort !== DEFAULT_SORT) params.set("sort", filters.sort);
  if (filters.themeSlug) params.set("theme", filters.themeSlug);
  if (filters.countyNumber) params.set("county", filters.countyNumber);
  if (filters.municipalityNumber) params.set("municipality", filters.municipalityNumber);
  if (filters.procedure) params.set("procedure", filters.procedure);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/experiences?${query}` : "/experiences";
}
