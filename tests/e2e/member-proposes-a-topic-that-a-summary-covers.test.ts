import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { signInAsDemo, withServerAndBrowser } from "../helpers/e2e";
import { toOsloInput } from "~/lib/dates";

const app = withServerAndBrowser();

const title = "Sensorer i omsorgsboliger: hva har dere lært om nattilsyn?";
const mainText = (page: Page) => page.getByRole("main").textContent();

describe("a topic from suggestion to the summary that covered it", () => {
  it("a member proposes it, two others support it, a coordinator schedules it, and the published summary covers it", async () => {
    // Kari proposes, in bokmål, without JavaScript.
    const kari = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await signInAsDemo(kari, app.server, "kari.nordmann@rana.kommune.no");
    await kari.goto(`${app.server.url}/topics`);
    await kari.getByRole("main").getByRole("link", { name: "Foreslå et tema" }).click();
    await kari.waitForURL(/\/topics\/new$/);
    await kari.getByRole("button", { name: "Send inn forslaget" }).click();
    expect(await kari.getByLabel("Tittel").getAttribute("aria-invalid")).toBe("true");
    await kari.getByLabel("Tittel").fill(title);
    await kari.getByLabel("Beskrivelse").fill("Vi vurderer **digitalt nattilsyn**. Hvem har erfaring?");
    await kari.getByLabel("Forebygging").check();
    await kari.getByLabel("Kommune 1").fill("1804 Bodø");
    await kari.getByRole("button", { name: "Send inn forslaget" }).click();
    await kari.waitForURL(/\/topics\/\d+$/);
    const topicUrl = kari.url();
    expect(await mainText(kari)).toContain("Rana");
    expect(await kari.getByRole("main").getByRole("link", { name: "Bodø" }).count()).toBe(1);
    await expectNoAxeViolations(kari);

    // Sofie supports with JavaScript, in English: the count changes at once, and stays after a reload.
    const sofie = await openPage(app.browser, { locale: "en-GB", javaScript: true });
    await signInAsDemo(sofie, app.server, "sofie.johansen@bodo.kommune.no");
    await sofie.goto(topicUrl);
    expect(await mainText(sofie)).toContain("0 supports");
    await sofie.getByRole("button", { name: "Support the topic" }).click();
    await expect.poll(() => mainText(sofie)).toContain("1 support");
    await sofie.getByRole("button", { name: "Withdraw support" }).waitFor();
    expect(sofie.url()).toBe(topicUrl);
    await sofie.reload();
    expect(await mainText(sofie)).toContain("1 support");
    await expectNoAxeViolations(sofie);
    await sofie.context().close();

    // Ola supports without JavaScript: a plain form, back to the page.
    const ola = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await signInAsDemo(ola, app.server, "ola.berg@bronnoy.kommune.no");
    await ola.goto(topicUrl);
    await ola.getByRole("button", { name: "Støtt temaet" }).click();
    await ola.waitForURL(topicUrl);
    expect(await mainText(ola)).toContain("2 støtter");
    await ola.context().close();

    // The coordinator, without JavaScript: shortlists it, then adds it to a session that was held two days ago.
    const coordinator = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await signInAsDemo(coordinator, app.server, "koordinator@kommuneforum.no");
    await coordinator.goto(topicUrl);
    await coordinator.getByRole("link", { name: "Behandle temaet" }).click();
    await coordinator.waitForURL(/\/triage$/);
    await expectNoAxeViolations(coordinator);
    await coordinator.getByRole("button", { name: "Sett på kortlisten" }).click();
    await coordinator.waitForURL(topicUrl);
    expect(await mainText(coordinator)).toContain("På kortlisten");

    const start = new Date(Date.now() - 2 * 24 * 3600_000);
    await coordinator.goto(`${app.server.url}/forum-sessions/new`);
    await coordinator.getByLabel("Tittel").fill("Forummøte om nattilsyn");
    await coordinator.getByLabel("Start", { exact: true }).fill(toOsloInput(start));
    await coordinator.getByLabel("Slutt", { exact: true }).fill(toOsloInput(new Date(start.getTime() + 2 * 3600_000)));
    await coordinator.getByRole("button", { name: "Opprett utkast" }).click();
    await coordinator.waitForURL(/\/forum-sessions\/\d+\/agenda$/);
    const sessionUrl = coordinator.url().replace(/\/agenda$/, "");
    await coordinator.goto(sessionUrl);
    await coordinator.getByRole("button", { name: "Publiser som planlagt" }).click();
    await coordinator.getByRole("button", { name: `Legg til på agendaen: «${title}»` }).click();
    await coordinator.waitForURL(new RegExp(`^${sessionUrl}`));
    const agendaItem = coordinator.getByRole("main").getByRole("listitem").filter({ hasText: "Fra temaforslaget:" });
    expect(await agendaItem.getByRole("link", { name: title }).getAttribute("href")).toBe(new URL(topicUrl).pathname);
    await expectNoAxeViolations(coordinator);

    // Kari sees where her topic is now, with a link to the agenda item.
    await kari.goto(topicUrl);
    const agendaLink = kari.getByRole("region", { name: "Hvor temaet står nå" }).getByRole("link", { name: /På agendaen for «Forummøte om nattilsyn»/ });
    expect(await agendaLink.getAttribute("href")).toMatch(/^\/forum-sessions\/\d+#agenda-item-\d+$/);

    // Held, summary written and published: the topic is covered by itself.
    await coordinator.goto(sessionUrl);
    await coordinator.getByRole("button", { name: "Merk som avholdt" }).click();
    await coordinator.getByRole("link", { name: "Skriv referat" }).click();
    await coordinator.waitForURL(/\/summary$/);
    await coordinator.getByLabel("Referat", { exact: true }).fill("Bodø viste hvordan **nattilsyn med sensorer** virker.");
    await coordinator.getByRole("button", { name: "Publiser", exact: true }).click();
    await coordinator.getByRole("button", { name: "Ja, publiser" }).click();
    await expect.poll(() => coordinator.getByRole("status").first().textContent()).toContain("Referatet er publisert.");
    await coordinator.goto(sessionUrl);
    const covered = coordinator.getByRole("main").getByRole("list").filter({ has: coordinator.getByRole("link", { name: title }) });
    expect(await coordinator.getByRole("main").textContent()).toContain("Referatet dekker disse temaene");
    expect(await covered.count()).toBeGreaterThan(0);
    await coordinator.context().close();

    // And back: the topic page names it covered and links to the summary; its history tells the whole way.
    await kari.goto(topicUrl);
    const now = kari.getByRole("region", { name: "Hvor temaet står nå" });
    expect(await now.textContent()).toContain("Behandlet på et forummøte.");
    const summaryLink = now.getByRole("link", { name: "Behandlet i referatet fra «Forummøte om nattilsyn»" });
    await summaryLink.click();
    await kari.waitForURL(/\/forum-sessions\/\d+#summary$/);
    expect(await kari.getByRole("region", { name: "Referat" }).textContent()).toContain("nattilsyn med sensorer");
    await kari.goto(topicUrl);
    const history = await kari.getByRole("main").textContent();
    for (const step of ["Fra foreslått til på kortlisten", "Fra på kortlisten til satt på agendaen", "Fra satt på agendaen til behandlet"]) {
      expect(history).toContain(step);
    }
    await expectNoAxeViolations(kari);

    // Kari is told each step.
    await kari.goto(`${app.server.url}/notifications`);
    expect(await mainText(kari)).toContain(`Temaet «${title}» er nå behandlet.`);
    await kari.context().close();
    // The whole story in one test, with axe on the way: a minute or more on a busy machine.
  }, 180_000);
});
