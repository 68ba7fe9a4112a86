import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { adoptionChanges, adoptions, agendaItems, auditEvents, comments, experienceSolutions, notifications, themes } from "../../db/schema";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createOrganisation, createSolution } from "../helpers/solutions";
import { db } from "~/db.server";
import type { ViewerSummary } from "~/members/rights";
import * as byId from "~/routes/solutions.by-id.$id";
import * as solutionPage from "~/routes/solutions.$slug._index";
import { recordAdoption } from "~/solutions/adoptions.server";
import { reviewSolution, setSolutionStatus } from "~/solutions/solutions.server";

type Viewer = TestMember | null;
type LoaderData = Awaited<ReturnType<typeof solutionPage.loader>>;
type Route = { loader?: (args: never) => unknown; action?: (args: never) => unknown };
type Reply = { adoption?: { errors: Record<string, string[]>; values: Record<string, unknown> }; stale?: Record<string, unknown>; cooperation?: { errors: Record<string, string[]> }; confirm?: { message: string }; comment?: { errors: Record<string, string[]> } };

function call(route: Route, handler: "loader" | "action", viewer: Viewer, path: string, params: Record<string, string>, form?: Record<string, string>) {
  const request = requestAs(viewer, path, { form });
  const run = route[handler] as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params, context: { clientAddress: "192.0.2.1" } }));
}
const load = (viewer: Viewer, slug: string, query = "") => call(solutionPage, "loader", viewer, `/solutions/${slug}${query}`, { slug });
const post = (viewer: Viewer, slug: string, form: Record<string, string>) => call(solutionPage, "action", viewer, `/solutions/${slug}?index`, { slug }, form);
const page = async (viewer: Viewer, slug: string, query = "") => {
  const result = await load(viewer, slug, query);
  expect(result.status).toBe(200);
  return result.data as LoaderData;
};
const reply = (data: unknown) => data as Reply;

const summary = (m: TestMember, role: ViewerSummary["role"] = "member", municipalityNumber: string | null = "1833"): ViewerSummary => ({
  id: m.id,
  name: m.name,
  role,
  status: "approved",
  municipalityNumber,
});

const adoptionRows = (solutionId: number) => db().select().from(adoptions).where(eq(adoptions.solutionId, solutionId));
const changeRows = (solutionId: number) => db().select().from(adoptionChanges).where(eq(adoptionChanges.solutionId, solutionId));

/** The meta tags the route gives a loader's data. */
const metaOf = (data: LoaderData) =>
  (solutionPage.meta as unknown as (args: unknown) => Record<string, string>[])({
    data,
    matches: [{ id: "root", data: { language: "nb" } }],
    params: {},
    location: { pathname: `/solutions/${data.solution.slug}` },
  });
const property = (tags: Record<string, string>[], name: string) => tags.find((tag) => tag.property === name || tag.name === name)?.content;

let roles: Awaited<ReturnType<typeof everyRole>>;
/** Proposes entries; from Bodø. */
let proposer: TestMember;
/** Named as the entries' contact person. */
let contact: TestMember;
/** A member of Bodø, for recording Bodø's relation. */
let bodo: TestMember;
let coordinator: ViewerSummary;

const OLD_TODAY = "2025-03-01";

beforeAll(async () => {
  roles = await everyRole();
  proposer = await createMember("member", { name: "Per Forslagsstiller", municipalityNumber: "1804" });
  contact = await createMember("member", { name: "Kari Kontakt", email: `kari-kontakt-${process.pid}@example.no`, municipalityNumber: "1804" });
  bodo = await createMember("member", { name: "Bodil Bodø", municipalityNumber: "1804" });
  coordinator = summary(await createMember("coordinator", { name: "Kåre Koordinator" }), "coordinator");
});

/** An accepted entry (pilot) by the proposer with the contact, unless told otherwise. */
function solution(overrides: Parameters<typeof createSolution>[2] = {}) {
  return createSolution(summary(proposer, "member", "1804"), coordinator, { contactMemberId: contact.id, ...overrides });
}

const adoptForm = (overrides: Record<string, string> = {}) => ({
  intent: "adopt",
  state: "in_use",
  since: OLD_TODAY,
  note: "Brukes i barnehagene.",
  basedOnVersion: "none",
  ...overrides,
});

