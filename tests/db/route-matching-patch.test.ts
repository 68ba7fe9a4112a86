import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as RemixRouter from "@remix-run/router";
import type { AgnosticRouteObject as RouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

// patches/@remix-run+router+*.patch, applied by patch-package at install (docs/decisions/014).
type Router = typeof RemixRouter;

const require = createRequire(import.meta.url);
const routerDir = path.dirname(require.resolve("@remix-run/router/package.json"));
// The server loads the CommonJS build (the package's "main"); Vite bundles the ES module build ("module").
const builds: [string, string][] = [
  ["dist/router.cjs.js", "CommonJS build"],
  ["dist/router.js", "ES module build"],
];

/** A small route tree like the app's; `children` of the root counts how often it is read. */
function countedRoutes() {
  const reads = { count: 0 };
  const children: RouteObject[] = [
    { id: "home", index: true },
    { id: "topics", path: "topics", children: [{ id: "topics-index", index: true }, { id: "topic", path: ":id" }] },
    { id: "topic-new", path: "topics/new" },
    { id: "municipality", path: "municipalities/:number" },
    { id: "splat", path: "*" },
  ];
  const root = { id: "root", path: "/" } as RouteObject;
  Object.defineProperty(root, "children", {
    enumerable: true,
    get: () => {
      reads.count++;
      return children;
    },
  });
  return { routes: [root], reads };
}

const ids = (matches: { route: { id?: string } }[] | null) => matches?.map((match) => match.route.id) ?? null;

describe.each(builds)("the installed @remix-run/router, %s", (file) => {
  const load = async (): Promise<Router> =>
    file.endsWith(".cjs.js") ? (require(path.join(routerDir, file)) as Router) : ((await import(path.join(routerDir, file))) as Router);

  it("carries the project's patch", () => {
    const source = readFileSync(path.join(routerDir, file), "utf8");
    expect(source).toContain("/*! kommuneforum patch: rankedRouteBranches */");
    expect(source).toContain("/*! kommuneforum patch: compiledPaths */");
  });

  it("ranks a route tree once, however often it is matched, and still matches as before", async () => {
    const { matchRoutes } = await load();
    const { routes, reads } = countedRoutes();
    expect(ids(matchRoutes(routes, "/topics/42"))).toEqual(["root", "topics", "topic"]);
    const afterFirst = reads.count;
    expect(afterFirst).toBeGreaterThan(0);

    expect(ids(matchRoutes(routes, "/topics/new"))).toEqual(["root", "topic-new"]);
    expect(ids(matchRoutes(routes, "/topics"))).toEqual(["root", "topics", "topics-index"]);
    expect(matchRoutes(routes, "/municipalities/0301")?.at(-1)?.params).toEqual({ number: "0301" });
    expect(ids(matchRoutes(routes, "/no/such/page"))).toEqual(["root", "splat"]);
    expect(ids(matchRoutes(routes, "/"))).toEqual(["root", "home"]);
    expect(reads.count).toBe(afterFirst);

    // Another array of the same routes is ranked on its own.
    matchRoutes([...routes], "/topics/42");
    expect(reads.count).toBeGreaterThan(afterFirst);
  });

  it("matches a pattern case-sensitively, to its end or as a prefix, each as asked, whatever was asked before", async () => {
    const { matchPath } = await load();
    expect(matchPath({ path: "/Topics", caseSensitive: true, end: true }, "/topics")).toBeNull();
    expect(matchPath({ path: "/Topics", caseSensitive: false, end: true }, "/topics")?.pathname).toBe("/topics");
    expect(matchPath({ path: "/Topics", caseSensitive: true, end: true }, "/topics")).toBeNull();
    expect(matchPath({ path: "/topics", end: true }, "/topics/42")).toBeNull();
    expect(matchPath({ path: "/topics", end: false }, "/topics/42")?.pathnameBase).toBe("/topics");
    expect(matchPath("/topics/:id", "/topics/7")?.params).toEqual({ id: "7" });
    expect(matchPath("/topics/:id", "/topics/8")?.params).toEqual({ id: "8" });
  });

  it("finds routes added while navigating (lazy route discovery), matching the patched tree afresh", async () => {
    const { createRouter, createMemoryHistory } = await load();
    const router = createRouter({
      routes: [{ id: "root", path: "/", children: [{ id: "home", index: true }] }],
      history: createMemoryHistory({ initialEntries: ["/"] }),
      async patchRoutesOnNavigation({ path, patch }) {
        if (path === "/later") patch("root", [{ id: "later", path: "later" }]);
      },
    }).initialize();
    try {
      await router.navigate("/later");
      expect(router.state.location.pathname).toBe("/later");
      expect(router.state.errors).toBeNull();
      expect(ids(router.state.matches)).toEqual(["root", "later"]);
    } finally {
      router.dispose();
    }
  });
});
