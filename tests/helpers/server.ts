import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import "./provided";

export interface RunningServer {
  url: string;
  dataDir: string;
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

/** Starts the built production server on a free port with its own data directory. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const ownDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "kf-server-"));
  if (ownDataDir && !options.empty && !options.env?.DATABASE_URL) {
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
  };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
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
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
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
