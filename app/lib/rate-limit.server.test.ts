import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema";
import { hitRateLimit } from "./rate-limit.server";
import { currentDatabaseOptions, db, type Database } from "~/db.server";

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

/** A second connection to the same database, as a second app process would have. PGlite has only one. */
function secondConnection(): Database {
  const options = currentDatabaseOptions();
  if (options?.driver !== "postgres") return db();
  const client = postgres(options.url, { max: 1, onnotice: () => {} });
  closers.push(() => client.end());
  return drizzle(client, { schema }) as unknown as Database;
}

describe("rate limits", () => {
  it("allow up to the limit in a window and refuse the next with the seconds to wait", async () => {
    const limit = { limit: 3, windowSeconds: 60 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit("test:window", limit));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfter).toBeGreaterThan(0);
    expect(results[3]!.retryAfter).toBeLessThanOrEqual(60);
  });

  it("count hits from two database connections together, as from two app processes", async () => {
    const other = secondConnection();
    const limit = { limit: 4, windowSeconds: 60 };
    const hits = await Promise.all([
      hitRateLimit("test:shared", limit),
      hitRateLimit("test:shared", limit, other),
      hitRateLimit("test:shared", limit),
      hitRateLimit("test:shared", limit, other),
      hitRateLimit("test:shared", limit, other),
    ]);
    expect(hits.filter((h) => h.allowed)).toHaveLength(4);
    expect((await hitRateLimit("test:shared", limit, other)).allowed).toBe(false);
  });

  it("start a new window once the old one has passed", async () => {
    const limit = { limit: 1, windowSeconds: 1 };
    expect((await hitRateLimit("test:expiry", limit)).allowed).toBe(true);
    expect((await hitRateLimit("test:expiry", limit)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await hitRateLimit("test:expiry", limit)).allowed).toBe(true);
  });

  it("keep separate keys apart", async () => {
    const limit = { limit: 1, windowSeconds: 60 };
    expect((await hitRateLimit("test:a", limit)).allowed).toBe(true);
    expect((await hitRateLimit("test:b", limit)).allowed).toBe(true);
  });
});
