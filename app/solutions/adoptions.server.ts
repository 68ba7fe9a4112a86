import { and, asc, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import {
  ADOPTION_STALE_DAYS,
  adoptionChanges,
  adoptions,
  members,
  municipalities,
  organisationMunicipalities,
  organisations,
  solutions,
  type Adoption,
  type AdoptionState,
} from "../../db/schema";
import { db, type Transaction } from "~/db.server";
import { audited } from "~/lib/audit.server";
import { can, type ViewerSummary } from "~/members/rights";
import { notifyMembers } from "~/notifications/notify.server";

export interface AdoptionInput {
  state: AdoptionState;
  /** YYYY-MM-DD: since when the municipality has been in this state. */
  since: string;
  note: string;
  openToJointProcurement: boolean;
}

// ——— Rights ———

/** A member records their own municipality's adoption; coordinators any municipality's. */
export function mayRecordAdoption(viewer: ViewerSummary | null | undefined, municipalityNumber: string): boolean {
  return can(viewer, "coordinate") || can(viewer, "recordAdoption", { municipalityNumber });
}

/**
 * Who may record for all of a regional cooperation's municipalities at once: an approved member who
 * belongs to it, or a coordinator.
 */
export function mayRecordForCooperation(viewer: ViewerSummary | null | undefined, organisationId: number): boolean {
  return can(viewer, "coordinate") || (can(viewer, "write") && viewer?.organisationId === organisationId);
}

// ——— Reading ———

/** Whether an adoption has gone unconfirmed long enough to show as possibly stale. */
export function isStale(adoption: Pick<Adoption, "confirmedAt" | "state">, now = new Date()): boolean {
  return adoption.state !== "discontinued" && now.getTime() - adoption.confirmedAt.getTime() > ADOPTION_STALE_DAYS * 86_400_000;
}

/** Every municipality's relation to one solution, by county and name, with who recorded it. */
export async function adoptionsOf(solutionId: number) {
  const rows = await db()
    .select({
      id: adoptions.id,
      municipalityNumber: adoptions.municipalityNumber,
      municipalityName: municipalities.name,
      countyNumber: municipalities.countyNumber,
      countyName: municipalities.countyName,
      state: adoptions.state,
      since: adoptions.since,
      note: adoptions.note,
      openToJointProcurement: adoptions.openToJointProcurement,
      confirmedAt: adoptions.confirmedAt,
      recordedBy: adoptions.recordedBy,
      viaOrganisationName: organisations.name,
      version: adoptions.version,
    })
    .from(adoptions)
    .innerJoin(municipalities, eq(municipalities.number, adoptions.municipalityNumber))
    .leftJoin(organisations, eq(organisations.id, adoptions.viaOrganisationId))
    .where(eq(adoptions.solutionId, solutionId))
    .orderBy(asc(municipalities.countyNumber), asc(municipalities.name));
  // The recorders by their ids, apart: joined in, the planner read all 5,000 members for a busy solution (20 ms).
  const recorderIds = [...new Set(rows.map((row) => row.recordedBy).filter((id): id is number => id !== null))];
  const recorders = new Map(
    recorderIds.length === 0
      ? []
      : (await db().select({ id: members.id, name: members.name, email: members.email }).from(members).where(inArray(members.id, recorderIds))).map((m) => [m.id, m]),
  );
  const now = new Date();
  return rows.map((row) => {
    const recorder = row.recordedBy === null ? undefined : recorders.get(row.recordedBy);
    return { ...row, recordedByName: recorder?.name ?? null, recordedByEmail: recorder?.email ?? null, stale: isStale(row, now) };
  });
}

/** One municipality's adoption of one solution, if recorded. */
export async function adoptionOf(solutionId: number, municipalityNumber: string): Promise<Adoption | undefined> {
  const [row] = await db()
    .select()
    .from(adoptions)
    .where(and(eq(adoptions.solutionId, solutionId), eq(adoptions.municipalityNumber, municipalityNumber)));
  return row;
}

/** Every recorded change of a solution's adoptions, oldest first: the chart and the timeline read it. */
export function adoptionChangesOf(solutionId: number) {
  return db()
    .select({
      municipalityNumber: adoptionChanges.municipalityNumber,
      state: adoptionChanges.state,
      since: adoptionChanges.since,
      createdAt: adoptionChanges.createdAt,
    })
    .from(adoptionChanges)
    .where(eq(adoptionChanges.solutionId, solutionId))
    .orderBy(asc(adoptionChanges.since), asc(adoptionChanges.id));
}

/** Municipalities per adoption state and the counties where it is in use: the page's counts and the scaling suggestion. */
export async function tallyAdoptions(solutionId: number) {
  const [byState, counties] = await Promise.all([
    db()
      .select({ state: adoptions.state, n: sql<number>`count(*)::int` })
      .from(adoptions)
      .where(eq(adoptions.solutionId, solutionId))
      .groupBy(adoptions.state),
    db()
      .select({ n: sql<number>`count(distinct ${municipalities.countyNumber})::int` })
      .from(adoptions)
      .innerJoin(municipalities, eq(municipalities.number, adoptions.municipalityNumber))
      .where(and(eq(adoptions.solutionId, solutionId), eq(adoptions.state, "in_use"))),
  ]);
  return {
    byState: Object.fromEntries(byState.map((r) => [r.state, r.n])) as Partial<Record<AdoptionState, number>>,
    inUseCounties: counties[0]?.n ?? 0,
  };
}

// ——— Writing ———

export type RecordResult =
  | { ok: true; adoption: Adoption }
  | { ok: false; reason: "notFound" | "forbidden" }
  | { ok: false; reason: "stale"; current: Adoption };

async function writeAdoption(
  tx: Transaction,
  solutionId: number,
  municipalityNumber: string,
  input: AdoptionInput,
  recordedBy: number,
  viaOrganisationId: number | null,
  basedOnVersion: number | null | undefined,
): Promise<{ before: Adoption | null; after: Adoption } | { stale: Adoption }> {
  const [current] = await tx
    .select()
    .from(adoptions)
    .where(and(eq(adoptions.solutionId, solutionId), eq(adoptions.municipalityNumber, municipalityNumber)))
    .for("update");
  // undefined: no check (a cooperation recording for all); null: the form saw none; a number: the version it saw.
  if (basedOnVersion !== undefined && (current?.version ?? null) !== basedOnVersion && current) return { stale: current };
  const values = {
    state: input.state,
    since: input.since,
    note: input.note,
    openToJointProcurement: input.openToJointProcurement,
    recordedBy,
    viaOrganisationId,
    confirmedAt: sql`now()`,
    remindedAt: null,
  };
  const [after] = current
    ? await tx
        .update(adoptions)
        .set({ ...values, version: current.version + 1, updatedAt: sql`now()` })
        .where(eq(adoptions.id, current.id))
        .returning()
    : await tx
        .insert(adoptions)
        .values({ solutionId, municipalityNumber, ...values })
        .onConflictDoNothing()
        .returning();
  // Two first recordings at once: the other insert won. Tell this one, as for any stale write.
  if (!after) {
    const [won] = await tx
      .select()
      .from(adoptions)
      .where(and(eq(adoptions.solutionId, solutionId), eq(adoptions.municipalityNumber, municipalityNumber)));
    return { stale: won! };
  }
  await tx.insert(adoptionChanges).values({
    adoptionId: after.id,
    solutionId,
    municipalityNumber,
    state: input.state,
    since: input.since,
    note: input.note,
    openToJointProcurement: input.openToJointProcurement,
    recordedBy,
    viaOrganisationId,
  });
  return { before: current ?? null, after };
}

const acceptedSolution = async (tx: Transaction, solutionId: number) =>
  (await tx.select({ id: solutions.id }).from(solutions).where(and(eq(solutions.id, solutionId), eq(solutions.review, "accepted"))).for("key share"))[0];

/**
 * Records (or changes) one municipality's relation to an accepted solution. `basedOnVersion` is the
 * version the form showed (null when it showed none): a change recorded meanwhile by someone else is
 * refused with the stored one. Every change is kept; a coordinator's recording is audited.
 */
export async function recordAdoption(
  actor: ViewerSummary,
  solutionId: number,
  municipalityNumber: string,
  input: AdoptionInput,
  basedOnVersion: number | null,
): Promise<RecordResult> {
  if (!mayRecordAdoption(actor, municipalityNumber)) return { ok: false, reason: "forbidden" };
  let result: RecordResult = { ok: false, reason: "notFound" };
  const write = async (tx: Transaction) => {
    if (!(await acceptedSolution(tx, solutionId))) return null;
    const written = await writeAdoption(tx, solutionId, municipalityNumber, input, actor.id, null, basedOnVersion);
    if ("stale" in written) {
      result = { ok: false, reason: "stale", current: written.stale };
      return null;
    }
    result = { ok: true, adoption: written.after };
    return { before: written.before && adoptionView(written.before), after: adoptionView(written.after), subjectId: written.after.id };
  };
  const ownMunicipality = actor.municipalityNumber === municipalityNumber;
  if (can(actor, "coordinate") && !ownMunicipality) await audited(actor.id, "adoption.record", { type: "adoption", id: 0 }, write);
  else await db().transaction(write);
  return result;
}

const adoptionView = (a: Adoption) => ({
  solutionId: a.solutionId,
  municipalityNumber: a.municipalityNumber,
  state: a.state,
  since: a.since,
  note: a.note,
  openToJointProcurement: a.openToJointProcurement,
});

export type CooperationResult = { ok: true; recorded: number } | { ok: false; reason: "notFound" | "forbidden" | "notCooperation" };

/**
 * A regional cooperation records the same relation for all its member municipalities at once, each a
 * change of its own (marked as recorded through the cooperation). Audited when a coordinator does it.
 */
export async function recordForCooperation(
  actor: ViewerSummary,
  organisationId: number,
  solutionId: number,
  input: AdoptionInput,
): Promise<CooperationResult> {
  if (!mayRecordForCooperation(actor, organisationId)) return { ok: false, reason: "forbidden" };
  let result: CooperationResult = { ok: false, reason: "notFound" };
  const write = async (tx: Transaction) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
    if (!organisation) return null;
    if (organisation.kind !== "regional_cooperation") {
      result = { ok: false, reason: "notCooperation" };
      return null;
    }
    if (!(await acceptedSolution(tx, solutionId))) return null;
    const memberMunicipalities = await tx
      .select({ number: organisationMunicipalities.municipalityNumber })
      .from(organisationMunicipalities)
      .where(eq(organisationMunicipalities.organisationId, organisationId))
      .orderBy(asc(organisationMunicipalities.municipalityNumber));
    for (const { number } of memberMunicipalities) await writeAdoption(tx, solutionId, number, input, actor.id, organisationId, undefined);
    result = { ok: true, recorded: memberMunicipalities.length };
    return { before: null, after: { solutionId, organisationId, municipalities: memberMunicipalities.map((m) => m.number), ...input } };
  };
  if (can(actor, "coordinate")) await audited(actor.id, "adoption.recordForCooperation", { type: "organisation", id: organisationId }, write);
  else await db().transaction(write);
  return result;
}

