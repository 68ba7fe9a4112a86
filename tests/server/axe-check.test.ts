import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, openPage } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const BROKEN = '<!DOCTYPE html><html><head><title>x</title></head><body><main><input type="text"></main></body></html>';

// The browser tests lean on this check; it must be able to fail, also on pages without JavaScript.
describe.each([true, false])("the accessibility check, JavaScript %s", (javaScript) => {
  it("fails on a page with an unlabelled field and no language", async () => {
    const page = await openPage(browser, { locale: "nb-NO", javaScript });
    await page.context().route("http://axe.test/", (route) => route.fulfill({ body: BROKEN, contentType: "text/html" }));
    await page.goto("http://axe.test/");
    await expect(expectNoAxeViolations(page)).rejects.toThrow(/html-has-lang[\s\S]*label/);
    await page.context().close();
  });
});
