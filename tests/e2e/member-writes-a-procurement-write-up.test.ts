import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { signInAsDemo, withServerAndBrowser } from "../helpers/e2e";

const app = withServerAndBrowser();

const title = "Felles innkjøp av digitale medisindispensere i Nord-Helgeland";
const mainText = (page: Page) => page.getByRole("main").textContent();

describe("a procurement write-up from first draft to compared revisions", () => {
  it("a member writes it with a fact box, previews and publishes it, a co-author edits it, and the author compares the two", async () => {
    // Marte writes in bokmål, without JavaScript.
    const marte = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await signInAsDemo(marte, app.server, "marte.eide@alstahaug.kommune.no");
    await marte.goto(`${app.server.url}/experiences`);
    await marte.getByRole("main").getByRole("link", { name: "Skriv en erfaring" }).click();
    await marte.waitForURL(/\/experiences\/new$/);
    await marte.getByLabel("Tittel", { exact: true }).fill(title);
    await marte.getByLabel("Sammendrag", { exact: true }).fill("Fire kommuner kjøpte medisindispensere sammen og sparte tid i hjemmetjenesten.");
    await marte.getByLabel("Teksten", { exact: true }).fill("Vi startet med **tolv** brukere.\n\nEtter et halvt år hadde vi færre glemte doser.");
    await marte.getByLabel("Anskaffelser", { exact: true }).check();
    await marte.getByLabel("Erfaringen handler om en anskaffelse").check();
    await marte.getByLabel("Anskaffelsesprosedyre").selectOption({ label: "Felles anskaffelse" });
    await marte.getByLabel("År", { exact: true }).fill("2025");
    await marte.getByLabel("Leverandører", { exact: true }).fill("Dosetek AS");
    await marte.getByLabel("Partnerkommune 1").fill("1832 Hemnes");
    await marte.getByLabel("Hva ville dere gjort annerledes?").fill("Involvert fastlegene tidligere.");

    await marte.getByRole("button", { name: "Forhåndsvis teksten" }).click();
    const preview = marte.getByRole("region", { name: "Forhåndsvisning av teksten" }).or(marte.locator("section", { hasText: "Forhåndsvisning av teksten" }));
    await preview.first().locator("strong", { hasText: "tolv" }).waitFor();
    // The preview saved nothing and kept every field.
    expect(marte.url()).toMatch(/\/experiences\/new$/);
    expect(await marte.getByLabel("Partnerkommune 1").inputValue()).toBe("1832 Hemnes");

    await marte.getByRole("button", { name: "Publiser" }).click();
    await marte.waitForURL(/\/experiences\/\d+$/);
    const experienceUrl = marte.url();
    const text = (await mainText(marte)) ?? "";
    expect(text).toContain(title);
    expect(text.toLowerCase()).toContain("felles anskaffelse");
    expect(text).toContain("Dosetek AS");
    expect(await marte.getByRole("main").getByRole("link", { name: "Hemnes" }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(marte);

    // She invites Kari as co-author.
    await marte.getByRole("main").getByRole("link", { name: "Medforfattere" }).click();
    await marte.getByLabel("E-postadressen til medforfatteren").fill("kari.nordmann@rana.kommune.no");
    await marte.getByRole("button", { name: "Legg til" }).click();
    await marte.waitForURL(/\/co-authors$/);
    expect(await mainText(marte)).toContain("Kari Nordmann");

    // Kari edits in English, with JavaScript.
    const kari = await openPage(app.browser, { locale: "en-GB", javaScript: true });
    await signInAsDemo(kari, app.server, "kari.nordmann@rana.kommune.no");
    await kari.goto(experienceUrl);
    await kari.getByRole("main").getByRole("link", { name: "Edit the write-up" }).click();
    await kari.waitForURL(/\/edit$/);
    await kari.getByLabel("Text", { exact: true }).fill("Vi startet med **tolv** brukere i Rana og Alstahaug.\n\nEtter et halvt år hadde vi færre glemte doser.");
    await kari.getByLabel("What did you change?").fill("La til kommunene");
    await kari.getByRole("button", { name: "Save the changes" }).click();
    await kari.waitForURL(experienceUrl);
    await expect.poll(() => mainText(kari)).toContain("i Rana og Alstahaug");

    // Marte sees who changed what in the history.
    await marte.goto(experienceUrl);
    await marte.getByRole("main").getByRole("link", { name: /Historikk \(2 versjoner\)/ }).click();
    await marte.waitForURL(/\/history/);
    const added = await marte.getByRole("main").locator("ins").allTextContents();
    expect(added.join(" ")).toContain("Rana og Alstahaug");
    const history = await mainText(marte);
    expect(history).toContain("Kari Nordmann");
    expect(history).toContain("La til kommunene");
    await expectNoAxeViolations(marte);

    // A visitor finds it among the joint procurements, and in the feed.
    const visitor = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await visitor.goto(`${app.server.url}/experiences`);
    await visitor.getByLabel("Anskaffelsesprosedyre").selectOption({ label: "Felles anskaffelse" });
    await visitor.getByRole("button", { name: "Vis erfaringer" }).click();
    await visitor.waitForURL(/procedure=joint_procurement/);
    expect(await visitor.getByRole("main").getByRole("link", { name: title }).count()).toBe(1);
    const feed = await visitor.request.get(`${app.server.url}/feeds/experiences.atom`);
    expect(feed.headers()["content-type"]).toContain("application/atom+xml");
    expect(await feed.text()).toContain(title);

    await Promise.all([marte.context().close(), kari.context().close(), visitor.context().close()]);
  });
});
