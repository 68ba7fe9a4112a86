import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { signInAsDemo, withServerAndBrowser } from "../helpers/e2e";

const app = withServerAndBrowser();

describe("searching the forum", () => {
  it("a visitor types 'anskaffelser' in the header, finds the procurement write-ups, the Helgeland session and the shared solution, narrows to write-ups on a theme and opens one", async () => {
    const visitor = await openPage(app.browser, { locale: "nb-NO", javaScript: true });
    await visitor.goto(`${app.server.url}/forum-sessions`);
    const header = visitor.getByRole("search", { name: "Søk i forumet" });
    await header.getByRole("searchbox").fill("anskaffelser");
    await header.getByRole("searchbox").press("Enter");
    await visitor.waitForURL(/\/search\?q=anskaffelser$/);
    const results = visitor.getByRole("region", { name: /treff for «anskaffelser»/ });
    // With JavaScript the address changes a moment before the page is drawn.
    await results.waitFor();
    const titles = await results.getByRole("heading", { level: 4 }).allTextContents();
    // Other forms of the word count: the write-ups say "anskaffelse" and "innkjøp" (on the procurement theme).
    expect(titles).toEqual(
      expect.arrayContaining([
        "Fem kommuner, én anskaffelse: velferdsteknologi på Sør-Helgeland",
        "Dynamisk innkjøpsordning for IKT-konsulenter: erfaringer etter to år",
        "Felles anskaffelser på Helgeland",
        "Søknad om redusert foreldrebetaling i barnehage",
      ]),
    );
    // Grouped by type, each group with its count.
    const groups = await results.getByRole("heading", { level: 3 }).allTextContents();
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const group of groups) expect(group).toMatch(/^(Forummøter|Tema|Erfaringer|Løsninger|Organisasjoner|Kommuner) \(\d+\)$/);
    // The matched word is marked in the title.
    expect(await results.locator("h4 mark").first().textContent()).toMatch(/^anskaffelse/i);
    await expectNoAxeViolations(visitor);

    // Only the write-ups, then only those on procurement in Nordland: the whole query in the address.
    const types = visitor.getByRole("navigation", { name: "Treff etter type" });
    await types.getByRole("link", { name: /^Erfaringer \(\d+\)$/ }).click();
    await visitor.waitForURL(/type=experience/);
    await expect.poll(() => types.getByRole("link", { name: /^Erfaringer/ }).getAttribute("aria-current")).toBe("page");
    // The filters stand open once a type is chosen.
    await visitor.getByLabel("Temaområde").selectOption({ label: "Anskaffelser" });
    await visitor.getByLabel("Fylke").selectOption({ label: "Nordland - Nordlánnda" });
    await visitor.getByRole("search", { name: "Søk og filtre" }).getByRole("button", { name: "Søk" }).last().click();
    await visitor.waitForURL(/county=18/);
    expect(new URL(visitor.url()).searchParams.get("theme")).toBe("procurement");
    const narrowed = ["Fem kommuner, én anskaffelse: velferdsteknologi på Sør-Helgeland"];
    await expect.poll(() => results.getByRole("heading", { level: 4 }).allTextContents()).toEqual(narrowed);

    // The shared address gives the same page to someone else, without JavaScript.
    const other = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await other.goto(visitor.url());
    expect(await other.getByRole("main").getByRole("heading", { level: 4 }).allTextContents()).toEqual(narrowed);
    await other.context().close();

    await results.getByRole("link", { name: narrowed[0] }).click();
    await visitor.waitForURL(/\/experiences\/\d+$/);
    await expect.poll(() => visitor.getByRole("heading", { level: 1 }).textContent()).toBe(narrowed[0]);
    await visitor.context().close();
  });

  it("a visitor does not find Vefsn's members-only findings; a member does", async () => {
    const visitor = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await visitor.goto(`${app.server.url}/search?q=digitalt+bortfall`);
    const shown = async (page: typeof visitor) => page.getByRole("main").getByRole("heading", { level: 4 }).allTextContents();
    expect(await shown(visitor)).not.toContain("Øvelse «Digitalt bortfall»: funn og tiltak etter to døgn uten nett");
    const member = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await signInAsDemo(member, app.server, "kari.nordmann@rana.kommune.no");
    await member.goto(`${app.server.url}/search?q=digitalt+bortfall`);
    expect(await shown(member)).toContain("Øvelse «Digitalt bortfall»: funn og tiltak etter to døgn uten nett");
    await visitor.context().close();
    await member.context().close();
  });
});
