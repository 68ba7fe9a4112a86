import { parseFeed } from "@rowanmanning/feed-parser";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { experiences, summaries, themes, type Experience } from "../../db/schema";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, requestAs, type TestMember } from "../helpers/members";
import { db } from "~/db.server";
import { updateExperience } from "~/experiences/experiences.server";
import { languageCookie } from "~/i18n/language.server";
import { saveSummary, unpublishSummary } from "~/forum-sessions/summaries.server";
import * as feedRoute from "~/routes/feeds.$feed";
import * as themeFeedRoute from "~/routes/feeds.themes.$theme.$feed";

const ORIGIN = "https://forum.example.no";

// Requests go to http://localhost (or a foreign host); every id and link must still come from PUBLIC_URL.
beforeAll(() => {
  process.env.PUBLIC_URL = ORIGIN;
  return () => {
    delete process.env.PUBLIC_URL;
  };
});

type Route = { loader: (args: never) => Promise<unknown> };

/** A feed as a feed reader gets it: status, headers and the body text. */
async function get(route: Route, path: string, params: Record<string, string>, headers: Record<string, string> = {}, viewer: TestMember | null = null) {
  const run = route.loader as unknown as (args: unknown) => Promise<unknown>;
  const request = requestAs(viewer, path, { headers });
  let response: unknown;
  try {
    response = await run({ request, params, context: {} });
  } catch (thrown) {
    response = thrown;
  }
  if (!(response instanceof Response)) throw new Error(`expected a Response, got ${JSON.stringify(response)}`);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

const getFeed = (feed: string, headers?: Record<string, string>, viewer?: TestMember | null) =>
  get(feedRoute, `/feeds/${feed}`, { feed }, headers, viewer);
const getThemeFeed = (theme: string, feed: string, headers?: Record<string, string>) =>
  get(themeFeedRoute, `/feeds/themes/${theme}/${feed}`, { theme, feed }, headers);

async function parsed(feed: string, headers?: Record<string, string>) {
  const response = await getFeed(feed, headers);
  expect(response.status).toBe(200);
  return { ...response, feed: parseFeed(response.body) };
}

/**
 * The HTML of each entry exactly as the XML carries it, by entry id. The parser normalises content by
 * decoding its entities (so "&lt;script&gt;" text would read as a tag): what a reader gets is checked here.
 */
function rawContents(xml: string): Map<string, string> {
  const contents = new Map<string, string>();
  for (const [block] of xml.matchAll(/<(item|entry)>[\s\S]*?<\/\1>/g)) {
    const id = /<(?:guid[^>]*|id)>([^<]*)</.exec(block)![1]!;
    const element = /<(content:encoded|content type="html")>([\s\S]*?)<\/content(?::encoded)?>/.exec(block)![2]!;
    contents.set(id, [...element.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]).join(""));
  }
  return contents;
}

const toSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);
const urlOf = (e: Pick<Experience, "id">) => `${ORIGIN}/experiences/${e.id}`;
const themeId = async (slug: string) => (await db().select().from(themes).where(eq(themes.slug, slug)))[0]!.id;
const stored = async (id: number) => (await db().select().from(experiences).where(eq(experiences.id, id)))[0]!;

const HOSTILE_BODY = [
  "Vi prøvde <script>alert('body')</script> og <img src=x onerror=alert('img')>.",
  "",
  "[lenke](javascript:alert('link')) og [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "",
  "<svg onload=alert('svg')><circle r=1 /></svg>",
  "",
  "<iframe src=\"https://attacker.example/\"></iframe>",
  "",
  "Slutt ]]> og ]]> <b>fet</b> **ekte fet**",
].join("\n");
// A title with CDATA enders, markup and a character XML does not allow.
const HOSTILE_TITLE = "Angrep ]]> ]]><script>alert('title')</script> & <b>fet</b>\u0001 slutt";

let author: TestMember;
let staff: TestMember;
let coordinator: TestMember;
let publicProcurement: Experience;
let hostile: Experience;
let membersOnly: Experience;
let draft: Experience;

