import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { forumSessions, members, type ForumSession } from "../../db/schema";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { db } from "~/db.server";
import * as personalFeed from "~/routes/calendar.$token[.ics]";
import * as sessionCalendar from "~/routes/forum-sessions.$id.calendar[.ics]";
import * as publicFeed from "~/routes/forum-sessions.calendar[.ics]";
import * as myCalendar from "~/routes/me.calendar";

type Viewer = TestMember | null;
type Loader = (args: never) => Promise<unknown>;
type Roles = Awaited<ReturnType<typeof everyRole>> & { rejected: TestMember };

const MEETING_URL = "https://teams.example.com/l/meetup-join/hemmelig";
const DAY = 24 * 60 * 60 * 1000;

let roles: Roles;
let planned: ForumSession;
let cancelled: ForumSession;
let draft: ForumSession;

async function insertSession(values: Partial<typeof forumSessions.$inferInsert> = {}): Promise<ForumSession> {
  const startsAt = new Date(Date.now() + 14 * DAY);
  const [session] = await db()
    .insert(forumSessions)
    .values({
      title: "Forebygging i barnehagen",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
      meetingUrl: MEETING_URL,
      status: "planned",
      ...values,
    })
    .returning();
  return session!;
}

// Requests go to http://localhost; every address and UID must still come from PUBLIC_URL.
beforeAll(() => {
  process.env.PUBLIC_URL = "https://forum.example.no";
  return () => {
    delete process.env.PUBLIC_URL;
  };
});

beforeAll(async () => {
  roles = { ...(await everyRole()), rejected: await createMember("rejected") };
  planned = await insertSession();
  cancelled = await insertSession({ status: "cancelled", title: "Avlyst møte" });
  draft = await insertSession({ status: "draft", title: "Hemmelig utkast" });
});

const EVERYONE = ["anonymous", "pending", "rejected", "member", "coordinator", "admin"] as const;
const viewerOf = (role: (typeof EVERYONE)[number]): Viewer => (role === "anonymous" ? null : roles[role]);

/** A resource route's answer as a calendar app would get it: status, headers and the body text. */
async function get(route: { loader: Loader }, viewer: Viewer, path: string, params: Record<string, string> = {}) {
  const run = route.loader as unknown as (args: unknown) => Promise<unknown>;
  let response: unknown;
  try {
    response = await run({ request: requestAs(viewer, path), params, context: {} });
  } catch (thrown) {
    response = thrown;
  }
  if (!(response instanceof Response)) throw new Error(`expected a Response, got ${JSON.stringify(response)}`);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
}
const uidOf = (session: ForumSession) => `forum-session-${session.id}@forum.example.no`;
const eventOf = (ics: string, session: ForumSession) => events(ics).find((event) => event.uid === uidOf(session));

const getSession = (viewer: Viewer, id: string | number) =>
  get(sessionCalendar, viewer, `/forum-sessions/${id}/calendar.ics`, { id: String(id) });
const getPersonal = (token: string) => get(personalFeed, null, `/calendar/${token}.ics`, { token });
const tokenOf = async (id: number) =>
  (await db().select({ token: members.calendarToken }).from(members).where(eq(members.id, id)))[0]!.token;

function call(handler: "loader" | "action", viewer: Viewer, form?: Record<string, string>) {
  const run = myCalendar[handler] as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request: requestAs(viewer, "/me/calendar", { form }), params: {}, context: {} }));
}
type PageData = {
  approved: boolean;
  feedUrl: string | null;
  feedWebcalUrl: string | null;
  publicFeedUrl: string;
  publicFeedWebcalUrl: string;
};
const page = async (viewer: Viewer) => (await call("loader", viewer)).data as PageData;

