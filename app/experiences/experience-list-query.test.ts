import { describe, expect, it } from "vitest";
import { experienceListHref, isFiltered, readExperienceListQuery, type KnownValues } from "./experience-list-query";

const known: KnownValues = {
  themeSlugs: new Set(["procurement", "prevention"]),
  countyNumbers: new Set(["18", "03"]),
  countyOf: new Map([
    ["1804", "18"],
    ["0301", "03"],
  ]),
};
const read = (query: string) => readExperienceListQuery(new URLSearchParams(query), known);

describe("reading the list's query", () => {
  it("is the newest write-ups, unfiltered, when nothing is asked", () => {
    expect(read("")).toEqual({ sort: "newest" });
    expect(isFiltered(read(""))).toBe(false);
  });

  it("reads every filter it knows", () => {
    const filters = read("sort=discussed&theme=procurement&county=18&municipality=1804&procedure=joint_procurement");
    expect(filters).toEqual({
      sort: "discussed",
      themeSlug: "procurement",
      countyNumber: "18",
      municipalityNumber: "1804",
      procedure: "joint_procurement",
    });
    expect(isFiltered(filters)).toBe(true);
    expect(read("sort=updated")).toEqual({ sort: "updated" });
  });

  it("ignores what it does not know, as 'all'", () => {
    expect(read("sort=oldest&theme=nope&county=99&municipality=9999&procedure=bribery")).toEqual({ sort: "newest" });
    expect(read("sort=NEWEST&county=1&municipality=18040&procedure=OPEN_TENDER&theme=")).toEqual({ sort: "newest" });
    expect(read("procedure=__proto__&theme=constructor&municipality=toString")).toEqual({ sort: "newest" });
  });

  it("drops a municipality outside the chosen county: the county was changed after it", () => {
    expect(read("county=03&municipality=1804")).toEqual({ sort: "newest", countyNumber: "03" });
    expect(read("municipality=1804")).toEqual({ sort: "newest", municipalityNumber: "1804" });
  });
});

describe("the list's address", () => {
  it("leaves defaults out, so the same filters give the same shareable URL", () => {
    expect(experienceListHref({ sort: "newest" })).toBe("/experiences");
    expect(experienceListHref({ sort: "newest" }, 1)).toBe("/experiences");
    expect(experienceListHref({ sort: "updated", themeSlug: "prevention", procedure: "open_tender" }, 3)).toBe(
      "/experiences?sort=updated&theme=prevention&procedure=open_tender&page=3",
    );
  });

  it("reads back as the filters it was made from", () => {
    const filters = read("sort=discussed&theme=procurement&county=18&municipality=1804&procedure=framework_agreement");
    const href = experienceListHref(filters, 2);
    expect(read(href.split("?")[1]!)).toEqual(filters);
  });
});
