import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Socket } from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { Logger, SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "../db/schema";
import { logger } from "~/lib/logger.server";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type DatabaseOptions =
  | {
      driver: "postgres";
      url: string;
      poolSize?: number;
      /** The server's limits on every pooled connection (statement and idle-in-transaction timeouts); not for seeding. */
      requestTimeouts?: boolean;
    }
  | { driver: "pglite"; dataDir?: string; loadDataDir?: Blob };

interface Handle {
  readonly db: Database;
  options: DatabaseOptions;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The embedded database's files as a gzipped tarball (npm run backup); PGlite only. */
  dumpDataDir?(): Promise<Blob>;
  /** Whether the database answers `select 1` on a connection of its own within timeoutMs. */
  probe(timeoutMs: number): Promise<boolean>;
  /** Drops every pooled connection, stalled ones too: the next query opens a fresh one. */
  resetPool(): void;
}

export type DatabaseStatus = "starting" | "ready" | "unavailable";

interface State {
  handle?: Handle;
  status: DatabaseStatus;
  probe?: Promise<void>;
  /** The one probe in flight, shared by every request that asks meanwhile. */
  check?: Promise<boolean>;
}

// Kept on globalThis so the dev server's module reloads reuse the one open database.
const stateKey = Symbol.for("kommuneforum.database");
const globalState = globalThis as typeof globalThis & { [stateKey]?: State };
const state: State = (globalState[stateKey] ??= { status: "starting" });

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
// Any fixed number: every app process takes the same lock before migrating.
const MIGRATION_LOCK = 7_304_511;

export function databaseOptionsFromEnv(env = process.env): DatabaseOptions {
  if (env.DATABASE_URL) return { driver: "postgres", url: env.DATABASE_URL };
  return { driver: "pglite", dataDir: path.resolve(env.DATA_DIR ?? "data", "pglite") };
}

export function db(): Database {
  if (!state.handle) throw new Error("The database is not open; call openDatabase() first.");
  return state.handle.db;
}

/** How the open database was opened (tests use it to reach the same database a second way). */
export function currentDatabaseOptions(): DatabaseOptions | undefined {
  return state.handle?.options;
}

export function databaseStatus(): DatabaseStatus {
  return state.status;
}

export async function openDatabase(options: DatabaseOptions): Promise<Handle> {
  if (state.handle) return state.handle;
  state.handle = options.driver === "postgres" ? openPostgres(options) : await openPglite(options);
  return state.handle;
}

export async function closeDatabase(): Promise<void> {
  const handle = state.handle;
  state.handle = undefined;
  state.status = "starting";
  await handle?.close();
}

export async function migrateDatabase(): Promise<void> {
  if (!state.handle) throw new Error("The database is not open.");
  await state.handle.migrate();
}

// How long a probe's fresh connection may take to answer `select 1` before the database counts as gone.
export const PROBE_TIMEOUT_MS = 1_000;

/**
 * Whether the database answers, asked on a fresh connection (a pooled one may be the stalled one).
 * Every caller while a probe is in flight shares it, so an outage costs one connection attempt, not one per request.
 */
export function probeDatabase(): Promise<boolean> {
  if (!state.handle) return Promise.resolve(false);
  return (state.check ??= state.handle.probe(PROBE_TIMEOUT_MS).finally(() => (state.check = undefined)));
}

/**
 * Brings the database up for a server: waits until it answers (logging once while it does not),
 * migrates and runs the start-up tasks. Never rejects for an unreachable database; it keeps trying.
 */
export async function startDatabase(options: DatabaseOptions, onReady: () => Promise<void>): Promise<void> {
  await openDatabase(options);
  await untilReachable();
  await migrateDatabase();
  await onReady();
  state.status = "ready";
  logger.info({ driver: options.driver }, "database ready");
}

/**
 * Called when the probe found the database gone: answer 503 until it is back, and drop the pool's
 * connections, which may hang on a stalled socket and would hold the first requests after it returns.
 */
export function markDatabaseUnavailable(): void {
  if (state.status !== "ready") return;
  state.status = "unavailable";
  state.handle?.resetPool();
  state.probe ??= untilReachable().then(() => {
    state.handle?.resetPool();
    state.status = "ready";
    state.probe = undefined;
    logger.info("database reachable again");
  });
}

/**
 * Called when a query failed on a broken connection: one connection (a terminated backend) is not an
 * outage. Only when the probe finds the database gone does the process answer 503.
 */
export function noteConnectionError(): void {
  if (state.status !== "ready") return;
  void probeDatabase().then((up) => up || markDatabaseUnavailable());
}

async function untilReachable(): Promise<void> {
  let attempt = 0;
  while (!(await probeDatabase())) {
    if (attempt % 30 === 0) {
      logger.error(
        { target: describe(state.handle?.options) },
        "database unreachable: answering 503 and retrying every 2 s",
      );
    }
    attempt++;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    if (!state.handle) return;
  }
}

function describe(options?: DatabaseOptions): string {
  if (!options) return "none";
  if (options.driver === "pglite") return `pglite:${options.dataDir ?? "memory"}`;
  const url = new URL(options.url);
  return `postgres://${url.hostname}:${url.port || 5432}${url.pathname}`;
}

const CONNECTION_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
]);

