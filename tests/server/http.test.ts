import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers, redirect: "manual" });

describe("the built server", () => {
  it("answers /healthz with 200 and status ok while the database answers", async () => {
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("compresses pages and caches fingerprinted assets for a year", async () => {
    const page = await get("/municipalities", { "Accept-Encoding": "gzip" });
    expect(page.headers.get("content-encoding")).toBe("gzip");
    const html = await page.text();
    const asset = html.match(/href="(\/assets\/[^"]+\.css)"/)?.[1];
    expect(asset).toBeDefined();
    const css = await get(asset!);
    expect(css.status).toBe(200);
    expect(css.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("serves scripts and stylesheets as the build compressed them, byte for byte the same once unpacked", async () => {
    const html = await (await get("/municipalities")).text();
    const script = html.match(/(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const plain = await get(script!, { "Accept-Encoding": "identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    const original = await plain.text();
    for (const encoding of ["br", "gzip"]) {
      const packed = await get(script!, { "Accept-Encoding": encoding });
      expect(packed.headers.get("content-encoding")).toBe(encoding);
      expect(packed.headers.get("content-type")).toMatch(/javascript/);
      expect(packed.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(Number(packed.headers.get("content-length"))).toBeLessThan(original.length / 2);
      expect(await packed.text()).toBe(original);
    }
  });

  it("serves the favicon", async () => {
    expect((await get("/favicon.svg")).status).toBe(200);
  });

  it("renders the home page in bokmål by default, with lang=nb", async () => {
    const html = await (await get("/")).text();
    expect(html).toContain('<html lang="nb"');
    expect(html).toContain("Hopp til hovedinnhold");
  });

  it("renders English for an English browser", async () => {
    const html = await (await get("/", { "Accept-Language": "en-GB,en;q=0.9" })).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Skip to main content");
  });

  it("sends /solutions.json compressed by the route once, the same JSON for brotli, gzip and none", async () => {
    const bodies: string[] = [];
    for (const encoding of ["br", "gzip"]) {
      const response = await get("/solutions.json", { "Accept-Encoding": encoding });
      expect(response.headers.get("content-encoding")).toBe(encoding);
      // An encoded body is not the visitor cache's to keep (it would compress it again).
      expect(response.headers.get("x-cache")).not.toBe("hit");
      // fetch decodes once: a body compressed twice would not parse.
      bodies.push(await response.text());
    }
    const plain = await get("/solutions.json", { "Accept-Encoding": "identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    const document = await plain.text();
    expect(JSON.parse(document)).toHaveProperty("solutions");
    expect(bodies).toEqual([document, document]);
  });

  it("shows the solution catalogue, linking to its open data", async () => {
    const response = await get("/solutions", { "Accept-Language": "en" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain("is being built and is not in use yet");
    expect(html).toContain('href="/solutions.json"');
  });
});

describe("bad input", () => {
  const longPath = `/${"a".repeat(5000)}`;
  it.each([
    ["/municipalities/9999", "/municipalities/9999"],
    ["/municipalities/abc", "/municipalities/abc"],
    ["/municipalities/0301%00", "/municipalities/0301%00"],
    ["/themes/%00 (a NUL byte would reach PostgreSQL)", "/themes/%00"],
    ["/no/such/page", "/no/such/page"],
    ["a path of 5,000 characters", longPath],
    ["an asset path of 5,000 characters", `/assets${longPath}`],
  ])("%s is a 404 page, not a 500", async (_label, path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Fant ikke siden");
  });

  it("a URL with broken percent-encoding is a clear 400 page in the reader's language", async () => {
    const response = await get("/assets/%E0%A4%A", { "Accept-Language": "en" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Bad request");
  });

  it("a NUL byte in a query (a search for it) is a clear 400 page, not a 500", async () => {
    const response = await get("/search?q=a%00b", { "Accept-Language": "en" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Invalid character");
  });

  it("survives an Accept-Language of garbage", async () => {
    const response = await get("/municipalities", { "Accept-Language": ";;;,,q=zz,\u00ff" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<html lang="nb"');
  });

  it("survives a language cookie with an unknown value", async () => {
    for (const cookie of ["lang=klingon", "lang=%%%", "lang=", "lang=ImVuIg%3D%3D; lang=x"]) {
      const response = await get("/", { Cookie: cookie });
      expect(response.status, cookie).toBe(200);
    }
  });

  it("answers a language switch to an unknown language with 400", async () => {
    const response = await fetch(`${server.url}/language`, {
      method: "POST",
      body: new URLSearchParams({ language: "sv", redirectTo: "/" }),
      redirect: "manual",
    });
    expect(response.status).toBe(400);
  });

  it("answers a POST to a page without an action with 405, not 500", async () => {
    const response = await fetch(`${server.url}/municipalities`, { method: "POST", body: new URLSearchParams({ x: "1" }) });
    expect(response.status).toBe(405);
  });
});
