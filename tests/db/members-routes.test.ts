import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, members, passwordResets, rateLimits, userSessions } from "../../db/schema";
import { createMember, everyRole, outcome, PASSWORD, requestAs, type TestMember } from "../helpers/members";
import { mailText, startSmtpServer } from "../helpers/smtp";
import { db } from "~/db.server";
import { deliverOutbox } from "~/notifications/outbox.server";
import { freePort } from "../helpers/server";
import { sessionIdOf, validateSessionToken } from "~/members/auth-sessions.server";
import * as adminMembers from "~/routes/admin.members";
import * as forgotPassword from "~/routes/forgot-password";
import * as languageRoute from "~/routes/language";
import * as me from "~/routes/me._index";
import * as mePassword from "~/routes/me.password";
import * as memberPage from "~/routes/members.$memberId";
import * as municipalityPage from "~/routes/municipalities.$number";
import * as resetPassword from "~/routes/reset-password.$token";
import * as signIn from "~/routes/sign-in";
import * as signOut from "~/routes/sign-out";
import * as signUp from "~/routes/sign-up";

type Viewer = TestMember | null;
type Route = {
  loader?: (args: never) => unknown;
  action?: (args: never) => unknown;
};

let addressSequence = 0;
/** Each call gets its own client address, so that rate limits from one test never touch another. */
const freshAddress = () => `192.0.2.${++addressSequence}`;

function call(
  handler: "loader" | "action",
  route: Route,
  viewer: Viewer,
  path: string,
  options: {
    form?: Record<string, string>;
    params?: Record<string, string>;
    address?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const request = requestAs(viewer, path, { form: options.form, headers: options.headers });
  const run = route[handler] as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() =>
    run({ request, params: options.params ?? {}, context: { clientAddress: options.address ?? freshAddress() } }),
  );
}
const load = (route: Route, viewer: Viewer, path: string, options?: Parameters<typeof call>[4]) =>
  call("loader", route, viewer, path, options);
const post = (route: Route, viewer: Viewer, path: string, form: Record<string, string>, options?: Parameters<typeof call>[4]) =>
  call("action", route, viewer, path, { ...options, form });

const memberCount = async () => (await db().select({ n: count() }).from(members))[0]!.n;
const auditCount = async () => (await db().select({ n: count() }).from(auditEvents))[0]!.n;
const memberRow = async (id: number) => (await db().select().from(members).where(eq(members.id, id)))[0]!;
const sessionCookieOf = (headers: Headers) => headers.get("Set-Cookie")?.match(/kf_session=([a-z2-7]{32})/)?.[1];
const errorsOf = (data: unknown) => (data as { errors: Record<string, string[]> }).errors;
/** Sends what the outbox holds, as the worker would, and answers the mails that arrived meanwhile. */
async function deliveredTo(address: string) {
  await deliverOutbox(1000);
  return smtp.mails.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase())).map((m) => mailText(m.raw));
}
/** A mail server that refuses every connection, as one that is down. */
const mailServerDown = async () => (process.env.SMTP_URL = `smtp://127.0.0.1:${await freePort()}`);
const mailServerUp = () => (process.env.SMTP_URL = smtp.url);
/** As if the retry time had come for every unsent mail. */
const retryNow = () => db().update(emailOutbox).set({ nextAttemptAt: sql`now() - interval '1 second'` });

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let roles: Awaited<ReturnType<typeof everyRole>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  roles = await everyRole();
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

const signUpForm = (overrides: Record<string, string> = {}) => ({
  name: "Kari Nordmann",
  email: `kari.${++addressSequence}@vefsn.kommune.no`,
  password: "fjellvann-og-fjord",
  municipality: "1824 Vefsn",
  jobTitle: "Kommunalsjef helse",
  ...overrides,
});