describe("who may read a solution's page", () => {
  it("answers an accepted entry with 200 to everyone", async () => {
    const accepted = await solution();
    for (const viewer of [null, roles.pending, roles.member, roles.coordinator, roles.admin]) expect((await load(viewer, accepted.slug)).status).toBe(200);
  });

  it("shows a proposal to its proposer and coordinators as awaiting review, and is 404 for everyone else, naming nothing", async () => {
    const proposal = await solution({ status: null, name: `Hemmelig forslag ${process.pid}` });
    for (const viewer of [null, roles.pending, roles.member, bodo]) {
      const result = await load(viewer, proposal.slug);
      expect(result.status).toBe(404);
      expect(JSON.stringify(result.data ?? null)).not.toContain("Hemmelig");
    }
    for (const viewer of [proposer, roles.coordinator, roles.admin]) {
      const data = await page(viewer, proposal.slug);
      expect(data.solution).toMatchObject({ review: "proposed", name: proposal.name });
      // Not yet in the catalogue: nothing to adopt, comment on or share.
      expect(data).toMatchObject({ adoptionForm: null, comments: null, picture: null, share: null });
    }
    expect((await page(proposer, proposal.slug)).canEdit).toBe(true);
    expect(property(metaOf(await page(proposer, proposal.slug)), "og:title")).toBeUndefined();
  });

  it("shows a rejected entry's reason to its proposer and coordinators only", async () => {
    const proposal = await solution({ status: null });
    expect((await reviewSolution(coordinator, proposal.id, { decision: "reject", reason: "Finnes allerede som «Digital søknad»." })).ok).toBe(true);
    for (const viewer of [proposer, roles.coordinator]) {
      expect((await page(viewer, proposal.slug)).solution).toMatchObject({ review: "rejected", reviewNote: "Finnes allerede som «Digital søknad»." });
    }
    expect((await page(proposer, proposal.slug)).canEdit).toBe(false);
    for (const viewer of [null, roles.member]) expect((await load(viewer, proposal.slug)).status).toBe(404);
  });

  it.each(["finnes-ikke", "ABC", "..", "a".repeat(150), "x%00y", "-start"])("is 404 for the slug %j", async (slug) => {
    expect((await load(null, slug)).status).toBe(404);
    expect((await load(roles.coordinator, slug)).status).toBe(404);
  });
});

