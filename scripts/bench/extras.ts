/** The figures that are not per page: first-visit JavaScript and the embedded server's start times. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { atCleanup, startAppServer, stopProcess } from "./processes";

/** JavaScript a first visit loads: every module the home page preloads or imports, gzipped. */
export async function firstLoadJsGzipBytes(appUrl: string): Promise<number> {
  const home = await (await fetch(appUrl)).text();
  const scripts = new Set([...home.matchAll(/(?:href|src)="(\/assets\/[^"]+\.js)"|import\("(\/assets\/[^"]+\.js)"\)/g)].map((m) => m[1] ?? m[2]!));
  let bytes = 0;
  const fetched: string[] = [];
  for (const script of scripts) {
    const body = Buffer.from(await (await fetch(`${appUrl}${script}`)).arrayBuffer());
    bytes += gzipSync(body).length;
    fetched.push(body.toString("utf8"));
  }
  // Plus the page language's messages (bokmål here), a chunk the client entry imports before hydrating.
  const catalogue = fetched.join("\n").match(/["'`](?:\.\/|\/assets\/)(nb-[\w-]+\.js)["'`]/)?.[1];
  if (catalogue && !scripts.has(`/assets/${catalogue}`)) {
    bytes += gzipSync(Buffer.from(await (await fetch(`${appUrl}/assets/${catalogue}`)).arrayBuffer())).length;
  }
  return bytes;
}

/** Embedded first start (empty DATA_DIR) and a later start on the same directory, in seconds. */
export async function embeddedStarts(): Promise<{ first: number; later: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "kf-bench-embedded-"));
  atCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const times: number[] = [];
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    const embedded = await startAppServer({ DATA_DIR: dataDir });
    times.push((performance.now() - started) / 1000);
    await stopProcess(embedded.child);
  }
  return { first: times[0]!, later: times[1]! };
}
