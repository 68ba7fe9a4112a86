import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  notifications,
  solutions,
  solutionStatusChanges,
  solutionSuppliers,
  solutionThemes,
  themes,
  type Solution,
} from "../../db/schema";
import { SOLUTION_DESCRIPTION_MAX_BYTES, SOLUTION_SUPPLIERS_MAX, URL_MAX } from "../../db/schema/solution-values";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createOrganisation, createSolution } from "../helpers/solutions";
import { db } from "~/db.server";
import { osloToday } from "~/lib/oslo-time.server";
import type { ViewerSummary } from "~/members/rights";
import * as editPage from "~/routes/solutions.$slug.edit";
import * as statusPage from "~/routes/solutions.$slug.status";
import * as newPage from "~/routes/solutions.new";
import * as proposalsPage from "~/routes/solutions.proposals";
import { recordAdoption } from "~/solutions/adoptions.server";
import type { SolutionFormValues } from "~/solutions/solution-forms";

type Viewer = TestMember | null;
type Form = Record<string, string | string[]>;
type Reply = {
  values: SolutionFormValues;
  errors: Record<string, string[]>;
  duplicate?: { slug: string; name: string; visible: boolean };
  preview?: string;
  stored?: { name: string; summary: string; description: string; version: number };
};
type StatusReply = {
  intent?: string;
  id?: number;
  errors: Record<string, string[]>;
  values: Record<string, string>;
  conflict?: { name: string | null; status: string };
  alreadyReviewed?: boolean;
};

function call(handler: "loader" | "action", route: { loader: unknown; action: unknown }, viewer: Viewer, path: string, form?: Form, params: Record<string, string> = {}) {
  const request = requestAs(viewer, path, { form });
  const run = route[handler] as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params, context: {} }));
}
const openNew = (viewer: Viewer) => call("loader", newPage, viewer, "/solutions/new");
const propose = (viewer: Viewer, form: Form) => call("action", newPage, viewer, "/solutions/new", form);
const openEdit = (viewer: Viewer, slug: string) => call("loader", editPage, viewer, `/solutions/${slug}/edit`, undefined, { slug });
const saveEdit = (viewer: Viewer, slug: string, form: Form) => call("action", editPage, viewer, `/solutions/${slug}/edit`, form, { slug });
const openProposals = (viewer: Viewer, query = "") => call("loader", proposalsPage, viewer, `/solutions/proposals${query}`);
const review = (viewer: Viewer, form: Form) => call("action", proposalsPage, viewer, "/solutions/proposals", form);
const openStatus = (viewer: Viewer, slug: string) => call("loader", statusPage, viewer, `/solutions/${slug}/status`, undefined, { slug });
const postStatus = (viewer: Viewer, slug: string, form: Form) => call("action", statusPage, viewer, `/solutions/${slug}/status`, form, { slug });

const solutionCount = async () => (await db().select({ n: count() }).from(solutions))[0]!.n;
const stored = async (id: number) => (await db().select().from(solutions).where(eq(solutions.id, id)))[0]!;
const bySlug = async (slug: string) => (await db().select().from(solutions).where(eq(solutions.slug, slug)))[0];
const slugOf = (location: string | null) => location!.match(/^\/solutions\/([a-z0-9-]+)$/)![1]!;
const timelineOf = (id: number) =>
  db().select().from(solutionStatusChanges).where(eq(solutionStatusChanges.solutionId, id)).orderBy(asc(solutionStatusChanges.id));
const auditsOf = (id: number) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, "solution"), eq(auditEvents.subjectId, String(id))))
    .orderBy(asc(auditEvents.id));
const summaryOf = (m: TestMember, role: ViewerSummary["role"] = "member"): ViewerSummary => ({
  id: m.id,
  name: m.name,
  role,
  status: "approved",
  municipalityNumber: "1833",
});

let roles: Awaited<ReturnType<typeof everyRole>>;
let themeId: Record<string, number>;
let sikri: number;
let accenture: number;
let digdir: number;
let helgeland: number;
let sequence = 0;
beforeAll(async () => {
  roles = await everyRole();
  themeId = Object.fromEntries((await db().select().from(themes)).map((theme) => [theme.slug, theme.id]));
  sikri = (await createOrganisation("supplier")).id;
  accenture = (await createOrganisation("supplier")).id;
  digdir = (await createOrganisation("national_body")).id;
  helgeland = (await createOrganisation("regional_cooperation", { municipalities: ["1832", "1824"] })).id;
});