describe("what the page shows", () => {
  it("shows name, status, summary, sanitised description, owner, suppliers, components, archive systems, links, licence and themes to every reader", async () => {
    const sikri = await createOrganisation("supplier", { name: `Sikri ${process.pid}` });
    const [procurement] = await db().select().from(themes).where(eq(themes.slug, "procurement"));
    const entry = await solution({
      description: "## Slik virker den\n\nBygget på **KS Fiks**. <script>alert(1)</script>",
      supplierIds: [sikri.id],
      sourceUrl: "https://github.com/example/losning",
      themeIds: [procurement!.id],
    });
    for (const viewer of [null, roles.pending, roles.member]) {
      const data = await page(viewer, entry.slug);
      expect(data.solution).toMatchObject({ name: entry.name, summary: entry.summary, status: "pilot", review: "accepted", reviewNote: null });
      expect(data.solution.descriptionHtml).toContain("<strong>KS Fiks</strong>");
      expect(data.solution.descriptionHtml).toContain("<h2");
      expect(data.solution.descriptionHtml).not.toContain("<script");
      expect(data.facts).toMatchObject({
        owner: { type: "municipality", number: "1804", name: "Bodø" },
        suppliers: [{ slug: sikri.slug, name: sikri.name }],
        components: ["ID-porten", "KS Fiks"],
        archiveSystems: ["Elements"],
        links: { websiteUrl: "https://example.no/losning", sourceUrl: "https://github.com/example/losning", documentationUrl: null },
        licence: "MIT",
        openSource: true,
        themes: [expect.objectContaining({ slug: "procurement" })],
      });
    }
  });

  it("names the owning organisation with its slug and kind", async () => {
    const helgeland = await createOrganisation("regional_cooperation", { name: `Digitale Helgeland ${process.pid}` });
    const entry = await solution({ owner: { organisationId: helgeland.id } });
    expect((await page(null, entry.slug)).facts.owner).toEqual({ type: "organisation", slug: helgeland.slug, name: helgeland.name, kind: "regional_cooperation" });
  });

  it("gives the contact's name and email and who set each status to approved members only; visitors and pending members see the owner", async () => {
    const entry = await solution();
    await recordAdoption(summary(bodo, "member", "1804"), entry.id, "1804", { state: "in_use", since: OLD_TODAY, note: "", openToJointProcurement: false }, null);
    for (const viewer of [null, roles.pending]) {
      const data = await page(viewer, entry.slug);
      expect(data.facts.contact).toBeNull();
      expect(data.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "pilot", note: "Godtatt i katalogen.", changedByName: null })]);
      expect(data.adoptions[0]).toMatchObject({ municipalityName: "Bodø", recordedByName: null });
      const json = JSON.stringify(data);
      for (const name of ["Kari Kontakt", contact.email, "Kåre Koordinator", "Bodil Bodø", "Per Forslagsstiller"]) expect(json).not.toContain(name);
    }
    for (const viewer of [roles.member, roles.coordinator]) {
      const data = await page(viewer, entry.slug);
      expect(data.facts.contact).toEqual({ name: "Kari Kontakt", email: contact.email });
      expect(data.history[0]!.changedByName).toBe("Kåre Koordinator");
      expect(data.adoptions[0]!.recordedByName).toBe("Bodil Bodø");
    }
  });

  it("shows the status timeline oldest first with its notes", async () => {
    const entry = await solution();
    expect((await setSolutionStatus(coordinator, entry.id, { fromStatus: "pilot", toStatus: "in_use", note: "I drift i Bodø." })).ok).toBe(true);
    const { history, solution: shown } = await page(null, entry.slug);
    expect(shown.status).toBe("in_use");
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.note])).toEqual([
      [null, "pilot", "Godtatt i katalogen."],
      ["pilot", "in_use", "I drift i Bodø."],
    ]);
  });

  it("suggests scaling to coordinators when three municipalities have it in use as a pilot, with a way to the status page; to no one else", async () => {
    const entry = await solution();
    for (const number of ["1804", "1820", "1824"]) {
      expect((await recordAdoption(coordinator, entry.id, number, { state: "in_use", since: OLD_TODAY, note: "", openToJointProcurement: false }, null)).ok).toBe(true);
    }
    expect((await page(roles.coordinator, entry.slug)).suggestion).toBe("scaling");
    expect((await page(roles.admin, entry.slug)).suggestion).toBe("scaling");
    for (const viewer of [null, roles.member]) expect((await page(viewer, entry.slug)).suggestion).toBeNull();
    expect((await page(roles.coordinator, entry.slug)).isCoordinator).toBe(true);
  });

  it("lists the municipalities by adoption state, marks one unconfirmed for a year as possibly stale, and counts them", async () => {
    const entry = await solution();
    const cooperation = await createOrganisation("regional_cooperation", { name: `Samarbeid ${process.pid}-a` });
    await recordAdoption(coordinator, entry.id, "1820", { state: "interested", since: OLD_TODAY, note: "Vil gjerne.", openToJointProcurement: true }, null);
    await recordAdoption(coordinator, entry.id, "1804", { state: "in_use", since: OLD_TODAY, note: "", openToJointProcurement: false }, null);
    await db()
      .update(adoptions)
      .set({ confirmedAt: sql`now() - interval '400 days'`, viaOrganisationId: cooperation.id })
      .where(and(eq(adoptions.solutionId, entry.id), eq(adoptions.municipalityNumber, "1804")));
    const data = await page(null, entry.slug);
    expect(data.adoptions.map((a) => [a.municipalityName, a.state, a.stale, a.openToJointProcurement])).toEqual([
      ["Alstahaug", "interested", false, true],
      ["Bodø", "in_use", true, false],
    ]);
    expect(data.adoptions[1]).toMatchObject({ countyName: expect.any(String), since: OLD_TODAY, viaOrganisationName: cooperation.name });
    expect(data.adoptions[0]!.note).toBe("Vil gjerne.");
    expect(data.solution).toMatchObject({ inUseCount: 1, adoptionCount: 2, jointInterestCount: 1 });
  });

  it("links the write-ups that tell of it (as the viewer may read them) and the forum sessions where it was presented", async () => {
    const entry = await solution();
    const open = await createExperienceAs(proposer.id, { title: "Slik innførte vi søknaden" });
    const membersOnly = await createExperienceAs(proposer.id, { title: "Internt om søknaden", visibility: "members" });
    await db().insert(experienceSolutions).values([open, membersOnly].map((e) => ({ experienceId: e.id, solutionId: entry.id })));
    const session = await createForumSessionAs(roles.coordinator.id, "held", { title: "Forummøte om digitale søknader" });
    await db().insert(agendaItems).values({ forumSessionId: session.id, position: 1, startOffsetMinutes: 0, durationMinutes: 20, title: "Søknaden vises", solutionId: entry.id });
    const draft = await createForumSessionAs(roles.coordinator.id, "draft", { title: "Hemmelig forummøte om søknaden" });
    await db().insert(agendaItems).values({ forumSessionId: draft.id, position: 1, startOffsetMinutes: 0, durationMinutes: 20, title: "Utkast", solutionId: entry.id });

    const visitor = await page(null, entry.slug);
    expect(visitor.experiences.map((e) => e.title)).toEqual(["Slik innførte vi søknaden"]);
    expect(visitor.sessions).toEqual([{ id: session.id, title: "Forummøte om digitale søknader", startsAt: expect.anything(), agendaItemTitle: "Søknaden vises" }]);
    expect(JSON.stringify(visitor)).not.toContain("Hemmelig");
    expect((await page(roles.member, entry.slug)).experiences.map((e) => e.title)).toEqual(["Slik innførte vi søknaden", "Internt om søknaden"]);
    expect((await page(roles.coordinator, entry.slug)).sessions.map((s) => s.title)).toContain("Hemmelig forummøte om søknaden");
  });

  it("offers edit to coordinators (and the proposer while proposed), and links evidence, joint procurement and JSON", async () => {
    const entry = await solution();
    expect(await page(null, entry.slug)).toMatchObject({ canEdit: false, isCoordinator: false, viewerState: "anonymous" });
    expect(await page(roles.pending, entry.slug)).toMatchObject({ canEdit: false, viewerState: "pending" });
    expect(await page(proposer, entry.slug)).toMatchObject({ canEdit: false, viewerState: "member" });
    expect(await page(roles.coordinator, entry.slug)).toMatchObject({ canEdit: true, isCoordinator: true });
  });

  it("gives an accepted entry its share tags from PUBLIC_URL", async () => {
    const entry = await solution();
    const tags = metaOf(await page(null, entry.slug));
    expect(tags.find((tag) => "title" in tag)?.title).toContain(entry.name);
    expect(property(tags, "og:title")).toBe(entry.name);
    expect(property(tags, "og:description")).toBe(entry.summary);
    expect(property(tags, "og:url")).toMatch(new RegExp(`^https?://[^/]+/solutions/${entry.slug}$`));
  });
});

