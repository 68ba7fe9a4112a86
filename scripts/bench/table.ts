/** Prints the run: each page three ways beside the floor, marked against DESIGN.md's budgets. */
import type { WayResult } from "./load";
import type { MixResult } from "./mix";
import type { Way } from "./options";

export interface PageResult {
  name: string;
  path: string;
  ways: Partial<Record<Way, WayResult>>;
  /** The status an If-None-Match with the page's ETag got from the cache (304 expected). */
  revalidation?: number;
  floorRps: number;
  htmlBytes: number;
  htmlGzipBytes: number;
  seqScans: string[];
}

/** DESIGN.md and issue 15. A figure that misses its budget is marked with "!". */
export const BUDGETS = {
  visitor: { rps: 2000, ofFloor: 0.25, p95: 10 },
  member: { rps: 400, p95: 50, searchP95: 100, cpuMs: 2.5 },
  rssMb: 200,
  jsGzipKb: 75,
  htmlKb: 50,
  embeddedFirstS: 10,
  embeddedLaterS: 2,
};

const f = (n: number | undefined, digits = 1) => (n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : "–");
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const mark = (miss: boolean) => (miss ? "!" : " ");

function visitorCell(r: WayResult | undefined, floorRps: number, revalidation: number | undefined): string[] {
  if (!r) return ["—", "", "", "", "", ""];
  const ofFloor = r.rps / floorRps;
  const rpsMiss = r.rps < BUDGETS.visitor.rps && !(ofFloor >= BUDGETS.visitor.ofFloor);
  return [
    `${f(r.p50)}/${f(r.p95)}${mark(r.p95 >= BUDGETS.visitor.p95)}`,
    `${int(r.rps)}${mark(rpsMiss)}`,
    `${f(ofFloor * 100, 0)}%`,
    f(r.cpuMsPerRequest, 2),
    r.hitRatio === undefined ? "–" : `${f(r.hitRatio * 100, 0)}%`,
    revalidation === undefined ? "–" : `${revalidation}${mark(revalidation !== 304)}`,
  ];
}

function plainCell(r: WayResult | undefined, budget?: { p95: number }): string[] {
  if (!r) return ["—", "", ""];
  return [
    `${f(r.p50)}/${f(r.p95)}${budget ? mark(r.p95 >= budget.p95) : " "}`,
    `${int(r.rps)}${budget ? mark(r.rps < BUDGETS.member.rps) : " "}`,
    `${f(r.cpuMsPerRequest, 2)}${budget ? mark(r.cpuMsPerRequest > BUDGETS.member.cpuMs) : " "}`,
  ];
}

function printGrid(head: string[][], rows: string[][]): void {
  const widths = head[0]!.map((_, i) => Math.max(...[...head, ...rows].map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  for (const h of head) console.log(line(h));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

export function printPages(results: PageResult[], settings: { rate: number; duration: number; connections: number }): void {
  console.log(
    `Each page: ${settings.duration} s at a steady ${settings.rate} req/s (p50/p95 ms), then ${settings.duration} s at ` +
      `${settings.connections} connections (req/s, server CPU ms per request). "of floor": cache on against plain Node ` +
      `sending the same bytes. "hits": X-Cache hit share. "304": If-None-Match with the page's ETag. "—": not this way.\n`,
  );
  const head = [
    ["", "visitor, cache on", "", "", "", "", "", "visitor, cache off", "", "", "member", "", "", "floor", "HTML"],
    ["page", "p50/p95", "req/s", "of floor", "cpu", "hits", "304", "p50/p95", "req/s", "cpu", "p50/p95", "req/s", "cpu", "req/s", "KB"],
  ];
  const rows = results.map((r) => [
    r.name,
    ...visitorCell(r.ways.cache, r.floorRps, r.revalidation),
    ...plainCell(r.ways.nocache),
    ...plainCell(r.ways.member, { p95: r.path.startsWith("/search") ? BUDGETS.member.searchP95 : BUDGETS.member.p95 }),
    int(r.floorRps),
    `${f(r.htmlBytes / 1024)}${mark(r.htmlBytes / 1024 >= BUDGETS.htmlKb)}`,
  ]);
  printGrid(head, rows);
  console.log(
    `\nBudgets ("!" marks a miss): cache on ≥ ${int(BUDGETS.visitor.rps)} req/s or ≥ ${BUDGETS.visitor.ofFloor * 100} % of the floor, ` +
      `p95 < ${BUDGETS.visitor.p95} ms; member ≥ ${BUDGETS.member.rps} req/s, p95 < ${BUDGETS.member.p95} ms ` +
      `(search < ${BUDGETS.member.searchP95}), ≤ ${BUDGETS.member.cpuMs} ms CPU; HTML < ${BUDGETS.htmlKb} KB. Cache off has no budget: it is the comparison.`,
  );
}

export function printMix(mix: MixResult): void {
  console.log(
    `\nWrite-heavy mix: ${mix.writers} members writing (register/unregister, support/withdraw, comment) for ${f(mix.seconds)} s ` +
      `while visitors read at ${mix.visitorRate} req/s through the cache`,
  );
  console.log(
    `  visitors: p50 ${f(mix.visitorP50)} ms, p95 ${f(mix.visitorP95)} ms${mark(mix.visitorP95 >= BUDGETS.visitor.p95)}, ` +
      `${f(mix.visitorRateAchieved, 0)} req/s achieved, hits ${f(mix.visitorHitRatio * 100, 0)}%, errors ${mix.visitorErrors}`,
  );
  console.log(
    `  writes: ${mix.writes} (${f(mix.writesPerSecond)}/s), p50 ${f(mix.writeP50)} ms, p95 ${f(mix.writeP95)} ms, ` +
      `refused ${mix.writeErrors.length}${mix.writeErrors.length ? ` (${mix.writeErrors.slice(0, 3).join("; ")})` : ""}`,
  );
  console.log(
    `  freshness: ${mix.checks} visitor reads right after a write (p95 ${f(mix.checkReadP95)} ms), ` +
      (mix.staleReads.length ? `${mix.staleReads.length} STALE:\n    ${mix.staleReads.slice(0, 10).join("\n    ")}` : "none stale"),
  );
}
