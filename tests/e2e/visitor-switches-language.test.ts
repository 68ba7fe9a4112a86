import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage, watchForErrors } from "../helpers/browser";
import { withServerAndBrowser } from "../helpers/e2e";

const app = withServerAndBrowser();

describe.each([true, false])("with JavaScript %s", (javaScriptEnabled) => {
  it("a visitor switches to English and back, stays on the page, and the choice is remembered", async () => {
    const page = await openPage(app.browser, { locale: "nb-NO", javaScript: javaScriptEnabled });
    const errors = watchForErrors(page);

    await page.goto(`${app.server.url}/municipalities?q=bod`);
    expect(await page.getAttribute("html", "lang")).toBe("nb");
    await page.getByRole("button", { name: "Switch to English" }).click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/municipalities?q=bod");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Municipalities");
    await expectNoAxeViolations(page);

    await page.goto(`${app.server.url}/experiences`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Experiences");
    expect(await page.getByRole("main").textContent()).toContain("What municipalities did and learned");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Bytt til norsk" }).click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("nb");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Erfaringer");
    expect(errors()).toEqual([]);
    await page.context().close();
  });
});

it("an English browser gets English without choosing, and every area page passes axe", async () => {
  const page = await openPage(app.browser, { locale: "en-US" });
  for (const [path, heading] of [
    ["/", "Kommuneforum"],
    ["/forum-sessions", "Forum sessions"],
    ["/topics", "Topics"],
    ["/experiences", "Experiences"],
    ["/solutions", "Solutions"],
  ] as const) {
    await page.goto(`${app.server.url}${path}`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(heading);
    await expectNoAxeViolations(page);
  }
  await page.context().close();
});
