import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openPglite } from "~/db.server";

// Backups of the embedded database (README "Backups"): PGlite's own dump of its data directory, a
// gzipped tarball that PGlite loads back whole. PostgreSQL is backed up with pg_dump instead.

/** kommuneforum-2026-12-04T10-05-00Z.tar.gz: sorts by time, and has no colon for other filesystems. */
export function backupFileName(now = new Date()): string {
  return `kommuneforum-${now.toISOString().slice(0, 19).replace(/:/g, "-")}Z.tar.gz`;
}

/**
 * Writes a backup of the embedded database in `dataDir` ($DATA_DIR/pglite) to `toDir`. It opens the
 * database itself, so the server must be stopped: the DATA_DIR lock (docs/decisions/009) refuses
 * while one runs.
 */
export async function backupEmbeddedDatabase(dataDir: string, toDir: string, now = new Date()): Promise<{ file: string; bytes: number }> {
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) throw new Error(`No embedded database in ${dataDir}.`);
  const handle = await openPglite({ driver: "pglite", dataDir });
  let dump: Blob;
  try {
    dump = await handle.dumpDataDir!();
  } finally {
    await handle.close();
  }
  mkdirSync(toDir, { recursive: true });
  const file = path.resolve(toDir, backupFileName(now));
  // Written aside first: a backup cut short never bears a backup's name.
  writeFileSync(`${file}.partial`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${file}.partial`, file);
  return { file, bytes: statSync(file).size };
}

/**
 * Loads a backup into `dataDir` ($DATA_DIR/pglite). A directory that holds a database is refused unless
 * `force`; then it is moved aside (never deleted) to `<dataDir>.before-restore-<time>`, after opening it
 * once to be sure no server holds it.
 */
export async function restoreEmbeddedDatabase(
  file: string,
  dataDir: string,
  { force = false, now = new Date() }: { force?: boolean; now?: Date } = {},
): Promise<{ movedAside?: string }> {
  const backup = readFileSync(file);
  let movedAside: string | undefined;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!force) {
      throw new Error(`${dataDir} is not empty: restore into an empty DATA_DIR, or add --force to move the database there aside first.`);
    }
    await (await openPglite({ driver: "pglite", dataDir })).close();
    movedAside = `${dataDir}.before-restore-${backupFileName(now).slice("kommuneforum-".length, -".tar.gz".length)}`;
    renameSync(dataDir, movedAside);
  }
  const handle = await openPglite({ driver: "pglite", dataDir, loadDataDir: new Blob([backup]) });
  await handle.close();
  return { movedAside };
}
