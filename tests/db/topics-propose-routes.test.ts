import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, themes, topicExperiencedMunicipalities, topics, topicStatusChanges, topicThemes } from "../../db/schema";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createTopicAs } from "../helpers/topics";
import { db } from "~/db.server";
import * as editPage from "~/routes/topics.$id.edit";
import * as newPage from "~/routes/topics.new";
import { triageTopic } from "~/topics/topics.server";

type Viewer = TestMember | null;
type Form = Record<string, string | string[]>;
type Reply = {
  values: { title: string; description: string; themeIds: number[]; experienced: string[]; version?: number; canPresent: boolean };
  errors: Record<string, string[]>;
  preview?: string;
  slots?: number;
  stored?: Reply["values"];
};

function call(handler: "loader" | "action", route: { loader: unknown; action: unknown }, viewer: Viewer, path: string, form?: Form, params: Record<string, string> = {}) {
  const request = requestAs(viewer, path, { form });
  const run = route[handler] as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params, context: {} }));
}
const openNew = (viewer: Viewer) => call("loader", newPage, viewer, "/topics/new");
const propose = (viewer: Viewer, form: Form) => call("action", newPage, viewer, "/topics/new", form);
const openEdit = (viewer: Viewer, id: number | string) => call("loader", editPage, viewer, `/topics/${id}/edit`, undefined, { id: String(id) });
const saveEdit = (viewer: Viewer, id: number | string, form: Form) => call("action", editPage, viewer, `/topics/${id}/edit`, form, { id: String(id) });

const topicCount = async () => (await db().select({ n: count() }).from(topics))[0]!.n;
const storedTopic = async (id: number) => (await db().select().from(topics).where(eq(topics.id, id)))[0]!;
const auditsOf = (id: number) =>
  db().select().from(auditEvents).where(and(eq(auditEvents.subjectType, "topic"), eq(auditEvents.subjectId, String(id)), eq(auditEvents.action, "topic.update")));

let roles: Awaited<ReturnType<typeof everyRole>>;
let themeId: Record<string, number>;
beforeAll(async () => {
  roles = await everyRole();
  themeId = Object.fromEntries((await db().select().from(themes)).map((theme) => [theme.slug, theme.id]));
});

const proposal = (overrides: Form = {}): Form => ({
  title: "Digital hjemmeoppfølging i hele kommunen",
  description: "Hvordan gikk **dere** fra pilot til drift?",
  theme: [String(themeId.implementation), String(themeId.prevention)],
  experienced: ["1804 Bodø", "Bergen", ""],
  canPresent: "yes",
  ...overrides,
});