describe("the adoption form on the page", () => {
  it("asks visitors to sign in and tells pending members they must be approved: no form for either", async () => {
    const entry = await solution();
    expect(await page(null, entry.slug)).toMatchObject({ viewerState: "anonymous", adoptionForm: null });
    expect(await page(roles.pending, entry.slug)).toMatchObject({ viewerState: "pending", adoptionForm: null });
  });

  it("offers a member their own municipality with today's date and no record; a coordinator any municipality", async () => {
    const entry = await solution();
    const form = (await page(bodo, entry.slug)).adoptionForm!;
    expect(form).toMatchObject({ target: { number: "1804", name: "Bodø" }, current: null, anyMunicipality: false, cooperation: null });
    expect(form.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const coordinating = (await page(roles.coordinator, entry.slug, "?municipality=1824")).adoptionForm!;
    expect(coordinating).toMatchObject({ target: { number: "1824", name: "Vefsn" }, anyMunicipality: true });
    // Only coordinators choose: a member asking for another municipality still gets their own.
    expect((await page(bodo, entry.slug, "?municipality=1824")).adoptionForm!.target).toEqual({ number: "1804", name: "Bodø" });
  });

  it("records a member's own municipality (303 to the form), shows the record and counts it", async () => {
    const entry = await solution();
    const result = await post(bodo, entry.slug, adoptForm({ municipality: "1804", openToJointProcurement: "yes", state: "planning" }));
    expect(result).toMatchObject({ status: 303, location: `/solutions/${entry.slug}#adoption` });
    expect(await adoptionRows(entry.id)).toEqual([
      expect.objectContaining({ municipalityNumber: "1804", state: "planning", since: OLD_TODAY, note: "Brukes i barnehagene.", openToJointProcurement: true, recordedBy: bodo.id, version: 1 }),
    ]);
    const data = await page(bodo, entry.slug);
    expect(data.adoptionForm!.current).toMatchObject({ state: "planning", version: 1, recordedByName: "Bodil Bodø", stale: false });
    expect(data.solution).toMatchObject({ adoptionCount: 1, inUseCount: 0, jointInterestCount: 1 });

    expect((await post(bodo, entry.slug, adoptForm({ municipality: "1804", basedOnVersion: "1" }))).status).toBe(303);
    expect((await page(null, entry.slug)).solution).toMatchObject({ adoptionCount: 1, inUseCount: 1, jointInterestCount: 0 });
    expect((await changeRows(entry.id)).map((c) => c.state)).toEqual(["planning", "in_use"]);
  });

  it("takes the member's own municipality when the form names none", async () => {
    const entry = await solution();
    expect((await post(bodo, entry.slug, adoptForm())).status).toBe(303);
    expect((await adoptionRows(entry.id)).map((a) => a.municipalityNumber)).toEqual(["1804"]);
  });

  it.each([
    ["another municipality's number", { municipality: "0301" }],
    ["another municipality's name", { municipality: "Oslo" }],
    ["nonsense", { municipality: "xyz" }],
  ])("refuses a member recording for %s with 403, writing nothing (a forged form)", async (_, overrides) => {
    const entry = await solution();
    expect((await post(bodo, entry.slug, adoptForm(overrides))).status).toBe(403);
    expect(await adoptionRows(entry.id)).toEqual([]);
  });

  it("refuses a member who belongs to no municipality with 403", async () => {
    const entry = await solution();
    const supplier = await createOrganisation("supplier");
    const supplierMember = await createMember("member", { organisationId: supplier.id });
    expect((await page(supplierMember, entry.slug)).adoptionForm).toMatchObject({ target: null, cooperation: null, anyMunicipality: false });
    expect((await post(supplierMember, entry.slug, adoptForm())).status).toBe(403);
    expect((await post(supplierMember, entry.slug, adoptForm({ intent: "adoptForCooperation" }))).status).toBe(403);
    expect(await adoptionRows(entry.id)).toEqual([]);
  });

  it.each([
    ["an unknown state", { state: "bruker" }, "state", "solutionPage.adoption.unknownState"],
    ["no state", { state: "" }, "state", "solutionPage.adoption.unknownState"],
    ["a date that is no date", { since: "2025-02-30" }, "since", "solutionPage.adoption.badDate"],
    ["a date in words", { since: "i fjor" }, "since", "solutionPage.adoption.badDate"],
    ["no date", { since: "" }, "since", "form.required"],
    ["a date after today", { since: "2999-01-01" }, "since", "solutionPage.adoption.futureDate"],
    ["a date before 1990", { since: "1899-12-31" }, "since", "solutionPage.adoption.badDate"],
    ["a 10,000-character note", { note: "x".repeat(10_000) }, "note", "solutionPage.adoption.noteTooLong"],
    ["a NUL byte in the note", { note: "a\0b" }, "note", "solutionPage.adoption.badCharacter"],
    ["no version seen", { basedOnVersion: "" }, "form", "error.badRequest.body"],
    ["a forged version", { basedOnVersion: "99999999999" }, "form", "error.badRequest.body"],
  ])("refuses %s with 400 beside the field, keeping what was typed and writing nothing", async (_, overrides, field, message) => {
    const entry = await solution();
    const result = await post(bodo, entry.slug, adoptForm(overrides));
    expect(result.status).toBe(400);
    const refused = reply(result.data).adoption!;
    expect(refused.errors[field]).toEqual([message]);
    expect(refused.values.note).toBe(adoptForm(overrides).note.slice(0, 2000));
    expect(await adoptionRows(entry.id)).toEqual([]);
  });

  it("refuses a change made on a record someone else changed meanwhile with 409, showing the stored record", async () => {
    const entry = await solution();
    const colleague = await createMember("member", { name: "Kollega Bodø", municipalityNumber: "1804" });
    // Both open the form while Bodø has no record; the colleague saves first.
    expect((await post(colleague, entry.slug, adoptForm({ state: "piloting", since: "2025-01-15", note: "Pilot i to barnehager." }))).status).toBe(303);
    const result = await post(bodo, entry.slug, adoptForm({ state: "interested", note: "Vi er interessert." }));
    expect(result.status).toBe(409);
    const refused = reply(result.data);
    expect(refused.stale).toMatchObject({ municipalityName: "Bodø", state: "piloting", since: "2025-01-15", recordedByName: "Kollega Bodø", note: "Pilot i to barnehager.", version: 1 });
    expect(refused.adoption!.errors.form).toEqual(["solutionPage.adoption.staleTitle"]);
    // What was typed comes back, now based on the stored record: saving again replaces it knowingly.
    expect(refused.adoption!.values).toMatchObject({ state: "interested", note: "Vi er interessert.", basedOnVersion: "1", shownFor: "1804" });
    expect((await adoptionRows(entry.id))[0]).toMatchObject({ state: "piloting", recordedBy: colleague.id });
    expect((await post(bodo, entry.slug, adoptForm({ state: "interested", basedOnVersion: "1" }))).status).toBe(303);
    expect((await adoptionRows(entry.id))[0]).toMatchObject({ state: "interested", version: 2 });
  });

  it("lets a coordinator record for any municipality typed by name or number, audited, and comes back to it", async () => {
    const entry = await solution();
    const result = await post(roles.coordinator, entry.slug, adoptForm({ municipality: "Vefsn", shownFor: "1833" }));
    expect(result).toMatchObject({ status: 303, location: `/solutions/${entry.slug}?municipality=1824#adoption` });
    expect((await post(roles.coordinator, entry.slug, adoptForm({ municipality: "1820 Alstahaug", state: "interested" }))).status).toBe(303);
    expect((await adoptionRows(entry.id)).map((a) => [a.municipalityNumber, a.state]).sort()).toEqual([
      ["1820", "interested"],
      ["1824", "in_use"],
    ]);
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "adoption.record"), eq(auditEvents.actorId, roles.coordinator.id)));
    expect(audit.filter((a) => (a.after as { solutionId?: number }).solutionId === entry.id)).toHaveLength(2);
    expect((await page(roles.coordinator, entry.slug, "?municipality=1824")).adoptionForm!.current).toMatchObject({ municipalityNumber: "1824", state: "in_use" });
  });

  it("tells a coordinator beside the field of a municipality not found or named twice, and of one with a record not shown", async () => {
    const entry = await solution();
    const unknown = await post(roles.coordinator, entry.slug, adoptForm({ municipality: "Atlantis" }));
    expect(unknown.status).toBe(400);
    expect(reply(unknown.data).adoption!.errors.municipality).toEqual(["solutionPage.adoption.unknownMunicipality"]);
    const twice = await post(roles.coordinator, entry.slug, adoptForm({ municipality: "Herøy" }));
    expect(twice.status).toBe(400);
    expect(reply(twice.data).adoption!.errors.municipality).toEqual(["solutionPage.adoption.ambiguousMunicipality"]);
    // Vefsn has a record; the form showed Rana's (none): the version seen is not Vefsn's, so nothing is overwritten unseen.
    await recordAdoption(coordinator, entry.id, "1824", { state: "piloting", since: OLD_TODAY, note: "", openToJointProcurement: false }, null);
    const unseen = await post(roles.coordinator, entry.slug, adoptForm({ municipality: "1824", shownFor: "1833", basedOnVersion: "none" }));
    expect(unseen.status).toBe(409);
    expect(reply(unseen.data).stale).toMatchObject({ municipalityNumber: "1824", state: "piloting" });
    expect(await adoptionRows(entry.id)).toEqual([expect.objectContaining({ municipalityNumber: "1824", state: "piloting" })]);
  });

  it("lets a member of a regional cooperation record for all its municipalities at once", async () => {
    const entry = await solution();
    const helgeland = await createOrganisation("regional_cooperation", { name: `Helgeland ${process.pid}`, municipalities: ["1820", "1824", "1833"] });
    const member = await createMember("member", { organisationId: helgeland.id, name: "Helga Samarbeid" });
    expect((await page(member, entry.slug)).adoptionForm).toMatchObject({ target: null, cooperation: { id: helgeland.id, name: helgeland.name, count: 3 } });
    const result = await post(member, entry.slug, { intent: "adoptForCooperation", state: "interested", since: OLD_TODAY, note: "", openToJointProcurement: "yes" });
    expect(result).toMatchObject({ status: 303, location: `/solutions/${entry.slug}#adoption` });
    const rows = await adoptionRows(entry.id);
    expect(rows.map((a) => [a.municipalityNumber, a.state, a.openToJointProcurement, a.viaOrganisationId]).sort()).toEqual([
      ["1820", "interested", true, helgeland.id],
      ["1824", "interested", true, helgeland.id],
      ["1833", "interested", true, helgeland.id],
    ]);
    expect((await page(null, entry.slug)).solution).toMatchObject({ adoptionCount: 3, jointInterestCount: 3 });
    // Not for a single municipality: it belongs to none.
    expect((await post(member, entry.slug, adoptForm({ municipality: "1820" }))).status).toBe(403);
  });

  it("refuses the cooperation form to a member of none (403) and a bad state beside the field (400)", async () => {
    const entry = await solution();
    expect((await post(bodo, entry.slug, { intent: "adoptForCooperation", state: "in_use", since: OLD_TODAY })).status).toBe(403);
    const helgeland = await createOrganisation("regional_cooperation", { municipalities: ["1820"] });
    const member = await createMember("member", { organisationId: helgeland.id });
    const bad = await post(member, entry.slug, { intent: "adoptForCooperation", state: "alle", since: "igår" });
    expect(bad.status).toBe(400);
    expect(reply(bad.data).cooperation!.errors).toMatchObject({ state: ["solutionPage.adoption.unknownState"], since: ["solutionPage.adoption.badDate"] });
    expect(await adoptionRows(entry.id)).toEqual([]);
  });

  it("confirms a record as still right, no longer possibly stale; refuses another municipality's (403) and a changed one (409)", async () => {
    const entry = await solution();
    await recordAdoption(summary(bodo, "member", "1804"), entry.id, "1804", { state: "in_use", since: OLD_TODAY, note: "", openToJointProcurement: false }, null);
    await db().update(adoptions).set({ confirmedAt: sql`now() - interval '400 days'` }).where(eq(adoptions.solutionId, entry.id));
    expect((await page(bodo, entry.slug)).adoptionForm!.current).toMatchObject({ stale: true, version: 1 });

    expect((await post(roles.member, entry.slug, { intent: "confirm", municipality: "1804", version: "1" })).status).toBe(403);
    const changed = await post(bodo, entry.slug, { intent: "confirm", municipality: "1804", version: "7" });
    expect(changed.status).toBe(409);
    expect(reply(changed.data).confirm!.message).toBe("solutionPage.adoption.confirmStale");
    expect((await post(bodo, entry.slug, { intent: "confirm", municipality: "18o4", version: "1" })).status).toBe(400);
    expect((await post(roles.member, entry.slug, { intent: "confirm", municipality: "1833", version: "1" })).status).toBe(404);

    const confirmed = await post(bodo, entry.slug, { intent: "confirm", municipality: "1804", version: "1" });
    expect(confirmed).toMatchObject({ status: 303, location: `/solutions/${entry.slug}#adoption` });
    expect((await page(bodo, entry.slug)).adoptionForm!.current).toMatchObject({ stale: false, version: 1 });
    expect((await page(null, entry.slug)).adoptions[0]!.stale).toBe(false);
  });

  it("is 404 for adopting a proposal, even for its proposer; 403 for visitors and pending members; 400 for an unknown intent", async () => {
    const proposal = await solution({ status: null });
    expect((await post(proposer, proposal.slug, adoptForm())).status).toBe(404);
    expect((await post(roles.coordinator, proposal.slug, adoptForm({ municipality: "1804" }))).status).toBe(404);
    expect((await post(bodo, proposal.slug, adoptForm())).status).toBe(404);
    const entry = await solution();
    expect((await post(null, entry.slug, adoptForm())).status).toBe(403);
    expect((await post(roles.pending, entry.slug, adoptForm({ municipality: "1833" }))).status).toBe(403);
    expect((await post(bodo, entry.slug, { intent: "vote" })).status).toBe(400);
    expect((await post(bodo, "finnes-ikke", adoptForm())).status).toBe(404);
    expect(await adoptionRows(entry.id)).toEqual([]);
    expect(await adoptionRows(proposal.id)).toEqual([]);
  });
});

