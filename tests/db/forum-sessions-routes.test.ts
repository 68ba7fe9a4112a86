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
import { fromOsloInput } from "~/lib/oslo-time.server";
import * as home from "~/routes/_index";
import * as agendaItemPage from "~/routes/forum-sessions.$id.agenda.$itemId";
import * as agendaPage from "~/routes/forum-sessions.$id.agenda";
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

  it("counts registrations by county and municipality", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const inVefsn = await createMember("member", { municipalityNumber: "1824" });
    const inOslo = await createMember("member", { municipalityNumber: "0301" });
    for (const viewer of [inVefsn, inOslo, roles.member]) {
      await post(sessionPage, viewer, `/forum-sessions/${planned.id}`, { intent: "register" }, idParams(planned.id));
    }
    const { counts } = (await page(null, planned.id)).data as {
      counts: { total: number; counties: { countyName: string; count: number; municipalities: { municipalityName: string; count: number }[] }[] };
    };
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
    expect((await register(roles.member, planned.id)).status).toBe(200);
    expect((await register(roles.member, planned.id)).status).toBe(200);
    expect(await registered(planned.id)).toEqual([roles.member.id]);
    const viewed = (await load(sessionPage, roles.member, `/forum-sessions/${planned.id}`, idParams(planned.id))).data as { registered: boolean };
    expect(viewed.registered).toBe(true);
    expect((await register(roles.member, planned.id, "unregister")).status).toBe(200);
    expect(await registered(planned.id)).toEqual([]);
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
      const status = await post(sessionPage, viewer, `/forum-sessions/${planned.id}`, { intent: "status", status: "cancelled" }, idParams(planned.id));
      expect(status.status).toBe(403);
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

  it("refuses a save from an older version with 409 and shows the stored one", async () => {
    const planned = await createForumSessionAs(roles.coordinator.id, "planned");
    const stale = await editForm(planned.id);
    await post(editPage, roles.admin, `/forum-sessions/${planned.id}/edit`, { ...stale, title: "Først" }, idParams(planned.id));
    const result = await post(editPage, roles.coordinator, `/forum-sessions/${planned.id}/edit`, { ...stale, title: "Senere" }, idParams(planned.id));
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ errors: { form: ["forumSessions.form.stale"] }, values: { title: "Først" } });
    expect((await db().select().from(forumSessions).where(eq(forumSessions.id, planned.id)))[0]!.title).toBe("Først");
  });

  it("moves draft → planned → held, refuses other steps with 409, and a cancellation tells the registered", async () => {
    const draft = await createForumSessionAs(roles.coordinator.id, "draft");
    const step = (status: string) =>
      post(sessionPage, roles.coordinator, `/forum-sessions/${draft.id}`, { intent: "status", status }, idParams(draft.id));
    expect((await step("held")).status).toBe(409);
    expect((await step("planned")).status).toBe(200);
    const registrant = await createMember();
    await post(sessionPage, registrant, `/forum-sessions/${draft.id}`, { intent: "register" }, idParams(draft.id));
    expect((await step("cancelled")).status).toBe(200);
    expect((await step("planned")).status).toBe(409);
    expect((await step("nonsense")).status).toBe(400);
    const told = await db().select().from(notifications).where(eq(notifications.memberId, registrant.id));
    expect(told.map((n) => n.kind)).toEqual(["forum_session_cancelled"]);
    const statuses = await db()
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "forum_session.status"), eq(auditEvents.subjectId, String(draft.id))))
      .orderBy(asc(auditEvents.id));
    expect(statuses.map((s) => (s.after as { status: string }).status)).toEqual(["planned", "cancelled"]);
  });

  it("starts the next session in a series as a draft copy with the agenda moved along", async () => {
    const held = await createForumSessionAs(roles.coordinator.id, "held");
    await addAgendaItem(roles.coordinator.id, held.id, {
      startOffsetMinutes: 15, durationMinutes: 30, title: "Erfaringer fra Rana", presenterMemberId: null,
      presenterName: "Kari", presenterOrganisation: "KS", description: "", topicId: null,
    });
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
    ["topicId", { topicId: "12345" }, "agenda.form.unknownTopic"],
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
    const csv = await response.text();
    const lines = csv.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toBe("Navn,E-post,Stilling,Nr.,Kommune,Fylke,Påmeldt");
    expect(lines[1]).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(lines[1]).toContain("1820,Alstahaug,Nordland - Nordlánnda");
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
    expect(preview).toContain("<h2>Referat</h2>");
    expect(preview).not.toMatch(/<(script|iframe|img)\b|<[^>]*\son\w+=|<a[^>]*href="javascript:/i);
    expect(await db().select().from(summaries).where(eq(summaries.forumSessionId, held.id))).toEqual([]);
  });

  it("saves drafts that only coordinators see, then publishes: public, and every registered member is told", async () => {
    const held = await createForumSessionAs(roles.coordinator.id, "planned");
    const registrant = await createMember();
    await post(sessionPage, registrant, `/forum-sessions/${held.id}`, { intent: "register" }, idParams(held.id));
    await post(sessionPage, roles.coordinator, `/forum-sessions/${held.id}`, { intent: "status", status: "held" }, idParams(held.id));

    const draft = await save(roles.coordinator, held.id, { bodyMd: "Utkast om **anskaffelse**", version: "0", intent: "save" });
    expect(draft.data).toMatchObject({ message: "summary.savedDraft", version: 1 });
    const publicView = async () =>
      ((await load(sessionPage, null, `/forum-sessions/${held.id}`, idParams(held.id))).data as { summary: { html: string } | null }).summary;
    expect(await publicView()).toBeNull();
    expect(await db().select().from(notifications).where(eq(notifications.memberId, registrant.id))).toEqual([]);

    const published = await save(roles.coordinator, held.id, { bodyMd: "Vi ble enige om felles **anskaffelse**.", version: "1", intent: "publish" });
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