describe("proposing a topic", () => {
  it("is for approved members: visitors are asked to sign in, pending members get 403", async () => {
    const anonymous = await openNew(null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/sign-in?redirectTo=%2Ftopics%2Fnew");
    expect((await openNew(roles.pending)).status).toBe(403);
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) expect((await openNew(viewer)).status).toBe(200);
  });

  it("offers the themes, the register's municipalities, and 'can present' in the member's municipality's name", async () => {
    const data = (await openNew(roles.member)).data as { themes: { id: number }[]; municipalityOptions: string[]; presentingMunicipality: string | null };
    expect(data.themes.map((theme) => theme.id).sort()).toEqual(Object.values(themeId).sort());
    expect(data.municipalityOptions).toHaveLength(357);
    expect(data.municipalityOptions).toContain("1804 Bodø");
    expect(data.presentingMunicipality).toBe("Rana - Raane");
    const clusterStaff = await createMember("member", { municipalityNumber: null });
    expect(((await openNew(clusterStaff)).data as { presentingMunicipality: string | null }).presentingMunicipality).toBeNull();
  });

  it("refuses a visitor's and a pending member's post with 403, writing nothing", async () => {
    const before = await topicCount();
    for (const viewer of [null, roles.pending]) expect((await propose(viewer, proposal())).status).toBe(403);
    expect(await topicCount()).toBe(before);
  });

  it("saves the topic in the member's municipality's name, with its themes and municipalities, and goes to its page", async () => {
    const result = await propose(roles.member, proposal());
    expect(result.status).toBe(303);
    const id = Number(result.location!.match(/^\/topics\/(\d+)$/)![1]);
    const topic = await storedTopic(id);
    expect(topic).toMatchObject({
      title: "Digital hjemmeoppfølging i hele kommunen",
      status: "proposed",
      proposerId: roles.member.id,
      municipalityNumber: "1833",
      canPresent: true,
      supportCount: 0,
    });
    expect(topic.descriptionHtml).toContain("<strong>dere</strong>");
    const themeIds = (await db().select().from(topicThemes).where(eq(topicThemes.topicId, id))).map((row) => row.themeId);
    expect(themeIds.sort()).toEqual([themeId.implementation, themeId.prevention].sort());
    const experienced = await db()
      .select({ number: topicExperiencedMunicipalities.municipalityNumber })
      .from(topicExperiencedMunicipalities)
      .where(eq(topicExperiencedMunicipalities.topicId, id))
      .orderBy(asc(topicExperiencedMunicipalities.municipalityNumber));
    expect(experienced.map((row) => row.number)).toEqual(["1804", "4601"]);
    expect(await db().select().from(topicStatusChanges).where(eq(topicStatusChanges.topicId, id))).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: "proposed", actorId: roles.member.id }),
    ]);
  });

  it("keeps 'can present' off for a member without a municipality, and a title of exactly 140 characters", async () => {
    const clusterStaff = await createMember("member", { municipalityNumber: null });
    const result = await propose(clusterStaff, proposal({ title: "T".repeat(140), description: "D".repeat(20_000) }));
    expect(result.status).toBe(303);
    const topic = await storedTopic(Number(result.location!.split("/").at(-1)));
    expect(topic).toMatchObject({ canPresent: false, municipalityNumber: null, title: "T".repeat(140) });
  });

  it.each([
    ["title", "an empty title", { title: "   " }, "form.required"],
    ["title", "a title of 141 characters", { title: "T".repeat(141) }, "form.tooLong"],
    ["description", "an empty description", { description: "" }, "form.required"],
    ["description", "a description of 20,001 characters", { description: "D".repeat(20_001) }, "form.tooLong"],
    ["themes", "no theme", { theme: [] }, "topicForm.themeRequired"],
    ["themes", "an unknown theme", { theme: ["999999"] }, "topicForm.unknownTheme"],
    ["themes", "a malformed theme", { theme: ["1; drop table topics"] }, "topicForm.unknownTheme"],
    ["experienced-1", "an unknown municipality", { experienced: ["Bodø", "Atlantis"] }, "topicForm.unknownMunicipality"],
    ["experienced-0", "an unknown municipality number", { experienced: ["9999"] }, "topicForm.unknownMunicipality"],
    ["experienced-0", "a name two municipalities share", { experienced: ["Herøy"] }, "topicForm.ambiguousMunicipality"],
    ["experienced", "21 municipalities", { experienced: ["0301", "1103", "1508", "1804", "1833", "3201", "3905", "4204", "4601", "5001", "5501", "1806", "1813", "1815", "1816", "1818", "1820", "1822", "1824", "1825", "1826"] }, "topicForm.tooManyMunicipalities"],
  ] as [string, string, Form, string][])("refuses %s beside the field (%s) with 400, keeping what was typed and writing nothing", async (field, _label, bad, message) => {
    const before = await topicCount();
    const form = proposal(bad);
    const result = await propose(roles.member, form);
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(reply.errors[field]).toEqual([message]);
    expect(reply.values.title).toBe(form.title);
    expect(reply.values.description).toBe(form.description);
    expect(await topicCount()).toBe(before);
  });

  it("previews the description as the topic page will show it, writing nothing", async () => {
    const before = await topicCount();
    const result = await propose(roles.member, proposal({ intent: "preview", title: "", description: "# Mål\n\nMindre **reising**. <script>alert(1)</script>" }));
    expect(result.status).toBe(200);
    const reply = result.data as Reply;
    expect(reply.preview).toContain("<h2");
    expect(reply.preview).toContain("<strong>reising</strong>");
    expect(reply.preview).not.toContain("<script");
    expect(reply.errors).toEqual({});
    expect(await topicCount()).toBe(before);
  });

  it("adds municipality fields on request, keeping what was typed", async () => {
    const result = await propose(roles.member, proposal({ intent: "more", experienced: ["Bodø", "", "Bergen"] }));
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ slots: 6, values: { experienced: ["Bodø", "Bergen"] } });
    // The fields asked for stay through a preview.
    const preview = await propose(roles.member, proposal({ intent: "preview", experienced: ["Bodø", "", "Bergen", "", "", ""] }));
    expect(preview.data).toMatchObject({ slots: 6 });
  });
});

