import { createHash } from "node:crypto";
import { and, asc, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import {
  adoptions,
  municipalities,
  organisations,
  solutionStatusChanges,
  solutionSuppliers,
  solutions,
  solutionThemes,
  themes,
  type AdoptionState,
  type OrganisationKind,
  type SolutionStatus,
} from "../../db/schema";
import { listedSolutions } from "./solutions.server";
import { db } from "~/db.server";
import { chooseEncoding, ENCODERS, type Encoding as ContentEncoding } from "~/lib/content-encoding.server";
import { freshDataVersions } from "~/lib/data-versions.server";
import { publicUrl } from "~/lib/settings.server";

// The open data of the catalogue, in the spirit of publiccode.yml; docs/solutions.schema.json describes every
// field and docs/open-data.md the endpoints. Accepted entries only, and no people: no proposer, contact or
// recorder, no adoption notes (members write those), only municipalities and organisations.

export interface OpenSolution {
  name: string;
  slug: string;
  url: string;
  dataUrl: string;
  description: { summary: string; markdown: string };
  status: { current: SolutionStatus; changedAt: string; history: { date: string; status: SolutionStatus; note: string }[] };
  usedBy: { municipalityNumber: string; name: string; state: AdoptionState; since: string; openToJointProcurement: boolean }[];
  owner: { type: "municipality"; name: string; municipalityNumber: string } | { type: "organisation"; name: string; organisationSlug: string; kind: OrganisationKind };
  suppliers: { name: string; slug: string }[];
  dependsOn: string[];
  archiveSystems: string[];
  links: { website: string | null; sourceCode: string | null; documentation: string | null };
  licence: string | null;
  openSource: boolean;
  themes: { slug: string; name: { nb: string; en: string } }[];
  dates: { created: string; accepted: string; updated: string };
}

/** Rows of a table that belong to the entries `where` picks, grouped by entry id. */
function groupBy<T extends { solutionId: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.solutionId);
    if (group) group.push(row);
    else groups.set(row.solutionId, [row]);
  }
  return groups;
}

/** The entries `where` picks (always within the accepted ones), each read in full with five queries in all. */
async function openSolutionsWhere(where: SQL | undefined): Promise<OpenSolution[]> {
  const picked = and(listedSolutions, where)!;
  // Each related table joined to the picked entries, so the set is chosen once, in the database.
  const ofPicked = (solutionId: AnyColumn) => and(eq(solutions.id, solutionId), picked);
  const [rows, history, adopters, suppliers, themeRows] = await Promise.all([
    db()
      .select({
        solution: solutions,
        municipalityName: municipalities.name,
        organisationName: organisations.name,
        organisationSlug: organisations.slug,
        organisationKind: organisations.kind,
      })
      .from(solutions)
      .leftJoin(municipalities, eq(municipalities.number, solutions.ownerMunicipalityNumber))
      .leftJoin(organisations, eq(organisations.id, solutions.ownerOrganisationId))
      .where(picked)
      .orderBy(asc(sql`lower(${solutions.name})`), asc(solutions.id)),
    db()
      .select({
        solutionId: solutionStatusChanges.solutionId,
        date: solutionStatusChanges.effectiveOn,
        status: solutionStatusChanges.toStatus,
        note: solutionStatusChanges.note,
      })
      .from(solutionStatusChanges)
      .innerJoin(solutions, ofPicked(solutionStatusChanges.solutionId))
      .orderBy(asc(solutionStatusChanges.solutionId), asc(solutionStatusChanges.effectiveOn), asc(solutionStatusChanges.id)),
    db()
      .select({
        solutionId: adoptions.solutionId,
        municipalityNumber: adoptions.municipalityNumber,
        name: municipalities.name,
        state: adoptions.state,
        since: adoptions.since,
        openToJointProcurement: adoptions.openToJointProcurement,
      })
      .from(adoptions)
      .innerJoin(solutions, ofPicked(adoptions.solutionId))
      .innerJoin(municipalities, eq(municipalities.number, adoptions.municipalityNumber))
      .orderBy(asc(adoptions.solutionId), asc(adoptions.municipalityNumber)),
    db()
      .select({ solutionId: solutionSuppliers.solutionId, name: organisations.name, slug: organisations.slug })
      .from(solutionSuppliers)
      .innerJoin(solutions, ofPicked(solutionSuppliers.solutionId))
      .innerJoin(organisations, eq(organisations.id, solutionSuppliers.organisationId))
      .orderBy(asc(solutionSuppliers.solutionId), asc(sql`lower(${organisations.name})`)),
    db()
      .select({ solutionId: solutionThemes.solutionId, slug: themes.slug, nameNb: themes.nameNb, nameEn: themes.nameEn })
      .from(solutionThemes)
      .innerJoin(solutions, ofPicked(solutionThemes.solutionId))
      .innerJoin(themes, eq(themes.id, solutionThemes.themeId))
      .orderBy(asc(solutionThemes.solutionId), asc(themes.id)),
  ]);
  const [historyOf, adoptersOf, suppliersOf, themesOf] = [groupBy(history), groupBy(adopters), groupBy(suppliers), groupBy(themeRows)];
  const origin = publicUrl();
  return rows.map(({ solution: s, ...owner }): OpenSolution => ({
    name: s.name,
    slug: s.slug,
    url: `${origin}/solutions/${s.slug}`,
    dataUrl: `${origin}/solutions/${s.slug}.json`,
    description: { summary: s.summary, markdown: s.descriptionMd },
    status: {
      current: s.status,
      changedAt: s.statusChangedAt.toISOString(),
      history: (historyOf.get(s.id) ?? []).map(({ date, status, note }) => ({ date, status, note })),
    },
    usedBy: (adoptersOf.get(s.id) ?? []).map(({ solutionId: _, ...adopter }) => adopter),
    owner: s.ownerMunicipalityNumber
      ? { type: "municipality", name: owner.municipalityName ?? "", municipalityNumber: s.ownerMunicipalityNumber }
      : { type: "organisation", name: owner.organisationName ?? "", organisationSlug: owner.organisationSlug ?? "", kind: owner.organisationKind ?? "supplier" },
    suppliers: (suppliersOf.get(s.id) ?? []).map(({ name, slug }) => ({ name, slug })),
    dependsOn: s.components,
    archiveSystems: s.archiveSystems,
    links: { website: s.websiteUrl, sourceCode: s.sourceUrl, documentation: s.documentationUrl },
    licence: s.licence,
    openSource: s.openSource,
    themes: (themesOf.get(s.id) ?? []).map((theme) => ({ slug: theme.slug, name: { nb: theme.nameNb, en: theme.nameEn } })),
    dates: {
      created: s.createdAt.toISOString(),
      // Accepted entries always have it; the creation time stands in should an old row lack it.
      accepted: (s.reviewedAt ?? s.createdAt).toISOString(),
      updated: s.updatedAt.toISOString(),
    },
  }));
}

