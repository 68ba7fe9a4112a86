import { asc, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { municipalities } from "../../db/schema";
import {
  getMunicipality,
  filterCounties,
  groupByCounty,
  readMunicipalitySeed,
  seedMunicipalities,
} from "./municipalities.server";
import { db } from "~/db.server";

// The register as the pages get it (base-data.server.ts reads the rows once per process and groups them).
const listMunicipalities = () => db().select().from(municipalities).orderBy(asc(municipalities.number));

async function countMunicipalities(): Promise<number> {
  const [result] = await db().select({ n: count() }).from(municipalities);
  return result?.n ?? 0;
}

async function listMunicipalitiesByCounty(query = "") {
  const rows = await listMunicipalities();
  return { total: rows.length, counties: filterCounties(groupByCounty(rows), query) };
}

describe("the municipality seed", () => {
  it("holds Norway's 357 municipalities of 2024 in 15 counties, 16 of them in Helgeland", async () => {
    expect(await countMunicipalities()).toBe(357);
    const { counties } = await listMunicipalitiesByCounty();
    expect(counties).toHaveLength(15);
    const helgeland = await db().select().from(municipalities).where(eq(municipalities.region, "Helgeland"));
    expect(helgeland).toHaveLength(16);
    expect(helgeland.every((m) => m.countyNumber === "18")).toBe(true);
  });

  it("keeps the leading zero and the Sámi names", async () => {
    expect(await getMunicipality("0301")).toMatchObject({ name: "Oslo", countyName: "Oslo" });
    expect((await getMunicipality("5610"))?.name).toBe("Kárášjohka - Karasjok");
  });

  it("changes nothing when it runs a second time", async () => {
    const before = await db().select().from(municipalities).orderBy(municipalities.number);
    expect(await seedMunicipalities()).toBe(0);
    const after = await db().select().from(municipalities).orderBy(municipalities.number);
    expect(after).toEqual(before);
  });

  it("does not overwrite a municipality that was edited after seeding", async () => {
    await db().update(municipalities).set({ name: "Bodø kommune" }).where(eq(municipalities.number, "1804"));
    await seedMunicipalities();
    expect((await getMunicipality("1804"))?.name).toBe("Bodø kommune");
    await db().update(municipalities).set({ name: "Bodø" }).where(eq(municipalities.number, "1804"));
  });

  it("adds back a municipality that is missing", async () => {
    await db().delete(municipalities).where(eq(municipalities.number, "5632"));
    expect(await seedMunicipalities()).toBe(1);
    expect((await getMunicipality("5632"))?.name).toBe("Båtsfjord");
  });

  it("reads every row of the project's own CSV copy with a number of four digits", () => {
    const rows = readMunicipalitySeed();
    expect(rows).toHaveLength(357);
    expect(new Set(rows.map((r) => r.number)).size).toBe(357);
    expect(rows.every((r) => r.number.startsWith(r.countyNumber))).toBe(true);
  });
});

describe("listing municipalities by county", () => {
  it("sorts names in Norwegian order: Z, Æ, Ø, Å", async () => {
    const { counties } = await listMunicipalitiesByCounty();
    const innlandet = counties.find((c) => c.number === "34")!;
    const names = innlandet.municipalities.map((m) => m.name);
    expect(names.slice(-5)).toEqual(["Østre Toten", "Øyer", "Øystre Slidre", "Åmot", "Åsnes"]);
    expect(names.indexOf("Våler (Innlandet)")).toBeLessThan(names.indexOf("Østre Toten"));
  });

  it("filters by name without regard to case, also for æ, ø and å", async () => {
    const { total, counties } = await listMunicipalitiesByCounty("ÅLESUND");
    expect(total).toBe(357);
    expect(counties.flatMap((c) => c.municipalities.map((m) => m.name))).toEqual(["Ålesund"]);
  });

  it("filters by the start of the municipality number", async () => {
    const { counties } = await listMunicipalitiesByCounty("0301");
    expect(counties.flatMap((c) => c.municipalities.map((m) => m.number))).toEqual(["0301"]);
  });

  it("filters by county and by region", async () => {
    const byCounty = await listMunicipalitiesByCounty("vestfold");
    expect(byCounty.counties.map((c) => c.name)).toEqual(["Vestfold"]);
    expect(byCounty.counties[0]!.municipalities).toHaveLength(6);
    const byRegion = await listMunicipalitiesByCounty("helgeland");
    expect(byRegion.counties.flatMap((c) => c.municipalities)).toHaveLength(16);
  });

  it("treats LIKE wildcards in the filter as plain text", async () => {
    expect((await listMunicipalitiesByCounty("%")).counties).toEqual([]);
    expect((await listMunicipalitiesByCounty("_")).counties).toEqual([]);
  });
});

describe("getting one municipality", () => {
  it.each(["9999", "abc", "0301\u0000", "03011", "", "1804 "])("answers nothing for %j", async (number) => {
    expect(await getMunicipality(number)).toBeUndefined();
  });
});
