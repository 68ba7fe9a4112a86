// After the build: a brotli and a gzip copy of every script and stylesheet in build/client/assets, at
// the highest levels, made once here instead of at a lower level on every request (scripts/server.ts
// serves them; they are fingerprinted and cached for a year).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const assets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "build", "client", "assets");
for (const name of readdirSync(assets)) {
  if (!/\.(js|css)$/.test(name)) continue;
  const file = path.join(assets, name);
  const body = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
}
