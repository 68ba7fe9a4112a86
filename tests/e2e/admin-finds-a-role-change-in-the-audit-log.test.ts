import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { signInAsDemo, withServerAndBrowser } from "../helpers/e2e";
import { osloToday } from "~/lib/oslo-time.server";

const app = withServerAndBrowser();

const TEXT = {
  nb: {
    members: "Medlemmer", roleOf: "Rolle for", changeRole: "Endre rolle", changed: "er endret", auditLog: "Revisjonslogg",
    actor: "Utført av", action: "Handling", show: "Vis", admin: "Administrator", count: /^\d+ hendelser?$/,
  },
  en: {
    members: "Members", roleOf: "Role of", changeRole: "Change role", changed: "has been changed", auditLog: "Audit log",
    actor: "Done by", action: "Action", show: "Show", admin: "Administrator", count: /^\d+ events?$/,
  },
};

describe.each([
  { lang: "nb" as const, locale: "nb-NO", javaScript: false, member: "Marte Eide" },
  { lang: "en" as const, locale: "en-GB", javaScript: true, member: "Amir Haddad" },
])("in $lang (JavaScript: $javaScript)", ({ lang, locale, javaScript, member }) => {
  const text = TEXT[lang];

  it("an admin makes a member a coordinator, then finds who did it, when, and from what to what", async () => {
    const page = await openPage(app.browser, { locale, javaScript });
    await signInAsDemo(page, app.server, "admin@kommuneforum.no");

    // The role change, at Members.
    await page.getByRole("banner").getByRole("link", { name: text.members, exact: true }).click();
    await page.waitForURL(/\/admin\/members$/);
    const row = page.getByRole("row").filter({ hasText: member });
    await row.getByLabel(`${text.roleOf} ${member}`).selectOption("coordinator");
    await row.getByRole("button", { name: text.changeRole }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain(text.changed);

    // The audit log, from the header, filtered to the admin's role changes.
    await page.getByRole("banner").getByRole("link", { name: text.auditLog }).click();
    await page.waitForURL(/\/admin\/audit$/);
    await page.getByLabel(text.actor).selectOption({ label: "Ingrid Solberg" });
    await page.getByLabel(text.action).selectOption("member.role");
    await page.getByRole("button", { name: text.show, exact: true }).click();
    await page.waitForURL(/\/admin\/audit\?actor=\d+&action=member\.role&/);
    // Only the admin's role changes are left (the other language's test's one too, on this shared server).
    await expect.poll(() => page.getByRole("main").getByRole("row").filter({ hasText: member }).count()).toBe(1);
    const actions = await page.getByRole("main").locator("tbody tr td:nth-child(3)").allTextContents();
    expect(new Set(actions)).toEqual(new Set(["member.role"]));
    expect(await page.getByRole("main").getByRole("status").textContent()).toMatch(text.count);

    // Who, when, to whom, from what to what.
    const event = page.getByRole("main").getByRole("row").filter({ hasText: member });
    const cells = await event.getByRole("cell").allTextContents();
    expect(cells[0]).toMatch(new RegExp(`^${osloToday()} \\d{2}:\\d{2}$`));
    expect(cells[1]).toBe(`Ingrid Solberg (${text.admin})`);
    expect(cells[2]).toBe("member.role");
    expect(cells[3]).toContain(member);
    expect(cells[4]).toBe("role: member → coordinator");
    // The target's link leads to the member's page.
    expect(await event.getByRole("link", { name: member }).getAttribute("href")).toMatch(/^\/members\/\d+$/);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