const uniqueName = () => `Digital søknad om redusert foreldrebetaling ${process.pid}-${++sequence}`;
const proposal = (overrides: Form = {}): Form => ({
  name: uniqueName(),
  summary: "Innbyggere søker om redusert foreldrebetaling digitalt, med inntektssjekk mot Skatteetaten.",
  description: "# Bakgrunn\n\nBygget på **felleskomponenter** sammen med leverandørene.",
  ownerType: "municipality",
  ownerMunicipality: "Bodø",
  ownerOrganisation: "",
  supplier: [String(sikri), String(accenture)],
  component: ["ID-porten", "KS Fiks"],
  otherComponents: "Folkeregisteret,  ks fiks , Skatteetatens inntektsoppslag",
  archiveSystem: ["Elements"],
  otherArchiveSystems: "",
  websiteUrl: "https://helgeland.example.no/foreldrebetaling",
  sourceUrl: "http://git.example.no/foreldrebetaling",
  documentationUrl: "",
  licence: "EUPL-1.2",
  openSource: "yes",
  contactEmail: "",
  theme: [String(themeId.implementation)],
  intent: "save",
  ...overrides,
});

/** Proposes through the form as `viewer` and returns the stored entry. */
async function proposeThroughForm(viewer: TestMember, overrides: Form = {}) {
  const result = await propose(viewer, proposal(overrides));
  expect(result.status).toBe(303);
  return (await bySlug(slugOf(result.location)))!;
}

