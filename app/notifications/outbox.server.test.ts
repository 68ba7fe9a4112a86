import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox, members as membersTable, passwordResets, rateLimits, userSessions } from "../../db/schema";
import { createMember, type TestMember } from "../../tests/helpers/members";
import { freePort } from "../../tests/helpers/server";
import { mailText, startSmtpServer } from "../../tests/helpers/smtp";
import { listNotifications, setEmailPreferences } from "./notifications.server";
import { notifyMembers, type Notice } from "./notify.server";
import { CLAIM_SECONDS, deliverOutbox, kickOutbox, MAX_ATTEMPTS, pruneOutboxAndExpired, startOutboxWorker, stopOutboxWorker } from "./outbox.server";
import { LONGEST_SEND_MS } from "./email.server";
import { db } from "~/db.server";
import { sessionIdOf as sessionIdOfToken } from "~/members/auth-sessions.server";

const ORIGIN = "https://kommuneforum.test";
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

const summaryPublished = (title: string): Notice => ({
  kind: "summary_published",
  params: { title },
  url: "/forum-sessions/7",
});

function notify(members: TestMember[], notice: Notice) {
  return db().transaction((tx) => notifyMembers(tx, members.map((m) => m.id), notice));
}

const outboxRows = () => db().select().from(emailOutbox).orderBy(emailOutbox.id);
/** As if the retry time had come. */
const makeDue = () => db().update(emailOutbox).set({ nextAttemptAt: sql`now() - interval '1 second'` });

async function closedSmtpUrl(): Promise<string> {
  return `smtp://127.0.0.1:${await freePort()}`;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.PUBLIC_URL;
  await smtp.close();
});

beforeEach(async () => {
  process.env.SMTP_URL = smtp.url;
  // Links in mail come from PUBLIC_URL, never from a request.
  process.env.PUBLIC_URL = ORIGIN;
  smtp.mails.length = 0;
  await db().delete(emailOutbox);
});

