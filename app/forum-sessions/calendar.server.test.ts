import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { agendaItems, forumSessions, members, type ForumSession } from "../../db/schema";
import { createMember, type TestMember } from "../../tests/helpers/members";
import {
  getForumSessionCalendar,
  getForumSessionsFeed,
  getMemberByCalendarToken,
  replaceCalendarToken,
  type CalendarOptions,
} from "./calendar.server";
import { addAgendaItem } from "./agenda.server";
import { changeForumSessionStatus, createForumSession, updateForumSession } from "./forum-sessions.server";
import { db } from "~/db.server";
import { renderMarkdown } from "~/lib/markdown.server";

const ORIGIN = "https://forum.example.no";
const MEETING_URL = "https://teams.example.com/l/meetup-join/hemmelig";
const DAY = 24 * 60 * 60 * 1000;
const anonymous: CalendarOptions = { origin: ORIGIN, language: "nb", withMeetingLinks: false };
const member: CalendarOptions = { ...anonymous, withMeetingLinks: true };

let coordinator: TestMember;
beforeAll(async () => {
  coordinator = await createMember("coordinator");
});

async function insertSession(values: Partial<typeof forumSessions.$inferInsert> = {}): Promise<ForumSession> {
  const startsAt = values.startsAt ?? new Date(Date.now() + 7 * DAY);
  const [session] = await db()
    .insert(forumSessions)
    .values({
      title: "Digital søknad om redusert foreldrebetaling",
      descriptionMd: "Vi ser på **erfaringene** fra tre kommuner.",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000),
      meetingUrl: MEETING_URL,
      status: "planned",
      ...values,
    })
    .returning();
  return session!;
}

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
  return { calendar, events };
}

const uidOf = (id: number) => `forum-session-${id}@forum.example.no`;
const eventOf = (ics: string, id: number) => parse(ics).events.find((event) => event.uid === uidOf(id));
const propertyOf = (event: ICAL.Event, name: string) => event.component.getFirstPropertyValue(name);

async function calendarOf(id: number, options = anonymous) {
  const ics = await getForumSessionCalendar(id, options);
  expect(ics).toBeDefined();
  const event = eventOf(ics!, id);
  expect(event).toBeDefined();
  return { ics: ics!, event: event! };
}

