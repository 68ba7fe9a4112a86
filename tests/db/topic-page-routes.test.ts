import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { comments, topics, topicSupports } from "../../db/schema";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createTopicAs } from "../helpers/topics";
import { COMMENTS_PER_PAGE } from "~/comments/comment-values";
import { db } from "~/db.server";
import { changeForumSessionStatus } from "~/forum-sessions/forum-sessions.server";
import { saveSummary } from "~/forum-sessions/summaries.server";
import * as topicPage from "~/routes/topics.$id._index";
import { commentOnTopic, triageTopic, type TriageInput } from "~/topics/topics.server";

type Viewer = TestMember | null;
type LoaderData = Awaited<ReturnType<typeof topicPage.loader>>;

function call(handler: "loader" | "action", viewer: Viewer, path: string, params: Record<string, string>, form?: Record<string, string>) {
  const request = requestAs(viewer, path, { form });
  const run = topicPage[handler] as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params, context: { clientAddress: "192.0.2.1" } }));
}
const load = (viewer: Viewer, id: number | string, query = "") => call("loader", viewer, `/topics/${id}${query}`, { id: String(id) });
const post = (viewer: Viewer, id: number | string, form: Record<string, string>) => call("action", viewer, `/topics/${id}?index`, { id: String(id) }, form);
const page = async (viewer: Viewer, id: number, query = "") => {
  const result = await load(viewer, id, query);
  expect(result.status).toBe(200);
  return result.data as LoaderData;
};

const topicRow = async (id: number) => (await db().select().from(topics).where(eq(topics.id, id)))[0]!;
const supportRows = async (id: number) => (await db().select({ n: count() }).from(topicSupports).where(eq(topicSupports.topicId, id)))[0]!.n;
const commentRows = async (id: number) => (await db().select({ n: count() }).from(comments).where(eq(comments.topicId, id)))[0]!.n;
const errorsOf = (data: unknown) => (data as { comment: { errors: Record<string, string[]>; values: Record<string, string> } }).comment;

let roles: Awaited<ReturnType<typeof everyRole>>;
let proposer: TestMember;
beforeAll(async () => {
  roles = await everyRole();
  proposer = await createMember("member", { name: "Kari Forslagsstiller" });
});

type Step = TriageInput extends infer T ? (T extends unknown ? Omit<T, "version"> : never) : never;

/** A triage step as a coordinator takes it, on the topic's current version. */
async function triage(topicId: number, step: Step) {
  const result = await triageTopic(roles.coordinator.id, topicId, { ...step, version: (await topicRow(topicId)).version } as TriageInput);
  expect(result.ok).toBe(true);
}