describe("delivering the outbox", () => {
  it("sends each queued mail once, to the right member with the kind's subject and a link", async () => {
    const kari = await createMember("member");
    const ola = await createMember("coordinator");
    await notify([kari, ola], summaryPublished("Budsjett 2027"));

    expect(await deliverOutbox()).toEqual({ sent: 2, failed: 0 });

    expect(smtp.mails.map((m) => m.to).sort()).toEqual([[kari.email], [ola.email]].sort());
    for (const mail of smtp.mails) {
      const text = mailText(mail.raw);
      expect(text).toContain("Subject: Referat: Budsjett 2027");
      expect(text).toContain("«Budsjett 2027» er publisert");
      expect(text).toContain(`${ORIGIN}/forum-sessions/7`);
    }
    const rows = await outboxRows();
    expect(rows.every((row) => row.sentAt !== null && row.lastError === null && row.attempts === 1)).toBe(true);

    expect(await deliverOutbox()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(2);
  });

  it("writes each member's mail in their language, with a moved session's time for them", async () => {
    const kari = await createMember("member");
    const john = await createMember("member");
    await db().update(membersTable).set({ language: "en" }).where(eq(membersTable.id, john.id));
    await notify([kari, john], {
      kind: "forum_session_moved",
      params: { title: "Budsjett", when: "mandag 2. mars 2026 kl. 09:00", startsAt: "2026-03-02T08:00:00.000Z" },
      url: "/forum-sessions/7",
    });
    await deliverOutbox();
    const textTo = (email: string) => mailText(smtp.mails.find((m) => m.to.includes(email))!.raw);
    expect(textTo(kari.email)).toContain("holdes nå mandag 2. mars 2026");
    expect(textTo(john.email)).toContain("Subject: Change: Budsjett");
    expect(textTo(john.email)).toMatch(/now takes place Monday,? 2 March 2026/);
  });

  it("tells an opted-out member in the app but sends them no mail", async () => {
    const optedOut = await createMember("member");
    const other = await createMember("member");
    await setEmailPreferences(optedOut.id, ["forum_session_moved", "forum_session_cancelled"]);

    await notify([optedOut, other], summaryPublished("Barnevern"));
    await deliverOutbox();

    expect(smtp.mails.map((m) => m.to)).toEqual([[other.email]]);
    const inApp = await listNotifications(optedOut.id);
    expect(inApp.notifications.map((n) => [n.kind, n.params.title])).toEqual([["summary_published", "Barnevern"]]);
  });

  it("still mails an opted-out member about the kinds they kept", async () => {
    const member = await createMember("member");
    await setEmailPreferences(member.id, ["forum_session_cancelled"]);
    await notify([member], { kind: "forum_session_cancelled", params: { title: "Beredskap" }, url: "/forum-sessions/3" });
    await deliverOutbox();
    expect(smtp.mails.map((m) => m.to)).toEqual([[member.email]]);
    expect(mailText(smtp.mails[0]!.raw)).toContain("Subject: Avlyst: Beredskap");
  });

  it("sends a pending member no mail", async () => {
    const pending = await createMember("pending");
    await notify([pending], summaryPublished("Ledelse"));
    expect(await deliverOutbox()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(0);
  });

  it("keeps a mail the server refused, with the error and a later attempt, and sends it when that comes", async () => {
    const member = await createMember("member");
    await notify([member], summaryPublished("Anskaffelser"));
    process.env.SMTP_URL = await closedSmtpUrl();

    expect(await deliverOutbox()).toEqual({ sent: 0, failed: 1 });
    const [failed] = await outboxRows();
    expect(failed!.sentAt).toBeNull();
    expect(failed!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(failed!.attempts).toBe(1);
    const [due] = await db()
      .select({ later: sql<boolean>`${emailOutbox.nextAttemptAt} > now()` })
      .from(emailOutbox)
      .where(eq(emailOutbox.id, failed!.id));
    expect(due!.later).toBe(true);

    // Not due yet: nothing is tried again at once.
    process.env.SMTP_URL = smtp.url;
    expect(await deliverOutbox()).toEqual({ sent: 0, failed: 0 });

    await makeDue();
    expect(await deliverOutbox()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.mails.map((m) => m.to)).toEqual([[member.email]]);
    const [sent] = await outboxRows();
    expect(sent!.sentAt).not.toBeNull();
    expect(sent!.lastError).toBeNull();
    expect(sent!.attempts).toBe(2);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and leaves the mail unsent for an admin`, async () => {
    const member = await createMember("member");
    await notify([member], summaryPublished("Kompetanse"));
    await db().update(emailOutbox).set({ attempts: MAX_ATTEMPTS - 1 });
    process.env.SMTP_URL = await closedSmtpUrl();

    expect(await deliverOutbox()).toEqual({ sent: 0, failed: 1 });
    await makeDue();
    process.env.SMTP_URL = smtp.url;
    expect(await deliverOutbox()).toEqual({ sent: 0, failed: 0 });

    const [row] = await outboxRows();
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, sentAt: null });
    expect(row!.lastError).toBeTruthy();
    expect(smtp.mails).toHaveLength(0);
  });

  it("sends each mail once when several workers deliver at the same time", async () => {
    const members = await Promise.all(Array.from({ length: 12 }, () => createMember("member")));
    await notify(members, summaryPublished("Samarbeid"));

    const results = await Promise.all([deliverOutbox(5), deliverOutbox(5), deliverOutbox(5), deliverOutbox(5)]);
    const sent = results.reduce((sum, r) => sum + r.sent, 0);
    expect(sent).toBe(12);
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(members.map((m) => m.email).sort());
    expect((await outboxRows()).every((row) => row.attempts === 1 && row.sentAt !== null)).toBe(true);
  });

  it("lets a second worker send the rest while a slow mail server holds one mail, and sends none twice", async () => {
    const slow = await startSmtpServer({ delayMs: 400 });
    process.env.SMTP_URL = slow.url;
    try {
      const members = await Promise.all(Array.from({ length: 4 }, () => createMember("member")));
      await notify(members, summaryPublished("Klima"));
      const first = deliverOutbox(4);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await deliverOutbox(4);
      const firstResult = await first;
      // Only the mail in hand is claimed, so the second worker is not kept waiting behind the first's batch.
      expect(second.sent).toBeGreaterThan(0);
      expect(firstResult.sent + second.sent).toBe(4);
      expect(slow.mails.map((m) => m.to[0]).sort()).toEqual(members.map((m) => m.email).sort());
      expect((await outboxRows()).every((row) => row.attempts === 1 && row.sentAt !== null)).toBe(true);
    } finally {
      await stopOutboxWorker();
      await slow.close();
    }
  });

  it("claims a mail for longer than sending it may take, however slow the mail server", () => {
    expect(LONGEST_SEND_MS).toBeLessThan((CLAIM_SECONDS * 1000) / 2);
  });

  it("takes the oldest mails first, a batch at a time", async () => {
    const members = await Promise.all(Array.from({ length: 3 }, () => createMember("member")));
    for (const member of members) await notify([member], summaryPublished("Forebygging"));
    expect(await deliverOutbox(2)).toEqual({ sent: 2, failed: 0 });
    expect(smtp.mails.map((m) => m.to[0])).toEqual([members[0]!.email, members[1]!.email]);
    expect(await deliverOutbox(2)).toEqual({ sent: 1, failed: 0 });
  });
});

describe("the outbox worker", () => {
  it("sends soon after a kick, and stops cleanly", async () => {
    const member = await createMember("member");
    startOutboxWorker();
    try {
      // The first run at start finds nothing; the kick after the write sends the mail.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await notify([member], summaryPublished("Implementering"));
      kickOutbox();
      kickOutbox();
      await expect.poll(() => smtp.mails.length, { timeout: 5_000 }).toBe(1);
    } finally {
      await stopOutboxWorker();
    }
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, member.email));
    expect(row!.sentAt).not.toBeNull();
  });

  it("does nothing on a kick when no worker runs", async () => {
    const member = await createMember("member");
    await notify([member], summaryPublished("Ledelse"));
    kickOutbox();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(smtp.mails).toHaveLength(0);
  });
});

describe("pruning", () => {
  it("removes exactly the old sent mail, expired sign-in sessions, spent reset links and passed rate-limit windows", async () => {
    const member = await createMember("member");
    const other = await createMember("member");
    await db().insert(emailOutbox).values([
      { toAddress: "old@example.no", subject: "s", bodyText: "b", sentAt: sql`now() - interval '31 days'` },
      { toAddress: "recent@example.no", subject: "s", bodyText: "b", sentAt: sql`now() - interval '29 days'` },
      { toAddress: "unsent@example.no", subject: "s", bodyText: "b", createdAt: sql`now() - interval '40 days'` },
    ]);
    await db().insert(userSessions).values([
      { id: "expired-session", memberId: member.id, expiresAt: sql`now() - interval '1 minute'` },
      { id: "live-session", memberId: member.id, expiresAt: sql`now() + interval '1 day'` },
    ]);
    await db().insert(passwordResets).values([
      { id: "used-reset", memberId: member.id, expiresAt: sql`now() + interval '1 hour'`, usedAt: sql`now()` },
      { id: "expired-reset", memberId: member.id, expiresAt: sql`now() - interval '1 minute'` },
      { id: "live-reset", memberId: other.id, expiresAt: sql`now() + interval '1 hour'` },
    ]);
    await db().insert(rateLimits).values([
      { key: "test:prune:old", windowStart: sql`now() - interval '2 days'`, hits: 3 },
      { key: "test:prune:current", windowStart: sql`now() - interval '1 minute'`, hits: 3 },
    ]);

    await pruneOutboxAndExpired();

    const outbox = await db().select({ to: emailOutbox.toAddress }).from(emailOutbox);
    expect(outbox.map((r) => r.to).sort()).toEqual(["recent@example.no", "unsent@example.no"]);
    const sessions = await db().select({ id: userSessions.id }).from(userSessions).where(eq(userSessions.memberId, member.id));
    expect(sessions.map((r) => r.id).sort()).toEqual(["live-session", sessionIdOfToken(member.token)].sort());
    const resets = await db().select({ id: passwordResets.id }).from(passwordResets);
    expect(resets.map((r) => r.id)).toEqual(["live-reset"]);
    const limits = await db().select({ key: rateLimits.key }).from(rateLimits).where(sql`${rateLimits.key} like 'test:prune:%'`);
    expect(limits.map((r) => r.key)).toEqual(["test:prune:current"]);
    expect((await db().select().from(membersTable).where(eq(membersTable.id, member.id))).length).toBe(1);
  });
});