describe("sign-up", () => {
  it("shows the form with all 357 municipalities to an anonymous visitor, and sends the signed-in to /me", async () => {
    const anonymous = await load(signUp, null, "/sign-up");
    expect(anonymous.status).toBe(200);
    expect((anonymous.data as { municipalities: unknown[] }).municipalities).toHaveLength(357);
    for (const viewer of [roles.pending, roles.member]) {
      expect(await load(signUp, viewer, "/sign-up")).toMatchObject({ status: 302, location: "/me" });
    }
  });

  it("creates a pending member in the page's language, mails them, and asks them to sign in", async () => {
    const form = signUpForm();
    const result = await call("action", signUp, null, "/sign-up", { form, headers: { "Accept-Language": "en-GB,en" } });
    expect(result).toMatchObject({ status: 303, location: "/sign-in?signedUp=1" });
    expect(result.headers.get("Set-Cookie")).toBeNull();
    const [member] = await db().select().from(members).where(eq(members.email, form.email));
    expect(member).toMatchObject({
      status: "pending",
      role: "member",
      municipalityNumber: "1824",
      jobTitle: "Kommunalsjef helse",
      language: "en",
    });
    const mails = await deliveredTo(form.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain("Subject: We have received your application to Kommuneforum");
    expect((await post(signIn, null, "/sign-in", { email: form.email, password: form.password })).status).toBe(303);
  });

  it("stores bokmål for a member who signed up on the Norwegian page", async () => {
    const form = signUpForm();
    await post(signUp, null, "/sign-up", form);
    expect((await db().select().from(members).where(eq(members.email, form.email)))[0]?.language).toBe("nb");
  });

  it("reports every field's error in one round, the unknown municipality and the weak password together", async () => {
    const result = await post(signUp, null, "/sign-up", {
      name: "",
      email: "ikke-en-adresse",
      password: "kort",
      municipality: "9999 Atlantis",
      jobTitle: "",
    });
    expect(result.status).toBe(400);
    expect(errorsOf(result.data)).toEqual({
      name: ["form.required"],
      email: ["members.email.invalid"],
      password: ["members.password.tooShort"],
      municipality: ["members.municipality.unknown"],
      jobTitle: ["form.required"],
    });
  });

  it("answers an empty form with a message beside every field, 400, and writes nothing", async () => {
    const before = await memberCount();
    const result = await post(signUp, null, "/sign-up", {});
    expect(result.status).toBe(400);
    expect(errorsOf(result.data)).toMatchObject({
      name: ["form.required"],
      email: ["form.required"],
      password: ["form.required"],
      municipality: ["form.required"],
      jobTitle: ["form.required"],
    });
    expect(await memberCount()).toBe(before);
  });

  it.each([
    ["email", { email: "ikke-en-adresse" }, "members.email.invalid"],
    ["password", { password: "kort" }, "members.password.tooShort"],
    ["password", { password: "Passord123" }, "members.password.common"],
    ["name", { name: "N".repeat(10_000) }, "form.tooLong"],
    ["municipality", { municipality: "9999 Atlantis" }, "members.municipality.unknown"],
    ["municipality", { municipality: "Atlantis" }, "members.municipality.unknown"],
  ])("refuses a bad %s (%j) beside the field, keeps the other fields, writes nothing", async (field, bad, message) => {
    const before = await memberCount();
    const form = signUpForm(bad);
    const result = await post(signUp, null, "/sign-up", form);
    expect(result.status).toBe(400);
    expect(errorsOf(result.data)[field]).toEqual([message]);
    const values = (result.data as { values: Record<string, string> }).values;
    expect(values.jobTitle).toBe(form.jobTitle);
    if (field !== "email") expect(values.email).toBe(form.email);
    expect(values.password).toBeUndefined();
    expect(await memberCount()).toBe(before);
  });

  it("answers an email already used, in any letter case, exactly like a new one, and mails its owner instead", async () => {
    const owner = await createMember();
    await deliveredTo(owner.email);
    const fresh = await post(signUp, null, "/sign-up", signUpForm());
    const before = await memberCount();
    const taken = await post(signUp, null, "/sign-up", signUpForm({ email: owner.email.toUpperCase() }));
    expect(taken.status).toBe(fresh.status);
    expect(taken.location).toBe(fresh.location);
    expect(taken.data).toEqual(fresh.data);
    expect(taken.headers.get("Set-Cookie")).toBe(fresh.headers.get("Set-Cookie"));
    expect(await memberCount()).toBe(before);
    const mails = await deliveredTo(owner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain("Noen prøvde å bli medlem med e-postadressen din");
    expect(mails[0]).toContain("/forgot-password");
  });

  it("accepts the municipality as a number or a name", async () => {
    for (const municipality of ["1820", "alstahaug"]) {
      const form = signUpForm({ municipality });
      expect((await post(signUp, null, "/sign-up", form)).status).toBe(303);
      expect((await db().select().from(members).where(eq(members.email, form.email)))[0]?.municipalityNumber).toBe("1820");
    }
  });

  it("lets an office of twenty share one address: wrong forms count for nothing, and all twenty can apply", async () => {
    const address = freshAddress();
    for (let i = 0; i < 15; i++) {
      expect((await post(signUp, null, "/sign-up", { name: "x" }, { address })).status).toBe(400);
    }
    for (let i = 0; i < 20; i++) {
      expect((await post(signUp, null, "/sign-up", signUpForm(), { address })).status).toBe(303);
    }
  });

  it("answers 429 with Retry-After and the minutes to wait after too many applications from one address, writing nothing", async () => {
    const address = freshAddress();
    await db().insert(rateLimits).values({ key: `sign-up:address:${address}`, windowStart: sql`now()`, hits: 1000 });
    const before = await memberCount();
    const refused = await post(signUp, null, "/sign-up", signUpForm(), { address });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(errorsOf(refused.data)).toEqual({ form: ["members.tooMany.other"] });
    expect(refused.data).toMatchObject({ retryAfterMinutes: 60 });
    expect(await memberCount()).toBe(before);
    expect((await post(signUp, null, "/sign-up", signUpForm(), { address: freshAddress() })).status).toBe(303);
  });
});

describe("sign-in", () => {
  it("shows the form to an anonymous visitor and sends the signed-in to /me", async () => {
    expect((await load(signIn, null, "/sign-in")).status).toBe(200);
    expect(await load(signIn, roles.member, "/sign-in")).toMatchObject({ status: 302, location: "/me" });
  });

  it("signs in with the email in any letter case, and starts a new session", async () => {
    const member = await createMember();
    const result = await post(signIn, null, "/sign-in", { email: member.email.toUpperCase(), password: PASSWORD });
    expect(result).toMatchObject({ status: 303, location: "/me" });
    const token = sessionCookieOf(result.headers);
    expect(token).not.toBe(member.token);
    expect((await validateSessionToken(token!))?.member.id).toBe(member.id);
  });

  it("lets a pending member sign in to see that they wait", async () => {
    const result = await post(signIn, null, "/sign-in", { email: roles.pending.email, password: PASSWORD });
    expect(result).toMatchObject({ status: 303, location: "/me" });
  });

  it("goes back to the page the member came from, but never to another site", async () => {
    const sign = (redirectTo: string) =>
      post(signIn, null, "/sign-in", { email: roles.member.email, password: PASSWORD, redirectTo });
    expect((await sign("/municipalities/1820")).location).toBe("/municipalities/1820");
    for (const away of ["https://evil.example", "//evil.example", "/\\evil.example"]) {
      expect((await sign(away)).location).toBe("/me");
    }
  });

  it.each([
    ["a tab after the slash", "/\t/evil.example"],
    ["a tab as the second slash", "/\t/evil.example/x"],
    ["a newline", "/\n/evil.example"],
    ["a carriage return", "/\r\n/evil.example"],
    ["a NUL byte", "/\u0000/evil.example"],
    ["a backslash", "/\\evil.example"],
    ["a backslash later", "/x/..\\..\\/evil.example"],
    ["two slashes", "//evil.example"],
    ["a dot segment that collapses into two slashes", "/.//evil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["a scheme", "javascript:alert(1)"],
    ["no leading slash", "evil.example"],
    ["a space before", " /evil"],
  ])("never sends a member away through redirectTo with %s", async (_, redirectTo) => {
    const member = await createMember();
    const result = await post(signIn, null, "/sign-in", { email: member.email, password: PASSWORD, redirectTo });
    expect(result).toMatchObject({ status: 303, location: "/me" });
    const language = await post(languageRoute, null, "/language", { language: "en", redirectTo });
    expect(language).toMatchObject({ status: 303, location: "/" });
  });

  it("keeps a path with letters beyond Latin-1 by percent-encoding them, with its query and fragment", async () => {
    const result = await post(signIn, null, "/sign-in", {
      email: (await createMember()).email,
      password: PASSWORD,
      redirectTo: "/søk/€?q=Tromsø&side=2#treff",
    });
    expect(result.location).toBe("/s%C3%B8k/%E2%82%AC?q=Troms%C3%B8&side=2#treff");
  });

  it("gives the same answer for a wrong password and an unknown email, and sets no cookie", async () => {
    const wrong = await post(signIn, null, "/sign-in", { email: roles.member.email, password: "feil-passord-her" });
    const unknown = await post(signIn, null, "/sign-in", { email: "ingen@nowhere.no", password: "feil-passord-her" });
    for (const result of [wrong, unknown]) {
      expect(result.status).toBe(400);
      expect(errorsOf(result.data)).toEqual({ form: ["signIn.failed"] });
      expect(result.headers.get("Set-Cookie")).toBeNull();
    }
  });

  it("does not count sign-ins that succeed", async () => {
    const member = await createMember();
    const address = freshAddress();
    for (let i = 0; i < 15; i++) {
      expect((await post(signIn, null, "/sign-in", { email: member.email, password: PASSWORD }, { address })).status).toBe(303);
    }
  });

  it("slows a stranger guessing from one address, not the member signing in from theirs", async () => {
    const member = await createMember();
    const stranger = freshAddress();
    for (let i = 0; i < 10; i++) {
      const guess = await post(signIn, null, "/sign-in", { email: member.email, password: "feil-passord-her" }, { address: stranger });
      expect(guess.status).toBe(400);
    }
    const refused = await post(signIn, null, "/sign-in", { email: member.email.toUpperCase(), password: PASSWORD }, { address: stranger });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(errorsOf(refused.data)).toEqual({ form: ["members.tooMany.other"] });
    expect(refused.data).toMatchObject({ retryAfterMinutes: 15 });
    expect(sessionCookieOf(refused.headers)).toBeUndefined();
    expect((await post(signIn, null, "/sign-in", { email: member.email, password: PASSWORD }, { address: freshAddress() })).status).toBe(303);
  });

  it("holds an account back everywhere after fifty wrong passwords from many addresses", async () => {
    const member = await createMember();
    for (let i = 0; i < 50; i++) {
      await post(signIn, null, "/sign-in", { email: member.email, password: "feil-passord-her" }, { address: `198.51.100.${i}` });
    }
    const refused = await post(signIn, null, "/sign-in", { email: member.email, password: PASSWORD }, { address: freshAddress() });
    expect(refused.status).toBe(429);
  });

  it("answers 429 after a hundred wrong passwords from one address, whatever the account", async () => {
    const address = freshAddress();
    for (let i = 0; i < 100; i++) {
      await post(signIn, null, "/sign-in", { email: `ukjent-${i}@example.no`, password: "feil-passord-her" }, { address });
    }
    const refused = await post(signIn, null, "/sign-in", { email: roles.member.email, password: PASSWORD }, { address });
    expect(refused.status).toBe(429);
  });

  it("refuses an empty form beside the fields", async () => {
    const result = await post(signIn, null, "/sign-in", {});
    expect(result.status).toBe(400);
    expect(errorsOf(result.data)).toMatchObject({ email: ["form.required"], password: ["form.required"] });
  });
});

describe("a session cookie", () => {
  const signedOutOf = async (viewer: TestMember) => {
    const result = await load(me, viewer, "/me");
    return result.status === 302 && result.location === "/sign-in?redirectTo=%2Fme";
  };

  it("that is tampered with, made up or malformed is treated as signed out", async () => {
    const member = await createMember();
    const flipped = member.token.slice(0, -1) + (member.token.endsWith("a") ? "b" : "a");
    for (const token of [flipped, "a".repeat(32), "not-a-token", member.token + "a", ""]) {
      expect(await signedOutOf({ ...member, token })).toBe(true);
    }
    expect(await signedOutOf(member)).toBe(false);
  });

  it("that has expired is treated as signed out", async () => {
    const member = await createMember();
    await db()
      .update(userSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userSessions.id, sessionIdOf(member.token)));
    expect(await signedOutOf(member)).toBe(true);
  });

  it("whose session was deleted is treated as signed out", async () => {
    const member = await createMember();
    await db().delete(userSessions).where(eq(userSessions.id, sessionIdOf(member.token)));
    expect(await signedOutOf(member)).toBe(true);
  });
});

describe("sign-out", () => {
  it("ends the session in the database and clears the cookie", async () => {
    const member = await createMember();
    const result = await post(signOut, member, "/sign-out", {});
    expect(result).toMatchObject({ status: 303, location: "/" });
    expect(result.headers.get("Set-Cookie")).toMatch(/^kf_session=; .*Max-Age=0/);
    expect(await validateSessionToken(member.token)).toBeNull();
  });

  it("is harmless when already signed out", async () => {
    expect(await post(signOut, null, "/sign-out", {})).toMatchObject({ status: 303, location: "/" });
  });
});

// /me and /me/profile (the profile form, its 400, 409 and 403, the language): tests/db/my-page-routes.test.ts.

describe("/me/password", () => {
  it("asks an anonymous visitor to sign in, and refuses an anonymous post with 403", async () => {
    expect((await load(mePassword, null, "/me/password")).status).toBe(302);
    expect((await post(mePassword, null, "/me/password", { currentPassword: PASSWORD, newPassword: "x" })).status).toBe(403);
    expect((await load(mePassword, roles.pending, "/me/password")).status).toBe(200);
  });

  it("changes the password and ends the member's other sessions, keeping this one", async () => {
    const member = await createMember();
    const other = await post(signIn, null, "/sign-in", { email: member.email, password: PASSWORD });
    const otherToken = sessionCookieOf(other.headers)!;
    const result = await post(mePassword, member, "/me/password", {
      currentPassword: PASSWORD,
      newPassword: "nytt-og-langt-passord",
    });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ changed: true });
    expect(await validateSessionToken(otherToken)).toBeNull();
    expect(await validateSessionToken(member.token)).not.toBeNull();
    expect((await post(signIn, null, "/sign-in", { email: member.email, password: PASSWORD })).status).toBe(400);
    expect(
      (await post(signIn, null, "/sign-in", { email: member.email, password: "nytt-og-langt-passord" })).status,
    ).toBe(303);
  });

  it("answers 429 with Retry-After after ten wrong current passwords, even for the right one", async () => {
    const member = await createMember();
    const hash = (await memberRow(member.id)).passwordHash;
    for (let i = 0; i < 10; i++) {
      const wrong = await post(mePassword, member, "/me/password", { currentPassword: "feil-passord-her", newPassword: "nytt-og-langt-passord" });
      expect(wrong.status).toBe(400);
    }
    const refused = await post(mePassword, member, "/me/password", { currentPassword: PASSWORD, newPassword: "nytt-og-langt-passord" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(errorsOf(refused.data)).toEqual({ form: ["members.tooMany.other"] });
    expect((await memberRow(member.id)).passwordHash).toBe(hash);
  });

  it("refuses a wrong current password or a weak new one beside the field, changing nothing", async () => {
    const member = await createMember();
    const hash = (await memberRow(member.id)).passwordHash;
    const wrong = await post(mePassword, member, "/me/password", {
      currentPassword: "feil-passord-her",
      newPassword: "nytt-og-langt-passord",
    });
    expect(wrong.status).toBe(400);
    expect(errorsOf(wrong.data)).toEqual({ currentPassword: ["password.wrong"] });
    const weak = await post(mePassword, member, "/me/password", { currentPassword: PASSWORD, newPassword: "kort" });
    expect(weak.status).toBe(400);
    expect(errorsOf(weak.data).newPassword).toEqual(["members.password.tooShort"]);
    expect((await memberRow(member.id)).passwordHash).toBe(hash);
  });
});

describe("a password reset by emailed link", () => {
  const linkIn = async (to: string) => (await deliveredTo(to)).at(-1)?.match(/\/reset-password\/([a-z2-7]{32})/)?.[1];

  it("mails a link to a member (email in any case), and nothing to an unknown address, with the same answer", async () => {
    const member = await createMember();
    await deliverOutbox(1000);
    const mailsBefore = smtp.mails.length;
    const unknown = await post(forgotPassword, null, "/forgot-password", { email: "ingen@nowhere.no" });
    const known = await post(forgotPassword, null, "/forgot-password", { email: member.email.toUpperCase() });
    expect(unknown).toMatchObject({ status: 200, data: { sent: true } });
    expect(known).toMatchObject({ status: 200, data: { sent: true } });
    expect(await linkIn(member.email)).toBeDefined();
    expect(smtp.mails.length).toBe(mailsBefore + 1);
    expect(await linkIn(member.email)).toBeDefined();
  });

  it("sets the new password once, signs the member out everywhere, and then does nothing", async () => {
    const member = await createMember();
    await post(forgotPassword, null, "/forgot-password", { email: member.email });
    const token = (await linkIn(member.email))!;
    const path = `/reset-password/${token}`;
    expect((await load(resetPassword, null, path, { params: { token } })).status).toBe(200);

    const weak = await post(resetPassword, null, path, { newPassword: "kort" }, { params: { token } });
    expect(weak.status).toBe(400);

    const done = await post(resetPassword, null, path, { newPassword: "helt-nytt-passord" }, { params: { token } });
    expect(done).toMatchObject({ status: 303, location: "/sign-in?reset=done" });
    expect(await validateSessionToken(member.token)).toBeNull();
    expect(
      (await post(signIn, null, "/sign-in", { email: member.email, password: "helt-nytt-passord" })).status,
    ).toBe(303);

    expect((await load(resetPassword, null, path, { params: { token } })).status).toBe(410);
    const again = await post(resetPassword, null, path, { newPassword: "et-tredje-passord" }, { params: { token } });
    expect(again.status).toBe(410);
    expect(
      (await post(signIn, null, "/sign-in", { email: member.email, password: "et-tredje-passord" })).status,
    ).toBe(400);
  });

  it("answers a known and an unknown address alike while the mail server is down, and mails the link once it is back", async () => {
    const member = await createMember();
    await mailServerDown();
    try {
      const unknown = await post(forgotPassword, null, "/forgot-password", { email: "ingen@nowhere.no" });
      const known = await post(forgotPassword, null, "/forgot-password", { email: member.email });
      expect(known.status).toBe(200);
      expect(known).toEqual({ ...unknown, headers: known.headers });
      expect([...known.headers]).toEqual([...unknown.headers]);
      expect(await deliveredTo(member.email)).toEqual([]);
    } finally {
      mailServerUp();
    }
    await retryNow();
    expect(await linkIn(member.email)).toBeDefined();
  });

  it("writes the mail in the member's language", async () => {
    const member = await createMember();
    await db().update(members).set({ language: "en" }).where(eq(members.id, member.id));
    await post(forgotPassword, null, "/forgot-password", { email: member.email });
    expect((await deliveredTo(member.email)).at(-1)).toContain("Subject: New password for Kommuneforum");
  });

  it("stops a second link from working once the first was used", async () => {
    const member = await createMember();
    await post(forgotPassword, null, "/forgot-password", { email: member.email });
    const first = (await linkIn(member.email))!;
    await post(forgotPassword, null, "/forgot-password", { email: member.email });
    const second = (await linkIn(member.email))!;
    expect(second).not.toBe(first);
    const used = await post(resetPassword, null, "/r", { newPassword: "helt-nytt-passord" }, { params: { token: first } });
    expect(used.status).toBe(303);
    expect((await load(resetPassword, null, "/r", { params: { token: second } })).status).toBe(410);
    const late = await post(resetPassword, null, "/r", { newPassword: "et-tredje-passord" }, { params: { token: second } });
    expect(late.status).toBe(410);
  });

  it("stops a link asked for before a password change on /me/password from working", async () => {
    const member = await createMember();
    await post(forgotPassword, null, "/forgot-password", { email: member.email });
    const token = (await linkIn(member.email))!;
    const changed = await post(mePassword, member, "/me/password", { currentPassword: PASSWORD, newPassword: "nytt-og-langt-passord" });
    expect(changed.status).toBe(200);
    expect((await load(resetPassword, null, "/r", { params: { token } })).status).toBe(410);
    const late = await post(resetPassword, null, "/r", { newPassword: "et-tredje-passord" }, { params: { token } });
    expect(late.status).toBe(410);
  });

  it("does nothing after an hour", async () => {
    const member = await createMember();
    await post(forgotPassword, null, "/forgot-password", { email: member.email });
    const token = (await linkIn(member.email))!;
    await db()
      .update(passwordResets)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(passwordResets.id, sessionIdOf(token)));
    expect((await load(resetPassword, null, "/r", { params: { token } })).status).toBe(410);
    const late = await post(resetPassword, null, "/r", { newPassword: "helt-nytt-passord" }, { params: { token } });
    expect(late.status).toBe(410);
    expect(await validateSessionToken(member.token)).not.toBeNull();
  });

  it("is 410 for a made-up link and 400 for a malformed address", async () => {
    expect((await load(resetPassword, null, "/r", { params: { token: "a".repeat(32) } })).status).toBe(410);
    expect((await post(forgotPassword, null, "/forgot-password", { email: "ikke-en-adresse" })).status).toBe(400);
  });

  it("lets an office share one address, but answers 429 with Retry-After after five links to one email in an hour", async () => {
    const address = freshAddress();
    for (let i = 0; i < 20; i++) {
      expect((await post(forgotPassword, null, "/forgot-password", { email: `kollega-${i}@example.no` }, { address })).status).toBe(200);
    }
    for (let i = 0; i < 5; i++) {
      expect((await post(forgotPassword, null, "/forgot-password", { email: "mange@nowhere.no" }, { address: freshAddress() })).status).toBe(200);
    }
    const refused = await post(forgotPassword, null, "/forgot-password", { email: "MANGE@nowhere.no" }, { address: freshAddress() });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(errorsOf(refused.data)).toEqual({ form: ["members.tooMany.other"] });
  });
});

describe("the approval queue and roles (/admin/members)", () => {
  it("is for coordinators and admins; admins also see the members and their roles", async () => {
    expect((await load(adminMembers, null, "/admin/members")).status).toBe(302);
    for (const viewer of [roles.pending, roles.member]) {
      expect((await load(adminMembers, viewer, "/admin/members")).status).toBe(403);
    }
    const pending = await createMember("pending", { municipalityNumber: "1820" });
    const coordinatorView = await load(adminMembers, roles.coordinator, "/admin/members");
    expect(coordinatorView.status).toBe(200);
    const data = coordinatorView.data as { pending: { id: number }[]; approved: unknown[] | null };
    expect(data.pending.find((m) => m.id === pending.id)).toMatchObject({
      name: pending.name,
      jobTitle: "Rådgiver",
      municipalityName: "Alstahaug",
    });
    expect(data.approved).toBeNull();
    const adminView = (await load(adminMembers, roles.admin, "/admin/members")).data as { approved: { id: number }[] };
    expect(adminView.approved.map((m) => m.id)).toContain(roles.coordinator.id);
  });

  it("refuses a decision by anonymous, pending, rejected and plain members with 403, writing nothing", async () => {
    const pending = await createMember("pending");
    const rejected = await createMember("rejected");
    const audits = await auditCount();
    for (const viewer of [null, roles.pending, rejected, roles.member]) {
      const result = await post(adminMembers, viewer, "/admin/members", { intent: "approve", memberId: String(pending.id) });
      expect(result.status).toBe(403);
    }
    expect((await memberRow(pending.id)).status).toBe("pending");
    expect(await auditCount()).toBe(audits);
  });

  it.each([
    ["approve", "approved", "member.approve", /er godkjent/],
    ["reject", "rejected", "member.reject", /ikke godkjent|avvist/],
  ] as const)("lets a coordinator %s a sign-up: logged, and the member is emailed", async (intent, status, action, mail) => {
    const pending = await createMember("pending");
    const result = await post(adminMembers, roles.coordinator, "/admin/members", { intent, memberId: String(pending.id) });
    expect(result.status).toBe(200);
    expect(await memberRow(pending.id)).toMatchObject({ status, decidedBy: roles.coordinator.id });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "member"), eq(auditEvents.subjectId, String(pending.id))));
    expect(audit).toMatchObject({ actorId: roles.coordinator.id, action, before: { status: "pending" }, after: { status } });
    expect((await deliveredTo(pending.email)).at(-1)).toMatch(mail);

    const again = await post(adminMembers, roles.coordinator, "/admin/members", { intent, memberId: String(pending.id) });
    expect(again.status).toBe(409);
  });

  it("approves without a 500 while the mail server is down, and tells the member in their language once it is back", async () => {
    const pending = await createMember("pending");
    await db().update(members).set({ language: "en" }).where(eq(members.id, pending.id));
    await mailServerDown();
    try {
      const result = await post(adminMembers, roles.coordinator, "/admin/members", { intent: "approve", memberId: String(pending.id) });
      expect(result.status).toBe(200);
      expect((await memberRow(pending.id)).status).toBe("approved");
      expect(await deliveredTo(pending.email)).toEqual([]);
    } finally {
      mailServerUp();
    }
    await retryNow();
    const mails = await deliveredTo(pending.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain("Subject: You are now a member of Kommuneforum");
  });

  it("lets only an admin change a role, logged; never their own", async () => {
    const member = await createMember();
    const form = { intent: "role", memberId: String(member.id), role: "coordinator" };
    for (const viewer of [null, roles.pending, roles.member, roles.coordinator]) {
      expect((await post(adminMembers, viewer, "/admin/members", form)).status).toBe(403);
    }
    expect((await memberRow(member.id)).role).toBe("member");

    expect((await post(adminMembers, roles.admin, "/admin/members", form)).status).toBe(200);
    expect((await memberRow(member.id)).role).toBe("coordinator");
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "member.role"), eq(auditEvents.subjectId, String(member.id))));
    expect(audit).toMatchObject({ actorId: roles.admin.id, before: { role: "member" }, after: { role: "coordinator" } });

    const own = await post(adminMembers, roles.admin, "/admin/members", { ...form, memberId: String(roles.admin.id), role: "member" });
    expect(own.status).toBe(400);
    expect((await memberRow(roles.admin.id)).role).toBe("admin");
  });

  it("answers a bad role or an unknown member with 4xx, writing nothing", async () => {
    const audits = await auditCount();
    const bad = await post(adminMembers, roles.admin, "/admin/members", { intent: "role", memberId: String(roles.member.id), role: "king" });
    expect(bad.status).toBe(400);
    const unknown = await post(adminMembers, roles.admin, "/admin/members", { intent: "role", memberId: "99999999", role: "admin" });
    expect(unknown.status).toBe(404);
    const noIntent = await post(adminMembers, roles.coordinator, "/admin/members", { memberId: String(roles.pending.id) });
    expect(noIntent.status).toBe(400);
    expect(await auditCount()).toBe(audits);
  });
});

