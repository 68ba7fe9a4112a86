import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agendaItems, experienceThemes, experiences, forumSessions, members, summaries, themes, topics } from "../../db/schema";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, outcome, requestAs, type TestMember } from "../helpers/members";
import { createSolution, createOrganisation } from "../helpers/solutions";
import { createTopicAs } from "../helpers/topics";
import { db } from "~/db.server";
import type { ViewerSummary } from "~/members/rights";
import * as searchPage from "~/routes/search";
import type { SearchHit, SearchResults } from "~/search/search.server";
import { countsByTheme } from "~/themes/themes.server";

type Page = {
  text: string;
  searched: boolean;
  error: string | null;
  filters: Record<string, string | undefined>;
  results: SearchResults;
};

async function searchAs(viewer: TestMember | null, query: string) {
  const request = requestAs(viewer, `/search${query ? `?${query}` : ""}`);
  const result = await outcome(() => searchPage.loader({ request, params: {}, context: {} } as never));
  return { status: result.status, page: result.data as Page };
}
const paths = (hits: SearchHit[]) => hits.map((hit) => hit.path);
const plain = (text: string) => text.replaceAll("\u0002", "").replaceAll("\u0003", "");

let member: TestMember;
let pending: TestMember;
let coordinator: TestMember;
const summaryOf = (m: TestMember, role: ViewerSummary["role"]): ViewerSummary => ({ id: m.id, name: m.name, role, status: "approved", municipalityNumber: "1804" });
const themeId = async (slug: string) => (await db().select({ id: themes.id }).from(themes).where(eq(themes.slug, slug)))[0]!.id;

beforeAll(async () => {
  member = await createMember("member");
  pending = await createMember("pending");
  coordinator = await createMember("coordinator");
});

describe("Norwegian word forms and ranking", () => {
  let inTitle: number;
  let inSummary: number;
  let inBody: number;
  beforeAll(async () => {
    // One word in three places: the title outranks the summary, the summary the body.
    inBody = (await createExperienceAs(member.id, { title: "Ny turnusordning i hjemmetjenesten", summary: "Hvordan vi planla vaktene.", body: "Til slutt ble det en felles anskaffelsen av et turnusverktøy." })).id;
    inSummary = (await createExperienceAs(member.id, { title: "Et år med nytt fagsystem", summary: "Om anskaffelse, innføring og opplæring.", body: "Vi startet i januar." })).id;
    inTitle = (await createExperienceAs(member.id, { title: "Felles anskaffelse av trygghetsalarmer", summary: "Fem kommuner kjøpte sammen.", body: "Vi startet i mars." })).id;
  });

  it("finds every form of a word from any form of it, in title, summary and body", async () => {
    for (const word of ["anskaffelser", "anskaffelse", "anskaffelsen", "ANSKAFFELSER"]) {
      const { status, page } = await searchAs(null, `q=${encodeURIComponent(word)}`);
      expect(status).toBe(200);
      expect(paths(page.results.hits)).toEqual(expect.arrayContaining([`/experiences/${inTitle}`, `/experiences/${inSummary}`, `/experiences/${inBody}`]));
    }
  });

  it("ranks a match in the title above one in the summary, and that above one in the body", async () => {
    const { page } = await searchAs(null, "q=anskaffelser&type=experience");
    const order = paths(page.results.hits).filter((path) => [inTitle, inSummary, inBody].some((id) => path === `/experiences/${id}`));
    expect(order).toEqual([`/experiences/${inTitle}`, `/experiences/${inSummary}`, `/experiences/${inBody}`]);
  });

  it("marks the matched words in the title and quotes the text around them", async () => {
    const { page } = await searchAs(null, "q=anskaffelser&type=experience");
    const title = page.results.hits.find((hit) => hit.path === `/experiences/${inTitle}`)!;
    expect(title.title).toBe("Felles \u0002anskaffelse\u0003 av trygghetsalarmer");
    const body = page.results.hits.find((hit) => hit.path === `/experiences/${inBody}`)!;
    expect(body.snippet).toContain("\u0002anskaffelsen\u0003");
    expect(body.context).toBe("Bodø");
  });

  it("needs every word: a second word narrows", async () => {
    const { page } = await searchAs(null, "q=anskaffelse+trygghetsalarmer");
    expect(paths(page.results.hits)).toEqual([`/experiences/${inTitle}`]);
  });

  it("offers titles within typing distance when the words find little: a typo, a word half typed", async () => {
    for (const typed of ["trygetsalarmer", "trygghetsala"]) {
      const { page } = await searchAs(null, `q=${typed}`);
      expect(page.results.total).toBe(0);
      expect(paths(page.results.similar)).toContain(`/experiences/${inTitle}`);
    }
  });
});

