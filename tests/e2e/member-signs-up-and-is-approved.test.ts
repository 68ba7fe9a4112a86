import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "../helpers/browser";
import { withServerAndBrowser } from "../helpers/e2e";
import { DEMO_PASSWORD } from "~/members/demo.server";

const app = withServerAndBrowser();

const TEXT = {
  nb: {
    signUp: "Bli medlem", signIn: "Logg inn", signOut: "Logg ut", name: "Navn", email: "E-post", password: "Passord",
    municipality: "Kommune", jobTitle: "Stilling", send: "Send søknad", required: "Fyll ut feltet.",
    signedUp: "Søknaden er sendt", summary: "Skjemaet har feil.",
    pending: "venter på godkjenning", approve: "Godkjenn", approved: "er godkjent.", wrong: "Feil e-post eller passord.",
    statusApproved: "Godkjent", editProfile: "Rediger profil og språk", save: "Lagre profil", saved: "Profilen er lagret.", changePassword: "Bytt passord",
    current: "Nåværende passord", newPassword: "Nytt passord", changed: "Passordet er byttet.", members: "Medlemmer",
  },
  en: {
    signUp: "Become a member", signIn: "Sign in", signOut: "Sign out", name: "Name", email: "Email", password: "Password",
    municipality: "Municipality", jobTitle: "Job title", send: "Send application", required: "Fill in this field.",
    signedUp: "Your application is sent", summary: "The form has errors.",
    pending: "waiting for a coordinator's approval", approve: "Approve", approved: "has been approved.",
    wrong: "Wrong email or password.", statusApproved: "Approved", editProfile: "Edit profile and language", save: "Save profile", saved: "Your profile has been saved.",
    changePassword: "Change password", current: "Current password", newPassword: "New password",
    changed: "Your password has been changed.", members: "Members",
  },
};

async function signIn(page: Page, text: (typeof TEXT)["nb"], email: string, password: string) {
  await page.goto(`${app.server.url}/sign-in`);
  await page.getByLabel(text.email).fill(email);
  await page.getByLabel(text.password, { exact: true }).fill(password);
  await page.getByRole("main").getByRole("button", { name: text.signIn }).click();
}

