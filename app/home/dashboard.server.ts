import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import {
  adoptions,
  experienceMunicipalities,
  experiences,
  experienceThemes,
  follows,
  forumSessions,
  municipalities,
  notifications,
  registrations,
  solutions,
  themes,
  topics,
  type AdoptionState,
  type ExperienceVisibility,
} from "../../db/schema";
import { monthsBefore, SPREADING_MONTHS } from "./spreading";
import { db } from "~/db.server";
import { visibleTo } from "~/experiences/experiences.server";
import { osloToday } from "~/lib/oslo-time.server";
import type { ViewerSummary } from "~/members/rights";
import { listedSolutions } from "~/solutions/solutions.server";

// ——— For everyone ———

/** The states that mean a municipality has taken a solution up; interest alone, or giving it up, does not. */
const TAKEN_UP = ["planning", "piloting", "in_use"] as const;

/**
 * The accepted solutions most municipalities have begun to plan, pilot or use within the last
 * SPREADING_MONTHS months (an adoption in one of those states whose `since` falls in the window), most
 * first. One municipality counts once per solution: an adoption is one municipality's relation to it.
 * One aggregate over the recent adoptions, then only the leaders are looked up (by primary key).
 */
export async function solutionsSpreadingFastest(limit = 5, today = osloToday()) {
  // Adoptions are recorded for accepted solutions only, and acceptance is final: the check below is a
  // safeguard, and a few spare leaders are plenty for it.
  const recent = db()
    .select({ solutionId: adoptions.solutionId, newMunicipalities: sql<number>`count(*)::int`.as("new_municipalities") })
    .from(adoptions)
    .where(and(inArray(adoptions.state, [...TAKEN_UP]), gte(adoptions.since, monthsBefore(today, SPREADING_MONTHS)), lte(adoptions.since, today)))
    .groupBy(adoptions.solutionId)
    .orderBy(sql`2 desc`, desc(adoptions.solutionId))
    .limit(limit * 2)
    .as("recent");
  return db()
    .select({ id: solutions.id, slug: solutions.slug, name: solutions.name, status: solutions.status, newMunicipalities: recent.newMunicipalities })
    .from(recent)
    .innerJoin(solutions, and(eq(solutions.id, recent.solutionId), listedSolutions))
    .orderBy(desc(recent.newMunicipalities), desc(solutions.id))
    .limit(limit);
}

// ——— For an approved member ———

/** The planned forum sessions still to come that the member has registered for, soonest first. */
export function upcomingRegistrationsOf(memberId: number, limit = 5) {
  return db()
    .select({ id: forumSessions.id, title: forumSessions.title, startsAt: forumSessions.startsAt, endsAt: forumSessions.endsAt })
    .from(registrations)
    .innerJoin(forumSessions, eq(forumSessions.id, registrations.forumSessionId))
    .where(and(eq(registrations.memberId, memberId), eq(forumSessions.status, "planned"), gte(forumSessions.endsAt, sql`now()`)))
    .orderBy(asc(forumSessions.startsAt), asc(forumSessions.id))
    .limit(limit);
}

export type ActivityKind = "experience" | "topic" | "adoption";

/**
 * What happened lately in a municipality, newest first: write-ups by it (lead or co-authoring) published,
 * topics proposed from it, and its adoptions of catalogue solutions as last recorded. One query: each
 * part reads its own index for the municipality and keeps its newest `limit`.
 */
