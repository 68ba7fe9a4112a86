import { PROCUREMENT_PROCEDURES, type ProcurementProcedure } from "../../db/schema/experience-values";
import type { ExperienceFilters, ExperienceSort } from "./experiences.server";
import type { MessageKey } from "~/i18n/i18n";
import { oneOf, readThemeAndPlace, type KnownPlaces } from "~/lib/list-query";

/** The sorts the list offers, default first; a Record, so a sort added to the core must be named here too. */
export const SORT_LABELS: Record<ExperienceSort, MessageKey> = {
  newest: "experienceList.sort.newest",
  updated: "experienceList.sort.updated",
  discussed: "experienceList.sort.discussed",
};
const SORTS = Object.keys(SORT_LABELS) as ExperienceSort[];
export const DEFAULT_SORT: ExperienceSort = "newest";

/** What a filter value may be: the themes table's slugs and the register's counties and municipalities. */
export type KnownValues = KnownPlaces;

/** The list's query string as filters; unknown values are ignored (see readThemeAndPlace). */
export function readExperienceListQuery(params: URLSearchParams, known: KnownValues): ExperienceFilters {
  const filters: ExperienceFilters = { sort: oneOf(SORTS, params.get("sort")?.trim() ?? null) ?? DEFAULT_SORT, ...readThemeAndPlace(params, known) };
  const procedure: ProcurementProcedure | undefined = oneOf(PROCUREMENT_PROCEDURES, params.get("procedure")?.trim() ?? null);
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
