/**
 * npm run create-admin -- --email someone@kommune.no [--name "Kari Nordmann"]
 * The password comes from ADMIN_PASSWORD, or is asked for. Uses DATABASE_URL, else DATA_DIR.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { closeDatabase, databaseOptionsFromEnv, migrateDatabase, openDatabase } from "~/db.server";
import { ensureAdmin } from "~/members/admin-bootstrap.server";
import { seedBaseData } from "~/base-data.server";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
if (!values.email) {
  console.error('Usage: npm run create-admin -- --email someone@kommune.no [--name "Full Name"]');
  process.exit(2);
}
let password = process.env.ADMIN_PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question("Password (at least 10 characters): ");
  rl.close();
}
await openDatabase(databaseOptionsFromEnv());
try {
  await migrateDatabase();
  await seedBaseData();
  const { created } = await ensureAdmin(values.email, password, values.name);
  console.log(created ? `Admin ${values.email} created.` : `${values.email} already exists; nothing changed.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
