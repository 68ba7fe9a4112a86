import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  agendaItems,
  auditEvents,
  emailOutbox,
  forumSessions,
  forumSessionThemes,
  notifications,
  registrations,
  summaries,
} from "../../db/schema";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { db } from "~/db.server";
import { agendaFlags } from "~/forum-sessions/agenda";
import { addAgendaItem } from "~/forum-sessions/agenda.server";
import { cancelForumSession } from "~/forum-sessions/forum-sessions.server";
import { fromOsloInput } from "~/lib/oslo-time.server";
import * as home from "~/routes/_index";
import * as agendaItemPage from "~/routes/forum-sessions.$id.agenda.$itemId";
import * as agendaPage from "~/routes/forum-sessions.$id.agenda";
import * as cancelPage from "~/routes/forum-sessions.$id.cancel";
import * as editPage from "~/routes/forum-sessions.$id.edit";
import * as sessionPage from "~/routes/forum-sessions.$id._index";
import * as registrationsCsv from "~/routes/forum-sessions.$id.registrations[.csv]";
import * as registrationsPage from "~/routes/forum-sessions.$id.registrations";
import * as summaryPage from "~/routes/forum-sessions.$id.summary";
import * as listPage from "~/routes/forum-sessions._index";
import * as newPage from "~/routes/forum-sessions.new";

type Viewer = TestMember | null;
type Route = { loader?: (args: never) => unknown; action?: (args: never) => unknown };

function call(handler: "loader" | "action", route: Route, viewer: Viewer, path: string, form?: Record<string, string>, params: Record<string, string> = {}) {
  const request = requestAs(viewer, path, { form });
  const run = route[handler] as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params, context: { clientAddress: "192.0.2.1" } }));
}
const idParams = (id: number) => ({ id: String(id) });
const load = (route: Route, viewer: Viewer, path: string, params?: Record<string, string>) => call("loader", route, viewer, path, undefined, params);
const post = (route: Route, viewer: Viewer, path: string, form: Record<string, string>, params?: Record<string, string>) =>
  call("action", route, viewer, path, form, params);

const countOf = async (table: typeof forumSessions | typeof agendaItems | typeof registrations | typeof auditEvents) =>
  (await db().select({ n: count() }).from(table))[0]!.n;
const errorsOf = (data: unknown) => (data as { errors: Record<string, string[]> }).errors;
const writers = () => [null, roles.pending, roles.member] as const;

let roles: Awaited<ReturnType<typeof everyRole>>;
beforeAll(async () => {
  roles = await everyRole();
});

const sessionForm = (overrides: Record<string, string> = {}) => ({
  title: "Forummøte om velferdsteknologi",
  description: "Vi ser på **digital hjemmeoppfølging**.",
  startsAt: "2030-05-07T09:00",
  endsAt: "2030-05-07T11:30",
  meetingUrl: "https://teams.example.no/møte",
  ...overrides,
});

describe("the list of forum sessions", () => {
  it("shows planned and held sessions to everyone, and drafts to coordinators only", async () => {
    const draft = await createForumSessionAs(roles.coordinator.id, "draft");
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const held = await createForumSessionAs(roles.coordinator.id, "held", { startsAt: "2024-03-14T10:00", endsAt: "2024-03-14T12:00" });
    const ids = async (viewer: Viewer) => {
      const data = (await load(listPage, viewer, "/forum-sessions")).data as { upcoming: { id: number }[]; past: { id: number }[] };
      return [...data.upcoming, ...data.past].map((s) => s.id);
    };
    for (const viewer of [null, roles.pending, roles.member]) {
      expect(await ids(viewer)).toEqual(expect.arrayContaining([planned.id, held.id]));
      expect(await ids(viewer)).not.toContain(draft.id);
    }
    for (const viewer of [roles.coordinator, roles.admin]) expect(await ids(viewer)).toContain(draft.id);
  });
});

describe("creating a forum session", () => {
  it("is for coordinators: anonymous is asked to sign in, others get 403", async () => {
    expect((await load(newPage, null, "/forum-sessions/new")).status).toBe(302);
    for (const viewer of [roles.pending, roles.member]) expect((await load(newPage, viewer, "/forum-sessions/new")).status).toBe(403);
    for (const viewer of [roles.coordinator, roles.admin]) expect((await load(newPage, viewer, "/forum-sessions/new")).status).toBe(200);
  });

  it("refuses a post by anonymous, pending and plain members with 403, writing nothing", async () => {
    const before = await countOf(forumSessions);
    for (const viewer of writers()) expect((await post(newPage, viewer, "/forum-sessions/new", sessionForm())).status).toBe(403);
    expect(await countOf(forumSessions)).toBe(before);
  });

  it("creates a draft in Oslo time with its themes, logged, and goes on to the agenda", async () => {
    const result = await post(newPage, roles.coordinator, "/forum-sessions/new", { ...sessionForm(), theme: "1" });
    expect(result.status).toBe(303);
    const id = Number(result.location!.match(/^\/forum-sessions\/(\d+)\/agenda$/)![1]);
    const [session] = await db().select().from(forumSessions).where(eq(forumSessions.id, id));
    expect(session).toMatchObject({ status: "draft", title: "Forummøte om velferdsteknologi", meetingUrl: "https://teams.example.no/m%C3%B8te" });
    // 7 May is summer time in Oslo: 09:00 there is 07:00 UTC.
    expect(session!.startsAt.toISOString()).toBe("2030-05-07T07:00:00.000Z");
    expect(session!.descriptionHtml).toContain("<strong>digital hjemmeoppfølging</strong>");
    expect(await db().select().from(forumSessionThemes).where(eq(forumSessionThemes.forumSessionId, id))).toHaveLength(1);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "forum_session.create"), eq(auditEvents.subjectId, String(id))));
    expect(audit).toMatchObject({ actorId: roles.coordinator.id, subjectType: "forum_session" });
  });

  it.each([
    ["endsAt", { endsAt: "2030-05-07T08:00" }, "forumSessions.form.endBeforeStart"],
    ["endsAt", { endsAt: "2030-05-07T09:00" }, "forumSessions.form.endBeforeStart"],
    ["startsAt", { startsAt: "2030-02-30T09:00" }, "forumSessions.form.badDateTime"],
    ["startsAt", { startsAt: "i morgen" }, "forumSessions.form.badDateTime"],
    ["meetingUrl", { meetingUrl: "javascript:alert(1)" }, "forumSessions.form.badLink"],
    ["meetingUrl", { meetingUrl: "ftp://example.no/x" }, "forumSessions.form.badLink"],
    ["title", { title: "" }, "form.required"],
    ["title", { title: "T".repeat(5000) }, "form.tooLong"],
  ] as [string, Record<string, string>, string][])("refuses a bad %s (%j) beside the field with 400, writing nothing", async (field, bad, message) => {
    const before = await countOf(forumSessions);
    const result = await post(newPage, roles.coordinator, "/forum-sessions/new", sessionForm(bad));
    expect(result.status).toBe(400);
    expect(errorsOf(result.data)[field]).toEqual([message]);
    expect((result.data as { values: { title: string } }).values.title).toBe(bad.title ?? sessionForm().title);
    expect(await countOf(forumSessions)).toBe(before);
  });
});

