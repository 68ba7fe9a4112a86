import { and, count, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOptOuts, emailOutbox, notifications } from "../../db/schema";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { db } from "~/db.server";
import { notifyMembers, type Notice } from "~/notifications/notify.server";
import * as root from "~/root";
import * as notificationsPage from "~/routes/notifications";

type Viewer = TestMember | null;
type Loaded = {
  notifications: { id: number; kind: string; params: Record<string, string>; url: string; readAt: Date | null }[];
  hasOlder: boolean;
  page: number;
  unread: number;
  email: Record<string, boolean>;
};

const run = (handler: "loader" | "action", request: Request) =>
  outcome(() =>
    (notificationsPage[handler] as unknown as (args: unknown) => Promise<unknown>)({
      request,
      params: {},
      context: { clientAddress: "192.0.2.1" },
    }),
  );
const load = (viewer: Viewer, path = "/notifications") => run("loader", requestAs(viewer, path));
const post = (viewer: Viewer, form: Record<string, string> | [string, string][]) => {
  const headers = new Headers();
  if (viewer) headers.set("Cookie", `kf_session=${viewer.token}`);
  return run(
    "action",
    new Request("http://localhost/notifications", { method: "POST", headers, body: new URLSearchParams(form) }),
  );
};
const loaded = async (viewer: TestMember, path?: string) => (await load(viewer, path)).data as Loaded;

const moved: Notice = {
  kind: "forum_session_moved",
  params: { title: "Digital hjemmeoppfølging", when: "torsdag 3. desember 2026 kl. 10:00", startsAt: "2026-12-03T09:00:00.000Z" },
  url: "/forum-sessions/12",
};
const cancelled: Notice = { kind: "forum_session_cancelled", params: { title: "Velferdsteknologi" }, url: "/forum-sessions/13" };

function notify(members: TestMember[], notice: Notice) {
  return db().transaction((tx) => notifyMembers(tx, members.map((m) => m.id), notice));
}

const unreadOf = async (member: TestMember) =>
  (
    await db()
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.memberId, member.id), isNull(notifications.readAt)))
  )[0]!.n;
const optOutsOf = async (member: TestMember) =>
  (await db().select({ kind: emailOptOuts.kind }).from(emailOptOuts).where(eq(emailOptOuts.memberId, member.id)))
    .map((row) => row.kind)
    .sort();
const outboxFor = async (member: TestMember) =>
  (await db().select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.toAddress, member.email)))[0]!.n;

let roles: Awaited<ReturnType<typeof everyRole>>;
const signedIn = ["pending", "member", "coordinator", "admin"] as const;

beforeAll(async () => {
  roles = await everyRole();
});

describe("an anonymous visitor", () => {
  it("is sent to sign in, and back here afterwards", async () => {
    const result = await load(null);
    expect(result.status).toBe(302);
    expect(result.location).toBe("/sign-in?redirectTo=%2Fnotifications");
  });

  it.each(["open", "read-all", "email"])("gets 403 for %s and nothing changes", async (intent) => {
    const member = await createMember("member");
    await notify([member], cancelled);
    const [own] = await db().select().from(notifications).where(eq(notifications.memberId, member.id));
    const result = await post(null, { intent, id: String(own!.id) });
    expect(result.status).toBe(403);
    expect(await unreadOf(member)).toBe(1);
    expect(await db().select().from(emailOptOuts)).toEqual([]);
  });

  it("sees no notifications link count in the header", async () => {
    const result = await outcome(() =>
      (root.loader as unknown as (args: unknown) => Promise<unknown>)({ request: requestAs(null, "/"), params: {}, context: {} }),
    );
    expect(result.data).toMatchObject({ viewer: null, unreadNotifications: 0 });
  });
});

