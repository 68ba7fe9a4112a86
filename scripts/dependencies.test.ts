import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

interface Manifest {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  overrides?: Record<string, string>;
}
interface Lock {
  packages: Record<string, { version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }>;
}

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as Manifest;
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as Lock;
const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

describe("dependencies", () => {
  it("are pinned to exact versions, the ones the lockfile installs", () => {
    const loose: string[] = [];
    for (const section of ["dependencies", "devDependencies"] as const) {
      for (const [name, version] of Object.entries(manifest[section])) {
        if (!EXACT.test(version)) loose.push(`${name}@${version}`);
        expect(lock.packages[""]?.[section]?.[name], `${name} in the lockfile's root`).toBe(version);
        expect(lock.packages[`node_modules/${name}`]?.version, `${name} as the lockfile installs it`).toBe(version);
      }
    }
    for (const [name, version] of Object.entries(manifest.overrides ?? {})) if (!EXACT.test(version)) loose.push(`${name}@${version} (override)`);
    expect(loose).toEqual([]);
  });

  it("are saved exact by npm install", () => {
    expect(readFileSync(".npmrc", "utf8")).toMatch(/^save-exact=true$/m);
  });
});

// `npm run audit` against a registry of our own on a local port, which answers the advisory query as told.
let answer: "refuse" | "clean" | "high" = "refuse";
let registry: Server;
let registryUrl: string;

beforeAll(async () => {
  registry = createServer((req, res) => {
    req.resume();
    if (answer === "refuse" || !req.url?.includes("/security/advisories/bulk")) return void res.writeHead(answer === "refuse" ? 405 : 404).end();
    const advisories =
      answer === "clean"
        ? {}
        : { negotiator: [{ id: 1, url: "https://example.invalid/advisory/1", title: "Header parsing runs away", severity: "high", vulnerable_versions: "<=99.0.0", cwe: [], cvss: { score: 7.5, vectorString: null } }] };
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(advisories));
  });
  await new Promise<void>((resolve) => registry.listen(0, "127.0.0.1", resolve));
  registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => registry.close(() => resolve())));

function audit(): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["scripts/audit.mjs"], {
    env: { ...process.env, npm_config_registry: registryUrl, npm_config_fetch_retries: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

describe("npm run audit", () => {
  it("says plainly that the advisory service is unreachable, with exit 2, never that all is well", async () => {
    answer = "refuse";
    const { code, output } = await audit();
    expect(output).toContain("advisory service unreachable");
    expect(output).not.toContain("no high or critical");
    expect(code).toBe(2);
  });

  it("exits 0 when no advisory is high or critical", async () => {
    answer = "clean";
    const { code, output } = await audit();
    expect(output).toContain("no high or critical advisories");
    expect(code).toBe(0);
  });

  it("lists the high findings and exits 1", async () => {
    answer = "high";
    const { code, output } = await audit();
    expect(output).toMatch(/^- negotiator .*\[high\]/m);
    expect(output).toContain("Header parsing runs away (https://example.invalid/advisory/1)");
    expect(code).toBe(1);
  });
});
