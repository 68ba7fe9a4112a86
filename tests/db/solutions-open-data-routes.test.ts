import { readFileSync } from "node:fs";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import Ajv2020 from "ajv/dist/2020";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { solutions, themes } from "../../db/schema";
import { createMember, requestAs, type TestMember } from "../helpers/members";
import { createOrganisation, createSolution } from "../helpers/solutions";
import { db } from "~/db.server";
import type { ViewerSummary } from "~/members/rights";
import * as catalogueRoute from "~/routes/solutions[.json]";
import * as entryRoute from "~/routes/solutions.$slug[.json]";
import { recordAdoption } from "~/solutions/adoptions.server";
import type { OpenSolution } from "~/solutions/open-data.server";
import { reviewSolution, setSolutionStatus } from "~/solutions/solutions.server";

const ORIGIN = "https://forum.example.no";

// Requests go to http://localhost (or a foreign host); every address must still come from PUBLIC_URL.
beforeAll(() => {
  process.env.PUBLIC_URL = ORIGIN;
  return () => {
    delete process.env.PUBLIC_URL;
  };
});

// ——— The schema, as a consumer would use it ———

const schema = JSON.parse(readFileSync(new URL("../../docs/solutions.schema.json", import.meta.url), "utf8")) as { $id: string };
const ajv = new Ajv2020({ allErrors: true, strict: true });
// The formats the schema names, checked strictly enough to catch a relative or non-http address.
ajv.addFormat("uri", (value: string) => /^https?:\/\/[^\s/]+(\/\S*)?$/.test(value));
ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat("date-time", (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) && !Number.isNaN(Date.parse(value)));
ajv.addSchema(schema);
const validCatalogue = ajv.getSchema(schema.$id)!;
const validEntry = ajv.getSchema(`${schema.$id}#/$defs/solution`)!;

function expectValid(validate: typeof validCatalogue, value: unknown) {
  const valid = validate(value);
  expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
  expect(valid).toBe(true);
}

// ——— Requests ———

type Catalogue = { catalogue: string; count: number; solutions: OpenSolution[] };

async function fetchJson(route: { loader: unknown }, path: string, params: Record<string, string>, options: { viewer?: TestMember | null; headers?: Record<string, string> } = {}) {
  const run = route.loader as (args: unknown) => Promise<Response>;
  const response = await run({ request: requestAs(options.viewer ?? null, path, { headers: options.headers }), params, context: {} });
  const body = await response.text();
  return { response, body, json: response.status === 200 ? (JSON.parse(body) as unknown) : undefined };
}
const getCatalogue = (options?: Parameters<typeof fetchJson>[3]) => fetchJson(catalogueRoute, "/solutions.json", {}, options);
const getEntry = (slug: string, options?: Parameters<typeof fetchJson>[3]) => fetchJson(entryRoute, `/solutions/${encodeURIComponent(slug)}.json`, { slug }, options);

function expectOpenDataHeaders(response: Response) {
  expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
}

// ——— The catalogue this file reads ———

const summaryOf = (member: TestMember, role: ViewerSummary["role"], municipalityNumber: string | null): ViewerSummary => ({
  id: member.id,
  name: member.name,
  role,
  status: "approved",
  municipalityNumber,
});

let proposerMember: TestMember;
let contactMember: TestMember;
let coordinatorMember: TestMember;
let helgelandSlug: string;
let sikriSlug: string;
const NOTE = "Ring Kari Kontaktsen på 99 88 77 66 om avtalen";

