import { describe, expect, it } from "vitest";
import { SOLUTION_TAGS_MAX, URL_MAX } from "../../db/schema/solution-values";
import { checkLink, COMPONENT_SUGGESTIONS, readTags, splitStoredTags, utf8Bytes } from "./solution-forms";

describe("links", () => {
  it.each(["https://example.no", "http://example.no/a?b=c#d", "  https://eksempel.no/æøå  ", "HTTPS://EXAMPLE.NO"])("keeps %j", (typed) => {
    expect(checkLink(typed)).toEqual({ ok: true, url: typed.trim() });
  });

  it("keeps nothing for a blank field", () => {
    expect(checkLink("   ")).toEqual({ ok: true, url: null });
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<b>x</b>",
    "ftp://example.no/x",
    "mailto:a@example.no",
    "/relative/path",
    "//example.no/protocol-relative",
    "example.no",
    "https:///no-host",
    "https:\\\\example.no",
    "https://exa mple.no",
    "https://example.no/\u0000",
  ])("refuses %j as not http(s)", (typed) => {
    expect(checkLink(typed)).toEqual({ ok: false, error: "solutions.form.urlNotHttp" });
  });

  it("refuses a link over the limit", () => {
    expect(checkLink(`https://example.no/${"a".repeat(URL_MAX)}`)).toEqual({ ok: false, error: "solutions.form.urlTooLong" });
  });
});

describe("tags", () => {
  it("keeps ticked suggestions, then the others, each once whatever its case, the first spelling winning", () => {
    expect(readTags(["KS Fiks"], " Folkeregisteret, ks fiks,,FOLKEREGISTERET , Eget API ", COMPONENT_SUGGESTIONS)).toEqual({
      ok: true,
      tags: ["KS Fiks", "Folkeregisteret", "Eget API"],
    });
  });

  it("refuses a ticked value that is no suggestion, a tag too long and too many tags", () => {
    expect(readTags(["Noe annet"], "", COMPONENT_SUGGESTIONS)).toEqual({ ok: false, error: "solutions.form.unknownSuggestion" });
    expect(readTags([], "x".repeat(61), COMPONENT_SUGGESTIONS)).toEqual({ ok: false, error: "solutions.form.tagTooLong" });
    const many = Array.from({ length: SOLUTION_TAGS_MAX + 1 }, (_, i) => `T${i}`).join(",");
    expect(readTags([], many, COMPONENT_SUGGESTIONS)).toEqual({ ok: false, error: "solutions.form.tooManyTags" });
    // Repeats do not count towards the limit.
    expect(readTags([], Array.from({ length: 40 }, () => "Samme").join(","), COMPONENT_SUGGESTIONS)).toEqual({ ok: true, tags: ["Samme"] });
  });

  it("splits stored tags into ticked suggestions and typed others", () => {
    expect(splitStoredTags(["ID-porten", "Eget API", "KS Fiks", "Folkeregisteret"], COMPONENT_SUGGESTIONS)).toEqual({
      ticked: ["ID-porten", "KS Fiks"],
      others: "Eget API, Folkeregisteret",
    });
  });
});

it("counts the description in bytes of UTF-8", () => {
  expect(utf8Bytes("æøå")).toBe(6);
  expect(utf8Bytes("abc")).toBe(3);
});
