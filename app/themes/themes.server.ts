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
import { newestExperiences } from "~/experiences/experiences.server";
import { can, type ViewerSummary } from "~/members/rights";
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

export { themeName } from "./theme-kinds";

export async function getThemeBySlug(slug: string): Promise<Theme | undefined> {
  const [theme] = await db().select().from(themes).where(eq(themes.slug, slug.slice(0, 100)));
  return theme;
}

/**
 * Every theme (or the one given) with how many of each kind the viewer may see on it, from the counts
 * the search index keeps (search_theme_counts: the lists' own rules, drafts and merged topics never,
 * members-only write-ups for approved members).
 */
export async function countsByTheme(viewer: ViewerSummary | null, themeId?: number) {
  const membersToo = can(viewer, "readMembersOnly");
  const counted = (kind: string) =>
    sql<number>`coalesce((select sum(c.count) from search_theme_counts c where c.theme_id = "themes"."id" and c.kind = ${kind}
      ${membersToo ? sql`` : sql`and not c.members_only`}), 0)::int`;
  const rows = await db()
    .select({
      id: themes.id,
      slug: themes.slug,
      nameNb: themes.nameNb,
      nameEn: themes.nameEn,
      sessionCount: counted("forum_session"),
      topicCount: counted("topic"),
      experienceCount: counted("experience"),
      solutionCount: counted("solution"),
    })
    .from(themes)
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
