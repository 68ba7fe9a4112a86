import { closeDatabase, databaseOptionsFromEnv, startDatabase } from "~/db.server";
import { logger } from "~/lib/logger.server";
import { ensureAdmin } from "~/members/admin-bootstrap.server";
import { hasMembers, seedDemoMembers } from "~/members/demo.server";
import { startOutboxWorker, stopOutboxWorker } from "~/notifications/outbox.server";
import { seedBaseData } from "~/base-data.server";
import { seedDemoExperiences } from "~/experiences/demo.server";
import { seedDemoForumSessions } from "~/forum-sessions/demo.server";
import { seedDemoSolutions } from "~/solutions/demo.server";
import { seedDemoTopics } from "~/topics/demo.server";

/** Opens, migrates and seeds the database. The server listens meanwhile and answers 503. */
export async function startApp(): Promise<void> {
  const started = performance.now();
  const fromEnv = databaseOptionsFromEnv();
  const options = fromEnv.driver === "postgres" ? { ...fromEnv, requestTimeouts: true } : fromEnv;
  await startDatabase(options, async () => {
    const added = await seedBaseData();
    if (added.municipalities + added.themes > 0) logger.info(added, "base data seeded");
    // Demo content only on a new embedded database; a DATABASE_URL one gets it from db:seed:demo.
    if (options.driver === "pglite" && process.env.DEMO_CONTENT !== "0" && !(await hasMembers())) {
      await seedDemoMembers();
      await seedDemoForumSessions();
      await seedDemoTopics();
      await seedDemoExperiences();
      await seedDemoSolutions();
    }
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = process.env;
    if (ADMIN_EMAIL && ADMIN_PASSWORD) {
      const { created } = await ensureAdmin(ADMIN_EMAIL, ADMIN_PASSWORD);
      if (created) logger.info({ email: ADMIN_EMAIL }, "admin created from ADMIN_EMAIL");
    }
  });
  startOutboxWorker();
  logger.info({ ms: Math.round(performance.now() - started) }, "app ready");
}

export async function stopApp(): Promise<void> {
  await stopOutboxWorker();
  await closeDatabase();
}
