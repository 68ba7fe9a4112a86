import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { withServerAndBrowser } from "../helpers/e2e";
import { DEMO_PASSWORD } from "~/members/demo.server";

const app = withServerAndBrowser();

async function signIn(page: Page, labels: { email: string; password: string; button: string }) {
  await page.goto(`${app.server.url}/sign-in`);
  await page.getByLabel(labels.email).fill("koordinator@kommuneforum.no");
  await page.getByLabel(labels.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("main").getByRole("button", { name: labels.button }).click();
  await page.waitForURL(/\/me$/);
}

/** The agenda as the page shows it: "09:00–09:10 Velkommen", in the order listed. */
async function agendaRows(page: Page): Promise<string[]> {
  const items = page.locator("main ol > li");
  const spans = await items.locator(":scope > div > p:first-child").allTextContents();
  const titles = await items.getByRole("heading").allTextContents();
  return titles.map((title, i) => `${spans[i]!.split(",")[0]} ${title}`);
}

describe("a coordinator reorders the agenda", () => {
  it("moving an item up moves its time slot with it, with and without JavaScript, and the public page agrees", async () => {
    // Without JavaScript, in bokmål: the session and four items, 09:00, 09:10, 09:50 and 10:20.
    const plain = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await signIn(plain, { email: "E-post", password: "Passord", button: "Logg inn" });
    await plain.goto(`${app.server.url}/forum-sessions/new`);
    await plain.getByLabel("Tittel").fill("Forummøte om rekkefølge");
    await plain.getByLabel("Start", { exact: true }).fill("2030-06-05T09:00");
    await plain.getByLabel("Slutt", { exact: true }).fill("2030-06-05T11:00");
    await plain.getByRole("button", { name: "Opprett utkast" }).click();
    await plain.waitForURL(/\/forum-sessions\/(\d+)\/agenda$/);
    const agendaUrl = plain.url();
    for (const [time, minutes, title] of [
      ["09:00", "10", "Velkommen"],
      ["09:10", "40", "Erfaringer fra Rana"],
      ["09:50", "30", "Spørsmål"],
      ["10:20", "20", "Veien videre"],
    ] as const) {
      await plain.getByLabel("Starttid").fill(time);
      await plain.getByLabel("Varighet (minutter)").fill(minutes);
      await plain.getByLabel("Tittel").fill(title);
      await plain.getByRole("button", { name: "Legg til punkt" }).click();
      await expect.poll(() => plain.getByRole("status").first().textContent()).toBe("Punktet er lagt til.");
    }

    await plain.getByRole("button", { name: "Flytt «Veien videre» opp" }).click();
    await expect.poll(() => plain.getByRole("status").first().textContent()).toBe("Rekkefølgen er endret.");
    expect(await agendaRows(plain)).toEqual([
      "09:00–09:10 Velkommen",
      "09:10–09:50 Erfaringer fra Rana",
      "09:50–10:10 Veien videre",
      "10:10–10:40 Spørsmål",
    ]);
    expect(await plain.getByRole("main").textContent()).not.toContain("Se over");
    await expectNoAxeViolations(plain);

    await plain.goto(agendaUrl.replace(/\/agenda$/, ""));
    await plain.getByRole("button", { name: "Publiser som planlagt" }).click();
    await expect.poll(() => plain.getByRole("status").first().textContent()).toBe("Statusen er endret.");
    await plain.context().close();

    // With JavaScript, in English: the move shows at once and the server's answer agrees.
    const scripted = await openPage(app.browser, { locale: "en-GB", javaScript: true });
    await signIn(scripted, { email: "Email", password: "Password", button: "Sign in" });
    await scripted.goto(agendaUrl);
    const answered = scripted.waitForResponse((response) => response.request().method() === "POST");
    await scripted.getByRole("button", { name: "Move “Erfaringer fra Rana” up" }).click();
    const expected = [
      "09:00–09:40 Erfaringer fra Rana",
      "09:40–09:50 Velkommen",
      "09:50–10:10 Veien videre",
      "10:10–10:40 Spørsmål",
    ];
    await expect.poll(() => agendaRows(scripted)).toEqual(expected);
    expect((await answered).status()).toBe(200);
    await scripted.reload();
    expect(await agendaRows(scripted)).toEqual(expected);
    await expectNoAxeViolations(scripted);
    await scripted.context().close();

    // A visitor reads the same order and times on the session's page.
    const visitor = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await visitor.goto(agendaUrl.replace(/\/agenda$/, ""));
    expect(await agendaRows(visitor)).toEqual(expected);
    expect(await visitor.getByRole("main").textContent()).not.toContain("Starter før punktet over");
    await expectNoAxeViolations(visitor);
    await visitor.context().close();
  });
});
