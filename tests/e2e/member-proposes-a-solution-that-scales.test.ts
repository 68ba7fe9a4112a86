import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { signInAsDemo, withServerAndBrowser } from "../helpers/e2e";

const app = withServerAndBrowser();

const name = "Digital vaktliste for hjemmetjenesten";
const mainText = async (page: Page) => (await page.getByRole("main").textContent()) ?? "";

/** A demo member of a municipality records it as in use (or another state), in bokmål without JavaScript. */
async function record(email: string, url: string, state: string, open = false) {
  const page = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
  await signInAsDemo(page, app.server, email);
  await page.goto(url);
  await page.getByLabel("Kommunens forhold til løsningen").selectOption({ label: state });
  if (open) await page.getByLabel("Vi er åpne for å anskaffe løsningen sammen med andre kommuner").check();
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await page.waitForURL((u) => u.pathname === new URL(url).pathname);
  await page.context().close();
}

describe("a solution from proposal to scaling", () => {
  it("a member proposes it, a coordinator accepts it as a pilot, three municipalities put it in use, and the coordinator follows the suggestion to scaling", async () => {
    // Marte proposes it, in bokmål without JavaScript.
    const marte = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await signInAsDemo(marte, app.server, "marte.eide@alstahaug.kommune.no");
    await marte.goto(`${app.server.url}/solutions`);
    await marte.getByRole("main").getByRole("link", { name: "Foreslå en løsning" }).click();
    await marte.waitForURL(/\/solutions\/new$/);
    await marte.getByLabel("Navn", { exact: true }).fill(name);
    await marte.getByLabel("Sammendrag", { exact: true }).fill("Vaktlister og bytter i hjemmetjenesten på mobilen, koblet til lønnssystemet.");
    await marte.getByLabel("Kommune som eier").fill("1820 Alstahaug");
    await marte.getByLabel("KS Fiks").check();
    await marte.getByRole("button", { name: "Send forslaget" }).click();
    await marte.waitForURL(/\/solutions\/digital-vaktliste-for-hjemmetjenesten$/);
    const solutionUrl = marte.url();
    expect(await mainText(marte)).toContain("Forslaget venter på vurdering");
    await expectNoAxeViolations(marte);

    // Until it is accepted, a visitor does not find it.
    const visitor = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    expect((await visitor.goto(solutionUrl))?.status()).toBe(404);

    // The coordinator accepts it as a pilot, in English with JavaScript.
    const coordinator = await openPage(app.browser, { locale: "en-GB", javaScript: true });
    await signInAsDemo(coordinator, app.server, "koordinator@kommuneforum.no");
    await coordinator.goto(`${app.server.url}/solutions/proposals`);
    const accept = coordinator.getByRole("form", { name: `Accept “${name}”` });
    await accept.getByLabel("First status").selectOption({ label: "Pilot" });
    await accept.getByLabel("Note", { exact: true }).fill("Trialled in Alstahaug's home care since the autumn.");
    await accept.getByRole("button", { name: "Accept", exact: true }).click();
    await coordinator.waitForURL(/\/solutions\/proposals\?reviewed=/);
    expect((await visitor.goto(solutionUrl))?.status()).toBe(200);

    // Rana, Brønnøy and Bodø put it in use; Oslo is interested and open to buying it together.
    await record("kari.nordmann@rana.kommune.no", solutionUrl, "I bruk");
    await record("ola.berg@bronnoy.kommune.no", solutionUrl, "I bruk");
    await record("sofie.johansen@bodo.kommune.no", solutionUrl, "I bruk");
    await record("amir.haddad@oslo.kommune.no", solutionUrl, "Interessert", true);

    // The page suggests scaling to the coordinator, who decides so.
    await coordinator.goto(solutionUrl);
    await expect.poll(() => mainText(coordinator)).toContain("The adoptions suggest the status “scaling”");
    await coordinator.getByRole("main").getByRole("link", { name: "Consider changing the scaling status" }).click();
    await coordinator.waitForURL(/\/status/);
    expect(await coordinator.getByLabel("New status").inputValue()).toBe("scaling");
    await coordinator.getByLabel("Note", { exact: true }).fill("In use in three municipalities in two counties.");
    await coordinator.getByRole("button", { name: "Save the new status" }).click();
    await coordinator.waitForURL(solutionUrl);
    await expect.poll(() => mainText(coordinator)).toContain("In use in 3 municipalities");
    await expectNoAxeViolations(coordinator);

    // A visitor sees the timeline, the chart's table and the municipalities.
    await visitor.goto(solutionUrl);
    const page = await mainText(visitor);
    for (const municipality of ["Rana", "Brønnøy", "Bodø", "Oslo"]) expect(page).toContain(municipality);
    expect(page).toContain("Skaleres");
    const table = visitor.getByRole("main").locator("table").first();
    const lastRow = (await table.locator("tbody tr").last().textContent()) ?? "";
    expect(lastRow).toMatch(/3/);
    await expectNoAxeViolations(visitor);

    // The joint-procurement list and its CSV name Oslo, and only Oslo.
    await visitor.goto(`${solutionUrl}/joint-procurement`);
    const joint = await mainText(visitor);
    expect(joint).toContain("Oslo");
    expect(joint).not.toContain("Brønnøy");
    const bytes = Buffer.from(await (await fetch(`${solutionUrl}/joint-procurement.csv`)).arrayBuffer());
    // The byte-order mark that tells Excel it is UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    expect(csv).toContain("0301");
    expect(csv).not.toContain("1813");

    // The evidence page holds the status history and the three municipalities with their numbers.
    await visitor.goto(`${solutionUrl}/evidence`);
    const evidence = await mainText(visitor);
    for (const number of ["1833", "1813", "1804"]) expect(evidence).toContain(number);
    expect(evidence).toContain("In use in three municipalities in two counties.");
    await expectNoAxeViolations(visitor);
  });
});
