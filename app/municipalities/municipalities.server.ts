import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { municipalities, type Municipality } from "../../db/schema";
import { db } from "~/db.server";

const SEED_FILE = path.join(process.cwd(), "db", "seed", "municipalities-2024.csv");

const row = z.object({
  number: z.string().regex(/^\d{4}$/),
  name: z.string().min(1),
  county_number: z.string().regex(/^\d{2}$/),
  county_name: z.string().min(1),
  region: z.string(),
});

/** Reads the project's copy of SSB's 2024 list. The file has no quoted fields; any quote is refused. */
export function readMunicipalitySeed(file = SEED_FILE): Municipality[] {
  const [header, ...lines] = readFileSync(file, "utf8").trim().split("\n");
  const columns = header?.split(",") ?? [];
  return lines.map((line, i) => {
    if (line.includes('"')) throw new Error(`${file}:${i + 2}: quoted fields are not supported`);
    const values = line.split(",");
    const parsed = row.parse(Object.fromEntries(columns.map((c, j) => [c, values[j]])));
    return {
      number: parsed.number,
      name: parsed.name,
      countyNumber: parsed.county_number,
      countyName: parsed.county_name,
      region: parsed.region || null,
    };
  });
}

/** Adds any missing municipality; never overwrites one, so an admin's later edit survives restarts. */
export async function seedMunicipalities(): Promise<number> {
  const inserted = await db()
    .insert(municipalities)
    .values(readMunicipalitySeed())
    .onConflictDoNothing({ target: municipalities.number })
    .returning({ number: municipalities.number });
  return inserted.length;
}

export interface County {
  number: string;
  name: string;
  municipalities: Municipality[];
}

const collator = new Intl.Collator("nb");

function fold(text: string): string {
  return text.toLocaleLowerCase("nb").normalize("NFC");
}

function matches(m: Municipality, query: string): boolean {
  return (
    m.number.startsWith(query) ||
    [m.name, m.countyName, m.region ?? ""].some((text) => fold(text).includes(query))
  );
}

/** Municipalities grouped by county, in county-number order, names in Norwegian order. */
export function groupByCounty(rows: readonly Municipality[]): County[] {
  const counties: County[] = [];
  for (const m of [...rows].sort((a, b) => a.countyNumber.localeCompare(b.countyNumber))) {
    const last = counties.at(-1);
    if (last?.number === m.countyNumber) last.municipalities.push(m);
    else counties.push({ number: m.countyNumber, name: m.countyName, municipalities: [m] });
  }
  for (const county of counties) county.municipalities.sort((a, b) => collator.compare(a.name, b.name));
  return counties;
}

/**
 * The counties and municipalities that match a name, number, county or region. Filtered here, not in
 * SQL: 357 rows, and Norwegian case folding must not depend on the database's locale.
 */
export function filterCounties(counties: readonly County[], query: string): County[] {
  const q = fold(query.trim());
  if (!q) return [...counties];
  return counties
    .map((county) => ({ ...county, municipalities: county.municipalities.filter((m) => matches(m, q)) }))
    .filter((county) => county.municipalities.length > 0);
}


export async function getMunicipality(number: string): Promise<Municipality | undefined> {
  if (!/^\d{4}$/.test(number)) return undefined;
  const [m] = await db().select().from(municipalities).where(eq(municipalities.number, number));
  return m;
}
