import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, members, municipalities, organisationMunicipalities, organisations } from "../../db/schema";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createOrganisation, createSolution } from "../helpers/solutions";
import { db } from "~/db.server";
import { slugify } from "~/lib/text";
import type { ViewerSummary } from "~/members/rights";
import type { OrganisationFormValues } from "~/organisations/organisation-forms";
import * as adminMembers from "~/routes/admin.members";
import * as memberPage from "~/routes/members.$memberId";
import * as editPage from "~/routes/organisations.$slug.edit";
import * as organisationPage from "~/routes/organisations.$slug._index";
import * as listPage from "~/routes/organisations._index";
import * as newPage from "~/routes/organisations.new";
import * as signUp from "~/routes/sign-up";
import { recordAdoption } from "~/solutions/adoptions.server";
import { reviewSolution } from "~/solutions/solutions.server";

type Viewer = TestMember | null;
type Form = Record<string, string | string[]>;
type Route = { loader?: unknown; action?: unknown };
type Reply = {
  values: OrganisationFormValues;
  errors: Record<string, string[]>;
  slots: number;
  existing?: { slug: string; name: string };
  stored?: OrganisationFormValues;
};
type ListData = {
  kind: string | null;
  groups: { kind: string; organisations: { slug: string; name: string; municipalityCount: number }[] }[];
  canCreate: boolean;
};
type SolutionRow = { slug: string; name: string; status: string; inUseCount: number };
type PageData = {
  organisation: { slug: string; name: string; kind: string; description: string; website: string | null };
  municipalities: { number: string; name: string }[];
  peopleCount: number;
  people: { id: number; name: string }[] | null;
  solutions: { owned: { shown: SolutionRow[]; total: number }; supplied: { shown: SolutionRow[]; total: number } };
  canEdit: boolean;
};

let addressSequence = 0;
function call(handler: "loader" | "action", route: Route, viewer: Viewer, path: string, form?: Form, params: Record<string, string> = {}) {
  const request = requestAs(viewer, path, { form });
  const run = route[handler] as (args: unknown) => Promise<unknown>;
  // Each call its own client address: the sign-up limit of one test never touches another.
  return outcome(() => run({ request, params, context: { clientAddress: `198.51.100.${++addressSequence % 250}` } }));
}
const list = (viewer: Viewer, query = "") => call("loader", listPage, viewer, `/organisations${query}`);
const page = (viewer: Viewer, slug: string, query = "") => call("loader", organisationPage, viewer, `/organisations/${slug}${query}`, undefined, { slug });
const openNew = (viewer: Viewer) => call("loader", newPage, viewer, "/organisations/new");
const create = (viewer: Viewer, form: Form) => call("action", newPage, viewer, "/organisations/new", form);
const openEdit = (viewer: Viewer, slug: string) => call("loader", editPage, viewer, `/organisations/${slug}/edit`, undefined, { slug });
const saveEdit = (viewer: Viewer, slug: string, form: Form) => call("action", editPage, viewer, `/organisations/${slug}/edit`, form, { slug });

const organisationCount = async () => (await db().select({ n: count() }).from(organisations))[0]!.n;
const stored = async (slug: string) => (await db().select().from(organisations).where(eq(organisations.slug, slug)))[0];
const municipalitiesOf = async (id: number) =>
  (
    await db()
      .select({ number: organisationMunicipalities.municipalityNumber })
      .from(organisationMunicipalities)
      .where(eq(organisationMunicipalities.organisationId, id))
      .orderBy(asc(organisationMunicipalities.municipalityNumber))
  ).map((r) => r.number);
const auditsOf = (id: number, action: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, "organisation"), eq(auditEvents.subjectId, String(id)), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id));

const summary = (m: TestMember, role: ViewerSummary["role"], municipalityNumber: string | null = "1833"): ViewerSummary => ({
  id: m.id,
  name: m.name,
  role,
  status: "approved",
  municipalityNumber,
});

let roles: Awaited<ReturnType<typeof everyRole>>;
let sequence = 0;
const unique = (name: string) => `${name} ${process.pid}-${++sequence}`;

