import { and, asc, eq } from "drizzle-orm";
import {
  adoptionChanges,
  adoptions,
  auditEvents,
  comments,
  experienceCoAuthors,
  experienceRevisions,
  experiences,
  follows,
  forumSessions,
  members,
  municipalities,
  notifications,
  organisations,
  registrations,
  solutions,
  themes,
  topics,
  topicSupports,
  userSessions,
} from "../../db/schema";
import { db } from "~/db.server";

/**
 * Everything the platform holds about one member (GDPR art. 15 and 20), as plain data for a JSON
 * download. Secrets are left out: no password hash, no session ids, no calendar token (only whether
 * there is one). Of others it holds only what names the member's own records (a title, an id).
 */
export async function exportMemberData(memberId: number) {
  const q = db();
  const [profile] = await q
    .select({
      id: members.id,
      name: members.name,
      email: members.email,
      jobTitle: members.jobTitle,
      municipalityNumber: members.municipalityNumber,
      municipalityName: municipalities.name,
      organisationName: organisations.name,
      role: members.role,
      status: members.status,
      language: members.language,
      decidedAt: members.decidedAt,
      calendarToken: members.calendarToken,
      createdAt: members.createdAt,
      updatedAt: members.updatedAt,
    })
    .from(members)
    .leftJoin(municipalities, eq(municipalities.number, members.municipalityNumber))
    .leftJoin(organisations, eq(organisations.id, members.organisationId))
    .where(eq(members.id, memberId));
  if (!profile) return null;
  const { calendarToken, ...rest } = profile;

  const [
    sessions,
    registered,
    proposed,
    supports,
    written,
    authored,
    coAuthored,
    revisions,
    followed,
    told,
    adopted,
    adoptionHistory,
    auditAbout,
    auditBy,
  ] = await Promise.all([
    q.select({ createdAt: userSessions.createdAt, expiresAt: userSessions.expiresAt }).from(userSessions).where(eq(userSessions.memberId, memberId)).orderBy(asc(userSessions.createdAt)),
    q
      .select({ forumSessionId: registrations.forumSessionId, title: forumSessions.title, startsAt: forumSessions.startsAt, registeredAt: registrations.createdAt })
      .from(registrations)
      .innerJoin(forumSessions, eq(forumSessions.id, registrations.forumSessionId))
      .where(eq(registrations.memberId, memberId))
      .orderBy(asc(registrations.createdAt)),
    q
      .select({ id: topics.id, title: topics.title, descriptionMd: topics.descriptionMd, status: topics.status, canPresent: topics.canPresent, createdAt: topics.createdAt })
      .from(topics)
      .where(eq(topics.proposerId, memberId))
      .orderBy(asc(topics.id)),
    q
      .select({ topicId: topicSupports.topicId, title: topics.title, supportedAt: topicSupports.createdAt })
      .from(topicSupports)
      .innerJoin(topics, eq(topics.id, topicSupports.topicId))
      .where(eq(topicSupports.memberId, memberId))
      .orderBy(asc(topicSupports.createdAt)),
    q
      .select({
        id: comments.id,
        topicId: comments.topicId,
        experienceId: comments.experienceId,
        solutionId: comments.solutionId,
        bodyMd: comments.bodyMd,
        createdAt: comments.createdAt,
        editedAt: comments.editedAt,
        hiddenAt: comments.hiddenAt,
        hiddenReason: comments.hiddenReason,
      })
      .from(comments)
      .where(eq(comments.authorId, memberId))
      .orderBy(asc(comments.id)),
    q
      .select({
        id: experiences.id,
        title: experiences.title,
        summary: experiences.summary,
        bodyMd: experiences.bodyMd,
        status: experiences.status,
        visibility: experiences.visibility,
        publishedAt: experiences.publishedAt,
        createdAt: experiences.createdAt,
        updatedAt: experiences.updatedAt,
      })
      .from(experiences)
      .where(eq(experiences.authorId, memberId))
      .orderBy(asc(experiences.id)),
    q
      .select({ experienceId: experienceCoAuthors.experienceId, title: experiences.title, since: experienceCoAuthors.createdAt })
      .from(experienceCoAuthors)
      .innerJoin(experiences, eq(experiences.id, experienceCoAuthors.experienceId))
      .where(eq(experienceCoAuthors.memberId, memberId))
      .orderBy(asc(experienceCoAuthors.experienceId)),
    q
      .select({
        experienceId: experienceRevisions.experienceId,
        number: experienceRevisions.number,
        title: experienceRevisions.title,
        summary: experienceRevisions.summary,
        bodyMd: experienceRevisions.bodyMd,
        note: experienceRevisions.note,
        createdAt: experienceRevisions.createdAt,
      })
      .from(experienceRevisions)
      .where(eq(experienceRevisions.editorId, memberId))
      .orderBy(asc(experienceRevisions.experienceId), asc(experienceRevisions.number)),
    q
      .select({ theme: themes.slug, municipalityNumber: follows.municipalityNumber, createdAt: follows.createdAt })
      .from(follows)
      .leftJoin(themes, eq(themes.id, follows.themeId))
      .where(eq(follows.memberId, memberId))
      .orderBy(asc(follows.createdAt)),
    q
      .select({ kind: notifications.kind, params: notifications.params, url: notifications.url, readAt: notifications.readAt, createdAt: notifications.createdAt })
      .from(notifications)
      .where(eq(notifications.memberId, memberId))
      .orderBy(asc(notifications.createdAt)),
    q
      .select({
        solution: solutions.slug,
        municipalityNumber: adoptions.municipalityNumber,
        state: adoptions.state,
        since: adoptions.since,
        note: adoptions.note,
        openToJointProcurement: adoptions.openToJointProcurement,
        confirmedAt: adoptions.confirmedAt,
      })
      .from(adoptions)
      .innerJoin(solutions, eq(solutions.id, adoptions.solutionId))
      .where(eq(adoptions.recordedBy, memberId))
      .orderBy(asc(adoptions.id)),
    q
      .select({
        solution: solutions.slug,
        municipalityNumber: adoptionChanges.municipalityNumber,
        state: adoptionChanges.state,
        since: adoptionChanges.since,
        note: adoptionChanges.note,
        createdAt: adoptionChanges.createdAt,
      })
      .from(adoptionChanges)
      .innerJoin(solutions, eq(solutions.id, adoptionChanges.solutionId))
      .where(eq(adoptionChanges.recordedBy, memberId))
      .orderBy(asc(adoptionChanges.id)),
    // What was done to the member's account (approval, role): before and after are about them.
    q
      .select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after, createdAt: auditEvents.createdAt })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "member"), eq(auditEvents.subjectId, String(memberId))))
      .orderBy(asc(auditEvents.id)),
    // What the member did as coordinator or admin: which record, not its contents (those may be others').
    q
      .select({ action: auditEvents.action, subjectType: auditEvents.subjectType, subjectId: auditEvents.subjectId, createdAt: auditEvents.createdAt })
      .from(auditEvents)
      .where(eq(auditEvents.actorId, memberId))
      .orderBy(asc(auditEvents.id)),
  ]);

  return {
    exportedAt: new Date().toISOString(),
    profile: { ...rest, hasCalendarFeed: calendarToken !== null },
    sessions,
    registrations: registered,
    topicsProposed: proposed,
    topicSupports: supports,
    comments: written,
    experiencesAuthored: authored,
    experiencesCoAuthored: coAuthored,
    experienceRevisions: revisions,
    follows: followed,
    notifications: told,
    adoptionsRecorded: adopted,
    adoptionChangesRecorded: adoptionHistory,
    auditEventsAboutMe: auditAbout,
    auditEventsByMe: auditBy,
  };
}

export type MemberDataExport = NonNullable<Awaited<ReturnType<typeof exportMemberData>>>;
