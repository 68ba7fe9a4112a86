import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import {
  members,
  municipalities,
  organisationMunicipalities,
  organisations,
  solutions,
  solutionSuppliers,
  type Organisation,
} from "../../db/schema";
import { ORGANISATION_KINDS, type OrganisationKind } from "../../db/schema/solution-values";
import { db, type Database, type Transaction } from "~/db.server";
import { audited } from "~/lib/audit.server";
import { freeSlug, lockNames } from "~/lib/slugs.server";
import type { ViewerSummary } from "~/members/rights";

/** What the create and edit forms give, already checked (the municipalities exist). */
export interface OrganisationInput {
  name: string;
  kind: OrganisationKind;
  description: string;
  website: string | null;
  /** A regional cooperation's member municipalities; empty for the other kinds. */
  municipalityNumbers: string[];
}

// ——— Reading ———

/** The register, one group per kind in ORGANISATION_KINDS' order (empty kinds left out), names in Norwegian order. */
export async function listOrganisations(kind?: OrganisationKind) {
  const rows = await db()
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      municipalityCount: sql<number>`(select count(*)::int from ${organisationMunicipalities} where ${organisationMunicipalities.organisationId} = ${organisations.id})`,
    })
    .from(organisations)
    .where(kind ? eq(organisations.kind, kind) : undefined)
    .orderBy(asc(organisations.kind), asc(organisations.name));
  const collator = new Intl.Collator("nb");
  return ORGANISATION_KINDS.map((k) => ({
    kind: k,
    organisations: rows.filter((row) => row.kind === k).sort((a, b) => collator.compare(a.name, b.name)),
  })).filter((group) => group.organisations.length > 0);
}

/** What slugify makes: anything else (a NUL byte, 10,000 characters) names no organisation, without asking the database. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function getOrganisationBySlug(slug: string): Promise<Organisation | undefined> {
  if (slug.length > 200 || !SLUG.test(slug)) return undefined;
  const [organisation] = await db().select().from(organisations).where(eq(organisations.slug, slug));
  return organisation;
}

export async function getOrganisationById(id: number): Promise<Organisation | undefined> {
  const [organisation] = await db().select().from(organisations).where(eq(organisations.id, id));
  return organisation;
}

/** An organisation (other than `exceptId`) with the same name, letter case aside. */
async function organisationNamed(name: string, exceptId?: number, tx: Database | Transaction = db()) {
  const [existing] = await tx
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(and(sql`lower(${organisations.name}) = lower(${name})`, exceptId ? ne(organisations.id, exceptId) : undefined));
  return existing;
}

