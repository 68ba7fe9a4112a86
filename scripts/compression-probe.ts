/**
 * What compressing a page costs at each level (bench/README.md, "Compression"): fetches each page's
 * identity body from a running server and compresses it in this process, printing the bytes and the CPU
 * milliseconds per compression (user + system, the median of several runs).
 *
 *   PROBE_URL=http://127.0.0.1:3000 tsx scripts/compression-probe.ts [/path …]
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const base = process.env.PROBE_URL ?? "http://127.0.0.1:3000";
const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["/", "/experiences", "/search?q=kommune", "/solutions.json"];

const brotli = (quality: number, window?: number) => (body: Buffer) =>
  brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      ...(window ? { [constants.BROTLI_PARAM_LGWIN]: window } : {}),
    },
  });

const levels: [string, (body: Buffer) => Buffer][] = [
  ["gzip 1", (body) => gzipSync(body, { level: 1 })],
  ["gzip 6", (body) => gzipSync(body, { level: 6 })],
  ["gzip 9", (body) => gzipSync(body, { level: 9 })],
  ["br 4", brotli(4)],
  ["br 4, window 18", brotli(4, 18)],
  ["br 5", brotli(5)],
  ["br 6", brotli(6)],
  ["br 11", brotli(11)],
];

function cpuMsOf(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(bytes < 10240 ? 1 : 0);

console.log(`| page | identity | ${levels.map(([name]) => name).join(" | ")} |`);
console.log(`|---|---|${levels.map(() => "---").join("|")}|`);
for (const path of paths) {
  const response = await fetch(`${base}${path}`, { headers: { "Accept-Encoding": "identity" } });
  const body = Buffer.from(await response.arrayBuffer());
  // A large body is compressed fewer times: one brotli 11 of several megabytes takes seconds.
  const runs = body.length > 1_000_000 ? 2 : 9;
  const cells = levels.map(([, compress]) => {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < runs; i++) times.push(cpuMsOf(() => (size = compress(body).length)));
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)]!;
    return `${kb(size)} KB, ${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
  });
  console.log(`| ${path} (${response.status}) | ${kb(body.length)} KB | ${cells.join(" | ")} |`);
}