const organisationForm = (overrides: Form = {}): Form => ({
  name: unique("Helgelandsrådet"),
  kind: "regional_cooperation",
  description: "Samarbeid mellom kommunene på Helgeland.\r\nDigitalisering sammen.",
  website: "https://www.helgeland.no/digitalisering",
  municipality: ["1824 Vefsn", "Hemnes", "1820", ""],
  ...overrides,
});

beforeAll(async () => {
  roles = await everyRole();
});

describe("the register", () => {
  it("lists every organisation by kind, in the kinds' order, for anyone; only coordinators are offered to add one", async () => {
    const supplier = await createOrganisation("supplier", { name: unique("Sikri AS") });
    const body = await createOrganisation("national_body", { name: unique("Digdir") });
    const cluster = await createOrganisation("cluster", { name: unique("Norway Health Tech") });
    const cooperation = await createOrganisation("regional_cooperation", { name: unique("Digitale Helgeland"), municipalities: ["1824", "1832"] });
    for (const [role, viewer] of Object.entries(roles)) {
      const result = await list(viewer);
      expect(result.status, role).toBe(200);
      const data = result.data as ListData;
      expect(data.groups.map((g) => g.kind)).toEqual(["supplier", "national_body", "cluster", "regional_cooperation"]);
      const slugs = (kind: string) => data.groups.find((g) => g.kind === kind)!.organisations.map((o) => o.slug);
      expect(slugs("supplier")).toContain(supplier.slug);
      expect(slugs("national_body")).toContain(body.slug);
      expect(slugs("cluster")).toContain(cluster.slug);
      expect(data.groups[3]!.organisations.find((o) => o.slug === cooperation.slug)).toMatchObject({ municipalityCount: 2 });
      expect(data.canCreate, role).toBe(role === "coordinator" || role === "admin");
    }
  });

  it("filters by kind, and reads an unknown kind as none, never an error", async () => {
    const filtered = (await list(null, "?kind=cluster")).data as ListData;
    expect(filtered.kind).toBe("cluster");
    expect(filtered.groups.map((g) => g.kind)).toEqual(["cluster"]);
    for (const query of ["?kind=klingon", "?kind=", "?kind=%00", `?kind=${"x".repeat(10_000)}`]) {
      const result = await list(null, query);
      expect(result.status, query).toBe(200);
      expect((result.data as ListData).kind).toBeNull();
      expect((result.data as ListData).groups.length).toBeGreaterThan(1);
    }
  });
});

