import path from "node:path";
import { UNSAFE_flatRoutes } from "@remix-run/dev";

/** One route of the app, as app/routes.ts (flatRoutes()) makes it, with what its module exports. */
export interface AppRoute {
  /** Remix's route id, e.g. "routes/forum-sessions.$id.agenda". */
  id: string;
  /** The route module's file, absolute. */
  file: string;
  /** The whole address pattern, e.g. "/forum-sessions/:id/agenda/:itemId"; "/*" for the catch-all. */
  pattern: string;
  /** The route module itself, to call its loader or action or to compare with a rights-matrix row. */
  module: { loader?: unknown; action?: unknown; default?: unknown };
  hasLoader: boolean;
  hasAction: boolean;
  /** No default export: a resource route (a file, a feed, sign-out, the language switch). */
  isResource: boolean;
}

const APP_DIRECTORY = path.resolve(import.meta.dirname, "../../app");

let cached: Promise<AppRoute[]> | undefined;

/**
 * Every route the build has, read the way app/routes.ts reads them (the same flat-routes convention on
 * app/routes/), so that a new route file is in every list-driven test without anyone adding it.
 */
export function routeList(): Promise<AppRoute[]> {
  cached ??= (async () => {
    const manifest = UNSAFE_flatRoutes(APP_DIRECTORY, [], "routes");
    const patternOf = (id: string): string => {
      const route = manifest[id];
      if (!route) return "";
      const parent = route.parentId && route.parentId !== "root" ? patternOf(route.parentId) : "";
      return route.path ? `${parent}/${route.path}` : parent;
    };
    const routes = await Promise.all(
      Object.values(manifest).map(async (route): Promise<AppRoute> => {
        const module = (await import(path.join(APP_DIRECTORY, route.file))) as AppRoute["module"];
        return {
          id: route.id,
          file: path.join(APP_DIRECTORY, route.file),
          pattern: patternOf(route.id) || "/",
          module,
          hasLoader: typeof module.loader === "function",
          hasAction: typeof module.action === "function",
          isResource: module.default === undefined,
        };
      }),
    );
    return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
  })();
  return cached;
}

/** An address for a pattern, its params filled in by `params` (a name with no value gets "1"). */
export function fillPattern(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? "1")).replace(/\/\*$/, "/nowhere");
}