describe("what the search finds, kept by the database", () => {
  it("finds a forum session by its agenda and its published summary, never by a draft summary or as a draft", async () => {
    const draft = await createForumSessionAs(coordinator.id, "draft", { title: "Utkast om kvantedatamaskiner" });
    expect((await searchAs(null, "q=kvantedatamaskiner")).page.results.total).toBe(0);
    expect((await searchAs(coordinator, "q=kvantedatamaskiner")).page.results.total).toBe(0);

    const held = await createForumSessionAs(coordinator.id, "held", { title: "Forummøte i mars" });
    await db().insert(agendaItems).values({ forumSessionId: held.id, position: 0, startOffsetMinutes: 0, durationMinutes: 30, title: "Gevinstrealisering med mål", presenterName: "Marte Lie", presenterOrganisation: "Alstahaug" });
    expect(paths((await searchAs(null, "q=gevinstrealisering")).page.results.hits)).toEqual([`/forum-sessions/${held.id}`]);
    // Visitors see no person names (decision 020): a presenter is found by organisation, never by name.
    expect(paths((await searchAs(null, "q=alstahaug")).page.results.hits)).toContain(`/forum-sessions/${held.id}`);
    expect((await searchAs(null, "q=marte+lie")).page.results.total).toBe(0);

    await db().insert(summaries).values({ forumSessionId: held.id, bodyMd: "Vi ble enige om **nettbrettopplæring**.", bodyHtml: "", status: "draft" });
    expect((await searchAs(null, "q=nettbrettopplæring")).page.results.total).toBe(0);
    await db().update(summaries).set({ status: "published", publishedAt: new Date() }).where(eq(summaries.forumSessionId, held.id));
    const found = (await searchAs(null, "q=nettbrettopplæring")).page.results.hits;
    expect(paths(found)).toEqual([`/forum-sessions/${held.id}`]);
    // Markdown's markup is not quoted back.
    expect(plain(found[0]!.snippet!)).not.toContain("**");

    await db().update(forumSessions).set({ title: "Utkast om kvantedatamaskiner, nå planlagt", status: "planned" }).where(eq(forumSessions.id, draft.id));
    expect(paths((await searchAs(null, "q=kvantedatamaskiner")).page.results.hits)).toEqual([`/forum-sessions/${draft.id}`]);
  });

  it("follows an edit, an unpublishing and a deletion made by any code path", async () => {
    const experience = await createExperienceAs(member.id, { title: "Rekruttering av sykepleiere", summary: "Hva som virket.", body: "Tekst." });
    expect(paths((await searchAs(null, "q=sykepleiere")).page.results.hits)).toEqual([`/experiences/${experience.id}`]);
    await db().update(experiences).set({ title: "Rekruttering av helsefagarbeidere" }).where(eq(experiences.id, experience.id));
    expect((await searchAs(null, "q=sykepleiere")).page.results.total).toBe(0);
    expect(paths((await searchAs(null, "q=helsefagarbeidere")).page.results.hits)).toEqual([`/experiences/${experience.id}`]);
    await db().update(experiences).set({ status: "draft" }).where(eq(experiences.id, experience.id));
    expect((await searchAs(member, "q=helsefagarbeidere")).page.results.total).toBe(0);
    await db().update(experiences).set({ status: "published" }).where(eq(experiences.id, experience.id));
    expect((await searchAs(null, "q=helsefagarbeidere")).page.results.total).toBe(1);
    await db().delete(experiences).where(eq(experiences.id, experience.id));
    expect((await searchAs(null, "q=helsefagarbeidere")).page.results.total).toBe(0);
  });

  it("shows members-only write-ups to approved members only, and drafts to nobody", async () => {
    const closed = await createExperienceAs(member.id, { title: "Beredskapsøvelse med funn", visibility: "members" });
    const draft = await createExperienceAs(member.id, { title: "Beredskapsøvelse i utkast", publish: false });
    const seen = async (viewer: TestMember | null) => paths((await searchAs(viewer, "q=beredskapsøvelse")).page.results.hits);
    expect(await seen(null)).toEqual([]);
    expect(await seen(pending)).toEqual([]);
    expect(await seen(member)).toEqual([`/experiences/${closed.id}`]);
    expect(await seen(coordinator)).toEqual([`/experiences/${closed.id}`]);
    expect((await seen(member)).includes(`/experiences/${draft.id}`)).toBe(false);
  });

  it("finds accepted solutions only, by name, supplier and component; a merged topic not at all", async () => {
    const supplier = await createOrganisation("supplier", { name: "Fjordsoft AS" });
    const accepted = await createSolution(summaryOf(member, "member"), summaryOf(coordinator, "coordinator"), { name: "Digital søknad om parkeringstillatelse", supplierIds: [supplier.id] });
    const proposed = await createSolution(summaryOf(member, "member"), summaryOf(coordinator, "coordinator"), { name: "Digital søknad om fiskekort", status: null });
    expect(paths((await searchAs(null, "q=parkeringstillatelse")).page.results.hits)).toEqual([`/solutions/${accepted.slug}`]);
    expect(paths((await searchAs(member, "q=fiskekort")).page.results.hits)).toEqual([]);
    expect(paths((await searchAs(null, "q=fjordsoft&type=solution")).page.results.hits)).toEqual([`/solutions/${accepted.slug}`]);
    expect(paths((await searchAs(null, "q=fjordsoft&type=organisation")).page.results.hits)).toEqual([`/organisations/${supplier.slug}`]);
    void proposed;

    const kept = await createTopicAs(member.id, { title: "Sosiale medier i krisekommunikasjon" });
    const merged = await createTopicAs(member.id, { title: "Krisekommunikasjon på nett" });
    await db().update(topics).set({ status: "merged", mergedIntoId: kept.id }).where(eq(topics.id, merged.id));
    expect(paths((await searchAs(null, "q=krisekommunikasjon")).page.results.hits)).toEqual([`/topics/${kept.id}`]);
  });

  it("finds a write-up by the name of its theme, in either language, after those that say the word", async () => {
    const onTheme = await createExperienceAs(member.id, { title: "Dynamisk innkjøpsordning for konsulenter", summary: "Flere tilbud.", body: "Tekst.", themeIds: [await themeId("procurement")] });
    const saysIt = await createExperienceAs(member.id, { title: "Anskaffelser av konsulenter i Bodø", summary: "Kort.", body: "Tekst." });
    expect(paths((await searchAs(null, "q=konsulenter+anskaffelser")).page.results.hits)).toEqual([`/experiences/${saysIt.id}`, `/experiences/${onTheme.id}`]);
    expect(paths((await searchAs(null, "q=procurement+konsulenter")).page.results.hits)).toEqual([`/experiences/${onTheme.id}`]);
    // A theme renamed by a coordinator is found by its new name.
    await db().update(themes).set({ nameEn: "Purchasing" }).where(eq(themes.slug, "procurement"));
    expect(paths((await searchAs(null, "q=purchasing+konsulenter")).page.results.hits)).toEqual([`/experiences/${onTheme.id}`]);
    await db().update(themes).set({ nameEn: "Procurement" }).where(eq(themes.slug, "procurement"));
  });

  it("keeps each theme's counts as write-ups gain and lose the theme, change visibility and go", async () => {
    const preparedness = await themeId("preparedness");
    const counts = async (viewer: ViewerSummary | null) => (await countsByTheme(viewer, preparedness))[0]!.counts.experiences;
    const approved = summaryOf(member, "member");
    const [visitorBefore, memberBefore] = [await counts(null), await counts(approved)];
    const open = await createExperienceAs(member.id, { title: "Kriseledelse i praksis", themeIds: [preparedness] });
    const closed = await createExperienceAs(member.id, { title: "Kriseledelse bak lukkede dører", themeIds: [preparedness], visibility: "members" });
    expect([await counts(null), await counts(approved)]).toEqual([visitorBefore + 1, memberBefore + 2]);
    await db().update(experiences).set({ visibility: "public" }).where(eq(experiences.id, closed.id));
    expect([await counts(null), await counts(approved)]).toEqual([visitorBefore + 2, memberBefore + 2]);
    await db().delete(experienceThemes).where(eq(experienceThemes.experienceId, open.id));
    await db().update(experiences).set({ status: "draft" }).where(eq(experiences.id, closed.id));
    expect([await counts(null), await counts(approved)]).toEqual([visitorBefore, memberBefore]);
  });

  it("finds a municipality by its name and its number", async () => {
    for (const typed of ["Alstahaug", "1820"]) {
      const { page } = await searchAs(null, `q=${typed}&type=municipality`);
      expect(paths(page.results.hits)).toEqual(["/municipalities/1820"]);
      expect(page.results.hits[0]!.context).toContain("Nordland");
    }
  });
});

