/**
 * npm run bench — seeds the reference data set into a fresh PostgreSQL database, starts the built
 * production server, and measures each page: latency at a steady rate (open loop), throughput at 20
 * connections (closed loop), server CPU per request, memory, HTML and JavaScript size, beside a plain
 * Node server sending the same bytes (the machine's floor). Also EXPLAINs every query behind each page.
 * The figures are information, not a test: it exits non-zero only when a page answers errors.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import postgres from "postgres";
import { parseScale, seedReferenceInto } from "./seed-reference";

interface Page {
  name: string;
  path: string;
  signedIn?: boolean;
}

interface PageResult {
  name: string;
  path: string;
  p50: number;
  p95: number;
  p99: number;
  rateAchieved: number;
  rps: number;
  errors: number;
  htmlBytes: number;
  htmlGzipBytes: number;
  cpuMsPerRequest: number;
  floorRps: number;
  ratioToFloor: number;
  seqScans: string[];
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const cleanups: (() => unknown)[] = [];
const children = new Set<ChildProcess>();

function fail(message: string): never {
  throw Object.assign(new Error(message), { clear: true });
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\s*\d*\.?\d+\s*$/.test(raw) || !(value > 0)) fail(`${name} must be a number above 0 (got "${raw}").`);
  return value;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
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

function startProcess(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  child.on("exit", (code) => {
    children.delete(child);
    if (code && code !== 0 && !stopping.has(child)) console.error(`A child process exited with ${code}:\n${output.slice(-2000)}`);
  });
  children.add(child);
  return child;
}

const stopping = new Set<ChildProcess>();
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  stopping.add(child);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function startAppServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  if (!(await portIsFree(port))) fail(`Port ${port} is already taken; free it or set BENCH_PORT to another.`);
  const serverEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", PUBLIC_URL: `http://127.0.0.1:${port}`, ...env };
  if (!env.DATABASE_URL) delete serverEnv.DATABASE_URL;
  const child = startProcess(["build/server.js"], serverEnv);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  return { url, child };
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function rssMb(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return match ? Number(match[1]) / 1024 : 0;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function load(options: autocannon.Options & { onLatency?: (ms: number) => void }): Promise<autocannon.Result> {
  const { onLatency, ...rest } = options;
  return new Promise((resolve, reject) => {
    const instance = autocannon(rest, (error, result) => (error ? reject(error) : resolve(result)));
    if (onLatency) instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => onLatency(ms));
  });
}

/** A plain node:http server answering every request with the same bytes: the machine's ceiling. */
async function startFloor(body: Buffer): Promise<{ url: string; child: ChildProcess }> {
  const dir = mkdtempSync(path.join(tmpdir(), "kf-floor-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "body.html");
  writeFileSync(file, body);
  const port = await freePort();
  const script = `
    const body = require("fs").readFileSync(${JSON.stringify(file)});
    require("http").createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
      res.end(body);
    }).listen(${port}, "127.0.0.1", () => console.log("ready"));`;
  const child = startProcess(["-e", script], process.env);
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return { url: `http://127.0.0.1:${port}`, child };
}

interface Plan {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  Plans?: Plan[];
}

function seqScans(plan: Plan, bigTables: Map<string, number>, found: string[] = []): string[] {
  const rows = plan["Relation Name"] ? bigTables.get(plan["Relation Name"]) : undefined;
  if (plan["Node Type"] === "Seq Scan" && rows !== undefined) found.push(`${plan["Relation Name"]} (${rows} rows)`);
  for (const child of plan.Plans ?? []) seqScans(child, bigTables, found);
  return found;
}

async function main() {
  const scale = parseScale();
  const duration = positiveNumber("BENCH_DURATION", 15);
  const rate = positiveNumber("BENCH_RATE", 100);
  const connections = Math.round(positiveNumber("BENCH_CONNECTIONS", 20));
  const out = process.env.BENCH_OUT ?? path.join(root, "bench", "results", "latest.json");

  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const target = new URL(adminUrl);
  const admin = postgres(adminUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
  cleanups.push(() => admin.end({ timeout: 5 }));
  try {
    await admin`select 1`;
  } catch (error) {
    fail(
      `No PostgreSQL reachable at ${target.hostname}:${target.port || 5432} (${(error as Error).message}). ` +
        "Start it, or point DATABASE_URL at one.",
    );
  }

  const database = `kf_bench_${process.pid}`;
  await admin.unsafe(`create database "${database}"`);
  cleanups.push(() => admin.unsafe(`drop database if exists "${database}" with (force)`));
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();

  console.log(`Seeding the reference data set (scale ${scale}) into ${database}…`);
  let started = performance.now();
  const sizes = await seedReferenceInto(databaseUrl, scale);
  const seedSeconds = (performance.now() - started) / 1000;
  console.log(`  ${JSON.stringify(sizes)} in ${seedSeconds.toFixed(1)} s`);

  if (process.env.BENCH_SKIP_BUILD !== "1") {
    console.log("Building…");
    const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
    if (build.status !== 0) fail("The build failed; run `npm run build` to see why.");
  }

  // A signed-in viewer: an approved member of the busiest municipality, with a fresh session.
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  cleanups.push(() => db.end({ timeout: 5 }));
  const [busy] = await db<{ number: string }[]>`
    select municipality_number as number from members where status = 'approved'
    group by 1 order by count(*) desc limit 1`;
  const [viewer] = await db<{ id: number }[]>`
    select id from members where status = 'approved' and municipality_number = ${busy!.number} limit 1`;
  const token = randomBytes(20).toString("hex").slice(0, 32).replace(/[^a-z2-7]/g, "a");
  await db`insert into user_sessions (id, member_id, expires_at)
    values (${createHash("sha256").update(token).digest("hex")}, ${viewer!.id}, now() + interval '29 days')`;
  const cookie = `kf_session=${token}`;

  // The next forum session: of those still to come, the one most members registered for.
  const [nextSession] = await db<{ id: number }[]>`
    select id from forum_sessions
    where status = 'planned' and ends_at >= now()
    order by (select count(*) from registrations where forum_session_id = forum_sessions.id) desc, starts_at
    limit 1`;
  const [pastSession] = await db<{ id: number }[]>`
    select fs.id from forum_sessions fs join summaries s on s.forum_session_id = fs.id and s.status = 'published'
    where fs.status = 'held' order by fs.starts_at desc limit 1`;

  // The busy topic: of those still open (so a member sees the support button), the most supported.
  // The reference set gives it many comments too.
  const [busyTopic] = await db<{ id: number }[]>`
    select id from topics where status in ('proposed', 'shortlisted') order by support_count desc, id limit 1`;
  // A theme to filter the list by: the one with the most proposed topics.
  const [theme] = await db<{ slug: string }[]>`
    select th.slug from themes th join topic_themes tt on tt.theme_id = th.id join topics t on t.id = tt.topic_id
    where t.status = 'proposed' group by th.slug order by count(*) desc, th.slug limit 1`;

  // The long write-up: the longest public body (the reference set's account of a joint procurement, with
  // twelve revisions and many comments); its history compares the first revision with the latest.
  const [longWriteUp] = await db<{ id: number; revision: number }[]>`
    select id, revision from experiences where status = 'published' and visibility = 'public'
    order by octet_length(body_md) desc, id limit 1`;

  // The solution catalogue: the busy solution (the most adopted entry: Digitale Helgeland's application,
  // about 300 adoptions), and the list filtered by the status and component the most entries share.
  const [busySolution] = await db<{ slug: string }[]>`
    select slug from solutions where review = 'accepted' order by adoption_count desc, id limit 1`;
  const [solutionFilter] = await db<{ status: string; component: string }[]>`
    select s.status::text as status, c.component from solutions s cross join lateral unnest(s.components) as c (component)
    where s.review = 'accepted' group by 1, 2 order by count(*) desc, 1, 2 limit 1`;

  // A rare word for the search: one in the titles or summaries of a handful of documents.
  const [rareWord] = await db<{ word: string }[]>`
    select word from ts_stat('select heading from search_documents') where ndoc between 5 and 20 and word ~ '^[a-zæøå]{6,}$'
    order by ndoc desc, word limit 1`;

  const pages: Page[] = [
    { name: "home", path: "/" },
    { name: "municipality list", path: "/municipalities" },
    { name: "busy municipality", path: `/municipalities/${busy!.number}` },
    { name: "busy municipality, signed in", path: `/municipalities/${busy!.number}`, signedIn: true },
    { name: "sign-in page", path: "/sign-in" },
    { name: "my page, signed in", path: "/me", signedIn: true },
    { name: "forum sessions", path: "/forum-sessions" },
    ...(nextSession ? [{ name: "next forum session", path: `/forum-sessions/${nextSession.id}` }] : []),
    ...(pastSession ? [{ name: "past forum session with summary", path: `/forum-sessions/${pastSession.id}` }] : []),
    { name: "topics", path: "/topics" },
    { name: "topics, signed in", path: "/topics", signedIn: true },
    ...(theme ? [{ name: "topics filtered", path: `/topics?status=proposed&theme=${encodeURIComponent(theme.slug)}&sort=newest` }] : []),
    ...(busyTopic
      ? [
          { name: "busy topic", path: `/topics/${busyTopic.id}` },
          { name: "busy topic, signed in", path: `/topics/${busyTopic.id}`, signedIn: true },
        ]
      : []),
    { name: "write-ups", path: "/experiences" },
    { name: "write-ups, signed in", path: "/experiences", signedIn: true },
    { name: "write-ups filtered", path: "/experiences?theme=procurement&procedure=joint_procurement" },
    ...(longWriteUp
      ? [
          { name: "long write-up", path: `/experiences/${longWriteUp.id}` },
          { name: "long write-up, signed in", path: `/experiences/${longWriteUp.id}`, signedIn: true },
          { name: "long write-up's history", path: `/experiences/${longWriteUp.id}/history?from=1&to=${longWriteUp.revision}` },
          {
            name: "long write-up's history, signed in",
            path: `/experiences/${longWriteUp.id}/history?from=1&to=${longWriteUp.revision}`,
            signedIn: true,
          },
        ]
      : []),
    { name: "write-ups feed", path: "/feeds/experiences.atom" },
    { name: "catalogue list", path: "/solutions" },
    ...(solutionFilter
      ? [
          {
            name: "catalogue filtered (status + component)",
            path: `/solutions?status=${encodeURIComponent(solutionFilter.status)}&component=${encodeURIComponent(solutionFilter.component)}`,
          },
        ]
      : []),
    ...(busySolution ? [{ name: "busy solution page", path: `/solutions/${encodeURIComponent(busySolution.slug)}` }] : []),
    { name: "/solutions.json", path: "/solutions.json" },
    // The search (budget: p95 under 100 ms at 100 a second): a word in most documents, a rare one (a
    // municipality's name), a misspelling that only the similar titles find, and every filter at once.
    { name: "search, common word", path: "/search?q=kommune" },
    { name: "search, common word, signed in", path: "/search?q=kommune", signedIn: true },
    ...(rareWord ? [{ name: "search, rare word", path: `/search?q=${encodeURIComponent(rareWord.word)}` }] : []),
    { name: "search, misspelt", path: "/search?q=velferdteknologi" },
    { name: "search, filtered", path: "/search?q=anskaffelser&type=experience&theme=procurement&county=18&from=2024-01-01" },
    { name: "themes", path: "/themes" },
    { name: "theme page", path: "/themes/procurement" },
    { name: "home, signed in", path: "/", signedIn: true },
  ];
  // BENCH_PAGES=<regular expression>: only the pages whose names match (a quick look at a few).
  const only = process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES, "i") : undefined;
  if (only) pages.splice(0, pages.length, ...pages.filter((page) => only.test(page.name)));
  const headersOf = (page: Page): Record<string, string> => (page.signedIn ? { cookie } : {});

  // 1. What each page asks the database, captured by a server that logs its queries, then EXPLAINed.
  console.log("Capturing and explaining the queries behind each page…");
  const queryLog = path.join(mkdtempSync(path.join(tmpdir(), "kf-queries-")), "queries.jsonl");
  cleanups.push(() => rmSync(path.dirname(queryLog), { recursive: true, force: true }));
  writeFileSync(queryLog, "");
  const capture = await startAppServer({ DATABASE_URL: databaseUrl, QUERY_LOG: queryLog });
  const bigTables = new Map(
    (
      await db<{ relname: string; rows: number }[]>`
        select relname, reltuples::bigint as rows from pg_class where relkind = 'r' and reltuples > 1000`
    ).map((t) => [t.relname, Number(t.rows)]),
  );
  const scansByPage = new Map<string, string[]>();
  for (const page of pages) {
    const before = readFileSync(queryLog, "utf8").length;
    const status = await fetch(`${capture.url}${page.path}`, { headers: headersOf(page) }).then(async (r) => {
      await r.arrayBuffer();
      return r.status;
    });
    if (status !== 200) console.warn(`  ${page.name} (${page.path}) answered ${status}; explaining whatever it asked.`);
    const lines = readFileSync(queryLog, "utf8").slice(before).trim().split("\n").filter(Boolean);
    const scans: string[] = [];
    for (const line of lines) {
      const { query, params } = JSON.parse(line) as { query: string; params: unknown[] };
      // A statement that cannot be explained (or that failed for the page too) is reported, not fatal.
      try {
        const [row] = await db.unsafe(`explain (analyze, buffers, format json) ${query}`, params as never[]);
        const plan = (row as unknown as { "QUERY PLAN": { Plan: Plan }[] })["QUERY PLAN"][0]!.Plan;
        for (const scan of seqScans(plan, bigTables)) scans.push(`${scan}: ${query.slice(0, 80)}`);
      } catch (error) {
        console.warn(`  ${page.name}: could not explain ${query.slice(0, 80)}: ${(error as Error).message}`);
      }
    }
    scansByPage.set(page.name, scans);
  }
  await stopProcess(capture.child);

  // 2. The measured server.
  const app = await startAppServer({ DATABASE_URL: databaseUrl });
  cleanups.push(() => stopProcess(app.child));
  const pid = app.child.pid!;

  console.log("Warming up…");
  for (const page of pages) {
    await load({ url: `${app.url}${page.path}`, headers: headersOf(page), connections: 10, amount: 300 });
  }

  const results: PageResult[] = [];
  let peakRss = rssMb(pid);
  for (const page of pages) {
    console.log(`Measuring ${page.name} (${page.path})…`);
    const target = `${app.url}${page.path}`;
    const body = Buffer.from(await (await fetch(target, { headers: headersOf(page) })).arrayBuffer());

    const latencies: number[] = [];
    const steady = await load({
      url: target,
      headers: headersOf(page),
      connections: 10,
      overallRate: rate,
      duration,
      onLatency: (ms) => latencies.push(ms),
    });
    latencies.sort((a, b) => a - b);

    const cpuBefore = cpuMs(pid);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 250);
    const closed = await load({ url: target, headers: headersOf(page), connections, duration });
    clearInterval(sampler);
    const cpuPerRequest = (cpuMs(pid) - cpuBefore) / Math.max(1, closed.requests.total);

    const floor = await startFloor(body);
    const floorResult = await load({ url: floor.url, connections, duration });
    await stopProcess(floor.child);

    const errors = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;
    results.push({
      name: page.name,
      path: page.path,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      rateAchieved: steady.requests.average,
      rps: closed.requests.average,
      errors: errors(steady) + errors(closed),
      htmlBytes: body.length,
      htmlGzipBytes: gzipSync(body).length,
      cpuMsPerRequest: cpuPerRequest,
      floorRps: floorResult.requests.average,
      ratioToFloor: closed.requests.average / floorResult.requests.average,
      seqScans: scansByPage.get(page.name) ?? [],
    });
  }
  const rssAfterLoad = rssMb(pid);

  // JavaScript a first visit loads: every module the home page preloads or imports, gzipped.
  const home = await (await fetch(app.url)).text();
  const scripts = new Set([...home.matchAll(/(?:href|src)="(\/assets\/[^"]+\.js)"|import\("(\/assets\/[^"]+\.js)"\)/g)].map((m) => m[1] ?? m[2]!));
  let jsGzipBytes = 0;
  const fetchedScripts: string[] = [];
  for (const script of scripts) {
    const bytes = Buffer.from(await (await fetch(`${app.url}${script}`)).arrayBuffer());
    jsGzipBytes += gzipSync(bytes).length;
    fetchedScripts.push(bytes.toString("utf8"));
  }
  // Plus the page language's messages (bokmål here), a chunk the client entry imports before hydrating.
  const catalogue = fetchedScripts.join("\n").match(/["'`](?:\.\/|\/assets\/)(nb-[\w-]+\.js)["'`]/)?.[1];
  if (catalogue) jsGzipBytes += gzipSync(Buffer.from(await (await fetch(`${app.url}/assets/${catalogue}`)).arrayBuffer())).length;
  await stopProcess(app.child);

  // Embedded first start (empty DATA_DIR) and a later start on the same directory.
  console.log("Timing embedded starts…");
  const dataDir = mkdtempSync(path.join(tmpdir(), "kf-bench-embedded-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const startTimes: number[] = [];
  for (let i = 0; i < 2; i++) {
    started = performance.now();
    const embedded = await startAppServer({ DATA_DIR: dataDir });
    startTimes.push((performance.now() - started) / 1000);
    await stopProcess(embedded.child);
  }

  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
  const report = {
    commit,
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    settings: { scale, duration, rate, connections },
    seedSeconds,
    sizes,
    pages: results,
    jsFirstLoadGzipBytes: jsGzipBytes,
    serverRssMb: { peakUnderLoad: peakRss, afterLoad: rssAfterLoad },
    embeddedStartSeconds: { first: startTimes[0], later: startTimes[1] },
  };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
  console.log(`\nKommuneforum benchmark · ${commit} · ${report.date} · ${report.machine.cores} cores · scale ${scale}`);
  console.log(`steady ${rate} req/s for ${duration} s (latency, ms) · closed loop ${connections} connections (req/s)\n`);
  console.table(
    results.map((r) => ({
      page: r.name,
      p50: f(r.p50),
      p95: f(r.p95),
      p99: f(r.p99),
      "req/s": f(r.rps, 0),
      "floor req/s": f(r.floorRps, 0),
      "of floor": `${f(r.ratioToFloor * 100, 0)}%`,
      "cpu ms/req": f(r.cpuMsPerRequest, 2),
      errors: r.errors,
      "html KB": f(r.htmlBytes / 1024),
    })),
  );
  console.log(`JavaScript on first load: ${f(jsGzipBytes / 1024)} KB gzip (budget 100)`);
  console.log(`Server RSS: peak ${f(peakRss, 0)} MB under load (budget 200)`);
  console.log(`Embedded start: first ${f(startTimes[0]!)} s (budget 10), later ${f(startTimes[1]!)} s (budget 2)`);
  const flagged = results.flatMap((r) => r.seqScans.map((s) => `  ${r.name}: sequential scan on ${s}`));
  console.log(flagged.length ? `Sequential scans over large tables:\n${flagged.join("\n")}` : "Query health: no sequential scan over a large table.");
  console.log(`\nWritten to ${path.relative(process.cwd(), out)}`);

  const failing = results.filter((r) => r.errors > 0);
  if (failing.length) {
    console.error(`Pages answered errors: ${failing.map((r) => `${r.name} (${r.errors})`).join(", ")}`);
    process.exitCode = 1;
  }
}

async function cleanup() {
  for (const child of children) await stopProcess(child);
  for (const step of cleanups.reverse()) await Promise.resolve().then(step).catch(() => {});
  cleanups.length = 0;
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping everything the benchmark started…`);
    void cleanup().then(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  const e = error as Error & { clear?: boolean };
  console.error(e.clear ? e.message : e);
  process.exitCode = 1;
} finally {
  if (!interrupted) await cleanup();
}