describe("a forum session's page", () => {
  const page = (viewer: Viewer, id: number | string) => load(sessionPage, viewer, `/forum-sessions/${id}`, { id: String(id) });

  it("is 404 for a draft unless the viewer coordinates, and for an unknown or malformed id", async () => {
    const draft = await createForumSessionAs(roles.coordinator.id, "draft");
    for (const viewer of [null, roles.pending, roles.member]) expect((await page(viewer, draft.id)).status).toBe(404);
    for (const viewer of [roles.coordinator, roles.admin]) expect((await page(viewer, draft.id)).status).toBe(200);
    for (const id of ["99999999", "abc", "1e3", "-1"]) expect((await page(roles.admin, id)).status).toBe(404);
  });

  it("shows the meeting link to approved members only", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const linkFor = async (viewer: Viewer) => ((await page(viewer, planned.id)).data as { session: { meetingUrl: string | null } }).session.meetingUrl;
    for (const viewer of [null, roles.pending]) expect(await linkFor(viewer)).toBeNull();
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) expect(await linkFor(viewer)).toBe("https://meet.example.no/forum");
  });

  it("counts registrations by county and municipality for members, in total for visitors", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const inVefsn = await createMember("member", { municipalityNumber: "1824" });
    const inOslo = await createMember("member", { municipalityNumber: "0301" });
    for (const viewer of [inVefsn, inOslo, roles.member]) {
      await post(sessionPage, viewer, `/forum-sessions/${planned.id}`, { intent: "register" }, idParams(planned.id));
    }
    type Counts = { total: number; municipalities: number; counties: { countyName: string; count: number; municipalities: { municipalityName: string; count: number }[] }[] };
    // Visitors get the totals only (decision 020): per municipality, Vefsn's one registration would name its person.
    const visitors = ((await page(null, planned.id)).data as { counts: Counts }).counts;
    expect(visitors).toEqual({ total: 3, municipalities: 3, counties: [] });
    const { counts } = (await page(roles.member, planned.id)).data as { counts: Counts };
    expect(counts.total).toBe(3);
    const nordland = counts.counties.find((c) => c.countyName === "Nordland - Nordlánnda");
    expect(nordland?.count).toBe(2);
    expect(nordland?.municipalities.map((m) => [m.municipalityName, m.count])).toEqual(
      expect.arrayContaining([["Vefsn", 1]]),
    );
    expect(counts.counties.find((c) => c.countyName === "Oslo")?.count).toBe(1);
  });
});

describe("registering for a forum session", () => {
  const register = (viewer: Viewer, id: number, intent = "register") =>
    post(sessionPage, viewer, `/forum-sessions/${id}`, { intent }, idParams(id));
  const registered = async (id: number) =>
    (await db().select().from(registrations).where(eq(registrations.forumSessionId, id))).map((r) => r.memberId);

  it("is for approved members: anonymous and pending get 403 and nothing is written", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    for (const viewer of [null, roles.pending]) expect((await register(viewer, planned.id)).status).toBe(403);
    expect(await registered(planned.id)).toEqual([]);
  });

  it("keeps one registration when a member registers twice, and cancels it", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    // A redirect to the page itself, so the address after a plain form post does not end in ?index.
    expect(await register(roles.member, planned.id)).toMatchObject({ status: 303, location: `/forum-sessions/${planned.id}` });
    expect((await register(roles.member, planned.id)).status).toBe(303);
    expect(await registered(planned.id)).toEqual([roles.member.id]);
    const viewed = (await load(sessionPage, roles.member, `/forum-sessions/${planned.id}`, idParams(planned.id))).data as { registered: boolean };
    expect(viewed.registered).toBe(true);
    expect(await register(roles.member, planned.id, "unregister")).toMatchObject({ status: 303, location: `/forum-sessions/${planned.id}` });
    expect(await registered(planned.id)).toEqual([]);
  });

  it("never leaves a registration on a cancelled session that its member was not told of, however the two race", async () => {
    const racers = await Promise.all(Array.from({ length: 12 }, () => createMember()));
    for (let round = 0; round < 4; round++) {
      const planned = await createForumSessionAs(roles.coordinator.id, "planned");
      const cancel = post(cancelPage, roles.coordinator, `/forum-sessions/${planned.id}/cancel`, { reason: "" }, idParams(planned.id));
      const answers = await Promise.all([...racers.map((member) => register(member, planned.id)), cancel]);
      for (const answer of answers) expect([200, 303, 409]).toContain(answer.status);
      const left = await registered(planned.id);
      const told = await db()
        .select({ memberId: notifications.memberId })
        .from(notifications)
        .where(and(eq(notifications.kind, "forum_session_cancelled"), eq(notifications.url, `/forum-sessions/${planned.id}`)));
      expect(told.map((n) => n.memberId).sort()).toEqual([...left].sort());
    }
  });

  it("is closed once the session is held or cancelled, and a draft cannot be found", async () => {
    const held = await createForumSessionAs(roles.coordinator.id, "held");
    const cancelled = await createForumSessionAs(roles.coordinator.id, "cancelled");
    for (const session of [held, cancelled]) expect((await register(roles.member, session.id)).status).toBe(409);
    const draft = await createForumSessionAs(roles.coordinator.id, "draft");
    expect((await register(roles.member, draft.id)).status).toBe(404);
    for (const session of [held, cancelled, draft]) expect(await registered(session.id)).toEqual([]);
  });
});

