import type { AppLoadContext } from "@remix-run/node";
import { asc } from "drizzle-orm";
import { DEFAULT_THEMES, municipalities, themes, type Municipality, type Theme } from "../db/schema";
import { db, type Database } from "~/db.server";
import { freshDataVersions, type DataVersions } from "~/lib/data-versions.server";
import { getViewer } from "~/members/permissions.server";
import { groupByCounty, seedMunicipalities, type County } from "~/municipalities/municipalities.server";

/** The data every database needs, seeded idempotently on every start: municipalities and themes. */
export async function seedBaseData(): Promise<{ municipalities: number; themes: number }> {
  const municipalities = await seedMunicipalities();
  const added = await db().insert(themes).values([...DEFAULT_THEMES]).onConflictDoNothing().returning({ id: themes.id });
  return { municipalities, themes: added.length };
}

export interface BaseData {
  themes: Theme[];
  themeSlugs: ReadonlySet<string>;
  /** What the lists' theme filters send to the browser. */
  themeChoices: { slug: string; nameNb: string; nameEn: string }[];
  municipality: ReadonlyMap<string, Municipality>;
  /** By county, names in Norwegian order (filterCounties narrows them). */
  counties: County[];
  countyNumbers: ReadonlySet<string>;
  /** What the lists' county filters send to the browser: number and name. */
  countyChoices: [string, string][];
  countyOf: ReadonlyMap<string, string>;
  /** "1804 Bodø", by name: the forms' suggestions. */
  municipalityOptions: string[];
}

interface Loaded {
  version: number;
  data: Promise<BaseData>;
}

// Per database: tests open one after another in a process, each with its own versions.
const loaded = new WeakMap<Database, Loaded>();

/**
 * Municipalities and themes with what is derived from them, loaded once per process and again when
 * the base_data version moves (triggers bump it on every committed change, from any process). The
 * version comes with the viewer's session, or from the visitor cache, else from a query of its own.
 * Rows read after the version may be newer than it: that costs a reload, never a stale page.
 */
export async function baseData(request: Request, context: AppLoadContext): Promise<BaseData> {
  const database = db();
  const { baseData: version } = await versionsFor(request, context);
  const current = loaded.get(database);
  if (current?.version === version) return current.data;
  const data = loadBaseData(database);
  loaded.set(database, { version, data });
  data.catch(() => {
    if (loaded.get(database)?.data === data) loaded.delete(database);
  });
  return data;
}

function versionsFor(request: Request, context: AppLoadContext): Promise<DataVersions> {
  // A page's GET keeps them for its other loaders; an action reads afresh, as it may change them.
  if (request.method !== "GET" && request.method !== "HEAD") return context.dataVersions ?? freshDataVersions();
  if (!context.dataVersions) void getViewer(request, context).catch(() => {});
  return (context.dataVersions ??= freshDataVersions());
}

async function loadBaseData(database: Database): Promise<BaseData> {
  const [themeRows, municipalityRows] = await Promise.all([
    database.select().from(themes).orderBy(asc(themes.id)),
    database.select().from(municipalities).orderBy(asc(municipalities.number)),
  ]);
  const counties = groupByCounty(municipalityRows);
  const collator = new Intl.Collator("nb");
  return {
    themes: themeRows,
    themeSlugs: new Set(themeRows.map((theme) => theme.slug)),
    themeChoices: themeRows.map(({ slug, nameNb, nameEn }) => ({ slug, nameNb, nameEn })),
    municipality: new Map(municipalityRows.map((m) => [m.number, m])),
    counties,
    countyNumbers: new Set(counties.map((county) => county.number)),
    countyChoices: counties.map((county): [string, string] => [county.number, county.name]),
    countyOf: new Map(municipalityRows.map((m) => [m.number, m.countyNumber])),
    municipalityOptions: [...municipalityRows].sort((a, b) => collator.compare(a.name, b.name)).map((m) => `${m.number} ${m.name}`),
  };
}
