/** npm run db:seed:demo — the demo members, forum sessions, topics, write-ups and solutions, into the database in DATABASE_URL (or DATA_DIR). */
import { closeDatabase, databaseOptionsFromEnv, migrateDatabase, openDatabase } from "~/db.server";
import { seedDemoMembers } from "~/members/demo.server";
import { seedBaseData } from "~/base-data.server";
import { seedDemoExperiences } from "~/experiences/demo.server";
import { seedDemoForumSessions } from "~/forum-sessions/demo.server";
import { seedDemoSolutions } from "~/solutions/demo.server";
import { seedDemoTopics } from "~/topics/demo.server";
// Mail about the demo sessions is written in each member's language.
import "~/catalogues/all.server";

await openDatabase(databaseOptionsFromEnv());
try {
  await migrateDatabase();
  await seedBaseData();
  const added = await seedDemoMembers();
  console.log(`${added} demo members added.`);
  console.log(`${await seedDemoForumSessions()} demo forum sessions added.`);
  console.log(`${await seedDemoTopics()} demo topics added.`);
  console.log(`${await seedDemoExperiences()} demo write-ups added.`);
  console.log(`${await seedDemoSolutions()} demo solutions added.`);
} finally {
  await closeDatabase();
}
