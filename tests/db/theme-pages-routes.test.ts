import { parseFeed } from "@rowanmanning/feed-parser";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { experiences, forumSessions, forumSessionThemes, solutions, themes, topics, topicThemes } from "../../db/schema";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createSolution } from "../helpers/solutions";
import { createTopicAs } from "../helpers/topics";
import { db } from "~/db.server";
import { setFollow } from "~/experiences/experiences.server";
import { experienceListHref } from "~/experiences/experience-list-query";
import { languageCookie } from "~/i18n/language.server";
import { sessionCookieName } from "~/members/auth-sessions.server";
import type { ViewerSummary } from "~/members/rights";
import * as experienceList from "~/routes/experiences._index";
import * as solutionList from "~/routes/solutions._index";
import * as themePage from "~/routes/themes.$slug._index";
import * as atomRoute from "~/routes/themes.$slug.feed[.atom]";
import * as rssRoute from "~/routes/themes.$slug.feed[.rss]";
import * as themeList from "~/routes/themes._index";
import * as topicList from "~/routes/topics._index";
import { catalogueHref } from "~/solutions/catalogue-list-query";
import { topicListHref } from "~/topics/topic-list-query";

const ORIGIN = "https://forum.example.no";

// Requests go to http://localhost; every feed link must still come from PUBLIC_URL.
beforeAll(() => {
  process.env.PUBLIC_URL = ORIGIN;
  return () => {
    delete process.env.PUBLIC_URL;
  };
});

type Viewer = TestMember | null;
type ListData = Awaited<ReturnType<typeof themeList.loader>>;
type PageData = Awaited<ReturnType<typeof themePage.loader>>;
type Route = { loader: (args: never) => unknown };

