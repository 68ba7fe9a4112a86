import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, comments, experienceCoAuthors, experiences, members, passwordResets, registrations, topics, topicSupports, userSessions } from "../../db/schema";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, outcome, PASSWORD, requestAs, type TestMember } from "../helpers/members";
import { createTopicAs } from "../helpers/topics";
import { db } from "~/db.server";
import { register } from "~/forum-sessions/registrations.server";
import { validateSessionToken } from "~/members/auth-sessions.server";
import * as meData from "~/routes/me.data[.json]";
import * as meDelete from "~/routes/me.delete";
import * as signIn from "~/routes/sign-in";
import * as topicPage from "~/routes/topics.$id._index";
import * as experiencePage from "~/routes/experiences.$id._index";
import { commentOnTopic, setSupport } from "~/topics/topics.server";

type Viewer = TestMember | null;
// A fresh load context per call: it keeps the viewer of one request.
const context = () => ({ clientAddress: "192.0.2.7" });

async function download(viewer: Viewer) {
  const response = (await meData.loader({ request: requestAs(viewer, "/me/data.json"), params: {}, context: context() } as never)) as Response;
  return { response, text: await response.text() };
}

function deleteAccount(viewer: Viewer, form: Record<string, string>) {
  return outcome(() => meDelete.action({ request: requestAs(viewer, "/me/delete", { form }), params: {}, context: context() } as never));
}

async function topicData(viewer: Viewer, id: number) {
  const got = await outcome(() => topicPage.loader({ request: requestAs(viewer, `/topics/${id}`), params: { id: String(id) }, context: context() } as never));
  return { status: got.status, data: got.data as Awaited<ReturnType<typeof topicPage.loader>> };
}

/** A member with something of everything: a topic, a support, a comment, a write-up, a registration. */
async function activeMember(name: string) {
  const member = await createMember("member", { name, municipalityNumber: "1804" });
  const topic = await createTopicAs(member.id, { title: `Tema fra ${name}` });
  const otherTopic = await createTopicAs(someoneElse.id, { title: "Et tema fra en annen" });
  await setSupport(member.id, otherTopic.id, true);
  const said = await commentOnTopic({ id: member.id, name }, otherTopic.id, `Kommentar fra ${name}`);
  if (!said.ok) throw new Error(said.reason);
  const experience = await createExperienceAs(member.id, { title: `Erfaring fra ${name}` });
  await register(session.id, member.id);
  return { member, topic, otherTopic, commentId: said.commentId, experience };
}

let someoneElse: TestMember;
let reader: TestMember;
let session: Awaited<ReturnType<typeof createForumSessionAs>>;
beforeAll(async () => {
  someoneElse = await createMember("member", { name: "Annen Person", email: "annen.person@example.no" });
  reader = await createMember("member", { name: "Leser Medlem" });
  const coordinator = await createMember("coordinator");
  session = await createForumSessionAs(coordinator.id, "planned");
});

describe("/me/data.json", () => {
  it("is a private download of the member's own data, without secrets or anything of others", async () => {
    const { member, topic, otherTopic, experience } = await activeMember("Eksport Eksportsen");
    await db().update(members).set({ calendarToken: "hemmelig-kalendertoken-123" }).where(eq(members.id, member.id));
    await db().insert(passwordResets).values({ id: "hemmelig-reset-id", memberId: member.id, expiresAt: new Date(Date.now() + 3_600_000) });

    const { response, text } = await download(member);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="kommuneforum-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const data = JSON.parse(text);
    expect(data.profile).toMatchObject({ id: member.id, name: "Eksport Eksportsen", email: member.email, municipalityName: "Bodø", role: "member", status: "approved", hasCalendarFeed: true });
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.registrations).toEqual([expect.objectContaining({ forumSessionId: session.id })]);
    expect(data.topicsProposed).toEqual([expect.objectContaining({ id: topic.id, title: "Tema fra Eksport Eksportsen" })]);
    expect(data.topicSupports).toEqual([expect.objectContaining({ topicId: otherTopic.id })]);
    expect(data.comments).toEqual([expect.objectContaining({ bodyMd: "Kommentar fra Eksport Eksportsen" })]);
    expect(data.experiencesAuthored).toEqual([expect.objectContaining({ id: experience.id })]);
    expect(data.experienceRevisions.length).toBeGreaterThan(0);

    // No secrets: not the password hash, the session ids, the calendar token or a reset link.
    const [stored] = await db().select().from(members).where(eq(members.id, member.id));
    const sessionIds = (await db().select({ id: userSessions.id }).from(userSessions).where(eq(userSessions.memberId, member.id))).map((s) => s.id);
    for (const secret of [stored!.passwordHash, "hemmelig-kalendertoken-123", "hemmelig-reset-id", member.token, ...sessionIds]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/argon2/);
    // Nothing of others: the other member's name, email and comments are not in it.
    expect(text).not.toContain("Annen Person");
    expect(text).not.toContain("annen.person@example.no");
  });

  it("asks a visitor to sign in", async () => {
    const got = await outcome(() => meData.loader({ request: requestAs(null, "/me/data.json"), params: {}, context: context() } as never));
    expect(got.status).toBe(302);
    expect(got.location).toMatch(/^\/sign-in\?redirectTo=%2Fme%2Fdata.json/);
  });
});

