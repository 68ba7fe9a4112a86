import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { members, notifications, themes } from "../../db/schema";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createOrganisation, createSolution } from "../helpers/solutions";
import { createTopicAs } from "../helpers/topics";
import { db } from "~/db.server";
import { setFollow } from "~/experiences/experiences.server";
import { cancelForumSession } from "~/forum-sessions/forum-sessions.server";
import { register } from "~/forum-sessions/registrations.server";
import { monthsBefore } from "~/home/spreading";
import { osloToday } from "~/lib/oslo-time.server";
import type { ViewerSummary } from "~/members/rights";
import * as home from "~/routes/_index";
import { recordAdoption } from "~/solutions/adoptions.server";

type HomeData = Awaited<ReturnType<typeof home.loader>>;

async function homeAs(viewer: TestMember | null): Promise<HomeData> {
  const result = await outcome(() => home.loader({ request: requestAs(viewer, "/"), params: {}, context: {} }));
  expect(result.status).toBe(200);
  return result.data as HomeData;
}

const summaryOf = (member: TestMember, role: ViewerSummary["role"] = "member", municipalityNumber: string | null = "1833"): ViewerSummary => ({
  id: member.id,
  name: member.name,
  role,
  status: "approved",
  municipalityNumber,
});

let roles: Awaited<ReturnType<typeof everyRole>>;
let coordinator: ViewerSummary;
let themeIds: number[];
beforeAll(async () => {
  roles = await everyRole();
  coordinator = summaryOf(roles.coordinator, "coordinator");
  themeIds = (await db().select({ id: themes.id }).from(themes).orderBy(themes.id)).map((theme) => theme.id);
});

describe("a visitor", () => {
  it("sees the next planned forum session and the newest public write-ups, never a members-only one or a draft", async () => {
    const session = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2029-02-01T10:00", endsAt: "2029-02-01T12:00", title: "Februarmøtet" });
    await createForumSessionAs(roles.coordinator.id, "draft", { startsAt: "2029-01-01T10:00", endsAt: "2029-01-01T12:00" });
    const older = await createExperienceAs(roles.member.id, { municipalityNumber: "1833" });
    const open = await createExperienceAs(roles.member.id, { municipalityNumber: "1804" });
    const closed = await createExperienceAs(roles.member.id, { visibility: "members" });
    const draft = await createExperienceAs(roles.member.id, { publish: false });

    for (const viewer of [null, roles.pending]) {
      const data = await homeAs(viewer);
      expect(data.next).toMatchObject({ id: session.id, title: "Februarmøtet", registered: false });
      const ids = data.experiences.map((experience) => experience.id);
      expect(ids.slice(0, 2)).toEqual([open.id, older.id]);
      expect(ids).not.toContain(closed.id);
      expect(ids).not.toContain(draft.id);
      expect(data.experiences[0]).toMatchObject({ title: open.title, municipalityName: "Bodø", visibility: "public" });
      expect(data.experiences.length).toBeLessThanOrEqual(5);
      expect(data.forum).toBeNull();
    }
    // An approved member sees the members-only one too, still no draft.
    const member = await homeAs(roles.member);
    expect(member.experiences.slice(0, 3).map((experience) => experience.id)).toEqual([closed.id, open.id, older.id]);
    expect(member.experiences.map((experience) => experience.id)).not.toContain(draft.id);
  });

  it("is told nothing about a viewer: the visitor's page carries no member section and no pending note", async () => {
    const data = await homeAs(null);
    expect(data).toMatchObject({ forum: null, pending: false, signedIn: false, canRegister: false });
  });
});

