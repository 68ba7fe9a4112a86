import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import {
  adoptions,
  agendaItems,
  auditEvents,
  comments,
  emailOptOuts,
  emailOutbox,
  experienceCoAuthors,
  experiences,
  follows,
  members,
  notifications,
  passwordResets,
  registrations,
  solutions,
  topics,
  topicSupports,
  userSessions,
} from "../../db/schema";
import { db } from "~/db.server";
import type { ContributionChoice } from "./erasure";


/** Topics still only an idea: nobody has planned, covered or merged anything into them. */
const DELETABLE_TOPIC_STATUSES = ["proposed", "shortlisted", "declined"] as const;

/**
 * Erases a member (GDPR art. 17). The row stays as a tombstone so that what others built on (revisions,
 * status histories, agenda items, the audit log) still points somewhere: shown as "former member" of
 * the municipality. Name, email, job title, password and calendar secret are wiped; sessions, reset
 * links, notifications, follows, supports and registrations are deleted. With "delete", the member's
 * comments, their topics that are still only ideas, and the write-ups they wrote alone go as well;
 * topics on an agenda and write-ups with co-authors stay, attributed to "former member".
 */
export async function eraseMember(memberId: number, contributions: ContributionChoice): Promise<void> {
  await db().transaction(async (tx) => {
    const [member] = await tx.select({ status: members.status, email: members.email }).from(members).where(eq(members.id, memberId)).for("update");
    if (!member || member.status === "erased") return;

    let deleted = { comments: 0, topics: 0, experiences: 0 };
    if (contributions === "delete") {
      const goneComments = await tx.delete(comments).where(eq(comments.authorId, memberId)).returning({ id: comments.id });
      const goneExperiences = await tx
        .delete(experiences)
        .where(
          and(
            eq(experiences.authorId, memberId),
            notExists(tx.select({ one: sql`1` }).from(experienceCoAuthors).where(and(eq(experienceCoAuthors.experienceId, experiences.id), sql`${experienceCoAuthors.memberId} <> ${memberId}`))),
          ),
        )
        .returning({ id: experiences.id });
      const merged = tx.select({ one: sql`1` }).from(sql`${topics} as merged_in`).where(sql`merged_in.merged_into_id = ${topics.id}`);
      const onAgenda = tx.select({ one: sql`1` }).from(agendaItems).where(eq(agendaItems.topicId, topics.id));
      const goneTopics = await tx
        .delete(topics)
        .where(and(eq(topics.proposerId, memberId), inArray(topics.status, [...DELETABLE_TOPIC_STATUSES]), notExists(merged), notExists(onAgenda)))
        .returning({ id: topics.id });
      deleted = { comments: goneComments.length, topics: goneTopics.length, experiences: goneExperiences.length };
    }

    await tx.delete(userSessions).where(eq(userSessions.memberId, memberId));
    await tx.delete(passwordResets).where(eq(passwordResets.memberId, memberId));
    await tx.delete(notifications).where(eq(notifications.memberId, memberId));
    await tx.delete(emailOptOuts).where(eq(emailOptOuts.memberId, memberId));
    // Mail to them, sent or waiting, carries their address on after they left.
    await tx.delete(emailOutbox).where(sql`lower(${emailOutbox.toAddress}) = lower(${member.email})`);
    await tx.delete(follows).where(eq(follows.memberId, memberId));
    await tx.delete(topicSupports).where(eq(topicSupports.memberId, memberId));
    await tx.delete(registrations).where(eq(registrations.memberId, memberId));
    // A co-author leaving keeps the write-up theirs no longer; their revisions stay, as former member's.
    await tx.delete(experienceCoAuthors).where(eq(experienceCoAuthors.memberId, memberId));
    // A former member is nobody's contact for a solution or a joint procurement, nor gets the yearly reminder.
    await tx.update(adoptions).set({ recordedBy: null }).where(eq(adoptions.recordedBy, memberId));
    await tx.update(solutions).set({ contactMemberId: null }).where(eq(solutions.contactMemberId, memberId));
    await tx
      .update(members)
      .set({
        status: "erased",
        name: "",
        // Unique and never an address: nobody can sign in as, or reset the password of, a tombstone.
        email: `erased-${memberId}.invalid`,
        jobTitle: "",
        passwordHash: "",
        calendarToken: null,
        role: "member",
        version: sql`${members.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(members.id, memberId));
    await tx.insert(auditEvents).values({
      actorId: memberId,
      action: "member.erase",
      subjectType: "member",
      subjectId: String(memberId),
      before: null,
      after: { contributions, deleted },
    });
  });
}
