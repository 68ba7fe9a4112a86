import { and, count, eq, max } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agendaItems, auditEvents, topics, topicStatusChanges, type Topic } from "../../db/schema";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createTopicAs } from "../helpers/topics";
import { db } from "~/db.server";
import { changeForumSessionStatus } from "~/forum-sessions/forum-sessions.server";
import * as home from "~/routes/_index";
import * as agendaPage from "~/routes/forum-sessions.$id.agenda";
import * as sessionPage from "~/routes/forum-sessions.$id._index";
import * as summaryPage from "~/routes/forum-sessions.$id.summary";
import * as triagePage from "~/routes/topics.$id.triage";
import { setSupport, triageTopic, type TriageInput } from "~/topics/topics.server";

type Viewer = TestMember | null;
type Route = { loader?: (args: never) => unknown; action?: (args: never) => unknown };
type Fields = Record<string, string>;

function call(handler: "loader" | "action", route: Route, viewer: Viewer, path: string, params: Fields, form?: Fields) {
  const run = route[handler] as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request: requestAs(viewer, path, { form }), params, context: { clientAddress: "192.0.2.1" } }));
}
const triagePath = (id: number) => `/topics/${id}/triage`;
const openTriage = (viewer: Viewer, id: number | string, query = "") =>
  call("loader", triagePage, viewer, `/topics/${id}/triage${query}`, { id: String(id) });
const triage = (viewer: Viewer, id: number, form: Fields) => call("action", triagePage, viewer, triagePath(id), { id: String(id) }, form);
const sessionPath = (id: number) => `/forum-sessions/${id}`;
const openSession = (viewer: Viewer, id: number) => call("loader", sessionPage, viewer, sessionPath(id), { id: String(id) });

type TriageData = {
  topic: { id: number; title: string; status: string; supportCount: number; version: number };
  steps: string[];
  sessions: { id: number }[];
  mergeResults: { id: number }[] | null;
};
type SessionData = {
  agenda: { id: number; topicId: number | null; topicTitle: string | null }[];
  summary: { topics: { id: number; title: string }[] } | null;
  shortlisted: { id: number; version: number }[] | null;
};

const topicOf = async (id: number) => (await db().select().from(topics).where(eq(topics.id, id)))[0]!;
const historyOf = async (id: number) =>
  db().select().from(topicStatusChanges).where(eq(topicStatusChanges.topicId, id)).orderBy(topicStatusChanges.id);
const auditCount = async () => (await db().select({ n: count() }).from(auditEvents))[0]!.n;
const agendaOf = async (forumSessionId: number) => db().select().from(agendaItems).where(eq(agendaItems.forumSessionId, forumSessionId));

/** Everything a triage step could write: the topic, its history, agenda items and the audit log. */
async function snapshot(topicId: number) {
  return {
    topic: await topicOf(topicId),
    history: (await historyOf(topicId)).length,
    agendaItems: (await db().select({ n: count() }).from(agendaItems))[0]!.n,
    audit: await auditCount(),
  };
}

let roles: Awaited<ReturnType<typeof everyRole>>;
let proposer: TestMember;
beforeAll(async () => {
  roles = await everyRole();
  proposer = await createMember("member");
});

const newTopic = (title?: string) => createTopicAs(proposer.id, title ? { title } : {});

/** A topic moved on by a coordinator to where a step can start from. */
async function topicIn(status: "proposed" | "shortlisted" | "declined" | "scheduled"): Promise<Topic> {
  const topic = await newTopic();
  const step = async (input: (version: number) => TriageInput) => {
    const result = await triageTopic(roles.coordinator.id, topic.id, input((await topicOf(topic.id)).version));
    if (!result.ok) throw new Error(`could not move the topic on to ${status}: ${result.reason}`);
  };
  if (status === "shortlisted") await step((version) => ({ step: "shortlist", version }));
  if (status === "declined") await step((version) => ({ step: "decline", version, reason: "Tatt opp før" }));
  if (status === "scheduled") {
    const session = await createForumSessionAs(roles.coordinator.id, "planned");
    await step((version) => ({ step: "schedule", version, forumSessionId: session.id }));
  }
  return topicOf(topic.id);
}

