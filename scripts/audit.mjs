#!/usr/bin/env node
/**
 * npm run audit: the installed packages against the registry's advisories (`npm audit --audit-level=high`).
 * Exit 0: no high or critical advisory. Exit 1: some, listed. Exit 2: the advisory service could not be
 * asked (no network, a proxy refusing it), said plainly, never taken for a clean result. CI does not run
 * this: its machines cannot reach the service (README, "Dependencies").
 */
import { spawnSync } from "node:child_process";
import console from "node:console";
import process from "node:process";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = spawnSync(npm, ["audit", "--audit-level=high", "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}

const counts = report?.metadata?.vulnerabilities;
if (run.error || !counts) {
  const reason =
    run.error?.message ??
    report?.message ??
    report?.error?.summary ??
    (run.stderr.split("\n").find((line) => /error/i.test(line)) || `npm audit exited with ${run.status}`);
  console.error(`npm run audit: advisory service unreachable, so nothing was checked (${reason.trim()}).`);
  console.error("Run it again from a machine that reaches the npm registry.");
  process.exit(2);
}

const serious = Object.values(report.vulnerabilities ?? {}).filter((v) => v.severity === "high" || v.severity === "critical");
if (serious.length === 0) {
  const others = (counts.low ?? 0) + (counts.moderate ?? 0);
  console.log(`npm run audit: no high or critical advisories (${others} low or moderate; \`npm audit\` lists them).`);
  process.exit(0);
}

console.log(`npm run audit: ${serious.length} package(s) with high or critical advisories:`);
for (const v of serious) {
  const titles = v.via.filter((via) => typeof via === "object").map((via) => `${via.title} (${via.url})`);
  const through = v.via.filter((via) => typeof via === "string");
  const fix =
    v.fixAvailable === true
      ? "fix: npm audit fix"
      : v.fixAvailable
        ? `fix: ${v.fixAvailable.name}@${v.fixAvailable.version}${v.fixAvailable.isSemVerMajor ? " (a major version)" : ""}`
        : "no fix yet";
  console.log(`- ${v.name} ${v.range} [${v.severity}]${through.length ? ` via ${through.join(", ")}` : ""}; ${fix}`);
  for (const title of titles) console.log(`    ${title}`);
}
process.exit(1);
