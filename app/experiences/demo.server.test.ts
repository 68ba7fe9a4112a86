import { and, asc, count, eq, isNotNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  agendaItems,
  comments,
  emailOutbox,
  experienceRevisions,
  experiences,
  experienceThemes,
  follows,
  forumSessions,
  members,
  municipalities,
  notifications,
  themes,
  topics,
} from "../../db/schema";
import { DEMO_EXPERIENCES, seedDemoExperiences } from "./demo.server";
import {
  coAuthorsOf,
  experiencesFromForumSession,
  experiencesFromTopic,
  getExperience,
  listExperiences,
  procurementOf,
} from "./experiences.server";
import { db } from "~/db.server";
import { seedDemoForumSessions } from "~/forum-sessions/demo.server";
import { DEMO_EMAIL, seedDemoMembers } from "~/members/demo.server";
import { COVERED_DEMO_TOPIC, seedDemoTopics } from "~/topics/demo.server";

async function sizes() {
  const [row] = await db()
    .select({
      experiences: sql<number>`(select count(*) from experiences)`.mapWith(Number),
      revisions: sql<number>`(select count(*) from experience_revisions)`.mapWith(Number),
      coAuthors: sql<number>`(select count(*) from experience_co_authors)`.mapWith(Number),
      comments: sql<number>`(select count(*) from comments)`.mapWith(Number),
      follows: sql<number>`(select count(*) from follows)`.mapWith(Number),
      notifications: sql<number>`(select count(*) from notifications)`.mapWith(Number),
    })
    .from(sql`(values (1)) as one (x)`);
  return row!;
}

const published = () => db().select().from(experiences).where(eq(experiences.status, "published")).orderBy(asc(experiences.id));

