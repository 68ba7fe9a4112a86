import { and, asc, count, eq, sql } from "drizzle-orm";
import { forumSessions, members, municipalities, registrations } from "../../db/schema";
import { db } from "~/db.server";

export type RegisterResult = "registered" | "closed" | "notFound";

/** Registration is open while a session is planned; a missing session is "notFound". */
async function registrationState(forumSessionId: number): Promise<RegisterResult> {
  const [session] = await db()
    .select({ status: forumSessions.status })
    .from(forumSessions)
    .where(eq(forumSessions.id, forumSessionId));
  if (!session) return "notFound";
  return session.status === "planned" ? "registered" : "closed";
}

/** Registers a member; registering twice keeps one registration. Only planned sessions take registrations. */
export async function register(forumSessionId: number, memberId: number): Promise<RegisterResult> {
  const state = await registrationState(forumSessionId);
  if (state !== "registered") return state;
  await db().insert(registrations).values({ forumSessionId, memberId }).onConflictDoNothing();
  return state;
}

/** Cancels a registration; there is nothing to cancel once the session is held or cancelled. */
export async function cancelRegistration(forumSessionId: number, memberId: number): Promise<RegisterResult> {
  const state = await registrationState(forumSessionId);
  if (state !== "registered") return state;
  await db()
    .delete(registrations)
    .where(and(eq(registrations.forumSessionId, forumSessionId), eq(registrations.memberId, memberId)));
  return state;
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
