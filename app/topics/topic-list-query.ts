import { TOPIC_STATUSES, type TopicStatus } from "../../db/schema/topic-values";
import type { TopicFilters, TopicSort } from "./topics.server";
import type { MessageKey } from "~/i18n/i18n";
import { oneOf, readThemeAndPlace, type KnownPlaces } from "~/lib/list-query";

/** The sorts the list offers, default first; a Record, so a sort added to the core must be named here too. */
export const SORT_LABELS: Record<TopicSort, MessageKey> = {
  supported: "topicList.sort.supported",
  newest: "topicList.sort.newest",
  active: "topicList.sort.active",
};
const SORTS = Object.keys(SORT_LABELS) as TopicSort[];
export const DEFAULT_SORT: TopicSort = "supported";

export const MINE = ["proposed", "supported"] as const;

/** What a filter value may be: the register's themes, counties and municipalities, and who is asking. */
export interface KnownValues extends KnownPlaces {
  /** "My topics" and "topics I support" are for a signed-in approved member; ignored for others. */
  mayFilterOwn: boolean;
}

/** The list's query string as filters; unknown values are ignored (see readThemeAndPlace). */
export function readTopicListQuery(params: URLSearchParams, known: KnownValues): TopicFilters {
  const get = (name: string) => params.get(name)?.trim() ?? null;
  const filters: TopicFilters = { sort: oneOf(SORTS, get("sort")) ?? DEFAULT_SORT };
  const status: TopicStatus | undefined = oneOf(TOPIC_STATUSES, get("status"));
  if (status) filters.status = status;
  Object.assign(filters, readThemeAndPlace(params, known));
  const mine = known.mayFilterOwn ? oneOf(MINE, get("mine")) : undefined;
  if (mine) filters.mine = mine;
  return filters;
}

/** Whether any filter narrows the list (the sort does not). */
export function isFiltered(filters: TopicFilters): boolean {
  return Boolean(filters.status || filters.themeSlug || filters.countyNumber || filters.municipalityNumber || filters.mine);
}

/**
 * The list's address for filters and a page: the same filters always give the same URL (defaults left
 * out), so a link can be shared and every page link keeps the query.
 */
export function topicListHref(filters: TopicFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.sort !== DEFAULT_SORT) params.set("sort", filters.sort);
  if (filters.status) params.set("status", filters.status);
  if (filters.themeSlug) params.set("theme", filters.themeSlug);
  if (filters.countyNumber) params.set("county", filters.countyNumber);
  if (filters.municipalityNumber) params.set("municipality", filters.municipalityNumber);
  if (filters.mine) params.set("mine", filters.mine);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/topics?${query}` : "/topics";
}
