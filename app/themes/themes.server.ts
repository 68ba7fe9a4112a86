import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import {
  experiences,
  experienceThemes,
  forumSessions,
  forumSessionThemes,
  municipalities,
  organisations,
  solutions,
  solutionThemes,
  themes,
  topics,
  topicThemes,
  type Theme,
} from "../../db/schema";
import type { ThemeCounts, ThemeKind } from "./theme-kinds";
import { db } from "~/db.server";
import { newestExperiences, visibleTo } from "~/experiences/experiences.server";
import type { Language } from "~/i18n/i18n";
import type { ViewerSummary } from "~/members/rights";
import { listedSolutions } from "~/solutions/solutions.server";

// What a theme's page and the theme list show of each area, by the area's own list rule: forum sessions
// that are not drafts (a draft is for coordinators, and theme pages list none), topics not merged into
// another, published write-ups (members-only ones for approved members only), accepted solutions.
export const listedSessions: SQL = ne(forumSessions.status, "draft");
export const listedTopics: SQL = ne(topics.status, "merged");

/** "On the theme", for each kind: a semi-join on its link table, read by the link table's theme index. */
export const onTheme = {
  forumSessions: (themeId: number) =>
    sql`${forumSessions.id} in (select ${forumSessionThemes.forumSessionId} from ${forumSessionThemes} where ${forumSessionThemes.themeId} = ${themeId})`,
  topics: (themeId: number) => sql`${topics.id} in (select ${topicThemes.topicId} from ${topicThemes} where ${topicThemes.themeId} = ${themeId})`,
  experiences: (themeId: number) =>
    sql`${experiences.id} in (select ${experienceThemes.experienceId} from ${experienceThemes} where ${experienceThemes.themeId} = ${themeId})`,
  solutions: (themeId: number) =>
    sql`${solutions.id} in (select ${solutionThemes.solutionId} from ${solutionThemes} where ${solutionThemes.themeId} = ${themeId})`,
} satisfies Record<ThemeKind, (themeId: number) => SQL>;

export const themeName = (theme: Pick<Theme, "nameNb" | "nameEn">, language: Language) => (language === "nb" ? theme.nameNb : theme.nameEn);

export async function getThemeBySlug(slug: string): Promise<Theme | undefined> {
  const [theme] = await db().select().from(themes).where(eq(themes.slug, slug.slice(0, 100)));
  return theme;
}

/**
 * Every theme (or the one given) with how many of each kind the viewer may see on it: one query, each
 * area counted once by theme (group by), whatever the number of themes.
 */
