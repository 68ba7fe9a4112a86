import { beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../db/schema";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createOrganisation, createSolution } from "../helpers/solutions";
import { db } from "~/db.server";
import type { ViewerSummary } from "~/members/rights";
import * as municipalityPage from "~/routes/municipalities.$number";
import * as listPage from "~/routes/solutions._index";
import { recordAdoption, type AdoptionInput } from "~/solutions/adoptions.server";
import { catalogueHref } from "~/solutions/catalogue-list-query";
import { solutionsOfMunicipality } from "~/solutions/catalogue.server";
import { reviewSolution } from "~/solutions/solutions.server";

type Viewer = TestMember | null;
type ListData = Awaited<ReturnType<typeof listPage.loader>>;
type MunicipalityData = Awaited<ReturnType<typeof municipalityPage.loader>>;

async function list(viewer: Viewer, query = "") {
  const request = requestAs(viewer, `/solutions${query}`);
  const result = await outcome(() => listPage.loader({ request, params: {}, context: {} }));
  expect(result.status).toBe(200);
  return result.data as ListData;
}
const namesOf = (data: ListData) => data.solutions.map((solution) => solution.name);

const summaryOf = (member: TestMember, role: ViewerSummary["role"], municipalityNumber: string | null = "1833"): ViewerSummary => ({
  id: member.id,
  name: member.name,
  role,
  status: "approved",
  municipalityNumber,
});

const state = (adoptionState: AdoptionInput["state"]): AdoptionInput => ({ state: adoptionState, since: "2025-02-01", note: "", openToJointProcurement: false });

let roles: Awaited<ReturnType<typeof everyRole>>;
let proposer: ViewerSummary;
let coordinator: ViewerSummary;
let themeId: Record<string, number>;
let sikri: { id: number; slug: string; name: string };
let helgeland: { id: number; slug: string; name: string };

// The catalogue this file reads: five accepted entries, a proposal and a rejected one.
beforeAll(async () => {
  roles = await everyRole();
  proposer = summaryOf(roles.member, "member");
  coordinator = summaryOf(await createMember("coordinator", { municipalityNumber: null }), "coordinator", null);
  themeId = Object.fromEntries((await db().select().from(themes)).map((theme) => [theme.slug, theme.id]));
  sikri = await createOrganisation("supplier", { name: "Sikri (listetest)" });
  const accenture = await createOrganisation("supplier", { name: "Accenture (listetest)" });
  helgeland = await createOrganisation("regional_cooperation", { name: "Digitale Helgeland (listetest)", municipalities: ["1820", "1833"] });

  const alfa = await createSolution(proposer, coordinator, {
    name: "Alfa foreldrebetaling",
    status: "pilot",
    components: ["ID-porten", "KS Fiks"],
    supplierIds: [sikri.id],
    themeIds: [themeId.procurement!],
    owner: { municipalityNumber: "1804" },
    openSource: true,
  });
  const beta = await createSolution(proposer, coordinator, {
    name: "Beta velferdsteknologi",
    status: "in_use",
    components: ["Altinn"],
    supplierIds: [accenture.id],
    themeIds: [themeId.prevention!],
    owner: { organisationId: helgeland.id },
    openSource: false,
  });
  await createSolution(proposer, coordinator, {
    name: "Ceta innbyggerdialog",
    status: "scaling",
    components: ["KS Fiks 2"],
    owner: { municipalityNumber: "0301" },
    openSource: false,
  });
  const delta = await createSolution(proposer, coordinator, { name: "Delta timebestilling", status: "idea", components: [], owner: { municipalityNumber: "5001" }, openSource: false });
  await createSolution(proposer, coordinator, { name: "Epsilon arkivering", status: "national", components: [], owner: { municipalityNumber: "4601" }, openSource: false });
  // Never in the list: a proposal waiting, and one a coordinator turned down.
  await createSolution(proposer, coordinator, { name: "Forslag som venter", status: null, components: ["ID-porten"], owner: { municipalityNumber: "4601" } });
  const rejected = await createSolution(proposer, coordinator, { name: "Avvist forslag", status: null, components: ["ID-porten"], owner: { municipalityNumber: "4601" } });
  await reviewSolution(coordinator, rejected.id, { decision: "reject", reason: "Finnes fra før." });

  for (const number of ["1833", "1820"]) await recordAdoption(coordinator, alfa.id, number, state("in_use"), null);
  await recordAdoption(coordinator, beta.id, "0301", state("in_use"), null);
  await recordAdoption(coordinator, beta.id, "4601", state("interested"), null);
  await recordAdoption(coordinator, beta.id, "5001", state("planning"), null);
  // Kinn gave Delta up: that does not put Delta in Vestland.
  await recordAdoption(coordinator, delta.id, "4602", state("discontinued"), null);
});

const ALL = ["Alfa foreldrebetaling", "Beta velferdsteknologi", "Ceta innbyggerdialog", "Delta timebestilling", "Epsilon arkivering"];

describe("what each viewer sees", () => {
  it("everyone sees accepted entries only: never a proposal or a rejected one, not even the proposer or a coordinator", async () => {
    for (const viewer of [null, roles.pending, roles.member, roles.coordinator, roles.admin]) {
      const data = await list(viewer, "?sort=name");
      expect(namesOf(data)).toEqual(ALL);
      expect(data.total).toBe(5);
      // Not through a filter either: ID-porten is also a proposal's and a rejected one's component.
      expect(namesOf(await list(viewer, "?component=ID-porten"))).toEqual(["Alfa foreldrebetaling"]);
      expect(namesOf(await list(viewer, "?county=46&sort=name"))).toEqual(["Beta velferdsteknologi", "Epsilon arkivering"]);
    }
  });

  it("shows each row's name, summary, status, municipalities in use, owner and themes", async () => {
    const data = await list(null, "?sort=name");
    expect(data.solutions[0]).toMatchObject({
      name: "Alfa foreldrebetaling",
      summary: "En løsning flere kommuner kan bruke.",
      status: "pilot",
      inUseCount: 2,
      openSource: true,
      owner: { to: "/municipalities/1804", name: "Bodø" },
      themes: ["procurement"],
    });
    expect(data.solutions[0]!.slug).toBe("alfa-foreldrebetaling");
    expect(data.solutions[1]).toMatchObject({ status: "in_use", inUseCount: 1, owner: { to: `/organisations/${helgeland.slug}`, name: helgeland.name }, themes: ["prevention"] });
    // The page has no people in it: no proposer, contact or recorder.
    expect(JSON.stringify(data)).not.toContain(roles.member!.name);
    expect(JSON.stringify(data)).not.toContain("@example.no");
  });

  it("offers proposing to approved members, signing in to visitors, and the proposals to coordinators", async () => {
    expect((await list(null)).standing).toBe("anonymous");
    expect((await list(roles.pending)).standing).toBe("pending");
    for (const viewer of [roles.member, roles.coordinator, roles.admin]) expect((await list(viewer)).standing).toBe("approved");
    for (const viewer of [null, roles.pending, roles.member]) expect((await list(viewer)).coordinates).toBe(false);
    for (const viewer of [roles.coordinator, roles.admin]) expect((await list(viewer)).coordinates).toBe(true);
  });
});

describe("filters", () => {
  it("by scaling status", async () => {
    expect(namesOf(await list(null, "?status=pilot"))).toEqual(["Alfa foreldrebetaling"]);
    expect(namesOf(await list(null, "?status=national"))).toEqual(["Epsilon arkivering"]);
    expect((await list(null, "?status=retired")).total).toBe(0);
  });

  it("by theme", async () => {
    expect(namesOf(await list(null, "?theme=procurement"))).toEqual(["Alfa foreldrebetaling"]);
    expect(namesOf(await list(null, "?theme=prevention"))).toEqual(["Beta velferdsteknologi"]);
  });

  it("by national component, matching the tag exactly", async () => {
    expect(namesOf(await list(null, "?component=KS+Fiks"))).toEqual(["Alfa foreldrebetaling"]);
    expect(namesOf(await list(null, "?component=KS+Fiks+2"))).toEqual(["Ceta innbyggerdialog"]);
    expect((await list(null)).options.components.map(([value]) => value)).toEqual(["Altinn", "ID-porten", "KS Fiks", "KS Fiks 2"]);
  });

  it("by supplier, offering the organisations that supply an accepted entry", async () => {
    expect(namesOf(await list(null, `?supplier=${sikri.slug}`))).toEqual(["Alfa foreldrebetaling"]);
    expect((await list(null)).options.suppliers).toEqual([
      [expect.stringContaining("accenture"), "Accenture (listetest)"],
      [sikri.slug, "Sikri (listetest)"],
    ]);
  });

  it("by county: a municipality there uses, pilots, plans or wants it, or owns it; one that gave it up does not count", async () => {
    // Vestland: Bergen is interested in Beta and owns Epsilon; Kinn discontinued Delta.
    expect(namesOf(await list(null, "?county=46&sort=name"))).toEqual(["Beta velferdsteknologi", "Epsilon arkivering"]);
    // Nordland: Rana and Alstahaug use Alfa, which Bodø owns; Beta is owned by a cooperation, not a municipality there.
    expect(namesOf(await list(null, "?county=18"))).toEqual(["Alfa foreldrebetaling"]);
    // Trøndelag: Trondheim plans Beta and owns Delta.
    expect(namesOf(await list(null, "?county=50&sort=name"))).toEqual(["Beta velferdsteknologi", "Delta timebestilling"]);
    expect((await list(null, "?county=55")).total).toBe(0);
  });

  it("by open source", async () => {
    expect(namesOf(await list(null, "?open=yes"))).toEqual(["Alfa foreldrebetaling"]);
  });

  it("together, and the same filters always give the same address", async () => {
    const data = await list(null, "?open=yes&county=18&theme=procurement&component=ID-porten&status=pilot&supplier=" + sikri.slug + "&sort=name");
    expect(namesOf(data)).toEqual(["Alfa foreldrebetaling"]);
    expect(catalogueHref(data.filters)).toBe(`/solutions?sort=name&status=pilot&theme=procurement&component=ID-porten&supplier=${sikri.slug}&county=18&open=yes`);
    expect(namesOf(await list(null, "?open=yes&status=idea"))).toEqual([]);
  });

  it("ignores values nobody knows, showing the whole list rather than an error", async () => {
    const unfiltered = await list(null);
    for (const query of [
      "?status=bogus",
      "?status=proposed",
      "?theme=no-such-theme",
      "?component=Nope",
      "?supplier=no-such-org",
      "?supplier=" + helgeland.slug,
      "?county=99",
      "?county=%00",
      "?open=maybe",
      "?sort=cheapest",
      "?page=abc",
      "?page=-3",
      "?municipality=1833",
      `?status=${"x".repeat(10_000)}`,
    ]) {
      const data = await list(null, query);
      expect(namesOf(data), query).toEqual(namesOf(unfiltered));
      expect(data.filters, query).toEqual({ sort: "adoptions" });
    }
  });
});

describe("sorts", () => {
  it("by adoptions (the default): most municipalities that have not given it up first", async () => {
    // Beta: three; Alfa: two; the rest none (Delta's one discontinued does not count), newest entry first among equals.
    expect(namesOf(await list(null))).toEqual(["Beta velferdsteknologi", "Alfa foreldrebetaling", "Epsilon arkivering", "Delta timebestilling", "Ceta innbyggerdialog"]);
  });

  it("by newest in the catalogue: the last accepted first", async () => {
    expect(namesOf(await list(null, "?sort=newest"))).toEqual([...ALL].reverse());
  });

  it("by name", async () => {
    expect(namesOf(await list(null, "?sort=name"))).toEqual(ALL);
  });
});

describe("pages", () => {
  it("has 20 entries a page, page links that keep the query, and an empty page far beyond the last, never an error", async () => {
    for (let n = 1; n <= 23; n++) {
      await createSolution(proposer, coordinator, { name: `Sidetest ${String(n).padStart(2, "0")}`, components: ["Sidetest"], owner: { municipalityNumber: "1804" } });
    }
    const first = await list(null, "?component=Sidetest&sort=name");
    expect(first.solutions).toHaveLength(20);
    expect(first).toMatchObject({ total: 23, page: 1, pageCount: 2 });
    expect(first.solutions[0]!.name).toBe("Sidetest 01");
    expect(catalogueHref(first.filters, 2)).toBe("/solutions?sort=name&component=Sidetest&page=2");

    const second = await list(null, "?component=Sidetest&sort=name&page=2");
    expect(namesOf(second)).toEqual(["Sidetest 21", "Sidetest 22", "Sidetest 23"]);

    const far = await list(null, "?component=Sidetest&sort=name&page=1000000000");
    expect(far.solutions).toEqual([]);
    expect(far.total).toBe(23);
    expect(far.page).toBeGreaterThan(far.pageCount);
  });
});

describe("a municipality's page", () => {
  async function municipality(viewer: Viewer, number: string) {
    const request = requestAs(viewer, `/municipalities/${number}`);
    const result = await outcome(() => municipalityPage.loader({ request, params: { number }, context: {} }));
    expect(result.status).toBe(200);
    return (result.data as MunicipalityData).solutions;
  }

  it("shows what it uses, pilots, plans and wants, by state, and what it owns, for everyone alike", async () => {
    for (const viewer of [null, roles.pending, roles.member, roles.coordinator]) {
      const bergen = await municipality(viewer, "4601");
      expect(bergen.groups).toEqual([{ state: "interested", solutions: [{ slug: "beta-velferdsteknologi", name: "Beta velferdsteknologi", status: "in_use", since: "2025-02-01" }], more: 0 }]);
      // Owned accepted entries only: Bergen's proposal and its rejected one are not shown.
      expect(bergen.owned).toEqual([{ slug: "epsilon-arkivering", name: "Epsilon arkivering", status: "national" }]);
    }
    const trondheim = await municipality(null, "5001");
    expect(trondheim.groups.map((group) => [group.state, group.solutions.map((s) => s.name)])).toEqual([["planning", ["Beta velferdsteknologi"]]]);
    expect(trondheim.owned.map((s) => s.name)).toEqual(["Delta timebestilling"]);
  });

  it("groups several states in the order uses, pilots, plans, wants, and leaves out what it gave up", async () => {
    const alfa = (await list(null, "?component=KS+Fiks")).solutions[0]!;
    const gamma = await createSolution(proposer, coordinator, { name: "Gamma pilot", status: "pilot", owner: { municipalityNumber: "1804" } });
    await recordAdoption(coordinator, gamma.id, "1833", state("piloting"), null);
    const kinn = await municipality(null, "4602");
    expect(kinn).toEqual({ groups: [], owned: [] });
    const rana = await municipality(null, "1833");
    expect(rana.groups.map((group) => [group.state, group.solutions.map((s) => s.slug)])).toEqual([
      ["in_use", [alfa.slug]],
      ["piloting", [gamma.slug]],
    ]);
  });

  it("answers 404 for a municipality nobody knows", async () => {
    const request = requestAs(null, "/municipalities/9999");
    expect((await outcome(() => municipalityPage.loader({ request, params: { number: "9999" }, context: {} }))).status).toBe(404);
  });
});

describe("a municipality that uses many solutions", () => {
  it("names the first 15 of a state on its page and counts the rest", async () => {
    const inUse: AdoptionInput = { state: "in_use", since: "2025-02-01", note: "", openToJointProcurement: false };
    for (let i = 0; i < 16; i++) {
      const entry = await createSolution(proposer, coordinator);
      expect((await recordAdoption(coordinator, entry.id, "5001", inUse, null)).ok).toBe(true);
    }
    const { groups } = await solutionsOfMunicipality("5001");
    const used = groups.find((group) => group.state === "in_use")!;
    expect(used.solutions).toHaveLength(15);
    expect(used.more).toBe(1);
  });
});