/** A valid form for each step, for the topic as it is now. */
async function formFor(step: string, topic: Topic): Promise<Fields> {
  const version = String(topic.version);
  switch (step) {
    case "decline":
      return { intent: step, version, reason: "Passer ikke forumet" };
    case "merge":
      return { intent: step, version, intoId: String((await newTopic()).id) };
    case "schedule":
      return { intent: step, version, forumSessionId: String((await createForumSessionAs(roles.coordinator.id, "planned")).id) };
    default:
      return { intent: step, version, note: "Et notat" };
  }
}

const STEPS = [
  ["shortlist", "proposed", "shortlisted"],
  ["reopen", "shortlisted", "proposed"],
  ["reopen", "declined", "proposed"],
  ["decline", "proposed", "declined"],
  ["merge", "shortlisted", "merged"],
  ["schedule", "shortlisted", "scheduled"],
  ["unschedule", "scheduled", "shortlisted"],
] as const;

describe("the triage page", () => {
  it("asks an anonymous reader to sign in, refuses pending and plain members with 403, and opens for coordinators", async () => {
    const topic = await newTopic("Felles anskaffelse av trygghetsalarmer");
    const anonymous = await openTriage(null, topic.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(triagePath(topic.id))}`);
    for (const viewer of [roles.pending, roles.member]) expect((await openTriage(viewer, topic.id)).status).toBe(403);
    for (const viewer of [roles.coordinator, roles.admin]) {
      const page = await openTriage(viewer, topic.id);
      expect(page.status).toBe(200);
      const data = page.data as TriageData;
      expect(data.topic).toMatchObject({ id: topic.id, title: "Felles anskaffelse av trygghetsalarmer", status: "proposed", supportCount: 0, version: 1 });
      expect(data.steps.sort()).toEqual(["decline", "merge", "schedule", "shortlist"]);
    }
  });

  it("answers an unknown or malformed topic with 404", async () => {
    expect((await openTriage(roles.coordinator, 999_999)).status).toBe(404);
    expect((await openTriage(roles.coordinator, "abc")).status).toBe(404);
    expect((await triage(roles.coordinator, 999_999, { intent: "shortlist", version: "1" })).status).toBe(404);
  });

  it("offers the steps each status allows, and only draft or planned forum sessions that have not begun", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const draft = await createForumSessionAs(roles.coordinator.id, "draft");
    const held = await createForumSessionAs(roles.coordinator.id, "held");
    const cancelled = await createForumSessionAs(roles.coordinator.id, "cancelled");
    const shortlisted = (await openTriage(roles.coordinator, (await topicIn("shortlisted")).id)).data as TriageData;
    expect(shortlisted.steps.sort()).toEqual(["decline", "merge", "reopen", "schedule"]);
    const offered = shortlisted.sessions.map((s) => s.id);
    expect(offered).toEqual(expect.arrayContaining([planned.id, draft.id]));
    expect(offered).not.toContain(held.id);
    expect(offered).not.toContain(cancelled.id);
    expect(((await openTriage(roles.coordinator, (await topicIn("scheduled")).id)).data as TriageData).steps).toEqual(["unschedule"]);
    expect(((await openTriage(roles.coordinator, (await topicIn("declined")).id)).data as TriageData).steps).toEqual(["reopen"]);
  });

  it("finds open topics to merge into by title or number, never the topic itself nor a closed one", async () => {
    const topic = await newTopic("Hjemmeoppfølging med sensorer");
    const duplicate = await newTopic("Sensorer i hjemmeoppfølging, 50%_rabatt");
    const declined = await topicIn("declined");
    await db().update(topics).set({ title: "Avslått om sensorer" }).where(eq(topics.id, declined.id));
    const search = async (q: string) =>
      ((await openTriage(roles.coordinator, topic.id, `?q=${encodeURIComponent(q)}`)).data as TriageData).mergeResults?.map((r) => r.id);
    expect(await search("sensorer")).toEqual([duplicate.id]);
    expect(await search("SENSORER I")).toEqual([duplicate.id]);
    expect(await search(String(duplicate.id))).toContain(duplicate.id);
    expect(await search(`#${duplicate.id}`)).toContain(duplicate.id);
    expect(await search(String(topic.id))).not.toContain(topic.id);
    expect(await search(String(declined.id))).not.toContain(declined.id);
    // A % or _ is looked for as typed, not as a wildcard.
    expect(await search("50%_")).toEqual([duplicate.id]);
    expect(await search("%")).toEqual([duplicate.id]);
    expect(((await openTriage(roles.coordinator, topic.id)).data as TriageData).mergeResults).toBeNull();
  });
});