describe("a forum session's calendar", () => {
  it.each([
    ["summer time, before the October change", "2026-10-22T08:00:00Z", "2026-10-22T09:30:00Z"],
    ["winter time, after the October change", "2026-10-29T09:00:00Z", "2026-10-29T10:30:00Z"],
    ["summer time, after the March change", "2027-04-01T08:00:00Z", "2027-04-01T09:30:00Z"],
  ])("starts at 10:00 Oslo time in %s, and a calendar app reads the right instant", async (_, start, end) => {
    const session = await insertSession({ startsAt: new Date(start), endsAt: new Date(end) });
    const { calendar, events } = parse((await getForumSessionCalendar(session.id, anonymous))!);
    const zone = calendar.getFirstSubcomponent("vtimezone")!;
    expect(zone.getFirstPropertyValue("tzid")).toBe("Europe/Oslo");
    expect(zone.getAllSubcomponents("standard")).toHaveLength(1);
    expect(zone.getAllSubcomponents("daylight")).toHaveLength(1);
    const [event] = events;
    expect(event!.component.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/Oslo");
    expect([event!.startDate.hour, event!.startDate.minute]).toEqual([10, 0]);
    expect([event!.endDate.hour, event!.endDate.minute]).toEqual([11, 30]);
    expect(event!.startDate.toJSDate().toISOString()).toBe(new Date(start).toISOString());
    expect(event!.endDate.toJSDate().toISOString()).toBe(new Date(end).toISOString());
  });

  it("keeps its UID when the session is edited, and its SEQUENCE follows every change", async () => {
    const input = {
      title: "Beredskap i små kommuner",
      description: "Første utkast.",
      startsAt: new Date("2027-01-14T09:00:00Z"),
      endsAt: new Date("2027-01-14T10:00:00Z"),
      meetingUrl: null,
      themeIds: [],
    };
    const created = await createForumSession(coordinator.id, input);
    expect(await getForumSessionCalendar(created.id, anonymous)).toBeUndefined();
    await changeForumSessionStatus(coordinator.id, created.id, "planned");
    const before = (await calendarOf(created.id)).event;
    const updated = await updateForumSession(
      coordinator.id,
      created.id,
      { ...input, title: "Beredskap i små kommuner, del 2", startsAt: new Date("2027-01-14T12:00:00Z"), endsAt: new Date("2027-01-14T13:00:00Z"), version: 2 },
    );
    expect(updated.ok).toBe(true);
    const after = (await calendarOf(created.id)).event;
    expect(after.uid).toBe(before.uid);
    expect(after.uid).toBe(uidOf(created.id));
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.sequence).toBe((await db().select().from(forumSessions).where(eq(forumSessions.id, created.id)))[0]!.sequence);
    expect(after.summary).toBe("Beredskap i små kommuner, del 2");
    expect(after.startDate.hour).toBe(13);
  });

  it("says CONFIRMED for a planned or held session and CANCELLED for a cancelled one", async () => {
    for (const [status, expected] of [
      ["planned", "CONFIRMED"],
      ["held", "CONFIRMED"],
      ["cancelled", "CANCELLED"],
    ] as const) {
      const session = await insertSession({ status });
      expect(propertyOf((await calendarOf(session.id)).event, "status")).toBe(expected);
    }
  });

  it("has the title, the description and the agenda with times and presenters, and links to the page", async () => {
    const presenter = await createMember("member", { name: "Kari Nordmann", municipalityNumber: "1824" });
    const session = await insertSession({ startsAt: new Date("2027-02-04T09:00:00Z"), endsAt: new Date("2027-02-04T11:00:00Z") });
    const item = { description: "", topicId: null, presenterOrganisation: null };
    await addAgendaItem(coordinator.id, session.id, { ...item, startOffsetMinutes: 0, durationMinutes: 20, title: "Velkommen", presenterMemberId: null, presenterName: null });
    await addAgendaItem(coordinator.id, session.id, { ...item, startOffsetMinutes: 20, durationMinutes: 40, title: "Slik gjorde Vefsn det", presenterMemberId: presenter.id, presenterName: null });
    await addAgendaItem(coordinator.id, session.id, { ...item, startOffsetMinutes: 60, durationMinutes: 30, title: "Felles anskaffelse", presenterMemberId: null, presenterName: "Ola Hansen", presenterOrganisation: "KS" });
    const { event } = await calendarOf(session.id, member);
    expect(event.summary).toBe(session.title);
    expect(event.description).toContain(
      [
        "Agenda:",
        "10:00–10:20 Velkommen",
        "10:20–11:00 Slik gjorde Vefsn det (Kari Nordmann, Vefsn)",
        "11:00–11:30 Felles anskaffelse (Ola Hansen, KS)",
      ].join("\n"),
    );
    // Visitors see no person names (decision 020): presenters by municipality or organisation.
    const visitors = await calendarOf(session.id);
    expect(visitors.event.description).toBe(
      [
        "Vi ser på erfaringene fra tre kommuner.",
        "",
        "Agenda:",
        "10:00–10:20 Velkommen",
        "10:20–11:00 Slik gjorde Vefsn det (Vefsn)",
        "11:00–11:30 Felles anskaffelse (KS)",
        "",
        `Mer om forummøtet: ${ORIGIN}/forum-sessions/${session.id}`,
      ].join("\n"),
    );
    expect(String(propertyOf(event, "url"))).toBe(`${ORIGIN}/forum-sessions/${session.id}`);
  });

  it("writes the description as plain text, with the formatted description as HTML for Outlook", async () => {
    const descriptionMd = "## For hvem\n\n**For hvem:** ledere i *små* kommuner.\n\n- Se [veilederen](https://www.ks.no/veileder)\n- Ta med `spørsmål` & innspill";
    const session = await insertSession({ descriptionMd, descriptionHtml: renderMarkdown(descriptionMd) });
    const { event } = await calendarOf(session.id);
    expect(event.description).toContain(
      "For hvem\n\nFor hvem: ledere i små kommuner.\n\n- Se veilederen (https://www.ks.no/veileder)\n- Ta med spørsmål & innspill",
    );
    expect(event.description).not.toMatch(/\*\*|\[|<|&amp;/);
    const html = String(propertyOf(event, "x-alt-desc"));
    expect(html).toContain("<strong>For hvem:</strong>");
    expect(html).toContain('<a href="https://www.ks.no/veileder"');
    expect(event.component.getFirstProperty("x-alt-desc")!.getParameter("fmttype")).toBe("text/html");
  });

  it("tells why a forum session was cancelled", async () => {
    const session = await insertSession({ status: "cancelled", cancelReason: "Innlederen er syk." });
    const { event } = await calendarOf(session.id);
    expect(event.description).toMatch(/^Forummøtet er avlyst\. Innlederen er syk\.\n/);
  });

  it("writes its texts in English for an English reader", async () => {
    const session = await insertSession({ status: "cancelled" });
    const { event } = await calendarOf(session.id, { ...anonymous, language: "en" });
    expect(event.description).toMatch(/^This forum session is cancelled\.\n/);
    expect(event.description).toContain(`More about the forum session: ${ORIGIN}/forum-sessions/${session.id}`);
  });

  it("stamps DTSTAMP and LAST-MODIFIED in UTC, and LAST-MODIFIED moves when the agenda changes", async () => {
    const session = await insertSession({ updatedAt: new Date("2026-06-01T10:00:00Z") });
    const stamp = (event: ICAL.Event, name: string) => propertyOf(event, name) as unknown as ICAL.Time;
    const { event: before } = await calendarOf(session.id);
    for (const name of ["dtstamp", "last-modified"]) {
      expect(stamp(before, name).zone?.tzid).toBe("UTC");
      expect(stamp(before, name).toJSDate().toISOString()).toBe("2026-06-01T10:00:00.000Z");
    }
    await db().insert(agendaItems).values({
      forumSessionId: session.id,
      position: 0,
      startOffsetMinutes: 0,
      durationMinutes: 10,
      title: "Nytt punkt",
      updatedAt: new Date("2026-06-02T10:00:00Z"),
    });
    const { event: after } = await calendarOf(session.id);
    expect(stamp(after, "last-modified").toJSDate().toISOString()).toBe("2026-06-02T10:00:00.000Z");
  });

  it("has the meeting link as LOCATION and in the description only when built for a member", async () => {
    const session = await insertSession();
    const { ics: forMember, event: memberEvent } = await calendarOf(session.id, member);
    expect(memberEvent.location).toBe(MEETING_URL);
    expect(memberEvent.description).toContain(`Møtelenke: ${MEETING_URL}`);
    expect(forMember).toContain("hemmelig");
    const { ics: forOthers, event: otherEvent } = await calendarOf(session.id, anonymous);
    expect(otherEvent.location).toBeNull();
    expect(forOthers).not.toContain("hemmelig");
  });

  it("does not exist for a draft, a deleted or an unknown session", async () => {
    const draft = await insertSession({ status: "draft" });
    expect(await getForumSessionCalendar(draft.id, member)).toBeUndefined();
    expect(await getForumSessionCalendar(2_000_000_000, member)).toBeUndefined();
  });
});

describe("the feed", () => {
  it("has every planned session, those held or cancelled in the last 30 days, and no drafts", async () => {
    const now = Date.now();
    const planned = await insertSession({ startsAt: new Date(now + 3 * DAY) });
    const plannedLongAgo = await insertSession({ startsAt: new Date(now - 90 * DAY) });
    const recentlyCancelled = await insertSession({ status: "cancelled", startsAt: new Date(now - 10 * DAY) });
    const comingCancelled = await insertSession({ status: "cancelled", startsAt: new Date(now + 10 * DAY) });
    const recentlyHeld = await insertSession({ status: "held", startsAt: new Date(now - 5 * DAY) });
    const oldCancelled = await insertSession({ status: "cancelled", startsAt: new Date(now - 40 * DAY) });
    const oldHeld = await insertSession({ status: "held", startsAt: new Date(now - 40 * DAY) });
    const draft = await insertSession({ status: "draft", startsAt: new Date(now + 3 * DAY) });
    const { calendar, events } = parse(await getForumSessionsFeed(anonymous));
    const uids = events.map((event) => event.uid);
    for (const shown of [planned, plannedLongAgo, recentlyCancelled, comingCancelled, recentlyHeld]) expect(uids).toContain(uidOf(shown.id));
    for (const hidden of [oldCancelled, oldHeld, draft]) expect(uids).not.toContain(uidOf(hidden.id));
    expect(new Set(uids).size).toBe(uids.length);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Kommuneforum – forummøter");
    const cancelled = events.find((event) => event.uid === uidOf(recentlyCancelled.id))!;
    expect(propertyOf(cancelled, "status")).toBe("CANCELLED");
  });

  it("carries meeting links only when built for a member", async () => {
    const session = await insertSession();
    const publicFeed = await getForumSessionsFeed(anonymous);
    expect(publicFeed).not.toContain("hemmelig");
    expect(eventOf(publicFeed, session.id)!.location).toBeNull();
    const personal = await getForumSessionsFeed(member);
    expect(eventOf(personal, session.id)!.location).toBe(MEETING_URL);
    expect(parse(personal).calendar.getFirstPropertyValue("x-wr-calname")).toBe("Kommuneforum – forummøter med møtelenker");
  });
});

describe("a personal feed token", () => {
  it("belongs to its approved member until it is replaced", async () => {
    const owner = await createMember("member");
    const first = await replaceCalendarToken(owner.id);
    expect(first).toMatch(/^[a-z2-7]{32}$/);
    expect(await getMemberByCalendarToken(first)).toEqual({ id: owner.id, language: "nb" });
    const second = await replaceCalendarToken(owner.id);
    expect(second).not.toBe(first);
    expect(await getMemberByCalendarToken(first)).toBeUndefined();
    expect(await getMemberByCalendarToken(second)).toEqual({ id: owner.id, language: "nb" });
  });

  it("is nobody's when malformed, unknown, or held by a member who is no longer approved", async () => {
    for (const token of [undefined, "", "kort", "A".repeat(32), "a".repeat(33), "a".repeat(32)]) {
      expect(await getMemberByCalendarToken(token)).toBeUndefined();
    }
    const owner = await createMember("member");
    const token = await replaceCalendarToken(owner.id);
    await db().update(members).set({ status: "rejected" }).where(eq(members.id, owner.id));
    expect(await getMemberByCalendarToken(token)).toBeUndefined();
  });
});
