import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, experienceCoAuthors, notifications } from "../../db/schema";
import { EXPERIENCE_CO_AUTHORS_MAX } from "../../db/schema/experience-values";
import { createExperienceAs } from "../helpers/experiences";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { db } from "~/db.server";
import { addCoAuthor, getExperience, mayEditExperience } from "~/experiences/experiences.server";
import * as coAuthorsPage from "~/routes/experiences.$id.co-authors";

type Viewer = TestMember | null;
type LoaderData = Awaited<ReturnType<typeof coAuthorsPage.loader>>;
type Reply = { errors: Record<string, string[]>; values: Record<string, string> };

function call(handler: "loader" | "action", viewer: Viewer, id: number | string, form?: Record<string, string>) {
  const request = requestAs(viewer, `/experiences/${id}/co-authors`, { form });
  const run = coAuthorsPage[handler] as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params: { id: String(id) }, context: { clientAddress: "192.0.2.1" } }));
}
const load = (viewer: Viewer, id: number | string) => call("loader", viewer, id);
const post = (viewer: Viewer, id: number | string, form: Record<string, string>) => call("action", viewer, id, form);
const page = async (viewer: Viewer, id: number) => {
  const result = await load(viewer, id);
  expect(result.status).toBe(200);
  return result.data as LoaderData;
};

const coAuthorIds = async (id: number) =>
  (await db().select({ id: experienceCoAuthors.memberId }).from(experienceCoAuthors).where(eq(experienceCoAuthors.experienceId, id))).map((r) => r.id).sort();
const auditOf = (id: number) =>
  db().select().from(auditEvents).where(and(eq(auditEvents.subjectType, "experience"), eq(auditEvents.subjectId, String(id)))).orderBy(auditEvents.id);
const toldOf = (memberId: number, id: number) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.memberId, memberId), eq(notifications.kind, "experience_co_author_added"), eq(notifications.url, `/experiences/${id}`)));

let roles: Awaited<ReturnType<typeof everyRole>>;
let author: TestMember;
const summaryOf = (member: TestMember, role: "member" | "coordinator" = "member") => ({
  id: member.id,
  name: member.name,
  role,
  status: "approved" as const,
  municipalityNumber: "1833",
});

beforeAll(async () => {
  roles = await everyRole();
  author = await createMember("member", { name: "Kari Skribent" });
});

/** A write-up by the author, with these members added as co-authors. */
async function writeUp(coAuthors: TestMember[] = [], options: Parameters<typeof createExperienceAs>[1] = {}) {
  const experience = await createExperienceAs(author.id, options);
  for (const member of coAuthors) expect(await addCoAuthor(summaryOf(author), experience.id, member.email, EXPERIENCE_CO_AUTHORS_MAX)).toEqual({ ok: true });
  return experience;
}

describe("the co-authors page", () => {
  it("lets the author and coordinators manage, shows co-authors the list and a way to step down", async () => {
    const coAuthor = await createMember("member", { name: "Ola Medforfatter" });
    const experience = await writeUp([coAuthor]);
    for (const viewer of [author, roles.coordinator, roles.admin]) {
      expect(await page(viewer, experience.id)).toMatchObject({
        id: experience.id,
        title: experience.title,
        author: { name: "Kari Skribent", municipalityName: "Bodø" },
        coAuthors: [{ id: coAuthor.id, name: "Ola Medforfatter", municipalityName: "Rana - Raane" }],
        manage: true,
      });
    }
    expect(await page(coAuthor, experience.id)).toMatchObject({ manage: false, isCoAuthor: true, viewerId: coAuthor.id });
  });

  it("asks a visitor to sign in, refuses other members (403) and is 404 for what the viewer may not read", async () => {
    const experience = await writeUp();
    const anonymous = await load(null, experience.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/experiences/${experience.id}/co-authors`)}`);
    for (const viewer of [roles.pending, roles.member]) expect((await load(viewer, experience.id)).status).toBe(403);

    const membersOnly = await writeUp([], { visibility: "members" });
    expect((await load(roles.pending, membersOnly.id)).status).toBe(404);
    expect((await load(roles.member, membersOnly.id)).status).toBe(403);
    const draft = await writeUp([], { publish: false });
    expect((await load(roles.member, draft.id)).status).toBe(404);
    expect((await page(author, draft.id)).manage).toBe(true);
    for (const id of ["99999999", "abc", "-1"]) expect((await load(roles.coordinator, id)).status).toBe(404);
  });
});

