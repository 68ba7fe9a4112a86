import { closeDatabase, databaseOptionsFromEnv, startDatabase } from "~/db.server";
import { logger } from "~/lib/logger.server";
import { seedMunicipalities } from "~/municipalities/municipalities.server";

/** Opens, migrates and seeds the database. The server listens meanwhile and answers 503. */
export async function startApp(): Promise<void> {
  const started = performance.now();
  await startDatabase(databaseOptionsFromEnv(), async () => {
    const added = await seedMunicipalities();
    if (added > 0) logger.info({ added }, "municipalities seeded");
  });
  logger.info({ ms: Math.round(performance.now() - started) }, "app ready");
}

export async function stopApp(): Promise<void> {
  await closeDatabase();
}
