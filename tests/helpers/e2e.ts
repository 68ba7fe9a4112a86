import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { startServer, type RunningServer } from "./server";
import { DEMO_PASSWORD } from "~/members/demo.server";

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

/** Signs a demo member in (every demo member has DEMO_PASSWORD) and waits for their own page. */
export async function signInAsDemo(page: Page, server: RunningServer, email: string): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(DEMO_PASSWORD);
  await page.getByRole("main").locator("button[type=submit]").click();
  await page.waitForURL(/\/me$/);
}