describe("adding a co-author", () => {
  it("adds an approved member by email address whatever its case, tells them, and lets them edit", async () => {
    const member = await createMember("member", { email: `Medforfatter.${Date.now()}@Bodo.Kommune.no` });
    const experience = await writeUp();
    const result = await post(author, experience.id, { intent: "add", email: `  ${member.email.toUpperCase()}  ` });
    expect(result.status).toBe(303);
    expect(result.location).toBe(`/experiences/${experience.id}/co-authors`);
    expect(await coAuthorIds(experience.id)).toEqual([member.id]);
    expect(await toldOf(member.id, experience.id)).toHaveLength(1);
    // The author's own doing: nothing to audit.
    expect(await auditOf(experience.id)).toHaveLength(0);

    const found = (await getExperience(experience.id))!;
    expect(mayEditExperience(summaryOf(member), found.experience, found.coAuthorIds)).toBe(true);
    expect((await page(member, experience.id)).isCoAuthor).toBe(true);
  });

  it("audits a coordinator's addition", async () => {
    const member = await createMember("member");
    const experience = await writeUp();
    expect((await post(roles.coordinator, experience.id, { intent: "add", email: member.email })).status).toBe(303);
    expect(await coAuthorIds(experience.id)).toEqual([member.id]);
    const events = await auditOf(experience.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: roles.coordinator.id, action: "experience.coAuthor.add", after: { memberId: member.id } });
    expect(await toldOf(member.id, experience.id)).toHaveLength(1);
  });

  it.each([
    ["no member", () => "ingen.slik@example.no"],
    ["a pending member", () => roles.pending.email],
    ["a rejected member", async () => (await createMember("rejected")).email],
  ])("refuses the address of %s beside the field (400), keeping it and writing nothing", async (_, email) => {
    const experience = await writeUp();
    const address = await email();
    const result = await post(author, experience.id, { intent: "add", email: address });
    expect(result.status).toBe(400);
    expect((result.data as Reply).errors.email).toEqual(["experiencePage.coAuthors.notMember"]);
    expect((result.data as Reply).values.email).toBe(address);
    expect(await coAuthorIds(experience.id)).toEqual([]);
  });

  it.each([
    ["empty", "", "form.required"],
    ["not an address", "kari at bodo", "members.email.invalid"],
    ["longer than 254 characters", `${"a".repeat(250)}@example.no`, "form.tooLong"],
  ])("refuses an address that is %s beside the field (400)", async (_, email, message) => {
    const experience = await writeUp();
    const result = await post(author, experience.id, { intent: "add", email });
    expect(result.status).toBe(400);
    expect((result.data as Reply).errors.email).toEqual([message]);
    expect(await coAuthorIds(experience.id)).toEqual([]);
  });

  it("refuses the author's own address and someone already a co-author beside the field", async () => {
    const coAuthor = await createMember("member");
    const experience = await writeUp([coAuthor]);
    const own = await post(author, experience.id, { intent: "add", email: author.email });
    expect(own.status).toBe(400);
    expect((own.data as Reply).errors.email).toEqual(["experiencePage.coAuthors.isAuthor"]);
    const again = await post(author, experience.id, { intent: "add", email: coAuthor.email });
    expect(again.status).toBe(400);
    expect((again.data as Reply).errors.email).toEqual(["experiencePage.coAuthors.already"]);
    expect(await coAuthorIds(experience.id)).toEqual([coAuthor.id]);
  });

  it(`refuses a co-author beyond ${EXPERIENCE_CO_AUTHORS_MAX} with a message (400)`, async () => {
    const many = await Promise.all(Array.from({ length: EXPERIENCE_CO_AUTHORS_MAX }, () => createMember("member")));
    const experience = await writeUp(many);
    const one = await createMember("member");
    const result = await post(author, experience.id, { intent: "add", email: one.email });
    expect(result.status).toBe(400);
    expect((result.data as Reply).errors.form).toEqual(["experiencePage.coAuthors.tooMany"]);
    expect(await coAuthorIds(experience.id)).toHaveLength(EXPERIENCE_CO_AUTHORS_MAX);
  });

  it("refuses strangers, pending members, visitors and co-authors (403), writing nothing", async () => {
    const coAuthor = await createMember("member");
    const experience = await writeUp([coAuthor]);
    const candidate = await createMember("member");
    for (const viewer of [null, roles.pending, roles.member, coAuthor]) {
      expect((await post(viewer, experience.id, { intent: "add", email: candidate.email })).status).toBe(403);
    }
    expect(await coAuthorIds(experience.id)).toEqual([coAuthor.id]);
    expect(await toldOf(candidate.id, experience.id)).toHaveLength(0);
  });

  it("is 404 for an unknown write-up and for a draft the viewer may not read", async () => {
    const draft = await writeUp([], { publish: false });
    const candidate = await createMember("member");
    expect((await post(roles.member, draft.id, { intent: "add", email: candidate.email })).status).toBe(404);
    expect((await post(roles.member, 99_999_999, { intent: "add", email: candidate.email })).status).toBe(404);
    expect(await coAuthorIds(draft.id)).toEqual([]);
  });
});

