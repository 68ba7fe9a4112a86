import { count } from "drizzle-orm";
import { members } from "../../db/schema";
import { hashPassword } from "./passwords.server";
import { db } from "~/db.server";

export const DEMO_PASSWORD = "demo-passord-2026";

type DemoMember = Pick<typeof members.$inferInsert, "name" | "email" | "jobTitle" | "municipalityNumber" | "role" | "status">;

// The forum's story: Helgeland municipalities working together, a few from elsewhere, one newcomer waiting.
export const DEMO_MEMBERS: DemoMember[] = [
  { name: "Ingrid Solberg", email: "admin@kommuneforum.no", jobTitle: "Systemansvarlig", municipalityNumber: null, role: "admin", status: "approved" },
  { name: "Lars Hansen", email: "koordinator@kommuneforum.no", jobTitle: "Klyngekoordinator, Digitale Helgeland", municipalityNumber: "1824", role: "coordinator", status: "approved" },
  { name: "Kari Nordmann", email: "kari.nordmann@rana.kommune.no", jobTitle: "Rådgiver digitalisering", municipalityNumber: "1833", role: "member", status: "approved" },
  { name: "Ola Berg", email: "ola.berg@bronnoy.kommune.no", jobTitle: "Kommunalsjef helse og omsorg", municipalityNumber: "1813", role: "member", status: "approved" },
  { name: "Marte Eide", email: "marte.eide@alstahaug.kommune.no", jobTitle: "Innkjøpsrådgiver", municipalityNumber: "1820", role: "member", status: "approved" },
  { name: "Sofie Johansen", email: "sofie.johansen@bodo.kommune.no", jobTitle: "Prosjektleder velferdsteknologi", municipalityNumber: "1804", role: "member", status: "approved" },
  { name: "Amir Haddad", email: "amir.haddad@oslo.kommune.no", jobTitle: "Virksomhetsarkitekt", municipalityNumber: "0301", role: "member", status: "approved" },
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