describe("proposing a solution", () => {
  it("is for approved members: visitors are asked to sign in, pending members get 403", async () => {
    const anonymous = await openNew(null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/sign-in?redirectTo=%2Fsolutions%2Fnew");
    expect((await openNew(roles.pending)).status).toBe(403);
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) expect((await openNew(viewer)).status).toBe(200);
  });

  it("offers themes, municipalities and organisations, with the member as the likely contact", async () => {
    const data = (await openNew(roles.member)).data as {
      values: SolutionFormValues;
      themes: { id: number }[];
      municipalityOptions: string[];
      organisations: { id: number; kind: string }[];
    };
    expect(data.municipalityOptions).toHaveLength(357);
    expect(data.organisations.map((o) => o.id)).toEqual(expect.arrayContaining([sikri, accenture, digdir, helgeland]));
    expect(data.values.contactEmail).toBe(roles.member.email);
    expect(data.themes.length).toBeGreaterThan(0);
  });

  it("refuses a visitor's and a pending member's post with 403, writing nothing", async () => {
    const before = await solutionCount();
    for (const viewer of [null, roles.pending]) expect((await propose(viewer, proposal())).status).toBe(403);
    expect(await solutionCount()).toBe(before);
  });

  it("stores everything the form was given as a proposal and goes to its page (303)", async () => {
    const contact = await createMember("member");
    const result = await propose(roles.member, proposal({ contactEmail: contact.email.toUpperCase(), theme: [String(themeId.implementation), String(themeId.procurement)] }));
    expect(result.status).toBe(303);
    const solution = (await bySlug(slugOf(result.location)))!;
    expect(solution).toMatchObject({
      review: "proposed",
      proposedBy: roles.member.id,
      ownerMunicipalityNumber: "1804",
      ownerOrganisationId: null,
      // Ticked suggestions first, then the others typed: "ks fiks" is KS Fiks again, kept once in its own spelling.
      components: ["ID-porten", "KS Fiks", "Folkeregisteret", "Skatteetatens inntektsoppslag"],
      archiveSystems: ["Elements"],
      websiteUrl: "https://helgeland.example.no/foreldrebetaling",
      sourceUrl: "http://git.example.no/foreldrebetaling",
      documentationUrl: null,
      licence: "EUPL-1.2",
      openSource: true,
      contactMemberId: contact.id,
    });
    expect(solution.descriptionHtml).toContain("<strong>felleskomponenter</strong>");
    const suppliers = await db().select().from(solutionSuppliers).where(eq(solutionSuppliers.solutionId, solution.id));
    expect(suppliers.map((s) => s.organisationId).sort()).toEqual([sikri, accenture].sort());
    const themeRows = await db().select().from(solutionThemes).where(eq(solutionThemes.solutionId, solution.id));
    expect(themeRows.map((row) => row.themeId).sort()).toEqual([themeId.implementation, themeId.procurement].sort());
    // A member's proposal is not a coordinator's write: nothing audited until it is reviewed.
    expect(await auditsOf(solution.id)).toEqual([]);
  });

  it("takes an organisation as owner (a regional cooperation is one), and leaves links, contact and tags empty", async () => {
    const solution = await proposeThroughForm(roles.member, {
      ownerType: "organisation",
      ownerOrganisation: String(helgeland),
      ownerMunicipality: "text left over in the other field",
      supplier: [],
      component: [],
      otherComponents: "",
      archiveSystem: [],
      websiteUrl: "",
      sourceUrl: "",
      licence: "",
      openSource: [],
      theme: [],
      description: "",
    });
    expect(solution).toMatchObject({
      ownerMunicipalityNumber: null,
      ownerOrganisationId: helgeland,
      components: [],
      archiveSystems: [],
      websiteUrl: null,
      sourceUrl: null,
      licence: null,
      openSource: false,
      contactMemberId: null,
      descriptionMd: "",
    });
  });

  it("keeps a 10,000-character description (under the limit in bytes)", async () => {
    const solution = await proposeThroughForm(roles.member, { description: "Lang tekst. ".repeat(834).slice(0, 10_000) });
    expect(solution.descriptionMd).toHaveLength(10_000);
  });

  it("previews the description rendered as the page will show it, storing nothing", async () => {
    const before = await solutionCount();
    const result = await propose(roles.member, proposal({ intent: "preview", description: "## Slik\n\n*virker* det" }));
    expect(result.status).toBe(200);
    const reply = result.data as Reply;
    expect(reply.preview).toContain("<em>virker</em>");
    expect(reply.values.description).toBe("## Slik\n\n*virker* det");
    expect(await solutionCount()).toBe(before);
  });

  const tooManySuppliers = async () => {
    const ids = [sikri, accenture];
    while (ids.length <= SOLUTION_SUPPLIERS_MAX) ids.push((await createOrganisation("supplier")).id);
    return ids.map(String);
  };
  const long = "x".repeat(10_000);
  const badInput: [string, () => Form | Promise<Form>, string, string][] = [
    ["no name", () => ({ name: "  " }), "name", "form.required"],
    ["a 10,000-character name", () => ({ name: long }), "name", "solutions.form.nameTooLong"],
    ["a NUL byte in the name", () => ({ name: `Løsning\u0000${sequence}` }), "name", "solutions.form.badCharacter"],
    ["no summary", () => ({ summary: "" }), "summary", "form.required"],
    ["a 10,000-character summary", () => ({ summary: long }), "summary", "solutions.form.summaryTooLong"],
    ["a NUL byte in the summary", () => ({ summary: "Kort\u0000" }), "summary", "solutions.form.badCharacter"],
    ["a NUL byte in the description", () => ({ description: "Tekst\u0000" }), "description", "solutions.form.badCharacter"],
    ["a description over its limit in bytes", () => ({ description: "æ".repeat(SOLUTION_DESCRIPTION_MAX_BYTES / 2 + 1) }), "description", "solutions.form.descriptionTooLong"],
    ["an owner of no known type", () => ({ ownerType: "county" }), "ownerType", "solutions.form.ownerRequired"],
    ["no owning municipality", () => ({ ownerMunicipality: "" }), "ownerMunicipality", "solutions.form.ownerMunicipalityRequired"],
    ["an unknown municipality", () => ({ ownerMunicipality: "9999 Atlantis" }), "ownerMunicipality", "solutions.form.unknownMunicipality"],
    ["a name two municipalities share", () => ({ ownerMunicipality: "Herøy" }), "ownerMunicipality", "solutions.form.ambiguousMunicipality"],
    ["a 10,000-character municipality", () => ({ ownerMunicipality: long }), "ownerMunicipality", "solutions.form.unknownMunicipality"],
    ["no owning organisation", () => ({ ownerType: "organisation" }), "ownerOrganisation", "solutions.form.ownerOrganisationRequired"],
    ["an unknown organisation", () => ({ ownerType: "organisation", ownerOrganisation: "999999" }), "ownerOrganisation", "solutions.form.unknownOrganisation"],
    ["an organisation that is no id", () => ({ ownerType: "organisation", ownerOrganisation: "Sikri" }), "ownerOrganisation", "solutions.form.unknownOrganisation"],
    ["a supplier that is not a supplier", () => ({ supplier: [String(digdir)] }), "suppliers", "solutions.form.unknownSupplier"],
    ["a supplier that does not exist", () => ({ supplier: ["999999"] }), "suppliers", "solutions.form.unknownSupplier"],
    ["a supplier that is no id", () => ({ supplier: ["Sikri"] }), "suppliers", "solutions.form.unknownSupplier"],
    [`more than ${SOLUTION_SUPPLIERS_MAX} suppliers`, async () => ({ supplier: await tooManySuppliers() }), "suppliers", "solutions.form.tooManySuppliers"],
    ["a ticked component that is no suggestion", () => ({ component: ["Min komponent"] }), "otherComponents", "solutions.form.unknownSuggestion"],
    ["a component name over 60 characters", () => ({ otherComponents: "y".repeat(61) }), "otherComponents", "solutions.form.tagTooLong"],
    ["16 components", () => ({ otherComponents: Array.from({ length: 14 }, (_, i) => `K${i}`).join(",") }), "otherComponents", "solutions.form.tooManyTags"],
    ["a 10,000-character component list", () => ({ otherComponents: long }), "otherComponents", "solutions.form.tooManyTags"],
    ["a ticked archive system that is no suggestion", () => ({ archiveSystem: ["Arkiv X"] }), "otherArchiveSystems", "solutions.form.unknownSuggestion"],
    ["a NUL byte in other archive systems", () => ({ otherArchiveSystems: "Arkiv\u0000" }), "otherArchiveSystems", "solutions.form.badCharacter"],
    ["a javascript: link", () => ({ websiteUrl: "javascript:alert(1)" }), "websiteUrl", "solutions.form.urlNotHttp"],
    ["a data: link", () => ({ sourceUrl: "data:text/html,<script>alert(1)</script>" }), "sourceUrl", "solutions.form.urlNotHttp"],
    ["an ftp: link", () => ({ documentationUrl: "ftp://ftp.example.no/doc" }), "documentationUrl", "solutions.form.urlNotHttp"],
    ["a relative link", () => ({ websiteUrl: "/solutions/other" }), "websiteUrl", "solutions.form.urlNotHttp"],
    ["a link without its scheme", () => ({ websiteUrl: "www.example.no" }), "websiteUrl", "solutions.form.urlNotHttp"],
    ["a link with a tab in its scheme", () => ({ websiteUrl: "java\tscript:alert(1)" }), "websiteUrl", "solutions.form.urlNotHttp"],
    ["a link with no host", () => ({ sourceUrl: "https:///path" }), "sourceUrl", "solutions.form.urlNotHttp"],
    ["a NUL byte in a link", () => ({ sourceUrl: "https://example.no/\u0000" }), "sourceUrl", "solutions.form.urlNotHttp"],
    [`a link over ${URL_MAX} characters`, () => ({ documentationUrl: `https://example.no/${"a".repeat(URL_MAX)}` }), "documentationUrl", "solutions.form.urlTooLong"],
    ["a 10,000-character licence", () => ({ licence: long }), "licence", "solutions.form.licenceTooLong"],
    ["a contact who is no member", () => ({ contactEmail: "nobody@example.no" }), "contactEmail", "solutions.form.unknownContact"],
    ["a 10,000-character contact", () => ({ contactEmail: long }), "contactEmail", "solutions.form.unknownContact"],
    ["an unknown theme", () => ({ theme: ["999999"] }), "themes", "solutions.form.unknownTheme"],
    ["a theme that is no id", () => ({ theme: ["procurement"] }), "themes", "solutions.form.unknownTheme"],
  ];

  it.each(badInput)("refuses %s with 400 and a message beside the field, writing nothing", async (_, overrides, field, message) => {
    const before = await solutionCount();
    const form = proposal(await overrides());
    const result = await propose(roles.member, form);
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(reply.errors[field]).toEqual([message]);
    // What was typed comes back (cut to a sane length), so nothing needs typing again.
    expect(reply.values.summary).toBe(String(form.summary).slice(0, 5000));
    expect(await solutionCount()).toBe(before);
  });

  it("refuses a pending member as contact: only approved members are contacts", async () => {
    const result = await propose(roles.member, proposal({ contactEmail: (await createMember("pending")).email }));
    expect(result.status).toBe(400);
    expect((result.data as Reply).errors.contactEmail).toEqual(["solutions.form.unknownContact"]);
  });

  it("refuses a name already in the catalogue (any letter case) with 400, linking the entry", async () => {
    const existing = await proposeThroughForm(roles.member);
    await review(roles.coordinator, { id: String(existing.id), intent: "accept", status: "pilot", note: "Prøves ut." });
    const before = await solutionCount();
    const result = await propose(roles.admin, proposal({ name: existing.name.toUpperCase() }));
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(reply.errors.name).toEqual(["solutions.form.duplicate"]);
    expect(reply.duplicate).toEqual({ slug: existing.slug, name: existing.name, visible: true });
    expect(await solutionCount()).toBe(before);
  });

  it("refuses a name another member has proposed without naming or linking their proposal", async () => {
    const existing = await proposeThroughForm(roles.coordinator);
    const result = await propose(roles.member, proposal({ name: existing.name }));
    expect(result.status).toBe(400);
    expect((result.data as Reply).duplicate).toEqual({ slug: "", name: "", visible: false });
    // Their own proposal they may open: it is linked.
    const own = await propose(roles.coordinator, proposal({ name: existing.name }));
    expect((own.data as Reply).duplicate).toMatchObject({ slug: existing.slug, visible: true });
  });
});

