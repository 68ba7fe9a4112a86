import { and, asc, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import {
  adoptions,
  forumSessions,
  OPEN_TOPIC_STATUSES,
  registrations,
  solutions,
  solutionSuppliers,
  summaries,
  topics,
  topicSupports,
  type Member,
  type Municipality,
} from "../../db/schema";
import { db } from "~/db.server";
import { experiencesOfMember, followsOf } from "~/experiences/experiences.server";
import { calendarFeedUrl, webcalUrl } from "~/forum-sessions/calendar.server";
import { publicUrl } from "~/lib/settings.server";
import { getEmailPreferences } from "~/notifications/notifications.server";
import { getOrganisationById } from "~/organisations/organisations.server";
import { listedSolutions } from "~/solutions/solutions.server";
import { MY_PAGE_SHOWN } from "./my-page";

/** The first `shown` of a list read with one row more than shown, and whether there were more. */
function bounded<T>(rows: T[], shown: number) {
  return { items: rows.slice(0, shown), more: rows.length > shown };
}

const sessionColumns = {
  id: forumSessions.id,
  title: forumSessions.title,
  startsAt: forumSessions.startsAt,
  endsAt: forumSessions.endsAt,
  status: forumSessions.status,
};

/** The forum sessions a member is registered for, still to come (soonest first) or over (latest first). */
function registeredSessions(memberId: number, when: "upcoming" | "past", includeDrafts: boolean) {
  const upcoming = when === "upcoming";
  return db()
    .select({
      ...sessionColumns,
      hasSummary: upcoming
        ? sql<boolean>`false`
        : sql<boolean>`exists (select 1 from ${summaries} where ${summaries.forumSessionId} = ${forumSessions.id} and ${summaries.status} = 'published')`,
    })
    .from(registrations)
    .innerJoin(forumSessions, eq(forumSessions.id, registrations.forumSessionId))
    .where(
      and(
        eq(registrations.memberId, memberId),
        upcoming ? gte(forumSessions.endsAt, sql`now()`) : lt(forumSessions.endsAt, sql`now()`),
        // A draft is a coordinator's: nobody else sees one listed, even one they were registered for.
        includeDrafts ? undefined : ne(forumSessions.status, "draft"),
      ),
    )
    .orderBy(upcoming ? asc(forumSessions.startsAt) : desc(forumSessions.startsAt), asc(forumSessions.id))
    .limit((upcoming ? MY_PAGE_SHOWN.upcoming : MY_PAGE_SHOWN.past) + 1);
}

const topicColumns = { id: topics.id, title: topics.title, status: topics.status, supportCount: topics.supportCount };

/** The topics a member proposed, newest first; merged ones live on in the topic they were merged into. */
function proposedTopics(memberId: number) {
  return db()
    .select(topicColumns)
    .from(topics)
    .where(and(eq(topics.proposerId, memberId), ne(topics.status, "merged")))
    .orderBy(desc(topics.createdAt), desc(topics.id))
    .limit(MY_PAGE_SHOWN.proposed + 1);
}

/** The open topics (proposed, shortlisted) a member supports, the latest supported first. */
function supportedOpenTopics(memberId: number) {
  return db()
    .select(topicColumns)
    .from(topicSupports)
    .innerJoin(topics, eq(topics.id, topicSupports.topicId))
    .where(and(eq(topicSupports.memberId, memberId), inArray(topics.status, [...OPEN_TOPIC_STATUSES])))
    .orderBy(desc(topicSupports.createdAt), desc(topics.id))
    .limit(MY_PAGE_SHOWN.supported + 1);
}

/**
 * The catalogue's solutions a municipality uses, pilots, plans or wants (not one it gave up), the
 * furthest along first (the enum runs interested → in_use), then by name.
 */
function adoptionsOfMunicipality(municipalityNumber: string) {
  return db()
    .select({ slug: solutions.slug, name: solutions.name, status: solutions.status, state: adoptions.state, since: adoptions.since })
    .from(adoptions)
    .innerJoin(solutions, eq(solutions.id, adoptions.solutionId))
    .where(and(eq(adoptions.municipalityNumber, municipalityNumber), ne(adoptions.state, "discontinued"), listedSolutions))
    .orderBy(desc(adoptions.state), asc(sql`lower(${solutions.name})`), asc(solutions.id))
    .limit(MY_PAGE_SHOWN.solutions + 1);
}

/** The catalogue's solutions an organisation owns or supplies, by name. */
function solutionsOwnedOrSuppliedBy(organisationId: number) {
  return db()
    .select({ slug: solutions.slug, name: solutions.name, status: solutions.status })
    .from(solutions)
    .where(
      and(
        listedSolutions,
        sql`(${solutions.ownerOrganisationId} = ${organisationId}
          or ${solutions.id} in (select ${solutionSuppliers.solutionId} from ${solutionSuppliers} where ${solutionSuppliers.organisationId} = ${organisationId}))`,
      ),
    )
    .orderBy(asc(sql`lower(${solutions.name})`), asc(solutions.id))
    .limit(MY_PAGE_SHOWN.solutions + 1);
}

type Who = Pick<Member, "id" | "status" | "role" | "municipalityNumber" | "organisationId" | "calendarToken">;

/** Where the member works: their municipality or organisation, by name. */
async function workplaceOf(member: Who, municipalities: ReadonlyMap<string, Municipality>) {
  const municipality = member.municipalityNumber ? municipalities.get(member.municipalityNumber) : undefined;
  const organisation = member.organisationId ? await getOrganisationById(member.organisationId) : undefined;
  return {
    municipality: municipality ? { number: municipality.number, name: municipality.name } : null,
    organisation: organisation ? { slug: organisation.slug, name: organisation.name } : null,
  };
}

/**
 * Everything "My page" shows a signed-in member, only ever their own, read in parallel. A pending or
 * rejected member gets where they work and no member sections: they have written, supported and followed
 * nothing yet (the lists are empty, the rest null).
 */
/** `municipalities`: the register (baseData), to name the member's own. */
export async function loadMyPage(member: Who, municipalities: ReadonlyMap<string, Municipality>) {
  if (member.status !== "approved") {
    return {
      workplace: await workplaceOf(member, municipalities),
      registrations: null,
      calendar: null,
      proposed: null,
      supported: null,
      experiences: [],
      moreExperiences: false,
      follows: [],
      moreFollows: false,
      solutions: null,
      email: null,
    };
  }
  const includeDrafts = member.role === "coordinator" || member.role === "admin";
  const [workplace, upcoming, past, proposed, supported, experiences, follows, solutionRows, email] = await Promise.all([
    workplaceOf(member, municipalities),
    registeredSessions(member.id, "upcoming", includeDrafts),
    registeredSessions(member.id, "past", includeDrafts),
    proposedTopics(member.id),
    supportedOpenTopics(member.id),
    experiencesOfMember(member.id, MY_PAGE_SHOWN.experiences + 1),
    followsOf(member.id, MY_PAGE_SHOWN.follows + 1),
    member.municipalityNumber
      ? adoptionsOfMunicipality(member.municipalityNumber)
      : member.organisationId
        ? solutionsOwnedOrSuppliedBy(member.organisationId)
        : null,
    getEmailPreferences(member.id),
  ]);
  const feedUrl = member.calendarToken ? calendarFeedUrl(publicUrl(), member.calendarToken) : null;
  const emailed = Object.values(email);
  const shownExperiences = bounded(experiences, MY_PAGE_SHOWN.experiences);
  const shownFollows = bounded(follows, MY_PAGE_SHOWN.follows);
  return {
    workplace,
    registrations: { upcoming: bounded(upcoming, MY_PAGE_SHOWN.upcoming), past: bounded(past, MY_PAGE_SHOWN.past) },
    calendar: feedUrl ? { feedUrl, webcalUrl: webcalUrl(feedUrl) } : null,
    proposed: bounded(proposed, MY_PAGE_SHOWN.proposed),
    supported: bounded(supported, MY_PAGE_SHOWN.supported),
    experiences: shownExperiences.items,
    moreExperiences: shownExperiences.more,
    follows: shownFollows.items,
    moreFollows: shownFollows.more,
    solutions: solutionRows
      ? {
          of: member.municipalityNumber ? ("municipality" as const) : ("organisation" as const),
          ...bounded(
            solutionRows.map((row) => ({ state: null, since: null, ...row })),
            MY_PAGE_SHOWN.solutions,
          ),
        }
      : null,
    email: { on: emailed.filter(Boolean).length, of: emailed.length },
  };
}