describe("a member's page (/members/:id)", () => {
  const page = (viewer: Viewer, id: string | number) =>
    load(memberPage, viewer, `/members/${id}`, { params: { memberId: String(id) } });

  it("is for approved members; anonymous visitors are asked to sign in, pending ones see only their own", async () => {
    expect((await page(null, roles.member.id)).status).toBe(302);
    expect((await page(roles.pending, roles.member.id)).status).toBe(403);
    expect((await page(roles.pending, roles.pending.id)).status).toBe(200);
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) {
      const result = await page(viewer, roles.member.id);
      expect(result.status).toBe(200);
      expect(result.data).toMatchObject({
        member: { id: roles.member.id, name: roles.member.name, jobTitle: "Rådgiver" },
        municipality: { number: "1833", name: "Rana - Raane" },
      });
    }
  });

  it("is 404 for a pending member's page (to others), an unknown or a malformed id", async () => {
    for (const id of [roles.pending.id, 99999999, "abc", "1e3"]) {
      expect((await page(roles.member, id)).status).toBe(404);
    }
  });
});

describe("a municipality page's members", () => {
  it("lists approved members' names to approved members, and only the count to others", async () => {
    const inAlstahaug = await createMember("member", { municipalityNumber: "1820", name: "Aud Alstahaug" });
    await createMember("pending", { municipalityNumber: "1820", name: "Per Pending" });
    const view = (viewer: Viewer) => load(municipalityPage, viewer, "/municipalities/1820", { params: { number: "1820" } });
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) {
      const data = (await view(viewer)).data as { members: { id: number; name: string }[]; memberCount: number };
      expect(data.members.map((m) => m.name)).toContain(inAlstahaug.name);
      expect(data.members.map((m) => m.name)).not.toContain("Per Pending");
      expect(data.memberCount).toBe(data.members.length);
    }
    for (const viewer of [null, roles.pending]) {
      const data = (await view(viewer)).data as { members: unknown; memberCount: number };
      expect(data.members).toBeNull();
      expect(data.memberCount).toBeGreaterThanOrEqual(1);
    }
  });

  it("shows fifty names a page, in name order, with the total", async () => {
    for (let i = 0; i < 52; i++) await createMember("member", { municipalityNumber: "1815", name: `Vega ${String(i).padStart(2, "0")}` });
    const view = (page: string) =>
      load(municipalityPage, roles.member, `/municipalities/1815${page}`, { params: { number: "1815" } });
    const first = (await view("")).data as { members: { name: string }[]; memberCount: number; pages: number };
    expect(first).toMatchObject({ memberCount: 52, pages: 2 });
    expect(first.members.map((m) => m.name)).toEqual(Array.from({ length: 50 }, (_, i) => `Vega ${String(i).padStart(2, "0")}`));
    const second = (await view("?page=2")).data as { members: { name: string }[] };
    expect(second.members.map((m) => m.name)).toEqual(["Vega 50", "Vega 51"]);
  });
});