describe("the topic page", () => {
  it("shows a topic to every role with its proposer's municipality, exact count and rendered description", async () => {
    const topic = await createTopicAs(proposer.id, { canPresent: true, experiencedMunicipalities: ["0301", "1804"] });
    for (const viewer of [null, roles.pending, roles.member, roles.coordinator, roles.admin]) {
      const data = await page(viewer, topic.id);
      expect(data.topic).toMatchObject({ id: topic.id, title: topic.title, status: "proposed", supportCount: 0, canPresent: true, municipalityNumber: "1804" });
      expect(data.municipalityName).toBe("Bodø");
      expect(data.topic.descriptionHtml).toContain("<strong>dere</strong>");
      expect(data.experienced.map((m) => m.number).sort()).toEqual(["0301", "1804"]);
      expect(data.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "proposed", actorKind: "proposer" })]);
    }
  });

  it("names the proposer and the people in its history to members only, as member pages do", async () => {
    const topic = await createTopicAs(proposer.id);
    for (const viewer of [null, roles.pending]) {
      const data = await page(viewer, topic.id);
      expect(data.proposerName).toBeNull();
      expect(data.history[0]!.actorName).toBeNull();
      expect(JSON.stringify(data)).not.toContain("Kari Forslagsstiller");
    }
    for (const viewer of [roles.member, roles.coordinator]) {
      const data = await page(viewer, topic.id);
      expect(data.proposerName).toBe("Kari Forslagsstiller");
      expect(data.history[0]!.actorName).toBe("Kari Forslagsstiller");
    }
  });

  it("tells each viewer what they may do: sign in, wait for approval, support; edit and triage where allowed", async () => {
    const topic = await createTopicAs(proposer.id);
    const expected = [
      [null, "anonymous", false, false],
      [roles.pending, "pending", false, false],
      [roles.member, "member", false, false],
      [proposer, "member", true, false],
      [roles.coordinator, "member", true, true],
      [roles.admin, "member", true, true],
    ] as const;
    for (const [viewer, viewerState, canEdit, canTriage] of expected) {
      expect(await page(viewer, topic.id)).toMatchObject({ viewerState, canEdit, canTriage, supportOpen: true });
    }
    await triage(topic.id, { step: "shortlist" });
    expect((await page(proposer, topic.id)).canEdit).toBe(false);
    expect((await page(roles.coordinator, topic.id)).canEdit).toBe(true);
  });

  it("sends a merged topic's address on to the topic it was merged into, through later merges", async () => {
    const [a, b, c] = [await createTopicAs(proposer.id), await createTopicAs(proposer.id), await createTopicAs(proposer.id)];
    await triage(a.id, { step: "merge", intoId: b.id });
    await triage(b.id, { step: "merge", intoId: c.id });
    for (const viewer of [null, roles.member, roles.coordinator]) {
      const result = await load(viewer, a.id);
      expect(result.status).toBe(302);
      expect(result.location).toBe(`/topics/${c.id}`);
    }
    expect((await load(null, b.id)).location).toBe(`/topics/${c.id}`);
    const target = await page(null, c.id);
    expect(target.mergedFrom.map((m) => m.id)).toEqual([b.id]);
  });

  it.each(["99999999", "abc", "1.5", "-1", "9999999999", "0x10", "1 OR 1=1"])("is 404 for the id %j", async (id) => {
    expect((await load(null, id)).status).toBe(404);
    expect((await load(roles.coordinator, id)).status).toBe(404);
  });

  it("shows the reason a topic was declined, and that it takes no more support", async () => {
    const topic = await createTopicAs(proposer.id);
    await triage(topic.id, { step: "decline", reason: "Dekket av forummøtet i mars." });
    const data = await page(null, topic.id);
    expect(data.topic).toMatchObject({ status: "declined", declineReason: "Dekket av forummøtet i mars." });
    expect(data.supportOpen).toBe(false);
    expect(data.history.at(-1)).toMatchObject({ fromStatus: "proposed", toStatus: "declined", note: "Dekket av forummøtet i mars.", actorKind: "coordinator" });
  });

  it("follows a topic onto a forum session's agenda and into the summary that covered it", async () => {
    const topic = await createTopicAs(proposer.id);
    const session = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2024-05-02T10:00", endsAt: "2024-05-02T12:00", title: "Forummøte om velferd" });
    await triage(topic.id, { step: "shortlist" });
    await triage(topic.id, { step: "schedule", forumSessionId: session.id, note: "Tas i mai." });

    const scheduled = await page(null, topic.id);
    expect(scheduled.session).toMatchObject({ id: session.id, title: "Forummøte om velferd", summaryPublished: false });
    expect(scheduled.session!.agendaItemId).toEqual(expect.any(Number));
    expect(scheduled.history.at(-1)).toMatchObject({
      toStatus: "scheduled",
      note: "Tas i mai.",
      forumSession: { id: session.id, title: "Forummøte om velferd" },
      agendaItemId: scheduled.session!.agendaItemId,
    });

    expect((await changeForumSessionStatus(roles.coordinator.id, session.id, "held")).ok).toBe(true);
    expect((await saveSummary(roles.coordinator.id, session.id, { bodyMd: "Referat", version: 0, publish: true })).ok).toBe(true);
    const covered = await page(null, topic.id);
    expect(covered.topic.status).toBe("covered");
    expect(covered.session).toMatchObject({ id: session.id, summaryPublished: true });
    expect(covered.history.at(-1)).toMatchObject({ fromStatus: "scheduled", toStatus: "covered", actorKind: "system", forumSession: { id: session.id } });
  });

  it("names a draft forum session a topic is scheduled onto to coordinators only", async () => {
    const topic = await createTopicAs(proposer.id);
    const draft = await createForumSessionAs(roles.coordinator.id, "draft", { title: "Hemmelig utkast" });
    await triage(topic.id, { step: "schedule", forumSessionId: draft.id });
    for (const viewer of [null, roles.member]) {
      const data = await page(viewer, topic.id);
      expect(data.session).toMatchObject({ id: draft.id, title: null });
      expect(data.history.at(-1)!.forumSession).toBeNull();
      expect(JSON.stringify(data)).not.toContain("Hemmelig utkast");
    }
    expect((await page(roles.coordinator, topic.id)).session).toMatchObject({ title: "Hemmelig utkast" });
  });
});

