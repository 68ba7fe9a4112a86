/**
 * Load runs with autocannon: an open loop at a steady rate for latency, a closed loop at N connections
 * for throughput, the serving process's CPU over the closed loop, and the share of X-Cache hits.
 */
import autocannon from "autocannon";
import { cpuMs, startFloor, stopProcess } from "./processes";

export interface LoadOptions extends autocannon.Options {
  onLatency?: (ms: number) => void;
  /** Counts each response's X-Cache header (hit, miss, bypass). */
  cacheCounts?: Map<string, number>;
}

export function load(options: LoadOptions): Promise<autocannon.Result> {
  const { onLatency, cacheCounts, ...rest } = options;
  if (cacheCounts) {
    // The client's "headers" event hands over llhttp's parse (the headers as a flat name, value list), not what its types say.
    rest.setupClient = (client) =>
      (client as unknown as { on: (event: "headers", listener: (info: { headers: string[] }) => void) => void }).on("headers", ({ headers }) => {
        for (let i = 0; i < headers.length; i += 2) {
          if (headers[i]!.toLowerCase() === "x-cache") cacheCounts.set(headers[i + 1]!, (cacheCounts.get(headers[i + 1]!) ?? 0) + 1);
        }
      });
  }
  return new Promise((resolve, reject) => {
    const instance = autocannon(rest, (error, result) => (error ? reject(error) : resolve(result)));
    if (onLatency) instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => onLatency(ms));
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const errorsOf = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;

export function hitRatio(counts: Map<string, number>): number {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return total ? (counts.get("hit") ?? 0) / total : NaN;
}

export interface WayResult {
  p50: number;
  p95: number;
  p99: number;
  rateAchieved: number;
  rps: number;
  cpuMsPerRequest: number;
  /** Share of X-Cache: hit over the steady and the closed run (cache on only). */
  hitRatio?: number;
  errors: number;
}

export interface Steady {
  rate: number;
  duration: number;
  connections: number;
}

/** One page one way: `duration` s at `rate` req/s over 10 connections, then `duration` s closed loop. */
export async function measureWay(url: string, headers: Record<string, string>, pid: number, s: Steady, countCache: boolean): Promise<WayResult> {
  const cacheCounts = countCache ? new Map<string, number>() : undefined;
  const latencies: number[] = [];
  const steady = await load({ url, headers, connections: 10, overallRate: s.rate, duration: s.duration, onLatency: (ms) => latencies.push(ms), cacheCounts });
  latencies.sort((a, b) => a - b);
  const cpuBefore = cpuMs(pid);
  const closed = await load({ url, headers, connections: s.connections, duration: s.duration, cacheCounts });
  const cpuMsPerRequest = (cpuMs(pid) - cpuBefore) / Math.max(1, closed.requests.total);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rateAchieved: steady.requests.average,
    rps: closed.requests.average,
    cpuMsPerRequest,
    hitRatio: cacheCounts ? hitRatio(cacheCounts) : undefined,
    errors: errorsOf(steady) + errorsOf(closed),
  };
}

/** The floor: a plain node:http server sending these bytes, closed loop. */
export async function measureFloor(body: Buffer, s: Steady): Promise<number> {
  const floor = await startFloor(body);
  try {
    return (await load({ url: floor.url, connections: s.connections, duration: s.duration })).requests.average;
  } finally {
    await stopProcess(floor.child);
  }
}

/** A visitor who sends back the page's ETag in If-None-Match gets 304 (the status it got, and whether an ETag came). */
export async function revalidates(url: string): Promise<{ status: number; etag: string | null }> {
  const first = await fetch(url);
  await first.arrayBuffer();
  const etag = first.headers.get("etag");
  if (!etag) return { status: first.status, etag };
  const again = await fetch(url, { headers: { "If-None-Match": etag } });
  await again.arrayBuffer();
  return { status: again.status, etag };
}