describe.each(STEPS)("the step %s (from %s)", (step, from, to) => {
  it("is refused with 403 for anonymous, pending and plain members, writing nothing", async () => {
    const topic = await topicIn(from);
    const form = await formFor(step, topic);
    const before = await snapshot(topic.id);
    for (const viewer of [null, roles.pending, roles.member]) expect((await triage(viewer, topic.id, form)).status).toBe(403);
    expect(await snapshot(topic.id)).toEqual(before);
  });

  it.each(["coordinator", "admin"] as const)("is taken by a %s: one history entry, audited, and back to the topic", async (role) => {
    const topic = await topicIn(from);
    const before = await snapshot(topic.id);
    const result = await triage(roles[role], topic.id, await formFor(step, topic));
    expect(result).toMatchObject({ status: 303, location: `/topics/${topic.id}` });
    const after = await topicOf(topic.id);
    expect(after).toMatchObject({ status: to, version: topic.version + 1 });
    const history = await historyOf(topic.id);
    expect(history).toHaveLength(before.history + 1);
    expect(history.at(-1)).toMatchObject({ fromStatus: from, toStatus: to, actorId: roles[role].id });
    const audits = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, `topic.${step}`), eq(auditEvents.subjectType, "topic"), eq(auditEvents.subjectId, String(topic.id))));
    expect(audits).toMatchObject([{ actorId: roles[role].id }]);
  });
});

describe("a step's note and reason", () => {
  it("keeps the coordinator's note in the history", async () => {
    const topic = await newTopic();
    await triage(roles.coordinator, topic.id, { intent: "shortlist", version: "1", note: "Mange har spurt om dette" });
    expect((await historyOf(topic.id)).at(-1)).toMatchObject({ toStatus: "shortlisted", note: "Mange har spurt om dette" });
  });

  it.each<Fields>([{}, { reason: "" }, { reason: "   " }])("refuses declining without a reason (%j) with 400 beside the field, changing nothing", async (reason) => {
    const topic = await newTopic();
    const before = await snapshot(topic.id);
    const result = await triage(roles.coordinator, topic.id, { intent: "decline", version: "1", ...reason });
    expect(result).toMatchObject({ status: 400, data: { intent: "decline", errors: { reason: ["form.required"] } } });
    expect(await snapshot(topic.id)).toEqual(before);
  });

  it("shows the reason on the declined topic", async () => {
    const topic = await newTopic();
    expect((await triage(roles.coordinator, topic.id, { intent: "decline", version: "1", reason: "Ble tatt opp i mars" })).status).toBe(303);
    expect(await topicOf(topic.id)).toMatchObject({ status: "declined", declineReason: "Ble tatt opp i mars" });
    expect((await historyOf(topic.id)).at(-1)).toMatchObject({ note: "Ble tatt opp i mars" });
  });

  it.each<Fields>([
    { intent: "dance", version: "1" },
    { intent: "shortlist" },
    { intent: "shortlist", version: "x" },
    { intent: "merge", version: "1" },
    { intent: "shortlist", version: "1", note: "n".repeat(2001) },
  ])("answers a malformed form (%j) with 400, changing nothing", async (form) => {
    const topic = await newTopic();
    const before = await snapshot(topic.id);
    expect((await triage(roles.coordinator, topic.id, form)).status).toBe(400);
    expect(await snapshot(topic.id)).toEqual(before);
  });

  it("answers a step its status does not allow with 409, changing nothing", async () => {
    const topic = await newTopic();
    const before = await snapshot(topic.id);
    const result = await triage(roles.coordinator, topic.id, { intent: "unschedule", version: "1" });
    expect(result).toMatchObject({ status: 409, data: { message: "triage.notAllowed", status: "proposed" } });
    expect(await snapshot(topic.id)).toEqual(before);
  });
});