describe("supporting a topic", () => {
  it("refuses visitors and pending members with 403, writing nothing", async () => {
    const topic = await createTopicAs(proposer.id);
    for (const viewer of [null, roles.pending]) {
      expect((await post(viewer, topic.id, { intent: "support" })).status).toBe(403);
      expect((await post(viewer, topic.id, { intent: "support", reply: "data" })).status).toBe(403);
    }
    expect(await supportRows(topic.id)).toBe(0);
    expect((await topicRow(topic.id)).supportCount).toBe(0);
  });

  it("counts a member once however often they press, goes back to the page, and lets them withdraw", async () => {
    const topic = await createTopicAs(proposer.id);
    for (let i = 0; i < 2; i++) {
      const result = await post(roles.member, topic.id, { intent: "support" });
      expect(result.status).toBe(303);
      expect(result.location).toBe(`/topics/${topic.id}`);
    }
    expect(await supportRows(topic.id)).toBe(1);
    expect(await page(roles.member, topic.id)).toMatchObject({ supported: true, topic: { supportCount: 1 } });
    expect(await page(null, topic.id)).toMatchObject({ supported: false, topic: { supportCount: 1 } });

    const withdrawn = await post(roles.member, topic.id, { intent: "withdraw" });
    expect(withdrawn.status).toBe(303);
    expect(await supportRows(topic.id)).toBe(0);
    expect(await page(roles.member, topic.id)).toMatchObject({ supported: false, topic: { supportCount: 0 } });
  });

  it("answers the script's fetcher with the stored count instead of a redirect", async () => {
    const topic = await createTopicAs(proposer.id);
    const result = await post(roles.coordinator, topic.id, { intent: "support", reply: "data" });
    expect(result).toMatchObject({ status: 200, data: { support: { supportCount: 1, supported: true } } });
    const withdrawn = await post(roles.coordinator, topic.id, { intent: "withdraw", reply: "data" });
    expect(withdrawn).toMatchObject({ status: 200, data: { support: { supportCount: 0, supported: false } } });
  });

  it("counts fifty members supporting through the page at the same moment exactly", async () => {
    const topic = await createTopicAs(proposer.id);
    const many = await Promise.all(Array.from({ length: 50 }, () => createMember("member")));
    const results = await Promise.all(many.map((m) => post(m, topic.id, { intent: "support" })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(303));
    expect((await topicRow(topic.id)).supportCount).toBe(50);
    expect(await supportRows(topic.id)).toBe(50);
    expect((await page(null, topic.id)).topic.supportCount).toBe(50);
  });

  it.each(["declined", "covered", "merged"] as const)("refuses support for a %s topic with a message, writing nothing", async (status) => {
    const topic = await createTopicAs(proposer.id);
    if (status === "declined") await triage(topic.id, { step: "decline", reason: "Utenfor forumets mandat." });
    if (status === "merged") await triage(topic.id, { step: "merge", intoId: (await createTopicAs(proposer.id)).id });
    if (status === "covered") {
      const session = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2024-06-02T10:00", endsAt: "2024-06-02T12:00" });
      await triage(topic.id, { step: "schedule", forumSessionId: session.id });
      await changeForumSessionStatus(roles.coordinator.id, session.id, "held");
      await saveSummary(roles.coordinator.id, session.id, { bodyMd: "Referat", version: 0, publish: true });
    }
    expect((await topicRow(topic.id)).status).toBe(status);
    for (const form of [{ intent: "support" }, { intent: "support", reply: "data" }] as Record<string, string>[]) {
      const result = await post(roles.member, topic.id, form);
      expect(result).toMatchObject({ status: 409, data: { message: "topicPage.supportClosed" } });
    }
    expect(await supportRows(topic.id)).toBe(0);
  });

  it("is 404 for an unknown topic and 400 for an unknown intent", async () => {
    expect((await post(roles.member, 99_999_999, { intent: "support" })).status).toBe(404);
    expect((await post(roles.member, "abc", { intent: "support" })).status).toBe(404);
    const topic = await createTopicAs(proposer.id);
    expect((await post(roles.member, topic.id, { intent: "boost" })).status).toBe(400);
    expect(await supportRows(topic.id)).toBe(0);
  });
});

describe("commenting on a topic", () => {
  it("refuses visitors and pending members with 403, writing nothing", async () => {
    const topic = await createTopicAs(proposer.id);
    for (const viewer of [null, roles.pending]) {
      expect((await post(viewer, topic.id, { intent: "comment", body: "Godt forslag!" })).status).toBe(403);
    }
    expect(await commentRows(topic.id)).toBe(0);
  });

  it("stores a member's markdown comment and goes to it (303), where everyone can read it", async () => {
    const topic = await createTopicAs(proposer.id);
    const result = await post(roles.member, topic.id, { intent: "comment", body: "Vi i **Bodø** har prøvd dette." });
    expect(result.status).toBe(303);
    const [stored] = await db().select().from(comments).where(eq(comments.topicId, topic.id));
    expect(stored).toMatchObject({ authorId: roles.member.id, bodyMd: "Vi i **Bodø** har prøvd dette." });
    expect(result.location).toBe(`/topics/${topic.id}#comment-${stored!.id}`);
    const visitor = await page(null, topic.id);
    expect(visitor.comments).toMatchObject({ total: 1, page: 1, pageCount: 1, moderator: false });
    expect(visitor.comments.comments[0]).toMatchObject({ id: stored!.id, authorName: null, authorMunicipality: "Rana - Raane", editable: false });
    expect(visitor.comments.comments[0]!.bodyHtml).toContain("<strong>Bodø</strong>");
    const author = await page(roles.member, topic.id);
    expect(author.comments.comments[0]).toMatchObject({ authorName: roles.member.name, editable: true });
  });

  it("sends the author of a comment beyond the first page to the last page, and pages through them", async () => {
    const topic = await createTopicAs(proposer.id);
    for (let i = 0; i < COMMENTS_PER_PAGE; i++) await commentOnTopic({ id: proposer.id, name: "Kari" }, topic.id, `Kommentar ${i + 1}`);
    const result = await post(roles.member, topic.id, { intent: "comment", body: "Den siste kommentaren" });
    const [last] = await db().select().from(comments).where(and(eq(comments.topicId, topic.id), eq(comments.bodyMd, "Den siste kommentaren")));
    expect(result.location).toBe(`/topics/${topic.id}?comments=2#comment-${last!.id}`);
    expect((await page(null, topic.id)).comments).toMatchObject({ total: COMMENTS_PER_PAGE + 1, page: 1, pageCount: 2 });
    expect((await page(null, topic.id)).comments.comments).toHaveLength(COMMENTS_PER_PAGE);
    const second = await page(null, topic.id, "?comments=2");
    expect(second.comments.page).toBe(2);
    expect(second.comments.comments.map((c) => c.id)).toEqual([last!.id]);
    expect((await page(null, topic.id, "?comments=nonsense")).comments.page).toBe(1);
  });

  it.each([
    ["empty", "", "form.required"],
    ["only spaces", "   \n  ", "form.required"],
    ["10,001 characters", "x".repeat(10_001), "form.tooLong"],
    ["a NUL byte", "Kommentar\u0000med kontrolltegn", "comments.form.badCharacter"],
  ])("refuses a comment that is %s beside the field with 400, keeping the text and writing nothing", async (_, body, message) => {
    const topic = await createTopicAs(proposer.id);
    const result = await post(roles.member, topic.id, { intent: "comment", body });
    expect(result.status).toBe(400);
    expect(errorsOf(result.data).errors.body).toEqual([message]);
    expect(errorsOf(result.data).values.body).toBe(body);
    expect(await commentRows(topic.id)).toBe(0);
  });

  it("takes a comment of exactly 10,000 characters", async () => {
    const topic = await createTopicAs(proposer.id);
    expect((await post(roles.member, topic.id, { intent: "comment", body: "y".repeat(10_000) })).status).toBe(303);
    expect(await commentRows(topic.id)).toBe(1);
  });

  it("refuses a comment on a merged topic (409) and on an unknown one (404)", async () => {
    const topic = await createTopicAs(proposer.id);
    await triage(topic.id, { step: "merge", intoId: (await createTopicAs(proposer.id)).id });
    const result = await post(roles.member, topic.id, { intent: "comment", body: "For sent?" });
    expect(result.status).toBe(409);
    expect(errorsOf(result.data).errors.form).toEqual(["comments.closed"]);
    expect(await commentRows(topic.id)).toBe(0);
    expect((await post(roles.member, 99_999_999, { intent: "comment", body: "Hei" })).status).toBe(404);
  });
});
