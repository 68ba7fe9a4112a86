import { and, asc, count, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adoptionChanges,
  adoptions,
  agendaItems,
  comments,
  emailOutbox,
  members,
  municipalities,
  notifications,
  organisationMunicipalities,
  organisations,
  solutions,
  type SolutionStatus,
} from "../../db/schema";
import { adoptionChangesOf, adoptionsOf, tallyAdoptions } from "./adoptions.server";
import {
  DEMO_COOPERATION_MEMBER,
  DEMO_SOLUTIONS,
  DIGITALE_HELGELAND,
  HELGELAND_MUNICIPALITIES,
  PARENTAL_PAYMENT,
  seedDemoSolutions,
  WELFARE_TECHNOLOGY,
} from "./demo.server";
import { forumSessionsOfSolution } from "./links.server";
import { suggestedStatus } from "./scaling";
import { getSolutionDetails, proposedSolutions, statusHistory } from "./solutions.server";
import { db } from "~/db.server";
import { seedDemoExperiences } from "~/experiences/demo.server";
import { experiencesOfSolution } from "~/experiences/experiences.server";
import { seedDemoForumSessions } from "~/forum-sessions/demo.server";
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemoMembers } from "~/members/demo.server";
import { verifyPassword } from "~/members/passwords.server";
import { seedDemoTopics } from "~/topics/demo.server";

const byName = async (name: string) => (await db().select().from(solutions).where(eq(solutions.name, name)))[0]!;

async function sizes() {
  const [row] = await db()
    .select({
      solutions: sql<number>`(select count(*) from solutions)`.mapWith(Number),
      organisations: sql<number>`(select count(*) from organisations)`.mapWith(Number),
      members: sql<number>`(select count(*) from members)`.mapWith(Number),
      adoptions: sql<number>`(select count(*) from adoptions)`.mapWith(Number),
      changes: sql<number>`(select count(*) from adoption_changes)`.mapWith(Number),
      statuses: sql<number>`(select count(*) from solution_status_changes)`.mapWith(Number),
      comments: sql<number>`(select count(*) from comments)`.mapWith(Number),
      links: sql<number>`(select count(*) from experience_solutions)`.mapWith(Number),
    })
    .from(sql`(values (1)) as one (x)`);
  return row!;
}