describe("merging", () => {
  it("refuses merging a topic into itself, changing nothing", async () => {
    const topic = await newTopic();
    const before = await snapshot(topic.id);
    const result = await triage(roles.coordinator, topic.id, { intent: "merge", version: "1", intoId: String(topic.id) });
    expect(result).toMatchObject({ status: 400, data: { intent: "merge", errors: { form: ["triage.mergeIntoItself"] } } });
    expect(await snapshot(topic.id)).toEqual(before);
  });

  it("refuses merging into a topic that was merged into it, or into a declined one, changing nothing", async () => {
    const a = await newTopic();
    const b = await newTopic();
    expect((await triage(roles.coordinator, b.id, { intent: "merge", version: "1", intoId: String(a.id) })).status).toBe(303);
    const declined = await topicIn("declined");
    for (const target of [b.id, declined.id, 999_999]) {
      const before = await snapshot(a.id);
      const result = await triage(roles.coordinator, a.id, { intent: "merge", version: String(before.topic.version), intoId: String(target) });
      expect(result).toMatchObject({ status: 409, data: { errors: { form: ["triage.mergeBadTarget"] } } });
      expect(await snapshot(a.id)).toEqual(before);
    }
    expect(await topicOf(b.id)).toMatchObject({ status: "merged", mergedIntoId: a.id });
  });
});

describe("scheduling onto a forum session", () => {
  it.each(["held", "cancelled"] as const)("is refused onto a %s session with 409 beside the field, changing nothing", async (status) => {
    const session = await createForumSessionAs(roles.coordinator.id, status);
    const topic = await topicIn("shortlisted");
    const before = await snapshot(topic.id);
    const result = await triage(roles.coordinator, topic.id, { intent: "schedule", version: String(topic.version), forumSessionId: String(session.id) });
    expect(result).toMatchObject({ status: 409, data: { intent: "schedule", errors: { forumSessionId: ["triage.sessionClosed"] } } });
    expect(await snapshot(topic.id)).toEqual(before);
    expect(await agendaOf(session.id)).toEqual([]);
  });

  it("is refused onto a forum session that does not exist with 400, changing nothing", async () => {
    const topic = await topicIn("shortlisted");
    const before = await snapshot(topic.id);
    const result = await triage(roles.coordinator, topic.id, { intent: "schedule", version: String(topic.version), forumSessionId: "999999" });
    expect(result).toMatchObject({ status: 400, data: { errors: { forumSessionId: ["triage.sessionNotFound"] } } });
    expect(await snapshot(topic.id)).toEqual(before);
  });

  it("creates the agenda item linked to the topic in the same step, and the session page links back", async () => {
    const session = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2030-06-04T09:00", endsAt: "2030-06-04T11:00" });
    const topic = await newTopic("Digital hjemmeoppfølging i praksis");
    const result = await triage(roles.coordinator, topic.id, { intent: "schedule", version: "1", forumSessionId: String(session.id), note: "Passer i juni" });
    expect(result).toMatchObject({ status: 303, location: `/topics/${topic.id}` });
    const [item] = await agendaOf(session.id);
    expect(item).toMatchObject({ topicId: topic.id, title: "Digital hjemmeoppfølging i praksis" });
    expect(await topicOf(topic.id)).toMatchObject({ status: "scheduled", forumSessionId: session.id });
    // A real foreign key: the database refuses an agenda item pointing at a topic that does not exist.
    await expect(db().update(agendaItems).set({ topicId: 999_999 }).where(eq(agendaItems.id, item!.id))).rejects.toThrow();

    for (const viewer of [null, roles.member, roles.coordinator]) {
      const data = (await openSession(viewer, session.id)).data as SessionData;
      expect(data.agenda).toMatchObject([{ id: item!.id, topicId: topic.id, topicTitle: "Digital hjemmeoppfølging i praksis" }]);
    }
    const editor = (await call("loader", agendaPage, roles.coordinator, `${sessionPath(session.id)}/agenda`, { id: String(session.id) })).data as SessionData;
    expect(editor.agenda).toMatchObject([{ topicId: topic.id, topicTitle: "Digital hjemmeoppfølging i praksis" }]);
  });

  it("goes back to the forum session page when added from there, and never to another site", async () => {
    const session = await createForumSessionAs(roles.coordinator.id, "draft");
    const topic = await topicIn("shortlisted");
    const back = `${sessionPath(session.id)}#agenda`;
    const added = await triage(roles.coordinator, topic.id, { intent: "schedule", version: String(topic.version), forumSessionId: String(session.id), redirectTo: back });
    expect(added).toMatchObject({ status: 303, location: back });
    const other = await topicIn("shortlisted");
    const reopened = await triage(roles.coordinator, other.id, { intent: "reopen", version: String(other.version), redirectTo: "//evil.example/" });
    expect(reopened).toMatchObject({ status: 303, location: `/topics/${other.id}` });
  });

  it("takes a topic off the agenda: the item goes and the topic is shortlisted again", async () => {
    const topic = await topicIn("scheduled");
    const sessionId = topic.forumSessionId!;
    expect(await agendaOf(sessionId)).toHaveLength(1);
    expect((await triage(roles.coordinator, topic.id, { intent: "unschedule", version: String(topic.version) })).status).toBe(303);
    expect(await agendaOf(sessionId)).toEqual([]);
    expect(await topicOf(topic.id)).toMatchObject({ status: "shortlisted", forumSessionId: null });
  });

  it("sends the topic back to the shortlist when its agenda item is removed on the agenda page", async () => {
    const topic = await topicIn("scheduled");
    const sessionId = topic.forumSessionId!;
    const [item] = await agendaOf(sessionId);
    const historyBefore = (await historyOf(topic.id)).length;
    const result = await call("action", agendaPage, roles.coordinator, `${sessionPath(sessionId)}/agenda`, { id: String(sessionId) }, {
      intent: "remove",
      itemId: String(item!.id),
    });
    expect(result).toMatchObject({ status: 200, data: { message: "agenda.removed" } });
    expect(await topicOf(topic.id)).toMatchObject({ status: "shortlisted", forumSessionId: null });
    const history = await historyOf(topic.id);
    expect(history).toHaveLength(historyBefore + 1);
    expect(history.at(-1)).toMatchObject({ fromStatus: "scheduled", toStatus: "shortlisted", actorId: roles.coordinator.id });
  });
});

