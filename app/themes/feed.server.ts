import { and, desc, eq, sql } from "drizzle-orm";
import type { Item } from "feed";
import { forumSessions, municipalities, organisations, solutions, topics } from "../../db/schema";
import { KIND_TEXT, type ThemeKind } from "./theme-kinds";
import { getThemeBySlug, listedSessions, listedTopics, onTheme, themeName } from "./themes.server";
import { db } from "~/db.server";
import {
  feedLanguage,
  feedNotFound,
  feedResponse,
  htmlForCdata,
  plainTextStart,
  text as feedText,
  textAsHtml,
  type FeedFormat,
} from "~/experiences/feeds.server";
import { feedExperienceRows } from "~/experiences/experiences.server";
import { translator } from "~/i18n/i18n";
import { publicUrl } from "~/lib/settings.server";
import { listedSolutions } from "~/solutions/solutions.server";

/** How many entries a theme's feed holds, of all four kinds together. */
const THEME_FEED_SIZE = 30;

/** The path of a theme's feed without its extension (".atom", ".rss"): its id, and the page's links to it. */
export const themeFeedPath = (slug: string) => `/themes/${encodeURIComponent(slug)}/feed`;

interface Entry {
  kind: ThemeKind;
  id: number;
  /** The page's path (a solution's, by slug) and the entry's lasting id (a solution's, by id: a slug may change). */
  path: string;
  idPath: string;
  title: string;
  description: string;
  html: string;
  /** When it came out: a session announced (created), a topic proposed, a write-up published, a solution accepted. */
  published: Date;
  updated: Date;
  /** Never a person: a municipality or an organisation. */
  by: string | null;
}

/**
 * The newest public items of the theme, each kind read by its own index and newest first, then merged.
 * Public only, whoever asks: feed readers fetch without signing in, so no members-only write-up, no draft
 * session, no proposal, no merged topic.
 */
async function entriesOnTheme(theme: { id: number; slug: string }, limit: number): Promise<Entry[]> {
  const [sessionRows, topicRows, experienceRows, solutionRows] = await Promise.all([
    db()
      .select({
        id: forumSessions.id,
        title: forumSessions.title,
        descriptionMd: forumSessions.descriptionMd,
        descriptionHtml: forumSessions.descriptionHtml,
        createdAt: forumSessions.createdAt,
        updatedAt: forumSessions.updatedAt,
      })
      .from(forumSessions)
      .where(and(listedSessions, onTheme.forumSessions(theme.id)))
      .orderBy(desc(forumSessions.createdAt), desc(forumSessions.id))
      .limit(limit),
    db()
      .select({
        id: topics.id,
        title: topics.title,
        descriptionMd: topics.descriptionMd,
        descriptionHtml: topics.descriptionHtml,
        createdAt: topics.createdAt,
        updatedAt: topics.updatedAt,
        municipalityName: municipalities.name,
      })
      .from(topics)
      .leftJoin(municipalities, eq(municipalities.number, topics.municipalityNumber))
      .where(and(listedTopics, onTheme.topics(theme.id)))
      .orderBy(desc(topics.createdAt), desc(topics.id))
      .limit(limit),
    feedExperienceRows(limit, theme.slug),
    db()
      .select({
        id: solutions.id,
        slug: solutions.slug,
        name: solutions.name,
        summary: solutions.summary,
        descriptionHtml: solutions.descriptionHtml,
        reviewedAt: solutions.reviewedAt,
        updatedAt: solutions.updatedAt,
        ownerName: sql<string | null>`coalesce(${municipalities.name}, ${organisations.name})`,
      })
      .from(solutions)
      .leftJoin(municipalities, eq(municipalities.number, solutions.ownerMunicipalityNumber))
      .leftJoin(organisations, eq(organisations.id, solutions.ownerOrganisationId))
      .where(and(listedSolutions, onTheme.solutions(theme.id)))
      .orderBy(desc(solutions.reviewedAt), desc(solutions.id))
      .limit(limit),
  ]);
  const entries: Entry[] = [
    ...sessionRows.map((row): Entry => ({
      kind: "forumSessions",
      id: row.id,
      path: `/forum-sessions/${row.id}`,
      idPath: `/forum-sessions/${row.id}`,
      title: row.title,
      description: plainTextStart(row.descriptionMd),
      html: row.descriptionHtml,
      published: row.createdAt,
      updated: row.updatedAt,
      by: null,
    })),
    ...topicRows.map((row): Entry => ({
      kind: "topics",
      id: row.id,
      path: `/topics/${row.id}`,
      idPath: `/topics/${row.id}`,
      title: row.title,
      description: plainTextStart(row.descriptionMd),
      html: row.descriptionHtml,
      published: row.createdAt,
      updated: row.updatedAt,
      by: row.municipalityName,
    })),
    ...experienceRows.map((row): Entry => ({
      kind: "experiences",
      id: row.id,
      path: `/experiences/${row.id}`,
      idPath: `/experiences/${row.id}`,
      title: row.title,
      description: row.summary,
      html: row.bodyHtml,
      published: row.publishedAt ?? row.updatedAt,
      updated: row.updatedAt,
      by: row.municipalityName,
    })),
    ...solutionRows.map((row): Entry => ({
      kind: "solutions",
      id: row.id,
      path: `/solutions/${encodeURIComponent(row.slug)}`,
      idPath: `/solutions/by-id/${row.id}`,
      title: row.name,
      description: row.summary,
      html: row.descriptionHtml,
      published: row.reviewedAt ?? row.updatedAt,
      updated: row.updatedAt,
      by: row.ownerName,
    })),
  ];
  // Newest first; ties in a fixed order, so two fetches give the same feed.
  return entries
    .sort((a, b) => b.published.getTime() - a.published.getTime() || a.kind.localeCompare(b.kind) || b.id - a.id)
    .slice(0, limit);
}

const ENTRY_TITLE = {
  forumSessions: "themes.feed.entry.forumSession",
  topics: "themes.feed.entry.topic",
  experiences: "themes.feed.entry.experience",
  solutions: "themes.feed.entry.solution",
} as const;

/**
 * /themes/<slug>/feed.atom|.rss: the newest public forum sessions, topics, write-ups and solutions on a
 * theme, newest first, every link absolute from PUBLIC_URL. An unknown theme is a 404.
 */
export async function themeFeed(request: Request, format: FeedFormat, slug: string | undefined): Promise<Response> {
  const theme = slug ? await getThemeBySlug(slug) : undefined;
  if (!theme) feedNotFound();
  const [language, rows] = await Promise.all([feedLanguage(request), entriesOnTheme(theme, THEME_FEED_SIZE)]);
  const t = translator(language);
  const origin = publicUrl();
  const name = themeName(theme, language);
  const entries = rows.map((row): Item => ({
    id: `${origin}${row.idPath}`,
    link: `${origin}${row.path}`,
    title: textAsHtml(t(ENTRY_TITLE[row.kind], { title: row.title })),
    description: textAsHtml(row.description),
    content: htmlForCdata(row.html),
    date: row.updated,
    published: row.published,
    author: [{ name: feedText(row.by ?? t("app.name")) }],
    category: [{ name: feedText(t(KIND_TEXT[row.kind].title)), term: row.kind }],
  }));
  return feedResponse(
    request,
    {
      path: themeFeedPath(theme.slug),
      pagePath: `/themes/${encodeURIComponent(theme.slug)}`,
      title: t("themes.feed.title", { theme: name }),
      description: t("themes.feed.description", { theme: name }),
      language,
      entries,
    },
    format,
  );
}
