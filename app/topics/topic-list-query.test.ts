import { describe, expect, it } from "vitest";
import { readTopicListQuery, topicListHref, type KnownValues } from "./topic-list-query";
import { pageWindow } from "~/ui/pagination";

const known: KnownValues = {
  themeSlugs: new Set(["procurement", "prevention"]),
  countyNumbers: new Set(["18", "03"]),
  countyOf: new Map([
    ["1804", "18"],
    ["0301", "03"],
  ]),
  mayFilterOwn: true,
};
const read = (query: string, over: Partial<KnownValues> = {}) => readTopicListQuery(new URLSearchParams(query), { ...known, ...over });

describe("reading the list's query", () => {
  it("is the most supported topics, unfiltered, when nothing is asked", () => {
    expect(read("")).toEqual({ sort: "supported" });
  });

  it("reads every filter the register knows", () => {
    expect(read("sort=newest&status=declined&theme=procurement&county=18&municipality=1804&mine=supported")).toEqual({
      sort: "newest",
      status: "declined",
      themeSlug: "procurement",
      countyNumber: "18",
      municipalityNumber: "1804",
      mine: "supported",
    });
  });

  it("ignores what it does not know, as 'all'", () => {
    expect(read("sort=oldest&status=deleted&theme=nope&county=99&municipality=9999&mine=everything")).toEqual({ sort: "supported" });
    expect(read("status=PROPOSED&county=1&municipality=18040")).toEqual({ sort: "supported" });
  });

  it("ignores 'mine' for a viewer who may not have topics of their own", () => {
    expect(read("mine=proposed", { mayFilterOwn: false })).toEqual({ sort: "supported" });
  });

  it("drops a municipality outside the chosen county: the county was changed after it", () => {
    expect(read("county=03&municipality=1804")).toEqual({ sort: "supported", countyNumber: "03" });
    expect(read("municipality=1804")).toEqual({ sort: "supported", municipalityNumber: "1804" });
  });
});

describe("the list's address", () => {
  it("leaves defaults out, so the same filters give the same shareable URL", () => {
    expect(topicListHref({ sort: "supported" })).toBe("/topics");
    expect(topicListHref({ sort: "supported" }, 1)).toBe("/topics");
    expect(topicListHref({ sort: "active", status: "proposed", themeSlug: "prevention", mine: "proposed" }, 3)).toBe(
      "/topics?sort=active&status=proposed&theme=prevention&mine=proposed&page=3",
    );
  });

  it("reads back as the filters it was made from", () => {
    const filters = read("sort=newest&status=covered&theme=procurement&county=18&municipality=1804&mine=proposed");
    const href = topicListHref(filters, 2);
    expect(read(href.split("?")[1]!)).toEqual(filters);
  });
});

describe("the page numbers shown", () => {
  it("shows the first, the last and the neighbours, with gaps", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pageWindow(3, 10)).toEqual([1, 2, 3, 4, null, 10]);
  });

  it("shows the first and the last page for a page beyond the last", () => {
    expect(pageWindow(1_000, 4)).toEqual([1, null, 4]);
    expect(pageWindow(1_000, 1)).toEqual([1]);
  });
});
