import { describe, expect, it } from "vitest";
import { translator } from "./i18n";
import "~/catalogues/all.server";
import { catalogue as en } from "~/catalogues/en";
import { catalogue as nb } from "~/catalogues/nb";
import { languageCookie, languageFromHeaders } from "./language.server";

const catalogues = { nb, en };

// `{name}` and the `{count, plural, …}` selector, each parameter once.
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]))].sort();

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

describe("counts", () => {
  it("choose the singular for one and the plural otherwise, in each language", () => {
    const nb = translator("nb");
    const en = translator("en");
    expect(nb("forumSessions.registered", { count: 1 })).toBe("1 påmeldt");
    expect(nb("forumSessions.registered", { count: 0 })).toBe("0 påmeldte");
    expect(nb("municipalities.membersHidden", { count: 1 })).toMatch(/^1 godkjent medlem\./);
    expect(nb("municipalities.membersHidden", { count: 2 })).toMatch(/^2 godkjente medlemmer\./);
    expect(en("municipalities.membersHidden", { count: 1 })).toMatch(/^1 approved member\./);
    expect(en("municipalities.membersHidden", { count: 12 })).toMatch(/^12 approved members\./);
    expect(en("agenda.flagged", { count: 1 })).toBe("Check: 1 item overlaps, runs past the end or is listed after a later item.");
    expect(nb("agenda.flagged", { count: 3 })).toBe("Se over: 3 punkter overlapper, går forbi slutten eller står før et senere punkt.");
  });

  it("write the number as the language does", () => {
    expect(translator("nb")("forumSessions.registered", { count: 1234 })).toBe("1\u00a0234 påmeldte");
    expect(translator("en")("forumSessions.registered", { count: 1234 })).toBe("1,234 registered");
  });

  it("name the notifications link in one phrase", () => {
    expect(translator("nb")("notifications.linkWithUnread", { count: 1 })).toBe("Varsler, 1 ulest");
    expect(translator("nb")("notifications.linkWithUnread", { count: 4 })).toBe("Varsler, 4 uleste");
    expect(translator("en")("notifications.linkWithUnread", { count: 1 })).toBe("Notifications, 1 unread");
  });

  it("have a form for 'other' in every plural text, so no count falls through", () => {
    for (const catalogue of Object.values(catalogues)) {
      for (const [key, text] of Object.entries(catalogue)) {
        if (text.includes(", plural,")) expect(text, key).toMatch(/\bother \{/);
      }
    }
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
