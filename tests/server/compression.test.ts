import { request } from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

// The cache off: every page is rendered and streamed through the compression middleware.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { VISITOR_CACHE: "off" } });
});
afterAll(async () => {
  await server.stop();
});

/** The body as it came over the wire, not unpacked (fetch would unpack it). */
function raw(path: string, acceptEncoding: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${server.url}${path}`, { headers: { "Accept-Encoding": acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ encoding: response.headers["content-encoding"], body: Buffer.concat(chunks) }));
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

describe("a rendered page, compressed as it streams", () => {
  it.each(["/", "/municipalities"])("%s is about as small gzipped as the whole page gzipped at once", async (path) => {
    const plain = await raw(path, "identity");
    expect(plain.encoding).toBeUndefined();
    const packed = await raw(path, "gzip");
    expect(packed.encoding).toBe("gzip");
    // The same page once unpacked (the nonce-free parts of it; the page is rendered twice).
    expect(gunzipSync(packed.body).length).toBeGreaterThan(plain.body.length * 0.9);
    // A flush after each of React's chunks made it some 45 % larger.
    expect(packed.body.length).toBeLessThan(gzipSync(plain.body).length * 1.1);
  });

  it("sends brotli when the browser prefers it, smaller than the page", async () => {
    const plain = await raw("/", "identity");
    const packed = await raw("/", "br, gzip");
    expect(packed.encoding).toBe("br");
    expect(packed.body.length).toBeLessThan(plain.body.length / 3);
  });
});
