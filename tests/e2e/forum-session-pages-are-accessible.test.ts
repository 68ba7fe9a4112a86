import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { withServerAndBrowser } from "../helpers/e2e";
import { DEMO_PASSWORD } from "~/members/demo.server";

const app = withServerAndBrowser();

async function signIn(page: Page, email: string) {
  await page.goto(`${app.server.url}/sign-in`);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(DEMO_PASSWORD);
  await page.getByRole("main").locator("button[type=submit]").click();
  await page.waitForURL(/\/me$/);
}

/** The demo's forum sessions, as the list page links them. */
async function sessionPaths(page: Page): Promise<string[]> {
  await page.goto(`${app.server.url}/forum-sessions`);
  const hrefs = await page.getByRole("main").locator('a[href^="/forum-sessions/"]').evaluateAll((links) =>
    links.map((a) => a.getAttribute("href")!).filter((href) => /^\/forum-sessions\/\d+$/.test(href)),
  );
  return [...new Set(hrefs)];
}

async function visit(page: Page, path: string) {
  const response = await page.goto(`${app.server.url}${path}`);
  expect(response?.status(), path).toBe(200);
  await expectNoAxeViolations(page);
}

describe.each([
  { lang: "nb", locale: "nb-NO", javaScript: false },
  { lang: "en", locale: "en-GB", javaScript: true },
])("forum session pages in $lang (JavaScript: $javaScript)", ({ locale, javaScript }) => {
  // Each test finds its own pages, so that it checks the same pages when run alone.
  it("have no axe violations for a visitor", { timeout: 180_000 }, async () => {
    const visitor = await openPage(app.browser, { locale, javaScript });
    const paths = await sessionPaths(visitor);
    expect(paths.length).toBeGreaterThanOrEqual(5);
    for (const path of ["/", "/forum-sessions", ...paths]) await visit(visitor, path);
    await visitor.context().close();
  });

  it("have no axe violations for a member", { timeout: 180_000 }, async () => {
    const member = await openPage(app.browser, { locale, javaScript });
    await signIn(member, "kari.nordmann@rana.kommune.no");
    const paths = await sessionPaths(member);
    expect(paths.length).toBeGreaterThanOrEqual(5);
    for (const path of ["/", ...paths.slice(0, 3), "/notifications", "/me/calendar"]) await visit(member, path);
    await member.context().close();
  });

  it("have no axe violations for a coordinator", { timeout: 300_000 }, async () => {
    const coordinator = await openPage(app.browser, { locale, javaScript });
    await signIn(coordinator, "koordinator@kommuneforum.no");
    const visitor = await openPage(app.browser, { locale, javaScript });
    const published = await sessionPaths(visitor);
    await visitor.context().close();
    const all = await sessionPaths(coordinator);
    expect(all.length).toBeGreaterThan(published.length); // the draft
    await visit(coordinator, "/forum-sessions/new");
    for (const path of all) await visit(coordinator, path);
    // The coordinator's pages of an upcoming session and of a past one (with its summary).
    for (const path of [all[0]!, all.at(-1)!]) {
      for (const page of ["edit", "agenda", "registrations", "summary"]) await visit(coordinator, `${path}/${page}`);
    }
    await coordinator.goto(`${app.server.url}${all[0]}/agenda`);
    const itemEdits = await coordinator.getByRole("main").locator('a[href*="/agenda/"]').evaluateAll((links) =>
      links.map((a) => a.getAttribute("href")!),
    );
    expect(itemEdits.length, "the upcoming session's agenda links its items' editor").toBeGreaterThan(0);
    await visit(coordinator, itemEdits[0]!);
    await coordinator.context().close();
  });
});