describe("solutions spreading fastest", () => {
  it("ranks accepted solutions by the municipalities that began planning, piloting or using them in the last 12 months", async () => {
    const today = osloToday();
    const recent = monthsBefore(today, 2);
    const old = monthsBefore(today, 14);
    const [first, second, tied, third, onlyOld] = [
      await createSolution(coordinator, coordinator, { status: "in_use" }),
      await createSolution(coordinator, coordinator, { status: "pilot" }),
      await createSolution(coordinator, coordinator, { status: "scaling" }),
      await createSolution(coordinator, coordinator, { status: "in_use" }),
      await createSolution(coordinator, coordinator, { status: "national" }),
    ];
    type State = "interested" | "planning" | "piloting" | "in_use" | "discontinued";
    const adopt = async (solutionId: number, municipalityNumber: string, state: State, since: string, basedOnVersion: number | null = null) => {
      const result = await recordAdoption(coordinator, solutionId, municipalityNumber, { state, since, note: "", openToJointProcurement: false }, basedOnVersion);
      if (!result.ok) throw new Error(`could not record: ${result.reason}`);
      return result.adoption;
    };
    // First: three new municipalities, one in each state that counts.
    await adopt(first!.id, "1804", "in_use", recent);
    const piloting = await adopt(first!.id, "1833", "piloting", today);
    const planning = await adopt(first!.id, "0301", "planning", recent);
    // Second: two new; interest alone and giving up do not count.
    await adopt(second!.id, "1804", "in_use", recent);
    await adopt(second!.id, "1833", "planning", recent);
    await adopt(second!.id, "0301", "interested", recent);
    await adopt(second!.id, "4601", "discontinued", recent);
    // As many as the second: the newer entry comes first.
    await adopt(tied!.id, "1804", "piloting", recent);
    await adopt(tied!.id, "1833", "in_use", recent);
    // Third: more municipalities in all than the second, but only one of them new.
    await adopt(third!.id, "1804", "in_use", recent);
    await adopt(third!.id, "1833", "in_use", old);
    await adopt(third!.id, "0301", "in_use", old);
    await adopt(third!.id, "4601", "in_use", old);
    // Only municipalities that started long ago: not spreading now.
    await adopt(onlyOld!.id, "1804", "in_use", old);
    await adopt(onlyOld!.id, "1833", "in_use", old);

    for (const viewer of [null, roles.member]) {
      const { spreading } = await homeAs(viewer);
      expect(spreading).toEqual([
        { id: first!.id, slug: first!.slug, name: first!.name, status: "in_use", newMunicipalities: 3 },
        { id: tied!.id, slug: tied!.slug, name: tied!.name, status: "scaling", newMunicipalities: 2 },
        { id: second!.id, slug: second!.slug, name: second!.name, status: "pilot", newMunicipalities: 2 },
        { id: third!.id, slug: third!.slug, name: third!.name, status: "in_use", newMunicipalities: 1 },
      ]);
    }

    // A municipality that moves on within the window still counts once; one that gives up drops out.
    await adopt(first!.id, "1833", "in_use", today, piloting.version);
    await adopt(first!.id, "0301", "discontinued", today, planning.version);
    const { spreading } = await homeAs(null);
    expect(spreading.find((row) => row.id === first!.id)?.newMunicipalities).toBe(2);
  });

  it("counts back twelve months from today, a leap day included", () => {
    expect(monthsBefore("2026-12-03", 12)).toBe("2025-12-03");
    expect(monthsBefore("2028-02-29", 12)).toBe("2027-03-01");
    expect(monthsBefore("2026-03-31", 1)).toBe("2026-03-03");
  });
});

