import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { startServer, type RunningServer } from "./server";

/** For a browser test file: the built server on a fresh data directory and Chromium, for all its tests. */
export function withServerAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error("The server starts in beforeAll");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("The browser starts in beforeAll");
      return browser;
    },
  };
}
