import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import {
  adoptions,
  municipalities,
  organisations,
  solutionSuppliers,
  solutions,
  solutionThemes,
  themes,
  type AdoptionState,
  type SolutionStatus,
} from "../../db/schema";
import { listedSolutions, themesOfSolutions } from "./solutions.server";
import { db } from "~/db.server";
import type { BaseData } from "~/base-data.server";

// ——— The catalogue list ———

export const SOLUTION_SORTS = ["adoptions", "newest", "name"] as const;
export type SolutionSort = (typeof SOLUTION_SORTS)[number];
export const SOLUTIONS_PER_PAGE = 20;

export interface CatalogueFilters {
  sort: SolutionSort;
  status?: SolutionStatus;
  themeSlug?: string;
  /** A national common component, as its tag is spelt. */
  component?: string;
  /** An organisation's slug. */
  supplierSlug?: string;
  countyNumber?: string;
  /** Only open-source entries; there is no "closed only". */
  openSource?: true;
}

// Ties broken by id, so a page never repeats or skips an entry; the first two follow the partial indexes.
const ORDER: Record<SolutionSort, SQL[]> = {
  adoptions: [desc(solutions.adoptionCount), desc(solutions.id)],
  newest: [desc(solutions.reviewedAt), desc(solutions.id)],
  name: [asc(sql`lower(${solutions.name})`), asc(solutions.id)],
};

function whereOf(filters: CatalogueFilters): SQL {
  const conditions: SQL[] = [listedSolutions];
  if (filters.status) conditions.push(eq(solutions.status, filters.status));
  if (filters.themeSlug) {
    conditions.push(
      sql`${solutions.id} in (select ${solutionThemes.solutionId} from ${solutionThemes} join ${themes} on ${themes.id} = ${solutionThemes.themeId}
        where ${themes.slug} = ${filters.themeSlug})`,
    );
  }
  // Written as `@> array[…]` so the GIN index on the tags answers it.
  if (filters.component) conditions.push(sql`${solutions.components} @> array[${filters.component}]::text[]`);
  if (filters.supplierSlug) {
    conditions.push(
      sql`${solutions.id} in (select ${solutionSuppliers.solutionId} from ${solutionSuppliers} join ${organisations} on ${organisations.id} = ${solutionSuppliers.organisationId}
        where ${organisations.slug} = ${filters.supplierSlug})`,
    );
  }
  if (filters.countyNumber) {
    // In the county: a municipality there uses, pilots, plans or wants it (not one that gave it up), or owns it.
    // An array, not a subquery: the planner then reads the adoptions by municipality (adoptions_municipality_idx)
    // instead of all 30,000 of them (18 ms → 1 ms at the reference size).
    const inCounty = sql`array(select ${municipalities.number} from ${municipalities} where ${municipalities.countyNumber} = ${filters.countyNumber})`;
    conditions.push(
      sql`(${solutions.id} in (select ${adoptions.solutionId} from ${adoptions} where ${adoptions.municipalityNumber} = any(${inCounty})
          and ${adoptions.state} <> 'discontinued')
        or ${solutions.ownerMunicipalityNumber} = any(${inCounty}))`,
    );
  }
  if (filters.openSource) conditions.push(eq(solutions.openSource, true));
  return and(...conditions)!;
}

