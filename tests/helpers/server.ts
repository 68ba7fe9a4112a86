import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { uniqueName, withDatabase } from "./database-url";
import "./provided";

export interface RunningServer {
  url: string;
  dataDir: string;
  /** The PostgreSQL database it runs on, if any: a second server may be started on the same one. */
  databaseUrl?: string;
  /** The server's process id, to send it a signal. */
  pid: number;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<number | null>;
}

export interface ServerOptions {
  /** Extra environment, e.g. DATABASE_URL. */
  env?: Record<string, string>;
  /** An existing DATA_DIR to reuse; by default a fresh one, holding a migrated copy of the template. */
  dataDir?: string;
  /** Start on an empty DATA_DIR, as `npm start` does on a new machine. */
  empty?: boolean;
  /** Wait for /healthz to answer 200 (default), or only for the port to answer at all. */
  waitFor?: "healthy" | "listening";
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A fresh, empty database on the postgres project's server, dropped with the server. */
async function freshPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName("kf_http");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  return {
    url: withDatabase(adminUrl, name),
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/**
 * Starts the built production server on a free port with its own data directory, or, in the
 * postgres project, its own PostgreSQL database.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const ownDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "kf-server-"));
  const serverPostgres = inject("serverPostgres");
  const database =
    serverPostgres && ownDataDir && !options.empty && !options.env?.DATABASE_URL ? await freshPostgres(serverPostgres) : undefined;
  const databaseUrl = options.env?.DATABASE_URL ?? database?.url;
  if (ownDataDir && !options.empty && !databaseUrl) {
    cpSync(inject("appDataDir"), path.join(dataDir, "pglite"), { recursive: true });
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...options.env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  if (!databaseUrl) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["build/server.js"], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    url,
    dataDir,
    databaseUrl,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
      return code;
    },
  };
  try {
    await waitUntil(child, url, options.waitFor ?? "healthy");
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return server;
}

async function waitUntil(child: ChildProcess, url: string, what: "healthy" | "listening") {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    const status = await fetch(`${url}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (what === "healthy" ? status === 200 : status > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server at ${url} was not ${what} within 60 s`);
}

/** A page's HTML without its script nonce, which differs on every response: for comparing two renders. */
export const withoutNonce = (html: string) => html.replace(/ nonce="[^"]*"/g, "");