describe("one forum session's calendar file (/forum-sessions/:id/calendar.ics)", () => {
  it.each(EVERYONE)("is served to %s as an attachment, with the meeting link only for approved members", async (role) => {
    const result = await getSession(viewerOf(role), planned.id);
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(result.headers.get("Content-Disposition")).toBe(`attachment; filename="forum-session-${planned.id}.ics"`);
    const event = eventOf(result.body, planned)!;
    expect(event.summary).toBe(planned.title);
    const isApproved = ["member", "coordinator", "admin"].includes(role);
    expect(event.location).toBe(isApproved ? MEETING_URL : null);
    expect(result.body.includes("hemmelig")).toBe(isApproved);
    expect(result.headers.get("Cache-Control")).toBe(isApproved ? "private, no-store" : "private, no-cache");
  });

  it("marks a cancelled session CANCELLED", async () => {
    const result = await getSession(roles.member, cancelled.id);
    expect(eventOf(result.body, cancelled)!.component.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it.each(EVERYONE)("is 404 for a draft, even to %s", async (role) => {
    const result = await getSession(viewerOf(role), draft.id);
    expect(result.status).toBe(404);
    expect(result.body).not.toContain("Hemmelig");
  });

  it.each(["999999999", "abc", "1.5", "-1", "", "1e3", `${"9".repeat(20)}`])("is 404 for the id %j", async (id) => {
    expect((await getSession(roles.admin, id)).status).toBe(404);
  });
});

describe("the public feed (/forum-sessions/calendar.ics)", () => {
  it.each(EVERYONE)("gives %s the same cacheable feed, without drafts or meeting links", async (role) => {
    const result = await get(publicFeed, viewerOf(role), "/forum-sessions/calendar.ics");
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(result.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(eventOf(result.body, planned)!.location).toBeNull();
    expect(eventOf(result.body, cancelled)!.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(eventOf(result.body, draft)).toBeUndefined();
    expect(result.body).not.toContain("hemmelig");
    expect(result.body).not.toContain("Hemmelig");
  });

  it("sends ?subscribe on to the webcal: address of the feed", async () => {
    const result = await outcome(() =>
      (publicFeed.loader as unknown as (args: unknown) => Promise<unknown>)({
        request: requestAs(null, "/forum-sessions/calendar.ics?subscribe"),
        params: {},
        context: {},
      }),
    );
    expect(result).toMatchObject({ status: 302, location: "webcal://forum.example.no/forum-sessions/calendar.ics" });
  });
});

describe("the personal calendar page (/me/calendar)", () => {
  it("asks an anonymous visitor to sign in, and refuses an anonymous POST with 403", async () => {
    expect(await call("loader", null)).toMatchObject({ status: 302, location: "/sign-in?redirectTo=%2Fme%2Fcalendar" });
    expect((await call("action", null, {})).status).toBe(403);
  });

  it.each(["pending", "rejected"] as const)("explains to a %s member that it is for approved members, and refuses their POST with 403", async (role) => {
    const viewer = roles[role];
    // Even a token left over from before must not be shown or made to work.
    await db().update(members).set({ calendarToken: `${role}`.padEnd(32, "a") }).where(eq(members.id, viewer.id));
    const result = await call("loader", viewer);
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ approved: false, feedUrl: null, feedWebcalUrl: null });
    expect((await call("action", viewer, {})).status).toBe(403);
    expect(await tokenOf(viewer.id)).toBe(`${role}`.padEnd(32, "a"));
    expect((await getPersonal(`${role}`.padEnd(32, "a"))).status).toBe(404);
  });

  it.each(["member", "coordinator", "admin"] as const)("lets a %s make a personal feed address, and a new one that ends the old", async (role) => {
    const viewer = roles[role];
    const before = await page(viewer);
    expect(before).toMatchObject({
      approved: true,
      feedUrl: null,
      publicFeedUrl: "https://forum.example.no/forum-sessions/calendar.ics",
      publicFeedWebcalUrl: "webcal://forum.example.no/forum-sessions/calendar.ics",
    });

    expect(await call("action", viewer, {})).toMatchObject({ status: 200, data: { done: "calendar.me.created" } });
    const first = (await tokenOf(viewer.id))!;
    expect(first).toMatch(/^[a-z2-7]{32}$/);
    expect(await page(viewer)).toMatchObject({
      feedUrl: `https://forum.example.no/calendar/${first}.ics`,
      feedWebcalUrl: `webcal://forum.example.no/calendar/${first}.ics`,
    });
    const feed = await getPersonal(first);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("Cache-Control")).toBe("private, no-store");
    expect(eventOf(feed.body, planned)!.location).toBe(MEETING_URL);

    expect(await call("action", viewer, {})).toMatchObject({ status: 200, data: { done: "calendar.me.replaced" } });
    const second = (await tokenOf(viewer.id))!;
    expect(second).not.toBe(first);
    expect((await page(viewer)).feedUrl).toBe(`https://forum.example.no/calendar/${second}.ics`);
    expect((await getPersonal(first)).status).toBe(404);
    expect((await getPersonal(second)).status).toBe(200);
  });

  it("never shows a member another member's address", async () => {
    const other = await createMember("member");
    await call("action", other, {});
    expect((await page(roles.member)).feedUrl).not.toContain((await tokenOf(other.id))!);
  });
});

describe("the personal feed (/calendar/:token.ics)", () => {
  it.each(EVERYONE)("answers whoever holds the token (here %s) with meeting links, and nothing else", async (role) => {
    const owner = await createMember("member");
    await call("action", owner, {});
    const token = (await tokenOf(owner.id))!;
    const result = await get(personalFeed, viewerOf(role), `/calendar/${token}.ics`, { token });
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(result.headers.get("Cache-Control")).toBe("private, no-store");
    expect(eventOf(result.body, planned)!.location).toBe(MEETING_URL);
    expect(eventOf(result.body, cancelled)!.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(eventOf(result.body, draft)).toBeUndefined();
  });

  it.each(["a".repeat(32), "kort", "A".repeat(32), "a".repeat(33), "../../etc/passwd", ""])("is 404 for the token %j", async (token) => {
    expect((await getPersonal(token)).status).toBe(404);
  });

  it("stops working when its member is no longer approved", async () => {
    const owner = await createMember("member");
    await call("action", owner, {});
    const token = (await tokenOf(owner.id))!;
    expect((await getPersonal(token)).status).toBe(200);
    await db().update(members).set({ status: "rejected" }).where(eq(members.id, owner.id));
    expect((await getPersonal(token)).status).toBe(404);
  });
});
