import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { signInAsDemo, withServerAndBrowser } from "../helpers/e2e";
import { DEMO_EMAIL, DEMO_PASSWORD } from "~/members/demo.server";

const app = withServerAndBrowser();

describe("a member downloads their data and deletes their account", () => {
  it("keeps their comment as a former member's, and signs them out", async () => {
    const page = await openPage(app.browser, { locale: "en-GB" });
    await signInAsDemo(page, app.server, DEMO_EMAIL.amir);

    // A comment on an open topic.
    await page.goto(`${app.server.url}/topics`);
    await page.getByRole("main").locator("a[href^='/topics/']:not([href='/topics/new'])").first().click();
    await page.waitForURL(/\/topics\/\d+$/);
    const topicUrl = page.url();
    await page.locator("textarea[name=body]").fill("Oslo har prøvd dette i to bydeler.");
    await page.locator("form:has(textarea[name=body]) button[type=submit]").click();
    await expect.poll(() => page.getByRole("main").textContent()).toContain("Oslo har prøvd dette i to bydeler.");

    // The download from their own page holds their data.
    await page.goto(`${app.server.url}/me`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("a[href='/me/data.json']").click()]);
    expect(download.suggestedFilename()).toMatch(/^kommuneforum-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(data.profile).toMatchObject({ name: "Amir Haddad", email: DEMO_EMAIL.amir, municipalityName: "Oslo" });
    expect(data.comments.map((c: { bodyMd: string }) => c.bodyMd)).toContain("Oslo har prøvd dette i to bydeler.");

    // Deleting, keeping contributions; a wrong password first.
    await page.locator("a[href='/me/delete']").click();
    await page.waitForURL(/\/me\/delete$/);
    await expectNoAxeViolations(page);
    await page.locator("#field-password").fill("not-the-password");
    await page.getByRole("main").locator("button[type=submit]").click();
    await expect.poll(() => page.locator(".ds-validation-message").first().textContent()).toBeTruthy();
    await page.locator("#contributions-keep").check();
    await page.locator("#field-password").fill(DEMO_PASSWORD);
    await page.getByRole("main").locator("button[type=submit]").click();
    await page.waitForURL(`${app.server.url}/`);

    // Signed out: their own page asks them to sign in.
    await page.goto(`${app.server.url}/me`);
    await page.waitForURL(/\/sign-in/);

    // The comment stays, by a former member, and their name is gone.
    await page.goto(topicUrl);
    const main = (await page.getByRole("main").textContent()) ?? "";
    expect(main).toContain("Oslo har prøvd dette i to bydeler.");
    expect(main).toMatch(/Tidligere medlem|Former member/);
    expect(main).not.toContain("Amir Haddad");

    // And they cannot sign in again.
    await page.goto(`${app.server.url}/sign-in`);
    await page.locator("#field-email").fill(DEMO_EMAIL.amir);
    await page.locator("#field-password").fill(DEMO_PASSWORD);
    await page.getByRole("main").locator("button[type=submit]").click();
    await expect.poll(() => page.url()).toMatch(/\/sign-in/);
    await page.context().close();
  });
});