describe("an organisation's page", () => {
  let coordinator: ViewerSummary;
  let proposer: ViewerSummary;
  beforeAll(async () => {
    coordinator = summary(roles.coordinator!, "coordinator");
    proposer = summary(roles.member!, "member");
  });

  it("answers 404 for an unknown slug", async () => {
    for (const slug of ["finnes-ikke", "new", "x".repeat(10_000), "a\u0000b"]) expect((await page(null, slug)).status).toBe(404);
  });

  it("shows a supplier's kind, description and website, and what it supplies and owns: accepted entries only, with status and use", async () => {
    const sikri = await createOrganisation("supplier", { name: unique("Sikri") });
    await db().update(organisations).set({ description: "Leverer Elements.", website: "https://sikri.no" }).where(eq(organisations.id, sikri.id));
    const supplied = await createSolution(proposer, coordinator, { supplierIds: [sikri.id], status: "in_use" });
    const owned = await createSolution(proposer, coordinator, { owner: { organisationId: sikri.id }, status: "pilot" });
    const proposal = await createSolution(proposer, coordinator, { supplierIds: [sikri.id], status: null });
    const rejected = await createSolution(proposer, coordinator, { owner: { organisationId: sikri.id }, status: null });
    await reviewSolution(coordinator, rejected.id, { decision: "reject", reason: "Finnes fra før." });
    const inUse = { state: "in_use" as const, since: "2025-03-01", note: "", openToJointProcurement: false };
    for (const number of ["1824", "1832"]) await recordAdoption(coordinator, supplied.id, number, inUse, null);

    const data = (await page(null, sikri.slug)).data as PageData;
    expect(data.organisation).toMatchObject({ name: sikri.name, kind: "supplier", description: "Leverer Elements.", website: "https://sikri.no" });
    expect(data.municipalities).toEqual([]);
    expect(data.solutions.supplied).toEqual({ shown: [expect.objectContaining({ slug: supplied.slug, status: "in_use", inUseCount: 2 })], total: 1 });
    expect(data.solutions.owned).toEqual({ shown: [expect.objectContaining({ slug: owned.slug, status: "pilot", inUseCount: 0 })], total: 1 });
    const slugs = [...data.solutions.owned.shown, ...data.solutions.supplied.shown].map((s) => s.slug);
    expect(slugs).not.toContain(proposal.slug);
    expect(slugs).not.toContain(rejected.slug);
  });

  it.each(["national_body", "cluster"] as const)("shows a %s with nothing owned or supplied", async (kind) => {
    const organisation = await createOrganisation(kind, { name: unique(kind) });
    const result = await page(roles.member, organisation.slug);
    expect(result.status).toBe(200);
    const data = result.data as PageData;
    expect(data.organisation.kind).toBe(kind);
    expect(data.organisation.website).toBeNull();
    expect(data.solutions).toEqual({ owned: { shown: [], total: 0 }, supplied: { shown: [], total: 0 } });
  });

  it("shows a regional cooperation's member municipalities in name order, with their numbers for the links", async () => {
    const cooperation = await createOrganisation("regional_cooperation", { name: unique("Digitale Helgeland"), municipalities: ["1832", "1824", "1820"] });
    const data = (await page(null, cooperation.slug)).data as PageData;
    expect(data.municipalities).toEqual([
      { number: "1820", name: "Alstahaug" },
      { number: "1832", name: "Hemnes" },
      { number: "1824", name: "Vefsn" },
    ]);
  });

  it("names its approved people to members only; visitors and pending members see how many", async () => {
    const organisation = await createOrganisation("supplier", { name: unique("Acos") });
    const kari = await createMember("member", { organisationId: organisation.id, name: "Kari Acos" });
    await createMember("pending", { organisationId: organisation.id, name: "Per Pending" });
    for (const viewer of [null, roles.pending]) {
      const data = (await page(viewer, organisation.slug)).data as PageData;
      expect(data.people).toBeNull();
      expect(data.peopleCount).toBe(1);
      expect(JSON.stringify(data)).not.toContain("Kari Acos");
    }
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) {
      const data = (await page(viewer, organisation.slug)).data as PageData;
      expect(data.people).toEqual([{ id: kari.id, name: "Kari Acos", jobTitle: "Rådgiver" }]);
    }
  });

  it("offers the edit link to coordinators and admins only", async () => {
    const organisation = await createOrganisation("cluster", { name: unique("Klynge") });
    for (const [role, viewer] of Object.entries(roles)) {
      expect(((await page(viewer, organisation.slug)).data as PageData).canEdit, role).toBe(role === "coordinator" || role === "admin");
    }
  });
});