describe.each([
  { lang: "nb" as const, locale: "nb-NO", javaScript: false },
  { lang: "en" as const, locale: "en-GB", javaScript: true },
])("in $lang (JavaScript: $javaScript)", ({ lang, locale, javaScript }) => {
  const text = TEXT[lang];
  const email = `Tone.Vik.${lang}@Rana.kommune.no`;
  const name = `Tone Vik ${lang}`;
  const password = "fjordlys-over-rana-42";

  it("a newcomer signs up, is approved by a coordinator, signs in, edits the profile, changes password and signs out", async () => {
    const page = await openPage(app.browser, { locale, javaScript });

    // Sign up with an empty form: every field says what is wrong, beside it.
    await page.goto(app.server.url);
    await page.getByRole("link", { name: text.signUp }).first().click();
    await page.waitForURL(/\/sign-up$/);
    await page.getByRole("button", { name: text.send }).click();
    await expect.poll(() => page.getByLabel(text.name).getAttribute("aria-invalid")).toBe("true");
    for (const label of [text.name, text.email, text.municipality, text.jobTitle]) {
      // Exact: the required mark sits beside the label, not in the field's name.
      const field = page.getByLabel(label, { exact: true });
      expect(await field.getAttribute("aria-invalid"), label).toBe("true");
      const described = (await field.getAttribute("aria-describedby"))!.split(" ").at(-1)!;
      expect(await page.locator(`#${described}`).textContent(), label).toBe(text.required);
    }
    // Each is marked required, and the summary above the form links to it.
    for (const [label, id] of [[text.name, "field-name"], [text.email, "field-email"], [text.jobTitle, "field-jobTitle"]]) {
      expect(await page.getByLabel(label!, { exact: true }).getAttribute("aria-required"), label).toBe("true");
      const link = page.getByRole("alert").locator(`a[href="#${id}"]`);
      expect(await link.count(), label).toBe(1);
    }
    expect(await page.getByRole("alert").textContent()).toContain(text.summary);
    await expectNoAxeViolations(page);

    // Sign up for real.
    await page.getByLabel(text.name).fill(name);
    await page.getByLabel(text.email).fill(email);
    await page.getByLabel(text.password).fill(password);
    await page.getByLabel(text.municipality).fill("1833 Rana");
    await page.getByLabel(text.jobTitle).fill("Rådgiver digitalisering");
    await page.getByRole("button", { name: text.send }).click();
    // The same answer whether or not the address is taken: the application is sent; sign in to follow it.
    await page.waitForURL(/\/sign-in\?signedUp=1$/);
    await expect.poll(() => page.getByRole("status").textContent()).toContain(text.signedUp);
    await expectNoAxeViolations(page);
    await signIn(page, text, email, password);
    await page.waitForURL(/\/me$/);
    await expect.poll(() => page.getByRole("main").textContent()).toContain(text.pending);
    await expectNoAxeViolations(page);

    // A coordinator approves the application.
    const coordinator = await openPage(app.browser, { locale, javaScript });
    await signIn(coordinator, text, "koordinator@kommuneforum.no", DEMO_PASSWORD);
    await coordinator.waitForURL(/\/me$/);
    await coordinator.getByRole("link", { name: text.members, exact: true }).click();
    await coordinator.waitForURL(/\/admin\/members$/);
    const card = coordinator.getByRole("listitem").filter({ hasText: name });
    expect(await card.textContent()).toContain("Rana");
    expect(await card.textContent()).toContain("Rådgiver digitalisering");
    await expectNoAxeViolations(coordinator);
    await card.getByRole("button", { name: `${text.approve} ${name}` }).click();
    await expect.poll(() => coordinator.getByRole("status").textContent()).toContain(text.approved);
    await expectNoAxeViolations(coordinator);
    await coordinator.context().close();

    // The newcomer signs out, mistypes the password, then signs in.
    await page.getByRole("button", { name: text.signOut }).click();
    await page.waitForURL(`${app.server.url}/`);
    await signIn(page, text, email.toLowerCase(), "not-the-password-1");
    await expect.poll(() => page.getByRole("alert").textContent()).toBe(text.wrong);
    await expectNoAxeViolations(page);
    await signIn(page, text, email.toUpperCase(), password);
    await page.waitForURL(/\/me$/);
    // With JavaScript the address changes a moment before the page is drawn.
    await expect.poll(() => page.getByRole("main").textContent()).toContain(text.statusApproved);

    // Edits the profile, on a page of its own.
    await page.getByRole("main").getByRole("link", { name: text.editProfile }).click();
    await page.waitForURL(/\/me\/profile$/);
    await page.getByLabel(text.jobTitle).fill("Digitaliseringsleder");
    await page.getByRole("button", { name: text.save }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe(text.saved);
    expect(await page.getByLabel(text.jobTitle).inputValue()).toBe("Digitaliseringsleder");
    await expectNoAxeViolations(page);

    // Signed in on a second device too; changing the password here signs that one out.
    const otherDevice = await openPage(app.browser, { locale, javaScript });
    await signIn(otherDevice, text, email, password);
    await otherDevice.waitForURL(/\/me$/);
    await page.goto(`${app.server.url}/me`);
    await page.getByRole("link", { name: text.changePassword }).click();
    await page.waitForURL(/\/me\/password$/);
    await page.getByLabel(text.current).fill(password);
    await page.getByLabel(text.newPassword).fill("nytt-og-langt-passord-7");
    await page.getByRole("button", { name: text.changePassword }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain(text.changed);
    await expectNoAxeViolations(page);
    await otherDevice.goto(`${app.server.url}/me`);
    await otherDevice.waitForURL(/\/sign-in\?redirectTo=%2Fme$/);
    await otherDevice.context().close();

    // And signs out.
    await page.getByRole("button", { name: text.signOut }).click();
    await page.waitForURL(`${app.server.url}/`);
    await expect.poll(() => page.getByRole("banner").getByRole("link", { name: text.signIn, exact: true }).count()).toBe(1);
    await page.context().close();
  });
});