describe("removing a co-author", () => {
  it("lets a co-author step down, back to the write-up (or the list, for a draft)", async () => {
    const coAuthor = await createMember("member");
    const experience = await writeUp([coAuthor]);
    const result = await post(coAuthor, experience.id, { intent: "remove", memberId: String(coAuthor.id) });
    expect(result.status).toBe(303);
    expect(result.location).toBe(`/experiences/${experience.id}`);
    expect(await coAuthorIds(experience.id)).toEqual([]);
    expect((await load(coAuthor, experience.id)).status).toBe(403);

    const draft = await writeUp([coAuthor], { publish: false });
    const fromDraft = await post(coAuthor, draft.id, { intent: "remove", memberId: String(coAuthor.id) });
    expect(fromDraft.location).toBe("/experiences");
    expect(await coAuthorIds(draft.id)).toEqual([]);
  });

  it("lets the author remove a co-author, and audits a coordinator's removal", async () => {
    const [a, b] = [await createMember("member"), await createMember("member")];
    const experience = await writeUp([a, b]);
    const byAuthor = await post(author, experience.id, { intent: "remove", memberId: String(a.id) });
    expect(byAuthor.status).toBe(303);
    expect(byAuthor.location).toBe(`/experiences/${experience.id}/co-authors`);
    expect(await coAuthorIds(experience.id)).toEqual([b.id]);
    expect(await auditOf(experience.id)).toHaveLength(0);

    expect((await post(roles.coordinator, experience.id, { intent: "remove", memberId: String(b.id) })).status).toBe(303);
    expect(await coAuthorIds(experience.id)).toEqual([]);
    expect(await auditOf(experience.id)).toEqual([
      expect.objectContaining({ actorId: roles.coordinator.id, action: "experience.coAuthor.remove", before: { memberId: b.id } }),
    ]);
  });

  it("refuses a co-author removing another, and strangers (403), writing nothing", async () => {
    const [a, b] = [await createMember("member"), await createMember("member")];
    const experience = await writeUp([a, b]);
    for (const viewer of [null, roles.pending, roles.member, a]) {
      expect((await post(viewer, experience.id, { intent: "remove", memberId: String(b.id) })).status).toBe(403);
    }
    expect(await coAuthorIds(experience.id)).toEqual([a.id, b.id].sort());
  });

  it("is 404 for a member who is no co-author, 400 for a forged id or intent", async () => {
    const coAuthor = await createMember("member");
    const experience = await writeUp([coAuthor]);
    expect((await post(author, experience.id, { intent: "remove", memberId: String(roles.member.id) })).status).toBe(404);
    expect((await post(author, experience.id, { intent: "remove", memberId: "abc" })).status).toBe(400);
    expect((await post(author, experience.id, { intent: "remove", memberId: "99999999999" })).status).toBe(400);
    expect((await post(author, experience.id, { intent: "promote", memberId: String(coAuthor.id) })).status).toBe(400);
    expect(await coAuthorIds(experience.id)).toEqual([coAuthor.id]);
  });
});
