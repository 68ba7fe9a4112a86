import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { withServerAndBrowser } from "../helpers/e2e";
import { DEMO_PASSWORD } from "~/members/demo.server";

const app = withServerAndBrowser();

async function firstSession(page: Page): Promise<string> {
  await page.goto(`${app.server.url}/forum-sessions`);
  return (await page.getByRole("main").locator('a[href^="/forum-sessions/"]').first().getAttribute("href"))!;
}

/** The page's frame: the header with its menu, and the footer. */
async function expectFrame(page: Page) {
  await expect(page.getByRole("banner").isVisible()).resolves.toBe(true);
  await expect(page.getByRole("navigation", { name: "Main menu" }).isVisible()).resolves.toBe(true);
  await expect(page.getByRole("contentinfo").isVisible()).resolves.toBe(true);
}

describe("a visitor reading in English", () => {
  it("hears a session's Norwegian title as Norwegian", async () => {
    const page = await openPage(app.browser, { locale: "en-GB", javaScript: false });
    const path = await firstSession(page);
    await page.goto(`${app.server.url}${path}`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    const heading = page.getByRole("heading", { level: 1 });
    expect(await heading.locator('[lang="nb"]').count()).toBe(1);
    expect(await heading.locator('[lang="nb"]').textContent()).toBe(await heading.textContent());
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it("sees a missing forum session explained in English, inside the header and footer, with 404", async () => {
    const page = await openPage(app.browser, { locale: "en-GB", javaScript: false });
    const response = await page.goto(`${app.server.url}/forum-sessions/999999`);
    expect(response?.status()).toBe(404);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await expect(page.getByRole("main").getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Page not found");
    await expect(page.getByRole("main").textContent()).resolves.toContain("Error code 404");
    await expectFrame(page);
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it("keeps the frame and the language when a client-side navigation ends in 404", async () => {
    const page = await openPage(app.browser, { locale: "en-GB" });
    await page.goto(`${app.server.url}/forum-sessions`);
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.evaluate(() =>
      (window as unknown as { __remixRouter: { navigate(to: string): Promise<void> } }).__remixRouter.navigate(
        "/forum-sessions/999999",
      ),
    );
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    await expectFrame(page);
    await page.context().close();
  });

  it("a member who opens a coordinator's page is told in English, with 403", async () => {
    const page = await openPage(app.browser, { locale: "en-GB", javaScript: false });
    await page.goto(`${app.server.url}/sign-in`);
    await page.locator("#field-email").fill("kari.nordmann@rana.kommune.no");
    await page.locator("#field-password").fill(DEMO_PASSWORD);
    await page.getByRole("main").locator("button[type=submit]").click();
    await page.waitForURL(/\/me$/);
    const response = await page.goto(`${app.server.url}/forum-sessions/new`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("main").getByRole("heading", { level: 1 }).textContent()).resolves.toBe("No access");
    await expectFrame(page);
    await page.context().close();
  });
});

describe("the JavaScript a browser loads", () => {
  /** Every script the page fetched, as text, once the page is drawn and live. */
  async function scriptsOf(locale: string): Promise<string> {
    const page = await openPage(app.browser, { locale });
    const bodies: Promise<string>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") bodies.push(response.text());
    });
    await page.goto(`${app.server.url}/`);
    // Live: a client-side navigation works, so the messages arrived before hydration.
    await page.getByRole("navigation", { name: locale === "en-GB" ? "Main menu" : "Hovedmeny" }).getByRole("link", { name: locale === "en-GB" ? "Forum sessions" : "Forummøter" }).click();
    await page.waitForURL(/\/forum-sessions$/);
    await page.context().close();
    return (await Promise.all(bodies)).join("\n");
  }

  it("holds the page's language only: English messages for an English page, bokmål for a Norwegian one", async () => {
    const english = await scriptsOf("en-GB");
    expect(english).toContain("Skip to main content");
    expect(english).not.toContain("Hopp til hovedinnhold");
    expect(english).not.toContain("Agendaen er ikke klar ennå");
    const norwegian = await scriptsOf("nb-NO");
    expect(norwegian).toContain("Hopp til hovedinnhold");
    expect(norwegian).not.toContain("Skip to main content");
    expect(norwegian).not.toContain("The agenda is not ready yet");
  });
});