beforeAll(async () => {
  proposerMember = await createMember("member", { name: "Per Forslagsstiller", email: "per.forslag@example.no", municipalityNumber: "1833" });
  contactMember = await createMember("member", { name: "Kari Kontaktsen", email: "kari.kontakt@example.no", municipalityNumber: "1820" });
  coordinatorMember = await createMember("coordinator", { name: "Kristin Koordinator", email: "kristin.koord@example.no", municipalityNumber: null });
  const proposer = summaryOf(proposerMember, "member", "1833");
  const coordinator = summaryOf(coordinatorMember, "coordinator", null);
  const [procurement] = await db().select().from(themes);
  const sikri = await createOrganisation("supplier", { name: "Sikri (åpne data)" });
  const ks = await createOrganisation("national_body", { name: "KS (åpne data)" });
  const helgeland = await createOrganisation("regional_cooperation", { name: "Digitale Helgeland (åpne data)", municipalities: ["1820", "1833"] });
  sikriSlug = sikri.slug;
  helgelandSlug = helgeland.slug;

  const payment = await createSolution(proposer, coordinator, {
    name: "Redusert foreldrebetaling",
    summary: "Søknad om redusert foreldrebetaling i barnehage.",
    description: "## Slik virker den\n\nInntekt hentes fra **Skatteetaten**.",
    owner: { organisationId: helgeland.id },
    supplierIds: [sikri.id, ks.id],
    components: ["ID-porten", "KS Fiks", "SvarUt/SvarInn"],
    archiveSystems: ["Elements"],
    websiteUrl: "https://example.no/foreldrebetaling",
    sourceUrl: "https://github.com/example/foreldrebetaling",
    documentationUrl: null,
    licence: "EUPL-1.2",
    openSource: true,
    contactMemberId: contactMember.id,
    themeIds: procurement ? [procurement.id] : [],
    status: "pilot",
  });
  await setSolutionStatus(coordinator, payment.id, { fromStatus: "pilot", toStatus: "in_use", note: "I bruk i tre kommuner." });
  await recordAdoption(coordinator, payment.id, "1833", { state: "in_use", since: "2025-01-15", note: NOTE, openToJointProcurement: false }, null);
  await recordAdoption(coordinator, payment.id, "1820", { state: "interested", since: "2025-02-01", note: NOTE, openToJointProcurement: true }, null);
  await recordAdoption(coordinator, payment.id, "4602", { state: "discontinued", since: "2024-12-31", note: "", openToJointProcurement: false }, null);

  await createSolution(proposer, coordinator, {
    name: "Digital innbyggerdialog",
    owner: { municipalityNumber: "0301" },
    components: [],
    archiveSystems: [],
    websiteUrl: null,
    licence: null,
    openSource: false,
    status: "idea",
  });
  await createSolution(proposer, coordinator, { name: "Forslag under vurdering", status: null });
  const rejected = await createSolution(proposer, coordinator, { name: "Avvist løsningsforslag", status: null });
  await reviewSolution(coordinator, rejected.id, { decision: "reject", reason: "Finnes fra før." });
});

