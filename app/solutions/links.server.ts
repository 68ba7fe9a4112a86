import { and, asc, eq, inArray, ne, or, sql } from "drizzle-orm";
import { agendaItems, experienceSolutions, experiences, forumSessions, solutions } from "../../db/schema";
import { db } from "~/db.server";
import { can, type ViewerSummary } from "~/members/rights";

/**
 * The forum sessions where a solution was presented: those with an agenda item that presented it, and
 * those a write-up about it came from. Drafts only for coordinators, as everywhere.
 */
export async function forumSessionsOfSolution(solutionId: number, viewer: ViewerSummary | null) {
  const fromWriteUps = db()
    .select({ id: experiences.forumSessionId })
    .from(experiences)
    .innerJoin(experienceSolutions, eq(experienceSolutions.experienceId, experiences.id))
    .where(and(eq(experienceSolutions.solutionId, solutionId), eq(experiences.status, "published")));
  return db()
    .select({
      id: forumSessions.id,
      title: forumSessions.title,
      startsAt: forumSessions.startsAt,
      status: forumSessions.status,
      // Written out: drizzle leaves column names unqualified in a one-table select, and inside this subquery
      // "id" would then be the agenda item's own.
      agendaItemTitle: sql<string | null>`(select a.title from agenda_items a
        where a.forum_session_id = forum_sessions.id and a.solution_id = ${solutionId}
        order by a.position limit 1)`,
    })
    .from(forumSessions)
    .where(
      and(
        can(viewer, "coordinate") ? undefined : ne(forumSessions.status, "draft"),
        or(
          sql`${forumSessions.id} in (select ${agendaItems.forumSessionId} from ${agendaItems} where ${agendaItems.solutionId} = ${solutionId})`,
          inArray(forumSessions.id, fromWriteUps),
        ),
      ),
    )
    .orderBy(asc(forumSessions.startsAt), asc(forumSessions.id))
    .limit(50);
}

/** The accepted catalogue entries a write-up tells of, by name: for its page. */
export function solutionsOfExperience(experienceId: number) {
  return db()
    .select({ id: solutions.id, slug: solutions.slug, name: solutions.name, status: solutions.status })
    .from(experienceSolutions)
    .innerJoin(solutions, eq(solutions.id, experienceSolutions.solutionId))
    .where(and(eq(experienceSolutions.experienceId, experienceId), eq(solutions.review, "accepted")))
    .orderBy(asc(solutions.name));
}

/** The accepted entry with this name (any case) or slug: what a typed "solution presented" names. */
export async function acceptedSolutionNamed(typed: string): Promise<number | undefined> {
  const name = typed.trim();
  const [found] = await db()
    .select({ id: solutions.id })
    .from(solutions)
    .where(and(eq(solutions.review, "accepted"), or(sql`lower(${solutions.name}) = lower(${name})`, eq(solutions.slug, name))))
    .limit(1);
  return found?.id;
}