describe("adding an organisation", () => {
  it("is for coordinators: visitors are asked to sign in, members and pending members get 403", async () => {
    expect(await openNew(null)).toMatchObject({ status: 302, location: "/sign-in?redirectTo=%2Forganisations%2Fnew" });
    for (const viewer of [roles.pending, roles.member]) expect((await openNew(viewer)).status).toBe(403);
    for (const viewer of [roles.coordinator, roles.admin]) {
      const result = await openNew(viewer);
      expect(result.status).toBe(200);
      expect((result.data as { municipalityOptions: string[] }).municipalityOptions).toHaveLength(357);
    }
  });

  it("refuses anyone else's post with 403, writing nothing", async () => {
    const before = await organisationCount();
    for (const viewer of [null, roles.pending, roles.member]) expect((await create(viewer, organisationForm())).status).toBe(403);
    expect(await organisationCount()).toBe(before);
  });

  it("adds a regional cooperation with its municipalities typed by number or name, at a slug from its name, audited", async () => {
    const name = unique("Ytre Helgeland Øst");
    const result = await create(roles.coordinator, organisationForm({ name: `  ${name}  ` }));
    expect(result.status).toBe(303);
    const slug = result.location!.replace("/organisations/", "");
    expect(slug).toBe(slugify(name));
    expect(slug).toMatch(/^ytre-helgeland-ost-/);
    const organisation = (await stored(slug))!;
    expect(organisation).toMatchObject({
      name,
      kind: "regional_cooperation",
      description: "Samarbeid mellom kommunene på Helgeland.\nDigitalisering sammen.",
      website: "https://www.helgeland.no/digitalisering",
      version: 1,
    });
    expect(await municipalitiesOf(organisation.id)).toEqual(["1820", "1824", "1832"]);
    const [audit] = await auditsOf(organisation.id, "organisation.create");
    expect(audit).toMatchObject({ actorId: roles.coordinator!.id, before: null });
    expect(audit!.after).toMatchObject({ name, kind: "regional_cooperation", municipalityNumbers: ["1820", "1824", "1832"] });
    expect(((await page(null, slug)).data as PageData).municipalities.map((m) => m.number)).toEqual(["1820", "1832", "1824"]);
  });

  it("adds a supplier with no description or website", async () => {
    const result = await create(roles.admin, { name: unique("Accenture"), kind: "supplier", description: "", website: "" });
    expect(result.status).toBe(303);
    expect(await stored(result.location!.replace("/organisations/", ""))).toMatchObject({ kind: "supplier", description: "", website: null });
  });

  it("never takes a slug that is a page of its own or already taken", async () => {
    const reserved = await create(roles.coordinator, { name: "New", kind: "cluster" });
    expect(reserved.location).toBe("/organisations/new-organisation");
    const first = await create(roles.coordinator, { name: `KS ${process.pid}`, kind: "national_body" });
    const second = await create(roles.coordinator, { name: `KS! ${process.pid}`, kind: "national_body" });
    expect(first.location).toBe(`/organisations/ks-${process.pid}`);
    expect(second.location).toBe(`/organisations/ks-${process.pid}-2`);
  });

  it("refuses a name already in the register, in any letter case, naming the one there, writing nothing", async () => {
    const existing = await createOrganisation("supplier", { name: unique("Visma") });
    const before = await organisationCount();
    const result = await create(roles.coordinator, organisationForm({ name: existing.name.toUpperCase(), kind: "supplier", municipality: [] }));
    expect(result.status).toBe(409);
    const reply = result.data as Reply;
    expect(reply.errors).toEqual({ name: ["organisations.form.duplicateName"] });
    expect(reply.existing).toEqual({ slug: existing.slug, name: existing.name });
    expect(reply.values.name).toBe(existing.name.toUpperCase());
    expect(await organisationCount()).toBe(before);
  });

  it.each([
    ["name", "empty", { name: "" }, "form.required"],
    ["name", "blank", { name: "   " }, "form.required"],
    ["name", "of 10,000 characters", { name: "N".repeat(10_000) }, "organisations.form.nameTooLong"],
    ["name", "with a NUL byte", { name: "Sikri\u0000" }, "organisations.form.badCharacter"],
    ["kind", "not chosen", { kind: "" }, "organisations.form.kindRequired"],
    ["kind", "unknown", { kind: "municipality" }, "organisations.form.unknownKind"],
    ["kind", "of 10,000 characters", { kind: "x".repeat(10_000) }, "organisations.form.unknownKind"],
    ["description", "of 10,000 characters", { description: "D".repeat(10_000) }, "organisations.form.descriptionTooLong"],
    ["description", "with a NUL byte", { description: "Bra\u0000" }, "organisations.form.badCharacter"],
    ["website", "javascript:", { website: "javascript:alert(1)" }, "organisations.form.badWebsite"],
    ["website", "ftp:", { website: "ftp://example.no/fil" }, "organisations.form.badWebsite"],
    ["website", "without a scheme", { website: "www.example.no" }, "organisations.form.badWebsite"],
    ["website", "without a host", { website: "https://" }, "organisations.form.badWebsite"],
    ["website", "of 10,000 characters", { website: `https://example.no/${"a".repeat(10_000)}` }, "organisations.form.websiteTooLong"],
    ["municipality-1", "unknown", { municipality: ["1824", "9999 Atlantis"] }, "organisations.form.unknownMunicipality"],
    ["municipality-0", "shared by two", { municipality: ["Herøy"] }, "organisations.form.ambiguousMunicipality"],
    ["municipality-0", "of 10,000 characters", { municipality: ["m".repeat(10_000)] }, "organisations.form.unknownMunicipality"],
    ["municipalities", "given to a supplier", { kind: "supplier" }, "organisations.form.municipalitiesOnlyForCooperation"],
  ])("refuses a %s %s with 400 beside the field, keeping what was typed, writing nothing", async (field, _, bad, message) => {
    const before = await organisationCount();
    const form = organisationForm(bad as Form);
    const result = await create(roles.coordinator, form);
    expect(result.status).toBe(400);
    const reply = result.data as Reply;
    expect(reply.errors[field]).toEqual([message]);
    expect(reply.values.description).toContain(field === "description" ? (bad as Form).description!.slice(0, 3) : "Samarbeid");
    expect(await organisationCount()).toBe(before);
  });

  it("refuses more than sixty member municipalities beside the list, writing nothing", async () => {
    const before = await organisationCount();
    const numbers = (await db().select({ number: municipalities.number }).from(municipalities).limit(61)).map((m) => m.number);
    const result = await create(roles.coordinator, organisationForm({ municipality: numbers }));
    expect(result.status).toBe(400);
    expect((result.data as Reply).errors).toEqual({ municipalities: ["organisations.form.tooManyMunicipalities"] });
    expect(await organisationCount()).toBe(before);
    const sixty = await create(roles.coordinator, organisationForm({ municipality: numbers.slice(0, 60) }));
    expect(sixty.status).toBe(303);
  });

  it("answers 'more fields' with five more, the form as typed, writing nothing", async () => {
    const before = await organisationCount();
    const form = organisationForm({ intent: "more" });
    const result = await create(roles.coordinator, form);
    expect(result.status).toBe(200);
    expect((result.data as Reply).slots).toBe(4 + 5);
    expect((result.data as Reply).values.municipalities).toEqual(["1824 Vefsn", "Hemnes", "1820"]);
    expect(await organisationCount()).toBe(before);
  });
});