describe("filters and counts", () => {
  let bodo: number;
  let oslo: number;
  let oldOne: number;
  beforeAll(async () => {
    bodo = (await createExperienceAs(member.id, { title: "Skolefritidsordning med digital påmelding", municipalityNumber: "1804" })).id;
    oslo = (await createExperienceAs(member.id, { title: "Skolefritidsordning og foreldrebetaling", municipalityNumber: "0301" })).id;
    oldOne = (await createExperienceAs(member.id, { title: "Skolefritidsordning i gamle dager", municipalityNumber: "1820" })).id;
    await db().insert(experienceThemes).values({ experienceId: oslo, themeId: await themeId("procurement") });
    await db().update(experiences).set({ publishedAt: new Date("2021-05-01T10:00:00Z") }).where(eq(experiences.id, oldOne));
    await createTopicAs(member.id, { title: "Skolefritidsordning for alle", municipalityNumber: "5001" });
  });

  it("counts per type and narrows by type, theme, municipality, county and dates", async () => {
    const all = (await searchAs(null, "q=skolefritidsordning")).page.results;
    expect(all.counts.experience).toBe(3);
    expect(all.counts.topic).toBe(1);
    expect(all.total).toBe(4);
    const find = async (query: string) => paths((await searchAs(null, `q=skolefritidsordning&${query}`)).page.results.hits).sort();
    expect(await find("type=topic")).toHaveLength(1);
    expect(await find("theme=procurement")).toEqual([`/experiences/${oslo}`]);
    expect(await find("municipality=1804")).toEqual([`/experiences/${bodo}`]);
    expect(await find("county=18")).toEqual([`/experiences/${bodo}`, `/experiences/${oldOne}`].sort());
    expect(await find("to=2021-12-31")).toEqual([`/experiences/${oldOne}`]);
    expect(await find("from=2022-01-01&type=experience")).toEqual([`/experiences/${bodo}`, `/experiences/${oslo}`].sort());
  });

  it("groups the best five of each type without a type chosen, and pages through one type when it is", async () => {
    for (let i = 1; i <= 6; i++) await createTopicAs(member.id, { title: `Vannmålere nummer ${i}` });
    const all = (await searchAs(null, "q=vannmålere")).page.results;
    expect(all.counts.topic).toBe(6);
    expect(all.groups.map((group) => [group.kind, group.hits.length])).toEqual([["topic", 5]]);
    expect(all.pageCount).toBe(1);
    expect((await searchAs(null, "q=vannmålere&page=2")).page.results.hits).toEqual([]);
    const topicsOnly = (await searchAs(null, "q=vannmålere&type=topic")).page.results;
    expect(topicsOnly.hits).toHaveLength(6);
    expect(topicsOnly.groups).toHaveLength(1);
  });

  it("keeps the counts of every type when one is chosen, so the others can be picked", async () => {
    const { page } = await searchAs(null, "q=skolefritidsordning&type=topic");
    expect(page.results.total).toBe(1);
    expect(page.results.counts.experience).toBe(3);
  });
});

