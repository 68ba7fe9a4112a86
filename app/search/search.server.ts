import { sql, type SQL } from "drizzle-orm";
import { SEARCH_KINDS, type SearchKind } from "../../db/schema/search-values";
import type { SearchFilters, SearchQuery } from "./search-query";
import { selectRows } from "~/db.server";

export const PAGE_SIZE = 20;
/** Without a type chosen, the best of each type: a group each, with a link to all of that type. */
export const GROUP_SHOWN = 5;
/**
 * Per kind, at most this many matches are ranked. A word in most of 50,000 write-ups tells the ranking
 * nothing, and ranking them all costs a second; past this many the count reads "300+" and the page asks
 * for another word or a filter. Below it, every match is ranked.
 */
export const RANKED_PER_KIND = 300;
/** When the words find fewer than this, titles that look like what was typed are offered too (pg_trgm). */
const FEW = 5;
const SIMILAR_SHOWN = 10;

// ts_headline wraps matches in STX … ETX (search_plain strips them from the text): the page turns them
// into <mark> without ever treating the stored text as markup.
const MARK_OPTIONS = "StartSel=\u0002, StopSel=\u0003";
const SNIPPET_OPTIONS = `${MARK_OPTIONS}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
// ts_rank's weights for D, C, B, A: a title above a summary. The body is not in `heading`: a match only
// there ranks after every title and summary match, newest first.
const WEIGHTS = "{0.1,0.2,0.4,1.0}";

export interface SearchHit {
  kind: SearchKind;
  path: string;
  /** The title with matched words between \u0002 and \u0003. */
  title: string;
  /** Where the words occur in the text, marked the same way; null when only the title matched. */
  snippet: string | null;
  /** The source's own status: a topic's, a forum session's, a solution's scaling status, an organisation's kind. */
  status: string | null;
  occurredAt: string | null;
  /** A municipality, an owner or a county that places the hit. */
  context: string | null;
}

export interface SearchGroup {
  kind: SearchKind;
  hits: SearchHit[];
}

export interface SearchResults {
  counts: Record<SearchKind, number>;
  /** Kinds with more matches than were ranked (their count is a lower bound). */
  capped: SearchKind[];
  /** The chosen type's page of hits as one group; without a type, each type's best, best group first. */
  groups: SearchGroup[];
  /** Every hit shown, in the order shown. */
  hits: SearchHit[];
  total: number;
  pageCount: number;
  /** Titles that look like what was typed, when the words themselves find little. */
  similar: SearchHit[];
}

interface Row {
  kind: SearchKind;
  path: string;
  title: string;
  snippet: string | null;
  status: string | null;
  occurred_at: Date | string | null;
  context: string | null;
  kind_count: number;
  on_page: boolean;
}

/** The search: the words in the `norwegian` configuration, ranked, counted per kind, one page of hits. */
export async function search(query: SearchQuery, options: { approved: boolean; page: number }): Promise<SearchResults> {
  const counts = Object.fromEntries(SEARCH_KINDS.map((kind) => [kind, 0])) as Record<SearchKind, number>;
  const empty: SearchResults = { counts, capped: [], groups: [], hits: [], total: 0, pageCount: 0, similar: [] };
  if (query.words.length === 0 || query.error) return empty;
  // Letters and digits only (readSearchQuery): nothing here can be tsquery syntax.
  const tsquery = query.words.join(" & ");
  const filters = filterConditions(query.filters, options.approved);
  const first = (options.page - 1) * PAGE_SIZE + 1;
  const chosen = query.filters.kind ? sql`c.kind = ${query.filters.kind}` : sql`true`;
  const shown = query.filters.kind
    ? sql`(n.chosen and n.position between ${first} and ${first + PAGE_SIZE - 1})`
    : sql`n.kind_position <= ${options.page === 1 ? GROUP_SHOWN : 0}`;
  const perKind = SEARCH_KINDS.map(
    (kind) => sql`(
      select d.kind, d.source_id, d.path, d.title, d.status, d.occurred_at, ts_rank(${WEIGHTS}::real[], d.heading, q.query) as rank
      from search_documents d, q
      where d.kind = ${sql.raw(`'${kind}'`)} and d.document @@ q.query and ${filters}
      limit ${RANKED_PER_KIND + 1})`,
  );
  const rows = await selectRows<Row>(sql`
    with q as materialized (select to_tsquery('norwegian', ${tsquery}) as query),
    candidates as (${sql.join(perKind, sql` union all `)}),
    numbered as (
      select c.*, ${chosen} as chosen,
        count(*) over (partition by c.kind)::int as kind_count,
        row_number() over (partition by c.kind order by c.rank desc, c.occurred_at desc nulls last, c.source_id) as kind_position,
        row_number() over (order by ${chosen} desc, c.rank desc, c.occurred_at desc nulls last, c.kind, c.source_id) as position
      from candidates c
    ),
    paged as (select n.*, ${shown} as on_page from numbered n)
    select p.kind, p.path, p.status, p.occurred_at, p.kind_count, p.on_page,
      case when p.on_page then (select ts_headline('norwegian', p.title, q.query, ${`HighlightAll=true, ${MARK_OPTIONS}`}) from q) else p.title end as title,
      case when p.on_page then
        (select nullif(ts_headline('norwegian', concat_ws(' … ', s.summary, s.body), q.query, ${SNIPPET_OPTIONS}), '')
         from search_source(p.kind, p.source_id) s, q) end as snippet,
      case when p.on_page then ${context(sql`p`)} end as context
    from paged p
    where p.on_page or p.kind_position = 1
    order by p.position
  `);
  for (const row of rows) counts[row.kind] = row.kind_count;
  const capped = SEARCH_KINDS.filter((kind) => counts[kind] > RANKED_PER_KIND);
  for (const kind of capped) counts[kind] = RANKED_PER_KIND;
  const total = query.filters.kind ? counts[query.filters.kind] : SEARCH_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
  // Rows come best first (`position`), so a group's place is its best hit's.
  const groups: SearchGroup[] = [];
  for (const row of rows.filter((r) => r.on_page)) {
    let group = groups.find((g) => g.kind === row.kind);
    if (!group) groups.push((group = { kind: row.kind, hits: [] }));
    group.hits.push(toHit(row));
  }
  const hits = groups.flatMap((group) => group.hits);
  const found = SEARCH_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
  const similar = found < FEW && options.page === 1 ? await similarTitles(query, filters, hits) : [];
  const pageCount = query.filters.kind ? Math.ceil(total / PAGE_SIZE) : Math.min(1, total);
  return { counts, capped, groups, hits, total, pageCount, similar };
}

/** Titles and names within typing distance of the words (pg_trgm's word similarity): typos and prefixes. */
async function similarTitles(query: SearchQuery, filters: SQL, found: SearchHit[]): Promise<SearchHit[]> {
  const text = query.words.join(" ");
  const rows = await selectRows<Row>(sql`
    select d.kind, d.path, d.title, d.status, d.occurred_at, null as snippet, ${context(sql`d`)} as context
    from search_documents d
    where ${text} <% d.title and ${filters}
      ${query.filters.kind ? sql`and d.kind = ${query.filters.kind}` : sql``}
    order by word_similarity(${text}, d.title) desc, d.occurred_at desc nulls last, d.kind, d.source_id
    limit ${SIMILAR_SHOWN + found.length}
  `);
  const shown = new Set(found.map((hit) => hit.path));
  return rows
    .filter((row) => !shown.has(row.path))
    .slice(0, SIMILAR_SHOWN)
    .map(toHit);
}

function filterConditions(filters: SearchFilters, approved: boolean): SQL {
  const conditions: SQL[] = [approved ? sql`true` : sql`not d.members_only`];
  if (filters.themeSlug) conditions.push(sql`d.theme_ids @> array[(select t.id from themes t where t.slug = ${filters.themeSlug})]`);
  if (filters.municipalityNumber) conditions.push(sql`d.municipality_numbers @> array[${filters.municipalityNumber}::text]`);
  if (filters.countyNumber) {
    conditions.push(sql`d.municipality_numbers && array(select m.number::text from municipalities m where m.county_number = ${filters.countyNumber})`);
  }
  if (filters.from) conditions.push(sql`d.occurred_at >= (${filters.from}::date)::timestamp at time zone 'Europe/Oslo'`);
  if (filters.to) conditions.push(sql`d.occurred_at < (${filters.to}::date + 1)::timestamp at time zone 'Europe/Oslo'`);
  return sql.join(conditions, sql` and `);
}

/** A municipality, owner or county to place a hit by, read for the shown hits only. */
function context(d: SQL): SQL {
  return sql`case ${d}.kind
    when 'topic' then (select m.name from topics t join municipalities m on m.number = t.municipality_number where t.id = ${d}.source_id::integer)
    when 'experience' then (select string_agg(m.name, ', ' order by x.lead desc, m.name) from experience_municipalities x
      join municipalities m on m.number = x.municipality_number where x.experience_id = ${d}.source_id::integer)
    when 'solution' then (select coalesce(m.name, o.name) from solutions s left join municipalities m on m.number = s.owner_municipality_number
      left join organisations o on o.id = s.owner_organisation_id where s.id = ${d}.source_id::integer)
    when 'municipality' then (select m.county_name from municipalities m where m.number = ${d}.source_id)
  end`;
}

function toHit(row: Row): SearchHit {
  const occurredAt = row.occurred_at === null ? null : new Date(row.occurred_at).toISOString();
  return { kind: row.kind, path: row.path, title: row.title, snippet: row.snippet, status: row.status, occurredAt, context: row.context };
}