describe("editing an organisation", () => {
  it("is for coordinators: visitors are asked to sign in, others get 403, an unknown slug 404", async () => {
    const organisation = await createOrganisation("supplier", { name: unique("Tieto") });
    expect((await openEdit(null, organisation.slug)).status).toBe(302);
    for (const viewer of [roles.pending, roles.member]) expect((await openEdit(viewer, organisation.slug)).status).toBe(403);
    expect((await openEdit(roles.coordinator, "finnes-ikke")).status).toBe(404);
    const form = { name: "Endret", kind: "supplier", version: "1" };
    for (const viewer of [null, roles.pending, roles.member]) expect((await saveEdit(viewer, organisation.slug, form)).status).toBe(403);
    expect((await saveEdit(roles.coordinator, "finnes-ikke", form)).status).toBe(404);
    expect((await stored(organisation.slug))!.name).toBe(organisation.name);
  });

  it("opens on what is stored, and saves a change with the slug kept, audited with before and after", async () => {
    const organisation = await createOrganisation("regional_cooperation", { name: unique("Indre Helgeland"), municipalities: ["1832", "1824"] });
    const loaded = (await openEdit(roles.coordinator, organisation.slug)).data as { values: OrganisationFormValues };
    expect(loaded.values).toEqual({
      name: organisation.name,
      kind: "regional_cooperation",
      description: "",
      website: "",
      municipalities: ["1832 Hemnes", "1824 Vefsn"],
      version: 1,
    });
    const renamed = unique("Helgeland digitalt");
    const result = await saveEdit(roles.coordinator, organisation.slug, {
      name: renamed,
      kind: "regional_cooperation",
      description: "Nå med Grane.",
      website: "http://helgeland.example.no",
      municipality: ["1832 Hemnes", "1824 Vefsn", "1825 Grane"],
      version: "1",
    });
    expect(result).toMatchObject({ status: 303, location: `/organisations/${organisation.slug}` });
    expect(await stored(organisation.slug)).toMatchObject({ name: renamed, description: "Nå med Grane.", website: "http://helgeland.example.no", version: 2 });
    expect(await municipalitiesOf(organisation.id)).toEqual(["1824", "1825", "1832"]);
    const [audit] = await auditsOf(organisation.id, "organisation.edit");
    expect(audit!.before).toMatchObject({ name: organisation.name, municipalityNumbers: ["1824", "1832"], version: 1 });
    expect(audit!.after).toMatchObject({ name: renamed, municipalityNumbers: ["1824", "1825", "1832"], version: 2 });
  });

  it("refuses an edit of an organisation changed meanwhile with 409, keeping both texts, and saves once based on the new one", async () => {
    const organisation = await createOrganisation("cluster", { name: unique("Helseklyngen") });
    const first = await saveEdit(roles.coordinator, organisation.slug, { name: organisation.name, kind: "cluster", description: "Først.", version: "1" });
    expect(first.status).toBe(303);
    const late = await saveEdit(roles.admin, organisation.slug, { name: organisation.name, kind: "cluster", description: "Sist.", version: "1" });
    expect(late.status).toBe(409);
    const reply = late.data as Reply;
    expect(reply.errors).toEqual({ form: ["organisations.form.stale"] });
    expect(reply.values).toMatchObject({ description: "Sist.", version: 2 });
    expect(reply.stored).toMatchObject({ description: "Først.", version: 2 });
    expect(await stored(organisation.slug)).toMatchObject({ description: "Først.", version: 2 });
    expect(await auditsOf(organisation.id, "organisation.edit")).toHaveLength(1);
    const merged = await saveEdit(roles.admin, organisation.slug, { name: organisation.name, kind: "cluster", description: "Først. Sist.", version: "2" });
    expect(merged.status).toBe(303);
    expect(await stored(organisation.slug)).toMatchObject({ description: "Først. Sist.", version: 3 });
  });

  it.each([
    [{}, "a missing version"],
    [{ version: "x" }, "a version that is no number"],
    [{ version: "99999999999" }, "a version too large"],
  ])("answers %j (%s) with 400, changing nothing", async (version, _) => {
    const organisation = await createOrganisation("supplier", { name: unique("Evry") });
    const result = await saveEdit(roles.coordinator, organisation.slug, { name: "Noe annet", kind: "supplier", ...version });
    expect(result.status).toBe(400);
    expect((result.data as Reply).errors.form).toEqual(["error.badRequest.body"]);
    expect((await stored(organisation.slug))!.name).toBe(organisation.name);
  });

  it("refuses a rename to another organisation's name with 409, naming it", async () => {
    const taken = await createOrganisation("supplier", { name: unique("Netcompany") });
    const organisation = await createOrganisation("supplier", { name: unique("Bouvet") });
    const result = await saveEdit(roles.coordinator, organisation.slug, { name: taken.name.toLowerCase(), kind: "supplier", version: "1" });
    expect(result.status).toBe(409);
    expect((result.data as Reply).existing).toEqual({ slug: taken.slug, name: taken.name });
    expect((await stored(organisation.slug))!.name).toBe(organisation.name);
    // Its own name in another letter case is no clash.
    expect((await saveEdit(roles.coordinator, organisation.slug, { name: organisation.name.toUpperCase(), kind: "supplier", version: "1" })).status).toBe(303);
  });

  it("refuses bad input with 400 beside the field, changing nothing", async () => {
    const organisation = await createOrganisation("supplier", { name: unique("Crayon") });
    const result = await saveEdit(roles.coordinator, organisation.slug, { name: "", kind: "bank", website: "mailto:x@example.no", version: "1" });
    expect(result.status).toBe(400);
    expect((result.data as Reply).errors).toEqual({
      name: ["form.required"],
      kind: ["organisations.form.unknownKind"],
      website: ["organisations.form.badWebsite"],
    });
    expect(await stored(organisation.slug)).toMatchObject({ name: organisation.name, version: 1 });
  });

  it("turns a regional cooperation into another kind only once its municipalities are emptied", async () => {
    const organisation = await createOrganisation("regional_cooperation", { name: unique("Namdal"), municipalities: ["5007"] });
    const kept = await saveEdit(roles.coordinator, organisation.slug, { name: organisation.name, kind: "cluster", municipality: ["5007 Namsos"], version: "1" });
    expect(kept.status).toBe(400);
    expect((kept.data as Reply).errors).toEqual({ municipalities: ["organisations.form.municipalitiesOnlyForCooperation"] });
    const emptied = await saveEdit(roles.coordinator, organisation.slug, { name: organisation.name, kind: "cluster", municipality: ["", ""], version: "1" });
    expect(emptied.status).toBe(303);
    expect(await municipalitiesOf(organisation.id)).toEqual([]);
  });
});

