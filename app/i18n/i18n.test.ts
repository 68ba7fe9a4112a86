import { describe, expect, it } from "vitest";
import { catalogues, translator } from "./i18n";
import { languageCookie, languageFromHeaders } from "./language.server";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the catalogues", () => {
  it("have the same keys in bokmål and English", () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.nb).sort());
  });

  it("use the same parameters for a key in both languages, and no empty text", () => {
    for (const [key, text] of Object.entries(catalogues.nb)) {
      const english = catalogues.en[key as keyof typeof catalogues.en];
      expect(placeholders(english), key).toEqual(placeholders(text));
      expect(text.trim(), key).not.toBe("");
      expect(english.trim(), key).not.toBe("");
    }
  });

  it("fill in parameters", () => {
    expect(translator("en")("error.status", { status: 404 })).toBe("Error code 404");
    expect(translator("nb")("error.status", { status: 404 })).toBe("Feilkode 404");
  });
});

describe("choosing the language", () => {
  const cookie = async (value: string) => (await languageCookie.serialize(value)).split(";")[0]!;

  it("is bokmål when the browser says nothing", async () => {
    expect(await languageFromHeaders(null, null)).toBe("nb");
  });

  it("follows Accept-Language, with nynorsk and 'no' read as bokmål", async () => {
    expect(await languageFromHeaders(null, "en-GB,en;q=0.9")).toBe("en");
    expect(await languageFromHeaders(null, "nn-NO,nn;q=0.9,en;q=0.5")).toBe("nb");
    expect(await languageFromHeaders(null, "de-DE,de;q=0.9,en;q=0.8,nb;q=0.7")).toBe("en");
    expect(await languageFromHeaders(null, "no")).toBe("nb");
  });

  it("prefers the switch's cookie over Accept-Language", async () => {
    expect(await languageFromHeaders(await cookie("en"), "nb-NO")).toBe("en");
    expect(await languageFromHeaders(await cookie("nb"), "en-US")).toBe("nb");
  });

  it("falls back to bokmål for garbage headers and unknown cookie values", async () => {
    expect(await languageFromHeaders(null, ";;;,,q=x,*/*")).toBe("nb");
    expect(await languageFromHeaders("lang=klingon", "\u0000\u0001")).toBe("nb");
    expect(await languageFromHeaders(await cookie("sv"), null)).toBe("nb");
    expect(await languageFromHeaders("lang=%%%", "en")).toBe("en");
  });
});
