import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { forumSessions, members, municipalities, registrations } from "../../db/schema";
import { db, type Database, type Transaction } from "~/db.server";

export type RegisterResult = "registered" | "closed" | "notFound";

/** Why nothing was written: a session that is not planned is closed, a missing one is "notFound". */
async function whyNot(q: Database, forumSessionId: number): Promise<RegisterResult> {
  const [session] = await q
    .select({ status: forumSessions.status })
    .from(forumSessions)
    .where(eq(forumSessions.id, forumSessionId));
  if (!session) return "notFound";
  return session.status === "planned" ? "registered" : "closed";
}

// Registering and cancelling a registration check the status and write in one statement, holding the
// session row FOR SHARE: a cancellation (which locks it FOR UPDATE) then either waits for the
// registration and tells its member, or goes first, and the registration finds the session closed.
const isPlanned = (forumSessionId: number) => and(eq(forumSessions.id, forumSessionId), eq(forumSessions.status, "planned"));

/** Registers a member; registering twice keeps one registration. Only planned sessions take registrations. */
export async function register(forumSessionId: number, memberId: number, outer?: Transaction): Promise<RegisterResult> {
  const q: Database = outer ?? db();
  const inserted = await q
    .insert(registrations)
    .select(
      q
        .select({
          forumSessionId: forumSessions.id,
          memberId: sql<number>`${memberId}::int`.as("member_id"),
          createdAt: sql<Date>`now()`.as("created_at"),
        })
        .from(forumSessions)
        .where(isPlanned(forumSessionId))
        .for("share"),
    )
    .onConflictDoNothing()
    .returning({ memberId: registrations.memberId });
  return inserted.length > 0 ? "registered" : whyNot(q, forumSessionId);
}

/** Cancels a registration; there is nothing to cancel once the session is held or cancelled. */
export async function cancelRegistration(forumSessionId: number, memberId: number, outer?: Transaction): Promise<RegisterResult> {
  const q: Database = outer ?? db();
  const deleted = await q
    .delete(registrations)
    .where(
      and(
        eq(registrations.forumSessionId, forumSessionId),
        eq(registrations.memberId, memberId),
        inArray(registrations.forumSessionId, q.select({ id: forumSessions.id }).from(forumSessions).where(isPlanned(forumSessionId)).for("share")),
      ),
    )
    .returning({ memberId: registrations.memberId });
  return deleted.length > 0 ? "registered" : whyNot(q, forumSessionId);
}

export async function isRegistered(forumSessionId: number, memberId: number): Promise<boolean> {
  const [row] = await db()
    .select({ memberId: registrations.memberId })
    .from(registrations)
    .where(and(eq(registrations.forumSessionId, forumSessionId), eq(registrations.memberId, memberId)));
  return Boolean(row);
}

/** How many have registered, by county and municipality (the cluster's own people as a null municipality). */
export async function registrationCounts(forumSessionId: number) {
  const rows = await db()
    .select({
      countyName: municipalities.countyName,
      municipalityNumber: municipalities.number,
      municipalityName: municipalities.name,
      count: count(),
    })
    .from(registrations)
    .innerJoin(members, eq(members.id, registrations.memberId))
    .leftJoin(municipalities, eq(municipalities.number, members.municipalityNumber))
    .where(eq(registrations.forumSessionId, forumSessionId))
    .groupBy(municipalities.countyName, municipalities.number, municipalities.name)
    .orderBy(asc(municipalities.countyName), asc(municipalities.name));
  const counties = new Map<string | null, { countyName: string | null; count: number; municipalities: typeof rows }>();
  for (const row of rows) {
    const county = counties.get(row.countyName) ?? { countyName: row.countyName, count: 0, municipalities: [] };
    county.count += row.count;
    county.municipalities.push(row);
    counties.set(row.countyName, county);
  }
  return { total: rows.reduce((sum, r) => sum + r.count, 0), counties: [...counties.values()] };
}

/** The full list, for coordinators and the CSV download. */
export async function listRegistrations(forumSessionId: number) {
  return db()
    .select({
      memberId: members.id,
      name: members.name,
      email: members.email,
      jobTitle: members.jobTitle,
      municipalityNumber: members.municipalityNumber,
      municipalityName: municipalities.name,
      countyName: municipalities.countyName,
      registeredAt: registrations.createdAt,
    })
    .from(registrations)
    .innerJoin(members, eq(members.id, registrations.memberId))
    .leftJoin(municipalities, eq(municipalities.number, members.municipalityNumber))
    .where(eq(registrations.forumSessionId, forumSessionId))
    .orderBy(sql`${municipalities.name} asc nulls first`, asc(members.name));
}