describe.each(signedIn)("a signed-in %s", (role) => {
  it("sees only their own notifications, newest first, with email on for every kind by default", async () => {
    const viewer = roles[role];
    const other = await createMember("member");
    await notify([viewer, other], cancelled);
    await notify([viewer], moved);

    const page = await loaded(viewer);
    expect(page.notifications.map((n) => [n.kind, n.params.title, n.url])).toEqual([
      ["forum_session_moved", "Digital hjemmeoppfølging", "/forum-sessions/12"],
      ["forum_session_cancelled", "Velferdsteknologi", "/forum-sessions/13"],
    ]);
    expect(page.notifications.every((n) => n.readAt === null)).toBe(true);
    expect(page.unread).toBe(2);
    expect(page.email).toEqual({
      summary_published: true,
      forum_session_moved: true,
      forum_session_cancelled: true,
      topic_status_changed: true,
      topic_commented: true,
      topic_merged: true,
      experience_published: true,
      experience_co_author_added: true,
      experience_commented: true,
      solution_reviewed: true,
      solution_status_changed: true,
      solution_commented: true,
      adoption_unconfirmed: true,
    });
  });

  it("opens a notification: it is marked read and they land on its page", async () => {
    const viewer = roles[role];
    const [first] = (await loaded(viewer)).notifications;
    const result = await post(viewer, { intent: "open", id: String(first!.id) });
    expect(result.status).toBe(302);
    expect(result.location).toBe(first!.url);
    const after = await loaded(viewer);
    expect(after.notifications.find((n) => n.id === first!.id)!.readAt).not.toBeNull();
    expect(after.unread).toBe(1);
  });

  it("sees the unread count in the header, and none after marking all as read", async () => {
    const viewer = roles[role];
    const header = () =>
      outcome(() =>
        (root.loader as unknown as (args: unknown) => Promise<unknown>)({
          request: requestAs(viewer, "/"),
          params: {},
          context: {},
        }),
      );
    expect((await header()).data).toMatchObject({ unreadNotifications: 1 });

    const result = await post(viewer, { intent: "read-all" });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ ok: true, message: "notifications.markedAllRead" });
    expect((await header()).data).toMatchObject({ unreadNotifications: 0 });
    expect((await loaded(viewer)).notifications.every((n) => n.readAt !== null)).toBe(true);
  });

  it("turns email off for some kinds and on again", async () => {
    const viewer = roles[role];
    const result = await post(viewer, [
      ["intent", "email"],
      ["email", "summary_published"],
    ]);
    expect(result.status).toBe(200);
    expect(await optOutsOf(viewer)).toEqual([
      "adoption_unconfirmed",
      "experience_co_author_added",
      "experience_commented",
      "experience_published",
      "forum_session_cancelled",
      "forum_session_moved",
      "solution_commented",
      "solution_reviewed",
      "solution_status_changed",
      "topic_commented",
      "topic_merged",
      "topic_status_changed",
    ]);
    expect((await loaded(viewer)).email).toEqual({
      summary_published: true,
      forum_session_moved: false,
      forum_session_cancelled: false,
      topic_status_changed: false,
      topic_commented: false,
      topic_merged: false,
      experience_published: false,
      experience_co_author_added: false,
      experience_commented: false,
      solution_reviewed: false,
      solution_status_changed: false,
      solution_commented: false,
      adoption_unconfirmed: false,
    });

    await post(viewer, [
      ["intent", "email"],
      ["email", "forum_session_moved"],
      ["email", "summary_published"],
      ["email", "forum_session_cancelled"],
      ["email", "topic_status_changed"],
      ["email", "topic_commented"],
      ["email", "topic_merged"],
      ["email", "experience_published"],
      ["email", "experience_co_author_added"],
      ["email", "experience_commented"],
      ["email", "solution_reviewed"],
      ["email", "solution_status_changed"],
      ["email", "solution_commented"],
      ["email", "adoption_unconfirmed"],
    ]);
    expect(await optOutsOf(viewer)).toEqual([]);
  });
});

describe("a member and someone else's notification", () => {
  it("cannot open it: 404, and it stays unread", async () => {
    const owner = await createMember("member");
    const intruder = await createMember("member");
    await notify([owner], cancelled);
    const [theirs] = await db().select().from(notifications).where(eq(notifications.memberId, owner.id));

    const result = await post(intruder, { intent: "open", id: String(theirs!.id) });
    expect(result.status).toBe(404);
    expect(result.location).toBeNull();
    expect(await unreadOf(owner)).toBe(1);
  });

  it("does not mark it read by marking all of their own read", async () => {
    const owner = await createMember("member");
    const other = await createMember("member");
    await notify([owner, other], moved);
    await post(other, { intent: "read-all" });
    expect(await unreadOf(owner)).toBe(1);
    expect(await unreadOf(other)).toBe(0);
  });
});

describe("a member with email turned off for a kind", () => {
  it("still gets it in the app, but no mail is queued for them", async () => {
    const member = await createMember("member");
    const other = await createMember("member");
    await post(member, [
      ["intent", "email"],
      ["email", "summary_published"],
      ["email", "forum_session_cancelled"],
    ]);
    await notify([member, other], moved);
    expect((await loaded(member)).notifications.map((n) => n.kind)).toEqual(["forum_session_moved"]);
    expect(await outboxFor(member)).toBe(0);
    expect(await outboxFor(other)).toBe(1);
  });
});

describe("bad input", () => {
  it.each([
    ["no intent", {}],
    ["an unknown intent", { intent: "delete" }],
    ["an id that is no number", { intent: "open", id: "abc" }],
    ["a negative id", { intent: "open", id: "-4" }],
    ["an unknown kind", { intent: "email", email: "topic_declined" }],
  ])("%s is 400 and nothing is written", async (_, form) => {
    const member = await createMember("member");
    await notify([member], cancelled);
    const result = await post(member, form);
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ ok: false });
    expect(await unreadOf(member)).toBe(1);
    expect(await optOutsOf(member)).toEqual([]);
  });

  it("a notification id that does not exist is 404", async () => {
    const member = await createMember("member");
    expect((await post(member, { intent: "open", id: "999999999" })).status).toBe(404);
  });

  it("a notification whose link leaves the site opens the list instead", async () => {
    const member = await createMember("member");
    await notify([member], { ...cancelled, url: "//evil.example/phish" });
    const [row] = await db().select().from(notifications).where(eq(notifications.memberId, member.id));
    const result = await post(member, { intent: "open", id: String(row!.id) });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/notifications");
  });

  it("a page number that is no number shows the first page", async () => {
    const member = await createMember("member");
    await notify([member], cancelled);
    const page = await loaded(member, "/notifications?page=abc");
    expect(page.page).toBe(1);
    expect(page.notifications).toHaveLength(1);
  });
});

describe("a member with many notifications", () => {
  it("sees them 20 to a page, newest first, with a way to older ones", async () => {
    const member = await createMember("member");
    for (let i = 1; i <= 23; i++) {
      await notify([member], { kind: "forum_session_cancelled", params: { title: `Møte ${i}` }, url: `/forum-sessions/${i}` });
    }
    const first = await loaded(member);
    expect(first.notifications).toHaveLength(20);
    expect(first.notifications[0]!.params.title).toBe("Møte 23");
    expect(first.hasOlder).toBe(true);
    expect(first.unread).toBe(23);

    const second = await loaded(member, "/notifications?page=2");
    expect(second.notifications.map((n) => n.params.title)).toEqual(["Møte 3", "Møte 2", "Møte 1"]);
    expect(second.hasOlder).toBe(false);
  });
});
