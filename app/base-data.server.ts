import { DEFAULT_THEMES, themes } from "../db/schema";
import { db } from "~/db.server";
import { seedMunicipalities } from "~/municipalities/municipalities.server";

/** The data every database needs, seeded idempotently on every start: municipalities and themes. */
export async function seedBaseData(): Promise<{ municipalities: number; themes: number }> {
  const municipalities = await seedMunicipalities();
  const added = await db().insert(themes).values([...DEFAULT_THEMES]).onConflictDoNothing().returning({ id: themes.id });
  return { municipalities, themes: added.length };
}
