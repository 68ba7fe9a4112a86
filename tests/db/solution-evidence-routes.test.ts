import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { agendaItems, experienceSolutions, type AdoptionState } from "../../db/schema";
import { createExperienceAs } from "../helpers/experiences";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createOrganisation, createSolution } from "../helpers/solutions";
import { db } from "~/db.server";
import { translator } from "~/i18n/i18n";
import type { ViewerSummary } from "~/members/rights";
import * as evidencePage from "~/routes/solutions.$slug.evidence";
import * as jointPage from "~/routes/solutions.$slug.joint-procurement";
import * as jointCsv from "~/routes/solutions.$slug.joint-procurement[.csv]";
import * as jointCatalogue from "~/routes/solutions.joint-procurement";
import type { AdoptionPicture } from "~/solutions/adoption-picture";
import { adoptionSeries, loadAdoptionPicture } from "~/solutions/adoption-picture.server";
import { AdoptionPictureFigure } from "~/solutions/adoption-picture-view";
import { adoptionOf, recordAdoption } from "~/solutions/adoptions.server";
import { reviewSolution } from "~/solutions/solutions.server";
import { osloToday } from "~/lib/oslo-time.server";

type Viewer = TestMember | null;
type Route = { loader?: (args: never) => unknown };

function load(route: Route, viewer: Viewer, path: string, params: Record<string, string>, headers?: Record<string, string>) {
  const request = requestAs(viewer, path, { headers });
  const run = route.loader as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params, context: {} }));
}

const summaryOf = (m: TestMember, role: ViewerSummary["role"] = "member", municipalityNumber: string | null = "1833"): ViewerSummary => ({
  id: m.id,
  name: m.name,
  role,
  status: "approved",
  municipalityNumber,
});

let roles: Awaited<ReturnType<typeof everyRole>>;
let coordinator: ViewerSummary;

beforeAll(async () => {
  roles = await everyRole();
  coordinator = summaryOf(roles.coordinator!, "coordinator");
});

/** A coordinator records a municipality's relation, as of `since`. */
async function record(solutionId: number, municipalityNumber: string, state: AdoptionState, since: string, options: { open?: boolean; by?: ViewerSummary } = {}) {
  const current = await adoptionOf(solutionId, municipalityNumber);
  const input = { state, since, note: "", openToJointProcurement: options.open ?? false };
  const result = await recordAdoption(options.by ?? coordinator, solutionId, municipalityNumber, input, current?.version ?? null);
  if (!result.ok) throw new Error(`could not record: ${result.reason}`);
}