async function load(route: Route, viewer: Viewer, path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const run = route.loader as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request: requestAs(viewer, path, { headers }), params, context: {} }));
}
async function listOfThemes(viewer: Viewer, headers: Record<string, string> = {}) {
  const result = await load(themeList, viewer, "/themes", {}, headers);
  expect(result.status).toBe(200);
  return result.data as ListData;
}
async function pageOf(viewer: Viewer, slug: string, headers: Record<string, string> = {}) {
  const result = await load(themePage, viewer, `/themes/${slug}`, { slug }, headers);
  expect(result.status).toBe(200);
  return result.data as PageData;
}
/** A feed as a reader gets it: the loader's Response, thrown or returned. */
async function feedOf(format: "atom" | "rss", slug: string, viewer: Viewer = null) {
  const route = format === "atom" ? atomRoute : rssRoute;
  let response: unknown;
  try {
    response = await (route.loader as unknown as (args: unknown) => Promise<unknown>)({
      request: requestAs(viewer, `/themes/${slug}/feed.${format}`),
      params: { slug },
      context: {},
    });
  } catch (thrown) {
    response = thrown;
  }
  if (!(response instanceof Response)) throw new Error(`expected a Response, got ${String(response)}`);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

const summary = (m: TestMember, role: ViewerSummary["role"]): ViewerSummary => ({ id: m.id, name: m.name, role, status: "approved", municipalityNumber: "1833" });
const ids = (rows: readonly { id: number }[]) => rows.map((row) => row.id);

let roles: Awaited<ReturnType<typeof everyRole>>;
let themeId: Record<string, number>;
// On prevention: what everyone sees, what members see, and what nobody sees on a theme's page.
const seen = { sessions: [] as number[], topics: [] as number[], experiences: [] as number[], solutions: [] as number[] };
let heldSession: number;
let plannedSession: number;
let draftSession: number;
let olderTopic: number;
let newerTopic: number;
let mergedTopic: number;
let publicWriteUp: number;
let membersOnlyWriteUp: number;
let draftWriteUp: number;
let pilotSolution: number;
let inUseSolution: number;
let proposedSolution: number;

async function sessionOn(status: "held" | "planned" | "draft", title: string, createdAt: string, startsAt?: string) {
  const session = await createForumSessionAs(roles.coordinator.id, status, {
    title,
    ...(startsAt ? { startsAt: `${startsAt}T10:00`, endsAt: `${startsAt}T12:00` } : {}),
  });
  await db().insert(forumSessionThemes).values({ forumSessionId: session.id, themeId: themeId.prevention! });
  await db().update(forumSessions).set({ createdAt: new Date(createdAt) }).where(eq(forumSessions.id, session.id));
  return session.id;
}

beforeAll(async () => {
  roles = await everyRole();
  themeId = Object.fromEntries((await db().select().from(themes)).map((theme) => [theme.slug, theme.id]));
  const prevention = [themeId.prevention!];
  const member = roles.member.id;
  const coordinator = summary(roles.coordinator, "coordinator");

  heldSession = await sessionOn("held", "Forebygging i praksis", "2025-12-01T09:00:00Z", "2024-03-14");
  plannedSession = await sessionOn("planned", "Forebygging og velferdsteknologi", "2026-01-10T09:00:00Z", "2030-05-02");
  draftSession = await sessionOn("draft", "Utkast: hemmelig forummøte om forebygging", "2026-03-01T09:00:00Z", "2031-01-09");

  olderTopic = (await createTopicAs(member, { title: "Forebyggende hjemmebesøk", themeIds: prevention })).id;
  newerTopic = (await createTopicAs(member, { title: "Tidlig innsats for eldre", themeIds: prevention })).id;
  mergedTopic = (await createTopicAs(member, { title: "Sammenslått: forebyggende besøk", themeIds: prevention })).id;
  await db().update(topics).set({ createdAt: new Date("2026-01-02T09:00:00Z") }).where(eq(topics.id, olderTopic));
  await db().update(topics).set({ createdAt: new Date("2026-01-20T09:00:00Z") }).where(eq(topics.id, newerTopic));
  await db()
    .update(topics)
    .set({ status: "merged", mergedIntoId: olderTopic, createdAt: new Date("2026-03-01T09:00:00Z") })
    .where(eq(topics.id, mergedTopic));

  publicWriteUp = (await createExperienceAs(member, { title: "Forebygging av fall i Bodø", themeIds: prevention })).id;
  membersOnlyWriteUp = (await createExperienceAs(member, { title: "Bare for medlemmer: forebyggingsbudsjettet", visibility: "members", themeIds: prevention })).id;
  draftWriteUp = (await createExperienceAs(member, { title: "Et utkast om forebygging", themeIds: prevention, publish: false })).id;
  await createExperienceAs(member, { title: "Anskaffelse uten forebygging", themeIds: [themeId.procurement!] });
  await db().update(experiences).set({ publishedAt: new Date("2026-01-05T09:00:00Z") }).where(eq(experiences.id, publicWriteUp));
  await db().update(experiences).set({ publishedAt: new Date("2026-02-01T09:00:00Z") }).where(eq(experiences.id, membersOnlyWriteUp));

  const proposer = summary(roles.member, "member");
  pilotSolution = (await createSolution(proposer, coordinator, { name: "Fallsensor for hjemmeboende", status: "pilot", themeIds: prevention })).id;
  inUseSolution = (await createSolution(proposer, coordinator, { name: "Digital trygghetsalarm", status: "in_use", themeIds: prevention })).id;
  proposedSolution = (await createSolution(proposer, coordinator, { name: "Ikke vurdert: forebyggingsappen", status: null, themeIds: prevention })).id;
  await db().update(solutions).set({ reviewedAt: new Date("2026-01-08T09:00:00Z") }).where(eq(solutions.id, pilotSolution));
  await db().update(solutions).set({ reviewedAt: new Date("2026-01-15T09:00:00Z") }).where(eq(solutions.id, inUseSolution));

  Object.assign(seen, {
    sessions: [plannedSession, heldSession],
    topics: [newerTopic, olderTopic],
    experiences: [membersOnlyWriteUp, publicWriteUp],
    solutions: [inUseSolution, pilotSolution],
  });
});

describe("the list of themes", () => {
  it("shows every theme with what a visitor may see on it, counted by kind", async () => {
    const data = await listOfThemes(null);
    expect(data.themes.map((theme) => theme.slug).sort()).toEqual(
      ["collaboration", "competence", "implementation", "leadership", "preparedness", "prevention", "procurement"].sort(),
    );
    const bySlug = Object.fromEntries(data.themes.map((theme) => [theme.slug, theme]));
    expect(bySlug.prevention!.counts).toEqual({ forumSessions: 2, topics: 2, experiences: 1, solutions: 2 });
    expect(bySlug.procurement!.counts).toEqual({ forumSessions: 0, topics: 0, experiences: 1, solutions: 0 });
    expect(bySlug.leadership!.counts).toEqual({ forumSessions: 0, topics: 0, experiences: 0, solutions: 0 });
  });

  it("counts a members-only write-up for approved members only, and never a draft session, a proposal or a draft write-up", async () => {
    const counts = async (viewer: Viewer) => (await listOfThemes(viewer)).themes.find((theme) => theme.slug === "prevention")!.counts;
    expect(await counts(roles.pending)).toEqual({ forumSessions: 2, topics: 2, experiences: 1, solutions: 2 });
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) {
      expect(await counts(viewer)).toEqual({ forumSessions: 2, topics: 2, experiences: 2, solutions: 2 });
    }
  });

  it("names the themes in the reader's language, in alphabetical order", async () => {
    const norwegian = await listOfThemes(null);
    expect(norwegian.themes.map((theme) => theme.name)).toEqual([
      "Anskaffelser",
      "Beredskap",
      "Forebygging",
      "Implementering",
      "Kompetanse",
      "Ledelse",
      "Samarbeid",
    ]);
    const english = await listOfThemes(null, { "Accept-Language": "en-GB,en;q=0.9" });
    expect(english.themes.map((theme) => theme.name)).toEqual([
      "Collaboration",
      "Competence",
      "Implementation",
      "Leadership",
      "Preparedness",
      "Prevention",
      "Procurement",
    ]);
  });
});

