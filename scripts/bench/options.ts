/** The benchmark's settings, from BENCH_* environment variables (bench/README.md lists them). */
import path from "node:path";
import { parseScale } from "../seed-reference";
import { fail, root } from "./processes";

/** The three ways a page is measured: a visitor through the cache, a visitor with it off, a member. */
export const WAYS = ["cache", "nocache", "member"] as const;
export type Way = (typeof WAYS)[number];

export function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\s*\d*\.?\d+\s*$/.test(raw) || !(value > 0)) fail(`${name} must be a number above 0 (got "${raw}").`);
  return value;
}

function ways(): Way[] {
  const raw = process.env.BENCH_WAYS;
  if (!raw) return [...WAYS];
  const picked = raw.split(",").map((w) => w.trim()).filter(Boolean);
  const unknown = picked.filter((w) => !(WAYS as readonly string[]).includes(w));
  if (unknown.length || picked.length === 0) fail(`BENCH_WAYS takes ${WAYS.join(", ")} separated by commas (got "${raw}").`);
  return WAYS.filter((w) => picked.includes(w));
}

export function readOptions() {
  const duration = positiveNumber("BENCH_DURATION", 15);
  return {
    scale: parseScale(),
    duration,
    rate: positiveNumber("BENCH_RATE", 100),
    connections: Math.round(positiveNumber("BENCH_CONNECTIONS", 20)),
    out: process.env.BENCH_OUT ?? path.join(root, "bench", "results", "latest.json"),
    adminUrl: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    /** A database already seeded at the reference size to copy instead of seeding (minutes saved). */
    template: process.env.BENCH_DATABASE_TEMPLATE || undefined,
    skipBuild: process.env.BENCH_SKIP_BUILD === "1",
    pages: process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES, "i") : undefined,
    ways: ways(),
    mix: process.env.BENCH_MIX !== "0",
    mixWriters: Math.round(positiveNumber("BENCH_MIX_WRITERS", 5)),
    mixWriteRate: positiveNumber("BENCH_MIX_WRITE_RATE", 20),
    mixDuration: positiveNumber("BENCH_MIX_DURATION", duration * 2),
  };
}

export type Options = ReturnType<typeof readOptions>;
