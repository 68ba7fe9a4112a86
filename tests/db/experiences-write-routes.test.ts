import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  experienceMunicipalities,
  experienceProcurementPartners,
  experienceProcurements,
  experienceRevisions,
  experiences,
  experienceThemes,
  themes,
} from "../../db/schema";
import { EXPERIENCE_CO_AUTHORS_MAX } from "../../db/schema/experience-values";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createTopicAs } from "../helpers/topics";
import { db } from "~/db.server";
import type { ExperienceFormValues, OriginLabels } from "~/experiences/experience-forms";
import { addCoAuthor } from "~/experiences/experiences.server";
import { addAgendaItem } from "~/forum-sessions/agenda.server";
import * as editPage from "~/routes/experiences.$id.edit";
import * as newPage from "~/routes/experiences.new";

type Viewer = TestMember | null;
type Form = Record<string, string | string[]>;
type Reply = {
  values: ExperienceFormValues;
  errors: Record<string, string[]>;
  origin: OriginLabels;
  preview?: string;
  slots?: { municipalities: number; partners: number };
  stored?: { title: string; summary: string; body: string; revision: number; editorName: string | null };
};
type Loaded = { values: ExperienceFormValues; origin: OriginLabels; leadMunicipality: string | null; themes: { id: number }[]; municipalityOptions: string[] };

function call(handler: "loader" | "action", route: { loader: unknown; action: unknown }, viewer: Viewer, path: string, form?: Form, params: Record<string, string> = {}) {
  const request = requestAs(viewer, path, { form });
  const run = route[handler] as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params, context: {} }));
}
const openNew = (viewer: Viewer, query = "") => call("loader", newPage, viewer, `/experiences/new${query}`);
const write = (viewer: Viewer, form: Form) => call("action", newPage, viewer, "/experiences/new", form);
const openEdit = (viewer: Viewer, id: number | string) => call("loader", editPage, viewer, `/experiences/${id}/edit`, undefined, { id: String(id) });
const saveEdit = (viewer: Viewer, id: number | string, form: Form) => call("action", editPage, viewer, `/experiences/${id}/edit`, form, { id: String(id) });

const experienceCount = async () => (await db().select({ n: count() }).from(experiences))[0]!.n;
const revisionCount = async () => (await db().select({ n: count() }).from(experienceRevisions))[0]!.n;
const stored = async (id: number) => (await db().select().from(experiences).where(eq(experiences.id, id)))[0]!;
const idOf = (location: string | null) => Number(location!.match(/^\/experiences\/(\d+)$/)![1]);
const auditsOf = (id: number) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, "experience"), eq(auditEvents.subjectId, String(id)), eq(auditEvents.action, "experience.update")))
    .orderBy(asc(auditEvents.id));

/** Everything a write-up's rows hold, to compare before and after a refused write. */
async function everythingOf(id: number) {
  const [experience, themeRows, municipalityRows, facts, partners, revisions] = await Promise.all([
    stored(id),
    db().select().from(experienceThemes).where(eq(experienceThemes.experienceId, id)).orderBy(asc(experienceThemes.themeId)),
    db().select().from(experienceMunicipalities).where(eq(experienceMunicipalities.experienceId, id)).orderBy(asc(experienceMunicipalities.municipalityNumber)),
    db().select().from(experienceProcurements).where(eq(experienceProcurements.experienceId, id)),
    db().select().from(experienceProcurementPartners).where(eq(experienceProcurementPartners.experienceId, id)),
    db().select().from(experienceRevisions).where(eq(experienceRevisions.experienceId, id)).orderBy(asc(experienceRevisions.number)),
  ]);
  return { experience, themeRows, municipalityRows, facts, partners, revisions };
}

let roles: Awaited<ReturnType<typeof everyRole>>;
let themeId: Record<string, number>;
beforeAll(async () => {
  roles = await everyRole();
  themeId = Object.fromEntries((await db().select().from(themes)).map((theme) => [theme.slug, theme.id]));
});