describe("demo solution catalogue", () => {
  let added = 0;
  beforeAll(async () => {
    await seedDemoMembers();
    await seedDemoForumSessions();
    await seedDemoTopics();
    await seedDemoExperiences();
    added = await seedDemoSolutions();
  });

  it("seeds six accepted entries and one proposal, once; a second run adds nothing", async () => {
    expect(added).toBe(DEMO_SOLUTIONS.length);
    const rows = await db().select().from(solutions);
    expect(rows.filter((r) => r.review === "accepted")).toHaveLength(6);
    expect(rows.filter((r) => r.review === "proposed")).toHaveLength(1);
    const before = await sizes();
    expect(await seedDemoSolutions()).toBe(0);
    expect(await sizes()).toEqual(before);
  });

  it("has the Helgeland application: owned by Digitale Helgeland, in use in its 16 municipalities, with its components and suppliers", async () => {
    const solution = await byName(PARENTAL_PAYMENT);
    expect(solution).toMatchObject({ review: "accepted", status: "scaling", inUseCount: 16 });
    expect(solution.components).toEqual(
      expect.arrayContaining(["ID-porten", "Maskinporten", "KS Fiks", "SvarUt/SvarInn", "Altinn", "Skatteetatens inntektsopplysninger"]),
    );
    expect(solution.archiveSystems).toEqual(["Elements"]);
    const details = await getSolutionDetails(solution);
    expect(details.owner).toMatchObject({ type: "organisation", name: DIGITALE_HELGELAND, kind: "regional_cooperation" });
    expect(details.suppliers.map((s) => s.name)).toEqual(["Accenture", "Sikri"]);
    expect(details.contact?.email).toBe(DEMO_COOPERATION_MEMBER.email);

    // The cooperation's members are the 16 municipalities the municipality list marks as Helgeland's.
    const [helgeland] = await db().select().from(organisations).where(eq(organisations.name, DIGITALE_HELGELAND));
    const cooperation = await db().select().from(organisationMunicipalities).where(eq(organisationMunicipalities.organisationId, helgeland!.id));
    const region = await db().select({ number: municipalities.number }).from(municipalities).where(eq(municipalities.region, "Helgeland"));
    expect(cooperation.map((m) => m.municipalityNumber).sort()).toEqual(region.map((m) => m.number).sort());
    expect([...HELGELAND_MUNICIPALITIES].sort()).toEqual(region.map((m) => m.number).sort());

    const adopted = await adoptionsOf(solution.id);
    const inUse = adopted.filter((a) => a.state === "in_use");
    expect(inUse.map((a) => a.municipalityNumber).sort()).toEqual([...HELGELAND_MUNICIPALITIES].sort());
    // Elsewhere: interested or planning, most of them open to joint procurement, in more than one county.
    const elsewhere = adopted.filter((a) => !(HELGELAND_MUNICIPALITIES as readonly string[]).includes(a.municipalityNumber));
    expect(elsewhere.every((a) => a.state === "interested" || a.state === "planning")).toBe(true);
    expect(elsewhere.filter((a) => a.openToJointProcurement).length).toBeGreaterThanOrEqual(5);
    expect(new Set(elsewhere.map((a) => a.countyNumber)).size).toBeGreaterThanOrEqual(3);
    expect(solution.jointInterestCount).toBe(elsewhere.filter((a) => a.openToJointProcurement).length);

    // Its history: idea → pilot → in use → scaling, over years, oldest first; every municipality first
    // recorded as planning by the cooperation, then in use.
    const history = await statusHistory(solution.id);
    expect(history.map((h) => h.toStatus)).toEqual(["idea", "pilot", "in_use", "scaling"]);
    expect(history.every((h) => h.note.length > 20)).toBe(true);
    const days = history.map((h) => Date.parse(h.effectiveOn));
    expect(days[3]! - days[0]!).toBeGreaterThan(3 * 365 * 86_400_000);
    expect(days[3]!).toBeLessThan(Date.now());
    const changes = await adoptionChangesOf(solution.id);
    for (const number of HELGELAND_MUNICIPALITIES) {
      const own = changes.filter((c) => c.municipalityNumber === number);
      expect(own[0]!.state).toBe("planning");
      expect(own.at(-1)!.state).toBe("in_use");
    }
    const [via] = await db()
      .select({ n: count() })
      .from(adoptionChanges)
      .where(and(eq(adoptionChanges.solutionId, solution.id), isNotNull(adoptionChanges.viaOrganisationId)));
    expect(via!.n).toBe(16);
  });

  it("has each entry in its intended scaling status, with adoptions across counties that agree with it", async () => {
    const intended: Record<string, SolutionStatus> = {
      [PARENTAL_PAYMENT]: "scaling",
      [WELFARE_TECHNOLOGY]: "in_use",
      "Digital innbyggerdialog i planarbeidet": "pilot",
      "KI-assistent for utkast til vedtak i byggesak": "idea",
      "Digital søknad om økonomisk sosialhjelp": "national",
      "SMS-varsling til innbyggere ved vannbrudd": "retired",
    };
    for (const [name, status] of Object.entries(intended)) {
      const solution = await byName(name);
      expect(solution, name).toMatchObject({ review: "accepted", status });
      const history = await statusHistory(solution.id);
      expect(history.at(-1)!.toStatus, name).toBe(status);
      const adopted = await adoptionsOf(solution.id);
      expect(new Set(adopted.map((a) => a.countyNumber)).size, name).toBeGreaterThanOrEqual(2);
      // The counts the list shows are the database's own.
      expect(solution.inUseCount, name).toBe(adopted.filter((a) => a.state === "in_use").length);
      expect(solution.adoptionCount, name).toBe(adopted.filter((a) => a.state !== "discontinued").length);
      // The welfare-technology platform is in use in seven municipalities: coordinators are shown "scaling".
      const suggestion = suggestedStatus(solution.status, await tallyAdoptions(solution.id));
      expect(suggestion, name).toBe(name === WELFARE_TECHNOLOGY ? "scaling" : null);
    }
    const national = await tallyAdoptions((await byName("Digital søknad om økonomisk sosialhjelp")).id);
    expect(national.inUseCounties).toBeGreaterThanOrEqual(10);
    const retired = await adoptionsOf((await byName("SMS-varsling til innbyggere ved vannbrudd")).id);
    expect(retired.every((a) => a.state === "discontinued")).toBe(true);
    expect(retired.filter((a) => a.stale)).toEqual([]);
    // One adoption has gone unconfirmed for over a year.
    expect((await adoptionsOf((await byName("Digital søknad om økonomisk sosialhjelp")).id)).filter((a) => a.stale)).toHaveLength(1);
  });

  it("keeps one proposal by a demo member waiting for review, with no adoptions", async () => {
    const waiting = await proposedSolutions();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.proposedByName).toBe("Ola Berg");
    expect(await db().select().from(adoptions).where(eq(adoptions.solutionId, waiting[0]!.id))).toEqual([]);
    expect(await statusHistory(waiting[0]!.id)).toEqual([]);
  });

  it("has a demo member of Digitale Helgeland who signs in with the demo password", async () => {
    const [member] = await db().select().from(members).where(eq(members.email, DEMO_COOPERATION_MEMBER.email));
    const [helgeland] = await db().select().from(organisations).where(eq(organisations.name, DIGITALE_HELGELAND));
    expect(member).toMatchObject({ status: "approved", role: "member", municipalityNumber: null, organisationId: helgeland!.id });
    expect(await verifyPassword(member!.passwordHash, DEMO_PASSWORD)).toBe(true);
  });

  it("names the organisations of the story: suppliers, national bodies, a cluster and the regional cooperation", async () => {
    const rows = await db().select({ name: organisations.name, kind: organisations.kind }).from(organisations);
    const kinds = new Map(rows.map((r) => [r.name, r.kind]));
    expect(kinds.get("Sikri")).toBe("supplier");
    expect(kinds.get("Accenture")).toBe("supplier");
    for (const name of ["KS", "Digitaliseringsdirektoratet (Digdir)", "Skatteetaten", "Direktoratet for forvaltning og økonomistyring (DFØ)"]) {
      expect(kinds.get(name), name).toBe("national_body");
    }
    expect(kinds.get("Norway Health Tech")).toBe("cluster");
    expect(kinds.get(DIGITALE_HELGELAND)).toBe("regional_cooperation");
  });

  it("links the welfare-technology platform to the demo write-ups and the agenda items where it was presented", async () => {
    const solution = await byName(WELFARE_TECHNOLOGY);
    const writeUps = await experiencesOfSolution(solution.id, null);
    expect(writeUps.length).toBe(3);
    const sessions = await forumSessionsOfSolution(solution.id, null);
    expect(sessions.map((s) => s.title)).toEqual(expect.arrayContaining(["Velferdsteknologi: fra pilot til drift", "Felles anskaffelser på Helgeland"]));
    const presented = await db().select({ title: agendaItems.title }).from(agendaItems).where(eq(agendaItems.solutionId, solution.id));
    expect(presented.map((a) => a.title).sort()).toEqual([
      "Alstahaug: Slik fikk fem kommuner til én felles anskaffelse",
      "Brønnøy: Digitalt tilsyn på natt – ett år etter",
    ]);
  });

  it("has comments on two solutions, dated after acceptance and before now", async () => {
    const rows = await db()
      .select({ solutionId: comments.solutionId, createdAt: comments.createdAt, reviewedAt: solutions.reviewedAt })
      .from(comments)
      .innerJoin(solutions, eq(solutions.id, comments.solutionId))
      .orderBy(asc(comments.createdAt));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((r) => r.solutionId)).size).toBe(2);
    for (const row of rows) {
      expect(row.createdAt.getTime()).toBeLessThan(Date.now());
      expect(row.createdAt.getTime()).toBeGreaterThan(row.reviewedAt!.getTime());
    }
  });

  it("dates everything in the past, in order, and queues no demo mail", async () => {
    const now = Date.now();
    for (const row of await db().select().from(solutions)) {
      expect(row.createdAt.getTime()).toBeLessThan(now);
      if (row.reviewedAt) expect(row.reviewedAt.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());
      expect(row.statusChangedAt.getTime()).toBeLessThan(now);
    }
    const late = await db()
      .select({ n: count() })
      .from(adoptionChanges)
      .where(sql`${adoptionChanges.since} > current_date or ${adoptionChanges.createdAt} > now() - interval '1 day'`);
    expect(late[0]!.n).toBe(0);
    const notices = await db().select().from(notifications).where(inArray(notifications.kind, ["solution_reviewed", "solution_status_changed"]));
    expect(notices.length).toBeGreaterThanOrEqual(3);
    for (const notice of notices) expect(notice.createdAt.getTime()).toBeLessThan(now - 86_400_000);
    const demoAddresses = [...Object.values(DEMO_EMAIL), DEMO_COOPERATION_MEMBER.email];
    const [mail] = await db().select({ n: count() }).from(emailOutbox).where(inArray(emailOutbox.toAddress, demoAddresses));
    expect(mail!.n).toBe(0);
  });
});
