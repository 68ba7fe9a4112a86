import { describe, expect, it } from "vitest";
import { parseFeedName, plainTextStart } from "./feeds.server";

describe("parseFeedName", () => {
  it("reads a known feed and its format, and nothing else", () => {
    expect(parseFeedName("experiences.rss", ["experiences", "summaries"])).toEqual({ name: "experiences", format: "rss" });
    expect(parseFeedName("summaries.atom", ["experiences", "summaries"])).toEqual({ name: "summaries", format: "atom" });
    for (const name of [undefined, "", "experiences", "experiences.json", "topics.rss", "summaries.atom.xml", "Experiences.rss", "../experiences.rss"]) {
      expect(parseFeedName(name, ["experiences", "summaries"])).toBeUndefined();
    }
    expect(parseFeedName("summaries.rss", ["experiences"])).toBeUndefined();
  });
});

describe("plainTextStart", () => {
  it("gives the start of markdown as one line of text, headings left out", () => {
    expect(plainTextStart("# Kort oppsummert\n\nVi brukte **sensorer**.\n\n- én\n- to")).toBe("Vi brukte sensorer. - én - to");
    expect(plainTextStart("<script>alert(1)</script> tekst")).toBe("<script>alert(1)</script> tekst");
    expect(plainTextStart("")).toBe("");
  });

  it("cuts long text with an ellipsis, within the limit", () => {
    const cut = plainTextStart("ord ".repeat(200), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith("…")).toBe(true);
  });
});
