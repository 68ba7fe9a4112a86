import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { withServerAndBrowser } from "../helpers/e2e";
import { DEMO_PASSWORD } from "~/members/demo.server";

const app = withServerAndBrowser();

/** The narrowest phone still in use (iPhone SE, first generation; small Android phones). */
const NARROW = { width: 320, height: 568 };
/** A common phone screen: the header may take about a quarter of it. */
const PHONE = { width: 375, height: 667 };

async function phone(locale: string, viewport = NARROW): Promise<Page> {
  const page = await openPage(app.browser, { locale });
  await page.setViewportSize(viewport);
  return page;
}

async function signIn(page: Page, email: string) {
  await page.goto(`${app.server.url}/sign-in`);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(DEMO_PASSWORD);
  await page.getByRole("main").locator("button[type=submit]").click();
  await page.waitForURL(/\/me$/);
}

async function linksIn(page: Page, path: string, pattern: RegExp): Promise<string[]> {
  await page.goto(`${app.server.url}${path}`);
  const hrefs = await page.getByRole("main").locator("a[href]").evaluateAll((links) =>
    links.map((a) => a.getAttribute("href")!),
  );
  return [...new Set(hrefs.filter((href) => pattern.test(href)))];
}

/** How far the page reaches past the right edge of the screen, in CSS pixels (0 when it fits). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Visits each path and returns the ones that scroll sideways, so one run names them all. */
async function sidewaysScrolling(page: Page, paths: string[], expectedStatus = 200): Promise<string[]> {
  const wide: string[] = [];
  for (const path of paths) {
    const response = await page.goto(`${app.server.url}${path}`);
    expect(response?.status(), path).toBe(expectedStatus);
    const extra = await overflow(page);
    if (extra > 0) wide.push(`${path} is ${extra}px too wide`);
    await expectNoAxeViolations(page);
  }
  return wide;
}

async function headerHeight(page: Page): Promise<number> {
  await page.goto(`${app.server.url}/`);
  return page.locator("body > div > header").evaluate((header) => header.getBoundingClientRect().height);
}

const SESSION = /^\/forum-sessions\/\d+$/;

describe.each([
  { lang: "nb", locale: "nb-NO" },
  { lang: "en", locale: "en-GB" },
])("at 320 px in $lang", ({ locale }) => {
  it("a visitor reads every public page without scrolling sideways", { timeout: 240_000 }, async () => {
    const page = await phone(locale);
    const sessions = await linksIn(page, "/forum-sessions", SESSION);
    expect(sessions.length).toBeGreaterThanOrEqual(5);
    const wide = await sidewaysScrolling(page, [
      "/",
      "/forum-sessions",
      ...sessions,
      "/topics",
      "/experiences",
      "/solutions",
      "/municipalities",
      "/municipalities?q=helgeland",
      // The longest name in the list, in three languages.
      "/municipalities/5622",
      "/sign-in",
      "/sign-up",
      "/forgot-password",
    ]);
    wide.push(...(await sidewaysScrolling(page, ["/no-such-page", "/forum-sessions/999999"], 404)));
    wide.push(...(await sidewaysScrolling(page, ["/reset-password/no-such-token"], 410)));

    // Sign-up with every field's error shown.
    await page.goto(`${app.server.url}/sign-up`);
    await page.getByRole("main").locator("button[type=submit]").click();
    await page.locator(".ds-validation-message").first().waitFor();
    if ((await overflow(page)) > 0) wide.push(`/sign-up with errors is ${await overflow(page)}px too wide`);
    await expectNoAxeViolations(page);

    expect(wide).toEqual([]);
    await page.context().close();
  });

  it("a member reads their own pages without scrolling sideways", { timeout: 240_000 }, async () => {
    const page = await phone(locale);
    await signIn(page, "kari.nordmann@rana.kommune.no");
    const members = await linksIn(page, "/municipalities/1833", /^\/members\/\d+$/);
    expect(members.length).toBeGreaterThan(0);
    const sessions = await linksIn(page, "/forum-sessions", SESSION);
    const wide = await sidewaysScrolling(page, [
      "/",
      "/me",
      "/me/password",
      "/me/calendar",
      "/notifications",
      "/municipalities/1833",
      members[0]!,
      ...sessions,
    ]);
    expect(wide).toEqual([]);
    await page.context().close();
  });

  it("a coordinator plans and writes up sessions without scrolling sideways", { timeout: 300_000 }, async () => {
    const page = await phone(locale);
    await signIn(page, "koordinator@kommuneforum.no");
    const sessions = await linksIn(page, "/forum-sessions", SESSION);
    const paths = ["/admin/members", "/forum-sessions/new", ...sessions];
    // An upcoming session and a past one, with its summary.
    for (const session of [sessions[0]!, sessions.at(-1)!]) {
      for (const part of ["edit", "agenda", "registrations", "summary"]) paths.push(`${session}/${part}`);
    }
    const items = await linksIn(page, `${sessions[0]}/agenda`, /\/agenda\/\d+$/);
    expect(items.length, "the agenda editor links its items").toBeGreaterThan(0);
    paths.push(items[0]!);
    expect(await sidewaysScrolling(page, paths)).toEqual([]);
    await page.context().close();
  });
});

describe("the header on a 375 × 667 phone", () => {
  const limit = PHONE.height / 4;

  it("takes at most a quarter of the screen for a visitor, a member and a coordinator", async () => {
    const heights: Record<string, number> = {};
    for (const lang of ["nb-NO", "en-GB"]) {
      const visitor = await phone(lang, PHONE);
      heights[`visitor ${lang}`] = await headerHeight(visitor);
      await visitor.context().close();
      for (const email of ["kari.nordmann@rana.kommune.no", "koordinator@kommuneforum.no"]) {
        const member = await phone(lang, PHONE);
        await signIn(member, email);
        heights[`${email} ${lang}`] = await headerHeight(member);
        await member.context().close();
      }
    }
    const tooTall = Object.entries(heights).filter(([, height]) => height > limit);
    expect(tooTall, `the header may be ${limit}px tall`).toEqual([]);
  });

  it("opens the menu without JavaScript", async () => {
    const page = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await page.setViewportSize(PHONE);
    await page.goto(`${app.server.url}/`);
    const menu = page.getByRole("navigation", { name: "Hovedmeny" });
    await expect(menu.getByRole("link", { name: "Kommuner" }).isVisible()).resolves.toBe(false);
    await page.getByText("Meny", { exact: true }).click();
    await menu.getByRole("link", { name: "Kommuner" }).click();
    await page.waitForURL(/\/municipalities$/);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
