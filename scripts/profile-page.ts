/**
 * Where one page's server time goes: `npm run profile -- <path> [--member] [--queries] [--out file]`.
 * Starts the built server (`npm run build` first) with `--cpu-prof` against DATABASE_URL (a copy of the
 * reference database: it writes a session row), loads the page with 20 connections, and prints the CPU
 * per request, the requests per second, the self time grouped by package and the busiest functions.
 * --member signs in as the bench's member (an approved member of the busiest municipality);
 * --queries also prints the SQL one request runs (a second server with QUERY_LOG).
 * PROFILE_SECONDS (10), PROFILE_CONNECTIONS (20), PROFILE_PORT (a free one).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import postgres from "postgres";
import { anyFreePort } from "./bench/processes";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Options {
  path: string;
  member: boolean;
  queries: boolean;
  out?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { path: "", member: false, queries: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--member") options.member = true;
    else if (arg === "--queries") options.queries = true;
    else if (arg === "--out") options.out = argv[++i];
    else if (arg.startsWith("/")) options.path = arg;
    else fail(`Unknown argument ${arg}`);
  }
  if (!options.path) fail("usage: npm run profile -- <path> [--member] [--queries] [--out file]");
  return options;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function freePort(): Promise<number> {
  return process.env.PROFILE_PORT ? Number(process.env.PROFILE_PORT) : anyFreePort();
}

async function startServer(env: Record<string, string>, nodeArgs: string[]): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, "build/server.js"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", PUBLIC_URL: `http://127.0.0.1:${port}`, RATE_LIMITS: "off", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`The server exited with ${child.exitCode}.`);
    if ((await fetch(`${url}/healthz`).then((r) => r.status, () => 0)) === 200) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  fail("The server did not become healthy within a minute.");
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  await exited;
}

/** CPU milliseconds (user + system) a process has used, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function load(url: string, headers: Record<string, string>, options: { amount?: number; duration?: number }) {
  const connections = Number(process.env.PROFILE_CONNECTIONS ?? 20);
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, headers, connections, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** A session for the bench's viewer: an approved member of the municipality with the most of them. */
async function signIn(databaseUrl: string): Promise<string> {
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [viewer] = await db<{ id: number }[]>`
      select id from members where status = 'approved' and municipality_number = (
        select municipality_number from members where status = 'approved' group by 1 order by count(*) desc limit 1)
      order by id limit 1`;
    if (!viewer) fail("No approved member in that database: seed it with the reference set.");
    const token = randomBytes(20).toString("hex").slice(0, 32).replace(/[^a-z2-7]/g, "a");
    await db`insert into user_sessions (id, member_id, expires_at)
      values (${createHash("sha256").update(token).digest("hex")}, ${viewer.id}, now() + interval '29 days')`;
    return `kf_session=${token}`;
  } finally {
    await db.end({ timeout: 5 });
  }
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The package a frame belongs to; "" for Node's internals and native code, charged to their caller. */
function ownerOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "";
  if (url.startsWith("node:")) return "";
  const module = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (module) return module[1]!;
  if (url.includes("/build/server/")) return "app (build/server)";
  if (url.includes("/build/server.js")) return "server (scripts/*.ts)";
  return url.replace(/^file:\/\//, "").replace(root + "/", "");
}

function summarise(profile: Profile, from: number, to: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const ownerCache = new Map<number, string>();
  // Work Node does on its own (zlib, socket writes from a tick) reaches no package: named by its module.
  const nodeModuleOf = (id: number | undefined): string => {
    for (; id !== undefined; id = parent.get(id)) {
      const { url } = byId.get(id)!.callFrame;
      if (url.startsWith("node:")) return `node internals (${url.replace(/^node:(internal\/)?/, "")})`;
    }
    return "node internals";
  };
  const charged = (id: number): string => {
    const cached = ownerCache.get(id);
    if (cached !== undefined) return cached;
    let owner = "";
    for (let up: number | undefined = id; up !== undefined && !owner; up = parent.get(up)) {
      const found = ownerOf(byId.get(up)!.callFrame);
      if (found !== "(root)") owner = found;
    }
    owner ||= nodeModuleOf(id);
    ownerCache.set(id, owner);
    return owner;
  };
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i]!;
    if (time < from || time > to) continue;
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === "(idle)") continue;
    const delta = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]!;
    total += delta;
    const group = charged(node.id);
    groups.set(group, (groups.get(group) ?? 0) + delta);
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^file:\/\//, "").replace(root + "/", "").replace(/^.*node_modules\//, "")}:${lineNumber + 1}` : "native";
    const key = `${functionName || "(anonymous)"}  ${where}`;
    functions.set(key, (functions.get(key) ?? 0) + delta);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, share: us / total }));
  return { busyMs: total / 1000, groups: top(groups, 15), functions: top(functions, 25) };
}