describe("demo write-ups", () => {
  let added = 0;
  beforeAll(async () => {
    await seedDemoMembers();
    await seedDemoForumSessions();
    await seedDemoTopics();
    added = await seedDemoExperiences();
  });

  it("seeds eight published write-ups across all seven themes and one draft, once; a second run adds nothing", async () => {
    expect(added).toBe(DEMO_EXPERIENCES.length);
    const rows = await published();
    expect(rows).toHaveLength(8);
    expect(await db().select().from(experiences).where(eq(experiences.status, "draft"))).toHaveLength(1);
    const authors = await db()
      .selectDistinct({ municipality: members.municipalityNumber })
      .from(experiences)
      .innerJoin(members, eq(members.id, experiences.authorId));
    expect(authors.length).toBeGreaterThanOrEqual(5);
    const used = await db().selectDistinct({ slug: themes.slug }).from(experienceThemes).innerJoin(themes, eq(themes.id, experienceThemes.themeId));
    expect(used).toHaveLength(7);
    for (const row of rows) {
      expect(row.summary.length).toBeLessThanOrEqual(300);
      expect(row.bodyHtml).toContain("<h2>");
    }
    expect(Math.max(...rows.map((r) => r.bodyMd.split(/\s+/).length))).toBeGreaterThan(2500);

    const before = await sizes();
    expect(await seedDemoExperiences()).toBe(0);
    expect(await sizes()).toEqual(before);
  });

  it("has two fact boxes: the Helgeland municipalities' joint procurement of welfare technology, and another procedure", async () => {
    const facts = await Promise.all((await published()).map(async (row) => ({ row, facts: await procurementOf(row.id) })));
    const boxes = facts.filter((f) => f.facts);
    expect(boxes).toHaveLength(2);
    const joint = boxes.find((b) => b.facts!.procedure === "joint_procurement")!;
    expect(joint.row.title).toMatch(/velferdsteknologi/);
    expect(joint.facts!.suppliers.length).toBeGreaterThan(0);
    expect(joint.facts!.valueBand).not.toBeNull();
    expect(joint.facts!.year).toBeLessThan(new Date().getFullYear());
    expect(joint.facts!.lessons.length).toBeGreaterThan(50);
    expect(joint.facts!.partners.length).toBeGreaterThanOrEqual(3);
    const partnerRegions = await db()
      .select({ region: municipalities.region })
      .from(municipalities)
      .where(sql`${municipalities.number} in ${joint.facts!.partners.map((p) => p.number)}`);
    expect(partnerRegions.every((p) => p.region === "Helgeland")).toBe(true);
    expect((await getExperience(joint.row.id))!.municipalityNumber).toBe("1820");
    expect(boxes.find((b) => b.facts!.procedure !== "joint_procurement")!.facts!.procedure).toBe("dynamic_purchasing_system");

    const filtered = await listExperiences({ themeSlug: "procurement", procedure: "joint_procurement", sort: "newest" }, 1, null);
    expect(filtered.experiences.map((e) => e.id)).toEqual([joint.row.id]);
  });

  it("keeps one write-up for members only: visitors do not see it, members do", async () => {
    const membersOnly = (await published()).filter((row) => row.visibility === "members");
    expect(membersOnly).toHaveLength(1);
    const visitor = await listExperiences({ sort: "newest" }, 1, null);
    expect(visitor.total).toBe(7);
    expect(visitor.experiences.map((e) => e.id)).not.toContain(membersOnly[0]!.id);
    const member = await listExperiences({ sort: "newest" }, 1, { id: 1, name: "x", role: "member", status: "approved", municipalityNumber: null });
    expect(member.total).toBe(8);
  });

  it("has a write-up with three revisions, each with its editor and note, and a co-author who made one", async () => {
    const [revised] = await db().select().from(experiences).where(sql`${experiences.revision} >= 3`);
    expect(revised).toBeDefined();
    const revisions = await db()
      .select()
      .from(experienceRevisions)
      .where(eq(experienceRevisions.experienceId, revised!.id))
      .orderBy(asc(experienceRevisions.number));
    expect(revisions.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(new Set(revisions.map((r) => r.bodyMd)).size).toBe(3);
    expect(revisions[0]!.title).not.toBe(revisions[2]!.title);
    expect(revisions.slice(1).every((r) => r.note)).toBe(true);
    for (const [i, r] of revisions.entries()) if (i > 0) expect(r.createdAt.getTime()).toBeGreaterThan(revisions[i - 1]!.createdAt.getTime());
    expect(revised!.updatedAt).toEqual(revisions[2]!.createdAt);
    expect(revised!.bodyMd).toBe(revisions[2]!.bodyMd);

    const coAuthors = await coAuthorsOf(revised!.id);
    expect(coAuthors).toHaveLength(1);
    expect(revisions.map((r) => r.editorId)).toContain(coAuthors[0]!.id);
    expect(revisions[0]!.editorId).toBe(revised!.authorId);
  });

  it("links write-ups to the held forum session and the agenda items their authors presented, and to the covered topic", async () => {
    const [session] = await db().select().from(forumSessions).where(eq(forumSessions.title, "Felles anskaffelser på Helgeland"));
    const fromSession = await experiencesFromForumSession(session!.id, null);
    expect(fromSession.length).toBeGreaterThanOrEqual(1);
    for (const { id } of fromSession) {
      const [row] = await db()
        .select({ authorId: experiences.authorId, presenter: agendaItems.presenterMemberId, itemSession: agendaItems.forumSessionId })
        .from(experiences)
        .innerJoin(agendaItems, eq(agendaItems.id, experiences.agendaItemId))
        .where(eq(experiences.id, id));
      expect(row).toMatchObject({ presenter: row!.authorId, itemSession: session!.id });
      expect((await db().select().from(experiences).where(eq(experiences.id, id)))[0]!.publishedAt!.getTime()).toBeGreaterThan(session!.startsAt.getTime());
    }
    const [covered] = await db().select().from(topics).where(eq(topics.title, COVERED_DEMO_TOPIC));
    expect(covered!.status).toBe("covered");
    const fromTopic = await experiencesFromTopic(covered!.id, null);
    expect(fromTopic).toHaveLength(1);
    expect(fromSession.map((e) => e.id)).toContain(fromTopic[0]!.id);
  });

  it("has comments counted on their write-ups, and a member who follows procurement and was told of it", async () => {
    const rows = await db()
      .select({
        commentCount: experiences.commentCount,
        counted: sql<number>`(select count(*) from comments c where c.experience_id = "experiences"."id")`.mapWith(Number),
      })
      .from(experiences);
    for (const row of rows) expect(row.commentCount).toBe(row.counted);
    expect(rows.reduce((n, r) => n + r.counted, 0)).toBeGreaterThanOrEqual(5);

    const [kari] = await db().select().from(members).where(eq(members.email, DEMO_EMAIL.kari));
    const [procurement] = await db().select().from(themes).where(eq(themes.slug, "procurement"));
    expect(await db().select().from(follows).where(and(eq(follows.memberId, kari!.id), eq(follows.themeId, procurement!.id)))).toHaveLength(1);
    const told = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.memberId, kari!.id), eq(notifications.kind, "experience_published")));
    expect(told).toHaveLength(2);
  });

  it("dates everything in the past, in order, and queues no demo mail", async () => {
    const now = Date.now();
    for (const row of await db().select().from(experiences)) {
      expect(row.createdAt.getTime()).toBeLessThan(now);
      expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());
      if (row.publishedAt) expect(row.publishedAt.getTime()).toBeLessThanOrEqual(row.updatedAt.getTime());
    }
    const late = await db()
      .select({ n: count() })
      .from(comments)
      .innerJoin(experiences, eq(experiences.id, comments.experienceId))
      .where(and(isNotNull(comments.experienceId), sql`(${comments.createdAt} > now() or ${comments.createdAt} < ${experiences.publishedAt})`));
    expect(late[0]!.n).toBe(0);
    // The demo dates "now" as a minute ago at the latest: anything newer was left undated.
    const notices = await db().select().from(notifications).where(sql`${notifications.kind}::text like 'experience_%'`);
    expect(notices.length).toBeGreaterThanOrEqual(5);
    for (const notice of notices) expect(notice.createdAt.getTime()).toBeLessThan(now - 55_000);
    const [mail] = await db().select({ n: count() }).from(emailOutbox);
    expect(mail!.n).toBe(0);
  });
});