const writeUp = (overrides: Form = {}): Form => ({
  title: "Felles anskaffelse av velferdsteknologi på Helgeland",
  summary: "Sju kommuner kjøpte digitalt tilsyn sammen. Hva vi gjorde, og hva vi ville gjort annerledes.",
  body: "# Bakgrunn\n\nVi startet med **tjue** brukere.",
  theme: [String(themeId.procurement), String(themeId.implementation)],
  visibility: "public",
  municipality: ["1832 Hemnes", "Vefsn", ""],
  ...overrides,
});
const factBox: Form = {
  procurement: "yes",
  procedure: "joint_procurement",
  year: "2023",
  suppliers: "Acme Velferd AS\nBeta Omsorg AS, Gamma AS",
  valueBand: "5m_20m",
  partner: ["1832", "1824 Vefsn"],
  lessons: "Sett av mer tid til markedsdialog.",
};

describe("writing a write-up", () => {
  it("is for approved members: visitors are asked to sign in, pending members get 403", async () => {
    const anonymous = await openNew(null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/sign-in?redirectTo=%2Fexperiences%2Fnew");
    expect((await openNew(roles.pending)).status).toBe(403);
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) expect((await openNew(viewer)).status).toBe(200);
  });

  it("offers the themes and the register's municipalities, with the member's own as the lead", async () => {
    const data = (await openNew(roles.member)).data as Loaded;
    expect(data.themes.map((theme) => theme.id).sort()).toEqual(Object.values(themeId).sort());
    expect(data.municipalityOptions).toHaveLength(357);
    expect(data.leadMunicipality).toBe("Rana - Raane");
    expect(data.values).toMatchObject({ title: "", visibility: "public", forumSessionId: null, topicId: null, procurement: false });
    const clusterStaff = await createMember("member", { municipalityNumber: null });
    expect(((await openNew(clusterStaff)).data as Loaded).leadMunicipality).toBeNull();
  });

  it("refuses a visitor's and a pending member's post with 403, writing nothing", async () => {
    const before = await experienceCount();
    for (const viewer of [null, roles.pending]) expect((await write(viewer, writeUp())).status).toBe(403);
    expect(await experienceCount()).toBe(before);
  });

  it("saves a draft with everything it was given, the fact box among it, as revision 1, and goes to its page", async () => {
    const result = await write(roles.member, writeUp({ ...factBox, intent: "draft", visibility: "members" }));
    expect(result.status).toBe(303);
    const id = idOf(result.location);
    const saved = await everythingOf(id);
    expect(saved.experience).toMatchObject({
      title: "Felles anskaffelse av velferdsteknologi på Helgeland",
      status: "draft",
      visibility: "members",
      authorId: roles.member.id,
      revision: 1,
      publishedAt: null,
    });
    expect(saved.experience.bodyHtml).toContain("<strong>tjue</strong>");
    expect(saved.experience.bodyHtml).toContain("<h2");
    expect(saved.themeRows.map((row) => row.themeId).sort()).toEqual([themeId.implementation, themeId.procurement].sort());
    expect(saved.municipalityRows.map((row) => [row.municipalityNumber, row.lead])).toEqual([
      ["1824", false],
      ["1832", false],
      ["1833", true],
    ]);
    expect(saved.facts).toEqual([
      {
        experienceId: id,
        procedure: "joint_procurement",
        year: 2023,
        suppliers: ["Acme Velferd AS", "Beta Omsorg AS", "Gamma AS"],
        valueBand: "5m_20m",
        lessons: "Sett av mer tid til markedsdialog.",
      },
    ]);
    expect(saved.partners.map((row) => row.municipalityNumber).sort()).toEqual(["1824", "1832"]);
    expect(saved.revisions).toEqual([
      expect.objectContaining({ number: 1, editorId: roles.member.id, title: saved.experience.title, bodyMd: "# Bakgrunn\n\nVi startet med **tjue** brukere." }),
    ]);
  });

  it("publishes at once on request, without a fact box when its box is not ticked", async () => {
    const result = await write(roles.member, writeUp({ ...factBox, procurement: "", year: "not a year", intent: "publish" }));
    expect(result.status).toBe(303);
    const saved = await everythingOf(idOf(result.location));
    expect(saved.experience).toMatchObject({ status: "published", visibility: "public", revision: 1 });
    expect(saved.experience.publishedAt).toBeInstanceOf(Date);
    expect(saved.facts).toEqual([]);
    expect(saved.revisions).toHaveLength(1);
  });

  it("previews the body as the page will show it, harmless, writing nothing", async () => {
    const before = [await experienceCount(), await revisionCount()];
    const body = [
      "# Mål",
      "",
      "Mindre **reising**. <script>alert(1)</script> <img src=x onerror=alert(1)> <iframe src=//evil.example></iframe>",
      "",
      "[klikk](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) <svg onload=alert(1)>",
    ].join("\n");
    const result = await write(roles.member, writeUp({ intent: "preview", title: "", body }));
    expect(result.status).toBe(200);
    const reply = result.data as Reply;
    expect(reply.errors).toEqual({});
    expect(reply.preview).toContain("<h2");
    expect(reply.preview).toContain("<strong>reising</strong>");
    // The raw HTML comes out as text; no element, attribute or link of it survives.
    for (const harmful of ["<script", "<img", "<iframe", "<svg", "javascript:", "data:text"]) expect(reply.preview).not.toContain(harmful);
    expect(reply.preview).not.toMatch(/<[^>]*\son\w+=/);
    expect(reply.preview).not.toMatch(/href="(?!https?:)/);
    expect(reply.values.body).toBe(body);
    expect([await experienceCount(), await revisionCount()]).toEqual(before);
  });

  it("adds municipality and partner fields on request, keeping what was typed", async () => {
    const more = await write(roles.member, writeUp({ intent: "more", municipality: ["Hemnes", "", "Vefsn"] }));
    expect(more.status).toBe(200);
    expect(more.data).toMatchObject({ slots: { municipalities: 6 }, values: { municipalities: ["Hemnes", "Vefsn"] } });
    const partners = await write(roles.member, writeUp({ ...factBox, intent: "morePartners" }));
    expect(partners.data).toMatchObject({ slots: { partners: 5 }, values: { partners: ["1832", "1824 Vefsn"] } });
  });

  const tooManySuppliers = Array.from({ length: 11 }, (_, i) => `Leverandør ${i + 1} AS`).join("\n");
  it.each([
    ["summary", "a summary of 301 characters", { summary: "S".repeat(301) }, "experienceForm.summaryTooLong"],
    ["body", "a body over 200 KB", { body: "æ".repeat(100 * 1024 + 1) }, "experienceForm.bodyTooLong"],
    ["body", "an empty body", { body: "  \n " }, "form.required"],
    ["title", "a title of 161 characters", { title: "T".repeat(161) }, "experienceForm.titleTooLong"],
    ["themes", "no theme", { theme: [] }, "experienceForm.themeRequired"],
    ["themes", "an unknown theme", { theme: ["999999"] }, "experienceForm.unknownTheme"],
    ["municipality-1", "an unknown municipality", { municipality: ["Hemnes", "Atlantis"] }, "experienceForm.unknownMunicipality"],
    ["municipality-0", "a name two municipalities share", { municipality: ["Herøy"] }, "experienceForm.ambiguousMunicipality"],
    ["visibility", "a visibility the form does not offer", { visibility: "everyone" }, "experienceForm.unknownVisibility"],
    ["origin", "a forum session that does not exist", { forumSession: "99999999", keepForumSession: "yes" }, "experienceForm.unknownOrigin"],
    ["origin", "a topic that does not exist", { topic: "99999999", keepTopic: "yes" }, "experienceForm.unknownOrigin"],
    ["origin", "a malformed forum session id", { forumSession: "1 or 1=1", keepForumSession: "yes" }, "experienceForm.unknownOrigin"],
    ["year", "a year before 1990", { ...factBox, year: "1989" }, "experienceForm.badYear"],
    ["year", "a year that is no year", { ...factBox, year: "i fjor" }, "experienceForm.badYear"],
    ["suppliers", "eleven suppliers", { ...factBox, suppliers: tooManySuppliers }, "experienceForm.tooManySuppliers"],
    ["procedure", "a fact box without a procedure", { ...factBox, procedure: "" }, "experienceForm.procedureRequired"],
    ["partner-0", "an unknown partner municipality", { ...factBox, partner: ["9999"] }, "experienceForm.unknownMunicipality"],
  ] as [string, string, Form, string][])("refuses %s beside the field (%s) with 400, keeping what was typed and writing nothing", async (field, _label, bad, message) => {
    const before = [await experienceCount(), await revisionCount()];
    const form = writeUp({ ...bad, intent: "publish" });
    const result = await write(roles.member, form);
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(reply.errors[field]).toEqual([message]);
    expect(reply.values.title).toBe(form.title);
    expect(reply.values.summary).toBe(form.summary);
    expect(reply.values.body).toBe(form.body);
    expect([await experienceCount(), await revisionCount()]).toEqual(before);
  });

  it("refuses an agenda item of another forum session with 400, dropping the link so that saving again saves without it", async () => {
    const session = await createForumSessionAs(roles.coordinator.id, "held");
    const other = await createForumSessionAs(roles.coordinator.id, "held");
    const item = await agendaItemOf(other.id, "Digitalt tilsyn i Hemnes");
    const before = await experienceCount();
    const result = await write(roles.member, writeUp({ forumSession: String(session.id), agendaItem: String(item.id), keepForumSession: "yes" }));
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(reply.errors.origin).toEqual(["experienceForm.unknownOrigin"]);
    expect(reply.values).toMatchObject({ forumSessionId: null, agendaItemId: null });
    expect(await experienceCount()).toBe(before);
  });

  it("refuses a link to a forum session still in draft", async () => {
    const draft = await createForumSessionAs(roles.coordinator.id, "draft");
    const result = await write(roles.member, writeUp({ forumSession: String(draft.id), keepForumSession: "yes" }));
    expect(result.status).toBe(400);
    expect((result.data as Reply).errors.origin).toEqual(["experienceForm.unknownOrigin"]);
  });
});

async function agendaItemOf(forumSessionId: number, title: string) {
  const item = await addAgendaItem(roles.coordinator.id, forumSessionId, {
    startOffsetMinutes: 0,
    durationMinutes: 30,
    title,
    presenterMemberId: roles.member.id,
    presenterName: null,
    presenterOrganisation: null,
    description: "",
  });
  return item!;
}

describe("where a write-up came from", () => {
  it("is prefilled from ?forumSession=&agendaItem= (a presenter's 'write up what you presented'), and saved with it", async () => {
    const session = await createForumSessionAs(roles.coordinator.id, "held", { title: "Forummøte om tilsyn" });
    const item = await agendaItemOf(session.id, "Digitalt tilsyn i Hemnes");
    const opened = await openNew(roles.member, `?forumSession=${session.id}&agendaItem=${item.id}`);
    expect(opened.status).toBe(200);
    const data = opened.data as Loaded;
    expect(data.origin).toEqual({ forumSession: { id: session.id, title: "Forummøte om tilsyn" }, agendaItem: { id: item.id, title: "Digitalt tilsyn i Hemnes" } });
    expect(data.values).toMatchObject({ forumSessionId: session.id, agendaItemId: item.id, keepForumSession: true });

    const result = await write(roles.member, writeUp({ forumSession: String(session.id), agendaItem: String(item.id), keepForumSession: "yes" }));
    expect(result.status).toBe(303);
    expect(await stored(idOf(result.location))).toMatchObject({ forumSessionId: session.id, agendaItemId: item.id, topicId: null });
  });

  it("is prefilled from ?topic= with the topic's themes ticked; unticking 'keep the link' saves without it", async () => {
    const topic = await createTopicAs(roles.member.id, { themeIds: [themeId.prevention!] });
    const data = (await openNew(roles.member, `?topic=${topic.id}`)).data as Loaded;
    expect(data.origin).toEqual({ topic: { id: topic.id, title: topic.title } });
    expect(data.values).toMatchObject({ topicId: topic.id, themeIds: [themeId.prevention] });

    const kept = await write(roles.member, writeUp({ topic: String(topic.id), keepTopic: "yes" }));
    expect(await stored(idOf(kept.location))).toMatchObject({ topicId: topic.id });
    const dropped = await write(roles.member, writeUp({ topic: String(topic.id) }));
    expect(await stored(idOf(dropped.location))).toMatchObject({ topicId: null });
  });

  it("prefills nothing from ids that do not hold: unknown, a draft session, or an agenda item of another session", async () => {
    const draft = await createForumSessionAs(roles.coordinator.id, "draft");
    const session = await createForumSessionAs(roles.coordinator.id, "held");
    const item = await agendaItemOf((await createForumSessionAs(roles.coordinator.id, "held")).id, "Et annet punkt");
    for (const query of [`?topic=99999999`, `?forumSession=${draft.id}`, `?forumSession=${session.id}&agendaItem=${item.id}`, `?agendaItem=${item.id}`, `?forumSession=abc`]) {
      const opened = await openNew(roles.member, query);
      expect(opened.status).toBe(200);
      const data = opened.data as Loaded;
      expect(data.origin).toEqual({});
      expect(data.values).toMatchObject({ forumSessionId: null, agendaItemId: null, topicId: null });
    }
  });
});

describe("editing a write-up", () => {
  const edited = (revision: number, overrides: Form = {}): Form => ({
    title: "Digitalt tilsyn: fra pilot til drift",
    summary: "Oppdatert sammendrag.",
    body: "Oppdatert tekst.",
    theme: [String(themeId.implementation)],
    visibility: "public",
    municipality: ["5001"],
    revision: String(revision),
    intent: "save",
    ...overrides,
  });

  it("is 404 for an unknown or malformed id, and asks visitors to sign in", async () => {
    for (const id of ["99999999", "abc", "-1", "1e3"]) {
      expect((await openEdit(roles.coordinator, id)).status).toBe(404);
      expect((await saveEdit(roles.coordinator, id, edited(1))).status).toBe(404);
    }
    const experience = await createExperienceAs(roles.member.id);
    const anonymous = await openEdit(null, experience.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/experiences/${experience.id}/edit`)}`);
    expect((await saveEdit(null, experience.id, edited(1))).status).toBe(403);
  });

  it("refuses members who are neither author nor co-author with 403, and pending members; changes nothing", async () => {
    const experience = await createExperienceAs(roles.member.id);
    const stranger = await createMember("member");
    const before = await everythingOf(experience.id);
    for (const viewer of [roles.pending, stranger]) {
      expect((await openEdit(viewer, experience.id)).status).toBe(403);
      expect((await saveEdit(viewer, experience.id, edited(1))).status).toBe(403);
    }
    expect(await everythingOf(experience.id)).toEqual(before);
  });

  it("is 404 for a draft or a members-only write-up to those who may not read it", async () => {
    const draft = await createExperienceAs(roles.member.id, { publish: false });
    const membersOnly = await createExperienceAs(roles.member.id, { visibility: "members" });
    const stranger = await createMember("member");
    expect((await openEdit(stranger, draft.id)).status).toBe(404);
    expect((await saveEdit(stranger, draft.id, edited(1))).status).toBe(404);
    expect((await openEdit(roles.pending, membersOnly.id)).status).toBe(404);
    expect((await openEdit(stranger, membersOnly.id)).status).toBe(403);
    expect(await stored(draft.id)).toMatchObject({ revision: 1, title: draft.title });
  });

  it("opens with what is stored: the text, themes, co-authoring municipalities, the fact box, the origin and the revision", async () => {
    const topic = await createTopicAs(roles.member.id);
    const experience = await createExperienceAs(roles.member.id, {
      municipalityNumber: "1833",
      themeIds: [themeId.procurement!],
      municipalities: ["1832"],
      topicId: topic.id,
      procurement: { procedure: "framework_agreement", year: 2022, suppliers: ["Acme AS"], valueBand: null, partners: ["1824"], lessons: "Mer tid." },
    });
    const opened = await openEdit(roles.member, experience.id);
    expect(opened.status).toBe(200);
    const data = opened.data as Loaded & { status: string };
    expect(data.leadMunicipality).toBe("Rana - Raane");
    expect(data.origin).toEqual({ topic: { id: topic.id, title: topic.title } });
    expect(data.values).toMatchObject({
      title: experience.title,
      body: experience.bodyMd,
      themeIds: [themeId.procurement],
      municipalities: ["1832 Hemnes"],
      topicId: topic.id,
      keepTopic: true,
      procurement: true,
      procedure: "framework_agreement",
      year: "2022",
      suppliers: "Acme AS",
      valueBand: "",
      partners: ["1824 Vefsn"],
      revision: 1,
    });
  });

  it("lets the author save the next revision with a note, unaudited, and publish a draft", async () => {
    const author = await createMember("member");
    const draft = await createExperienceAs(author.id, { publish: false, themeIds: [themeId.prevention!] });
    const result = await saveEdit(author, draft.id, edited(1, { intent: "publish", note: "La til tall for 2024", ...factBox }));
    expect(result.status).toBe(303);
    expect(result.location).toBe(`/experiences/${draft.id}`);
    const after = await everythingOf(draft.id);
    expect(after.experience).toMatchObject({ title: "Digitalt tilsyn: fra pilot til drift", status: "published", revision: 2 });
    expect(after.themeRows.map((row) => row.themeId)).toEqual([themeId.implementation]);
    expect(after.municipalityRows.map((row) => [row.municipalityNumber, row.lead])).toEqual([
      ["1804", true],
      ["5001", false],
    ]);
    expect(after.facts).toHaveLength(1);
    expect(after.revisions.map((r) => [r.number, r.note])).toEqual([
      [1, null],
      [2, "La til tall for 2024"],
    ]);
    expect(await auditsOf(draft.id)).toEqual([]);
  });

  it("lets a co-author edit", async () => {
    const author = await createMember("member");
    const coAuthor = await createMember("member");
    const experience = await createExperienceAs(author.id);
    expect(await addCoAuthor({ id: author.id, name: author.name, role: "member", status: "approved", municipalityNumber: "1833" }, experience.id, coAuthor.email, EXPERIENCE_CO_AUTHORS_MAX)).toEqual({
      ok: true,
    });
    expect((await openEdit(coAuthor, experience.id)).status).toBe(200);
    const result = await saveEdit(coAuthor, experience.id, edited(1, { title: "Medforfatterens tittel" }));
    expect(result.status).toBe(303);
    expect(await stored(experience.id)).toMatchObject({ title: "Medforfatterens tittel", revision: 2 });
    const [, second] = (await everythingOf(experience.id)).revisions;
    expect(second).toMatchObject({ number: 2, editorId: coAuthor.id });
    expect(await auditsOf(experience.id)).toEqual([]);
  });

  it("lets coordinators and admins edit someone else's write-up, each edit audited", async () => {
    const experience = await createExperienceAs(roles.member.id);
    let revision = 1;
    for (const viewer of [roles.coordinator, roles.admin]) {
      expect((await openEdit(viewer, experience.id)).status).toBe(200);
      const result = await saveEdit(viewer, experience.id, edited(revision, { title: `Redigert av ${viewer.name}` }));
      expect(result.status).toBe(303);
      revision++;
      expect(await stored(experience.id)).toMatchObject({ title: `Redigert av ${viewer.name}`, revision, status: "published" });
    }
    const audits = await auditsOf(experience.id);
    expect(audits.map((audit) => audit.actorId)).toEqual([roles.coordinator.id, roles.admin.id]);
    expect(audits[0]!.after).toMatchObject({ title: `Redigert av ${roles.coordinator.name}`, revision: 2 });
  });

  it("refuses an edit on an older revision with 409: both texts shown, nothing typed lost, nothing overwritten", async () => {
    const author = await createMember("member", { name: "Kari Forfatter" });
    const experience = await createExperienceAs(author.id);
    // Both open revision 1.
    for (const viewer of [author, roles.coordinator]) expect(((await openEdit(viewer, experience.id)).data as Loaded).values.revision).toBe(1);
    const first = await saveEdit(author, experience.id, edited(1, { title: "Forfatterens tittel", body: "Forfatterens tekst." }));
    expect(first.status).toBe(303);
    const before = await everythingOf(experience.id);

    const second = await saveEdit(roles.coordinator, experience.id, edited(1, { title: "Koordinatorens tittel", body: "Koordinatorens tekst.", note: "Rettet tall" }));
    expect(second.status).toBe(409);
    const reply = second.data as Reply;
    expect(reply.errors.form).toEqual(["experienceForm.stale"]);
    expect(reply.values).toMatchObject({ title: "Koordinatorens tittel", body: "Koordinatorens tekst.", note: "Rettet tall" });
    expect(reply.stored).toEqual({ title: "Forfatterens tittel", summary: "Oppdatert sammendrag.", body: "Forfatterens tekst.", revision: 2, editorName: "Kari Forfatter" });
    // Saving again from the reply is a deliberate overwrite, on the revision now stored.
    expect(reply.values.revision).toBe(2);
    expect(await everythingOf(experience.id)).toEqual(before);
    expect(await auditsOf(experience.id)).toEqual([]);

    const again = await saveEdit(roles.coordinator, experience.id, edited(reply.values.revision!, { title: "Flettet tittel" }));
    expect(again.status).toBe(303);
    expect(await stored(experience.id)).toMatchObject({ title: "Flettet tittel", revision: 3 });
  });

  it("refuses bad input beside the field with 400, keeping what was typed and changing nothing", async () => {
    const experience = await createExperienceAs(roles.member.id, { themeIds: [themeId.prevention!] });
    const before = await everythingOf(experience.id);
    for (const [field, bad, message] of [
      ["summary", { summary: "S".repeat(301) }, "experienceForm.summaryTooLong"],
      ["body", { body: "b".repeat(200 * 1024 + 1) }, "experienceForm.bodyTooLong"],
      ["themes", { theme: [] }, "experienceForm.themeRequired"],
      ["municipality-0", { municipality: ["Atlantis"] }, "experienceForm.unknownMunicipality"],
      ["origin", { topic: "99999999", keepTopic: "yes" }, "experienceForm.unknownOrigin"],
      ["year", { ...factBox, year: "3000" }, "experienceForm.badYear"],
      ["form", { revision: "x" }, "error.badRequest.body"],
    ] as [string, Form, string][]) {
      const form = edited(1, bad);
      const result = await saveEdit(roles.member, experience.id, form);
      expect(result.status).toBe(400);
      const reply = result.data as Reply;
      expect(reply.errors[field]).toEqual([message]);
      expect(reply.values.body).toBe(form.body);
    }
    expect(await everythingOf(experience.id)).toEqual(before);
  });

  it("previews an edit, saving nothing", async () => {
    const experience = await createExperienceAs(roles.member.id);
    const before = await everythingOf(experience.id);
    const result = await saveEdit(roles.member, experience.id, edited(1, { intent: "preview", body: "## Ny del\n\n<img src=x onerror=alert(1)>" }));
    expect(result.status).toBe(200);
    const reply = result.data as Reply;
    expect(reply.preview).toContain("<h2");
    expect(reply.preview).not.toContain("<img");
    expect(await everythingOf(experience.id)).toEqual(before);
  });
});