describe("a theme's page", () => {
  it("gives the theme's name in the reader's language, by browser or by the language switch", async () => {
    expect((await pageOf(null, "prevention")).theme.name).toBe("Forebygging");
    expect((await pageOf(null, "prevention", { "Accept-Language": "en" })).theme.name).toBe("Prevention");
    const cookie = (await languageCookie.serialize("en")).split(";")[0]!;
    // A signed-in member's request carries both cookies (requestAs would put the session's alone).
    const member = await pageOf(null, "prevention", { Cookie: `${sessionCookieName()}=${roles.member.token}; ${cookie}`, "Accept-Language": "nb" });
    expect(member.theme.name).toBe("Prevention");
    expect(member.viewerState).toBe("member");
  });

  it("lists each kind newest first, with the counts, for a visitor", async () => {
    const data = await pageOf(null, "prevention");
    expect(data.counts).toEqual({ forumSessions: 2, topics: 2, experiences: 1, solutions: 2 });
    expect(ids(data.sessions)).toEqual(seen.sessions);
    expect(ids(data.topics)).toEqual(seen.topics);
    expect(ids(data.experiences)).toEqual([publicWriteUp]);
    expect(ids(data.solutions)).toEqual(seen.solutions);
    // The cues each row shows: a session's status and date, a topic's status, a solution's scaling status.
    expect(data.sessions.map((s) => s.status)).toEqual(["planned", "held"]);
    expect(data.topics.map((t) => t.status)).toEqual(["proposed", "proposed"]);
    expect(data.solutions.map((s) => s.status)).toEqual(["in_use", "pilot"]);
    expect(data.experiences[0]!.municipalityName).toBe("Bodø");
  });

  it("shows a members-only write-up to approved members, not to a visitor or a pending member", async () => {
    for (const viewer of [null, roles.pending]) {
      const data = await pageOf(viewer, "prevention");
      expect(ids(data.experiences)).toEqual([publicWriteUp]);
      expect(data.counts.experiences).toBe(1);
    }
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) {
      const data = await pageOf(viewer, "prevention");
      expect(ids(data.experiences)).toEqual(seen.experiences);
      expect(data.experiences.map((e) => e.visibility)).toEqual(["members", "public"]);
      expect(data.counts.experiences).toBe(2);
    }
  });

  it("never lists a draft session, a merged topic, a draft write-up or a solution not yet accepted, not even for a coordinator", async () => {
    for (const viewer of [null, roles.pending, roles.member, roles.coordinator, roles.admin]) {
      const data = await pageOf(viewer, "prevention");
      expect(ids(data.sessions)).not.toContain(draftSession);
      expect(ids(data.topics)).not.toContain(mergedTopic);
      expect(ids(data.experiences)).not.toContain(draftWriteUp);
      expect(ids(data.solutions)).not.toContain(proposedSolution);
      expect(JSON.stringify(data)).not.toMatch(/Utkast: hemmelig|Et utkast om|Ikke vurdert|Sammenslått/);
    }
  });

  it("counts what each area's list, filtered by the theme, shows the same viewer (its 'see all' link)", async () => {
    for (const viewer of [null, roles.pending, roles.member]) {
      const { counts } = await pageOf(viewer, "prevention");
      const total = async (route: Route, href: string) => {
        const result = await load(route, viewer, href);
        expect(result.status).toBe(200);
        return (result.data as { total: number }).total;
      };
      expect(await total(topicList, topicListHref({ sort: "newest", themeSlug: "prevention" }))).toBe(counts.topics);
      expect(await total(experienceList, experienceListHref({ sort: "newest", themeSlug: "prevention" }))).toBe(counts.experiences);
      expect(await total(solutionList, catalogueHref({ sort: "newest", themeSlug: "prevention" }))).toBe(counts.solutions);
    }
  });

  it("shows at most ten of a kind, while counting them all", async () => {
    const rows = await db()
      .insert(topics)
      .values(Array.from({ length: 12 }, (_, i) => ({ title: `Kompetanse ${i + 1}`, createdAt: new Date(Date.UTC(2025, 0, i + 1)) })))
      .returning({ id: topics.id });
    await db().insert(topicThemes).values(rows.map((row) => ({ topicId: row.id, themeId: themeId.competence! })));
    const data = await pageOf(null, "competence");
    expect(data.counts.topics).toBe(12);
    expect(ids(data.topics)).toEqual(ids(rows).reverse().slice(0, 10));
  });

  it("offers an approved member to follow the theme, and shows when they do", async () => {
    expect((await pageOf(roles.member, "preparedness")).following).toBe(false);
    expect((await pageOf(roles.member, "preparedness")).viewerState).toBe("member");
    await setFollow(roles.member.id, { themeId: themeId.preparedness! }, true);
    expect((await pageOf(roles.member, "preparedness")).following).toBe(true);
    expect((await pageOf(roles.pending, "preparedness")).viewerState).toBe("pending");
    expect((await pageOf(null, "preparedness")).viewerState).toBe("anonymous");
  });

  it("is a 404 for a theme that does not exist", async () => {
    for (const viewer of [null, roles.coordinator]) {
      expect((await load(themePage, viewer, "/themes/no-such-theme", { slug: "no-such-theme" })).status).toBe(404);
    }
  });
});