describe("two coordinators triaging the same topic at once", () => {
  it("lets exactly one win from the same version; the other gets 409 and the history has one new entry", async () => {
    const other = await createMember("coordinator");
    const topic = await newTopic();
    const before = (await historyOf(topic.id)).length;
    const results = await Promise.all([
      triage(roles.coordinator, topic.id, { intent: "shortlist", version: "1" }),
      triage(other, topic.id, { intent: "decline", version: "1", reason: "Dekket i fjor" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    const winner = results.findIndex((r) => r.status === 303);
    const now = await topicOf(topic.id);
    expect(now.status).toBe(winner === 0 ? "shortlisted" : "declined");
    expect(results[1 - winner]).toMatchObject({ data: { message: "triage.stale", status: now.status } });
    expect(await historyOf(topic.id)).toHaveLength(before + 1);
  });

  it("tells the later one, from the version it opened, what the topic is now, changing nothing", async () => {
    const topic = await topicIn("shortlisted");
    const session = await createForumSessionAs(roles.coordinator.id, "planned");
    expect((await triage(roles.admin, topic.id, { intent: "decline", version: String(topic.version), reason: "Utenfor forumets område" })).status).toBe(303);
    const before = await snapshot(topic.id);
    const late = await triage(roles.coordinator, topic.id, { intent: "schedule", version: String(topic.version), forumSessionId: String(session.id), note: "Til juni" });
    expect(late).toMatchObject({ status: 409, data: { message: "triage.stale", status: "declined", values: { note: "Til juni" } } });
    expect(await snapshot(topic.id)).toEqual(before);
    expect(await agendaOf(session.id)).toEqual([]);
  });
});

describe("the forum session page along the chain", () => {
  it("shows coordinators the shortlisted topics on a draft or planned session, and no one else", async () => {
    const topic = await topicIn("shortlisted");
    for (const status of ["draft", "planned"] as const) {
      const session = await createForumSessionAs(roles.coordinator.id, status);
      for (const viewer of [roles.coordinator, roles.admin]) {
        const { shortlisted } = (await openSession(viewer, session.id)).data as SessionData;
        expect(shortlisted).toContainEqual(expect.objectContaining({ id: topic.id, version: topic.version }));
      }
      if (status === "planned") {
        for (const viewer of [null, roles.pending, roles.member]) expect(((await openSession(viewer, session.id)).data as SessionData).shortlisted).toBeNull();
      }
    }
    for (const status of ["held", "cancelled"] as const) {
      const session = await createForumSessionAs(roles.coordinator.id, status);
      expect(((await openSession(roles.coordinator, session.id)).data as SessionData).shortlisted).toBeNull();
    }
  });

  it("lists the topics its published summary covers, once the summary is published, and the topics become covered", async () => {
    // Planned in the past, so it can be held once its topic is on the agenda.
    const session = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2024-09-12T10:00", endsAt: "2024-09-12T12:00" });
    const topic = await topicIn("shortlisted");
    await triage(roles.coordinator, topic.id, { intent: "schedule", version: String(topic.version), forumSessionId: String(session.id) });
    expect((await changeForumSessionStatus(roles.coordinator.id, session.id, "held")).ok).toBe(true);
    const summaryPath = `${sessionPath(session.id)}/summary`;
    const save = (form: Fields) => call("action", summaryPage, roles.coordinator, summaryPath, { id: String(session.id) }, form);

    await save({ bodyMd: "Utkast", version: "0", intent: "save" });
    expect(((await openSession(null, session.id)).data as SessionData).summary).toBeNull();
    expect((await topicOf(topic.id)).status).toBe("scheduled");

    expect((await save({ bodyMd: "Vi delte erfaringer.", version: "1", intent: "publish", confirmed: "yes" })).data).toMatchObject({ message: "summary.published" });
    expect(await topicOf(topic.id)).toMatchObject({ status: "covered", forumSessionId: session.id });
    for (const viewer of [null, roles.member]) {
      const { summary, agenda } = (await openSession(viewer, session.id)).data as SessionData;
      expect(summary?.topics).toEqual([{ id: topic.id, title: topic.title }]);
      expect(agenda).toMatchObject([{ topicId: topic.id }]);
    }
  });
});

describe("the home page", () => {
  it("shows the most supported open topics with their counts, and the way to propose one", async () => {
    const [top] = await db().select({ n: max(topics.supportCount) }).from(topics);
    const most = (top?.n ?? 0) + 2;
    const first = await newTopic("Mest støttet");
    const second = await topicIn("shortlisted");
    const covered = await newTopic("Støttet, men avslått");
    const supporters = await Promise.all(Array.from({ length: most }, () => createMember("member")));
    for (const [i, supporter] of supporters.entries()) {
      await setSupport(supporter.id, first.id, true);
      if (i < most - 1) await setSupport(supporter.id, second.id, true);
      await setSupport(supporter.id, covered.id, true);
    }
    await triage(roles.coordinator, covered.id, { intent: "decline", version: "1", reason: "Utenfor" });

    type HomeData = { topics: { id: number; supportCount: number }[]; canRegister: boolean; signedIn: boolean };
    const data = (await call("loader", home, null, "/", {})).data as HomeData;
    expect(data.topics.length).toBeLessThanOrEqual(5);
    expect(data.topics.slice(0, 2)).toMatchObject([
      { id: first.id, supportCount: most },
      { id: second.id, supportCount: most - 1 },
    ]);
    expect(data.topics.map((t) => t.id)).not.toContain(covered.id);
    expect(data).toMatchObject({ canRegister: false, signedIn: false });
    expect((await call("loader", home, roles.pending, "/", {})).data).toMatchObject({ canRegister: false, signedIn: true });
    expect((await call("loader", home, roles.member, "/", {})).data).toMatchObject({ canRegister: true, signedIn: true });
  });
});
