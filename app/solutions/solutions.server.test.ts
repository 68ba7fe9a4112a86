import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { adoptionChanges, adoptions, auditEvents, notifications, solutions, solutionStatusChanges } from "../../db/schema";
import { createMember, type TestMember } from "../../tests/helpers/members";
import { createOrganisation, createSolution, solutionInput } from "../../tests/helpers/solutions";
import { confirmAdoption, recordAdoption, recordForCooperation, remindUnconfirmedAdoptions, tallyAdoptions } from "./adoptions.server";
import { suggestedStatus } from "./scaling";
import { getSolutionBySlug, proposeSolution, reviewSolution, setSolutionStatus, statusHistory, updateSolution } from "./solutions.server";
import { db } from "~/db.server";
import type { ViewerSummary } from "~/members/rights";

const viewer = (m: TestMember, role: ViewerSummary["role"] = "member", municipalityNumber: string | null = "1833", organisationId: number | null = null): ViewerSummary => ({
  id: m.id,
  name: m.name,
  role,
  status: "approved",
  municipalityNumber,
  organisationId,
});

let proposer: ViewerSummary;
let coordinator: ViewerSummary;
let otherCoordinator: ViewerSummary;

beforeAll(async () => {
  const [p, c, o] = await Promise.all([createMember("member"), createMember("coordinator"), createMember("coordinator")]);
  proposer = viewer(p!);
  coordinator = viewer(c!, "coordinator");
  otherCoordinator = viewer(o!, "coordinator");
});

const inUse = { state: "in_use" as const, since: "2025-03-01", note: "", openToJointProcurement: false };

describe("a solution's life in the catalogue", () => {
  it("is proposed, refused under a name already taken, accepted as a pilot with the timeline's first entry, and the proposer is told", async () => {
    const input = solutionInput({ name: "Søknad om redusert foreldrebetaling (test)" });
    const proposed = await proposeSolution(proposer, input);
    expect(proposed.ok).toBe(true);
    if (!proposed.ok) return;
    expect(proposed.solution).toMatchObject({ review: "proposed", slug: "soknad-om-redusert-foreldrebetaling-test" });

    const duplicate = await proposeSolution(proposer, { ...input, name: "SØKNAD OM REDUSERT FORELDREBETALING (TEST)" });
    expect(duplicate).toEqual({ ok: false, reason: "duplicate", existing: expect.objectContaining({ slug: proposed.solution.slug }) });

    const accepted = await reviewSolution(coordinator, proposed.solution.id, { decision: "accept", status: "pilot", note: "Prøves i Bodø." });
    expect(accepted).toMatchObject({ ok: true, solution: { review: "accepted", status: "pilot" } });
    expect(await reviewSolution(otherCoordinator, proposed.solution.id, { decision: "reject", reason: "for sent" })).toEqual({ ok: false, reason: "alreadyReviewed" });
    expect(await statusHistory(proposed.solution.id)).toMatchObject([{ fromStatus: null, toStatus: "pilot", note: "Prøves i Bodø." }]);
    const told = await db().select().from(notifications).where(eq(notifications.memberId, proposer.id));
    expect(told.map((n) => [n.kind, n.params.review])).toContainEqual(["solution_reviewed", "accepted"]);
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.subjectType, "solution"), eq(auditEvents.subjectId, String(proposed.solution.id))));
    expect(audit.map((a) => a.action)).toEqual(["solution.accept"]);
  });

  it("lets two proposals of one name race: one is kept, the other is told which", async () => {
    const input = solutionInput();
    const results = await Promise.all([proposeSolution(proposer, input), proposeSolution(proposer, { ...input, name: input.name.toUpperCase() })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: "duplicate" });
  });

  it("refuses an edit based on an older version, and lets a proposer edit only until review", async () => {
    const solution = await createSolution(proposer, coordinator, { status: null });
    const edited = await updateSolution(proposer, solution.id, solution.version, solutionInput({ name: solution.name, summary: "Ny oppsummering." }));
    expect(edited).toMatchObject({ ok: true, solution: { summary: "Ny oppsummering.", version: 2 } });
    const stale = await updateSolution(coordinator, solution.id, solution.version, solutionInput({ name: solution.name }));
    expect(stale).toMatchObject({ ok: false, reason: "stale", current: { summary: "Ny oppsummering." } });
    await reviewSolution(coordinator, solution.id, { decision: "reject", reason: "Finnes fra før." });
    expect(await updateSolution(proposer, solution.id, 3, solutionInput({ name: solution.name }))).toEqual({ ok: false, reason: "forbidden" });
  });

  it("lets one of two coordinators changing the status from the same old one win; the other is told and no entry is lost", async () => {
    const solution = await createSolution(proposer, coordinator);
    const [first, second] = await Promise.all([
      setSolutionStatus(coordinator, solution.id, { fromStatus: "pilot", toStatus: "in_use", note: "I drift i Bodø." }),
      setSolutionStatus(otherCoordinator, solution.id, { fromStatus: "pilot", toStatus: "retired", note: "Lagt ned." }),
    ]);
    const outcomes = [first, second];
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const refused = outcomes.find((o) => !o.ok);
    expect(refused).toMatchObject({ ok: false, reason: "stale" });
    const history = await statusHistory(solution.id);
    expect(history).toHaveLength(2);
    const won = outcomes.find((o) => o.ok)!;
    expect(history[1]!.toStatus).toBe(won.ok ? won.solution.status : undefined);
    expect((await getSolutionBySlug(solution.slug))!.status).toBe(history[1]!.toStatus);
  });
});

