import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { signInAsDemo, withServerAndBrowser } from "../helpers/e2e";

const app = withServerAndBrowser();

const name = "Søknad om redusert foreldrebetaling i barnehage";

describe("the Helgeland application in the catalogue", () => {
  it("a visitor finds it with its sixteen municipalities, components and suppliers, downloads the joint procurement and opens the open data; a member records Oslo's interest and sees it counted", async () => {
    const visitor = await openPage(app.browser, { locale: "nb-NO", javaScript: false });
    await visitor.goto(`${app.server.url}/solutions`);
    await visitor.getByRole("main").getByRole("link", { name, exact: true }).click();
    await visitor.waitForURL(/\/solutions\/soknad-om-redusert-foreldrebetaling-i-barnehage$/);
    const solutionUrl = visitor.url();
    const main = (await visitor.getByRole("main").textContent()) ?? "";
    expect(main).toContain("I bruk i 16 kommuner");
    for (const part of ["Digitale Helgeland", "Sikri", "Accenture", "ID-porten", "KS Fiks", "Elements", "Alstahaug"]) expect(main).toContain(part);
    await expectNoAxeViolations(visitor);
    // The page names twelve of them; the evidence page, one link away, all sixteen.
    await visitor.getByRole("main").getByRole("link", { name: "4 kommuner til: se alle på dokumentasjonssiden" }).click();
    await visitor.waitForURL(/\/evidence/);
    const evidence = (await visitor.getByRole("main").textContent()) ?? "";
    for (const number of ["1811", "1812", "1813", "1815", "1816", "1818", "1820", "1822", "1824", "1825", "1826", "1827", "1828", "1832", "1833", "1835"]) {
      expect(evidence).toContain(number);
    }
    await visitor.goto(solutionUrl);

    // The joint-procurement CSV, as the page links it: Norwegian Excel's separator and the interested municipalities.
    const csvHref = await visitor.getByRole("main").getByRole("link", { name: "Last ned felles anskaffelse (CSV)" }).getAttribute("href");
    const csv = await fetch(new URL(csvHref!, solutionUrl));
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment/);
    const rows = (await csv.text()).trim().split("\r\n");
    expect(rows.length).toBeGreaterThan(2);
    expect(rows[0]).toContain(";");
    expect(rows.some((row) => row.includes("Lurøy"))).toBe(true);

    // The open data, from the page's link.
    const jsonHref = await visitor.getByRole("main").getByRole("link", { name: "Åpne data (JSON)" }).getAttribute("href");
    const entry = (await (await fetch(new URL(jsonHref!, solutionUrl))).json()) as { name: string; usedBy: { state: string }[] };
    expect(entry.name).toBe(name);
    expect(entry.usedBy.filter((u) => u.state === "in_use")).toHaveLength(16);
    const catalogue = (await (await fetch(`${app.server.url}/solutions.json`)).json()) as { solutions: { name: string }[] };
    expect(catalogue.solutions.map((s) => s.name)).toContain(name);

    // Amir records Oslo's interest, open to joint procurement, and sees it counted.
    const amir = await openPage(app.browser, { locale: "nb-NO", javaScript: true });
    await signInAsDemo(amir, app.server, "amir.haddad@oslo.kommune.no");
    await amir.goto(solutionUrl);
    const before = (await amir.getByRole("main").textContent()) ?? "";
    const joint = (text: string) => Number(/og (\d+) er åpne for felles anskaffelse/.exec(text)?.[1]);
    await amir.getByLabel("Kommunens forhold til løsningen").selectOption({ label: "Interessert" });
    await amir.getByLabel("Vi er åpne for å anskaffe løsningen sammen med andre kommuner").check();
    await amir.getByRole("button", { name: "Registrer", exact: true }).click();
    await expect.poll(async () => joint((await amir.getByRole("main").textContent()) ?? "")).toBe(joint(before) + 1);
    await visitor.goto(`${solutionUrl}/joint-procurement`);
    expect(await visitor.getByRole("main").textContent()).toContain("Oslo");
  });
});
