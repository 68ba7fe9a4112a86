/**
 * npm run bench — seeds the reference data set into a fresh PostgreSQL database (or copies one:
 * BENCH_DATABASE_TEMPLATE), starts the built production server twice (visitor cache on and off), and
 * measures each page three ways — a visitor through the cache, a visitor with the cache off, a signed-in
 * member — beside a plain Node server sending the same bytes (the machine's floor); then a write-heavy
 * mix that checks every visitor read after a write shows it. Also EXPLAINs every query behind each page.
 * The figures are information, not a test: it exits non-zero when a page answers errors or a read is stale.
 * The parts are in scripts/bench/; bench/README.md says what each figure means.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import postgres from "postgres";
import { createBenchDatabase } from "./bench/database";
import { explainPages } from "./bench/explain";
import { embeddedStarts, firstLoadJsGzipBytes } from "./bench/extras";
import { load, measureFloor, measureWay, revalidates } from "./bench/load";
import { benchViewer } from "./bench/members";
import { runMix, type MixResult } from "./bench/mix";
import { readOptions, type Way } from "./bench/options";
import { benchPages } from "./bench/pages";
import { atCleanup, BenchError, cleanup, fail, RssWatch, root, SERVER_ARGS, startAppServer, stopOnSignals, stopProcess } from "./bench/processes";
import { BUDGETS, printMix, printPages, type PageResult } from "./bench/table";

async function main() {
  const options = readOptions();
  const { duration, rate, connections } = options;
  const { databaseUrl, sizes, seedSeconds } = await createBenchDatabase(options);
  console.log(`  ${JSON.stringify(sizes)} in ${seedSeconds.toFixed(1)} s`);

  if (!options.skipBuild) {
    console.log("Building…");
    const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
    if (build.status !== 0) fail("The build failed; run `npm run build` to see why.");
  }

  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  atCleanup(() => db.end({ timeout: 5 }));
  const viewer = await benchViewer(db);
  const all = await benchPages(db, viewer.municipality);
  const pages = all
    .filter((page) => !options.pages || options.pages.test(page.name))
    .map((page) => ({ ...page, ways: page.ways.filter((w) => options.ways.includes(w)) }))
    .filter((page) => page.ways.length > 0);
  if (pages.length === 0) fail(`No page matches BENCH_PAGES and BENCH_WAYS; the pages are: ${all.map((p) => p.name).join(", ")}.`);

  console.log("Capturing and explaining the queries behind each page…");
  const scansByPage = await explainPages(db, databaseUrl, pages, viewer.cookie);

  // The measured servers: one with the visitor cache (visitors and members), one without it, same database.
  console.log(`Starting the servers (node ${SERVER_ARGS.join(" ")})…`);
  const rss = new RssWatch();
  const app = await startAppServer({ DATABASE_URL: databaseUrl, VISITOR_CACHE: "on" });
  atCleanup(() => stopProcess(app.child));
  rss.watch("cache on", app.pid);
  const uncached = options.ways.includes("nocache") ? await startAppServer({ DATABASE_URL: databaseUrl, VISITOR_CACHE: "off" }) : undefined;
  if (uncached) {
    atCleanup(() => stopProcess(uncached.child));
    rss.watch("cache off", uncached.pid);
  }
  const serverOf = (way: Way) => (way === "nocache" ? uncached! : app);
  // As a browser asks: compressed (the visitor cache sends its stored brotli copy, other pages are compressed as sent).
  const headersOf = (way: Way): Record<string, string> => ({ "Accept-Encoding": "gzip, deflate, br", ...(way === "member" ? { cookie: viewer.cookie } : {}) });

  console.log("Warming up…");
  for (const page of pages) {
    for (const way of page.ways) await load({ url: `${serverOf(way).url}${page.path}`, headers: headersOf(way), connections: 10, amount: 300 });
  }

  const results: PageResult[] = [];
  for (const page of pages) {
    console.log(`Measuring ${page.name} (${page.path}): ${page.ways.join(", ")}…`);
    const result: PageResult = { name: page.name, path: page.path, ways: {}, floorRps: NaN, htmlBytes: 0, htmlGzipBytes: 0, seqScans: scansByPage.get(page.name) ?? [] };
    // The floor sends what a visitor gets (the member's page where there is no visitor's).
    const bodyWay = page.ways.find((w) => w !== "member") ?? "member";
    const body = Buffer.from(await (await fetch(`${serverOf(bodyWay).url}${page.path}`, { headers: headersOf(bodyWay) })).arrayBuffer());
    result.htmlBytes = body.length;
    result.htmlGzipBytes = gzipSync(body).length;
    if (page.ways.includes("cache")) result.revalidation = (await revalidates(`${app.url}${page.path}`)).status;
    for (const way of page.ways) {
      const server = serverOf(way);
      result.ways[way] = await measureWay(`${server.url}${page.path}`, headersOf(way), server.pid, { rate, duration, connections }, way === "cache");
    }
    // The floor sends the bytes a browser gets from a cache hit: brotli 5 (scripts/visitor-cache.ts).
    const brotli = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
    result.floorRps = await measureFloor(brotli, { rate, duration, connections });
    results.push(result);
  }

  let mix: MixResult | undefined;
  if (options.mix) {
    console.log(`Write-heavy mix: ${options.mixWriters} writers at ${options.mixWriteRate} writes/s for ${options.mixDuration} s…`);
    const alsoRead = pages.filter((p) => p.ways.includes("cache") && !p.path.endsWith(".json")).slice(0, 3).map((p) => p.path);
    mix = await runMix(db, app, { writers: options.mixWriters, writeRate: options.mixWriteRate, duration: options.mixDuration, visitorRate: rate }, alsoRead);
  }

  const jsGzipBytes = await firstLoadJsGzipBytes(app.url);
  rss.sample();
  const peakRss = Object.fromEntries(rss.peaks);
  await stopProcess(app.child);
  if (uncached) await stopProcess(uncached.child);

  console.log("Timing embedded starts…");
  const starts = await embeddedStarts();

  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
  const report = {
    commit,
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAverage: loadavg() },
    settings: { scale: options.scale, template: options.template, duration, rate, connections, ways: options.ways, serverArgs: SERVER_ARGS },
    seedSeconds,
    sizes,
    pages: results,
    mix,
    jsFirstLoadGzipBytes: jsGzipBytes,
    serverRssMb: { peakUnderLoad: peakRss },
    embeddedStartSeconds: starts,
  };
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);

  const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
  console.log(
    `\nKommuneforum benchmark · ${commit} · ${report.date} · ${report.machine.cores} cores · load ${loadavg().map((l) => l.toFixed(2)).join(" ")} · ` +
      (options.template ? `copy of ${options.template}` : `scale ${options.scale}`),
  );
  printPages(results, { rate, duration, connections });
  if (mix) printMix(mix);
  console.log(`\nJavaScript on first load: ${f(jsGzipBytes / 1024)} KB gzip (budget ${BUDGETS.jsGzipKb})`);
  console.log(`Server RSS, peak under load: ${Object.entries(peakRss).map(([name, mb]) => `${name} ${f(mb, 0)} MB`).join(", ")} (budget ${BUDGETS.rssMb})`);
  console.log(`Embedded start: first ${f(starts.first)} s (budget ${BUDGETS.embeddedFirstS}), later ${f(starts.later)} s (budget ${BUDGETS.embeddedLaterS})`);
  const flagged = results.flatMap((r) => r.seqScans.map((s) => `  ${r.name}: sequential scan on ${s}`));
  console.log(flagged.length ? `Sequential scans over large tables:\n${flagged.join("\n")}` : "Query health: no sequential scan over a large table.");
  console.log(`\nWritten to ${path.relative(process.cwd(), options.out)}`);

  const failing = results.flatMap((r) => Object.entries(r.ways).filter(([, w]) => w.errors > 0).map(([way, w]) => `${r.name} (${way}: ${w.errors})`));
  if (failing.length) {
    console.error(`Pages answered errors: ${failing.join(", ")}`);
    process.exitCode = 1;
  }
  if (mix && (mix.staleReads.length > 0 || mix.writeErrors.length > 0 || mix.visitorErrors > 0)) {
    console.error(`The mix failed: ${mix.staleReads.length} stale reads, ${mix.writeErrors.length} refused writes, ${mix.visitorErrors} visitor errors.`);
    process.exitCode = 1;
  }
}

const interrupted = stopOnSignals();
try {
  await main();
} catch (error) {
  console.error(error instanceof BenchError ? error.message : error);
  process.exitCode = 1;
} finally {
  if (!interrupted()) await cleanup();
}
