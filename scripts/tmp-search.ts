import { openDatabase, closeDatabase } from "~/db.server";
import { search } from "~/search/search.server";
import { readSearchQuery } from "~/search/search-query";
await openDatabase({ driver: "postgres", url: process.env.DATABASE_URL! });
const known = { themeSlugs: new Set(["procurement"]), countyNumbers: new Set(["18"]), countyOf: new Map([["1804", "18"]]) };
for (const q of process.argv.slice(2)) {
  const query = readSearchQuery(new URLSearchParams(q), known);
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = await search(query, { approved: false, page: 1 });
    if (i === 2) console.log(q, (performance.now() - t).toFixed(1), "ms", JSON.stringify(r.counts), r.capped.join(","), r.hits.slice(0, 2).map((h) => [h.kind, h.title, h.snippet?.slice(0, 80), h.context]), r.similar.slice(0, 2).map((h) => h.title));
  }
}
await closeDatabase();