beforeAll(async () => {
  author = await createMember("member", { name: "Kari Skribent", email: "kari.skribent@bodo.example.no", municipalityNumber: "1804" });
  staff = await createMember("member", { name: "Ola Medforfatter" });
  coordinator = await createMember("coordinator", { name: "Kim Koordinator" });
  const procurement = await themeId("procurement");
  const prevention = await themeId("prevention");
  publicProcurement = await createExperienceAs(author.id, {
    title: "Felles anskaffelse av velferdsteknologi på Helgeland",
    summary: "Sju kommuner kjøpte inn sammen & sparte tid.",
    body: "Vi brukte **dynamisk innkjøpsordning**.",
    themeIds: [procurement],
  });
  hostile = await createExperienceAs(author.id, { title: HOSTILE_TITLE, summary: "Oppsummering <i>med</i> markup", body: HOSTILE_BODY, themeIds: [prevention] });
  membersOnly = await createExperienceAs(author.id, { title: "Bare for medlemmer: anskaffelsesstrategi", visibility: "members", themeIds: [procurement] });
  draft = await createExperienceAs(author.id, { title: "Et utkast om anskaffelser", themeIds: [procurement], publish: false });
  // Distinct published and updated times, as after days of edits: the feed must carry the stored ones.
  await db()
    .update(experiences)
    .set({ publishedAt: new Date("2026-01-05T09:00:00Z"), updatedAt: new Date("2026-01-07T10:30:00Z") })
    .where(eq(experiences.id, publicProcurement.id));
  await db()
    .update(experiences)
    .set({ publishedAt: new Date("2026-02-01T08:00:00Z"), updatedAt: new Date("2026-02-01T08:00:00Z") })
    .where(inArray(experiences.id, [hostile.id, membersOnly.id]));
});

