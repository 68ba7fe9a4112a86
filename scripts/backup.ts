/**
 * npm run backup [-- --to <dir>]: the embedded database ($DATA_DIR/pglite) to
 * <dir>/kommuneforum-<time>.tar.gz (default ./backups). Stop the server first: only one process may open
 * an embedded database. PostgreSQL is backed up with pg_dump (README "Backups").
 */
import { parseArgs } from "node:util";
import { databaseOptionsFromEnv } from "~/db.server";
import { backupEmbeddedDatabase } from "~/lib/backups.server";

const { values } = parseArgs({ options: { to: { type: "string", default: "backups" } } });
const options = databaseOptionsFromEnv();
if (options.driver !== "pglite" || !options.dataDir) {
  console.error('DATABASE_URL is set: back up PostgreSQL with pg_dump -Fc (README, "Backups").');
  process.exit(2);
}
try {
  const started = performance.now();
  const { file, bytes } = await backupEmbeddedDatabase(options.dataDir, values.to);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Backed up ${options.dataDir} to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${seconds} s).`);
} catch (error) {
  const message = (error as Error).message;
  console.error(/in use by/.test(message) ? `${message}\nStop the server, run the backup (a few seconds), then start it again.` : message);
  process.exitCode = 1;
}
