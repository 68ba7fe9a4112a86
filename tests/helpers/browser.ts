import { existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterEach } from "vitest";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium, headless. Missing Chromium fails the test run loudly, never skips it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const withoutJavaScript = new WeakSet<Page>();

// Content-Security-Policy violations seen by any page of the running test: each fails that test, so
// every browser test also checks that the policy's nonce and hashes let our own scripts run.
const policyViolations: string[] = [];
afterEach(() => {
  const seen = policyViolations.splice(0);
  if (seen.length > 0) throw new Error(`Content-Security-Policy violation(s):\n${seen.join("\n")}`);
});

async function watchForPolicyViolations(context: BrowserContext): Promise<void> {
  context.on("console", (message) => {
    if (/Content Security Policy|securitypolicyviolation/i.test(message.text())) policyViolations.push(`${message.page()?.url()}: ${message.text()}`);
  });
  // Chromium logs most violations itself; the event also names those it may not (styles, reports only).
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
}

/** A page in a context of its own; `javaScript: false` is a locked-down PC where our scripts never run. */
export async function openPage(
  browser: Browser,
  options: { locale: string; javaScript?: boolean },
): Promise<Page> {
  const javaScriptEnabled = options.javaScript ?? true;
  const context = await browser.newContext({ locale: options.locale, javaScriptEnabled });
  await watchForPolicyViolations(context);
  const page = await context.newPage();
  if (!javaScriptEnabled) withoutJavaScript.add(page);
  return page;
}

/**
 * WCAG 2.1 A and AA, as Norwegian law asks of public-sector web. axe needs scripting (its timers do
 * not run without it), so a page without JavaScript is checked as a copy of its DOM, scripts removed,
 * served at the same URL to a scripting page.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  let checked = page;
  if (withoutJavaScript.has(page)) {
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
    // At the page's own size: what is shown (a phone's menu, say) depends on the width.
    const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() });
    checked = await context.newPage();
    await checked.route(page.url(), (route) => route.fulfill({ body: html, contentType: "text/html" }));
    await checked.goto(page.url());
  }
  const results = await new AxeBuilder({ page: checked })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze()
    .finally(() => (checked === page ? undefined : checked.context().close()));
  const violations = results.violations.map(
    (v) => `${v.id} on ${page.url()}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  if (violations.length > 0) {
    throw new Error(`axe found ${violations.length} WCAG 2.1 AA violation(s):\n${violations.join("\n")}`);
  }
}

/** Collects console errors and failed requests, which a person would see as a broken page. */
export function watchForErrors(page: Page): () => string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  return () => errors;
}