export async function countsByTheme(viewer: ViewerSummary | null, themeId?: number) {
  const only = (column: typeof forumSessionThemes.themeId | typeof topicThemes.themeId | typeof experienceThemes.themeId | typeof solutionThemes.themeId) =>
    themeId === undefined ? undefined : eq(column, themeId);
  const sessionCounts = db()
    .select({ themeId: forumSessionThemes.themeId, n: sql<number>`count(*)::int`.as("session_count") })
    .from(forumSessionThemes)
    .innerJoin(forumSessions, eq(forumSessions.id, forumSessionThemes.forumSessionId))
    .where(and(listedSessions, only(forumSessionThemes.themeId)))
    .groupBy(forumSessionThemes.themeId)
    .as("session_counts");
  const topicCounts = db()
    .select({ themeId: topicThemes.themeId, n: sql<number>`count(*)::int`.as("topic_count") })
    .from(topicThemes)
    .innerJoin(topics, eq(topics.id, topicThemes.topicId))
    .where(and(listedTopics, only(topicThemes.themeId)))
    .groupBy(topicThemes.themeId)
    .as("topic_counts");
  const experienceCounts = db()
    .select({ themeId: experienceThemes.themeId, n: sql<number>`count(*)::int`.as("experience_count") })
    .from(experienceThemes)
    .innerJoin(experiences, eq(experiences.id, experienceThemes.experienceId))
    .where(and(visibleTo(viewer), only(experienceThemes.themeId)))
    .groupBy(experienceThemes.themeId)
    .as("experience_counts");
  const solutionCounts = db()
    .select({ themeId: solutionThemes.themeId, n: sql<number>`count(*)::int`.as("solution_count") })
    .from(solutionThemes)
    .innerJoin(solutions, eq(solutions.id, solutionThemes.solutionId))
    .where(and(listedSolutions, only(solutionThemes.themeId)))
    .groupBy(solutionThemes.themeId)
    .as("solution_counts");
  const rows = await db()
    .select({
      id: themes.id,
      slug: themes.slug,
      nameNb: themes.nameNb,
      nameEn: themes.nameEn,
      sessionCount: sql<number>`coalesce(${sessionCounts.n}, 0)`,
      topicCount: sql<number>`coalesce(${topicCounts.n}, 0)`,
      experienceCount: sql<number>`coalesce(${experienceCounts.n}, 0)`,
      solutionCount: sql<number>`coalesce(${solutionCounts.n}, 0)`,
    })
    .from(themes)
    .leftJoin(sessionCounts, eq(sessionCounts.themeId, themes.id))
    .leftJoin(topicCounts, eq(topicCounts.themeId, themes.id))
    .leftJoin(experienceCounts, eq(experienceCounts.themeId, themes.id))
    .leftJoin(solutionCounts, eq(solutionCounts.themeId, themes.id))
    .where(themeId === undefined ? undefined : eq(themes.id, themeId))
    .orderBy(asc(themes.id));
  return rows.map(({ sessionCount, topicCount, experienceCount, solutionCount, ...theme }) => ({
    ...theme,
    counts: { forumSessions: sessionCount, topics: topicCount, experiences: experienceCount, solutions: solutionCount } satisfies ThemeCounts,
  }));
}

// ——— The newest of each kind on one theme ———

/** Forum sessions on the theme, latest start first (the next one planned before those held). */
export function sessionsOnTheme(themeId: number, limit: number) {
  return db()
    .select({ id: forumSessions.id, title: forumSessions.title, status: forumSessions.status, startsAt: forumSessions.startsAt, endsAt: forumSessions.endsAt })
    .from(forumSessions)
    .where(and(listedSessions, onTheme.forumSessions(themeId)))
    .orderBy(desc(forumSessions.startsAt), desc(forumSessions.id))
    .limit(limit);
}

/** Topics on the theme, newest proposed first. */
export function topicsOnTheme(themeId: number, limit: number) {
  return db()
    .select({ id: topics.id, title: topics.title, status: topics.status, createdAt: topics.createdAt, supportCount: topics.supportCount })
    .from(topics)
    .where(and(listedTopics, onTheme.topics(themeId)))
    .orderBy(desc(topics.createdAt), desc(topics.id))
    .limit(limit);
}

/** Write-ups on the theme the viewer may see, newest published first, with their lead municipality. */
export const experiencesOnTheme = (themeId: number, viewer: ViewerSummary | null, limit: number) => newestExperiences(viewer, limit, themeId);

/** Catalogue entries on the theme, newest accepted first (as the catalogue's "newest" sort), with their owner. */
export function solutionsOnTheme(themeId: number, limit: number) {
  return db()
    .select({
      id: solutions.id,
      slug: solutions.slug,
      name: solutions.name,
      status: solutions.status,
      reviewedAt: solutions.reviewedAt,
      ownerName: sql<string | null>`coalesce(${municipalities.name}, ${organisations.name})`,
    })
    .from(solutions)
    .leftJoin(municipalities, eq(municipalities.number, solutions.ownerMunicipalityNumber))
    .leftJoin(organisations, eq(organisations.id, solutions.ownerOrganisationId))
    .where(and(listedSolutions, onTheme.solutions(themeId)))
    .orderBy(desc(solutions.reviewedAt), desc(solutions.id))
    .limit(limit);
}