describe("editing a solution", () => {
  it("is for the proposer while it is a proposal, and for coordinators always; others get 404 or 403", async () => {
    const solution = await proposeThroughForm(roles.member);
    const other = await createMember("member");
    expect((await openEdit(null, solution.slug)).status).toBe(302);
    expect((await openEdit(roles.member, solution.slug)).status).toBe(200);
    expect((await openEdit(roles.coordinator, solution.slug)).status).toBe(200);
    // Someone else's proposal is not even there for them.
    expect((await openEdit(other, solution.slug)).status).toBe(404);
    expect((await openEdit(roles.pending, solution.slug)).status).toBe(404);
    expect((await saveEdit(other, solution.slug, proposal({ version: String(solution.version) }))).status).toBe(404);

    await review(roles.coordinator, { id: String(solution.id), intent: "accept", status: "idea", note: "En god idé." });
    // Accepted: the proposer and other members read it, but only coordinators edit it.
    for (const viewer of [roles.member, other, roles.pending]) expect((await openEdit(viewer, solution.slug)).status).toBe(403);
    const before = await stored(solution.id);
    expect((await saveEdit(roles.member, solution.slug, proposal({ version: String(before.version) }))).status).toBe(403);
    expect((await saveEdit(null, solution.slug, proposal({ version: String(before.version) }))).status).toBe(403);
    expect(await stored(solution.id)).toEqual(before);
    expect((await openEdit(roles.admin, solution.slug)).status).toBe(200);
    expect((await openEdit(roles.coordinator, "no-such-solution")).status).toBe(404);
  });

  it("opens with what is stored and saves the change (303 to the page), audited for a coordinator", async () => {
    const solution = await proposeThroughForm(roles.member, { ownerType: "organisation", ownerOrganisation: String(helgeland) });
    const loaded = (await openEdit(roles.coordinator, solution.slug)).data as { values: SolutionFormValues };
    expect(loaded.values).toMatchObject({
      name: solution.name,
      ownerType: "organisation",
      ownerOrganisation: String(helgeland),
      components: ["ID-porten", "KS Fiks"],
      otherComponents: "Folkeregisteret, Skatteetatens inntektsoppslag",
      archiveSystems: ["Elements"],
      supplierIds: [sikri, accenture].sort((a, b) => a - b),
      openSource: true,
      version: solution.version,
    });
    const result = await saveEdit(
      roles.coordinator,
      solution.slug,
      proposal({ name: solution.name, ownerMunicipality: "1804", summary: "Ny oppsummering.", supplier: [String(sikri)], version: String(solution.version) }),
    );
    expect(result.status).toBe(303);
    expect(result.location).toBe(`/solutions/${solution.slug}`);
    expect(await stored(solution.id)).toMatchObject({ summary: "Ny oppsummering.", ownerMunicipalityNumber: "1804", ownerOrganisationId: null, version: solution.version + 1 });
    expect((await auditsOf(solution.id)).map((a) => a.action)).toEqual(["solution.edit"]);
  });

  it("lets the proposer edit their own proposal, unaudited", async () => {
    const solution = await proposeThroughForm(roles.member);
    const result = await saveEdit(roles.member, solution.slug, proposal({ name: solution.name, licence: "MIT", version: String(solution.version) }));
    expect(result.status).toBe(303);
    expect((await stored(solution.id)).licence).toBe("MIT");
    expect(await auditsOf(solution.id)).toEqual([]);
  });

  it("refuses an edit of a version changed meanwhile with 409: the stored one beside what was typed, nothing overwritten", async () => {
    const solution = await proposeThroughForm(roles.member);
    const opened = String(solution.version);
    expect((await saveEdit(roles.coordinator, solution.slug, proposal({ name: solution.name, summary: "Først lagret.", version: opened }))).status).toBe(303);
    const second = await saveEdit(roles.admin, solution.slug, proposal({ name: solution.name, summary: "Lagret sist, men på en gammel utgave.", version: opened }));
    expect(second.status).toBe(409);
    const reply = second.data as Reply;
    expect(reply.errors.form).toEqual(["solutions.form.stale"]);
    expect(reply.stored).toMatchObject({ name: solution.name, summary: "Først lagret.", version: solution.version + 1 });
    // What was typed is kept, now on the stored version, so saving again is a deliberate overwrite.
    expect(reply.values).toMatchObject({ summary: "Lagret sist, men på en gammel utgave.", version: solution.version + 1 });
    expect((await stored(solution.id)).summary).toBe("Først lagret.");
    expect((await saveEdit(roles.admin, solution.slug, proposal({ name: solution.name, summary: "Flettet.", version: String(reply.values.version) }))).status).toBe(303);
    expect((await stored(solution.id)).summary).toBe("Flettet.");
  });

  it("refuses bad input and another entry's name with 400, changing nothing", async () => {
    const solution = await proposeThroughForm(roles.member);
    const other = await proposeThroughForm(roles.member);
    const before = await stored(solution.id);
    const bad = await saveEdit(roles.coordinator, solution.slug, proposal({ name: solution.name, websiteUrl: "javascript:alert(1)", version: String(before.version) }));
    expect(bad.status).toBe(400);
    expect((bad.data as Reply).errors.websiteUrl).toEqual(["solutions.form.urlNotHttp"]);
    const taken = await saveEdit(roles.coordinator, solution.slug, proposal({ name: other.name.toLowerCase(), version: String(before.version) }));
    expect(taken.status).toBe(400);
    expect((taken.data as Reply).duplicate).toEqual({ slug: other.slug, name: other.name, visible: true });
    const noVersion = await saveEdit(roles.coordinator, solution.slug, proposal({ name: solution.name, version: "99999999999" }));
    expect(noVersion.status).toBe(400);
    expect((noVersion.data as Reply).errors.form).toEqual(["error.badRequest.body"]);
    expect(await stored(solution.id)).toEqual(before);
  });
});

