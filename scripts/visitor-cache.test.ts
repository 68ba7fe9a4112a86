import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { chooseEncoding, etagOf, isStorable, isVisitor, notModified, VisitorCache, type CachedPage } from "./visitor-cache";

const KB = 1024;

function page(bytes: number, contentVersion = 1, storedAt = Date.now()): CachedPage {
  const body = Buffer.alloc(bytes, "<p>Kommuneforum</p>");
  return { contentVersion, storedAt, etag: etagOf(body), headers: [["Content-Type", "text/html"]], contentSecurityPolicy: "default-src 'self'", body, encoded: {} };
}

describe("the visitor cache's bounds", () => {
  it("never holds more bytes than it is given, however many large pages arrive", () => {
    const cache = new VisitorCache({ maxBytes: 1024 * KB, maxPerPath: 1000, maxAgeMs: 60_000 });
    for (let i = 0; i < 200; i++) cache.set(`nb /topics/${i}`, `/topics/${i}`, page(100 * KB));
    expect(cache.bytes).toBeLessThanOrEqual(1024 * KB);
    expect(cache.size).toBeLessThanOrEqual(10);
    // The newest are the ones kept.
    expect(cache.get("nb /topics/199", 1)).toBeDefined();
    expect(cache.get("nb /topics/0", 1)).toBeUndefined();
  });

  it("keeps at most a few variants of one path, so a burst of query strings leaves the other pages alone", () => {
    const cache = new VisitorCache({ maxBytes: 64 * 1024 * KB, maxPerPath: 5, maxAgeMs: 60_000 });
    cache.set("nb /topics", "/topics", page(20 * KB));
    cache.set("nb /", "/", page(20 * KB));
    for (let i = 0; i < 10_000; i++) cache.set(`nb /search?q=ord${i}`, "/search", page(KB));
    expect(cache.size).toBe(7);
    expect(cache.get("nb /topics", 1)).toBeDefined();
    expect(cache.get("nb /", 1)).toBeDefined();
    expect(cache.get("nb /search?q=ord9999", 1)).toBeDefined();
    expect(cache.get("nb /search?q=ord0", 1)).toBeUndefined();
  });

  it("does not keep a page larger than an eighth of it", () => {
    const cache = new VisitorCache({ maxBytes: 800 * KB, maxPerPath: 5, maxAgeMs: 60_000 });
    cache.set("nb /solutions.json", "/solutions.json", page(200 * KB));
    expect(cache.size).toBe(0);
    // Nor is the path's count of variants left holding a page that is not there.
    for (let i = 0; i < 5; i++) cache.set(`nb /solutions.json?v=${i}`, "/solutions.json", page(KB));
    expect(cache.size).toBe(5);
  });
});

describe("the visitor cache's freshness", () => {
  it("serves a page only at the content version it was rendered at, and not past its age", () => {
    const cache = new VisitorCache({ maxBytes: 1024 * KB, maxPerPath: 5, maxAgeMs: 60_000 });
    const now = Date.now();
    cache.set("nb /topics", "/topics", page(KB, 7, now));
    expect(cache.get("nb /topics", 7, now + 1_000)).toBeDefined();
    expect(cache.get("nb /topics", 8, now + 1_000)).toBeUndefined();
    // Gone for good: an older version asking again does not bring it back.
    expect(cache.get("nb /topics", 7, now + 1_000)).toBeUndefined();

    cache.set("nb /", "/", page(KB, 7, now));
    expect(cache.get("nb /", 7, now + 61_000)).toBeUndefined();
  });

  it("does not let a slow render of an older version replace a newer page", () => {
    const cache = new VisitorCache({ maxBytes: 1024 * KB, maxPerPath: 5, maxAgeMs: 60_000 });
    cache.set("nb /topics", "/topics", page(KB, 9));
    cache.set("nb /topics", "/topics", page(2 * KB, 8));
    expect(cache.get("nb /topics", 9)?.body.length).toBe(KB);
  });

  it("compresses a page once per encoding and counts the copies in its size", async () => {
    const cache = new VisitorCache({ maxBytes: 1024 * KB, maxPerPath: 5, maxAgeMs: 60_000 });
    const stored = page(50 * KB);
    cache.set("nb /topics", "/topics", stored);
    const before = cache.bytes;
    const gzip = await cache.encode("nb /topics", stored, "gzip");
    const br = await cache.encode("nb /topics", stored, "br");
    expect(gunzipSync(gzip).equals(stored.body)).toBe(true);
    expect(brotliDecompressSync(br).equals(stored.body)).toBe(true);
    expect(await cache.encode("nb /topics", stored, "gzip")).toBe(gzip);
    expect(cache.bytes).toBe(before + gzip.length + br.length);
  });
});

describe("who and what the cache is for", () => {
  it("takes requests with no cookie or only the language cookie as a visitor's", () => {
    expect(isVisitor(undefined)).toBe(true);
    expect(isVisitor("lang=ImVuIg%3D%3D")).toBe(true);
    expect(isVisitor("kf_session=abc")).toBe(false);
    expect(isVisitor("lang=ImVuIg%3D%3D; kf_session=abc")).toBe(false);
    expect(isVisitor("tracking=1")).toBe(false);
  });

  it("keeps only plain 200s that set no cookie and are not private", () => {
    expect(isStorable(new Response("x", { status: 200 }))).toBe(true);
    expect(isStorable(new Response("x", { status: 404 }))).toBe(false);
    expect(isStorable(new Response("x", { status: 200, headers: { "Set-Cookie": "a=b" } }))).toBe(false);
    expect(isStorable(new Response("x", { status: 200, headers: { "Cache-Control": "private, no-store" } }))).toBe(false);
  });

  it("chooses brotli, then gzip, as the client accepts them", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip, br;q=0")).toBe("gzip");
    expect(chooseEncoding("identity")).toBe("identity");
    expect(chooseEncoding(undefined)).toBe("identity");
    expect(chooseEncoding("*")).toBe("br");
  });

  it("answers If-None-Match with the page's validator, weak or strong, in a list or as *", () => {
    const etag = etagOf(Buffer.from("side"));
    expect(notModified(etag, etag)).toBe(true);
    expect(notModified(`"x", ${etag.replace("W/", "")}`, etag)).toBe(true);
    expect(notModified("*", etag)).toBe(true);
    expect(notModified('"annen"', etag)).toBe(false);
    expect(notModified(undefined, etag)).toBe(false);
  });
});
