import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agendaItems, auditEvents } from "../../db/schema";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { db } from "~/db.server";
import { agendaFlags } from "~/forum-sessions/agenda";
import { addAgendaItem, getAgenda } from "~/forum-sessions/agenda.server";
import { toOsloTimeInput } from "~/lib/dates";
import * as agendaItemPage from "~/routes/forum-sessions.$id.agenda.$itemId";
import * as agendaPage from "~/routes/forum-sessions.$id.agenda";
import * as sessionPage from "~/routes/forum-sessions.$id._index";

type Route = { loader?: (args: never) => unknown; action?: (args: never) => unknown };
type Fields = Record<string, string>;

function call(handler: "loader" | "action", route: Route, viewer: TestMember | null, path: string, params: Fields, form?: Fields) {
  const run = route[handler] as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request: requestAs(viewer, path, { form }), params, context: { clientAddress: "192.0.2.1" } }));
}

let roles: Awaited<ReturnType<typeof everyRole>>;
beforeAll(async () => {
  roles = await everyRole();
});

const itemForm = (overrides: Fields = {}): Fields => ({
  intent: "add",
  startTime: "09:00",
  durationMinutes: "10",
  title: "Velkommen",
  presenterEmail: "",
  presenterName: "",
  presenterOrganisation: "",
  description: "",
  ...overrides,
});

/** A forum session with the coordinator's agenda tools bound to it. */
async function sessionWithAgenda(startsAt = "2030-03-14T09:00", endsAt = "2030-03-14T12:00") {
  const session = await createForumSessionAs(roles.coordinator.id, "planned", { startsAt, endsAt });
  const path = `/forum-sessions/${session.id}/agenda`;
  const params = { id: String(session.id) };
  const itemPath = (itemId: number) => `${path}/${itemId}`;
  const itemParams = (itemId: number) => ({ ...params, itemId: String(itemId) });
  return {
    session,
    add: (form: Fields) => call("action", agendaPage, roles.coordinator, path, params, itemForm(form)),
    move: (itemId: number, direction: "up" | "down") =>
      call("action", agendaPage, roles.coordinator, path, params, { intent: "move", itemId: String(itemId), direction }),
    remove: (itemId: number) => call("action", agendaPage, roles.coordinator, path, params, { intent: "remove", itemId: String(itemId) }),
    open: async (itemId: number) => {
      const result = await call("loader", agendaItemPage, roles.coordinator, itemPath(itemId), itemParams(itemId));
      return (result.data as { values: Fields }).values;
    },
    save: (itemId: number, form: Fields) => call("action", agendaItemPage, roles.coordinator, itemPath(itemId), itemParams(itemId), form),
    /** The agenda as the coordinator's page lists it: title and Oslo clock time, in order. */
    times: async () => {
      const { agenda } = (await call("loader", agendaPage, roles.coordinator, path, params)).data as { agenda: { title: string; startOffsetMinutes: number }[] };
      return agenda.map((i) => `${clock(session.startsAt, i.startOffsetMinutes)} ${i.title}`);
    },
    /** The same, as a visitor reads it on the public session page. */
    publicTimes: async () => {
      const result = await call("loader", sessionPage, null, `/forum-sessions/${session.id}`, params);
      const { agenda } = result.data as { agenda: { title: string; startOffsetMinutes: number }[] };
      return agenda.map((i) => `${clock(session.startsAt, i.startOffsetMinutes)} ${i.title}`);
    },
    rows: () =>
      db().select().from(agendaItems).where(eq(agendaItems.forumSessionId, session.id)).orderBy(asc(agendaItems.position)),
  };
}

const clock = (start: Date, minutes: number) => toOsloTimeInput(new Date(start.getTime() + minutes * 60_000));

/** Positions exactly 0..n-1, and each item starts no earlier than the one above it. */
function expectTimesFollowTheOrder(rows: { position: number; startOffsetMinutes: number }[]) {
  expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i));
  for (let i = 1; i < rows.length; i++) expect(rows[i]!.startOffsetMinutes).toBeGreaterThanOrEqual(rows[i - 1]!.startOffsetMinutes);
}

async function fourItems(agenda: Awaited<ReturnType<typeof sessionWithAgenda>>) {
  for (const [startTime, durationMinutes, title] of [
    ["09:00", "10", "Velkommen"],
    ["09:10", "40", "Erfaringer fra Rana"],
    ["09:50", "30", "Pause og spørsmål"],
    ["10:20", "20", "Veien videre"],
  ]) {
    expect((await agenda.add({ startTime: startTime!, durationMinutes: durationMinutes!, title: title! })).status).toBe(200);
  }
  return agenda.rows();
}