/**
 * "Still true": the adoption is confirmed today by someone who may record it, who becomes its contact.
 * A coordinator confirming another municipality's adoption is audited, as their recording is.
 */
export async function confirmAdoption(actor: ViewerSummary, adoptionId: number): Promise<{ ok: boolean }> {
  let ok = false;
  const write = async (tx: Transaction) => {
    const [before] = await tx.select().from(adoptions).where(eq(adoptions.id, adoptionId)).for("update");
    if (!before || !mayRecordAdoption(actor, before.municipalityNumber)) return null;
    const [after] = await tx
      .update(adoptions)
      .set({ confirmedAt: sql`now()`, remindedAt: null, recordedBy: actor.id })
      .where(eq(adoptions.id, adoptionId))
      .returning();
    ok = true;
    const confirmation = (a: Adoption) => ({ ...adoptionView(a), confirmedAt: a.confirmedAt.toISOString(), recordedBy: a.recordedBy });
    return { before: confirmation(before), after: confirmation(after!) };
  };
  const [adoption] = await db().select({ municipalityNumber: adoptions.municipalityNumber }).from(adoptions).where(eq(adoptions.id, adoptionId));
  if (!adoption) return { ok: false };
  if (can(actor, "coordinate") && actor.municipalityNumber !== adoption.municipalityNumber) {
    await audited(actor.id, "adoption.confirm", { type: "adoption", id: adoptionId }, write);
  } else await db().transaction(write);
  return { ok };
}

