import { asc } from "drizzle-orm";
import { municipalities } from "../../db/schema";
import { db } from "~/db.server";

/** "1804 Bodø" for the sign-up form's list, by name: the number first, so any choice parses unambiguously. */
export async function listMunicipalityOptions(): Promise<string[]> {
  const rows = await db()
    .select({ number: municipalities.number, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.number));
  const collator = new Intl.Collator("nb");
  return rows.sort((a, b) => collator.compare(a.name, b.name)).map((m) => `${m.number} ${m.name}`);
}
