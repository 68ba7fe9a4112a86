// `npm start` builds only when the build's inputs changed since the last build: a SHA-256 of every
// input file's path and content, kept beside the build. Plain Node, so the check itself costs ~0.1 s.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const INPUTS = ["app", "styles", "public", "db", "scripts", "patches", "package.json", "package-lock.json", "vite.config.ts", "tsconfig.json"];
const OUTPUTS = ["build/server.js", "build/server/index.js", "build/client"];
const HASH_FILE = path.join(root, "build", ".inputs-sha256");

function files(relative) {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

function inputsHash() {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap(files).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

const current = inputsHash();
const built = OUTPUTS.every((output) => existsSync(path.join(root, output)));
const previous = existsSync(HASH_FILE) ? readFileSync(HASH_FILE, "utf8").trim() : "";
if (built && previous === current) process.exit(0);

process.stdout.write(built ? "Sources changed since the last build: building…\n" : "No build yet: building…\n");
const result = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
// The hash of the inputs as they were before the build: an edit during the build rebuilds next time.
writeFileSync(HASH_FILE, `${current}\n`);