describe("reviewing proposals", () => {
  it("is for coordinators: visitors sign in, members and pending members get 403 and change nothing", async () => {
    const solution = await proposeThroughForm(roles.member);
    expect((await openProposals(null)).status).toBe(302);
    for (const viewer of [roles.pending, roles.member]) {
      expect((await openProposals(viewer)).status).toBe(403);
      expect((await review(viewer, { id: String(solution.id), intent: "accept", status: "pilot", note: "Ja." })).status).toBe(403);
    }
    expect((await review(null, { id: String(solution.id), intent: "reject", reason: "Nei." })).status).toBe(403);
    expect((await stored(solution.id)).review).toBe("proposed");
    const listed = (await openProposals(roles.admin)).data as { proposals: { id: number; proposedByName: string | null }[] };
    expect(listed.proposals).toContainEqual(expect.objectContaining({ id: solution.id, proposedByName: roles.member.name }));
  });

  it("accepts with the first status and a note: the timeline's first entry, the proposer told, audited", async () => {
    const solution = await proposeThroughForm(roles.member);
    const result = await review(roles.coordinator, { id: String(solution.id), intent: "accept", status: "pilot", note: "Prøves i Bodø og Vefsn.", effectiveOn: "2025-09-01" });
    expect(result.status).toBe(303);
    expect(result.location).toBe(`/solutions/proposals?reviewed=${solution.slug}`);
    expect(await stored(solution.id)).toMatchObject({ review: "accepted", status: "pilot", reviewedBy: roles.coordinator.id });
    expect(await timelineOf(solution.id)).toMatchObject([{ fromStatus: null, toStatus: "pilot", note: "Prøves i Bodø og Vefsn.", effectiveOn: "2025-09-01" }]);
    const told = await db().select().from(notifications).where(and(eq(notifications.memberId, roles.member.id), eq(notifications.kind, "solution_reviewed")));
    expect(told.map((n) => [n.params.name, n.params.review])).toContainEqual([solution.name, "accepted"]);
    expect((await auditsOf(solution.id)).map((a) => [a.action, a.actorId])).toEqual([["solution.accept", roles.coordinator.id]]);
    const after = (await openProposals(roles.coordinator, `?reviewed=${solution.slug}`)).data as { proposals: { id: number }[]; reviewed: unknown };
    expect(after.reviewed).toEqual({ slug: solution.slug, name: solution.name, review: "accepted", status: "pilot" });
    expect(after.proposals.map((p) => p.id)).not.toContain(solution.id);
  });

  it("rejects with a reason: the proposer told, audited, and the name is free again", async () => {
    const solution = await proposeThroughForm(roles.member);
    const result = await review(roles.coordinator, { id: String(solution.id), intent: "reject", reason: "Finnes allerede under et annet navn." });
    expect(result.status).toBe(303);
    expect(await stored(solution.id)).toMatchObject({ review: "rejected", reviewNote: "Finnes allerede under et annet navn." });
    const told = await db().select().from(notifications).where(and(eq(notifications.memberId, roles.member.id), eq(notifications.kind, "solution_reviewed")));
    expect(told.map((n) => [n.params.name, n.params.review])).toContainEqual([solution.name, "rejected"]);
    expect((await auditsOf(solution.id)).map((a) => a.action)).toEqual(["solution.reject"]);
    expect(await timelineOf(solution.id)).toEqual([]);
    expect((await propose(roles.member, proposal({ name: solution.name }))).status).toBe(303);
  });

  const badReviews: [string, Form, string, string][] = [
    ["an acceptance without a note", { intent: "accept", status: "pilot", note: "  " }, "note", "solutions.statusForm.noteRequired"],
    ["an acceptance with an unknown status", { intent: "accept", status: "famous", note: "Ja." }, "status", "solutions.statusForm.unknownStatus"],
    ["an acceptance with a 10,000-character note", { intent: "accept", status: "pilot", note: "x".repeat(10_000) }, "note", "solutions.statusForm.noteTooLong"],
    ["an acceptance with a NUL byte in its note", { intent: "accept", status: "pilot", note: "Ja\u0000" }, "note", "solutions.form.badCharacter"],
    ["an acceptance dated on no real day", { intent: "accept", status: "pilot", note: "Ja.", effectiveOn: "2025-02-30" }, "effectiveOn", "solutions.statusForm.badDate"],
    ["a rejection without a reason", { intent: "reject", reason: "" }, "reason", "solutions.reviewForm.reasonRequired"],
    ["neither accept nor reject", { intent: "ignore" }, "form", "error.badRequest.body"],
  ];

  it.each(badReviews)("refuses %s with 400 beside the field, the proposal untouched", async (_, form, field, message) => {
    const solution = await proposeThroughForm(roles.member);
    const result = await review(roles.coordinator, { id: String(solution.id), ...form });
    expect(result.status).toBe(400);
    const reply = result.data as StatusReply;
    expect(reply.id).toBe(solution.id);
    expect(reply.errors[field]).toEqual([message]);
    expect(await stored(solution.id)).toEqual(solution);
    expect(await auditsOf(solution.id)).toEqual([]);
  });

  it("answers a proposal reviewed meanwhile with 409, and an unknown one with 404", async () => {
    const solution = await proposeThroughForm(roles.member);
    expect((await review(roles.coordinator, { id: String(solution.id), intent: "accept", status: "idea", note: "Ja." })).status).toBe(303);
    const late = await review(roles.admin, { id: String(solution.id), intent: "reject", reason: "Nei." });
    expect(late.status).toBe(409);
    expect((late.data as StatusReply).alreadyReviewed).toBe(true);
    expect((await stored(solution.id)).review).toBe("accepted");
    for (const id of ["99999999", "abc", ""]) expect((await review(roles.coordinator, { id, intent: "reject", reason: "Nei." })).status).toBe(404);
  });

  it("may happen on the entry's status page too, which then goes to the entry", async () => {
    const solution = await proposeThroughForm(roles.member);
    const loaded = (await openStatus(roles.coordinator, solution.slug)).data as { solution: { review: string } };
    expect(loaded.solution.review).toBe("proposed");
    const bad = await postStatus(roles.coordinator, solution.slug, { intent: "accept", status: "pilot", note: "" });
    expect(bad.status).toBe(400);
    expect((bad.data as StatusReply).errors.note).toEqual(["solutions.statusForm.noteRequired"]);
    // A status change of a proposal is refused: it has no status until accepted.
    const early = await postStatus(roles.coordinator, solution.slug, { intent: "status", fromStatus: "idea", toStatus: "pilot", note: "For tidlig." });
    expect(early.status).toBe(409);
    const result = await postStatus(roles.coordinator, solution.slug, { intent: "accept", status: "in_use", note: "I bruk i Bodø." });
    expect(result.status).toBe(303);
    expect(result.location).toBe(`/solutions/${solution.slug}`);
    expect(await stored(solution.id)).toMatchObject({ review: "accepted", status: "in_use" });
  });
});