describe("the write-up feeds", () => {
  it("offer the published public write-ups as RSS and Atom, each entry with its absolute id, link, summary, HTML, dates and municipality", async () => {
    for (const format of ["rss", "atom"] as const) {
      const { headers, feed, body } = await parsed(`experiences.${format}`);
      expect(headers.get("Content-Type")).toBe(format === "rss" ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8");
      expect(feed.meta.type).toBe(format);
      expect(feed.title).toBe("Erfaringer – Kommuneforum");
      expect(feed.url).toBe(`${ORIGIN}/experiences`);
      expect(feed.items.map((item) => item.id)).toEqual([urlOf(hostile), urlOf(publicProcurement)]);
      const item = feed.items.find((i) => i.id === urlOf(publicProcurement))!;
      expect(item.url).toBe(urlOf(publicProcurement));
      expect(item.title).toBe("Felles anskaffelse av velferdsteknologi på Helgeland");
      expect(item.description).toBe("Sju kommuner kjøpte inn sammen & sparte tid.");
      expect(rawContents(body).get(urlOf(publicProcurement))).toBe((await stored(publicProcurement.id)).bodyHtml);
      expect(item.content).toContain("<strong>dynamisk innkjøpsordning</strong>");
      expect(item.authors.map((a) => a.name)).toEqual(["Bodø"]);
      expect(item.categories.map((c) => c.label)).toEqual(["Anskaffelser"]);
      expect(item.published).toEqual(new Date("2026-01-05T09:00:00Z"));
      if (format === "atom") expect(item.updated).toEqual(new Date("2026-01-07T10:30:00Z"));
      // The feed's own time is its newest entry's: no "now" that changes on every fetch.
      expect(feed.updated ?? feed.published).toEqual(new Date("2026-02-01T08:00:00Z"));
    }
  });

  it("never names or mails the people who wrote them", async () => {
    for (const feed of ["experiences.rss", "experiences.atom"]) {
      const { body } = await getFeed(feed);
      expect(body).not.toContain("Kari Skribent");
      expect(body).not.toContain("kari.skribent");
      expect(body).not.toMatch(/@/);
    }
  });

  it("leave out members-only write-ups and drafts, even for a signed-in member", async () => {
    for (const viewer of [null, staff, coordinator]) {
      for (const feed of ["experiences.rss", "experiences.atom"]) {
        const { body } = await getFeed(feed, {}, viewer);
        const ids = parseFeed(body).items.map((item) => item.id);
        expect(ids).not.toContain(urlOf(membersOnly));
        expect(ids).not.toContain(urlOf(draft));
        expect(body).not.toContain("Bare for medlemmer");
        expect(body).not.toContain("Et utkast");
      }
    }
  });

  it("make hostile markdown and titles harmless, and stay well-formed", async () => {
    for (const format of ["rss", "atom"] as const) {
      const { body, feed } = await parsed(`experiences.${format}`);
      // No element the writer typed comes through as markup: not in the XML, not in the HTML a reader shows.
      for (const tag of ["script", "img", "svg", "iframe", "b", "i"]) expect(body).not.toMatch(new RegExp(`<${tag}[\\s>]`, "i"));
      const item = feed.items.find((i) => i.id === urlOf(hostile))!;
      expect(item.title).toBe("Angrep ]]> ]]><script>alert('title')</script> & <b>fet</b> slutt");
      expect(item.description).toBe("Oppsummering <i>med</i> markup");
      const html = rawContents(body).get(urlOf(hostile))!;
      expect(html).toBe((await stored(hostile.id)).bodyHtml.replaceAll("]]>", "]]&gt;"));
      expect(html).toContain("<strong>ekte fet</strong>");
      expect(html).not.toMatch(/<(script|img|svg|iframe|b)[\s>]/i);
      expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|data):/i);
    }
  });

  it("are the same on two fetches, and move on when a write-up is edited", async () => {
    const first = await getFeed("experiences.atom");
    const second = await getFeed("experiences.atom");
    expect(second.body).toBe(first.body);
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
    // A reader that has it already is told nothing changed.
    const again = await getFeed("experiences.atom", { "If-None-Match": first.headers.get("ETag")! });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");

    const before = await stored(publicProcurement.id);
    const result = await updateExperience(
      { id: author.id, name: author.name, role: "member", status: "approved", municipalityNumber: "1804" },
      publicProcurement.id,
      {
        title: before.title,
        summary: "Sju kommuner kjøpte inn sammen.",
        body: before.bodyMd,
        themeIds: [await themeId("procurement")],
        visibility: "public",
        municipalities: [],
        forumSessionId: null,
        agendaItemId: null,
        topicId: null,
        procurement: null,
        revision: before.revision,
        publish: true,
      },
    );
    expect(result.ok).toBe(true);
    const after = await stored(publicProcurement.id);
    const { feed, body, headers } = await parsed("experiences.atom");
    expect(body).not.toBe(first.body);
    expect(headers.get("ETag")).not.toBe(first.headers.get("ETag"));
    const item = feed.items.find((i) => i.id === urlOf(publicProcurement))!;
    expect(item.id).toBe(urlOf(publicProcurement));
    expect(item.description).toBe("Sju kommuner kjøpte inn sammen.");
    expect(item.updated).toEqual(after.updatedAt);
    expect(item.published).toEqual(new Date("2026-01-05T09:00:00Z"));
    expect(feed.updated).toEqual(after.updatedAt);
  });

  it("take ids and links from PUBLIC_URL, whatever Host the request came with", async () => {
    for (const feed of ["experiences.rss", "experiences.atom", "summaries.rss", "summaries.atom"]) {
      const run = feedRoute.loader as unknown as (args: unknown) => Promise<Response>;
      const request = new Request(`http://evil.example/feeds/${feed}`, { headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example" } });
      const body = await (await run({ request, params: { feed }, context: {} })).text();
      expect(body).not.toContain("evil.example");
      expect(body).toContain(`${ORIGIN}/`);
      const local = await getFeed(feed);
      expect(body).toBe(local.body);
    }
  });

  it("are in bokmål unless the language switch's cookie says English", async () => {
    expect((await parsed("experiences.rss")).feed.language).toBe("nb-NO");
    // A reader's Accept-Language is its server's, not the subscriber's: it does not change the feed.
    expect((await parsed("experiences.rss", { "Accept-Language": "en" })).feed.title).toBe("Erfaringer – Kommuneforum");
    const cookie = (await languageCookie.serialize("en")).split(";")[0]!;
    const english = await parsed("experiences.rss", { Cookie: cookie });
    expect(english.feed.title).toBe("Write-ups – Kommuneforum");
    expect(english.feed.language).toBe("en-GB");
    expect(english.feed.items.find((i) => i.id === urlOf(publicProcurement))!.categories.map((c) => c.label)).toEqual(["Procurement"]);
    expect(english.headers.get("Vary")).toBe("Cookie");
  });
});

describe("a theme's feed", () => {
  it("holds only that theme's published public write-ups", async () => {
    for (const format of ["rss", "atom"] as const) {
      const response = await getThemeFeed("procurement", `experiences.${format}`);
      expect(response.status).toBe(200);
      const feed = parseFeed(response.body);
      expect(feed.title).toBe("Erfaringer: Anskaffelser – Kommuneforum");
      expect(feed.url).toBe(`${ORIGIN}/experiences?theme=procurement`);
      expect(feed.items.map((item) => item.id)).toEqual([urlOf(publicProcurement)]);
      expect(response.body).not.toContain("Bare for medlemmer");
      expect(response.body).not.toContain("Et utkast");
      expect(feed.items[0]!.id).toMatch(/^https:\/\/forum\.example\.no\/experiences\/\d+$/);
    }
    const prevention = parseFeed((await getThemeFeed("prevention", "experiences.atom")).body);
    expect(prevention.items.map((item) => item.id)).toEqual([urlOf(hostile)]);
  });

  it("is empty but well-formed and stable for a theme with no write-ups", async () => {
    const first = await getThemeFeed("leadership", "experiences.atom");
    expect(first.status).toBe(200);
    expect(parseFeed(first.body).items).toEqual([]);
    expect((await getThemeFeed("leadership", "experiences.atom")).body).toBe(first.body);
  });

  it("is a 404 for an unknown theme or feed", async () => {
    for (const [theme, feed] of [
      ["no-such-theme", "experiences.rss"],
      ["procurement", "summaries.rss"],
      ["procurement", "experiences.json"],
      ["procurement", "experiences"],
      ["<script>", "experiences.atom"],
    ] as const) {
      expect((await getThemeFeed(theme, feed)).status).toBe(404);
    }
  });
});

describe("the summaries feed", () => {
  it("holds the published summaries of held forum sessions, titled and linked by their session", async () => {
    const published = await createForumSessionAs(coordinator.id, "held", { title: "Velferdsteknologi i praksis" });
    const draftOnly = await createForumSessionAs(coordinator.id, "held", { title: "Utkastmøtet" });
    const withdrawn = await createForumSessionAs(coordinator.id, "held", { title: "Tilbaketrukket oppsummering" });
    const saved = await saveSummary(coordinator.id, published.id, { bodyMd: "Vi snakket om **sensorer** og <script>alert(1)</script>.", version: 0, publish: true });
    expect(saved.ok).toBe(true);
    await saveSummary(coordinator.id, draftOnly.id, { bodyMd: "Ikke ferdig.", version: 0, publish: false });
    await saveSummary(coordinator.id, withdrawn.id, { bodyMd: "Publisert og trukket.", version: 0, publish: true });
    expect((await unpublishSummary(coordinator.id, withdrawn.id, { version: 1 })).ok).toBe(true);
    const [summary] = await db().select().from(summaries).where(eq(summaries.forumSessionId, published.id));

    for (const format of ["rss", "atom"] as const) {
      const { headers, feed, body } = await parsed(`summaries.${format}`);
      expect(headers.get("Content-Type")).toBe(format === "rss" ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8");
      expect(feed.title).toBe("Oppsummeringer fra forummøtene – Kommuneforum");
      expect(feed.url).toBe(`${ORIGIN}/forum-sessions`);
      expect(feed.items.map((item) => item.id)).toEqual([`${ORIGIN}/forum-sessions/${published.id}`]);
      const item = feed.items[0]!;
      expect(item.url).toBe(`${ORIGIN}/forum-sessions/${published.id}`);
      expect(item.title).toBe("Velferdsteknologi i praksis");
      expect(rawContents(body).get(item.id!)).toBe(summary!.bodyHtml);
      expect(item.content).toContain("<strong>sensorer</strong>");
      expect(item.description).toBe("Vi snakket om sensorer og <script>alert(1)</script>.");
      expect(body).not.toMatch(/<script/i);
      // RSS dates are to the second.
      expect(item.published).toEqual(format === "rss" ? toSecond(summary!.publishedAt!) : summary!.publishedAt);
      if (format === "atom") {
        expect(item.updated).toEqual(summary!.updatedAt);
        expect(feed.updated).toEqual(summary!.updatedAt);
      }
      expect(body).not.toContain("Utkastmøtet");
      expect(body).not.toContain("Tilbaketrukket");
      expect(body).not.toContain("Kim Koordinator");
    }
    const again = await getFeed("summaries.rss");
    expect((await getFeed("summaries.rss")).body).toBe(again.body);
  });
});

describe("feed addresses", () => {
  it("answer 404 for any feed that does not exist", async () => {
    for (const feed of ["experiences.json", "experiences", "summaries", "topics.rss", "experiences.rss.xml", "EXPERIENCES.RSS", "summaries.atom "]) {
      const response = await getFeed(feed);
      expect(response.status, feed).toBe(404);
    }
  });
});