describe("editing, moving and cancelling a forum session", () => {
  const editForm = async (id: number, overrides: Record<string, string> = {}) => {
    const { values } = (await load(editPage, roles.coordinator, `/forum-sessions/${id}/edit`, idParams(id))).data as {
      values: { title: string; description: string; startsAt: string; endsAt: string; meetingUrl: string; version: number };
    };
    return { ...values, version: String(values.version), ...overrides };
  };

  it("is for coordinators: others get 403 and nothing changes", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const form = await editForm(planned.id, { title: "Kapret" });
    for (const viewer of writers()) {
      expect((await post(editPage, viewer, `/forum-sessions/${planned.id}/edit`, form, idParams(planned.id))).status).toBe(403);
      const status = await post(sessionPage, viewer, `/forum-sessions/${planned.id}`, { intent: "status", status: "held" }, idParams(planned.id));
      expect(status.status).toBe(403);
      const path = `/forum-sessions/${planned.id}/cancel`;
      expect((await post(cancelPage, viewer, path, { reason: "Kapret" }, idParams(planned.id))).status).toBe(403);
      expect((await load(cancelPage, viewer, path, idParams(planned.id))).status).toBe(viewer ? 403 : 302);
      const restore = await post(sessionPage, viewer, `/forum-sessions/${planned.id}`, { intent: "restore" }, idParams(planned.id));
      expect(restore.status).toBe(403);
    }
    const [row] = await db().select().from(forumSessions).where(eq(forumSessions.id, planned.id));
    expect(row).toMatchObject({ title: planned.title, status: "planned" });
  });

  it("tells the registered when a planned session moves, and raises the calendar sequence", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const registrant = await createMember();
    await post(sessionPage, registrant, `/forum-sessions/${planned.id}`, { intent: "register" }, idParams(planned.id));
    const [before] = await db().select().from(forumSessions).where(eq(forumSessions.id, planned.id));
    const form = await editForm(planned.id, { startsAt: "2030-03-21T10:00", endsAt: "2030-03-21T12:00" });
    const result = await post(editPage, roles.coordinator, `/forum-sessions/${planned.id}/edit`, form, idParams(planned.id));
    expect(result).toMatchObject({ status: 303, location: `/forum-sessions/${planned.id}` });
    const [after] = await db().select().from(forumSessions).where(eq(forumSessions.id, planned.id));
    expect(after!.startsAt.toISOString()).toBe("2030-03-21T09:00:00.000Z");
    expect(after!.sequence).toBe(before!.sequence + 1);
    const told = await db().select().from(notifications).where(eq(notifications.memberId, registrant.id));
    expect(told).toMatchObject([{ kind: "forum_session_moved", url: `/forum-sessions/${planned.id}` }]);
    const mail = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, registrant.email));
    expect(mail[0]?.subject).toContain(planned.title);
  });

  it("refuses a save from an older version with 409, showing the stored version beside the typed one, which is kept", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const stale = await editForm(planned.id);
    await post(editPage, roles.admin, `/forum-sessions/${planned.id}/edit`, { ...stale, title: "Først" }, idParams(planned.id));
    const result = await post(editPage, roles.coordinator, `/forum-sessions/${planned.id}/edit`, { ...stale, title: "Senere" }, idParams(planned.id));
    expect(result.status).toBe(409);
    const [stored] = await db().select().from(forumSessions).where(eq(forumSessions.id, planned.id));
    expect(stored!.title).toBe("Først");
    // The typed text stays in the form, now on the stored version, so saving again is a deliberate merge.
    expect(result.data).toMatchObject({
      errors: { form: ["forumSessions.form.stale"] },
      values: { title: "Senere", version: stored!.version },
      stored: { title: "Først" },
    });
  });

  it("answers a form error with the version the editor opened, so a concurrent save is not overwritten", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const opened = await editForm(planned.id);
    await post(editPage, roles.admin, `/forum-sessions/${planned.id}/edit`, { ...opened, title: "Admins tittel" }, idParams(planned.id));
    const bad = await post(editPage, roles.coordinator, `/forum-sessions/${planned.id}/edit`, { ...opened, title: "" }, idParams(planned.id));
    expect(bad.status).toBe(400);
    const carried = (bad.data as { values: { version: number } }).values.version;
    expect(carried).toBe(Number(opened.version));
    const again = await post(editPage, roles.coordinator, `/forum-sessions/${planned.id}/edit`, { ...opened, title: "Rettet", version: String(carried) }, idParams(planned.id));
    expect(again.status).toBe(409);
    expect((await db().select().from(forumSessions).where(eq(forumSessions.id, planned.id)))[0]!.title).toBe("Admins tittel");
  });

  it("moves draft → planned → held, and refuses other steps with 409", async () => {
    const draft = await createForumSessionAs(roles.coordinator.id, "draft", { startsAt: "2024-03-14T10:00", endsAt: "2024-03-14T12:00" });
    const step = (status: string) =>
      post(sessionPage, roles.coordinator, `/forum-sessions/${draft.id}`, { intent: "status", status }, idParams(draft.id));
    expect((await step("held")).status).toBe(409);
    expect((await step("planned")).status).toBe(200);
    expect((await step("held")).status).toBe(200);
    expect((await step("planned")).status).toBe(409);
    expect((await step("nonsense")).status).toBe(400);
    // Cancelling is a step of its own, with a confirmation: the status buttons cannot do it.
    expect((await step("cancelled")).status).toBe(400);
    const statuses = await db()
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "forum_session.status"), eq(auditEvents.subjectId, String(draft.id))))
      .orderBy(asc(auditEvents.id));
    expect(statuses.map((s) => (s.after as { status: string }).status)).toEqual(["planned", "held"]);
  });

  it("offers and allows \"mark as held\" only once the session has started", async () => {
    const coming = await createForumSessionAs(roles.coordinator.id, "planned");
    const view = async (id: number) =>
      (await load(sessionPage, roles.coordinator, `/forum-sessions/${id}`, idParams(id))).data as { nextStatuses: string[]; canWriteSummary: boolean };
    expect((await view(coming.id)).nextStatuses).not.toContain("held");
    const early = await post(sessionPage, roles.coordinator, `/forum-sessions/${coming.id}`, { intent: "status", status: "held" }, idParams(coming.id));
    expect(early).toMatchObject({ status: 409, data: { message: "forumSessions.notStartedYet" } });
    expect((await db().select().from(forumSessions).where(eq(forumSessions.id, coming.id)))[0]!.status).toBe("planned");
    expect((await view(coming.id)).canWriteSummary).toBe(false);

    const started = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2024-03-14T10:00", endsAt: "2024-03-14T12:00" });
    expect((await view(started.id)).nextStatuses).toContain("held");
    expect((await view(started.id)).canWriteSummary).toBe(false);
    const held = await post(sessionPage, roles.coordinator, `/forum-sessions/${started.id}`, { intent: "status", status: "held" }, idParams(started.id));
    expect(held.status).toBe(200);
    expect((await view(started.id)).canWriteSummary).toBe(true);
  });

  it("cancels only after the coordinator confirms, with the reason on the page and in the mail to every registrant", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const registrant = await createMember();
    await post(sessionPage, registrant, `/forum-sessions/${planned.id}`, { intent: "register" }, idParams(planned.id));
    const path = `/forum-sessions/${planned.id}/cancel`;
    const confirmation = await load(cancelPage, roles.coordinator, path, idParams(planned.id));
    expect(confirmation).toMatchObject({ status: 200, data: { registrantCount: 1 } });
    expect((await db().select().from(forumSessions).where(eq(forumSessions.id, planned.id)))[0]!.status).toBe("planned");

    const tooLong = await post(cancelPage, roles.coordinator, path, { reason: "x".repeat(2001) }, idParams(planned.id));
    expect(tooLong.status).toBe(400);
    expect(errorsOf(tooLong.data).reason).toEqual(["form.tooLong"]);
    expect((await db().select().from(forumSessions).where(eq(forumSessions.id, planned.id)))[0]!.status).toBe("planned");

    const done = await post(cancelPage, roles.coordinator, path, { reason: "  Innlederen er syk.  " }, idParams(planned.id));
    expect(done).toMatchObject({ status: 303, location: `/forum-sessions/${planned.id}` });
    const [row] = await db().select().from(forumSessions).where(eq(forumSessions.id, planned.id));
    expect(row).toMatchObject({ status: "cancelled", cancelReason: "Innlederen er syk." });
    const page = (await load(sessionPage, null, `/forum-sessions/${planned.id}`, idParams(planned.id))).data as { session: { cancelReason: string | null } };
    expect(page.session.cancelReason).toBe("Innlederen er syk.");
    const told = await db().select().from(notifications).where(eq(notifications.memberId, registrant.id));
    expect(told.map((n) => n.kind)).toEqual(["forum_session_cancelled"]);
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, registrant.email));
    expect(mail!.bodyText).toContain("Innlederen er syk.");
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "forum_session.cancel"), eq(auditEvents.subjectId, String(planned.id))));
    expect(audit!.after).toMatchObject({ status: "cancelled", cancelReason: "Innlederen er syk." });

    // Cancelled already: a second confirmation changes nothing and tells nobody again.
    expect((await post(cancelPage, roles.coordinator, path, { reason: "" }, idParams(planned.id))).status).toBe(409);
    expect(await db().select().from(notifications).where(eq(notifications.memberId, registrant.id))).toHaveLength(1);
  });

  it("restores a cancelled session to planned, and the registered hear it is back on", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const registrant = await createMember();
    await post(sessionPage, registrant, `/forum-sessions/${planned.id}`, { intent: "register" }, idParams(planned.id));
    await post(cancelPage, roles.coordinator, `/forum-sessions/${planned.id}/cancel`, { reason: "Syk" }, idParams(planned.id));
    const restore = () => post(sessionPage, roles.coordinator, `/forum-sessions/${planned.id}`, { intent: "restore" }, idParams(planned.id));
    expect(await restore()).toMatchObject({ status: 200, data: { message: "forumSessions.restored" } });
    const [row] = await db().select().from(forumSessions).where(eq(forumSessions.id, planned.id));
    expect(row).toMatchObject({ status: "planned", cancelReason: null });
    const told = await db().select().from(notifications).where(eq(notifications.memberId, registrant.id)).orderBy(asc(notifications.id));
    expect(told.map((n) => n.kind)).toEqual(["forum_session_cancelled", "forum_session_moved"]);
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, registrant.email)).orderBy(asc(emailOutbox.id));
    expect(mails[1]!.bodyText).toContain("holdes nå");
    expect((await restore()).status).toBe(409);
  });

  it("lets a cancellation run inside a caller's transaction, undone with it", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const registrant = await createMember();
    await post(sessionPage, registrant, `/forum-sessions/${planned.id}`, { intent: "register" }, idParams(planned.id));
    await expect(
      db().transaction(async (tx) => {
        await cancelForumSession(roles.coordinator.id, planned.id, { reason: "" }, tx);
        throw new Error("the other half failed");
      }),
    ).rejects.toThrow("the other half failed");
    expect((await db().select().from(forumSessions).where(eq(forumSessions.id, planned.id)))[0]!.status).toBe("planned");
    expect(await db().select().from(notifications).where(eq(notifications.memberId, registrant.id))).toEqual([]);
  });

  it("starts the next session in a series as a draft copy with the agenda moved along", async () => {
    const held = await createForumSessionAs(roles.coordinator.id, "held");
    await addAgendaItem(roles.coordinator.id, held.id, {
      startOffsetMinutes: 15, durationMinutes: 30, title: "Erfaringer fra Rana", presenterMemberId: null,
      presenterName: "Kari", presenterOrganisation: "KS", description: "", topicId: null,
    });
    const { copyStartsAt } = (await load(sessionPage, roles.coordinator, `/forum-sessions/${held.id}`, idParams(held.id))).data as { copyStartsAt: string };
    // Four weeks on by the calendar, at the same wall-clock time (29 March 2024 put Oslo on summer time).
    expect(copyStartsAt).toBe("2024-04-11T10:00");
    const result = await post(sessionPage, roles.coordinator, `/forum-sessions/${held.id}`, { intent: "copy", startsAt: "2030-06-13T10:00" }, idParams(held.id));
    expect(result.status).toBe(303);
    const copyId = Number(result.location!.match(/\/forum-sessions\/(\d+)\/edit/)![1]);
    const [copy] = await db().select().from(forumSessions).where(eq(forumSessions.id, copyId));
    expect(copy).toMatchObject({ status: "draft", title: held.title, copiedFromId: held.id });
    expect(copy!.startsAt.toISOString()).toBe("2030-06-13T08:00:00.000Z");
    expect(copy!.endsAt.getTime() - copy!.startsAt.getTime()).toBe(held.endsAt.getTime() - held.startsAt.getTime());
    const items = await db().select().from(agendaItems).where(eq(agendaItems.forumSessionId, copyId));
    expect(items).toMatchObject([{ title: "Erfaringer fra Rana", startOffsetMinutes: 15, durationMinutes: 30 }]);
    const bad = await post(sessionPage, roles.coordinator, `/forum-sessions/${held.id}`, { intent: "copy", startsAt: "snart" }, idParams(held.id));
    expect(bad.status).toBe(400);
    expect(errorsOf(bad.data).startsAt).toEqual(["forumSessions.form.badDateTime"]);
  });

  it("gives a copy the same wall-clock length when the original spanned the change to summer time", async () => {
    // 22:00 to 04:00 across the night the clocks go forward: six hours on the clock, five elapsed.
    const night = await createForumSessionAs(roles.coordinator.id, "draft", { startsAt: "2030-03-30T22:00", endsAt: "2030-03-31T04:00" });
    const result = await post(sessionPage, roles.coordinator, `/forum-sessions/${night.id}`, { intent: "copy", startsAt: "2030-04-27T22:00" }, idParams(night.id));
    const copyId = Number(result.location!.match(/\/forum-sessions\/(\d+)\/edit/)![1]);
    const [copy] = await db().select().from(forumSessions).where(eq(forumSessions.id, copyId));
    expect(copy!.endsAt.toISOString()).toBe(fromOsloInput("2030-04-28T04:00")!.toISOString());
  });
});