describe("a coordinator reordering the agenda", () => {
  it("moving the last item up gives it the slot above, and the public page shows the same order and times", async () => {
    const agenda = await sessionWithAgenda();
    const items = await fourItems(agenda);
    expect((await agenda.move(items[3]!.id, "up")).status).toBe(200);
    const expected = ["09:00 Velkommen", "09:10 Erfaringer fra Rana", "09:50 Veien videre", "10:10 Pause og spørsmål"];
    expect(await agenda.times()).toEqual(expected);
    expect(await agenda.publicTimes()).toEqual(expected);
    expectTimesFollowTheOrder(await agenda.rows());
  });

  it("moving an item down keeps the pause between the two, and the pair ends where it ended", async () => {
    const agenda = await sessionWithAgenda();
    await agenda.add({ startTime: "09:00", durationMinutes: "30", title: "Innlegg" });
    await agenda.add({ startTime: "09:45", durationMinutes: "15", title: "Spørsmål" });
    await agenda.add({ startTime: "10:00", durationMinutes: "30", title: "Avslutning" });
    const [first] = await agenda.rows();
    expect((await agenda.move(first!.id, "down")).status).toBe(200);
    expect(await agenda.times()).toEqual(["09:00 Spørsmål", "09:30 Innlegg", "10:00 Avslutning"]);
  });

  it("an item added at an earlier time, or edited to one, takes the place its time gives", async () => {
    const agenda = await sessionWithAgenda();
    await agenda.add({ startTime: "10:00", durationMinutes: "30", title: "Innlegg" });
    await agenda.add({ startTime: "09:00", durationMinutes: "30", title: "Velkommen" });
    await agenda.add({ startTime: "10:00", durationMinutes: "15", title: "Samtidig innlegg" });
    expect(await agenda.times()).toEqual(["09:00 Velkommen", "10:00 Innlegg", "10:00 Samtidig innlegg"]);

    const innlegg = (await agenda.rows()).find((r) => r.title === "Innlegg")!;
    const values = await agenda.open(innlegg.id);
    expect((await agenda.save(innlegg.id, { ...values, startTime: "11:00" })).status).toBe(303);
    expect(await agenda.times()).toEqual(["09:00 Velkommen", "10:00 Samtidig innlegg", "11:00 Innlegg"]);
    expectTimesFollowTheOrder(await agenda.rows());
  });

  it("removing an item closes the gap in the order and leaves the other times alone", async () => {
    const agenda = await sessionWithAgenda();
    const items = await fourItems(agenda);
    expect((await agenda.remove(items[1]!.id)).status).toBe(200);
    expect(await agenda.times()).toEqual(["09:00 Velkommen", "09:50 Pause og spørsmål", "10:20 Veien videre"]);
    expect((await agenda.rows()).map((r) => r.position)).toEqual([0, 1, 2]);
  });

  it("an agenda whose order and times disagree (older data) is flagged in words, and a move puts the pair right", async () => {
    const agenda = await sessionWithAgenda();
    const items = await fourItems(agenda);
    // As the old "move up" left it: 10:20 above 09:50.
    await db().transaction(async (tx) => {
      await tx.update(agendaItems).set({ position: 3 }).where(eq(agendaItems.id, items[2]!.id));
      await tx.update(agendaItems).set({ position: 2 }).where(eq(agendaItems.id, items[3]!.id));
    });
    expect(await agenda.times()).toEqual(["09:00 Velkommen", "09:10 Erfaringer fra Rana", "10:20 Veien videre", "09:50 Pause og spørsmål"]);
    const flags = agendaFlags(await getAgenda(agenda.session.id), 180);
    expect(flags.get(items[2]!.id)!.startsBeforePrevious).toBe(true);
    expect(flags.get(items[3]!.id)!.startsBeforePrevious).toBe(false);

    // Moving the out-of-place item up swaps only the order: the times were right, the order wrong.
    expect((await agenda.move(items[2]!.id, "up")).status).toBe(200);
    expect(await agenda.times()).toEqual(["09:00 Velkommen", "09:10 Erfaringer fra Rana", "09:50 Pause og spørsmål", "10:20 Veien videre"]);
  });
});

