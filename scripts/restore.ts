/**
 * npm run restore -- <backup.tar.gz> [--force]: loads a backup made by npm run backup into
 * $DATA_DIR/pglite. An empty DATA_DIR only, unless --force, which moves the database there aside.
 * Stop the server first.
 */
import { parseArgs } from "node:util";
import { databaseOptionsFromEnv } from "~/db.server";
import { restoreEmbeddedDatabase } from "~/lib/backups.server";

const { values, positionals } = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
const options = databaseOptionsFromEnv();
if (positionals.length !== 1) {
  console.error("Usage: npm run restore -- backups/kommuneforum-<time>.tar.gz [--force]");
  process.exit(2);
}
if (options.driver !== "pglite" || !options.dataDir) {
  console.error('DATABASE_URL is set: restore PostgreSQL with pg_restore (README, "Backups").');
  process.exit(2);
}
try {
  const { movedAside } = await restoreEmbeddedDatabase(positionals[0]!, options.dataDir, { force: values.force });
  if (movedAside) console.log(`Moved the database that was there to ${movedAside}.`);
  console.log(`Restored ${positionals[0]} into ${options.dataDir}. Start the server as usual.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
