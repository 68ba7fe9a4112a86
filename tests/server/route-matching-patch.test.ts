import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

// patches/@remix-run+router+*.patch, applied by patch-package at install (docs/decisions/014).
const marker = "/*! kommuneforum patch: rankedRouteBranches */";
const require = createRequire(import.meta.url);

describe("the route matching the built app runs", () => {
  it("is the patched @remix-run/router, on the server as Remix and React Router load it", () => {
    for (const loader of ["@remix-run/server-runtime", "react-router", "react-router-dom"]) {
      const router = createRequire(require.resolve(loader)).resolve("@remix-run/router");
      expect(readFileSync(router, "utf8"), `${loader} loads ${router}`).toContain(marker);
    }
  });

  it("is the patched @remix-run/router in the browser's scripts", () => {
    const assets = path.join(process.cwd(), "build", "client", "assets");
    const scripts = readdirSync(assets).filter((name) => name.endsWith(".js"));
    expect(scripts.filter((name) => readFileSync(path.join(assets, name), "utf8").includes(marker))).toHaveLength(1);
  });
});

describe("pages, matched from the routes ranked once", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  const get = (path: string) => fetch(`${server.url}${path}`, { redirect: "manual" });
  const title = async (response: Response) => (await response.text()).match(/<title>([^<]*)<\/title>/)?.[1];

  it("renders the home page and the topic list", async () => {
    const home = await get("/");
    expect(home.status).toBe(200);
    expect(await title(home)).toBe("Kommuneforum");
    const topics = await get("/topics");
    expect(topics.status).toBe(200);
    expect(await title(topics)).toBe("Tema – Kommuneforum");
  });

  it("gives each request its own parameters: one municipality after another", async () => {
    for (const [number, name] of [
      ["0301", "Oslo"],
      ["1103", "Stavanger"],
      ["0301", "Oslo"],
    ]) {
      const response = await get(`/municipalities/${number}`);
      expect(response.status).toBe(200);
      expect(await title(response)).toBe(`${name} – Kommuneforum`);
    }
  });

  it("prefers a fixed path to a parameter: /solutions/new asks a visitor to sign in, it is no solution called 'new'", async () => {
    const response = await get("/solutions/new");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/\/sign-in\?redirectTo=%2Fsolutions%2Fnew$/);
  });

  it("answers the catalogue's open data at /solutions.json", async () => {
    const response = await get("/solutions.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
  });

  it("answers a path no route has with the 404 page, again and again", async () => {
    for (const path of ["/no/such/page", "/topics/new/more", "/no/such/page"]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await title(response)).toBe("Fant ikke siden – Kommuneforum");
    }
  });
});
