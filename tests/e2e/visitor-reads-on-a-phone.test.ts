import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { signInAsDemo, withServerAndBrowser } from "../helpers/e2e";

// That no page scrolls sideways at 320 px is checked where every page is visited:
// everyone-reads-every-page-in-*.test.ts (tests/helpers/every-page.ts). Here: the header itself.

const app = withServerAndBrowser();

/** A common phone screen: the header may take about a quarter of it. */
const PHONE = { width: 375, height: 667 };

async function phone(locale: string): Promise<Page> {
  const page = await openPage(app.browser, { locale });
  await page.setViewportSize(PHONE);
  return page;
}

async function headerHeight(page: Page): Promise<number> {
  await page.goto(`${app.server.url}/`);
  return page.locator("body > div > header").evaluate((header) => header.getBoundingClientRect().height);
}

describe("the header on a 375 × 667 phone", () => {
  const limit = PHONE.height / 4;

  it("takes at most a quarter of the screen for a visitor, a member and a coordinator", async () => {
    const heights: Record<string, number> = {};
    for (const lang of ["nb-NO", "en-GB"]) {
      const visitor = await phone(lang);
      heights[`visitor ${lang}`] = await headerHeight(visitor);
      await visitor.context().close();
      for (const email of ["kari.nordmann@rana.kommune.no", "koordinator@kommuneforum.no"]) {
        const member = await phone(lang);
        await signInAsDemo(member, app.server, email);
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