async function queriesOf(databaseUrl: string, page: string, headers: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "kf-queries-"));
  const log = path.join(dir, "queries.jsonl");
  writeFileSync(log, "");
  const { url, child } = await startServer({ DATABASE_URL: databaseUrl, QUERY_LOG: log, VISITOR_CACHE: "off" }, []);
  try {
    await (await fetch(url + page, { headers })).arrayBuffer();
    writeFileSync(log, "");
    const response = await fetch(url + page, { headers });
    await response.arrayBuffer();
    return readFileSync(log, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { query: string }).query);
  } finally {
    await stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) fail("Set DATABASE_URL to a copy of the reference database (it writes a session row).");
  const seconds = Number(process.env.PROFILE_SECONDS ?? 10);
  const headers: Record<string, string> = { "accept-encoding": "gzip" };
  if (options.member) headers.cookie = await signIn(databaseUrl);

  const dir = mkdtempSync(path.join(tmpdir(), "kf-profile-"));
  const { url, child } = await startServer({ DATABASE_URL: databaseUrl }, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  const first = await fetch(url + options.path, { headers, redirect: "manual" });
  const bytes = (await first.arrayBuffer()).byteLength;
  if (first.status !== 200) console.warn(`Warning: ${options.path} answers ${first.status}`);
  await load(url + options.path, headers, { amount: 300 });

  const loadBefore = loadavg()[0]!;
  const cpuBefore = cpuMs(child.pid!);
  const from = Number(process.hrtime.bigint() / 1000n);
  const result = await load(url + options.path, headers, { duration: seconds });
  const to = Number(process.hrtime.bigint() / 1000n);
  const cpu = cpuMs(child.pid!) - cpuBefore;
  const loadAfter = loadavg()[0]!;
  await stopServer(child);

  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) fail("The server wrote no profile.");
  const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile;
  if (options.out) writeFileSync(options.out, JSON.stringify(profile));
  rmSync(dir, { recursive: true, force: true });

  const requests = result.requests.total;
  const errors = result.errors + result.timeouts + result.non2xx;
  const summary = summarise(profile, from, to);
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;
  console.log(`${options.path}${options.member ? " (signed in)" : ""}: ${bytes} bytes of HTML, ${requests} requests in ${seconds} s${errors ? `, ${errors} errors or non-2xx` : ""}`);
  console.log(`  ${(requests / seconds).toFixed(0)} req/s at ${process.env.PROFILE_CONNECTIONS ?? 20} connections, p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms`);
  console.log(`  server CPU ${(cpu / requests).toFixed(2)} ms per request (profiled: adds some), load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`);
  console.log(`\nSelf time by package (Node's internals charged to their caller), of ${summary.busyMs.toFixed(0)} ms busy:`);
  for (const group of summary.groups) console.log(`  ${pct(group.share)}  ${group.name}`);
  console.log("\nBusiest functions (self time):");
  for (const fn of summary.functions) console.log(`  ${pct(fn.share)}  ${fn.name}`);

  if (options.queries) {
    const statements = await queriesOf(databaseUrl, options.path, headers);
    console.log(`\nSQL run by one request (${statements.length}):`);
    for (const statement of statements) console.log(`  ${statement.replace(/\s+/g, " ").slice(0, 300)}`);
  }
}

await main();
