import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vitest/config";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  // Vitest runs app modules directly; the Remix plugin is for the dev server and the build only.
  plugins: process.env.VITEST
    ? []
    : [
        tailwindcss(),
        remix({
          future: {
            v3_fetcherPersist: true,
            v3_relativeSplatPath: true,
            v3_throwAbortReason: true,
            v3_singleFetch: true,
            v3_lazyRouteDiscovery: true,
            v3_routeConfig: true,
          },
        }),
      ],
  build: { target: "es2022" },
  server: { port: Number(process.env.PORT ?? 3000) },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "db",
          include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "tests/db/**/*.test.ts"],
          globalSetup: ["tests/setup/database-template.ts"],
          setupFiles: ["tests/setup/database.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "server",
          include: ["tests/server/**/*.test.ts", "tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/built-app.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A busy CI machine draws a page well after its address changes.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          // The HTTP tests again, each server on a fresh PostgreSQL database (tests/helpers/server.ts).
          include: [
            "tests/postgres/**/*.test.ts",
            "tests/server/http.test.ts",
            "tests/server/malformed-requests.test.ts",
            "tests/server/rate-limits-http.test.ts",
            "tests/server/every-action-refuses-forged-and-malformed-posts.test.ts",
            "tests/server/visitor-cache.test.ts",
          ],
          globalSetup: ["tests/setup/postgres-server.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