describe("setting the scaling status", () => {
  let proposer: ViewerSummary;
  let coordinator: ViewerSummary;
  beforeAll(() => {
    proposer = summaryOf(roles.member);
    coordinator = summaryOf(roles.coordinator, "coordinator");
  });
  const accepted = (status: "pilot" | "idea" = "pilot") => createSolution(proposer, coordinator, { status });
  const change = (solution: Solution, form: Form) => ({ intent: "status", fromStatus: solution.status, toStatus: "in_use", note: "Tatt i bruk i tre kommuner.", ...form });

  it("is for coordinators: visitors sign in, members get 403 and change nothing; unknown entries 404", async () => {
    const solution = await accepted();
    expect((await openStatus(null, solution.slug)).status).toBe(302);
    for (const viewer of [roles.pending, roles.member]) {
      expect((await openStatus(viewer, solution.slug)).status).toBe(403);
      expect((await postStatus(viewer, solution.slug, change(solution, {}))).status).toBe(403);
    }
    expect((await postStatus(null, solution.slug, change(solution, {}))).status).toBe(403);
    expect((await stored(solution.id)).status).toBe("pilot");
    expect((await openStatus(roles.coordinator, "no-such-solution")).status).toBe(404);
    expect((await postStatus(roles.coordinator, "x".repeat(10_000), change(solution, {}))).status).toBe(404);
  });

  it("shows the status, and the adoptions' suggestion as a hint: in use in three municipalities while a pilot suggests scaling", async () => {
    const solution = await accepted();
    for (const number of ["1804", "1824", "1832"]) {
      const recorded = await recordAdoption(coordinator, solution.id, number, { state: "in_use", since: "2025-01-01", note: "", openToJointProcurement: false }, null);
      expect(recorded.ok).toBe(true);
    }
    const loaded = (await openStatus(roles.coordinator, solution.slug)).data as { solution: { status: string }; suggested: string | null; inUse: number; today: string };
    expect(loaded).toMatchObject({ solution: { status: "pilot" }, suggested: "scaling", inUse: 3, today: osloToday() });
  });

  it("sets the status with a dated note (303 to the page): a timeline entry, audited", async () => {
    const solution = await accepted();
    const result = await postStatus(roles.coordinator, solution.slug, change(solution, { toStatus: "scaling", effectiveOn: osloToday() }));
    expect(result.status).toBe(303);
    expect(result.location).toBe(`/solutions/${solution.slug}`);
    expect((await stored(solution.id)).status).toBe("scaling");
    expect((await timelineOf(solution.id)).map((c) => [c.fromStatus, c.toStatus, c.effectiveOn])).toEqual([
      [null, "pilot", osloToday()],
      ["pilot", "scaling", osloToday()],
    ]);
    expect((await auditsOf(solution.id)).map((a) => a.action)).toEqual(["solution.accept", "solution.status"]);
  });

  const badChanges: [string, Form, string, string][] = [
    ["no note", { note: "" }, "note", "solutions.statusForm.noteRequired"],
    ["a note of blanks", { note: " \n " }, "note", "solutions.statusForm.noteRequired"],
    ["a 10,000-character note", { note: "x".repeat(10_000) }, "note", "solutions.statusForm.noteTooLong"],
    ["a NUL byte in the note", { note: "Ja\u0000" }, "note", "solutions.form.badCharacter"],
    ["an unknown status", { toStatus: "famous" }, "toStatus", "solutions.statusForm.unknownStatus"],
    ["no status", { toStatus: "" }, "toStatus", "solutions.statusForm.unknownStatus"],
    ["the status it has", { toStatus: "pilot" }, "toStatus", "solutions.statusForm.unchanged"],
    ["an unknown old status", { fromStatus: "famous" }, "form", "solutions.statusForm.badFromStatus"],
    ["a date that is no date", { effectiveOn: "i går" }, "effectiveOn", "solutions.statusForm.badDate"],
    ["a date after today", { effectiveOn: "2999-01-01" }, "effectiveOn", "solutions.statusForm.futureDate"],
    ["a date before the timeline's last entry", { effectiveOn: "2000-01-01" }, "effectiveOn", "solutions.statusForm.beforeLast"],
  ];

  it.each(badChanges)("refuses %s with 400 beside the field, keeping the note typed and changing nothing", async (_, form, field, message) => {
    const solution = await accepted();
    const body = change(solution, form);
    const result = await postStatus(roles.coordinator, solution.slug, body);
    expect(result.status).toBe(400);
    const reply = result.data as StatusReply;
    expect(reply.errors[field]).toEqual([message]);
    expect(reply.values.note).toBe(body.note);
    expect(await stored(solution.id)).toEqual(solution);
    expect(await timelineOf(solution.id)).toHaveLength(1);
  });

  it("lets one of two coordinators changing it at once from the same status win; the other gets 409 with who and what, the note kept, no entry lost", async () => {
    const solution = await accepted();
    const [first, second] = await Promise.all([
      postStatus(roles.coordinator, solution.slug, change(solution, { toStatus: "in_use", note: "I bruk i Bodø." })),
      postStatus(roles.admin, solution.slug, change(solution, { toStatus: "retired", note: "Leverandøren har lagt ned." })),
    ]);
    expect([first.status, second.status].sort()).toEqual([303, 409]);
    const [winner, loser] = first.status === 303 ? [roles.coordinator, second] : [roles.admin, first];
    const winning = first.status === 303 ? "in_use" : "retired";
    const reply = loser.data as StatusReply;
    expect(reply.conflict).toEqual({ name: winner.name, status: winning });
    expect(reply.values.note).toBe(winner === roles.coordinator ? "Leverandøren har lagt ned." : "I bruk i Bodø.");
    expect((await stored(solution.id)).status).toBe(winning);

    // Told, the other sends again from the status now shown: both changes that happened are in the timeline.
    const again = await postStatus(winner === roles.coordinator ? roles.admin : roles.coordinator, solution.slug, {
      ...reply.values,
      fromStatus: winning,
      toStatus: winning === "in_use" ? "retired" : "in_use",
    });
    expect(again.status).toBe(303);
    const timeline = await timelineOf(solution.id);
    expect(timeline.map((c) => [c.fromStatus, c.toStatus])).toEqual([
      [null, "pilot"],
      ["pilot", winning],
      [winning, winning === "in_use" ? "retired" : "in_use"],
    ]);
    expect((await auditsOf(solution.id)).map((a) => a.action)).toEqual(["solution.accept", "solution.status", "solution.status"]);
  });

  it("says a rejected proposal is rejected, and refuses it a status", async () => {
    const solution = await proposeThroughForm(roles.member);
    await review(roles.coordinator, { id: String(solution.id), intent: "reject", reason: "Ikke en løsning." });
    const loaded = (await openStatus(roles.coordinator, solution.slug)).data as { solution: { review: string; reviewNote: string } };
    expect(loaded.solution).toMatchObject({ review: "rejected", reviewNote: "Ikke en løsning." });
    expect((await postStatus(roles.coordinator, solution.slug, { intent: "status", fromStatus: "idea", toStatus: "pilot", note: "Likevel." })).status).toBe(409);
    expect(await timelineOf(solution.id)).toEqual([]);
  });
});
