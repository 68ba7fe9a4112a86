import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { withServerAndBrowser } from "../helpers/e2e";
import { DEMO_PASSWORD } from "~/members/demo.server";

const app = withServerAndBrowser();

const COORDINATOR = "koordinator@kommuneforum.no";
const PLANNED = "Forebygging og folkehelse: data som grunnlag for tiltak";
const HELD = "Velferdsteknologi: fra pilot til drift";

async function signIn(page: Page, labels: { email: string; password: string; button: string }) {
  await page.goto(`${app.server.url}/sign-in`);
  await page.getByLabel(labels.email).fill(COORDINATOR);
  await page.getByLabel(labels.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("main").getByRole("button", { name: labels.button }).click();
  await page.waitForURL(/\/me$/);
}

async function openSession(page: Page, title: string): Promise<string> {
  await page.goto(`${app.server.url}/forum-sessions`);
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(/\/forum-sessions\/\d+$/);
  return page.url();
}

const texts = {
  nb: {
    locale: "nb-NO",
    signIn: { email: "E-post", password: "Passord", button: "Logg inn" },
    cancel: "Avlys møtet …",
    reason: "Begrunnelse (valgfri)",
    confirm: "Ja, avlys møtet",
    cancelled: "Dette forummøtet er avlyst.",
    reasonShown: "Begrunnelse: ",
    calendarAdd: "Legg til i kalender (.ics)",
    restore: "Sett opp møtet igjen som planlagt",
    restored: "Forummøtet er satt opp igjen. De påmeldte får beskjed.",
    planned: "Planlagt",
  },
  en: {
    locale: "en-GB",
    signIn: { email: "Email", password: "Password", button: "Sign in" },
    cancel: "Cancel the session …",
    reason: "Reason (optional)",
    confirm: "Yes, cancel the session",
    cancelled: "This forum session is cancelled.",
    reasonShown: "Reason: ",
    calendarAdd: "Add to calendar (.ics)",
    restore: "Restore the session as planned",
    restored: "The forum session is restored. Those registered are told.",
    planned: "Planned",
  },
};

describe("a coordinator cancels a forum session and restores it", () => {
  it.each([
    ["without JavaScript, in bokmål", "nb", false],
    ["with JavaScript, in English", "en", true],
  ] as const)("%s: confirms with a reason, the page shows it without a calendar link, and restores it to planned", async (_, language, javaScript) => {
    const words = texts[language];
    const reason = language === "nb" ? "Innlederen er syk. Vi setter opp et nytt møte." : "The speaker is ill. We will set up a new session.";
    const page = await openPage(app.browser, { locale: words.locale, javaScript });
    await signIn(page, words.signIn);
    const sessionUrl = await openSession(page, PLANNED);
    const main = page.getByRole("main");
    await expect.poll(() => main.getByRole("link", { name: words.calendarAdd }).count()).toBe(1);

    // Cancelling is a step of its own: a page that asks for confirmation and a reason.
    await main.getByRole("link", { name: words.cancel }).click();
    await page.waitForURL(`${sessionUrl}/cancel`);
    await expectNoAxeViolations(page);
    expect(await page.getByText(words.cancelled).count()).toBe(0);
    await page.getByLabel(words.reason).fill(reason);
    await page.getByRole("button", { name: words.confirm }).click();
    await page.waitForURL(sessionUrl);

    await expect.poll(() => main.textContent()).toContain(words.cancelled);
    expect(await main.textContent()).toContain(`${words.reasonShown}${reason}`);
    expect(await main.getByRole("link", { name: words.calendarAdd }).count()).toBe(0);
    expect(await main.getByRole("link", { name: words.cancel }).count()).toBe(0);
    await expectNoAxeViolations(page);

    await main.getByRole("button", { name: words.restore }).click();
    await expect.poll(() => main.getByRole("status").first().textContent()).toBe(words.restored);
    await expect.poll(() => main.textContent()).not.toContain(words.cancelled);
    expect(await main.textContent()).not.toContain(reason);
    await expect.poll(() => main.getByRole("link", { name: words.calendarAdd }).count()).toBe(1);
    expect(await main.getByRole("definition").filter({ hasText: words.planned }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it("shows a held session's summary before its agenda", async () => {
    const page = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await openSession(page, HELD);
    const sections = await page.getByRole("main").getByRole("heading", { level: 2 }).allTextContents();
    expect(sections.indexOf("Referat")).toBeGreaterThanOrEqual(0);
    expect(sections.indexOf("Referat")).toBeLessThan(sections.indexOf("Agenda"));
    await page.context().close();
  });
});
