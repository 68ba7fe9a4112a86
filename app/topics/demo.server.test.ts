import { and, asc, count, eq, isNotNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  agendaItems,
  comments,
  emailOutbox,
  forumSessions,
  summaries,
  themes,
  topicStatusChanges,
  topicSupports,
  topicThemes,
  topics,
} from "../../db/schema";
import { COVERED_DEMO_TOPIC, DEMO_TOPICS, seedDemoTopics } from "./demo.server";
import { mergeTarget } from "./topics.server";
import { db } from "~/db.server";
import { getAgenda } from "~/forum-sessions/agenda.server";
import { seedDemoForumSessions } from "~/forum-sessions/demo.server";
import { nextPlannedForumSession } from "~/forum-sessions/forum-sessions.server";
import { seedDemoMembers } from "~/members/demo.server";

const historyOf = (topicId: number) =>
  db().select().from(topicStatusChanges).where(eq(topicStatusChanges.topicId, topicId)).orderBy(asc(topicStatusChanges.createdAt), asc(topicStatusChanges.id));

async function sizes() {
  const [row] = await db()
    .select({
      topics: sql<number>`(select count(*) from topics)`.mapWith(Number),
      supports: sql<number>`(select count(*) from topic_supports)`.mapWith(Number),
      comments: sql<number>`(select count(*) from comments)`.mapWith(Number),
      history: sql<number>`(select count(*) from topic_status_changes)`.mapWith(Number),
      agendaItems: sql<number>`(select count(*) from agenda_items)`.mapWith(Number),
      notifications: sql<number>`(select count(*) from notifications)`.mapWith(Number),
    })
    .from(sql`(values (1)) as one (x)`);
  return row!;
}