/** True when an error (or its cause) means the database cannot be reached, not that a query was wrong. */
export function isConnectionError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_ERRORS.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** QUERY_LOG=<file> appends every query as a JSON line: the benchmark EXPLAINs what each page runs. */
function queryLogger(): Logger | undefined {
  const file = process.env.QUERY_LOG;
  if (!file) return undefined;
  return { logQuery: (query, params) => appendFileSync(file, `${JSON.stringify({ query, params })}\n`) };
}

// The server's connections (docs/decisions/017): a connection attempt gives up after 2 s, a statement
// after 5 s, and a transaction left idle (a request that died mid-way) is ended after 10 s.
export const CONNECT_TIMEOUT_S = 2;
export const STATEMENT_TIMEOUT_MS = 5_000;
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000;
/** The pool's connections say who they are, so an operator (or a test) can find them in pg_stat_activity. */
export const APPLICATION_NAME = "kommuneforum";

/**
 * postgres.js looks up a new connection's array types in a promise nobody awaits (its connection.js,
 * fetchArrayTypes): when the pool is dropped in an outage while a connection is being set up, that
 * promise rejects unhandled, which would end the process. Such a rejection is logged; any other is
 * thrown, as Node would.
 */
function survivePoolDrops() {
  const key = Symbol.for("kommuneforum.survivePoolDrops");
  const marked = process as typeof process & { [key]?: true };
  if (marked[key]) return;
  marked[key] = true;
  process.on("unhandledRejection", (reason) => {
    if (!isConnectionError(reason)) throw reason;
    logger.warn({ err: reason }, "a database connection was dropped while it was being set up");
  });
}

function openPostgres(options: Extract<DatabaseOptions, { driver: "postgres" }>): Handle {
  if (options.requestTimeouts) survivePoolDrops();
  const connect = () =>
    postgres(options.url, {
      max: options.poolSize ?? 10,
      connect_timeout: CONNECT_TIMEOUT_S,
      idle_timeout: 60,
      onnotice: () => {},
      connection: {
        application_name: APPLICATION_NAME,
        ...(options.requestTimeouts
          ? { statement_timeout: STATEMENT_TIMEOUT_MS, idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS }
          : {}),
      },
    });
  const wrap = (sqlClient: postgres.Sql) => drizzlePostgres(sqlClient, { schema, logger: queryLogger() }) as unknown as Database;
  let client = connect();
  let database = wrap(client);
  return {
    get db() {
      return database;
    },
    options,
    async probe(timeoutMs) {
      const once = postgres(options.url, {
        max: 1,
        connect_timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
        onnotice: () => {},
        connection: { application_name: `${APPLICATION_NAME}-probe`, statement_timeout: timeoutMs },
      });
      try {
        const answer = once`select 1`.then(
          () => true,
          () => false,
        );
        return await Promise.race([answer, delay(timeoutMs, false)]);
      } finally {
        void once.end({ timeout: 0 }).catch(() => {});
      }
    },
    resetPool() {
      const old = client;
      client = connect();
      database = wrap(client);
      // Queries still waiting on the old connections fail now instead of whenever the socket gives up.
      void old.end({ timeout: 0 }).catch(() => {});
    },
    async migrate() {
      // A connection of its own: the advisory lock belongs to one connection.
      const lockClient = postgres(options.url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder: MIGRATIONS });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      } finally {
        await lockClient.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 2 }),
  };
}

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, ms, value).unref());
}