describe("comments under a solution", () => {
  it("stores a member's comment, goes to it, and tells the proposer and the contact (not the author)", async () => {
    const entry = await solution();
    const result = await post(roles.member, entry.slug, { intent: "comment", body: "Vi i **Rana** vil også bruke den." });
    const [stored] = await db().select().from(comments).where(eq(comments.solutionId, entry.id));
    expect(result).toMatchObject({ status: 303, location: `/solutions/by-id/${entry.id}#comment-${stored!.id}` });
    for (const told of [proposer, contact]) {
      const notices = await db().select().from(notifications).where(and(eq(notifications.memberId, told.id), eq(notifications.kind, "solution_commented")));
      expect(notices.filter((n) => n.url === `/solutions/${entry.slug}#comment-${stored!.id}`)).toEqual([
        expect.objectContaining({ params: { name: entry.name, author: roles.member.name } }),
      ]);
    }
    const own = await db().select().from(notifications).where(and(eq(notifications.memberId, roles.member.id), eq(notifications.kind, "solution_commented")));
    expect(own).toHaveLength(0);

    const visitor = await page(null, entry.slug);
    expect(visitor.comments).toMatchObject({ total: 1, page: 1 });
    expect(visitor.comments!.comments[0]).toMatchObject({ id: stored!.id, authorName: null });
    expect(visitor.comments!.comments[0]!.bodyHtml).toContain("<strong>Rana</strong>");
    expect((await page(roles.member, entry.slug)).comments!.comments[0]).toMatchObject({ authorName: roles.member.name, editable: true });
  });

  it("refuses an empty comment beside the field (400), visitors and pending members (403), and a proposal's (409 for its proposer, 404 for others)", async () => {
    const entry = await solution();
    const empty = await post(roles.member, entry.slug, { intent: "comment", body: "   " });
    expect(empty.status).toBe(400);
    expect(reply(empty.data).comment!.errors.body).toEqual(["form.required"]);
    for (const viewer of [null, roles.pending]) expect((await post(viewer, entry.slug, { intent: "comment", body: "Hei" })).status).toBe(403);
    const proposal = await solution({ status: null });
    expect((await post(proposer, proposal.slug, { intent: "comment", body: "For tidlig" })).status).toBe(409);
    expect((await post(roles.member, proposal.slug, { intent: "comment", body: "For tidlig" })).status).toBe(404);
    const stored = await db().select().from(comments).where(eq(comments.solutionId, entry.id));
    expect(stored).toHaveLength(0);
    expect(await db().select().from(comments).where(eq(comments.solutionId, proposal.id))).toHaveLength(0);
  });
});

