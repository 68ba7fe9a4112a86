import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, openPage } from "./browser";
import { signInAsDemo, withServerAndBrowser } from "./e2e";

// Every page a visitor, a member and a coordinator reach passes axe and fits a 320 px phone. One visit
// serves both checks: axe at desktop width, then the same page narrowed to 320 px must not scroll
// sideways. What only a phone shows (the folded menu) is checked with axe once per viewer at 320 px.
// Each language is a test file of its own (tests/e2e/everyone-reads-every-page-in-*.test.ts), so that the
// two, the suite's longest, run side by side.

let app: ReturnType<typeof withServerAndBrowser>;

const DESKTOP = { width: 1280, height: 720 };
/** The narrowest phone still in use (iPhone SE, first generation; small Android phones). */
const NARROW = { width: 320, height: 568 };
const SESSION = /^\/forum-sessions\/\d+$/;
const TOPIC = /^\/topics\/\d+$/;
const EXPERIENCE = /^\/experiences\/\d+$/;
const SOLUTION = /^\/solutions\/(?!new$|proposals$|joint-procurement$)[a-z0-9-]+$/;
const ORGANISATION = /^\/organisations\/(?!new$)[a-z0-9-]+$/;
/** The demo's story: Digitale Helgeland's application, in use in its sixteen municipalities. */
const HELGELAND_SOLUTION = "/solutions/soknad-om-redusert-foreldrebetaling-i-barnehage";