describe("the agenda", () => {
  const item = (overrides: Record<string, string> = {}) => ({
    intent: "add",
    startTime: "10:00",
    durationMinutes: "20",
    title: "Velkommen",
    presenterEmail: "",
    presenterName: "",
    presenterOrganisation: "",
    description: "",
    ...overrides,
  });
  const agendaOf = async (id: number) =>
    db().select().from(agendaItems).where(eq(agendaItems.forumSessionId, id)).orderBy(asc(agendaItems.position));

  it("is for coordinators: the page and every action", async () => {
    const session = await createForumSessionAs(roles.coordinator.id, "planned");
    const path = `/forum-sessions/${session.id}/agenda`;
    expect((await load(agendaPage, null, path, idParams(session.id))).status).toBe(302);
    for (const viewer of [roles.pending, roles.member]) expect((await load(agendaPage, viewer, path, idParams(session.id))).status).toBe(403);
    for (const viewer of writers()) expect((await post(agendaPage, viewer, path, item(), idParams(session.id))).status).toBe(403);
    expect(await agendaOf(session.id)).toEqual([]);
    expect((await load(agendaPage, roles.admin, path, idParams(session.id))).status).toBe(200);
  });

  it("adds items with a member or an outside presenter, reorders them without JavaScript, edits and removes", async () => {
    const session = await createForumSessionAs(roles.coordinator.id, "planned");
    const path = `/forum-sessions/${session.id}/agenda`;
    const add = (form: Record<string, string>) => post(agendaPage, roles.coordinator, path, item(form), idParams(session.id));
    expect((await add({ title: "Velkommen", presenterEmail: roles.member.email.toUpperCase() })).status).toBe(200);
    expect((await add({ title: "Innlegg", startTime: "10:20", durationMinutes: "40", presenterName: "Ola", presenterOrganisation: "Digdir" })).status).toBe(200);
    expect((await add({ title: "Oppsummering", startTime: "11:30", durationMinutes: "30" })).status).toBe(200);
    let items = await agendaOf(session.id);
    expect(items.map((i) => [i.title, i.startOffsetMinutes, i.presenterMemberId, i.presenterOrganisation])).toEqual([
      ["Velkommen", 0, roles.member.id, null],
      ["Innlegg", 20, null, "Digdir"],
      ["Oppsummering", 90, null, null],
    ]);
    const move = (itemId: number, direction: string) =>
      post(agendaPage, roles.coordinator, path, { intent: "move", itemId: String(itemId), direction }, idParams(session.id));
    expect((await move(items[2]!.id, "up")).status).toBe(200);
    expect((await move(items[0]!.id, "up")).status).toBe(200); // already first: nothing moves
    items = await agendaOf(session.id);
    expect(items.map((i) => i.title)).toEqual(["Velkommen", "Oppsummering", "Innlegg"]);

    const editPath = `${path}/${items[1]!.id}`;
    const params = { id: String(session.id), itemId: String(items[1]!.id) };
    const { values } = (await load(agendaItemPage, roles.coordinator, editPath, params)).data as { values: Record<string, string> };
    // Moved up, it took the slot above: it starts where "Innlegg" started.
    expect(values).toMatchObject({ startTime: "10:20", durationMinutes: "30", title: "Oppsummering" });
    const saved = await post(agendaItemPage, roles.coordinator, editPath, { ...values, title: "Avslutning", durationMinutes: "15" }, params);
    expect(saved).toMatchObject({ status: 303, location: path });
    expect((await post(agendaItemPage, roles.member, editPath, { ...values, title: "Kapret" }, params)).status).toBe(403);

    expect((await post(agendaPage, roles.coordinator, path, { intent: "remove", itemId: String(items[0]!.id) }, idParams(session.id))).status).toBe(200);
    expect((await agendaOf(session.id)).map((i) => [i.title, i.durationMinutes])).toEqual([["Avslutning", 15], ["Innlegg", 40]]);
    const actions = await db().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectType, "agenda_item"));
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set(["agenda_item.create", "agenda_item.move_up", "agenda_item.update", "agenda_item.delete"]),
    );
  });

  it.each([
    ["durationMinutes", { durationMinutes: "0" }, "agenda.form.badDuration"],
    ["durationMinutes", { durationMinutes: "-15" }, "agenda.form.badDuration"],
    ["durationMinutes", { durationMinutes: "1.5" }, "agenda.form.badDuration"],
    ["startTime", { startTime: "09:59" }, "agenda.form.startOutside"],
    ["startTime", { startTime: "12:00" }, "agenda.form.startOutside"],
    ["startTime", { startTime: "25:00" }, "agenda.form.badTime"],
    ["presenterEmail", { presenterEmail: "ingen@nowhere.no" }, "agenda.form.unknownMember"],
    ["title", { title: "" }, "form.required"],
  ])("refuses a bad %s (%j) with 400, writing nothing", async (field, bad, message) => {
    const session = await createForumSessionAs(roles.coordinator.id, "planned");
    const result = await post(agendaPage, roles.coordinator, `/forum-sessions/${session.id}/agenda`, item(bad), idParams(session.id));
    expect(result.status).toBe(400);
    expect(errorsOf(result.data)[field]).toEqual([message]);
    expect(await agendaOf(session.id)).toEqual([]);
  });

  it("flags an item that overlaps another or runs past the end", () => {
    const flags = agendaFlags(
      [
        { id: 1, startOffsetMinutes: 0, durationMinutes: 30 },
        { id: 2, startOffsetMinutes: 20, durationMinutes: 20 },
        { id: 3, startOffsetMinutes: 40, durationMinutes: 20 },
        { id: 4, startOffsetMinutes: 100, durationMinutes: 30 },
      ],
      120,
    );
    expect(flags.get(1)).toEqual({ overlaps: [2], pastEnd: false, startsBeforePrevious: false });
    expect(flags.get(2)).toEqual({ overlaps: [1], pastEnd: false, startsBeforePrevious: false });
    expect(flags.get(3)).toEqual({ overlaps: [], pastEnd: false, startsBeforePrevious: false });
    expect(flags.get(4)).toEqual({ overlaps: [], pastEnd: true, startsBeforePrevious: false });
  });
});