/**
 * PGlite's memory is one WebAssembly heap that grows and never shrinks: PostgreSQL's default 128 MB of
 * shared buffers (touched as pages are read) made the embedded server's peak about 300 MB larger. One
 * process, no other backends: 16 MB holds the hot pages of a forum of the demo's size without slowing them.
 */
export const PGLITE_SETTINGS = ["shared_buffers=16MB"];

/** Opens an embedded database on its own, beside the app's one (npm run backup and restore use it). */
export async function openPglite(options: Extract<DatabaseOptions, { driver: "pglite" }>): Promise<Handle> {
  const releaseOsLock = options.dataDir ? await holdOsLock(options.dataDir) : async () => {};
  let release = releaseOsLock;
  let client: PGlite;
  try {
    const releasePidFile = options.dataDir ? lockDataDir(options.dataDir) : () => {};
    release = () => {
      releasePidFile();
      return releaseOsLock();
    };
    // pg_trgm: the search's typo-tolerant title matching (db/migrations/0007_search.sql creates it).
    client = await PGlite.create(options.dataDir, {
      extensions: { pg_trgm },
      startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((setting) => ["-c", setting])],
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    await release();
    throw error;
  }
  const db = drizzlePglite(client, { schema, logger: queryLogger() });
  return {
    db: db as unknown as Database,
    options,
    // In this process, it cannot stall like a network: a probe waits behind a long query instead of
    // calling the database gone.
    probe: () =>
      client.query("select 1").then(
        () => true,
        () => false,
      ),
    resetPool() {},
    async migrate() {
      await migratePglite(db, { migrationsFolder: MIGRATIONS });
    },
    async close() {
      await client.close();
      await release();
    },
    dumpDataDir: () => client.dumpDataDir("gzip"),
  };
}

/**
 * An OS-level lock on the data directory for the life of this process (docs/decisions/009): the PID
 * file below cannot tell a live server in another PID namespace (a second container on the same
 * volume) from a dead one. util-linux `flock` takes the lock and `cat` then waits on a pipe from
 * us; when this process ends in any way the pipe closes, `cat` and `flock` exit, and the lock is free.
 */
async function holdOsLock(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const lockFile = `${dataDir}.flock`;
  // Its own process group: a Ctrl-C in the terminal must not free the lock while we still close.
  const child = spawn("flock", ["--nonblock", lockFile, "sh", "-c", "echo locked && exec cat"], {
    stdio: ["pipe", "pipe", "ignore"],
    detached: true,
  });
  const outcome = await new Promise<"locked" | "held" | Error>((resolve) => {
    child.stdout.once("data", () => resolve("locked"));
    child.once("exit", (code) => resolve(code === 1 ? "held" : new Error(`flock exited with ${code}`)));
    child.once("error", resolve);
  });
  if (outcome === "locked") {
    child.unref();
    (child.stdin as unknown as Socket).unref();
    (child.stdout as unknown as Socket).unref();
    // Resolves once flock has exited and the lock is free: a backup may open the directory right after.
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    return async () => {
      // Referenced while we wait: a process with nothing else to do would otherwise end before the wait does.
      child.ref();
      child.stdin.end();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      child.unref();
    };
  }
  if (outcome === "held") {
    throw new Error(`${dataDir} is in use by another server (it holds ${lockFile}); only one process may open an embedded database.`);
  }
  if ((outcome as NodeJS.ErrnoException).code === "ENOENT") {
    logger.warn("flock (util-linux) is not installed: only the PID file keeps a second server off this DATA_DIR");
    return async () => {};
  }
  throw outcome;
}

/** PGlite has no cross-process locking: refuse to open a data directory another live process holds. */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // "wx" creates the file only if it does not exist: two processes cannot both succeed.
      writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(lockFile, "utf8"));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(`${dataDir} is in use by process ${pid}; only one process may open an embedded database.`);
      }
      rmSync(lockFile, { force: true }); // left behind by a process that died
    }
  }
  throw new Error(`Cannot lock ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The rows of a raw SQL query, whichever driver answered (postgres.js gives an array, PGlite `{ rows }`). */
export async function selectRows<Row>(query: SQL): Promise<Row[]> {
  const result = (await db().execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}
