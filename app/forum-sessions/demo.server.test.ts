import { and, count, eq, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agendaItems, auditEvents, emailOutbox, forumSessions, summaries } from "../../db/schema";
import { getAgenda } from "./agenda.server";
import { DEMO_FORUM_SESSIONS, seedDemoForumSessions } from "./demo.server";
import { getForumSession, nextPlannedForumSession } from "./forum-sessions.server";
import { registrationCounts } from "./registrations.server";
import { db } from "~/db.server";
import { toOsloInput } from "~/lib/dates";
import { seedDemoMembers } from "~/members/demo.server";

describe("demo forum sessions", () => {
  let added = 0;
  beforeAll(async () => {
    await seedDemoMembers();
    added = await seedDemoForumSessions();
  });

  it("seeds every demo session once, and nothing on a second run", async () => {
    expect(added).toBe(DEMO_FORUM_SESSIONS.length);
    expect(await seedDemoForumSessions()).toBe(0);
    const [row] = await db().select({ n: count() }).from(forumSessions);
    expect(row!.n).toBe(DEMO_FORUM_SESSIONS.length);
  });

  it("has an upcoming planned session with a full agenda, a member and an external presenter", async () => {
    const next = await nextPlannedForumSession();
    expect(next).toBeDefined();
    expect(next!.startsAt.getTime()).toBeGreaterThan(Date.now());
    expect(next!.meetingUrl).toMatch(/^https:\/\//);
    expect((await getForumSession(next!.id))!.themes.length).toBeGreaterThan(0);
    const agenda = await getAgenda(next!.id);
    expect(agenda.length).toBeGreaterThanOrEqual(3);
    expect(agenda.some((item) => item.presenterMemberName)).toBe(true);
    expect(agenda.some((item) => item.presenterName && item.presenterOrganisation)).toBe(true);
    // Back to back, inside the session.
    const minutes = (next!.endsAt.getTime() - next!.startsAt.getTime()) / 60_000;
    for (const [i, item] of agenda.entries()) {
      expect(item.position).toBe(i);
      if (i > 0) expect(item.startOffsetMinutes).toBe(agenda[i - 1]!.startOffsetMinutes + agenda[i - 1]!.durationMinutes);
    }
    expect(agenda.at(-1)!.startOffsetMinutes + agenda.at(-1)!.durationMinutes).toBeLessThanOrEqual(minutes);
  });

  it("has registrations from at least three municipalities for the next session", async () => {
    const next = await nextPlannedForumSession();
    const counts = await registrationCounts(next!.id);
    const municipalities = counts.counties.flatMap((c) => c.municipalities).filter((m) => m.municipalityNumber);
    expect(municipalities.length).toBeGreaterThanOrEqual(3);
  });

  it("has held sessions with published summaries in the past, and one summary still in draft", async () => {
    const rows = await db()
      .select({ startsAt: forumSessions.startsAt, status: forumSessions.status, summary: summaries })
      .from(summaries)
      .innerJoin(forumSessions, eq(forumSessions.id, summaries.forumSessionId));
    const published = rows.filter((r) => r.summary.status === "published");
    expect(published.length).toBeGreaterThanOrEqual(1);
    for (const row of published) {
      expect(row.status).toBe("held");
      expect(row.startsAt.getTime()).toBeLessThan(Date.now());
      expect(row.summary.publishedAt!.getTime()).toBeGreaterThan(row.startsAt.getTime());
      expect(row.summary.bodyHtml).toContain("<h3>");
      expect(row.summary.bodyHtml).toContain("<li>");
    }
    expect(rows.some((r) => r.status === "held" && r.summary.status === "draft")).toBe(true);
    const [withAgenda] = await db()
      .select({ n: count() })
      .from(agendaItems)
      .innerJoin(forumSessions, eq(forumSessions.id, agendaItems.forumSessionId))
      .where(eq(forumSessions.status, "held"));
    expect(withAgenda!.n).toBeGreaterThan(0);
  });

  it("has a draft and a cancelled session", async () => {
    const statuses = (await db().select({ status: forumSessions.status }).from(forumSessions)).map((r) => r.status);
    expect(statuses).toContain("draft");
    expect(statuses).toContain("cancelled");
  });

  it("meets at sensible Oslo hours", async () => {
    for (const session of await db().select().from(forumSessions)) {
      const [start, end] = [toOsloInput(session.startsAt).slice(11), toOsloInput(session.endsAt).slice(11)];
      expect(start >= "08:00" && end <= "16:00", `${session.title}: ${start}–${end}`).toBe(true);
    }
  });

  it("leaves the coordinator's work in the audit log and queues no demo mail", async () => {
    const [audited] = await db()
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "forum_session"), isNotNull(auditEvents.actorId)));
    expect(audited!.n).toBeGreaterThanOrEqual(DEMO_FORUM_SESSIONS.length);
    const [mail] = await db().select({ n: count() }).from(emailOutbox);
    expect(mail!.n).toBe(0);
  });
});