describe("the registration list", () => {
  it("is for coordinators, as a page and as CSV with spreadsheet formulas made harmless", async () => {
    const session = await createForumSessionAs(roles.coordinator.id, "planned");
    const sly = await createMember("member", { name: "=HYPERLINK(\"https://evil.example\")", municipalityNumber: "1820" });
    await post(sessionPage, sly, `/forum-sessions/${session.id}`, { intent: "register" }, idParams(session.id));
    const path = `/forum-sessions/${session.id}/registrations`;
    for (const viewer of [roles.pending, roles.member]) {
      expect((await load(registrationsPage, viewer, path, idParams(session.id))).status).toBe(403);
      expect((await load(registrationsCsv, viewer, `${path}.csv`, idParams(session.id))).status).toBe(403);
    }
    const list = (await load(registrationsPage, roles.coordinator, path, idParams(session.id))).data as { registrations: { memberId: number }[] };
    expect(list.registrations.map((r) => r.memberId)).toEqual([sly.id]);

    const request = requestAs(roles.coordinator, `${path}.csv`);
    const response = (await registrationsCsv.loader({ request, params: idParams(session.id), context: {} })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split(/\r?\n/);
    expect(lines[0]).toBe("Navn;E-post;Stilling;Nr.;Kommune;Fylke;Påmeldt");
    expect(lines[1]).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(lines[1]).toContain(`;"=""1820""";Alstahaug;Nordland - Nordlánnda;`);
  });

  it("writes the CSV for Norwegian Excel: Oslo time as on the page, and a municipality number kept as text", async () => {
    const session = await createForumSessionAs(roles.coordinator.id, "planned");
    const inOslo = await createMember("member", { municipalityNumber: "0301", name: "Ola Nordmann" });
    await post(sessionPage, inOslo, `/forum-sessions/${session.id}`, { intent: "register" }, idParams(session.id));
    // Registered on a winter afternoon (UTC+1), so UTC and Oslo time differ by an hour.
    await db().update(registrations).set({ createdAt: new Date("2030-01-15T14:05:00Z") }).where(eq(registrations.forumSessionId, session.id));
    const request = requestAs(roles.coordinator, `/forum-sessions/${session.id}/registrations.csv`);
    const response = (await registrationsCsv.loader({ request, params: idParams(session.id), context: {} })) as Response;
    const [, line] = (await response.text()).trim().split(/\r?\n/);
    expect(line).toBe(`Ola Nordmann;${inOslo.email};Rådgiver;"=""0301""";Oslo;Oslo;2030-01-15 15:05`);
  });
});

describe("the summary", () => {
  const path = (id: number) => `/forum-sessions/${id}/summary`;
  const save = (viewer: Viewer, id: number, form: Record<string, string>) => post(summaryPage, viewer, path(id), form, idParams(id));

  it("is for coordinators: others get 403 and nothing is written", async () => {
    const held = await createForumSessionAs(roles.coordinator.id, "held");
    expect((await load(summaryPage, roles.member, path(held.id), idParams(held.id))).status).toBe(403);
    for (const viewer of writers()) {
      expect((await save(viewer, held.id, { bodyMd: "x", version: "0", intent: "publish" })).status).toBe(403);
    }
    expect(await db().select().from(summaries).where(eq(summaries.forumSessionId, held.id))).toEqual([]);
  });

  it("previews on the server without saving, with anything dangerous rendered harmless", async () => {
    const held = await createForumSessionAs(roles.coordinator.id, "held");
    const body = '## Referat\n\n<script>alert(1)</script>\n\n[lenke](javascript:alert(1)) <img src=x onerror="alert(1)"> <iframe src="https://evil.example"></iframe>';
    const result = await save(roles.coordinator, held.id, { bodyMd: body, version: "0", intent: "preview" });
    expect(result.status).toBe(200);
    const preview = (result.data as { preview: string }).preview;
    // As on the session page, where the summary sits under an h2 of its own.
    expect(preview).toContain("<h3>Referat</h3>");
    expect(preview).not.toMatch(/<(script|iframe|img)\b|<[^>]*\son\w+=|<a[^>]*href="javascript:/i);
    expect(await db().select().from(summaries).where(eq(summaries.forumSessionId, held.id))).toEqual([]);
  });

  it("saves drafts that only coordinators see, then publishes: public, and every registered member is told", async () => {
    const held = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2024-03-14T10:00", endsAt: "2024-03-14T12:00" });
    const registrant = await createMember();
    await post(sessionPage, registrant, `/forum-sessions/${held.id}`, { intent: "register" }, idParams(held.id));
    await post(sessionPage, roles.coordinator, `/forum-sessions/${held.id}`, { intent: "status", status: "held" }, idParams(held.id));

    const draft = await save(roles.coordinator, held.id, { bodyMd: "Utkast om **anskaffelse**", version: "0", intent: "save" });
    expect(draft.data).toMatchObject({ message: "summary.savedDraft", version: 1 });
    const publicView = async () =>
      ((await load(sessionPage, null, `/forum-sessions/${held.id}`, idParams(held.id))).data as { summary: { html: string } | null }).summary;
    expect(await publicView()).toBeNull();
    expect(await db().select().from(notifications).where(eq(notifications.memberId, registrant.id))).toEqual([]);

    // Publishing asks first: nothing is stored or sent until the coordinator confirms.
    const asked = await save(roles.coordinator, held.id, { bodyMd: "Vi ble enige om felles **anskaffelse**.", version: "1", intent: "publish" });
    expect(asked).toMatchObject({ status: 200, data: { confirmPublish: true, bodyMd: "Vi ble enige om felles **anskaffelse**.", version: 1 } });
    expect(await publicView()).toBeNull();
    const published = await save(roles.coordinator, held.id, { bodyMd: "Vi ble enige om felles **anskaffelse**.", version: "1", intent: "publish", confirmed: "yes" });
    expect(published.data).toMatchObject({ message: "summary.published", version: 2 });
    expect((await publicView())?.html).toContain("<strong>anskaffelse</strong>");
    const told = await db().select().from(notifications).where(eq(notifications.memberId, registrant.id));
    expect(told).toMatchObject([{ kind: "summary_published", url: `/forum-sessions/${held.id}` }]);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, registrant.email))).toHaveLength(1);

    // Editing the published summary keeps it published and tells nobody again.
    await save(roles.coordinator, held.id, { bodyMd: "Rettet.", version: "2", intent: "save" });
    expect((await publicView())?.html).toContain("Rettet.");
    expect(await db().select().from(notifications).where(eq(notifications.memberId, registrant.id))).toHaveLength(1);

    const { summaries: latest } = (await load(home, null, "/")).data as { summaries: { forumSessionId: number }[] };
    expect(latest.map((s) => s.forumSessionId)).toContain(held.id);

    // Unpublished, it is a draft again that only coordinators see.
    const unpublished = await save(roles.coordinator, held.id, { version: "3", intent: "unpublish", bodyMd: "" });
    expect(unpublished.data).toMatchObject({ message: "summary.unpublished", version: 4, bodyMd: "Rettet." });
    expect(await publicView()).toBeNull();
    expect((await db().select().from(summaries).where(eq(summaries.forumSessionId, held.id)))[0]).toMatchObject({ status: "draft", bodyMd: "Rettet." });
  });

  it("puts the summary's own headings below the section heading it is shown under", async () => {
    const held = await createForumSessionAs(roles.coordinator.id, "held");
    await save(roles.coordinator, held.id, { bodyMd: "# Vedtak\n\n## Oppfølging", version: "0", intent: "save" });
    const [stored] = await db().select().from(summaries).where(eq(summaries.forumSessionId, held.id));
    expect(stored!.bodyHtml).toBe("<h3>Vedtak</h3>\n<h4>Oppfølging</h4>\n");
  });

  it.each(["draft", "planned", "cancelled"] as const)("belongs to held sessions only: on a %s session every save answers 409 and stores nothing", async (status) => {
    const session = await createForumSessionAs(roles.coordinator.id, status);
    expect((await load(summaryPage, roles.coordinator, path(session.id), idParams(session.id))).data).toMatchObject({ writable: false });
    for (const form of [
      { bodyMd: "Referat", version: "0", intent: "save", confirmed: "" },
      { bodyMd: "Referat", version: "0", intent: "publish", confirmed: "yes" },
      { bodyMd: "Referat", version: "0", intent: "unpublish", confirmed: "" },
    ]) {
      const result = await save(roles.coordinator, session.id, form);
      expect(result).toMatchObject({ status: 409, data: { errors: { form: ["summary.notHeld"] }, bodyMd: form.bodyMd } });
    }
    expect(await db().select().from(summaries).where(eq(summaries.forumSessionId, session.id))).toEqual([]);
  });

  it("does not show a published summary of a session that was not held", async () => {
    const cancelled = await createForumSessionAs(roles.coordinator.id, "cancelled");
    await db().insert(summaries).values({ forumSessionId: cancelled.id, bodyMd: "x", bodyHtml: "<p>x</p>", status: "published", publishedAt: new Date() });
    const { summary } = (await load(sessionPage, null, `/forum-sessions/${cancelled.id}`, idParams(cancelled.id))).data as { summary: unknown };
    expect(summary).toBeNull();
  });

  it("answers a stale version where no summary exists yet with 409 and the typed text, not a crash", async () => {
    const held = await createForumSessionAs(roles.coordinator.id, "held");
    const result = await save(roles.coordinator, held.id, { bodyMd: "Min tekst", version: "3", intent: "save" });
    expect(result).toMatchObject({ status: 409, data: { bodyMd: "Min tekst", stored: "", version: 0, errors: { form: ["summary.stale"] } } });
    expect(await db().select().from(summaries).where(eq(summaries.forumSessionId, held.id))).toEqual([]);
    const unpublish = await save(roles.coordinator, held.id, { bodyMd: "", version: "0", intent: "unpublish" });
    expect(unpublish.status).toBe(409);
  });

  it("answers a form error with the version the coordinator opened", async () => {
    const held = await createForumSessionAs(roles.coordinator.id, "held");
    await save(roles.admin, held.id, { bodyMd: "Admins tekst", version: "0", intent: "save" });
    const result = await save(roles.coordinator, held.id, { bodyMd: "x".repeat(100_001), version: "0", intent: "save" });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ version: 0, errors: { bodyMd: ["form.tooLong"] } });
  });

  it("refuses a save from an older version with 409, showing both texts, and loses nothing", async () => {
    const held = await createForumSessionAs(roles.coordinator.id, "held");
    await save(roles.admin, held.id, { bodyMd: "Admins tekst", version: "0", intent: "save" });
    const result = await save(roles.coordinator, held.id, { bodyMd: "Koordinatorens tekst", version: "0", intent: "save" });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ bodyMd: "Koordinatorens tekst", stored: "Admins tekst", version: 1 });
    expect((await db().select().from(summaries).where(eq(summaries.forumSessionId, held.id)))[0]!.bodyMd).toBe("Admins tekst");
  });
});