describe("a theme's feed", () => {
  const url = (path: string) => `${ORIGIN}${path}`;

  it("has the theme's public items of all four kinds, newest first, each with an absolute link from PUBLIC_URL", async () => {
    for (const format of ["atom", "rss"] as const) {
      const { status, headers, body } = await feedOf(format, "prevention");
      expect(status).toBe(200);
      expect(headers.get("Content-Type")).toBe(format === "atom" ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
      const feed = parseFeed(body);
      expect(feed.title).toBe("Forebygging – Kommuneforum");
      expect(feed.url).toBe(url("/themes/prevention"));
      const inUseSlug = (await db().select().from(solutions).where(eq(solutions.id, inUseSolution)))[0]!.slug;
      const pilotSlug = (await db().select().from(solutions).where(eq(solutions.id, pilotSolution)))[0]!.slug;
      // Topic 20.1, solution 15.1, session announced 10.1, solution 8.1, write-up 5.1, topic 2.1, session 1.12.
      expect(feed.items.map((item) => item.url)).toEqual([
        url(`/topics/${newerTopic}`),
        url(`/solutions/${inUseSlug}`),
        url(`/forum-sessions/${plannedSession}`),
        url(`/solutions/${pilotSlug}`),
        url(`/experiences/${publicWriteUp}`),
        url(`/topics/${olderTopic}`),
        url(`/forum-sessions/${heldSession}`),
      ]);
      for (const item of feed.items) {
        expect(item.id!.startsWith(`${ORIGIN}/`)).toBe(true);
        expect(new URL(item.url!).origin).toBe(ORIGIN);
      }
      expect(feed.items[0]!.title).toBe("Tema: Tidlig innsats for eldre");
      expect(feed.items[4]!.title).toBe("Erfaring: Forebygging av fall i Bodø");
    }
  });

  it("leaves out members-only write-ups, drafts, merged topics and proposals, even for a signed-in member", async () => {
    for (const viewer of [null, roles.member, roles.coordinator]) {
      for (const format of ["atom", "rss"] as const) {
        const { body } = await feedOf(format, "prevention", viewer);
        const links = parseFeed(body).items.map((item) => item.url);
        expect(links).not.toContain(url(`/experiences/${membersOnlyWriteUp}`));
        expect(links).not.toContain(url(`/experiences/${draftWriteUp}`));
        expect(links).not.toContain(url(`/forum-sessions/${draftSession}`));
        expect(links).not.toContain(url(`/topics/${mergedTopic}`));
        expect(body).not.toMatch(/Bare for medlemmer|Et utkast om|Utkast: hemmelig|Ikke vurdert|Sammenslått/);
        // No person is named: the people who wrote are members, a feed is for anyone.
        expect(body).not.toContain(roles.member.name);
        expect(body).not.toMatch(/@/);
      }
    }
  });

  it("holds the newest thirty", async () => {
    const rows = await db()
      .insert(topics)
      .values(Array.from({ length: 32 }, (_, i) => ({ title: `Samarbeid ${i + 1}`, createdAt: new Date(Date.UTC(2025, 1, i + 1)) })))
      .returning({ id: topics.id });
    await db().insert(topicThemes).values(rows.map((row) => ({ topicId: row.id, themeId: themeId.collaboration! })));
    const feed = parseFeed((await feedOf("atom", "collaboration")).body);
    expect(feed.items.map((item) => item.url)).toEqual(
      ids(rows)
        .reverse()
        .slice(0, 30)
        .map((id) => url(`/topics/${id}`)),
    );
  });

  it("carries a hostile title as text, and stays well-formed", async () => {
    const hostile = "Angrep ]]> <script>alert('x')</script> & <b>fet</b>";
    await createTopicAs(roles.member.id, { title: hostile, description: "<img src=x onerror=alert(1)> **fet**", themeIds: [themeId.leadership!] });
    for (const format of ["atom", "rss"] as const) {
      const { body } = await feedOf(format, "leadership");
      for (const tag of ["script", "img", "b"]) expect(body).not.toMatch(new RegExp(`<${tag}[\\s>]`, "i"));
      expect(parseFeed(body).items[0]!.title).toBe(`Tema: ${hostile}`);
    }
  });

  it("is in English for a reader who chose it", async () => {
    const cookie = (await languageCookie.serialize("en")).split(";")[0]!;
    const run = atomRoute.loader as unknown as (args: unknown) => Promise<Response>;
    const response = await run({ request: requestAs(null, "/themes/prevention/feed.atom", { headers: { Cookie: cookie } }), params: { slug: "prevention" }, context: {} });
    const feed = parseFeed(await response.text());
    expect(feed.title).toBe("Prevention – Kommuneforum");
    expect(feed.items[0]!.title).toBe("Topic: Tidlig innsats for eldre");
  });

  it("is a 404 for a theme that does not exist", async () => {
    for (const format of ["atom", "rss"] as const) expect((await feedOf(format, "no-such-theme")).status).toBe(404);
  });
});
