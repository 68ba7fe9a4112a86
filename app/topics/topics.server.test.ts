import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agendaItems, notifications, topicStatusChanges, topicSupports, topics } from "../../db/schema";
import { createForumSessionAs } from "../../tests/helpers/forum-sessions";
import { createMember, type TestMember } from "../../tests/helpers/members";
import { proposeTopic, setSupport, triageTopic, type TopicInput } from "./topics.server";
import { db } from "~/db.server";
import { removeAgendaItem } from "~/forum-sessions/agenda.server";
import { saveSummary } from "~/forum-sessions/summaries.server";

const input: TopicInput = { title: "Digital hjemmeoppfølging", description: "Hva har **dere** lært?", themeIds: [], canPresent: true, experiencedMunicipalities: ["1804"] };

let proposer: TestMember;
let coordinator: TestMember;
let supporters: TestMember[];

beforeAll(async () => {
  proposer = await createMember("member");
  coordinator = await createMember("coordinator");
  supporters = await Promise.all(Array.from({ length: 3 }, () => createMember("member")));
});

const statusOf = async (id: number) => (await db().select().from(topics).where(eq(topics.id, id)))[0]!;

describe("a topic's way from proposal to the summary that covers it", () => {
  it("is proposed, supported, shortlisted, scheduled onto an agenda and covered by the published summary", async () => {
    const topic = await proposeTopic({ id: proposer.id, municipalityNumber: "1833" }, input);
    for (const s of supporters) expect((await setSupport(s.id, topic.id, true)).ok).toBe(true);
    await setSupport(supporters[0]!.id, topic.id, true);
    expect((await statusOf(topic.id)).supportCount).toBe(3);

    const shortlisted = await triageTopic(coordinator.id, topic.id, { step: "shortlist", version: topic.version });
    expect(shortlisted.ok).toBe(true);
    const session = await createForumSessionAs(coordinator.id, "planned", { startsAt: "2024-05-02T10:00", endsAt: "2024-05-02T12:00" });
    const scheduled = await triageTopic(coordinator.id, topic.id, { step: "schedule", version: (await statusOf(topic.id)).version, forumSessionId: session.id });
    expect(scheduled.ok).toBe(true);
    const [item] = await db().select().from(agendaItems).where(eq(agendaItems.topicId, topic.id));
    expect(item).toMatchObject({ forumSessionId: session.id, title: input.title, presenterMemberId: proposer.id });

    const { changeForumSessionStatus } = await import("~/forum-sessions/forum-sessions.server");
    expect((await changeForumSessionStatus(coordinator.id, session.id, "held")).ok).toBe(true);
    expect((await saveSummary(coordinator.id, session.id, { bodyMd: "Referat", version: 0, publish: true })).ok).toBe(true);
    expect((await statusOf(topic.id)).status).toBe("covered");
    const history = await db().select().from(topicStatusChanges).where(eq(topicStatusChanges.topicId, topic.id));
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, "proposed"],
      ["proposed", "shortlisted"],
      ["shortlisted", "scheduled"],
      ["scheduled", "covered"],
    ]);
    const told = await db().select().from(notifications).where(eq(notifications.memberId, supporters[1]!.id));
    expect(told.map((n) => n.params.topicStatus)).toEqual(["shortlisted", "scheduled", "covered"]);
  });

  it("goes back to the shortlist when its agenda item is removed", async () => {
    const topic = await proposeTopic({ id: proposer.id, municipalityNumber: "1833" }, input);
    const session = await createForumSessionAs(coordinator.id, "planned");
    expect((await triageTopic(coordinator.id, topic.id, { step: "schedule", version: 1, forumSessionId: session.id })).ok).toBe(true);
    const [item] = await db().select().from(agendaItems).where(eq(agendaItems.topicId, topic.id));
    expect(await removeAgendaItem(coordinator.id, session.id, item!.id)).toBe(true);
    expect(await statusOf(topic.id)).toMatchObject({ status: "shortlisted", forumSessionId: null });
  });

  it("moves supports over on a merge without counting a member twice", async () => {
    const a = await proposeTopic({ id: proposer.id, municipalityNumber: "1833" }, input);
    const b = await proposeTopic({ id: proposer.id, municipalityNumber: "1833" }, { ...input, title: "Hjemmeoppfølging" });
    await setSupport(supporters[0]!.id, a.id, true);
    await setSupport(supporters[1]!.id, a.id, true);
    await setSupport(supporters[1]!.id, b.id, true);
    expect((await triageTopic(coordinator.id, a.id, { step: "merge", version: 1, intoId: a.id })).ok).toBe(false);
    expect((await triageTopic(coordinator.id, a.id, { step: "merge", version: 1, intoId: b.id })).ok).toBe(true);
    expect((await statusOf(b.id)).supportCount).toBe(2);
    expect((await statusOf(a.id)).supportCount).toBe(0);
    expect(await db().select().from(topicSupports).where(eq(topicSupports.topicId, b.id))).toHaveLength(2);
    const back = await triageTopic(coordinator.id, b.id, { step: "merge", version: (await statusOf(b.id)).version, intoId: a.id });
    expect(back).toMatchObject({ ok: false, reason: "badTarget" });
  });

  it("counts fifty members supporting at once exactly, and lets one of two coordinators triage", async () => {
    const topic = await proposeTopic({ id: proposer.id, municipalityNumber: "1833" }, input);
    const many = await Promise.all(Array.from({ length: 50 }, () => createMember("member")));
    await Promise.all(many.map((m) => setSupport(m.id, topic.id, true)));
    expect((await statusOf(topic.id)).supportCount).toBe(50);
    const results = await Promise.all([
      triageTopic(coordinator.id, topic.id, { step: "shortlist", version: 1 }),
      triageTopic(coordinator.id, topic.id, { step: "decline", version: 1, reason: "Dekket før" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: "stale" });
    expect(await db().select().from(topicStatusChanges).where(eq(topicStatusChanges.topicId, topic.id))).toHaveLength(2);
  });

  it("merges A into B and B into A at once without a deadlock: one wins, the other is refused", async () => {
    const a = await proposeTopic({ id: proposer.id, municipalityNumber: "1833" }, input);
    const b = await proposeTopic({ id: proposer.id, municipalityNumber: "1833" }, { ...input, title: "Nattilsyn" });
    const results = await Promise.all([
      triageTopic(coordinator.id, b.id, { step: "merge", version: 1, intoId: a.id }),
      triageTopic(coordinator.id, a.id, { step: "merge", version: 1, intoId: b.id }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false });
    const statuses = [(await statusOf(a.id)).status, (await statusOf(b.id)).status].sort();
    expect(statuses).toEqual(["merged", "proposed"]);
  });

  it("takes a topic off the agenda while the agenda removes its item, without a deadlock", async () => {
    const topic = await proposeTopic({ id: proposer.id, municipalityNumber: "1833" }, input);
    const session = await createForumSessionAs(coordinator.id, "planned");
    await triageTopic(coordinator.id, topic.id, { step: "schedule", version: 1, forumSessionId: session.id });
    const [item] = await db().select().from(agendaItems).where(eq(agendaItems.topicId, topic.id));
    const [unscheduled] = await Promise.all([
      triageTopic(coordinator.id, topic.id, { step: "unschedule", version: (await statusOf(topic.id)).version }),
      removeAgendaItem(coordinator.id, session.id, item!.id),
    ]);
    expect(unscheduled.ok || (!unscheduled.ok && unscheduled.reason === "stale")).toBe(true);
    expect(await statusOf(topic.id)).toMatchObject({ status: "shortlisted", forumSessionId: null });
    expect(await db().select().from(agendaItems).where(eq(agendaItems.topicId, topic.id))).toEqual([]);
  });
});
