import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { JOINT_PROCUREMENT_STATES, adoptions, members, municipalities, solutions, type AdoptionState } from "../../db/schema";
import { listedSolutions } from "./solutions.server";
import { db } from "~/db.server";
import { can, type ViewerSummary } from "~/members/rights";

export interface JointProcurementMunicipality {
  number: string;
  name: string;
  countyName: string;
  state: AdoptionState;
  since: string;
  /** Who recorded it, to ask: for approved members only (null for everyone else, and when nobody is known). */
  contact: { name: string; email: string } | null;
}

export interface JointProcurementCounty {
  number: string;
  name: string;
  municipalities: JointProcurementMunicipality[];
}

const collator = new Intl.Collator("nb");

/**
 * The municipalities interested in or planning a solution and open to procuring it together, by county
 * (in county-number order, names in Norwegian order). Contact names and emails only for approved members.
 */
export async function jointProcurementOf(solutionId: number, viewer: ViewerSummary | null): Promise<JointProcurementCounty[]> {
  const withContacts = can(viewer, "readMembersOnly");
  const rows = await db()
    .select({
      number: adoptions.municipalityNumber,
      name: municipalities.name,
      countyNumber: municipalities.countyNumber,
      countyName: municipalities.countyName,
      state: adoptions.state,
      since: adoptions.since,
      contactName: members.name,
      contactEmail: members.email,
    })
    .from(adoptions)
    .innerJoin(municipalities, eq(municipalities.number, adoptions.municipalityNumber))
    .leftJoin(members, eq(members.id, adoptions.recordedBy))
    .where(and(eq(adoptions.solutionId, solutionId), inArray(adoptions.state, [...JOINT_PROCUREMENT_STATES]), eq(adoptions.openToJointProcurement, true)))
    .orderBy(asc(municipalities.countyNumber));
  const counties: JointProcurementCounty[] = [];
  for (const row of rows) {
    let county = counties.at(-1);
    if (county?.number !== row.countyNumber) counties.push((county = { number: row.countyNumber, name: row.countyName, municipalities: [] }));
    county.municipalities.push({
      number: row.number,
      name: row.name,
      countyName: row.countyName,
      state: row.state,
      since: row.since,
      contact: withContacts && row.contactName != null && row.contactEmail != null ? { name: row.contactName, email: row.contactEmail } : null,
    });
  }
  for (const county of counties) county.municipalities.sort((a, b) => collator.compare(a.name, b.name));
  return counties;
}

export const JOINT_PROCUREMENT_PER_PAGE = 20;

/** One page of the accepted solutions with the most municipalities open to procuring them together, with the total. */
export async function solutionsWithJointInterest(page: number) {
  const where = and(listedSolutions, gt(solutions.jointInterestCount, 0));
  const [rows, [total]] = await Promise.all([
    db()
      .select({
        id: solutions.id,
        slug: solutions.slug,
        name: solutions.name,
        summary: solutions.summary,
        status: solutions.status,
        jointInterestCount: solutions.jointInterestCount,
        inUseCount: solutions.inUseCount,
      })
      .from(solutions)
      .where(where)
      .orderBy(desc(solutions.jointInterestCount), desc(solutions.id))
      .limit(JOINT_PROCUREMENT_PER_PAGE)
      .offset((page - 1) * JOINT_PROCUREMENT_PER_PAGE),
    db().select({ n: sql<number>`count(*)::int` }).from(solutions).where(where),
  ]);
  const n = total?.n ?? 0;
  return { solutions: rows, total: n, pageCount: Math.max(1, Math.ceil(n / JOINT_PROCUREMENT_PER_PAGE)) };
}