/** A regional cooperation's member municipalities, by name. */
export async function memberMunicipalitiesOf(organisationId: number) {
  const rows = await db()
    .select({ number: municipalities.number, name: municipalities.name, countyName: municipalities.countyName })
    .from(organisationMunicipalities)
    .innerJoin(municipalities, eq(municipalities.number, organisationMunicipalities.municipalityNumber))
    .where(eq(organisationMunicipalities.organisationId, organisationId));
  const collator = new Intl.Collator("nb");
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

const approvedIn = (organisationId: number) => and(eq(members.organisationId, organisationId), eq(members.status, "approved"));

/** How many approved members belong to the organisation: what visitors and pending members are told. */
export async function countPeopleOf(organisationId: number): Promise<number> {
  const [row] = await db().select({ n: count() }).from(members).where(approvedIn(organisationId));
  return row?.n ?? 0;
}

/** A page of the organisation's approved members, by name: for members' eyes only. */
export function listPeopleOf(organisationId: number, page: { limit: number; offset: number }) {
  return db()
    .select({ id: members.id, name: members.name, jobTitle: members.jobTitle })
    .from(members)
    .where(approvedIn(organisationId))
    .orderBy(asc(members.name), asc(members.id))
    .limit(page.limit)
    .offset(page.offset);
}

const solutionColumns = {
  id: solutions.id,
  slug: solutions.slug,
  name: solutions.name,
  summary: solutions.summary,
  status: solutions.status,
  inUseCount: solutions.inUseCount,
};

/**
 * The accepted catalogue entries the organisation owns and those it supplies, the most used first, at
 * most `limit` of each, with how many there are in all.
 */
export async function solutionsOfOrganisation(organisationId: number, limit = 50) {
  const owned = and(eq(solutions.ownerOrganisationId, organisationId), eq(solutions.review, "accepted"));
  const supplied = and(
    eq(solutions.review, "accepted"),
    inArray(solutions.id, db().select({ id: solutionSuppliers.solutionId }).from(solutionSuppliers).where(eq(solutionSuppliers.organisationId, organisationId))),
  );
  const [ownedRows, ownedCount, suppliedRows, suppliedCount] = await Promise.all([
    db().select(solutionColumns).from(solutions).where(owned).orderBy(desc(solutions.inUseCount), asc(solutions.name)).limit(limit),
    db().select({ n: count() }).from(solutions).where(owned),
    db().select(solutionColumns).from(solutions).where(supplied).orderBy(desc(solutions.inUseCount), asc(solutions.name)).limit(limit),
    db().select({ n: count() }).from(solutions).where(supplied),
  ]);
  return {
    owned: { shown: ownedRows, total: ownedCount[0]?.n ?? 0 },
    supplied: { shown: suppliedRows, total: suppliedCount[0]?.n ?? 0 },
  };
}

/** Every organisation as [id, name], grouped by kind: the sign-up form's choices. */
export async function organisationChoices() {
  return (await listOrganisations()).map((group) => ({
    kind: group.kind,
    organisations: group.organisations.map((o): [number, string] => [o.id, o.name]),
  }));
}

// ——— Writing ———

/** Paths under /organisations/ that are pages of their own, not organisations. */
const RESERVED_SLUGS = new Set(["new"]);

const columnsOf = (input: OrganisationInput) => ({
  name: input.name,
  kind: input.kind,
  description: input.description,
  website: input.website,
});

/** Only a regional cooperation is made of municipalities. */
const municipalitiesOf = (input: OrganisationInput) => (input.kind === "regional_cooperation" ? [...new Set(input.municipalityNumbers)].sort() : []);

async function replaceMunicipalities(tx: Transaction, organisationId: number, numbers: string[]) {
  await tx.delete(organisationMunicipalities).where(eq(organisationMunicipalities.organisationId, organisationId));
  if (numbers.length > 0) await tx.insert(organisationMunicipalities).values(numbers.map((municipalityNumber) => ({ organisationId, municipalityNumber })));
}

async function storedMunicipalities(tx: Transaction, organisationId: number) {
  const rows = await tx
    .select({ number: organisationMunicipalities.municipalityNumber })
    .from(organisationMunicipalities)
    .where(eq(organisationMunicipalities.organisationId, organisationId))
    .orderBy(asc(organisationMunicipalities.municipalityNumber));
  return rows.map((r) => r.number);
}

/** What the audit log keeps of an organisation. */
const auditView = (organisation: Organisation, municipalityNumbers: string[]) => ({
  slug: organisation.slug,
  name: organisation.name,
  kind: organisation.kind,
  description: organisation.description,
  website: organisation.website,
  municipalityNumbers,
  version: organisation.version,
});

export type DuplicateName = { ok: false; reason: "duplicate"; existing: { slug: string; name: string } };

export type CreateResult = { ok: true; organisation: Organisation } | DuplicateName;

/** A coordinator adds an organisation to the register; a name already in it is refused with that one. Audited. */
export async function createOrganisation(coordinator: ViewerSummary, input: OrganisationInput): Promise<CreateResult> {
  let result: CreateResult | undefined;
  await audited(coordinator.id, "organisation.create", { type: "organisation", id: "new" }, async (tx) => {
    await lockNames(tx, "organisations.name");
    const existing = await organisationNamed(input.name, undefined, tx);
    if (existing) {
      result = { ok: false, reason: "duplicate", existing: { slug: existing.slug, name: existing.name } };
      return null;
    }
    const [row] = await tx
      .insert(organisations)
      .values({ ...columnsOf(input), slug: await freeSlug(tx, organisations.slug, input.name, { paths: RESERVED_SLUGS, suffix: "organisation" }) })
      .returning();
    const numbers = municipalitiesOf(input);
    await replaceMunicipalities(tx, row!.id, numbers);
    result = { ok: true, organisation: row! };
    return { subjectId: row!.id, before: null, after: auditView(row!, numbers) };
  });
  return result!;
}

/** Refused because the organisation changed since the form was opened: the stored one comes back to compare. */
export type Stale = { ok: false; reason: "stale"; current: Organisation };

export type UpdateResult = { ok: true; organisation: Organisation } | { ok: false; reason: "notFound" } | Stale | DuplicateName;

/**
 * A coordinator's edit based on `basedOnVersion`; an edit of an organisation that changed meanwhile is
 * refused with the stored one. The slug stays, so links to the page keep working. Audited with before and after.
 */
export async function updateOrganisation(coordinator: ViewerSummary, id: number, basedOnVersion: number, input: OrganisationInput): Promise<UpdateResult> {
  let result: UpdateResult = { ok: false, reason: "notFound" };
  await audited(coordinator.id, "organisation.edit", { type: "organisation", id }, async (tx) => {
    await lockNames(tx, "organisations.name");
    const [current] = await tx.select().from(organisations).where(eq(organisations.id, id)).for("update");
    if (!current) return null;
    if (current.version !== basedOnVersion) {
      result = { ok: false, reason: "stale", current };
      return null;
    }
    const existing = await organisationNamed(input.name, id, tx);
    if (existing) {
      result = { ok: false, reason: "duplicate", existing: { slug: existing.slug, name: existing.name } };
      return null;
    }
    const [updated] = await tx
      .update(organisations)
      .set({ ...columnsOf(input), version: current.version + 1, updatedAt: sql`now()` })
      .where(eq(organisations.id, id))
      .returning();
    const before = await storedMunicipalities(tx, id);
    const numbers = municipalitiesOf(input);
    await replaceMunicipalities(tx, id, numbers);
    result = { ok: true, organisation: updated! };
    return { before: auditView(current, before), after: auditView(updated!, numbers) };
  });
  return result;
}
