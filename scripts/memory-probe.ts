/**
 * Where the built server's memory goes under load (issue 15): starts build/server.js on DATABASE_URL
 * (PostgreSQL) or, without it, on a fresh embedded database, loads a list of pages with autocannon as a
 * visitor and (on PostgreSQL) as a signed-in member, and samples the process every 250 ms: RSS from
 * /proc, and V8's heap, external and array-buffer memory from inside the server (a preloaded module
 * sends process.memoryUsage() over an IPC channel). Prints the peaks, the CPU per request and the
 * start time.
 *
 *   npm run build && DATABASE_URL=postgres://…/kf_x tsx scripts/memory-probe.ts
 *   PROBE_NODE_OPTIONS="--max-old-space-size=384" PROBE_DURATION=10 PROBE_CONNECTIONS=20 tsx scripts/memory-probe.ts
 *   PROBE_PAGES=/,/topics (comma-separated), PROBE_VIEWERS=visitor,member, PROBE_ACCEPT_ENCODING=gzip
 *   PROBE_HEAP_SNAPSHOT=1: also writes a heap snapshot (Heap.*.heapsnapshot, open it in Chrome's DevTools)
 *     at the end of the load, through --heapsnapshot-signal.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import postgres from "postgres";
import { anyFreePort } from "./bench/processes";

// PROBE_ROOT: another checkout's build, to compare before and after.
const root = process.env.PROBE_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const databaseUrl = process.env.DATABASE_URL;
const duration = Number(process.env.PROBE_DURATION ?? 8);
const connections = Number(process.env.PROBE_CONNECTIONS ?? 20);
const nodeOptions = (process.env.PROBE_NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean);
const acceptEncoding = process.env.PROBE_ACCEPT_ENCODING ?? "gzip, deflate, br";

interface Sample {
  spaces?: Record<string, number>;
  malloced?: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

// Runs inside the server: its own view of memory, every 250 ms, to this script.
const reporter = `import v8 from "node:v8";
if (process.send) setInterval(() => {
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.physical_space_size]));
  process.send({ ...process.memoryUsage(), spaces, malloced: v8.getHeapStatistics().malloced_memory });
}, 250).unref();`;


function rssMb(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return match ? Number(match[1]) / 1024 : 0;
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function main() {
  const port = process.env.PROBE_PORT ? Number(process.env.PROBE_PORT) : await anyFreePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = databaseUrl ? undefined : (process.env.PROBE_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "kf-memory-")));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: url, LOG_LEVEL: "warn", RATE_LIMITS: "off" };
  if (dataDir) {
    delete env.DATABASE_URL;
    env.DATA_DIR = dataDir;
  }

  let cookie: string | undefined;
  let member: postgres.Sql | undefined;
  if (databaseUrl) {
    // A signed-in member with a fresh session, as the bench makes one.
    member = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const [viewer] = await member<{ id: number }[]>`select id from members where status = 'approved' order by id limit 1`;
    const token = randomBytes(20).toString("hex").slice(0, 32).replace(/[^a-z2-7]/g, "a");
    await member`insert into user_sessions (id, member_id, expires_at)
      values (${createHash("sha256").update(token).digest("hex")}, ${viewer!.id}, now() + interval '1 hour')`;
    cookie = `kf_session=${token}`;
  }

  const args = [...nodeOptions, `--import=data:text/javascript,${encodeURIComponent(reporter)}`];
  if (process.env.PROBE_HEAP_SNAPSHOT) args.push("--heapsnapshot-signal=SIGUSR2");
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...args, "build/server.js"], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pid = child.pid!;
  let peakStartRss = 0;
  const startSampler = setInterval(() => (peakStartRss = Math.max(peakStartRss, rssMb(pid))), 100);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}.`);
    const status = await fetch(`${url}/healthz`).then((r) => r.status, () => 0);
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  clearInterval(startSampler);
  const startSeconds = (performance.now() - started) / 1000;
  console.log(`healthy after ${startSeconds.toFixed(1)} s, peak RSS while starting ${peakStartRss.toFixed(0)} MB`);

  const peak: Sample = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0, malloced: 0 };
  // V8's spaces (physical size) at their own peaks: where the heap's part of RSS lives.
  const spaces = new Map<string, number>();
  child.on("message", (m: Sample) => {
    for (const key of ["heapTotal", "heapUsed", "external", "arrayBuffers", "malloced"] as const) peak[key] = Math.max(peak[key] ?? 0, m[key] ?? 0);
    for (const [name, size] of Object.entries(m.spaces ?? {})) spaces.set(name, Math.max(spaces.get(name) ?? 0, size));
  });
  const sampler = setInterval(() => (peak.rss = Math.max(peak.rss, rssMb(pid))), 250);

  const pages = (process.env.PROBE_PAGES ?? "/,/municipalities,/topics,/experiences,/forum-sessions,/solutions,/search?q=kommune,/themes,/solutions.json")
    .split(",")
    .filter(Boolean);
  // PROBE_VIEWERS=member: only the signed-in member (every request rendered, none from the visitor cache).
  const who = (process.env.PROBE_VIEWERS ?? "visitor,member").split(",");
  const viewers: [string, Record<string, string>][] = [];
  if (who.includes("visitor")) viewers.push(["visitor", {}]);
  if (cookie && who.includes("member")) viewers.push(["member", { cookie }]);
  let requests = 0;
  const cpuBefore = cpuMs(pid);
  for (const [who, headers] of viewers) {
    const before = peak.rss;
    const result = await autocannon({
      url,
      connections,
      duration,
      requests: pages.map((p) => ({ method: "GET", path: p, headers: { ...headers, "accept-encoding": acceptEncoding } })),
    });
    requests += result.requests.total;
    console.log(
      `${who}: ${result.requests.average.toFixed(0)} req/s, ${result.non2xx} non-2xx, ${result.errors} errors; peak RSS so far ${peak.rss.toFixed(0)} MB (was ${before.toFixed(0)})`,
    );
  }
  const cpuPerRequest = (cpuMs(pid) - cpuBefore) / Math.max(1, requests);
  clearInterval(sampler);

  if (process.env.PROBE_HEAP_SNAPSHOT) {
    const before = new Set(readdirSync(root));
    child.kill("SIGUSR2");
    for (let i = 0; i < 600 && readdirSync(root).every((f) => before.has(f) || !f.endsWith(".heapsnapshot")); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    console.log(`heap snapshot: ${readdirSync(root).filter((f) => !before.has(f) && f.endsWith(".heapsnapshot")).join(", ")}`);
  }

  const settled = rssMb(pid);
  console.log(
    [
      `peak RSS ${peak.rss.toFixed(0)} MB (after the load ${settled.toFixed(0)} MB)`,
      `heap total ${mb(peak.heapTotal).toFixed(0)} MB, heap used ${mb(peak.heapUsed).toFixed(0)} MB`,
      `external ${mb(peak.external).toFixed(0)} MB, arrayBuffers ${mb(peak.arrayBuffers).toFixed(0)} MB`,
      `V8 spaces at peak: ${[...spaces].map(([name, size]) => `${name} ${mb(size).toFixed(0)}`).join(", ")} MB; malloced by V8 ${mb(peak.malloced ?? 0).toFixed(0)} MB`,
      `CPU ${cpuPerRequest.toFixed(2)} ms per request over ${requests} requests`,
    ].join("\n"),
  );

  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
  await member?.end({ timeout: 5 });
  if (dataDir && !process.env.PROBE_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
}

await main();