describe("editing a topic", () => {
  const edited = (version: number, overrides: Form = {}): Form => ({
    title: "Velferdsteknologi: fra pilot til drift",
    description: "Oppdatert beskrivelse.",
    theme: [String(themeId.procurement)],
    experienced: ["5001"],
    version: String(version),
    ...overrides,
  });

  it("is 404 for an unknown or malformed id, and asks visitors to sign in", async () => {
    for (const id of ["99999999", "abc", "-1", "1e3"]) {
      expect((await openEdit(roles.coordinator, id)).status).toBe(404);
      expect((await saveEdit(roles.coordinator, id, edited(1))).status).toBe(404);
    }
    const topic = await createTopicAs(roles.member.id);
    const anonymous = await openEdit(null, topic.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/topics/${topic.id}/edit`)}`);
  });

  it("lets the proposer edit their own proposed topic, unaudited, and goes to its page", async () => {
    const proposer = await createMember("member");
    const topic = await createTopicAs(proposer.id, { themeIds: [themeId.prevention!], experiencedMunicipalities: ["1804"] });
    const opened = await openEdit(proposer, topic.id);
    expect(opened.status).toBe(200);
    expect((opened.data as { values: Reply["values"] }).values).toMatchObject({
      title: topic.title,
      themeIds: [themeId.prevention],
      experienced: ["1804 Bodø"],
      version: topic.version,
    });
    const result = await saveEdit(proposer, topic.id, edited(topic.version, { canPresent: "yes" }));
    expect(result.status).toBe(303);
    expect(result.location).toBe(`/topics/${topic.id}`);
    const after = await storedTopic(topic.id);
    expect(after).toMatchObject({ title: "Velferdsteknologi: fra pilot til drift", descriptionMd: "Oppdatert beskrivelse.", canPresent: true, version: topic.version + 1 });
    const themeIds = (await db().select().from(topicThemes).where(eq(topicThemes.topicId, topic.id))).map((row) => row.themeId);
    expect(themeIds).toEqual([themeId.procurement]);
    const experienced = await db().select().from(topicExperiencedMunicipalities).where(eq(topicExperiencedMunicipalities.topicId, topic.id));
    expect(experienced.map((row) => row.municipalityNumber)).toEqual(["5001"]);
    expect(await auditsOf(topic.id)).toEqual([]);
  });

  it("refuses other members and pending members with 403, and visitors' posts, changing nothing", async () => {
    const topic = await createTopicAs(roles.coordinator.id);
    for (const viewer of [roles.pending, roles.member]) expect((await openEdit(viewer, topic.id)).status).toBe(403);
    for (const viewer of [null, roles.pending, roles.member]) expect((await saveEdit(viewer, topic.id, edited(topic.version))).status).toBe(403);
    expect(await storedTopic(topic.id)).toEqual(topic);
  });

  it("refuses the proposer once the topic is shortlisted, changing nothing", async () => {
    const proposer = await createMember("member");
    const topic = await createTopicAs(proposer.id);
    const shortlisted = await triageTopic(roles.coordinator.id, topic.id, { step: "shortlist", version: topic.version });
    expect(shortlisted.ok).toBe(true);
    const before = await storedTopic(topic.id);
    expect((await openEdit(proposer, topic.id)).status).toBe(403);
    expect((await saveEdit(proposer, topic.id, edited(before.version))).status).toBe(403);
    expect(await storedTopic(topic.id)).toEqual(before);
  });

  it("lets coordinators and admins edit any topic, whatever its status, each edit audited", async () => {
    const topic = await createTopicAs(roles.member.id);
    await triageTopic(roles.coordinator.id, topic.id, { step: "shortlist", version: topic.version });
    let version = (await storedTopic(topic.id)).version;
    for (const viewer of [roles.coordinator, roles.admin]) {
      expect((await openEdit(viewer, topic.id)).status).toBe(200);
      const result = await saveEdit(viewer, topic.id, edited(version, { title: `Redigert av ${viewer.name}` }));
      expect(result.status).toBe(303);
      const after = await storedTopic(topic.id);
      expect(after).toMatchObject({ title: `Redigert av ${viewer.name}`, status: "shortlisted", version: version + 1 });
      version = after.version;
    }
    const audits = await auditsOf(topic.id);
    expect(audits.map((audit) => audit.actorId)).toEqual([roles.coordinator.id, roles.admin.id]);
    expect(audits[0]!.after).toMatchObject({ title: `Redigert av ${roles.coordinator.name}` });
  });

  it("refuses a stale save with 409: the stored text beside the typed one, nothing overwritten", async () => {
    const proposer = await createMember("member");
    const topic = await createTopicAs(proposer.id);
    expect((await saveEdit(roles.coordinator, topic.id, edited(topic.version, { title: "Koordinatorens tittel" }))).status).toBe(303);
    const result = await saveEdit(proposer, topic.id, edited(topic.version, { title: "Forslagsstillerens tittel" }));
    expect(result.status).toBe(409);
    const reply = result.data as Reply;
    expect(reply.errors.form).toEqual(["topicForm.stale"]);
    expect(reply.values.title).toBe("Forslagsstillerens tittel");
    expect(reply.stored).toMatchObject({ title: "Koordinatorens tittel", experienced: ["5001 Trondheim - Tråante"] });
    // Saving again from the reply is a deliberate overwrite, on the version now stored.
    expect(reply.values.version).toBe(topic.version + 1);
    expect(await storedTopic(topic.id)).toMatchObject({ title: "Koordinatorens tittel", version: topic.version + 1 });
    expect((await saveEdit(proposer, topic.id, edited(reply.values.version!, { title: "Flettet tittel" }))).status).toBe(303);
    expect((await storedTopic(topic.id)).title).toBe("Flettet tittel");
  });

  it("refuses bad input beside the field with 400, changing nothing", async () => {
    const topic = await createTopicAs(roles.member.id);
    for (const [field, bad, message] of [
      ["title", { title: "T".repeat(141) }, "form.tooLong"],
      ["description", { description: "D".repeat(20_001) }, "form.tooLong"],
      ["themes", { theme: [] }, "topicForm.themeRequired"],
      ["experienced-0", { experienced: ["Atlantis"] }, "topicForm.unknownMunicipality"],
    ] as [string, Form, string][]) {
      const result = await saveEdit(roles.member, topic.id, edited(topic.version, bad));
      expect(result.status).toBe(400);
      expect((result.data as Reply).errors[field]).toEqual([message]);
      expect((result.data as Reply).values.version).toBe(topic.version);
    }
    expect(await storedTopic(topic.id)).toEqual(topic);
  });

  it("sends the editor of a merged topic to the topic it was merged into; a save there is refused", async () => {
    const target = await createTopicAs(roles.member.id);
    const merged = await createTopicAs(roles.member.id);
    await triageTopic(roles.coordinator.id, merged.id, { step: "merge", version: merged.version, intoId: target.id });
    const opened = await openEdit(roles.coordinator, merged.id);
    expect(opened.status).toBe(302);
    expect(opened.location).toBe(`/topics/${target.id}`);
    const before = await storedTopic(merged.id);
    const result = await saveEdit(roles.coordinator, merged.id, edited(before.version));
    expect(result.status).toBe(409);
    expect((result.data as Reply).errors.form).toEqual(["topicForm.merged"]);
    expect(await storedTopic(merged.id)).toEqual(before);
  });
});