describe("/solutions/by-id/<id>", () => {
  const follow = (viewer: Viewer, id: number | string, query = "") => call(byId, "loader", viewer, `/solutions/by-id/${id}${query}`, { id: String(id) });

  it("sends to the solution's page by its slug (302), keeping the query", async () => {
    const entry = await solution();
    expect(await follow(null, entry.id)).toMatchObject({ status: 302, location: `/solutions/${entry.slug}` });
    expect(await follow(roles.member, entry.id, "?comments=2")).toMatchObject({ status: 302, location: `/solutions/${entry.slug}?comments=2` });
  });

  it("is 404 for an unknown id and for a proposal the viewer may not read", async () => {
    for (const id of ["99999999", "abc", "-1", "9999999999"]) expect((await follow(null, id)).status).toBe(404);
    const proposal = await solution({ status: null });
    for (const viewer of [null, roles.member]) expect((await follow(viewer, proposal.id)).status).toBe(404);
    expect(await follow(proposer, proposal.id)).toMatchObject({ status: 302, location: `/solutions/${proposal.slug}` });
  });
});

describe("a solution in use in many municipalities", () => {
  it("lists the first 12 of a state by name, with the count and a link to all of them on the evidence page", async () => {
    const busy = await solution();
    const numbers = (await db().execute(sql`select number from municipalities where number <> '1804' order by number limit 30`)) as unknown;
    const rows = (Array.isArray(numbers) ? numbers : (numbers as { rows: unknown[] }).rows) as { number: string }[];
    const inUse = { state: "in_use" as const, since: "2025-01-01", note: "", openToJointProcurement: false };
    for (const { number } of rows) expect((await recordAdoption(coordinator, busy.id, number, inUse, null)).ok).toBe(true);
    await recordAdoption(coordinator, busy.id, "1804", { ...inUse, state: "interested" }, null);
    const data = await page(null, busy.slug);
    const { adoptions: shown, adopterCounts } = data as unknown as { adoptions: { state: string }[]; adopterCounts: Record<string, number> };
    expect(adopterCounts).toEqual({ in_use: 30, interested: 1 });
    expect(shown.filter((a) => a.state === "in_use")).toHaveLength(12);
    expect(shown.filter((a) => a.state === "interested")).toHaveLength(1);
  });
});