describe("the home page", () => {
  it("shows the next planned forum session with its agenda", async () => {
    const soon = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt: "2029-01-10T10:00", endsAt: "2029-01-10T12:00", title: "Neste møte" });
    await createForumSessionAs(roles.coordinator.id, "draft", { startsAt: "2028-12-01T10:00", endsAt: "2028-12-01T12:00" });
    await addAgendaItem(roles.coordinator.id, soon.id, {
      startOffsetMinutes: 0, durationMinutes: 15, title: "Velkommen", presenterMemberId: null,
      presenterName: null, presenterOrganisation: null, description: "", topicId: null,
    });
    const data = (await load(home, roles.member, "/")).data as { next: { id: number; registered: boolean }; agenda: { title: string }[]; canRegister: boolean };
    expect(data.next).toMatchObject({ id: soon.id, registered: false });
    expect(data.agenda.map((i) => i.title)).toEqual(["Velkommen"]);
    expect(data.canRegister).toBe(true);
    expect(fromOsloInput("2029-01-10T10:00")!.toISOString()).toBe("2029-01-10T09:00:00.000Z");
  });
});

describe("a forum session form sent as a browser sends it", () => {
  it("answers empty fields beside each field, not with an error page", async () => {
    const roles2 = await createMember("coordinator");
    const result = await post(newPage, roles2, "/forum-sessions/new", { title: "", description: "", startsAt: "", endsAt: "", meetingUrl: "" });
    expect(result.status).toBe(400);
    expect(errorsOf(result.data)).toMatchObject({ title: ["form.required"], startsAt: ["form.required"], endsAt: ["form.required"] });
  });
});
