import { createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { Feed, type Item } from "feed";
import { forumSessions, summaries, themes } from "../../db/schema";
import { experiencesForFeed } from "./experiences.server";
import { db } from "~/db.server";
import { languageFromHeaders } from "~/i18n/language.server";
import { translator, type Language } from "~/i18n/i18n";
import { markdownToPlainText } from "~/lib/markdown.server";
import { publicUrl } from "~/lib/settings.server";

/** How many entries a feed holds: the newest, as readers only ever look at the top. */
export const FEED_SIZE = 50;

export const FEED_FORMATS = ["rss", "atom"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};

/** "experiences.rss" → { name: "experiences", format: "rss" } when the name is one of `names`; else undefined. */
export function parseFeedName<Name extends string>(param: string | undefined, names: readonly Name[]): { name: Name; format: FeedFormat } | undefined {
  const match = /^([a-z-]+)\.(rss|atom)$/.exec(param ?? "");
  if (!match || !(names as readonly string[]).includes(match[1]!)) return undefined;
  return { name: match[1] as Name, format: match[2] as FeedFormat };
}

/**
 * A feed's language: the language switch's cookie when a browser sends it, else bokmål. Feed readers
 * fetch from their own servers without cookies and with their server's Accept-Language, which says
 * nothing about the subscriber: every subscriber of the same address gets the same feed.
 */
export function feedLanguage(request: Request): Promise<Language> {
  return languageFromHeaders(request.headers.get("Cookie"), null);
}

// A plain Response: a thrown data() in a resource route is logged as a failed request.
export function feedNotFound(): never {
  throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

// ——— Safe text in XML ———

// Characters XML 1.0 does not allow, even escaped (PostgreSQL text keeps all but NUL); and lone surrogates.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Plain text (a title, a summary) for an element the feed library writes as CDATA of type "html": escaped,
 * so that readers show `<b>` as text, and with no `>` left to end the CDATA early (the library splits only
 * the first "]]>", so a second one would let the rest out as XML).
 */
export function textAsHtml(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Stored, sanitised HTML for CDATA: the same HTML, with every "]]>" written as "]]&gt;" (which HTML reads alike). */
export function htmlForCdata(html: string): string {
  return html.replace(NOT_XML, "").replaceAll("]]>", "]]&gt;");
}

/** Text for the library's escaped text elements (feed title, author and category names). */
export function text(value: string): string {
  return value.replace(NOT_XML, "");
}

/**
 * The start of member-written markdown as one line of plain text, headings left out (they would run
 * into the sentence after them): a feed entry's or a share preview's description.
 */
export function plainTextStart(markdown: string, max = 300): string {
  const withoutHeadings = markdown.replace(/^ {0,3}#{1,6}(?:[ \t].*)?$/gm, "");
  const plain = markdownToPlainText(withoutHeadings).replace(/\s+/g, " ").trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}

// ——— Building and answering ———

export interface FeedPage {
  /** Path of the feed without its extension ("/feeds/experiences"): the feed's id, and its self links. */
  path: string;
  /** The HTML page the feed mirrors. */
  pagePath: string;
  title: string;
  description: string;
  language: Language;
  entries: Item[];
}

// Before any entry, a feed's time is fixed rather than "now", so that two fetches are identical.
const NO_ENTRIES_YET = new Date(0);

function build(page: FeedPage, format: FeedFormat): string {
  const origin = publicUrl();
  const updated = page.entries.reduce((newest, entry) => (entry.date > newest ? entry.date : newest), NO_ENTRIES_YET);
  const feed = new Feed({
    id: `${origin}${page.path}`,
    title: text(page.title),
    description: text(page.description),
    link: `${origin}${page.pagePath}`,
    language: page.language === "nb" ? "nb-NO" : "en-GB",
    updated,
    generator: "Kommuneforum",
    feedLinks: { rss: `${origin}${page.path}.rss`, atom: `${origin}${page.path}.atom` },
  });
  for (const entry of page.entries) feed.addItem(entry);
  return format === "rss" ? feed.rss2() : feed.atom1();
}

/**
 * The feed as a response. The ETag lets readers that poll every few minutes get a 304 when nothing
 * changed. A short public cache: the content is public and the same for everyone with the same language
 * cookie (hence Vary), and five minutes late is soon enough for a feed.
 */
function respond(request: Request, body: string, format: FeedFormat): Response {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = {
    "Content-Type": CONTENT_TYPES[format],
    "Cache-Control": "public, max-age=300",
    Vary: "Cookie",
    ETag: etag,
  };
  const asked = request.headers.get("If-None-Match");
  if (asked && asked.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { headers });
}

/** A feed page as the response for `format`: how another area's feed (a theme's) answers like these. */
export function feedResponse(request: Request, page: FeedPage, format: FeedFormat): Response {
  return respond(request, build(page, format), format);
}

// ——— Write-ups ———

async function themeBySlug(slug: string) {
  const [theme] = await db().select().from(themes).where(eq(themes.slug, slug.slice(0, 100)));
  return theme;
}

/**
 * The newest published public write-ups, of one theme when `themeSlug` is given (an unknown theme is a
 * 404). Members-only write-ups and drafts are never in a feed: readers fetch without signing in. An
 * entry's author is its lead municipality, never a person.
 */
export async function experienceFeed(request: Request, format: FeedFormat, themeSlug?: string): Promise<Response> {
  const theme = themeSlug === undefined ? undefined : await themeBySlug(themeSlug);
  if (themeSlug !== undefined && !theme) feedNotFound();
  const language = await feedLanguage(request);
  const t = translator(language);
  const origin = publicUrl();
  const rows = await experiencesForFeed(FEED_SIZE, theme?.slug);
  const themeName = theme ? (language === "nb" ? theme.nameNb : theme.nameEn) : "";
  const entries = rows.map((row): Item => {
    const url = `${origin}/experiences/${row.id}`;
    return {
      id: url,
      link: url,
      title: textAsHtml(row.title),
      description: textAsHtml(row.summary),
      content: htmlForCdata(row.bodyHtml),
      date: row.updatedAt,
      published: row.publishedAt ?? row.updatedAt,
      author: row.municipalityName ? [{ name: text(row.municipalityName) }] : undefined,
      category: row.themes.map((th) => ({ name: text(language === "nb" ? th.nameNb : th.nameEn).replace(/[<>]/g, ""), term: th.slug })),
    };
  });
  const body = build(
    {
      path: theme ? `/feeds/themes/${theme.slug}/experiences` : "/feeds/experiences",
      pagePath: theme ? `/experiences?theme=${encodeURIComponent(theme.slug)}` : "/experiences",
      title: theme ? t("feeds.experiences.themeTitle", { theme: themeName }) : t("feeds.experiences.title"),
      description: theme ? t("feeds.experiences.themeDescription", { theme: themeName }) : t("feeds.experiences.description"),
      language,
      entries,
    },
    format,
  );
  return respond(request, body, format);
}

// ——— Summaries ———

/** The newest published summaries of held forum sessions, with their session's title. */
export function summariesForFeed(limit: number) {
  return db()
    .select({
      forumSessionId: forumSessions.id,
      title: forumSessions.title,
      bodyMd: summaries.bodyMd,
      bodyHtml: summaries.bodyHtml,
      publishedAt: summaries.publishedAt,
      updatedAt: summaries.updatedAt,
    })
    .from(summaries)
    .innerJoin(forumSessions, eq(forumSessions.id, summaries.forumSessionId))
    .where(and(eq(summaries.status, "published"), eq(forumSessions.status, "held")))
    .orderBy(desc(summaries.publishedAt), desc(summaries.forumSessionId))
    .limit(limit);
}

/** Summaries of held forum sessions: each entry titled by its session and linked to the session's page. */
export async function summaryFeed(request: Request, format: FeedFormat): Promise<Response> {
  const language = await feedLanguage(request);
  const t = translator(language);
  const origin = publicUrl();
  const rows = await summariesForFeed(FEED_SIZE);
  const entries = rows.map((row): Item => {
    const url = `${origin}/forum-sessions/${row.forumSessionId}`;
    return {
      id: url,
      link: url,
      title: textAsHtml(row.title),
      description: textAsHtml(plainTextStart(row.bodyMd)),
      content: htmlForCdata(row.bodyHtml),
      date: row.updatedAt,
      published: row.publishedAt ?? row.updatedAt,
      author: [{ name: text(t("app.name")) }],
    };
  });
  const body = build(
    { path: "/feeds/summaries", pagePath: "/forum-sessions", title: t("feeds.summaries.title"), description: t("feeds.summaries.description"), language, entries },
    format,
  );
  return respond(request, body, format);
}