describe("a forum session that runs past midnight", () => {
  it("takes an item at 00:30 in a session from 22:00 to 01:00 and shows it at 00:30", async () => {
    const agenda = await sessionWithAgenda("2030-05-10T22:00", "2030-05-11T01:00");
    expect((await agenda.add({ startTime: "23:30", durationMinutes: "30", title: "Før midnatt" })).status).toBe(200);
    expect((await agenda.add({ startTime: "00:30", durationMinutes: "30", title: "Etter midnatt" })).status).toBe(200);
    expect(await agenda.times()).toEqual(["23:30 Før midnatt", "00:30 Etter midnatt"]);
    expect((await agenda.rows()).map((r) => r.startOffsetMinutes)).toEqual([90, 150]);
    const late = (await agenda.rows())[1]!;
    expect((await agenda.open(late.id)).startTime).toBe("00:30");
    const refused = await agenda.add({ startTime: "01:00", title: "For sent" });
    expect(refused.status).toBe(400);
    expect((refused.data as { errors: Record<string, string[]> }).errors.startTime).toEqual(["agenda.form.startOutside"]);
  });

  it("counts real minutes across the spring clock change", async () => {
    // 31 March 2030: at 02:00 the clock jumps to 03:00, so 23:00–04:00 lasts four hours.
    const agenda = await sessionWithAgenda("2030-03-30T23:00", "2030-03-31T04:00");
    expect((await agenda.add({ startTime: "03:30", durationMinutes: "20", title: "Etter omstillingen" })).status).toBe(200);
    expect((await agenda.rows())[0]!.startOffsetMinutes).toBe(210);
    expect(await agenda.times()).toEqual(["03:30 Etter omstillingen"]);
  });

  it("takes the first 02:30 on the night the clock goes back", async () => {
    // 27 October 2030: at 03:00 the clock goes back to 02:00, so 02:30 happens twice.
    const agenda = await sessionWithAgenda("2030-10-26T23:00", "2030-10-27T03:30");
    expect((await agenda.add({ startTime: "02:30", durationMinutes: "20", title: "Første 02:30" })).status).toBe(200);
    expect((await agenda.rows())[0]!.startOffsetMinutes).toBe(210);
  });
});

describe("two coordinators editing the same agenda item", () => {
  it("refuses a stale save with 409, shows the stored item beside what was typed, and lets the second save win", async () => {
    const agenda = await sessionWithAgenda();
    await agenda.add({ startTime: "09:00", durationMinutes: "30", title: "Velkommen" });
    const [item] = await agenda.rows();
    const first = await agenda.open(item!.id);
    const second = await agenda.open(item!.id);
    expect(first.version).toBe(String(item!.version));

    expect((await agenda.save(item!.id, { ...first, title: "Velkommen og runde" })).status).toBe(303);
    const stale = await agenda.save(item!.id, { ...second, title: "Velkommen til alle", description: "Lang tekst som ikke må gå tapt." });
    expect(stale.status).toBe(409);
    const reply = stale.data as { values: Fields; stored: Fields };
    expect(reply.values).toMatchObject({ title: "Velkommen til alle", description: "Lang tekst som ikke må gå tapt." });
    expect(reply.stored).toMatchObject({ title: "Velkommen og runde", startTime: "09:00" });
    expect(reply.values.version).toBe(String(item!.version + 1));
    expect((await agenda.rows())[0]!.title).toBe("Velkommen og runde");

    // Saving again, having seen the stored item, replaces it.
    expect((await agenda.save(item!.id, reply.values)).status).toBe(303);
    expect((await agenda.rows())[0]!.title).toBe("Velkommen til alle");
  });

  it("a refused form (400) carries the version the editor opened, so fixing it cannot overwrite a save made meanwhile", async () => {
    const agenda = await sessionWithAgenda();
    await agenda.add({ startTime: "09:00", durationMinutes: "30", title: "Velkommen" });
    const [item] = await agenda.rows();
    const opened = await agenda.open(item!.id);
    expect((await agenda.save(item!.id, { ...(await agenda.open(item!.id)), title: "Lagret av en annen" })).status).toBe(303);

    const invalid = await agenda.save(item!.id, { ...opened, title: "" });
    expect(invalid.status).toBe(400);
    const values = (invalid.data as { values: Fields }).values;
    expect(values.version).toBe(opened.version);
    expect((await agenda.save(item!.id, { ...values, title: "Min tittel" })).status).toBe(409);
    expect((await agenda.rows())[0]!.title).toBe("Lagret av en annen");
  });

  it("an edit opened before a move is refused, so the move's new time is not undone", async () => {
    const agenda = await sessionWithAgenda();
    await agenda.add({ startTime: "09:00", durationMinutes: "30", title: "Innlegg" });
    await agenda.add({ startTime: "09:30", durationMinutes: "15", title: "Spørsmål" });
    const [upper, lower] = await agenda.rows();
    const opened = await agenda.open(upper!.id);
    expect((await agenda.move(lower!.id, "up")).status).toBe(200);
    expect((await agenda.save(upper!.id, { ...opened, title: "Innlegg om anskaffelser" })).status).toBe(409);
    expect(await agenda.times()).toEqual(["09:00 Spørsmål", "09:15 Innlegg"]);
  });

  it("refuses a version beyond a whole number with 400, not a crash", async () => {
    const agenda = await sessionWithAgenda();
    await agenda.add({});
    const [item] = await agenda.rows();
    const result = await agenda.save(item!.id, { ...(await agenda.open(item!.id)), version: String(2 ** 40) });
    expect(result.status).toBe(400);
  });

  it("a form without a version is refused with 400, writing nothing", async () => {
    const agenda = await sessionWithAgenda();
    await agenda.add({});
    const [item] = await agenda.rows();
    const { version: _, ...withoutVersion } = await agenda.open(item!.id);
    expect((await agenda.save(item!.id, { ...withoutVersion, title: "Uten versjon" })).status).toBe(400);
    expect((await agenda.rows())[0]!.title).toBe("Velkommen");
  });
});