/** One page of the catalogue's accepted entries, with owner and themes, and the total. */
export async function listCatalogue(filters: CatalogueFilters, page: number) {
  const where = whereOf(filters);
  const [rows, [total]] = await Promise.all([
    db()
      .select({
        id: solutions.id,
        slug: solutions.slug,
        name: solutions.name,
        summary: solutions.summary,
        status: solutions.status,
        inUseCount: solutions.inUseCount,
        openSource: solutions.openSource,
        reviewedAt: solutions.reviewedAt,
        ownerMunicipalityNumber: solutions.ownerMunicipalityNumber,
        ownerMunicipalityName: municipalities.name,
        ownerOrganisationSlug: organisations.slug,
        ownerOrganisationName: organisations.name,
      })
      .from(solutions)
      .leftJoin(municipalities, eq(municipalities.number, solutions.ownerMunicipalityNumber))
      .leftJoin(organisations, eq(organisations.id, solutions.ownerOrganisationId))
      .where(where)
      .orderBy(...ORDER[filters.sort])
      .limit(SOLUTIONS_PER_PAGE)
      .offset((page - 1) * SOLUTIONS_PER_PAGE),
    db().select({ n: sql<number>`count(*)::int` }).from(solutions).where(where),
  ]);
  const themeRows = await themesOfSolutions(rows.map((row) => row.id));
  return {
    solutions: rows.map((row) => ({ ...row, themes: themeRows.filter((theme) => theme.solutionId === row.id) })),
    total: total?.n ?? 0,
    pageCount: Math.max(1, Math.ceil((total?.n ?? 0) / SOLUTIONS_PER_PAGE)),
  };
}

/**
 * What the list's filters offer: the themes, the counties, the organisations that supply an accepted
 * entry and the components accepted entries use. A value outside these is ignored by the list.
 */
export async function catalogueFilterOptions(base: Promise<BaseData>) {
  const [{ themeChoices, counties }, suppliers, components] = await Promise.all([
    base,
    db()
      .select({ slug: organisations.slug, name: organisations.name })
      .from(organisations)
      .where(
        sql`exists (select 1 from ${solutionSuppliers} join ${solutions} on ${solutions.id} = ${solutionSuppliers.solutionId}
          where ${solutionSuppliers.organisationId} = ${organisations.id} and ${listedSolutions})`,
      )
      .orderBy(asc(sql`lower(${organisations.name})`)),
    db()
      .selectDistinct({ component: sql<string>`unnest(${solutions.components})` })
      .from(solutions)
      .where(listedSolutions)
      .orderBy(sql`1`)
      .then((rows) => rows.map((row) => row.component)),
  ]);
  return { themes: themeChoices, counties: counties.map(({ number, name }) => ({ number, name })), suppliers, components };
}

// ——— One municipality's solutions ———

/** The states the municipality page shows, in this order; a given-up one is left out. */
export const MUNICIPALITY_STATES = ["in_use", "piloting", "planning", "interested"] as const satisfies readonly AdoptionState[];
export type MunicipalityState = (typeof MUNICIPALITY_STATES)[number];

/** More in one state than a page can hold (50 KB of HTML): the rest are counted. At the reference size a busy municipality has about 85. */
const SHOWN_PER_STATE = 15;

/**
 * The accepted entries a municipality uses, pilots, plans or wants, grouped by state and named in order,
 * and those it owns.
 */
export async function solutionsOfMunicipality(municipalityNumber: string) {
  const columns = { slug: solutions.slug, name: solutions.name, status: solutions.status };
  const [adopted, owned] = await Promise.all([
    db()
      .select({ ...columns, state: adoptions.state, since: adoptions.since })
      .from(adoptions)
      .innerJoin(solutions, eq(solutions.id, adoptions.solutionId))
      .where(and(eq(adoptions.municipalityNumber, municipalityNumber), ne(adoptions.state, "discontinued"), listedSolutions))
      .orderBy(asc(sql`lower(${solutions.name})`), asc(solutions.id)),
    db()
      .select(columns)
      .from(solutions)
      .where(and(eq(solutions.ownerMunicipalityNumber, municipalityNumber), listedSolutions))
      .orderBy(asc(sql`lower(${solutions.name})`), asc(solutions.id))
      .limit(SHOWN_PER_STATE),
  ]);
  const groups = MUNICIPALITY_STATES.map((state) => {
    const all = adopted.filter((row) => row.state === state);
    return { state, solutions: all.slice(0, SHOWN_PER_STATE).map(({ slug, name, status, since }) => ({ slug, name, status, since })), more: Math.max(0, all.length - SHOWN_PER_STATE) };
  }).filter((group) => group.solutions.length > 0);
  return { groups, owned };
}