export async function municipalityActivity(municipalityNumber: string, viewer: ViewerSummary, limit = 5) {
  const kind = (value: ActivityKind) => sql<ActivityKind>`${value}::text`.as("kind");
  // The latest written, from the municipality's own index of write-ups (Oslo has thousands, most have a
  // few dozen): ordering all of them by publication date would read every one.
  const writeUps = db()
    .select({
      kind: kind("experience"),
      id: experiences.id,
      slug: sql<string | null>`null::text`.as("slug"),
      title: experiences.title,
      state: sql<AdoptionState | null>`null::text`.as("state"),
      visibility: sql<ExperienceVisibility | null>`${experiences.visibility}::text`.as("visibility"),
      at: sql<Date>`${experiences.publishedAt}`.mapWith(experiences.publishedAt).as("at"),
    })
    .from(experienceMunicipalities)
    .innerJoin(experiences, eq(experiences.id, experienceMunicipalities.experienceId))
    .where(and(eq(experienceMunicipalities.municipalityNumber, municipalityNumber), visibleTo(viewer)))
    .orderBy(desc(experienceMunicipalities.experienceId))
    .limit(limit);
  const proposed = db()
    .select({
      kind: kind("topic"),
      id: topics.id,
      slug: sql<string | null>`null::text`,
      title: topics.title,
      state: sql<AdoptionState | null>`null::text`,
      visibility: sql<ExperienceVisibility | null>`null::text`,
      at: topics.createdAt,
    })
    .from(topics)
    .where(and(eq(topics.municipalityNumber, municipalityNumber), ne(topics.status, "merged")))
    .orderBy(desc(topics.createdAt), desc(topics.id))
    .limit(limit);
  // The municipality's latest adoptions first, then their solutions by key (adoptions exist for accepted ones only).
  const latestAdoptions = db()
    .select({ solutionId: adoptions.solutionId, state: adoptions.state, updatedAt: adoptions.updatedAt })
    .from(adoptions)
    .where(eq(adoptions.municipalityNumber, municipalityNumber))
    .orderBy(desc(adoptions.updatedAt), desc(adoptions.id))
    .limit(limit)
    .as("latest_adoptions");
  const adopted = db()
    .select({
      kind: kind("adoption"),
      id: solutions.id,
      slug: solutions.slug,
      title: solutions.name,
      state: sql<AdoptionState | null>`${latestAdoptions.state}::text`,
      visibility: sql<ExperienceVisibility | null>`null::text`,
      at: latestAdoptions.updatedAt,
    })
    .from(latestAdoptions)
    .innerJoin(solutions, and(eq(solutions.id, latestAdoptions.solutionId), listedSolutions));
  return unionAll(writeUps, proposed, adopted)
    .orderBy(sql`"at" desc`, sql`"kind"`, sql`"id" desc`)
    .limit(limit);
}

/** The themes a member follows, each with its latest published write-up (by when it was written) they may see. */
export function followedThemesOf(memberId: number, viewer: ViewerSummary, limit = 10) {
  // Read from the theme's own index of write-ups, newest id first: it stops at the first published one,
  // where "newest published first" would walk every write-up for a theme that has none.
  const latest = db()
    .select({ id: experiences.id, title: experiences.title, publishedAt: experiences.publishedAt })
    .from(experienceThemes)
    .innerJoin(experiences, eq(experiences.id, experienceThemes.experienceId))
    .where(and(sql`${experienceThemes.themeId} = "themes"."id"`, visibleTo(viewer)))
    .orderBy(desc(experienceThemes.experienceId))
    .limit(1)
    .as("latest");
  return db()
    .select({
      slug: themes.slug,
      nameNb: themes.nameNb,
      nameEn: themes.nameEn,
      latestId: latest.id,
      latestTitle: latest.title,
      latestPublishedAt: latest.publishedAt,
    })
    .from(follows)
    .innerJoin(themes, eq(themes.id, follows.themeId))
    .leftJoinLateral(latest, sql`true`)
    .where(eq(follows.memberId, memberId))
    .orderBy(asc(themes.id))
    .limit(limit);
}

/** The member's newest unread notifications, and how many are unread in all (counted in the same pass). */
export async function unreadNotificationsOf(memberId: number, limit = 3) {
  const rows = await db()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      params: notifications.params,
      createdAt: notifications.createdAt,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(notifications)
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  return { count: rows[0]?.total ?? 0, newest: rows.map(({ total: _total, ...row }) => row) };
}

/**
 * "Your forum" for an approved member: registrations, their municipality's activity (none for a member of
 * an organisation), followed themes and unread notifications, read in parallel.
 */
export async function yourForum(viewer: ViewerSummary) {
  const [registered, municipality, activity, followedThemes, unread] = await Promise.all([
    upcomingRegistrationsOf(viewer.id),
    viewer.municipalityNumber
      ? db()
          .select({ number: municipalities.number, name: municipalities.name })
          .from(municipalities)
          .where(eq(municipalities.number, viewer.municipalityNumber))
          .then((rows) => rows[0])
      : undefined,
    viewer.municipalityNumber ? municipalityActivity(viewer.municipalityNumber, viewer) : [],
    followedThemesOf(viewer.id, viewer),
    unreadNotificationsOf(viewer.id),
  ]);
  return {
    registrations: registered,
    municipality: municipality ? { ...municipality, activity } : null,
    followedThemes,
    unread,
  };
}
