import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage, watchForErrors } from "../helpers/browser";
import { withServerAndBrowser } from "../helpers/e2e";

const app = withServerAndBrowser();

const stories = [
  {
    locale: "nb-NO",
    lang: "nb",
    nav: "Kommuner",
    menu: "Hovedmeny",
    heading: "Kommuner",
    filterLabel: "Filtrer på navn, nummer eller fylke",
    filterButton: "Filtrer",
    result: "16 av 357 kommuner passer «helgeland».",
    county: "Fylke",
    skip: "Hopp til hovedinnhold",
  },
  {
    locale: "en-GB",
    lang: "en",
    nav: "Municipalities",
    menu: "Main menu",
    heading: "Municipalities",
    filterLabel: "Filter by name, number or county",
    filterButton: "Filter",
    result: "16 of 357 municipalities match “helgeland”.",
    county: "County",
    skip: "Skip to main content",
  },
];

describe.each(stories)("a visitor reading in $lang", (story) => {
  it("goes from the home page to the municipality list, filters it without JavaScript and opens one", async () => {
    const page = await openPage(app.browser, { locale: story.locale, javaScript: false });
    const errors = watchForErrors(page);

    await page.goto(app.server.url);
    expect(await page.getAttribute("html", "lang")).toBe(story.lang);
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(story.skip);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    await expectNoAxeViolations(page);

    await page.getByRole("navigation", { name: story.menu }).getByRole("link", { name: story.nav }).click();
    await page.waitForURL(/\/municipalities$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(story.heading);
    expect(await page.getByRole("heading", { level: 2 }).count()).toBe(15);
    await expectNoAxeViolations(page);

    await page.getByLabel(story.filterLabel).fill("helgeland");
    await page.getByRole("button", { name: story.filterButton, exact: true }).click();
    await page.waitForURL(/\?q=helgeland$/);
    await expect.poll(() => page.getByRole("status").textContent()).toBe(story.result);
    expect(await page.getByRole("main").getByRole("listitem").count()).toBe(16);
    expect(await page.getByLabel(story.filterLabel).inputValue()).toBe("helgeland");
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Alstahaug" }).click();
    await page.waitForURL(/\/municipalities\/1820$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Alstahaug");
    expect(await page.getByRole("main").textContent()).toContain("Helgeland");
    expect(await page.getByRole("main").textContent()).toContain(story.county);
    await expectNoAxeViolations(page);

    expect(errors()).toEqual([]);
    await page.context().close();
  });

  it("gets a 404 page, with the shell, for a municipality that does not exist", async () => {
    const page = await openPage(app.browser, { locale: story.locale });
    const response = await page.goto(`${app.server.url}/municipalities/9999`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      story.lang === "nb" ? "Fant ikke siden" : "Page not found",
    );
    const menu = page.getByRole("navigation", { name: story.menu });
    // Forum sessions, topics, experiences, solutions, themes, municipalities.
    expect(await menu.getByRole("link").count()).toBe(6);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