/**
 * Tells each recorder of an adoption unconfirmed for a year to confirm or change it, once per such
 * year (confirming resets it). Run by the outbox worker's housekeeping, which then sends the mail;
 * returns how many were told.
 */
export async function remindUnconfirmedAdoptions(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ADOPTION_STALE_DAYS * 86_400_000);
  const told = await db().transaction(async (tx) => {
    // Several app processes may run this at once: each takes the rows no other holds, so one reminder each.
    const due = await tx
      .select({
        id: adoptions.id,
        recordedBy: adoptions.recordedBy,
        solutionName: solutions.name,
        slug: solutions.slug,
        municipalityName: municipalities.name,
      })
      .from(adoptions)
      .innerJoin(solutions, eq(solutions.id, adoptions.solutionId))
      .innerJoin(municipalities, eq(municipalities.number, adoptions.municipalityNumber))
      .where(
        and(
          ne(adoptions.state, "discontinued"),
          lt(adoptions.confirmedAt, cutoff),
          or(isNull(adoptions.remindedAt), lt(adoptions.remindedAt, cutoff)),
          sql`${adoptions.recordedBy} is not null`,
        ),
      )
      .limit(500)
      .for("update", { of: adoptions, skipLocked: true });
    for (const row of due) {
      await notifyMembers(tx, [row.recordedBy!], {
        kind: "adoption_unconfirmed",
        params: { name: row.solutionName, municipality: row.municipalityName },
        url: `/solutions/${row.slug}#adoption`,
      });
    }
    if (due.length > 0) {
      await tx
        .update(adoptions)
        .set({ remindedAt: now })
        .where(inArray(adoptions.id, due.map((r) => r.id)));
    }
    return due.length;
  });
  return told;
}