describe("bad input gives a clear page, never a 500", () => {
  it("shows the empty search page for an empty query", async () => {
    for (const query of ["", "q=", "q=+++"]) {
      const { status, page } = await searchAs(null, query);
      expect(status).toBe(200);
      expect(page.searched).toBe(false);
      expect(page.results.hits).toEqual([]);
    }
  });

  it("refuses 5,000 characters and a query of only punctuation or tsquery syntax with a 400 and a message", async () => {
    const long = await searchAs(null, `q=${"anskaffelse ".repeat(417)}`);
    expect(long.status).toBe(400);
    expect(long.page.error).toBe("search.error.tooLong");
    for (const symbols of ["&|!():*<->", "!!!", "''", "<->", ":*"]) {
      const { status, page } = await searchAs(null, `q=${encodeURIComponent(symbols)}`);
      expect(status).toBe(400);
      expect(page.error).toBe("search.error.noWords");
    }
  });

  it("treats tsquery syntax, SQL and markup among words as text", async () => {
    for (const typed of ["anskaffelse & !trygghet | (alarm):*", "'; drop table members; --", "<script>alert(1)</script>", "a\u0000b", "x <-> y", "ø:*A"]) {
      const { status } = await searchAs(null, `q=${encodeURIComponent(typed)}`);
      expect(status).toBe(200);
    }
    const { page } = await searchAs(null, `q=${encodeURIComponent("trygghetsalarmer & !")}`);
    expect(page.results.total).toBeGreaterThan(0);
    // The SQL was a search for its words, not a statement: the members are all still there.
    expect((await db().select({ n: count() }).from(members))[0]!.n).toBeGreaterThanOrEqual(3);
  });

  it("ignores unknown filter values and answers a page far past the end with no hits", async () => {
    const { status, page } = await searchAs(null, "q=skolefritidsordning&type=secret&theme=nope&county=99&municipality=abcd&from=2024-02-30&to=yesterday");
    expect(status).toBe(200);
    expect(page.filters).toEqual({});
    expect(page.results.total).toBe(4);
    const far = await searchAs(null, "q=skolefritidsordning&page=1000000000");
    expect(far.status).toBe(200);
    expect(far.page.results.hits).toEqual([]);
  });
});
