/** npm run db:seed:demo — the demo members, into the database in DATABASE_URL (or DATA_DIR). */
import { closeDatabase, databaseOptionsFromEnv, migrateDatabase, openDatabase } from "~/db.server";
import { seedDemoMembers } from "~/members/demo.server";
import { seedBaseData } from "~/base-data.server";

await openDatabase(databaseOptionsFromEnv());
try {
  await migrateDatabase();
  await seedBaseData();
  const added = await seedDemoMembers();
  console.log(`${added} demo members added.`);
} finally {
  await closeDatabase();
}
