import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createForumSessionAs } from "../helpers/forum-sessions";
import { createMember, PASSWORD, type TestMember } from "../helpers/members";
import { createSolution } from "../helpers/solutions";
import { createTopicAs } from "../helpers/topics";
import { launchBrowser, openPage } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";
import "../helpers/provided";
import "~/catalogues/all.server";
import { seedBaseData } from "~/base-data.server";
import { closeDatabase, migrateDatabase, openDatabase } from "~/db.server";
import { commentOnExperience, writeExperience } from "~/experiences/experiences.server";
import { addAgendaItem } from "~/forum-sessions/agenda.server";
import { saveSummary } from "~/forum-sessions/summaries.server";
import { createOrganisation } from "~/organisations/organisations.server";
import { commentOnSolution } from "~/solutions/solution-comments.server";
import { commentOnTopic } from "~/topics/topics.server";

// What a member or coordinator writes is shown to everyone: every markdown and text field they can
// fill is written here with script payloads, and every page showing them is opened in Chromium. No
// payload may run, each must read as text, and the HTML as served must hold no script, event handler
// or javascript: address from a payload, so that the sanitiser is tested even where a
// Content-Security-Policy would stop an inline script on its own.

const PAYLOADS = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=1">',
  "[klikk](javascript:window.__xss=1)",
  '"><svg onload=window.__xss=1>',
  "<a href=\"javascript:window.__xss=1\">lenke</a>",
  "<iframe src=\"javascript:window.__xss=1\"></iframe>",
  "<details open ontoggle=window.__xss=1>",
  "'-alert(1)-'",
].join(" ");

/** A hostile text with a marker of its own, to find it on the page. */
const hostile = (marker: string) => `${marker} ${PAYLOADS}`;

let server: RunningServer;
let browser: Browser;
let dataDir: string;
let page: Page;
const pages: { path: string; markers: string[]; plainText: string[] }[] = [];