/** The links on a page's main content that match, in order, each once. */
async function linksIn(page: Page, path: string, pattern: RegExp): Promise<string[]> {
  await page.setViewportSize(DESKTOP);
  await page.goto(`${app.server.url}${path}`);
  const hrefs = await page
    .getByRole("main")
    .locator("a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  return [...new Set(hrefs.filter((href) => pattern.test(href)))];
}

/** How the page fits 320 px: undefined, or how far it reaches past the right edge. */
async function tooWide(page: Page, what: string): Promise<string | undefined> {
  await page.setViewportSize(NARROW);
  const extra = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  return extra > 0 ? `${what} is ${extra}px too wide at 320 px` : undefined;
}

/** Visits each path: its status, axe, and the width; returns every page that scrolls sideways, so one run names them all. */
async function visitAll(page: Page, paths: string[], status = 200): Promise<string[]> {
  const wide: string[] = [];
  for (const path of paths) {
    await page.setViewportSize(DESKTOP);
    const response = await page.goto(`${app.server.url}${path}`);
    expect(response?.status(), path).toBe(status);
    await expectNoAxeViolations(page);
    const problem = await tooWide(page, path);
    if (problem) wide.push(problem);
  }
  return wide;
}

/** The header as a phone shows it, menu folded: axe at 320 px. */
async function checkPhoneHeader(page: Page) {
  await page.setViewportSize(NARROW);
  await page.goto(`${app.server.url}/`);
  await expectNoAxeViolations(page);
}

/** The three viewers' checks in one language, on a server and a browser of the calling test file's own. */
export function describeEveryPage({ lang, locale, javaScript }: { lang: "nb" | "en"; locale: string; javaScript: boolean }) {
  app = withServerAndBrowser();
  describe(`every page in ${lang} (JavaScript: ${javaScript})`, () => {
    // Each test finds its own pages, so that it checks the same pages when run alone.
    it("passes axe and fits a phone for a visitor", { timeout: 240_000 }, async () => {
      const page = await openPage(app.browser, { locale, javaScript });
      const sessions = await linksIn(page, "/forum-sessions", SESSION);
      expect(sessions.length).toBeGreaterThanOrEqual(5);
      // The most supported topic, and one of each way a topic can end: covered, declined.
      const topics = [
        ...(await linksIn(page, "/topics", TOPIC)).slice(0, 1),
        ...(await linksIn(page, "/topics?status=covered", TOPIC)).slice(0, 1),
        ...(await linksIn(page, "/topics?status=declined", TOPIC)).slice(0, 1),
      ];
      expect(topics).toHaveLength(3);
      // The newest write-ups, the long one with its fact box (Alstahaug's), and Bodø's with three revisions.
      const experiences = [
        ...(await linksIn(page, "/experiences", EXPERIENCE)).slice(0, 2),
        ...(await linksIn(page, "/experiences?municipality=1820&procedure=joint_procurement", EXPERIENCE)).slice(0, 1),
      ];
      const revised = (await linksIn(page, "/experiences?municipality=1804", EXPERIENCE))[0];
      expect(experiences).toHaveLength(3);
      expect(revised).toBeDefined();
      // The most adopted solutions, and the organisations: a supplier and the regional cooperation.
      const solutions = (await linksIn(page, "/solutions", SOLUTION)).slice(0, 3);
      expect(solutions.length).toBeGreaterThanOrEqual(3);
      const organisations = [
        ...(await linksIn(page, "/organisations?kind=supplier", ORGANISATION)).slice(0, 1),
        ...(await linksIn(page, "/organisations?kind=regional_cooperation", ORGANISATION)).slice(0, 1),
      ];
      expect(organisations).toHaveLength(2);
      await checkPhoneHeader(page);
      const wide = await visitAll(page, [
        "/",
        "/forum-sessions",
        ...sessions,
        "/topics",
        "/topics?status=proposed&sort=newest&county=18",
        ...topics,
        "/experiences",
        "/experiences?theme=procurement&county=18&sort=discussed",
        ...experiences,
        `${revised}/history`,
        `${revised}/history?from=1&to=2`,
        "/solutions",
        "/solutions?status=scaling&component=KS%20Fiks&county=18&sort=name",
        ...solutions,
        HELGELAND_SOLUTION,
        `${HELGELAND_SOLUTION}/evidence`,
        `${HELGELAND_SOLUTION}/joint-procurement`,
        "/solutions/joint-procurement",
        "/organisations",
        ...organisations,
      ]);
      wide.push(
        ...(await visitAll(
          page,
          [
            "/no-such-page",
            "/forum-sessions/999999",
            "/topics/999999",
            "/experiences/999999",
            "/solutions/no-such-solution",
            "/organisations/no-such-organisation",
            "/themes/no-such-theme",
          ],
          404
        ))
      );
      wide.push(...(await visitAll(page, ["/reset-password/no-such-token"], 410)));

      // Sign-up with every field's error shown.
      await page.setViewportSize(DESKTOP);
      await page.goto(`${app.server.url}/sign-up`);
      await page.getByRole("main").locator("button[type=submit]").click();
      await page.locator(".ds-validation-message").first().waitFor();
      await expectNoAxeViolations(page);
      const signUpWide = await tooWide(page, "/sign-up with its errors");
      if (signUpWide) wide.push(signUpWide);

      expect(wide).toEqual([]);
      await page.context().close();
    });

    it("passes axe and fits a phone for a visitor: municipalities, themes, the search and the account pages", { timeout: 240_000 }, async () => {
      const page = await openPage(app.browser, { locale, javaScript });
      const wide = await visitAll(page, [
        "/municipalities",
        "/municipalities?q=helgeland",
        // A Helgeland municipality's page lists what it uses.
        "/municipalities/1820",
        // The longest name in the list, in three languages.
        "/municipalities/5622",
        // What the forum has said on a theme, in one place.
        "/themes",
        "/themes/prevention",
        "/themes/procurement",
        // The search: empty, a word in every kind, narrowed by every filter, and a typo offered similar titles.
        "/search",
        "/search?q=anskaffelser",
        "/search?q=anskaffelser&type=experience&theme=procurement&county=18&from=2020-01-01&to=2030-12-31",
        "/search?q=trygghetsalarn",
        "/sign-in",
        "/sign-up",
        "/forgot-password",
      ]);
      // A search of only punctuation: the page with the message beside the box.
      wide.push(...(await visitAll(page, ["/search?q=%26%7C%21%28%29%3A%2A%3C-%3E"], 400)));
      expect(wide).toEqual([]);
      await page.context().close();
    });

    it("passes axe and fits a phone for a member", { timeout: 240_000 }, async () => {
      const page = await openPage(app.browser, { locale, javaScript });
      await signInAsDemo(page, app.server, "kari.nordmann@rana.kommune.no");
      const members = await linksIn(page, "/municipalities/1833", /^\/members\/\d+$/);
      expect(members.length).toBeGreaterThan(0);
      const ownTopics = await linksIn(page, "/topics?mine=proposed", TOPIC);
      expect(ownTopics.length, "the demo member has proposed topics").toBeGreaterThan(0);
      const sessions = await linksIn(page, "/forum-sessions", SESSION);
      expect(sessions.length).toBeGreaterThanOrEqual(5);
      // Her own write-ups (a draft among them, and Bodø's she co-authors) and Vefsn's members-only one.
      const ownExperiences = await linksIn(page, "/me", EXPERIENCE);
      expect(ownExperiences.length, "the demo member has write-ups").toBeGreaterThanOrEqual(2);
      const vefsn = await linksIn(page, "/experiences?municipality=1824", EXPERIENCE);
      expect(vefsn.length, "Vefsn's members-only write-up").toBeGreaterThan(0);
      await checkPhoneHeader(page);
      const wide = await visitAll(page, [
        "/",
        "/me",
        "/experiences/new",
        ...ownExperiences.slice(0, 3),
        `${ownExperiences[0]}/edit`,
        `${ownExperiences[0]}/co-authors`,
        vefsn[0]!,
        "/me/profile",
        "/me/password",
        "/me/calendar",
        "/me/delete",
        "/themes/procurement",
        "/notifications",
        "/municipalities/1833",
        members[0]!,
        ...sessions,
        "/topics?mine=supported",
        "/topics/new",
        ownTopics[0]!,
        // The catalogue as a member: proposing, and a solution's page with the adoption form.
        "/solutions/new",
        HELGELAND_SOLUTION,
        `${HELGELAND_SOLUTION}/joint-procurement`,
        // Vefsn's members-only findings are in a member's search.
        "/search?q=beredskap",
      ]);
      expect(wide).toEqual([]);
      await page.context().close();
    });

    it("passes axe and fits a phone for a coordinator", { timeout: 300_000 }, async () => {
      const visitor = await openPage(app.browser, { locale, javaScript });
      const published = await linksIn(visitor, "/forum-sessions", SESSION);
      await visitor.context().close();
      const page = await openPage(app.browser, { locale, javaScript });
      await signInAsDemo(page, app.server, "koordinator@kommuneforum.no");
      const sessions = await linksIn(page, "/forum-sessions", SESSION);
      expect(sessions.length).toBeGreaterThan(published.length); // the draft
      const items = await linksIn(page, `${sessions[0]}/agenda`, /\/agenda\/\d+$/);
      expect(items.length, "the upcoming session's agenda links its items' editor").toBeGreaterThan(0);
      await checkPhoneHeader(page);
      const topics = [
        ...(await linksIn(page, "/topics?status=proposed", TOPIC)).slice(0, 1),
        ...(await linksIn(page, "/topics?status=scheduled", TOPIC)).slice(0, 1),
      ];
      expect(topics).toHaveLength(2);
      const paths = ["/admin/members", "/forum-sessions/new", ...sessions, `${sessions[0]}/cancel`, items[0]!];
      // A topic as a coordinator sees it (hide forms on comments), its editor, and its triage with a merge search.
      for (const topic of topics) paths.push(topic, `${topic}/edit`, `${topic}/triage`);
      paths.push(`${topics[0]}/triage?q=velferdsteknologi`);
      // A member's write-up as a coordinator may change it: its page, editor and co-authors.
      const [experience] = await linksIn(page, "/experiences?municipality=1820", EXPERIENCE);
      paths.push(experience!, `${experience}/edit`, `${experience}/co-authors`);
      // The catalogue as a coordinator curates it: proposals, a proposal's review, a solution's status and editor, an organisation's editor.
      const proposals = await linksIn(page, "/solutions/proposals", SOLUTION);
      expect(proposals.length, "the demo has a proposal awaiting review").toBeGreaterThan(0);
      const [organisation] = await linksIn(page, "/organisations?kind=regional_cooperation", ORGANISATION);
      paths.push(
        "/solutions/proposals",
        proposals[0]!,
        `${proposals[0]}/status`,
        HELGELAND_SOLUTION,
        `${HELGELAND_SOLUTION}/status`,
        `${HELGELAND_SOLUTION}/edit`
      );
      paths.push("/organisations/new", organisation!, `${organisation}/edit`);
      // The coordinator's pages of an upcoming session and of a past one (with its summary).
      for (const session of [sessions[0]!, sessions.at(-1)!]) {
        for (const part of ["edit", "agenda", "registrations", "summary"]) paths.push(`${session}/${part}`);
      }
      expect(await visitAll(page, paths)).toEqual([]);
      await page.context().close();
    });
  });
}