describe("/me/delete", () => {
  it("keeps nothing changed on a wrong password, and says so beside the field", async () => {
    const { member } = await activeMember("Feil Passordsen");
    const before = await db().select().from(members).where(eq(members.id, member.id));
    const got = await deleteAccount(member, { contributions: "keep", password: "ikke-passordet" });
    expect(got.status).toBe(400);
    expect(got.data).toEqual({ errors: { password: ["password.wrong"] } });
    expect(await db().select().from(members).where(eq(members.id, member.id))).toEqual(before);
    expect(await validateSessionToken(member.token)).not.toBeNull();
  });

  it("asks for a choice of what happens with contributions", async () => {
    const { member } = await activeMember("Uten Valgsen");
    const got = await deleteAccount(member, { password: PASSWORD });
    expect(got.status).toBe(400);
    expect(got.data).toMatchObject({ errors: { contributions: ["privacy.delete.chooseOne"] } });
  });

  it("with keep: erases the profile, signs out everywhere, and shows contributions as a former member's", async () => {
    const { member, topic, otherTopic, commentId, experience } = await activeMember("Behold Beholdsen");
    const got = await deleteAccount(member, { contributions: "keep", password: PASSWORD });
    expect(got.status).toBe(303);
    expect(got.location).toBe("/");
    expect(got.headers.get("Set-Cookie")).toMatch(/kf_session=;.*Max-Age=0/i);

    const [stored] = await db().select().from(members).where(eq(members.id, member.id));
    expect(stored).toMatchObject({ status: "erased", name: "", jobTitle: "", passwordHash: "", calendarToken: null, email: `erased-${member.id}.invalid` });
    expect(await db().select().from(userSessions).where(eq(userSessions.memberId, member.id))).toEqual([]);
    expect(await db().select().from(topicSupports).where(eq(topicSupports.memberId, member.id))).toEqual([]);
    expect(await db().select().from(registrations).where(eq(registrations.memberId, member.id))).toEqual([]);
    expect(await validateSessionToken(member.token)).toBeNull();

    // Signing in with the old address and password fails.
    const signInForm = { email: member.email, password: PASSWORD };
    const signedIn = await outcome(() => signIn.action({ request: requestAs(null, "/sign-in", { form: signInForm }), params: {}, context: context() } as never));
    expect(signedIn.status).toBe(400);

    // The topic, the comment and the write-up stay, shown as a former member's of Bodø.
    expect((await db().select().from(topics).where(eq(topics.id, topic.id))).length).toBe(1);
    expect((await db().select().from(comments).where(eq(comments.id, commentId))).length).toBe(1);
    const page = await topicData(reader, otherTopic.id);
    const comment = page.data.comments.comments.find((c) => c.id === commentId)!;
    expect(comment).toMatchObject({ authorName: "", authorMunicipality: "Bodø" });
    const own = await topicData(reader, topic.id);
    expect(own.data.proposerName).toBe("");
    const write = await outcome(() => experiencePage.loader({ request: requestAs(reader, `/experiences/${experience.id}`), params: { id: String(experience.id) }, context: context() } as never));
    expect((write.data as { writers: { name: string }[] }).writers).toEqual([expect.objectContaining({ name: "" })]);

    // One audit event, by the member, without their name or address.
    const events = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, String(member.id)));
    const erase = events.filter((e) => e.action === "member.erase");
    expect(erase).toEqual([expect.objectContaining({ actorId: member.id, subjectType: "member" })]);
    expect(JSON.stringify(erase)).not.toMatch(/Behold|@example/);
  });

  it("with delete: removes comments, idea topics and write-ups written alone; a co-authored write-up stays", async () => {
    const { member, topic, commentId, experience } = await activeMember("Slett Slettesen");
    const shared = await createExperienceAs(member.id, { title: "Skrevet sammen" });
    await db().insert(experienceCoAuthors).values({ experienceId: shared.id, memberId: someoneElse.id, invitedBy: member.id });

    const got = await deleteAccount(member, { contributions: "delete", password: PASSWORD });
    expect(got.status).toBe(303);
    expect(await db().select().from(topics).where(eq(topics.id, topic.id))).toEqual([]);
    expect(await db().select().from(comments).where(eq(comments.id, commentId))).toEqual([]);
    expect(await db().select().from(experiences).where(eq(experiences.id, experience.id))).toEqual([]);
    expect((await db().select().from(experiences).where(eq(experiences.id, shared.id))).length).toBe(1);
    expect((await topicData(null, topic.id)).status).toBe(404);
    const [stored] = await db().select({ status: members.status, name: members.name }).from(members).where(eq(members.id, member.id));
    expect(stored).toEqual({ status: "erased", name: "" });
  });
});
