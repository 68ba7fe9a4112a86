import { describe, expect, it } from "vitest";
import { loader as homeLoader } from "~/routes/_index";
import { action as languageAction } from "~/routes/language";
import { loader as municipalityLoader } from "~/routes/municipalities.$number";
import { loader as municipalitiesLoader } from "~/routes/municipalities._index";

const args = (url: string, params: Record<string, string> = {}, init?: RequestInit) => ({
  request: new Request(`http://localhost${url}`, init),
  params,
  context: {},
});

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (thrown) {
    const init = (thrown as { init?: { status?: number } }).init;
    if (init?.status) return init.status;
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("the home page", () => {
  it("counts the municipalities, and says so when no forum session is planned", async () => {
    expect(await homeLoader(args("/"))).toMatchObject({ municipalityCount: 357, next: null, summaries: [] });
  });
});

describe("the municipality list", () => {
  it("lists all 357 in 15 counties without a filter", async () => {
    const data = await municipalitiesLoader(args("/municipalities"));
    expect(data.total).toBe(357);
    expect(data.matched).toBe(357);
    expect(data.counties).toHaveLength(15);
  });

  it("filters with ?q and says how many matched", async () => {
    const data = await municipalitiesLoader(args("/municipalities?q=bod%C3%B8"));
    expect(data.query).toBe("bodø");
    expect(data.matched).toBe(1);
    expect(data.counties[0]?.municipalities).toEqual([["1804", "Bodø"]]);
  });

  it("cuts an overlong filter instead of failing", async () => {
    const data = await municipalitiesLoader(args(`/municipalities?q=${"a".repeat(5000)}`));
    expect(data.query).toHaveLength(100);
    expect(data.matched).toBe(0);
  });
});

describe("a municipality page", () => {
  it("shows the municipality", async () => {
    const data = await municipalityLoader(args("/municipalities/1820", { number: "1820" }));
    expect(data.municipality).toMatchObject({ name: "Alstahaug", region: "Helgeland" });
  });

  it.each(["9999", "abc", "0301\u0000", "x".repeat(5000)])("is 404 for %j", async (number) => {
    expect(await statusOf(municipalityLoader(args("/municipalities/x", { number })))).toBe(404);
  });
});

describe("the language switch", () => {
  const post = (body: Record<string, string>) =>
    languageAction(args("/language", {}, { method: "POST", body: new URLSearchParams(body) }));

  it("remembers the choice in a cookie and goes back to the page", async () => {
    const response = await post({ language: "en", redirectTo: "/municipalities?q=bodø" });
    expect(response.status).toBe(303);
    // The same address, percent-encoded: a Location header holds only ASCII safely.
    expect(response.headers.get("Location")).toBe("/municipalities?q=bod%C3%B8");
    expect(response.headers.get("Set-Cookie")).toMatch(/^lang=.+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/);
  });

  it("never redirects to another site", async () => {
    for (const redirectTo of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)"]) {
      expect((await post({ language: "nb", redirectTo })).headers.get("Location")).toBe("/");
    }
  });

  it("refuses an unknown language with 400", async () => {
    expect(await statusOf(post({ language: "sv", redirectTo: "/" }))).toBe(400);
  });
});