describe("signing up with an organisation", () => {
  const application = (overrides: Record<string, string> = {}) => ({
    name: "Ola Leverandør",
    email: `ola.${process.pid}.${++sequence}@sikri.example.no`,
    password: "fjellvann-og-fjord",
    municipality: "",
    organisation: "",
    jobTitle: "Rådgiver",
    ...overrides,
  });
  const memberWith = async (email: string) => (await db().select().from(members).where(eq(members.email, email)))[0];

  it("offers the register's organisations grouped by kind beside the municipalities", async () => {
    const organisation = await createOrganisation("national_body", { name: unique("Skatteetaten") });
    const data = (await call("loader", signUp, null, "/sign-up")).data as {
      municipalities: string[];
      organisations: { kind: string; organisations: [number, string][] }[];
    };
    expect(data.municipalities).toHaveLength(357);
    const group = data.organisations.find((g) => g.kind === "national_body")!;
    expect(group.organisations).toContainEqual([organisation.id, organisation.name]);
  });

  it("makes a pending member of the organisation, with no municipality", async () => {
    const organisation = await createOrganisation("supplier", { name: unique("Sikri Holding") });
    const form = application({ organisation: String(organisation.id) });
    const result = await call("action", signUp, null, "/sign-up", form);
    expect(result).toMatchObject({ status: 303, location: "/sign-in?signedUp=1" });
    expect(await memberWith(form.email)).toMatchObject({ status: "pending", organisationId: organisation.id, municipalityNumber: null });
  });

  it.each([
    ["neither", {}, { municipality: ["form.required"] }],
    ["both", { municipality: "1824 Vefsn", organisation: "ORG" }, { organisation: ["organisations.signUp.both"] }],
    ["an unknown id", { organisation: "999999999" }, { organisation: ["organisations.signUp.unknownOrganisation"] }],
    ["no id at all", { organisation: "Sikri" }, { organisation: ["organisations.signUp.unknownOrganisation"] }],
    ["a huge id", { organisation: "9".repeat(10_000) }, { organisation: ["organisations.signUp.unknownOrganisation"] }],
  ])("refuses %s with 400 beside the field, writing nothing", async (_, bad, errors) => {
    const organisation = await createOrganisation("supplier", { name: unique("Uni Micro") });
    const form = application(Object.fromEntries(Object.entries(bad).map(([k, v]) => [k, v === "ORG" ? String(organisation.id) : v])));
    const result = await call("action", signUp, null, "/sign-up", form);
    expect(result.status).toBe(400);
    expect((result.data as Reply).errors).toEqual(errors);
    expect(await memberWith(form.email)).toBeUndefined();
  });

  it("shows the organisation on the admin list and on the member's page", async () => {
    const organisation = await createOrganisation("cluster", { name: unique("Oslo Cancer Cluster") });
    const staff = await createMember("member", { organisationId: organisation.id, name: "Nina Klynge" });
    const pending = await createMember("pending", { organisationId: organisation.id, name: "Petter Klynge" });
    const admin = (await call("loader", adminMembers, roles.admin, "/admin/members")).data as {
      pending: { id: number; organisationName: string | null; organisationSlug: string | null }[];
      approved: { id: number; organisationName: string | null; municipalityName: string | null }[];
    };
    expect(admin.pending.find((m) => m.id === pending.id)).toMatchObject({ organisationName: organisation.name, organisationSlug: organisation.slug });
    expect(admin.approved.find((m) => m.id === staff.id)).toMatchObject({ organisationName: organisation.name, municipalityName: null });
    const shown = (await call("loader", memberPage, roles.member, `/members/${staff.id}`, undefined, { memberId: String(staff.id) })).data;
    expect(shown).toMatchObject({ municipality: null, organisation: { slug: organisation.slug, name: organisation.name } });
  });
});