/** The whole catalogue: every accepted entry, by name. */
export async function openCatalogue() {
  const entries = await openSolutionsWhere(undefined);
  return { catalogue: `${publicUrl()}/solutions`, count: entries.length, solutions: entries };
}

/** One accepted entry by its slug; a proposal, a rejected entry or an unknown slug is undefined. */
export async function openSolution(slug: string | undefined): Promise<OpenSolution | undefined> {
  // Slugs are made of a-z, 0-9 and "-": anything else (a NUL byte, 10,000 characters) names nothing.
  if (!slug || !/^[a-z0-9-]{1,100}$/.test(slug)) return undefined;
  const [entry] = await openSolutionsWhere(eq(solutions.slug, slug));
  return entry;
}

const HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  // Open data: any site may read it from a browser.
  "Access-Control-Allow-Origin": "*",
};

/**
 * The JSON as a response. Revalidated on every use (adoptions change often and the data must not be
 * stale), and the ETag lets a client that polls get a 304 when nothing changed.
 */
export function openDataResponse(request: Request, value: unknown): Response {
  const body = JSON.stringify(value);
  const etag = etagOf(body);
  const headers = { ...HEADERS, "Cache-Control": "no-cache", ETag: etag };
  if (namesEtag(request, etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}

const etagOf = (body: string | Buffer) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

function namesEtag(request: Request, etag: string): boolean {
  const asked = request.headers.get("If-None-Match");
  return !!asked && asked.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

type Encoding = Exclude<ContentEncoding, "identity">;
interface BuiltCatalogue {
  body: Buffer;
  etag: string;
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

let catalogueBuild: { database: unknown; version: number; built: Promise<BuiltCatalogue> } | undefined;

/**
 * /solutions.json at the reference size is 6.5 MB: too big for the visitor cache, and building,
 * hashing and compressing it cost some 150 ms of CPU and a copy per request. It is built once per
 * committed content version (a request that read the version shares the build started after that
 * read, so it is never older than the request), and compressed once per encoding.
 */
export async function openCatalogueResponse(request: Request): Promise<Response> {
  const { content } = await freshDataVersions();
  // Tests open one database after another: a version is a version of one database.
  if (!catalogueBuild || catalogueBuild.database !== db() || catalogueBuild.version < content) {
    const built = openCatalogue().then((value): BuiltCatalogue => {
      const body = Buffer.from(JSON.stringify(value));
      return { body, etag: etagOf(body), encoded: {} };
    });
    const build = { database: db(), version: content, built };
    catalogueBuild = build;
    built.catch(() => {
      if (catalogueBuild === build) catalogueBuild = undefined;
    });
  }
  const built = await catalogueBuild.built;
  const headers: Record<string, string> = { ...HEADERS, "Cache-Control": "no-cache", ETag: built.etag, Vary: "Accept-Encoding" };
  if (namesEtag(request, built.etag)) return new Response(null, { status: 304, headers });
  const encoding = chooseEncoding(request.headers.get("Accept-Encoding") ?? undefined);
  if (encoding === "identity") return new Response(bytes(built.body), { headers });
  // The server's compression middleware leaves a response that already names its encoding alone.
  const encoded = await (built.encoded[encoding] ??= ENCODERS[encoding](built.body));
  return new Response(bytes(encoded), { headers: { ...headers, "Content-Encoding": encoding } });
}

function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
}

export function openDataNotFound(): Response {
  return new Response(JSON.stringify({ error: "Not Found" }), { status: 404, headers: { ...HEADERS, "Cache-Control": "no-cache" } });
}