describe("demo topics", () => {
  let added = 0;
  beforeAll(async () => {
    await seedDemoMembers();
    await seedDemoForumSessions();
    added = await seedDemoTopics();
  });

  it("seeds a dozen topics across all seven themes, once; a second run adds nothing", async () => {
    expect(added).toBe(DEMO_TOPICS.length);
    expect(added).toBeGreaterThanOrEqual(12);
    const before = await sizes();
    expect(await seedDemoTopics()).toBe(0);
    expect(await sizes()).toEqual(before);
    const used = await db().selectDistinct({ slug: themes.slug }).from(topicThemes).innerJoin(themes, eq(themes.id, topicThemes.themeId));
    expect(used).toHaveLength(7);
    const statuses = new Set((await db().select({ status: topics.status }).from(topics)).map((t) => t.status));
    expect([...statuses].sort()).toEqual(["covered", "declined", "merged", "proposed", "scheduled", "shortlisted"]);
  });

  it("keeps every count of supports exact, with several members supporting", async () => {
    const rows = await db()
      .select({ id: topics.id, supportCount: topics.supportCount, counted: sql<number>`(select count(*) from topic_supports s where s.topic_id = ${topics.id})`.mapWith(Number) })
      .from(topics);
    for (const row of rows) expect(row.supportCount).toBe(row.counted);
    expect(Math.max(...rows.map((r) => r.supportCount))).toBeGreaterThanOrEqual(5);
    const [supporters] = await db().select({ n: sql<number>`count(distinct ${topicSupports.memberId})`.mapWith(Number) }).from(topicSupports);
    expect(supporters!.n).toBeGreaterThanOrEqual(5);
  });

  it("follows one topic from proposal to the published summary that covered it", async () => {
    const [topic] = await db().select().from(topics).where(eq(topics.title, COVERED_DEMO_TOPIC));
    expect(topic).toMatchObject({ status: "covered", canPresent: true });
    const [session] = await db()
      .select({ id: forumSessions.id, status: forumSessions.status, startsAt: forumSessions.startsAt, summary: summaries })
      .from(forumSessions)
      .innerJoin(summaries, eq(summaries.forumSessionId, forumSessions.id))
      .where(eq(forumSessions.id, topic!.forumSessionId!));
    expect(session).toMatchObject({ status: "held", summary: { status: "published" } });
    expect(session!.summary.bodyMd).toContain(`«${COVERED_DEMO_TOPIC}»`);
    const items = await db().select().from(agendaItems).where(eq(agendaItems.topicId, topic!.id));
    expect(items).toHaveLength(1);
    expect(items[0]!.forumSessionId).toBe(session!.id);

    const history = await historyOf(topic!.id);
    expect(history.map((h) => h.toStatus)).toEqual(["proposed", "shortlisted", "scheduled", "covered"]);
    const scheduled = history[2]!;
    expect(scheduled.forumSessionId).toBe(session!.id);
    expect(scheduled.createdAt.getTime()).toBeLessThan(session!.startsAt.getTime());
    expect(history[3]).toMatchObject({ actorId: null, forumSessionId: session!.id, createdAt: session!.summary.publishedAt });
    expect(topic!.createdAt.getTime()).toBeLessThan(scheduled.createdAt.getTime());
  });

  it("has a topic scheduled onto the next forum session, its agenda still back to back", async () => {
    const next = await nextPlannedForumSession();
    const onIt = await db().select().from(topics).where(and(eq(topics.forumSessionId, next!.id), eq(topics.status, "scheduled")));
    expect(onIt.length).toBeGreaterThanOrEqual(1);
    const agenda = await getAgenda(next!.id);
    const item = agenda.find((i) => i.topicId === onIt[0]!.id);
    expect(item).toMatchObject({ title: onIt[0]!.title, presenterMemberId: onIt[0]!.proposerId });
    expect(agenda.at(-1)!.title).toMatch(/^Felles drøfting/);
    const minutes = (next!.endsAt.getTime() - next!.startsAt.getTime()) / 60_000;
    for (const [i, entry] of agenda.entries()) {
      if (i > 0) expect(entry.startOffsetMinutes).toBe(agenda[i - 1]!.startOffsetMinutes + agenda[i - 1]!.durationMinutes);
    }
    expect(agenda.at(-1)!.startOffsetMinutes + agenda.at(-1)!.durationMinutes).toBeLessThanOrEqual(minutes);
  });

  it("has shortlisted topics, one declined with its reason, and one merged into another", async () => {
    const shortlisted = await db().select().from(topics).where(eq(topics.status, "shortlisted"));
    expect(shortlisted.length).toBeGreaterThanOrEqual(2);

    const [declined, ...moreDeclined] = await db().select().from(topics).where(eq(topics.status, "declined"));
    expect(moreDeclined).toHaveLength(0);
    expect(declined!.declineReason!.length).toBeGreaterThan(20);
    expect((await historyOf(declined!.id)).at(-1)).toMatchObject({ toStatus: "declined", note: declined!.declineReason });

    const [merged, ...moreMerged] = await db().select().from(topics).where(eq(topics.status, "merged"));
    expect(moreMerged).toHaveLength(0);
    const [target] = await db().select().from(topics).where(eq(topics.id, merged!.mergedIntoId!));
    expect(target!.status).toBe("proposed");
    expect(await mergeTarget(merged!)).toBe(target!.id);
    expect(merged!.supportCount).toBe(0);
    expect((await historyOf(merged!.id)).at(-1)).toMatchObject({ toStatus: "merged", mergedIntoId: target!.id });
  });

  it("has comments, one of them edited", async () => {
    const all = await db().select().from(comments);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const edited = all.filter((c) => c.editedAt);
    expect(edited).toHaveLength(1);
    expect(edited[0]!.editedAt!.getTime()).toBeGreaterThan(edited[0]!.createdAt.getTime());
    expect(edited[0]!.bodyHtml).toContain("hvert halvår");
  });

  it("dates everything in the past, in order, and queues no demo mail", async () => {
    const now = Date.now();
    for (const topic of await db().select().from(topics)) {
      expect(topic.createdAt.getTime()).toBeLessThan(now);
      expect(topic.lastActivityAt.getTime()).toBeGreaterThanOrEqual(topic.createdAt.getTime());
      for (const change of await historyOf(topic.id)) {
        expect(change.createdAt.getTime()).toBeGreaterThanOrEqual(topic.createdAt.getTime());
        expect(change.createdAt.getTime()).toBeLessThan(now);
      }
    }
    const [mail] = await db().select({ n: count() }).from(emailOutbox);
    expect(mail!.n).toBe(0);
    const [stale] = await db().select({ n: count() }).from(comments).where(and(isNotNull(comments.id), sql`${comments.createdAt} > now()`));
    expect(stale!.n).toBe(0);
  });
});