describe("many coordinators at once", () => {
  it("60 moves at the same time all succeed, and positions and times still follow each other", async () => {
    const agenda = await sessionWithAgenda("2030-03-14T08:00", "2030-03-14T16:00");
    for (let i = 0; i < 8; i++) {
      await agenda.add({ startTime: `${String(8 + i).padStart(2, "0")}:00`, durationMinutes: String(20 + i * 5), title: `Punkt ${i}` });
    }
    const items = await agenda.rows();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => agenda.move(items[i % items.length]!.id, i % 3 === 0 ? "down" : "up")),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const rows = await agenda.rows();
    expect(rows).toHaveLength(8);
    expectTimesFollowTheOrder(rows);
    // Each item kept its duration.
    expect(rows.map((r) => r.durationMinutes).sort((a, b) => a - b)).toEqual(items.map((r) => r.durationMinutes).sort((a, b) => a - b));
  });

  it("30 items added at the same time each get their own position, in the order of their times", async () => {
    const agenda = await sessionWithAgenda("2030-03-14T08:00", "2030-03-14T16:00");
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const minutes = ((i * 7) % 30) * 15;
        const startTime = `${String(8 + Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
        return agenda.add({ startTime, durationMinutes: "15", title: `Punkt ${i}` });
      }),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const rows = await agenda.rows();
    expect(rows).toHaveLength(30);
    expectTimesFollowTheOrder(rows);
  });

  it("moves and removes at the same time leave positions 0..n-1", async () => {
    const agenda = await sessionWithAgenda("2030-03-14T08:00", "2030-03-14T16:00");
    for (let i = 0; i < 10; i++) await agenda.add({ startTime: `${String(8 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`, durationMinutes: "20", title: `Punkt ${i}` });
    const items = await agenda.rows();
    const results = await Promise.all([
      ...items.slice(0, 5).map((item) => agenda.remove(item.id)),
      ...items.map((item) => agenda.move(item.id, "down")),
    ]);
    for (const result of results) expect([200, 404]).toContain(result.status);
    expectTimesFollowTheOrder(await agenda.rows());
  });
});

describe("agenda writes inside a larger change", () => {
  it("an item added in a transaction that fails is not stored, and neither is its audit event", async () => {
    const agenda = await sessionWithAgenda();
    const audits = async () =>
      (await db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.subjectType, "agenda_item"), eq(auditEvents.action, "agenda_item.create"))))[0]!.n;
    const before = await audits();
    const input = {
      startOffsetMinutes: 0,
      durationMinutes: 15,
      title: "Fra et tema",
      presenterMemberId: null,
      presenterName: null,
      presenterOrganisation: null,
      description: "",
      topicId: null,
    };
    await expect(
      db().transaction(async (tx) => {
        await addAgendaItem(roles.coordinator.id, agenda.session.id, input, tx);
        throw new Error("the topic's status change failed");
      }),
    ).rejects.toThrow("the topic's status change failed");
    expect(await agenda.rows()).toEqual([]);
    expect(await audits()).toBe(before);
  });
});
