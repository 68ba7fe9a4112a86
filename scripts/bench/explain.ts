/** What each page asks the database, captured by a server that logs its queries, then EXPLAINed. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Sql } from "./database";
import type { Page } from "./pages";
import { atCleanup, startAppServer, stopProcess } from "./processes";

interface Plan {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: Plan[];
}

function seqScans(plan: Plan, bigTables: Map<string, number>, found: string[] = []): string[] {
  const rows = plan["Relation Name"] ? bigTables.get(plan["Relation Name"]) : undefined;
  if (plan["Node Type"] === "Seq Scan" && rows !== undefined) found.push(`${plan["Relation Name"]} (${rows} rows)`);
  for (const child of plan.Plans ?? []) seqScans(child, bigTables, found);
  return found;
}

/** Sequential scans over tables of more than 1,000 rows, by page (as a visitor and as the member). */
export async function explainPages(db: Sql, databaseUrl: string, pages: Page[], memberCookie: string): Promise<Map<string, string[]>> {
  const dir = mkdtempSync(path.join(tmpdir(), "kf-queries-"));
  atCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const queryLog = path.join(dir, "queries.jsonl");
  writeFileSync(queryLog, "");
  const capture = await startAppServer({ DATABASE_URL: databaseUrl, QUERY_LOG: queryLog, VISITOR_CACHE: "off" });
  try {
    const bigTables = new Map(
      (
        await db<{ relname: string; rows: number }[]>`
          select relname, reltuples::bigint as rows from pg_class where relkind = 'r' and reltuples > 1000`
      ).map((t) => [t.relname, Number(t.rows)]),
    );
    const scansByPage = new Map<string, string[]>();
    for (const page of pages) {
      const scans = new Set<string>();
      const as: Record<string, string>[] = [
        ...(page.ways.some((w) => w !== "member") ? [{}] : []),
        ...(page.ways.includes("member") ? [{ cookie: memberCookie }] : []),
      ];
      for (const headers of as) {
        const before = readFileSync(queryLog, "utf8").length;
        const status = await fetch(`${capture.url}${page.path}`, { headers }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        });
        if (status !== 200) console.warn(`  ${page.name} (${page.path}) answered ${status}; explaining whatever it asked.`);
        const lines = readFileSync(queryLog, "utf8").slice(before).trim().split("\n").filter(Boolean);
        for (const line of lines) {
          const { query, params } = JSON.parse(line) as { query: string; params: unknown[] };
          // A statement that cannot be explained (or that failed for the page too) is reported, not fatal.
          try {
            const [row] = await db.unsafe(`explain (analyze, buffers, format json) ${query}`, params as never[]);
            const plan = (row as unknown as { "QUERY PLAN": { Plan: Plan }[] })["QUERY PLAN"][0]!.Plan;
            for (const scan of seqScans(plan, bigTables)) scans.add(`${scan}: ${query.slice(0, 80)}`);
          } catch (error) {
            console.warn(`  ${page.name}: could not explain ${query.slice(0, 80)}: ${(error as Error).message}`);
          }
        }
      }
      scansByPage.set(page.name, [...scans]);
    }
    return scansByPage;
  } finally {
    await stopProcess(capture.child);
  }
}