/** The first day of the month `offset` months from this one (Oslo), as YYYY-MM-DD; `day` within it. */
function monthFromNow(offset: number, day = 1) {
  const [year, month] = osloToday().split("-").map(Number) as [number, number];
  const index = year * 12 + month - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const counts = (c: Partial<Record<AdoptionState, number>>) => ({ interested: 0, planning: 0, piloting: 0, in_use: 0, discontinued: 0, ...c });

describe("adoption over time", () => {
  const at = (iso: string) => new Date(iso);
  // Recorded in this order (createdAt), each in effect from `since`.
  const changes = [
    { municipalityNumber: "1804", state: "interested", since: "2024-01-15", createdAt: at("2024-01-15T10:00:00Z") },
    { municipalityNumber: "1833", state: "piloting", since: "2024-02-01", createdAt: at("2024-02-01T10:00:00Z") },
    { municipalityNumber: "0301", state: "in_use", since: "2024-02-29", createdAt: at("2024-03-02T10:00:00Z") },
    { municipalityNumber: "1804", state: "in_use", since: "2024-03-10", createdAt: at("2024-03-10T10:00:00Z") },
    { municipalityNumber: "1820", state: "planning", since: "2024-03-31", createdAt: at("2024-03-31T10:00:00Z") },
    // A correction recorded later, to an earlier date: it is what holds from then on.
    { municipalityNumber: "1820", state: "interested", since: "2024-02-10", createdAt: at("2024-04-02T10:00:00Z") },
    { municipalityNumber: "1833", state: "discontinued", since: "2024-04-30", createdAt: at("2024-05-01T10:00:00Z") },
  ] as const;

  it("counts each municipality's latest change in effect at each month's end, a discontinued one included, up to this month", () => {
    const { series, step } = adoptionSeries([...changes].sort((a, b) => a.since.localeCompare(b.since)), "2024-06");
    expect(step).toBe(1);
    expect(series).toEqual([
      { month: "2024-01", counts: counts({ interested: 1 }) },
      // 29 February is the month's last day: Oslo is in use at its end.
      { month: "2024-02", counts: counts({ interested: 2, piloting: 1, in_use: 1 }) },
      { month: "2024-03", counts: counts({ interested: 1, piloting: 1, in_use: 2 }) },
      { month: "2024-04", counts: counts({ interested: 1, in_use: 2, discontinued: 1 }) },
      { month: "2024-05", counts: counts({ interested: 1, in_use: 2, discontinued: 1 }) },
      { month: "2024-06", counts: counts({ interested: 1, in_use: 2, discontinued: 1 }) },
    ]);
  });

  it("steps by quarters or more over a long span, ending at this month and starting no later than the first change", () => {
    const { series, step } = adoptionSeries([...changes].sort((a, b) => a.since.localeCompare(b.since)), "2030-12");
    expect(step).toBe(3);
    expect(series.length).toBeLessThanOrEqual(40);
    expect(series.at(-1)).toEqual({ month: "2030-12", counts: counts({ interested: 1, in_use: 2, discontinued: 1 }) });
    expect(series[0]!.month <= "2024-01").toBe(true);
    expect(series.map((p) => p.month)).toContain("2024-03");
  });

  it("is empty with no changes", () => {
    expect(adoptionSeries([], "2026-01")).toEqual({ series: [], step: 1 });
  });
});

describe("the adoption picture", () => {
  let picture: AdoptionPicture;
  const m = (offset: number, day = 1) => monthFromNow(offset, day);

  beforeAll(async () => {
    const solution = await createSolution(coordinator, coordinator, { status: "pilot" });
    await record(solution.id, "1804", "interested", m(-3, 15));
    await record(solution.id, "1833", "piloting", m(-2, 1));
    await record(solution.id, "0301", "in_use", m(-2, 20));
    await record(solution.id, "1804", "in_use", m(-1, 10));
    await record(solution.id, "1833", "discontinued", m(0, 1));
    await record(solution.id, "4601", "planning", m(-1, 5));
    picture = await loadAdoptionPicture(solution.id);
  });

  it("counts the municipalities in each state now", () => {
    expect(picture.counts).toEqual(counts({ in_use: 2, planning: 1, discontinued: 1 }));
  });

  it("has one point a month from the first change to this month, the last equal to the counts now", () => {
    expect(picture.step).toBe(1);
    expect(picture.series.map((p) => p.month)).toEqual([m(-3).slice(0, 7), m(-2).slice(0, 7), m(-1).slice(0, 7), m(0).slice(0, 7)]);
    expect(picture.series.map((p) => p.counts)).toEqual([
      counts({ interested: 1 }),
      counts({ interested: 1, piloting: 1, in_use: 1 }),
      counts({ piloting: 1, in_use: 2, planning: 1 }),
      counts({ in_use: 2, planning: 1, discontinued: 1 }),
    ]);
  });

  it("names all 15 counties in order, each with its municipalities by state", () => {
    expect(picture.counties).toHaveLength(15);
    expect(picture.counties.map((c) => c.number)).toEqual([...picture.counties.map((c) => c.number)].sort());
    const byName = Object.fromEntries(picture.counties.map((c) => [c.name, c.counts]));
    expect(byName["Nordland - Nordlánnda"]).toEqual(counts({ in_use: 1, discontinued: 1 }));
    expect(byName["Oslo"]).toEqual(counts({ in_use: 1 }));
    expect(byName["Vestland"]).toEqual(counts({ planning: 1 }));
    expect(byName["Agder"]).toEqual(counts({}));
  });

  it("draws the chart as an SVG image with a title, and a data table with the same numbers", () => {
    const html = renderToStaticMarkup(
      createElement(AdoptionPictureFigure, { picture, t: translator("nb"), language: "nb", ids: { heading: "h", chartTitle: "chart-title", tableCaption: "table-caption", counties: "c" } }),
    );
    expect(html).toMatch(/<svg role="img" aria-labelledby="chart-title" width="100%"/);
    expect(html).toContain('<title id="chart-title">Antall kommuner i hver tilstand fra');
    expect(html).toContain("Nå: 1 planlegger, 2 i bruk, 1 avsluttet.");
    // One polyline per state that ever had a municipality: interested, planning, piloting, in use, discontinued.
    expect(html.match(/<polyline/g)).toHaveLength(5);
    expect(html).toContain("Antall kommuner</text>");

    const table = html.slice(html.indexOf("<table"), html.indexOf("</table>"));
    expect(html).toContain('role="region" aria-labelledby="table-caption" tabindex="0"><table');
    expect(table).toContain('<caption id="table-caption"');
    expect(table).toContain("Antall kommuner i hver tilstand ved utgangen av hver måned");
    expect([...table.matchAll(/<th[^>]*scope="col"[^>]*>([^<]*)</g)].map((x) => x[1])).toEqual(["Måned", "Interessert", "Planlegger", "Piloterer", "I bruk", "Avsluttet"]);
    const rows = [...table.matchAll(/<tr><th scope="row"[^>]*>[^<]*<\/th>(.*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>(\d+)<\/td>/g)].map((x) => Number(x[1])));
    expect(rows).toEqual(picture.series.map((p) => [p.counts.interested, p.counts.planning, p.counts.piloting, p.counts.in_use, p.counts.discontinued]));
  });

  it("shows a counties strip naming every county in text, not by colour alone", () => {
    const html = renderToStaticMarkup(
      createElement(AdoptionPictureFigure, { picture, t: translator("en"), language: "en", ids: { heading: "h", chartTitle: "t", tableCaption: "tc", counties: "counties" } }),
    );
    const strip = html.slice(html.indexOf('id="counties"'));
    expect(strip).toContain("Used, piloted or wanted in 3 of 15 counties.");
    expect(strip.match(/class="county-mark/g)).toHaveLength(15);
    expect(strip).toMatch(/<span class="font-semibold" lang="nb">Nordland - Nordlánnda<\/span><span class="block">1 in use</);
    expect(strip).toMatch(/>Vestland<\/span><span class="block">1 want it</);
    expect(strip).toMatch(/>Agder<\/span><span class="block">none yet</);
  });

  it("says so, with no chart, when nobody has recorded anything", async () => {
    const solution = await createSolution(coordinator, coordinator);
    const empty = await loadAdoptionPicture(solution.id);
    expect(empty.series).toEqual([]);
    const html = renderToStaticMarkup(createElement(AdoptionPictureFigure, { picture: empty, t: translator("nb"), language: "nb", ids: { heading: "h", chartTitle: "t", tableCaption: "tc", counties: "c" } }));
    expect(html).not.toContain("<svg role");
    expect(html).toContain("Ingen kommuner har registrert");
    expect(html).toContain("i 0 av 15 fylker");
  });
});

describe("joint procurement of a solution", () => {
  let slug: string;
  let sly: TestMember;
  const path = () => `/solutions/${slug}/joint-procurement`;

  beforeAll(async () => {
    const solution = await createSolution(coordinator, coordinator, { status: "in_use" });
    slug = solution.slug;
    sly = await createMember("member", { name: '=HYPERLINK("https://evil.example")', municipalityNumber: "1820" });
    const kari = await createMember("member", { name: "Kari Innkjøper", municipalityNumber: "0301" });
    await record(solution.id, "1820", "planning", "2026-02-01", { open: true, by: summaryOf(sly, "member", "1820") });
    await record(solution.id, "0301", "interested", "2026-03-01", { open: true, by: summaryOf(kari, "member", "0301") });
    await record(solution.id, "1804", "interested", "2026-03-01", { open: true });
    // Not open, or past buying: not on the list.
    await record(solution.id, "1833", "interested", "2026-03-01", { open: false });
    await record(solution.id, "4601", "in_use", "2026-03-01", { open: true });
  });

  it("lists the open municipalities interested or planning, by county, without contacts for visitors and pending members", async () => {
    for (const viewer of [null, roles.pending]) {
      const result = await load(jointPage, viewer, path(), { slug });
      expect(result.status).toBe(200);
      const data = result.data as Awaited<ReturnType<typeof jointPage.loader>>;
      expect(data.counties.map((c) => [c.name, c.municipalities.map((m) => [m.number, m.state])])).toEqual([
        ["Oslo", [["0301", "interested"]]],
        ["Nordland - Nordlánnda", [["1820", "planning"], ["1804", "interested"]]],
      ]);
      expect(data.counties.flatMap((c) => c.municipalities.map((m) => m.contact))).toEqual([null, null, null]);
      expect(JSON.stringify(data)).not.toContain("Kari Innkjøper");
      expect(JSON.stringify(data)).not.toContain("@example.no");
    }
  });

  it("names the contact member (the recorder) to approved members", async () => {
    const data = (await load(jointPage, roles.member, path(), { slug })).data as Awaited<ReturnType<typeof jointPage.loader>>;
    const oslo = data.counties[0]!.municipalities[0]!;
    expect(oslo.contact).toEqual({ name: "Kari Innkjøper", email: expect.stringContaining("@example.no") });
    expect(data.standing).toBe("approved");
  });

  async function csvOf(viewer: Viewer, headers?: Record<string, string>) {
    const result = await load(jointCsv, viewer, `${path()}.csv`, { slug }, headers);
    expect(result.status).toBe(200);
    const request = requestAs(viewer, `${path()}.csv`, { headers });
    const response = (await jointCsv.loader({ request, params: { slug }, context: {} })) as Response;
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  it("downloads as a CSV Norwegian Excel opens: BOM, semicolons, CRLF, a Norwegian header, and no contact columns for visitors", async () => {
    const { response, bytes } = await csvOf(null);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="felles-anskaffelse-${slug}.csv"`);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = text.trimEnd().split("\r\n");
    expect(lines.every((line) => !line.includes("\n"))).toBe(true);
    expect(lines).toEqual([
      "Fylke;Kommunenr.;Kommune;Tilstand;Siden",
      'Oslo;"=""0301""";Oslo;interessert;2026-03-01',
      'Nordland - Nordlánnda;"=""1820""";Alstahaug;planlegger;2026-02-01',
      'Nordland - Nordlánnda;"=""1804""";Bodø;interessert;2026-03-01',
    ]);
  });

  it("gives approved members the contacts, with a name that looks like a formula made plain text, in the reader's language", async () => {
    const { bytes } = await csvOf(roles.member, { "Accept-Language": "en-GB,en;q=0.9" });
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    expect(lines[0]).toBe("County;Municipality no.;Municipality;State;Since;Contact person;Email");
    expect(lines[2]).toBe(`Nordland - Nordlánnda;"=""1820""";Alstahaug;planning;2026-02-01;"'=HYPERLINK(""https://evil.example"")";${sly.email}`);
    expect(lines[3]).toMatch(/^Nordland - Nordlánnda;"=""1804""";Bodø;interested;2026-03-01;Test coordinator \d+;test-.*@example\.no$/);
  });

  it("is 404 for a proposal, a rejected entry and a slug no entry has, as page and as CSV, for everyone", async () => {
    const proposal = await createSolution(coordinator, coordinator, { status: null });
    const rejected = await createSolution(coordinator, coordinator, { status: null });
    await reviewSolution(coordinator, rejected.id, { decision: "reject", reason: "Finnes fra før." });
    for (const bad of [proposal.slug, rejected.slug, "finnes-ikke", "a\u0000b", "x".repeat(10_000), "../admin"]) {
      for (const viewer of [null, roles.member, roles.coordinator]) {
        expect((await load(jointPage, viewer, "/solutions/x/joint-procurement", { slug: bad })).status).toBe(404);
        expect((await load(jointCsv, viewer, "/solutions/x/joint-procurement.csv", { slug: bad })).status).toBe(404);
      }
    }
  });
});

describe("the catalogue-wide joint procurement view", () => {
  it("lists accepted solutions with the most municipalities open to joint procurement first, and never a proposal", async () => {
    const few = await createSolution(coordinator, coordinator, { name: "Få vil kjøpe sammen" });
    const most = await createSolution(coordinator, coordinator, { name: "Flest vil kjøpe sammen" });
    const some = await createSolution(coordinator, coordinator, { name: "Noen vil kjøpe sammen" });
    const none = await createSolution(coordinator, coordinator, { name: "Ingen vil kjøpe sammen" });
    for (const number of ["1804"]) await record(few.id, number, "interested", "2026-01-01", { open: true });
    for (const number of ["1804", "1833", "0301"]) await record(most.id, number, "planning", "2026-01-01", { open: true });
    for (const number of ["1804", "1833"]) await record(some.id, number, "interested", "2026-01-01", { open: true });
    await record(none.id, "1804", "in_use", "2026-01-01", { open: true });

    for (const viewer of [null, roles.pending, roles.member]) {
      const result = await load(jointCatalogue, viewer, "/solutions/joint-procurement", {});
      expect(result.status).toBe(200);
      const data = result.data as Awaited<ReturnType<typeof jointCatalogue.loader>>;
      const ours = data.solutions.filter((s) => s.name.endsWith("vil kjøpe sammen"));
      expect(ours.map((s) => [s.name, s.jointInterestCount])).toEqual([
        ["Flest vil kjøpe sammen", 3],
        ["Noen vil kjøpe sammen", 2],
        ["Få vil kjøpe sammen", 1],
      ]);
      const counts = data.solutions.map((s) => s.jointInterestCount);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(data.solutions.every((s) => s.jointInterestCount > 0)).toBe(true);
    }
  });

  it("reads a page beyond the last, or not a number, as a page of the list, never an error", async () => {
    for (const page of ["9999", "abc", "-3", "1e99"]) {
      const result = await load(jointCatalogue, null, `/solutions/joint-procurement?page=${page}`, {});
      expect(result.status).toBe(200);
    }
    const data = (await load(jointCatalogue, null, "/solutions/joint-procurement?page=9999", {})).data as Awaited<ReturnType<typeof jointCatalogue.loader>>;
    expect(data.solutions).toEqual([]);
  });
});

describe("the evidence page", () => {
  let slug: string;
  let solutionId: number;
  let writeUpId: number;
  let sessionId: number;
  const path = () => `/solutions/${slug}/evidence`;
  type Data = Awaited<ReturnType<typeof evidencePage.loader>>;
  const page = async (viewer: Viewer) => {
    const result = await load(evidencePage, viewer, path(), { slug });
    expect(result.status).toBe(200);
    return result.data as Data;
  };

  beforeAll(async () => {
    const supplier = await createOrganisation("supplier", { name: "Sikri (bevistest)" });
    const cooperation = await createOrganisation("regional_cooperation", { name: "Digitale Helgeland (bevistest)" });
    const solution = await createSolution(coordinator, coordinator, {
      name: "Redusert foreldrebetaling (bevis)",
      owner: { organisationId: cooperation.id },
      supplierIds: [supplier.id],
      status: "pilot",
    });
    slug = solution.slug;
    solutionId = solution.id;
    await record(solution.id, "1820", "in_use", "2025-05-01");
    await record(solution.id, "1833", "in_use", "2025-06-01");
    await record(solution.id, "1804", "piloting", "2025-09-01");
    await record(solution.id, "0301", "interested", "2026-01-10");

    const author = await createMember("member", { municipalityNumber: "1820" });
    const writeUp = await createExperienceAs(author.id, {
      municipalityNumber: "1820",
      title: "Slik kjøpte vi søknadsløsningen sammen",
      procurement: { procedure: "joint_procurement", year: 2025, suppliers: ["Sikri"], valueBand: "1m_5m", partners: ["1833"], lessons: "" },
    });
    writeUpId = writeUp.id;
    const membersOnly = await createExperienceAs(author.id, { municipalityNumber: "1820", title: "Bare for medlemmer: kostnadene", visibility: "members" });
    await db().insert(experienceSolutions).values([
      { experienceId: writeUp.id, solutionId },
      { experienceId: membersOnly.id, solutionId },
    ]);
    const session = await createForumSessionAs(roles.coordinator!.id, "held", { title: "Forummøte om felles løsninger" });
    sessionId = session.id;
    await db().insert(agendaItems).values({ forumSessionId: session.id, position: 1, startOffsetMinutes: 0, durationMinutes: 20, title: "Helgeland viser søknaden", solutionId });
    const draft = await createForumSessionAs(roles.coordinator!.id, "draft", { title: "Hemmelig utkast til møte" });
    await db().insert(agendaItems).values({ forumSessionId: draft.id, position: 1, startOffsetMinutes: 0, durationMinutes: 20, title: "Kommer", solutionId });
  });

  it("gathers name, owner, suppliers, status and its history, adopters by state with numbers, the picture, write-ups with procurement facts and forum sessions", async () => {
    const data = await page(null);
    expect(data.solution).toMatchObject({ slug, name: "Redusert foreldrebetaling (bevis)", status: "pilot" });
    expect(data.owner).toMatchObject({ type: "organisation", name: "Digitale Helgeland (bevistest)" });
    expect(data.suppliers.map((s) => s.name)).toEqual(["Sikri (bevistest)"]);
    expect(data.history).toMatchObject([{ toStatus: "pilot", note: "Godtatt i katalogen." }]);
    expect(data.adopters.map((g) => [g.state, g.municipalities.map((m) => m.number)])).toEqual([
      ["in_use", ["1820", "1833"]],
      ["piloting", ["1804"]],
      ["interested", ["0301"]],
    ]);
    expect(data.adopters[0]!.municipalities[0]).toMatchObject({ number: "1820", name: "Alstahaug", countyName: "Nordland - Nordlánnda", since: "2025-05-01", stale: false });
    expect(data.picture.counts).toEqual(counts({ in_use: 2, piloting: 1, interested: 1 }));
    expect(data.picture.series.at(-1)!.counts).toEqual(data.picture.counts);
    expect(data.writeUps).toEqual([
      expect.objectContaining({
        id: writeUpId,
        title: "Slik kjøpte vi søknadsløsningen sammen",
        municipalityName: "Alstahaug",
        procurement: { procedure: "joint_procurement", year: 2025, suppliers: ["Sikri"], valueBand: "1m_5m" },
      }),
    ]);
    expect(data.forumSessions).toEqual([expect.objectContaining({ id: sessionId, title: "Forummøte om felles løsninger", agendaItemTitle: "Helgeland viser søknaden", upcoming: false })]);
    expect(new Date(data.printedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(data.url).toMatch(new RegExp(`^https?://[^/]+/solutions/${slug}/evidence$`));
  });

  it("keeps people's names and members-only write-ups from visitors and pending members, and shows them to members", async () => {
    for (const viewer of [null, roles.pending]) {
      const data = await page(viewer);
      expect(data.history.map((h) => h.changedByName)).toEqual([null]);
      expect(JSON.stringify(data)).not.toContain(roles.coordinator!.name);
      expect(JSON.stringify(data)).not.toContain("Bare for medlemmer");
      expect(JSON.stringify(data)).not.toContain("Hemmelig utkast");
    }
    const member = await page(roles.member);
    expect(member.history.map((h) => h.changedByName)).toEqual([roles.coordinator!.name]);
    expect(member.writeUps.map((w) => w.title)).toEqual(["Slik kjøpte vi søknadsløsningen sammen", "Bare for medlemmer: kostnadene"]);
    expect(JSON.stringify(member)).not.toContain("Hemmelig utkast");
  });

  it("is 404 for a proposal (even to its proposer and coordinators), a rejected entry and slugs no entry has", async () => {
    const proposer = await createMember("member");
    const proposal = await createSolution(summaryOf(proposer), coordinator, { status: null });
    for (const viewer of [null, proposer, roles.coordinator, roles.admin]) {
      expect((await load(evidencePage, viewer, `/solutions/${proposal.slug}/evidence`, { slug: proposal.slug })).status).toBe(404);
    }
    for (const bad of ["finnes-ikke", "a\u0000b", "x".repeat(10_000), "Store-Bokstaver", "%27%20or%201=1"]) {
      expect((await load(evidencePage, null, "/solutions/x/evidence", { slug: bad })).status).toBe(404);
    }
  });

  it("has a title naming the solution", () => {
    const meta = (evidencePage.meta as unknown as (args: unknown) => { title?: string }[])({
      data: { solution: { name: "Redusert foreldrebetaling (bevis)" } },
      matches: [{ id: "root", data: { language: "en" } }],
    });
    expect(meta[0]!.title).toBe("Evidence: Redusert foreldrebetaling (bevis) – Kommuneforum");
  });
});