describe("an approved member", () => {
  it("sees their registrations, their municipality's activity, the themes they follow and their unread notifications, and not another member's", async () => {
    const member = await createMember("member", { municipalityNumber: "5001" });
    const other = await createMember("member", { municipalityNumber: "0301" });
    const viewer = summaryOf(member, "member", "5001");

    // Registrations: upcoming planned sessions only, soonest first.
    const later = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2031-05-01T10:00", endsAt: "2031-05-01T12:00", title: "Maimøtet" });
    const sooner = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2030-09-01T10:00", endsAt: "2030-09-01T12:00", title: "Septembermøtet" });
    const cancelled = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2030-10-01T10:00", endsAt: "2030-10-01T12:00" });
    const othersOnly = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2030-11-01T10:00", endsAt: "2030-11-01T12:00" });
    for (const session of [later, sooner, cancelled]) expect(await register(session.id, member.id)).toBe("registered");
    await cancelForumSession(roles.coordinator.id, cancelled.id, { reason: "" });
    await register(othersOnly.id, other.id);

    // The municipality's activity: a write-up, a topic, an adoption, in that order; others' are not theirs.
    const writeUp = await createExperienceAs(member.id, { municipalityNumber: "5001", visibility: "members", themeIds: [themeIds[1]!] });
    await createExperienceAs(member.id, { municipalityNumber: "5001", publish: false });
    await createExperienceAs(other.id, { municipalityNumber: "0301" });
    const topic = await createTopicAs(member.id, { municipalityNumber: "5001" });
    const theirTopic = await createTopicAs(other.id, { municipalityNumber: "0301" });
    const solution = await createSolution(coordinator, coordinator);
    const adoption = await recordAdoption(viewer, solution.id, "5001", { state: "piloting", since: osloToday(), note: "", openToJointProcurement: false }, null);
    expect(adoption.ok).toBe(true);

    // Follows: their theme, with its newest write-up; another member's follow is not theirs.
    await setFollow(member.id, { themeId: themeIds[1]! }, true);
    await setFollow(member.id, { themeId: themeIds[6]! }, true);
    await setFollow(other.id, { themeId: themeIds[2]! }, true);

    // Notifications: four more unread (the newest three shown), one read, and another member's.
    const notice = (memberId: number, title: string, minutesAgo: number, read = false) => ({
      memberId,
      kind: "summary_published" as const,
      params: { title },
      url: "/forum-sessions/1",
      createdAt: new Date(Date.now() - minutesAgo * 60_000),
      readAt: read ? new Date() : null,
    });
    const inserted = await db()
      .insert(notifications)
      .values([notice(member.id, "A", 40), notice(member.id, "B", 30), notice(member.id, "C", 20), notice(member.id, "D", 10), notice(member.id, "Lest", 5, true), notice(other.id, "Annens", 1)])
      .returning({ id: notifications.id });

    const data = await homeAs(member);
    const forum = data.forum!;
    expect(forum.registrations.map((session) => session.id)).toEqual([sooner.id, later.id]);
    expect(forum.registrations[0]).toMatchObject({ title: "Septembermøtet" });

    expect(forum.municipality).toMatchObject({ number: "5001", name: "Trondheim - Tråante" });
    expect(forum.municipality!.activity.map(({ kind, id }) => ({ kind, id }))).toEqual([
      { kind: "adoption", id: solution.id },
      { kind: "topic", id: topic.id },
      { kind: "experience", id: writeUp.id },
    ]);
    expect(forum.municipality!.activity[0]).toMatchObject({ slug: solution.slug, title: solution.name, state: "piloting" });
    expect(forum.municipality!.activity[2]).toMatchObject({ visibility: "members", title: writeUp.title });

    const [followed, quiet] = forum.followedThemes;
    expect(forum.followedThemes).toHaveLength(2);
    expect(followed).toMatchObject({ latestId: writeUp.id, latestTitle: writeUp.title });
    expect(quiet).toMatchObject({ latestId: null });

    // The cancelled session told them too, just now: five unread.
    expect(forum.unread.count).toBe(5);
    expect(forum.unread.newest).toMatchObject([{ kind: "forum_session_cancelled" }, { params: { title: "D" } }, { params: { title: "C" } }]);
    expect(forum.unread.newest.map((n) => n.id)).not.toContain(inserted.at(-1)!.id);

    // The other member sees their own, none of the first one's.
    const theirs = (await homeAs(other)).forum!;
    expect(theirs.registrations.map((session) => session.id)).toEqual([othersOnly.id]);
    expect(theirs.municipality).toMatchObject({ number: "0301" });
    const theirTopics = theirs.municipality!.activity.filter((item) => item.kind === "topic").map((item) => item.id);
    expect(theirTopics).toContain(theirTopic.id);
    expect(theirTopics).not.toContain(topic.id);
    expect(theirs.followedThemes.map((theme) => theme.slug)).toHaveLength(1);
    expect(theirs.unread).toMatchObject({ count: 1, newest: [{ params: { title: "Annens" } }] });
  });

  it("sees the next session marked as registered once they have registered for it", async () => {
    const member = await createMember("member");
    const soonest = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2028-06-01T10:00", endsAt: "2028-06-01T12:00" });
    expect((await homeAs(member)).next).toMatchObject({ id: soonest.id, registered: false });
    await register(soonest.id, member.id);
    expect((await homeAs(member)).next).toMatchObject({ id: soonest.id, registered: true });
  });

  it("of an organisation gets no municipality section", async () => {
    const organisation = await createOrganisation("supplier");
    const member = await createMember("member", { organisationId: organisation.id });
    const data = await homeAs(member);
    expect(data.forum).toMatchObject({ municipality: null, registrations: [], followedThemes: [], unread: { count: 0, newest: [] } });
  });
});

describe("a pending member", () => {
  it("sees the visitor's page and a note that the application awaits approval, no member section", async () => {
    const pending = await createMember("pending");
    await db().insert(notifications).values({ memberId: pending.id, kind: "summary_published", params: { title: "X" }, url: "/" });
    const data = await homeAs(pending);
    expect(data).toMatchObject({ forum: null, pending: true, signedIn: true, canRegister: false });
    expect(data.experiences.every((experience) => experience.visibility === "public")).toBe(true);
  });

  it("once approved, gets the member sections and loses the note", async () => {
    const pending = await createMember("pending");
    await db().update(members).set({ status: "approved" }).where(eq(members.id, pending.id));
    const data = await homeAs(pending);
    expect(data.pending).toBe(false);
    expect(data.forum).not.toBeNull();
  });
});