describe("/solutions.json", () => {
  it("holds every accepted entry by name, valid against the schema, as open JSON", async () => {
    const { response, json } = await getCatalogue();
    expect(response.status).toBe(200);
    expectOpenDataHeaders(response);
    expectValid(validCatalogue, json);
    const catalogue = json as Catalogue;
    expect(catalogue.catalogue).toBe(`${ORIGIN}/solutions`);
    expect(catalogue.solutions.map((s) => s.name)).toEqual(["Digital innbyggerdialog", "Redusert foreldrebetaling"]);
    expect(catalogue.count).toBe(2);
  });

  it("never holds a proposal or a rejected entry, whoever asks", async () => {
    for (const viewer of [null, proposerMember, coordinatorMember]) {
      const { body } = await getCatalogue({ viewer });
      expect(body).not.toContain("Forslag under vurdering");
      expect(body).not.toContain("forslag-under-vurdering");
      expect(body).not.toContain("Avvist løsningsforslag");
      expect(body).not.toContain("Finnes fra før");
    }
  });

  it("tells each entry's status history, who uses it in which state, owner, suppliers, components, links, licence, themes and dates", async () => {
    const entry = ((await getCatalogue()).json as Catalogue).solutions.find((s) => s.slug === "redusert-foreldrebetaling")!;
    expect(entry).toMatchObject({
      name: "Redusert foreldrebetaling",
      url: `${ORIGIN}/solutions/redusert-foreldrebetaling`,
      dataUrl: `${ORIGIN}/solutions/redusert-foreldrebetaling.json`,
      description: { summary: "Søknad om redusert foreldrebetaling i barnehage.", markdown: "## Slik virker den\n\nInntekt hentes fra **Skatteetaten**." },
      status: { current: "in_use", history: [{ status: "pilot", note: "Godtatt i katalogen." }, { status: "in_use", note: "I bruk i tre kommuner." }] },
      usedBy: [
        { municipalityNumber: "1820", name: "Alstahaug", state: "interested", since: "2025-02-01", openToJointProcurement: true },
        { municipalityNumber: "1833", name: "Rana - Raane", state: "in_use", since: "2025-01-15", openToJointProcurement: false },
        { municipalityNumber: "4602", name: "Kinn", state: "discontinued", since: "2024-12-31", openToJointProcurement: false },
      ],
      owner: { type: "organisation", name: "Digitale Helgeland (åpne data)", organisationSlug: helgelandSlug, kind: "regional_cooperation" },
      suppliers: [
        { name: "KS (åpne data)", slug: expect.any(String) },
        { name: "Sikri (åpne data)", slug: sikriSlug },
      ],
      dependsOn: ["ID-porten", "KS Fiks", "SvarUt/SvarInn"],
      archiveSystems: ["Elements"],
      links: { website: "https://example.no/foreldrebetaling", sourceCode: "https://github.com/example/foreldrebetaling", documentation: null },
      licence: "EUPL-1.2",
      openSource: true,
    });
    expect(entry.themes).toHaveLength(1);
    expect(entry.themes[0]).toMatchObject({ name: { nb: expect.any(String), en: expect.any(String) } });
    expect(Date.parse(entry.dates.accepted)).toBeGreaterThanOrEqual(Date.parse(entry.dates.created));
    expect(Date.parse(entry.dates.updated)).toBeGreaterThanOrEqual(Date.parse(entry.dates.accepted));

    const dialog = ((await getCatalogue()).json as Catalogue).solutions.find((s) => s.slug === "digital-innbyggerdialog")!;
    expect(dialog).toMatchObject({ owner: { type: "municipality", name: "Oslo", municipalityNumber: "0301" }, usedBy: [], suppliers: [], licence: null, openSource: false });
  });

  it("has no personal data: no member's name or email, and no note a member wrote on an adoption", async () => {
    const { body } = await getCatalogue({ viewer: coordinatorMember });
    for (const member of [proposerMember, contactMember, coordinatorMember]) {
      expect(body).not.toContain(member.name);
      expect(body).not.toContain(member.email);
    }
    expect(body).not.toContain("@example.no");
    expect(body).not.toContain("99 88 77 66");
    expect(body).not.toContain("Rådgiver");
  });

  it("builds its addresses from PUBLIC_URL, whatever Host the request came with", async () => {
    const { body, json } = await getCatalogue({ headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http" } });
    expect(body).not.toContain("evil.example");
    expect(body).not.toContain("localhost");
    expect((json as Catalogue).solutions.every((s) => s.url.startsWith(`${ORIGIN}/solutions/`) && s.dataUrl.startsWith(`${ORIGIN}/solutions/`))).toBe(true);
  });

  it("answers 304 to a client that already has it, and again 200 once an adoption changes it", async () => {
    const first = await getCatalogue();
    const etag = first.response.headers.get("ETag")!;
    expect(first.response.headers.get("Cache-Control")).toBe("no-cache");
    const again = await getCatalogue({ headers: { "If-None-Match": etag } });
    expect(again.response.status).toBe(304);
    expect(again.body).toBe("");

    const coordinator = summaryOf(coordinatorMember, "coordinator", null);
    const dialog = (first.json as Catalogue).solutions.find((s) => s.slug === "digital-innbyggerdialog")!;
    const [row] = await db().select().from(solutions).where(eq(solutions.slug, dialog.slug));
    await recordAdoption(coordinator, row!.id, "4601", { state: "planning", since: "2025-06-01", note: "", openToJointProcurement: true }, null);
    const changed = await getCatalogue({ headers: { "If-None-Match": etag } });
    expect(changed.response.status).toBe(200);
    expect((changed.json as Catalogue).solutions.find((s) => s.slug === dialog.slug)!.usedBy).toEqual([
      { municipalityNumber: "4601", name: "Bergen", state: "planning", since: "2025-06-01", openToJointProcurement: true },
    ]);
  });

  it("is sent compressed to a client that accepts brotli or gzip, the same document as the plain one", async () => {
    const run = catalogueRoute.loader as (args: unknown) => Promise<Response>;
    const plain = await getCatalogue();
    for (const [accept, encoding, decode] of [["gzip, deflate, br", "br", brotliDecompressSync], ["gzip", "gzip", gunzipSync]] as const) {
      const response = await run({ request: requestAs(null, "/solutions.json", { headers: { "Accept-Encoding": accept } }), params: {}, context: {} });
      expect(response.headers.get("Content-Encoding")).toBe(encoding);
      expect(response.headers.get("Vary")).toBe("Accept-Encoding");
      expect(response.headers.get("ETag")).toBe(plain.response.headers.get("ETag"));
      expect(decode(Buffer.from(await response.arrayBuffer())).toString()).toBe(plain.body);
    }
  });
});

describe("/solutions/<slug>.json", () => {
  it("answers one accepted entry, valid against the schema's entry, the same as in the whole catalogue", async () => {
    const { response, json } = await getEntry("redusert-foreldrebetaling");
    expect(response.status).toBe(200);
    expectOpenDataHeaders(response);
    expectValid(validEntry, json);
    const inCatalogue = ((await getCatalogue()).json as Catalogue).solutions.find((s) => s.slug === "redusert-foreldrebetaling");
    expect(json).toEqual(inCatalogue);
  });

  it("answers 404 for a proposal, a rejected entry or an unknown slug, to everyone, even the proposer and coordinators", async () => {
    for (const viewer of [null, proposerMember, coordinatorMember]) {
      for (const slug of ["forslag-under-vurdering", "avvist-losningsforslag", "finnes-ikke", "Redusert-Foreldrebetaling", "x".repeat(10_000), "a\u0000b", "../solutions"]) {
        const { response, body } = await getEntry(slug, { viewer });
        expect(response.status, slug.slice(0, 30)).toBe(404);
        expectOpenDataHeaders(response);
        expect(JSON.parse(body)).toEqual({ error: "Not Found" });
      }
    }
  });

  it("has no personal data and builds its addresses from PUBLIC_URL, whatever the Host", async () => {
    const { body } = await getEntry("redusert-foreldrebetaling", { viewer: coordinatorMember, headers: { Host: "evil.example" } });
    for (const member of [proposerMember, contactMember, coordinatorMember]) {
      expect(body).not.toContain(member.name);
      expect(body).not.toContain(member.email);
    }
    expect(body).not.toContain("99 88 77 66");
    expect(body).not.toContain("evil.example");
    expect(body).toContain(`"url":"${ORIGIN}/solutions/redusert-foreldrebetaling"`);
  });
});

describe("the schema", () => {
  it("describes every field, and refuses what the endpoints must never answer", async () => {
    const text = readFileSync(new URL("../../docs/solutions.schema.json", import.meta.url), "utf8");
    // Every property of every object has a description.
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== "object") return;
      const record = node as Record<string, unknown>;
      if (record.properties) {
        for (const [name, property] of Object.entries(record.properties as Record<string, Record<string, unknown>>)) {
          if (typeof property.description !== "string") undescribed.push(`${path}.${name}`);
        }
      }
      for (const [key, value] of Object.entries(record)) walk(value, `${path}.${key}`);
    };
    walk(JSON.parse(text), "$");
    expect(undescribed).toEqual([]);

    const entry = (await getEntry("redusert-foreldrebetaling")).json as OpenSolution;
    expect(validEntry({ ...entry, url: "/solutions/redusert-foreldrebetaling" })).toBe(false);
    expect(validEntry({ ...entry, status: { ...entry.status, current: "proposed" } })).toBe(false);
    expect(validEntry({ ...entry, contact: { name: "Kari", email: "kari@example.no" } })).toBe(false);
    expect(validEntry({ ...entry, usedBy: [{ ...entry.usedBy[0], recordedBy: "Kari" }] })).toBe(false);
  });
});