/** Writes every field through the app's own server functions, then closes the database for the server. */
async function writeHostileContent(): Promise<TestMember> {
  await openDatabase({ driver: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    await migrateDatabase();
    await seedBaseData();
    const admin = await createMember("admin", { name: hostile("Profilnavn-admin"), email: "admin@xss.example" });
    const author = await createMember("member", { name: hostile("Profilnavn-medlem"), municipalityNumber: "1804" });
    const coordinator = await createMember("coordinator", { name: "Koordinator", email: "koordinator@xss.example" });
    const summaryOf = (m: TestMember, role: "member" | "coordinator" | "admin") =>
      ({ id: m.id, name: m.name, role, status: "approved" as const, municipalityNumber: "1804" });

    const topic = await createTopicAs(author.id, { title: hostile("Tematittel"), description: hostile("Temabeskrivelse") });
    await commentOnTopic({ id: author.id, name: author.name }, topic.id, hostile("Temakommentar"));
    pages.push({ path: `/topics/${topic.id}`, markers: ["Tematittel", "Temabeskrivelse", "Temakommentar"], plainText: ["Tematittel"] });
    pages.push({ path: "/topics", markers: ["Tematittel"], plainText: ["Tematittel"] });

    const experience = await writeExperience(
      { id: author.id, municipalityNumber: "1804" },
      {
        title: hostile("Erfaringstittel"),
        summary: hostile("Erfaringssammendrag"),
        body: hostile("Erfaringstekst"),
        themeIds: [],
        visibility: "public",
        municipalities: [],
        forumSessionId: null,
        agendaItemId: null,
        topicId: null,
        procurement: { procedure: "open_tender", year: 2025, suppliers: [hostile("Leverandørfakta")], valueBand: null, partners: [], lessons: hostile("Lærdomsfakta") },
      },
      true,
    );
    await commentOnExperience(summaryOf(author, "member"), experience.id, hostile("Erfaringskommentar"));
    pages.push({
      path: `/experiences/${experience.id}`,
      markers: ["Erfaringstittel", "Erfaringssammendrag", "Erfaringstekst", "Leverandørfakta", "Lærdomsfakta", "Erfaringskommentar"],
      plainText: ["Erfaringstittel", "Leverandørfakta"],
    });
    pages.push({ path: "/experiences", markers: ["Erfaringstittel"], plainText: ["Erfaringstittel"] });

    const solution = await createSolution(summaryOf(author, "member"), summaryOf(coordinator, "coordinator"), {
      name: hostile("Løsningsnavn"),
      summary: hostile("Løsningssammendrag"),
      description: hostile("Løsningsbeskrivelse"),
      components: [hostile("Komponentfelt")],
      archiveSystems: [hostile("Arkivfelt")],
      licence: hostile("Lisensfelt"),
    });
    await commentOnSolution(summaryOf(author, "member"), solution.id, hostile("Løsningskommentar"));
    pages.push({
      path: `/solutions/${solution.slug}`,
      markers: ["Løsningsnavn", "Løsningssammendrag", "Løsningsbeskrivelse", "Komponentfelt", "Arkivfelt", "Lisensfelt", "Løsningskommentar"],
      plainText: ["Løsningsnavn", "Komponentfelt"],
    });
    pages.push({ path: "/solutions", markers: ["Løsningsnavn"], plainText: ["Løsningsnavn"] });

    const forumSession = await createForumSessionAs(coordinator.id, "held", { title: hostile("Møtetittel") });
    await addAgendaItem(coordinator.id, forumSession.id, {
      startOffsetMinutes: 0,
      durationMinutes: 30,
      title: hostile("Agendatittel"),
      presenterMemberId: null,
      presenterName: hostile("Innledernavn"),
      presenterOrganisation: hostile("Innlederorganisasjon"),
      description: hostile("Agendabeskrivelse"),
    });
    const saved = await saveSummary(coordinator.id, forumSession.id, { bodyMd: hostile("Referattekst"), version: 0, publish: true });
    if (!saved.ok) throw new Error(`summary not saved: ${saved.reason}`);
    pages.push({
      path: `/forum-sessions/${forumSession.id}`,
      markers: ["Møtetittel", "Agendatittel", "Innledernavn", "Innlederorganisasjon", "Agendabeskrivelse", "Referattekst"],
      plainText: ["Møtetittel", "Agendatittel", "Innledernavn"],
    });
    pages.push({ path: "/forum-sessions?when=past", markers: ["Møtetittel"], plainText: ["Møtetittel"] });

    const organisation = await createOrganisation(summaryOf(coordinator, "coordinator"), {
      name: hostile("Organisasjonsnavn"),
      kind: "supplier",
      description: hostile("Organisasjonsbeskrivelse"),
      website: null,
      municipalityNumbers: [],
    });
    if (!organisation.ok) throw new Error("organisation not created");
    pages.push({
      path: `/organisations/${organisation.organisation.slug}`,
      markers: ["Organisasjonsnavn", "Organisasjonsbeskrivelse"],
      plainText: ["Organisasjonsnavn"],
    });

    pages.push({ path: `/members/${author.id}`, markers: ["Profilnavn-medlem"], plainText: ["Profilnavn-medlem"] });
    pages.push({ path: "/admin/members", markers: ["Profilnavn-medlem", "Profilnavn-admin"], plainText: ["Profilnavn-medlem"] });
    pages.push({ path: "/", markers: [], plainText: [] });
    pages.push({ path: "/search?q=Tematittel", markers: ["Tematittel"], plainText: [] });
    return admin;
  } finally {
    await closeDatabase();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "kf-xss-"));
  cpSync(inject("appDataDir"), path.join(dataDir, "pglite"), { recursive: true });
  const [admin, launched] = await Promise.all([writeHostileContent(), launchBrowser()]);
  browser = launched;
  server = await startServer({ dataDir });
  page = await openPage(browser, { locale: "nb-NO" });
  await page.goto(`${server.url}/sign-in`);
  await page.locator("#field-email").fill(admin.email);
  await page.locator("#field-password").fill(PASSWORD);
  await page.getByRole("main").locator("button[type=submit]").click();
  await page.waitForURL(/\/me$/);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** What a payload would leave in the DOM had it got through: its scripts, handlers and javascript: addresses. */
function payloadTraces(): string[] {
  const traces: string[] = [];
  for (const element of Array.from(document.querySelectorAll("*"))) {
    for (const attribute of Array.from(element.attributes)) {
      if (/^on/i.test(attribute.name)) traces.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
      if (/^\s*javascript:/i.test(attribute.value)) traces.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
    }
    if (element.localName === "script" && element.textContent?.includes("window.__xss=1") && !element.textContent.includes("\\u003c")) {
      traces.push(`<script>${element.textContent.slice(0, 80)}`);
    }
    if (["iframe", "object", "embed"].includes(element.localName)) traces.push(`<${element.localName}>`);
  }
  return traces;
}

/** The same traces in served HTML: tags only (text has "<" escaped), attribute values read apart from names. */
function markupTraces(markup: string): string[] {
  const traces: string[] = [];
  for (const [tag] of markup.matchAll(/<[a-z][^>]*>/gi)) {
    const names = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    if (/\son[a-z]+\s*=/i.test(names) || /^<(iframe|object|embed)\b/i.test(tag)) traces.push(tag);
    for (const [, double, single, bare] of tag.matchAll(/\s(?:href|src|action|formaction)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      if (/^\s*javascript:/i.test(double ?? single ?? bare ?? "")) traces.push(tag);
    }
  }
  return traces;
}

describe("hostile text written by members and coordinators", () => {
  it("runs no script and reads as text on every page that shows it", async () => {
    expect(pages.length).toBeGreaterThan(10);
    for (const { path: address, markers, plainText } of pages) {
      const response = await page.goto(`${server.url}${address}`);
      expect(response?.status(), address).toBe(200);
      await page.waitForLoadState("load");
      // An <img onerror> fires once the broken image has failed: a moment after load.
      await page.waitForTimeout(150);
      expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss), `a payload ran on ${address}`).toBeUndefined();
      const text = await page.locator("body").innerText();
      for (const marker of markers) expect(text, `${marker} on ${address}`).toContain(marker);
      // A plain-text field shows what was typed, angle brackets and all.
      for (const marker of plainText) expect(text, `${marker} as text on ${address}`).toContain(`${marker} <script>window.__xss=1</script>`);
      expect(await page.evaluate(payloadTraces), `payload traces on ${address}`).toEqual([]);
    }
  });

  it("is served as HTML that holds no script, handler or javascript: address of its own", async () => {
    const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    for (const { path: address } of pages) {
      const html = await (await fetch(`${server.url}${address}`, { headers: { Cookie: cookies } })).text();
      // Remix's own scripts carry the page's data, payloads included, as JSON with "<" escaped: a
      // payload's own script tag would be raw, and outside those scripts no markup may come from one.
      expect(html, address).not.toMatch(/<script>window\.__xss/i);
      const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
      expect(markupTraces(markup), address).toEqual([]);
    }
  });
});
