import { SEARCH_KINDS, type SearchKind } from "../../db/schema/search-values";
import { parseIsoDate } from "~/lib/dates";
import { oneOf, readThemeAndPlace, type KnownPlaces } from "~/lib/list-query";

/** Longer than any title worth typing; a longer query is refused with a message, not cut silently. */
export const MAX_QUERY_LENGTH = 200;
/** Words past this many are ignored: each one narrows, and a dozen already finds one document. */
const MAX_WORDS = 12;
const MAX_WORD_LENGTH = 60;

export interface SearchFilters {
  kind?: SearchKind;
  themeSlug?: string;
  countyNumber?: string;
  municipalityNumber?: string;
  /** ISO days, Europe/Oslo, both included. */
  from?: string;
  to?: string;
}

export interface SearchQuery {
  /** What was typed, trimmed: shown back in the box. */
  text: string;
  /** The words searched for: letters and digits only, lower case. */
  words: string[];
  filters: SearchFilters;
  error?: "search.error.tooLong" | "search.error.noWords";
}

/**
 * The search page's query string. The text becomes plain words (letters and digits), so nothing typed
 * can be tsquery syntax, SQL or markup; a filter value nobody knows is ignored, as in every list.
 */
export function readSearchQuery(params: URLSearchParams, known: KnownPlaces): SearchQuery {
  // Control characters (a NUL among them) are spaces: they separate words and are never stored.
  // eslint-disable-next-line no-control-regex
  const raw = (params.get("q") ?? "").replace(/[\u0000-\u001f\u007f]+/g, " ");
  const text = raw.trim();
  const filters: SearchFilters = { ...readThemeAndPlace(params, known) };
  const kind = oneOf(SEARCH_KINDS, params.get("type"));
  if (kind) filters.kind = kind;
  const from = parseIsoDate(params.get("from") ?? "");
  const to = parseIsoDate(params.get("to") ?? "");
  if (from) filters.from = from;
  if (to) filters.to = to;
  if (text.length > MAX_QUERY_LENGTH) return { text: text.slice(0, MAX_QUERY_LENGTH), words: [], filters, error: "search.error.tooLong" };
  const words = [...new Set(text.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])]
    .slice(0, MAX_WORDS)
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
  if (text && words.length === 0) return { text, words, filters, error: "search.error.noWords" };
  return { text, words, filters };
}

/** Whether a filter narrows the search (the type does not: it picks a group). */
export function isNarrowed(filters: SearchFilters): boolean {
  return Boolean(filters.themeSlug || filters.countyNumber || filters.municipalityNumber || filters.from || filters.to);
}

/** The search's address: the same query always gives the same URL, so it can be shared. */
export function searchHref(text: string, filters: SearchFilters, page = 1): string {
  const params = new URLSearchParams();
  if (text) params.set("q", text);
  if (filters.kind) params.set("type", filters.kind);
  if (filters.themeSlug) params.set("theme", filters.themeSlug);
  if (filters.countyNumber) params.set("county", filters.countyNumber);
  if (filters.municipalityNumber) params.set("municipality", filters.municipalityNumber);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/search?${query}` : "/search";
}