describe("adoptions", () => {
  it("counts municipalities in use (kept by the database), keeps every change, refuses another municipality's member, and suggests scaling at three", async () => {
    const solution = await createSolution(proposer, coordinator);
    const bodo = await createMember("member", { municipalityNumber: "1804" });
    const bodoMember = viewer(bodo, "member", "1804");
    expect(await recordAdoption(bodoMember, solution.id, "1833", inUse, null)).toEqual({ ok: false, reason: "forbidden" });

    const first = await recordAdoption(bodoMember, solution.id, "1804", { ...inUse, state: "interested", openToJointProcurement: true }, null);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect((await getSolutionBySlug(solution.slug))!).toMatchObject({ inUseCount: 0, adoptionCount: 1, jointInterestCount: 1 });
    // A form opened before the first recording is told of it instead of overwriting it.
    expect(await recordAdoption(bodoMember, solution.id, "1804", inUse, null)).toMatchObject({ ok: false, reason: "stale" });
    expect(await recordAdoption(bodoMember, solution.id, "1804", inUse, first.adoption.version)).toMatchObject({ ok: true });
    await recordAdoption(coordinator, solution.id, "1833", inUse, null);
    expect(suggestedStatus("pilot", await tallyAdoptions(solution.id))).toBe("in_use");
    await recordAdoption(coordinator, solution.id, "0301", inUse, null);
    const tally = await tallyAdoptions(solution.id);
    // Bodø and Rana are both in Nordland.
    expect(tally).toEqual({ byState: { in_use: 3 }, inUseCounties: 2 });
    expect(suggestedStatus("pilot", tally)).toBe("scaling");
    expect(suggestedStatus("scaling", tally)).toBeNull();
    expect((await getSolutionBySlug(solution.slug))!).toMatchObject({ inUseCount: 3, adoptionCount: 3, jointInterestCount: 0 });

    const changes = await db().select().from(adoptionChanges).where(eq(adoptionChanges.solutionId, solution.id));
    expect(changes.map((c) => [c.municipalityNumber, c.state])).toEqual([
      ["1804", "interested"],
      ["1804", "in_use"],
      ["1833", "in_use"],
      ["0301", "in_use"],
    ]);
    // The coordinator's own municipality (1833) is a member's act; Oslo's is a coordinator's, audited.
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.action, "adoption.record"));
    const audited = audit.filter((a) => (a.after as { solutionId: number }).solutionId === solution.id);
    expect(audited.map((a) => (a.after as { municipalityNumber: string }).municipalityNumber)).toEqual(["0301"]);
  });

  it("lets a regional cooperation's member record for all its municipalities at once, not for another cooperation", async () => {
    const solution = await createSolution(proposer, coordinator);
    const helgeland = await createOrganisation("regional_cooperation", { municipalities: ["1804", "1833", "1820"] });
    const other = await createOrganisation("regional_cooperation", { municipalities: ["0301"] });
    const staff = viewer(await createMember("member", { organisationId: helgeland.id }), "member", null, helgeland.id);
    expect(await recordForCooperation(staff, other.id, solution.id, inUse)).toEqual({ ok: false, reason: "forbidden" });
    expect(await recordForCooperation(staff, helgeland.id, solution.id, inUse)).toEqual({ ok: true, recorded: 3 });
    const rows = await db().select().from(adoptions).where(eq(adoptions.solutionId, solution.id));
    expect(rows.map((r) => [r.municipalityNumber, r.state, r.viaOrganisationId]).sort()).toEqual([
      ["1804", "in_use", helgeland.id],
      ["1820", "in_use", helgeland.id],
      ["1833", "in_use", helgeland.id],
    ]);
  });

  it("reminds the recorder of an adoption unconfirmed for a year, once, until it is confirmed", async () => {
    const solution = await createSolution(proposer, coordinator);
    const recorder = await createMember("member", { municipalityNumber: "1804" });
    const recorded = await recordAdoption(viewer(recorder, "member", "1804"), solution.id, "1804", inUse, null);
    if (!recorded.ok) throw new Error("not recorded");
    await db().update(adoptions).set({ confirmedAt: new Date(Date.now() - 400 * 86_400_000) }).where(eq(adoptions.id, recorded.adoption.id));
    expect(await remindUnconfirmedAdoptions()).toBeGreaterThanOrEqual(1);
    const reminders = async () => (await db().select().from(notifications).where(and(eq(notifications.memberId, recorder.id), eq(notifications.kind, "adoption_unconfirmed")))).length;
    expect(await reminders()).toBe(1);
    await remindUnconfirmedAdoptions();
    expect(await reminders()).toBe(1);
    expect(await confirmAdoption(viewer(recorder, "member", "1804"), recorded.adoption.id)).toEqual({ ok: true });
    const [confirmed] = await db().select().from(adoptions).where(eq(adoptions.id, recorded.adoption.id));
    expect(Date.now() - confirmed!.confirmedAt.getTime()).toBeLessThan(60_000);
  });

  it("never lets a status change be written for a proposal that was not accepted", async () => {
    const solution = await createSolution(proposer, coordinator, { status: null });
    expect(await setSolutionStatus(coordinator, solution.id, { fromStatus: "idea", toStatus: "pilot", note: "x" })).toEqual({ ok: false, reason: "notAccepted" });
    expect(await db().select().from(solutionStatusChanges).where(eq(solutionStatusChanges.solutionId, solution.id))).toEqual([]);
    expect(await recordAdoption(coordinator, solution.id, "1804", inUse, null)).toEqual({ ok: false, reason: "notFound" });
    expect((await db().select({ review: solutions.review }).from(solutions).where(eq(solutions.id, solution.id)))[0]).toEqual({ review: "proposed" });
  });
});
