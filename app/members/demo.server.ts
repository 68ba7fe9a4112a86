import { count, inArray } from "drizzle-orm";
import { members } from "../../db/schema";
import { hashPassword } from "./passwords.server";
import { db } from "~/db.server";

export const DEMO_PASSWORD = "demo-passord-2026";

/** The demo members other areas' demo content is written by. */
export const DEMO_EMAIL = {
  admin: "admin@kommuneforum.no",
  coordinator: "koordinator@kommuneforum.no",
  kari: "kari.nordmann@rana.kommune.no",
  ola: "ola.berg@bronnoy.kommune.no",
  marte: "marte.eide@alstahaug.kommune.no",
  sofie: "sofie.johansen@bodo.kommune.no",
  amir: "amir.haddad@oslo.kommune.no",
} as const;

type DemoMember = Pick<typeof members.$inferInsert, "name" | "email" | "jobTitle" | "municipalityNumber" | "role" | "status">;

// The forum's story: Helgeland municipalities working together, a few from elsewhere, one newcomer waiting.
export const DEMO_MEMBERS: DemoMember[] = [
  { name: "Ingrid Solberg", email: DEMO_EMAIL.admin, jobTitle: "Systemansvarlig", municipalityNumber: null, role: "admin", status: "approved" },
  { name: "Lars Hansen", email: DEMO_EMAIL.coordinator, jobTitle: "Klyngekoordinator, Digitale Helgeland", municipalityNumber: "1824", role: "coordinator", status: "approved" },
  { name: "Kari Nordmann", email: DEMO_EMAIL.kari, jobTitle: "Rådgiver digitalisering", municipalityNumber: "1833", role: "member", status: "approved" },
  { name: "Ola Berg", email: DEMO_EMAIL.ola, jobTitle: "Kommunalsjef helse og omsorg", municipalityNumber: "1813", role: "member", status: "approved" },
  { name: "Marte Eide", email: DEMO_EMAIL.marte, jobTitle: "Innkjøpsrådgiver", municipalityNumber: "1820", role: "member", status: "approved" },
  { name: "Sofie Johansen", email: DEMO_EMAIL.sofie, jobTitle: "Prosjektleder velferdsteknologi", municipalityNumber: "1804", role: "member", status: "approved" },
  { name: "Amir Haddad", email: DEMO_EMAIL.amir, jobTitle: "Virksomhetsarkitekt", municipalityNumber: "0301", role: "member", status: "approved" },
  { name: "Per Olsen", email: "per.olsen@hemnes.kommune.no", jobTitle: "IKT-konsulent", municipalityNumber: "1832", role: "member", status: "pending" },
];

export async function hasMembers(): Promise<boolean> {
  const [row] = await db().select({ n: count() }).from(members);
  return (row?.n ?? 0) > 0;
}

/** Adds the demo members that are missing (by email) and prints their sign-ins. */
export async function seedDemoMembers(): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const added = await db()
    .insert(members)
    .values(DEMO_MEMBERS.map((m) => ({ ...m, passwordHash, decidedAt: m.status === "approved" ? new Date() : null })))
    .onConflictDoNothing()
    .returning({ email: members.email });
  if (added.length > 0) {
    console.log(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD}):`);
    for (const m of DEMO_MEMBERS) console.log(`  ${(m.role ?? "member").padEnd(11)} ${(m.status ?? "pending").padEnd(8)} ${m.email}  (${m.name})`);
    console.log("");
  }
  return added.length;
}

/** The demo members who are there, by email: what other areas' demo content needs of them. */
export async function demoPeople() {
  const rows = await db()
    .select({ id: members.id, email: members.email, name: members.name, municipalityNumber: members.municipalityNumber })
    .from(members)
    .where(inArray(members.email, Object.values(DEMO_EMAIL)));
  return new Map(rows.map((m) => [m.email, m]));
}
