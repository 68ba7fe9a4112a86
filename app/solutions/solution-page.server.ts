import { eq, sql } from "drizzle-orm";
import { members, municipalities, organisationMunicipalities, organisations, type Adoption } from "../../db/schema";
import { adoptionOf, isStale } from "./adoptions.server";
import { db } from "~/db.server";
import type { ViewerSummary } from "~/members/rights";

export async function municipalityNamed(number: string): Promise<{ number: string; name: string } | undefined> {
  const [row] = await db().select({ number: municipalities.number, name: municipalities.name }).from(municipalities).where(eq(municipalities.number, number));
  return row;
}

/** The regional cooperation the viewer belongs to, with how many municipalities it records for; else undefined. */
export async function cooperationOf(viewer: ViewerSummary | null) {
  if (!viewer?.organisationId) return undefined;
  const [row] = await db()
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      count: sql<number>`(select count(*)::int from ${organisationMunicipalities} where ${organisationMunicipalities.organisationId} = ${organisations.id})`,
    })
    .from(organisations)
    .where(eq(organisations.id, viewer.organisationId));
  if (!row || row.kind !== "regional_cooperation" || row.count === 0) return undefined;
  return { id: row.id, name: row.name, count: row.count };
}

/** A municipality's record as the adoption form shows it (to approved members: the recorder by name). */
export async function adoptionRecord(adoption: Adoption) {
  const [recorder, municipality] = await Promise.all([
    adoption.recordedBy
      ? db()
          .select({ name: members.name })
          .from(members)
          .where(eq(members.id, adoption.recordedBy))
          .then((rows) => rows[0])
      : undefined,
    municipalityNamed(adoption.municipalityNumber),
  ]);
  return {
    municipalityNumber: adoption.municipalityNumber,
    municipalityName: municipality?.name ?? adoption.municipalityNumber,
    state: adoption.state,
    since: adoption.since,
    note: adoption.note,
    openToJointProcurement: adoption.openToJointProcurement,
    confirmedAt: adoption.confirmedAt,
    stale: isStale(adoption),
    version: adoption.version,
    recordedByName: recorder?.name ?? null,
  };
}

export type AdoptionRecord = Awaited<ReturnType<typeof adoptionRecord>>;

/** The stored record of one municipality for the form, if any. */
export async function currentRecord(solutionId: number, municipalityNumber: string) {
  const adoption = await adoptionOf(solutionId, municipalityNumber);
  return adoption ? adoptionRecord(adoption) : null;
}
