/**
 * The processes a benchmark run starts (app servers, floors), their ports, CPU and memory from /proc,
 * and the clean-up that stops them all at the end, on an error and on Ctrl-C.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");

/**
 * How the server is started: `node <these> ` as package.json's `serve` script says (so node flags such as
 * --max-old-space-size set there are measured too), or plain build/server.js if it cannot be read.
 */
export const SERVER_ARGS: string[] = serveScriptArgs() ?? ["build/server.js"];

function serveScriptArgs(): string[] | undefined {
  try {
    const serve = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts?.serve;
    const args = serve?.match(/(?:^|\s)node\s+([^;&|]+)$/)?.[1]?.trim().split(/\s+/);
    return args?.at(-1)?.endsWith("server.js") ? args : undefined;
  } catch {
    return undefined;
  }
}

export class BenchError extends Error {}
export function fail(message: string): never {
  throw new BenchError(message);
}

const cleanups: (() => unknown)[] = [];
const children = new Set<ChildProcess>();
const stopping = new Set<ChildProcess>();

/** Runs at the end (last registered first), whatever happened. */
export function atCleanup(step: () => unknown): void {
  cleanups.push(step);
}

export async function cleanup(): Promise<void> {
  for (const child of children) await stopProcess(child);
  for (const step of cleanups.reverse()) await Promise.resolve().then(step).catch(() => {});
  cleanups.length = 0;
}

export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** A free port: the first free one from BENCH_PORT on (the run stays in that range), else any the system gives. */
export async function freePort(): Promise<number> {
  const base = Number(process.env.BENCH_PORT);
  if (base > 0) {
    for (let port = base; port < base + 100; port++) if (await portIsFree(port)) return port;
    fail(`No free port between ${base} and ${base + 99}.`);
  }
  return anyFreePort();
}

/** A port the system says is free on 127.0.0.1. */
export function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export function startProcess(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk).slice(-4000)));
  child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk).slice(-4000)));
  child.on("exit", (code) => {
    children.delete(child);
    if (code && code !== 0 && !stopping.has(child)) console.error(`A child process exited with ${code}:\n${output.slice(-2000)}`);
  });
  children.add(child);
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  stopping.add(child);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitForHealth(url: string, child: ChildProcess, seconds = 120): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`The server exited with code ${child.exitCode} before it was healthy.`);
    const status = await fetch(`${url}/healthz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  fail(`The server at ${url} was not healthy within ${seconds} s.`);
}

export interface AppServer {
  url: string;
  child: ChildProcess;
  pid: number;
}

/** The built production server with these settings, on BENCH_PORT when that is free, else the next free port. */
export async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // RATE_LIMITS=off: the bench measures pages, and its few members ask far more often than any person.
  const serverEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", PUBLIC_URL: url, RATE_LIMITS: "off", ...env };
  if (!env.DATABASE_URL) delete serverEnv.DATABASE_URL;
  const child = startProcess(SERVER_ARGS, serverEnv);
  await waitForHealth(url, child);
  return { url, child, pid: child.pid! };
}

/** A plain node:http server answering every request with the same bytes: the machine's ceiling. */
/** `body` is brotli-compressed, as the app sends a page to a browser. */
export async function startFloor(body: Buffer): Promise<{ url: string; child: ChildProcess }> {
  const dir = mkdtempSync(path.join(tmpdir(), "kf-floor-"));
  const file = path.join(dir, "body.html");
  writeFileSync(file, body);
  const port = await freePort();
  const script = `
    const body = require("fs").readFileSync(${JSON.stringify(file)});
    require("http").createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "br", "Content-Length": body.length });
      res.end(body);
    }).listen(${port}, "127.0.0.1", () => console.log("ready"));`;
  const child = startProcess(["-e", script], process.env);
  child.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return { url: `http://127.0.0.1:${port}`, child };
}

/** CPU milliseconds (user + system) a process has used, from /proc. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export function rssMb(pid: number): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0; // the process is gone
  }
}

/** The peak RSS of each watched process, sampled four times a second for as long as the run lasts. */
export class RssWatch {
  readonly peaks = new Map<string, number>();
  private readonly watched = new Map<string, number>();
  private readonly timer = setInterval(() => this.sample(), 250);

  constructor() {
    this.timer.unref();
    atCleanup(() => this.stop());
  }

  watch(name: string, pid: number): void {
    this.watched.set(name, pid);
    this.sample();
  }

  sample(): void {
    for (const [name, pid] of this.watched) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, rssMb(pid)));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Stops everything on SIGINT/SIGTERM; returns whether that happened (then the caller's cleanup is done). */
export function stopOnSignals(): () => boolean {
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping everything the benchmark started…`);
      void cleanup().then(() => process.exit(130));
    });
  }
  return () => interrupted;
}
