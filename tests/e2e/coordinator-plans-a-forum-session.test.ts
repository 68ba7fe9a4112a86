import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { withServerAndBrowser } from "../helpers/e2e";
import { DEMO_PASSWORD } from "~/members/demo.server";

const app = withServerAndBrowser();

async function signIn(page: Page, labels: { email: string; password: string; button: string }, email: string) {
  await page.goto(`${app.server.url}/sign-in`);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("main").getByRole("button", { name: labels.button }).click();
  await page.waitForURL(/\/me$/);
}

const agendaTitles = (page: Page) => page.getByRole("main").getByRole("listitem").getByRole("heading", { level: 3 }).allTextContents();

describe("a forum session from plan to summary", () => {
  it("a coordinator plans it and builds the agenda without JavaScript, a member registers, and reads the published summary", async () => {
    const title = "Forummøte om digital hjemmeoppfølging";

    // The coordinator, on a locked-down PC without JavaScript, in bokmål.
    const coordinator = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await signIn(coordinator, { email: "E-post", password: "Passord", button: "Logg inn" }, "koordinator@kommuneforum.no");
    await coordinator.goto(`${app.server.url}/forum-sessions`);
    await coordinator.getByRole("link", { name: "Nytt forummøte" }).click();
    await coordinator.waitForURL(/\/forum-sessions\/new$/);
    await coordinator.getByRole("button", { name: "Opprett utkast" }).click();
    expect(await coordinator.getByLabel("Tittel").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(coordinator);

    await coordinator.getByLabel("Tittel").fill(title);
    await coordinator.getByLabel("Beskrivelse").fill("Hvordan kommer vi i gang med **digital hjemmeoppfølging**?");
    await coordinator.getByLabel("Start", { exact: true }).fill("2030-04-04T10:00");
    await coordinator.getByLabel("Slutt", { exact: true }).fill("2030-04-04T11:30");
    await coordinator.getByLabel("Møtelenke").fill("https://teams.example.no/forum-april");
    await coordinator.getByLabel("Forebygging").check();
    await coordinator.getByRole("button", { name: "Opprett utkast" }).click();
    await coordinator.waitForURL(/\/forum-sessions\/(\d+)\/agenda$/);
    const sessionUrl = coordinator.url().replace(/\/agenda$/, "");
    await expectNoAxeViolations(coordinator);

    // Three agenda items; one runs past the end and is flagged until it is shortened.
    for (const [time, minutes, itemTitle] of [
      ["10:00", "15", "Velkommen"],
      ["10:15", "45", "Erfaringer fra Rana"],
      ["11:00", "45", "Veien videre"],
    ] as const) {
      await coordinator.getByLabel("Starttid").fill(time);
      await coordinator.getByLabel("Varighet (minutter)").fill(minutes);
      await coordinator.getByLabel("Tittel").fill(itemTitle);
      await coordinator.getByRole("button", { name: "Legg til punkt" }).click();
      await expect.poll(() => coordinator.getByRole("status").first().textContent()).toBe("Punktet er lagt til.");
    }
    expect(await agendaTitles(coordinator)).toEqual(["Velkommen", "Erfaringer fra Rana", "Veien videre"]);
    expect(await coordinator.getByRole("main").textContent()).toContain("Går forbi slutten av møtet.");
    await expectNoAxeViolations(coordinator);

    // Reordered with plain forms, no JavaScript.
    await coordinator.getByRole("button", { name: "Flytt «Veien videre» opp" }).click();
    await expect.poll(() => agendaTitles(coordinator)).toEqual(["Velkommen", "Veien videre", "Erfaringer fra Rana"]);
    await coordinator.getByRole("button", { name: "Flytt «Velkommen» ned" }).click();
    await expect.poll(() => agendaTitles(coordinator)).toEqual(["Veien videre", "Velkommen", "Erfaringer fra Rana"]);
    await expectNoAxeViolations(coordinator);

    await coordinator.goto(sessionUrl);
    await coordinator.getByRole("button", { name: "Publiser som planlagt" }).click();
    await expect.poll(() => coordinator.getByRole("status").first().textContent()).toBe("Statusen er endret.");
    await expectNoAxeViolations(coordinator);

    // A member registers, with JavaScript, in English.
    const member = await openPage(app.browser, { locale: "en-GB", javaScript: true });
    await signIn(member, { email: "Email", password: "Password", button: "Sign in" }, "kari.nordmann@rana.kommune.no");
    await member.goto(`${app.server.url}/forum-sessions`);
    await member.getByRole("link", { name: title }).click();
    await member.waitForURL(sessionUrl);
    expect(await member.getByRole("link", { name: "Join the meeting" }).getAttribute("href")).toBe("https://teams.example.no/forum-april");
    await member.getByRole("button", { name: "Register" }).click();
    await expect.poll(() => member.getByRole("main").getByRole("status").filter({ hasText: "You are registered." }).count()).toBe(1);
    expect(member.url()).toBe(sessionUrl);
    await expect.poll(() => member.getByRole("main").textContent()).toContain("Registered: 1. Municipalities: 1.");
    await expectNoAxeViolations(member);

    // "Mark as held" waits for the session to start: the test cannot wait until 2030, so the
    // coordinator moves it into the past first.
    await coordinator.goto(sessionUrl);
    expect(await coordinator.getByRole("button", { name: "Merk som avholdt" }).count()).toBe(0);
    await coordinator.getByRole("link", { name: "Rediger forummøtet" }).click();
    await coordinator.getByLabel("Start", { exact: true }).fill("2026-04-02T10:00");
    await coordinator.getByLabel("Slutt", { exact: true }).fill("2026-04-02T11:30");
    await coordinator.getByRole("button", { name: "Lagre" }).click();
    await coordinator.waitForURL(sessionUrl);

    // After the meeting the coordinator previews and publishes the summary.
    await coordinator.getByRole("button", { name: "Merk som avholdt" }).click();
    await expect.poll(() => coordinator.getByRole("status").first().textContent()).toBe("Statusen er endret.");
    await coordinator.getByRole("link", { name: "Skriv referat" }).click();
    await coordinator.waitForURL(/\/summary$/);
    await coordinator.getByLabel("Referat", { exact: true }).fill("## Hovedpunkter\n\n- Rana deler sin **anskaffelse**\n- Neste møte i mai");
    await coordinator.getByRole("button", { name: "Forhåndsvis" }).click();
    await expect.poll(() => coordinator.getByRole("region", { name: "Forhåndsvisning" }).getByRole("heading", { name: "Hovedpunkter" }).count()).toBe(1);
    await expectNoAxeViolations(coordinator);
    await coordinator.getByRole("button", { name: "Publiser", exact: true }).click();
    await coordinator.getByRole("button", { name: "Ja, publiser" }).click();
    await expect.poll(() => coordinator.getByRole("status").first().textContent()).toBe("Referatet er publisert. De påmeldte får beskjed.");
    await expectNoAxeViolations(coordinator);
    await coordinator.context().close();

    // The member is told, and reads it.
    await member.goto(`${app.server.url}/`);
    await member.getByRole("banner").getByRole("link", { name: /Notifications/ }).click();
    await member.waitForURL(/\/notifications$/);
    const notice = member.getByRole("listitem").filter({ hasText: `The summary of “${title}” is published.` });
    await expect.poll(() => notice.count()).toBe(1);
    await expectNoAxeViolations(member);
    await notice.getByRole("button", { name: "Open" }).click();
    await member.waitForURL(sessionUrl);
    const summary = member.getByRole("region", { name: "Summary" });
    await expect.poll(() => summary.getByRole("heading", { name: "Hovedpunkter" }).count()).toBe(1);
    expect(await summary.textContent()).toContain("Rana deler sin anskaffelse");
    await expectNoAxeViolations(member);
    await member.context().close();
    // The whole story in one test, with an axe check on every page: over a minute on a busy machine.
  }, 120_000);
});
