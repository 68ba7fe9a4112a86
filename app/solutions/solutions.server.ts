import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import {
  adoptions,
  members,
  municipalities,
  organisations,
  solutionStatusChanges,
  solutionSuppliers,
  solutions,
  solutionThemes,
  themes,
  type Solution,
  type SolutionStatus,
} from "../../db/schema";
import { db, type Transaction } from "~/db.server";
import { audited } from "~/lib/audit.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { osloToday } from "~/lib/oslo-time.server";
import { freeSlug, lockNames } from "~/lib/slugs.server";
import { can, type ViewerSummary } from "~/members/rights";
import { notifyMembers } from "~/notifications/notify.server";
import { kickOutbox } from "~/notifications/outbox.server";

/** What the proposal and edit forms give, already checked (owner, suppliers and themes exist). */
export interface SolutionInput {
  name: string;
  summary: string;
  description: string;
  owner: { municipalityNumber: string } | { organisationId: number };
  supplierIds: number[];
  components: string[];
  archiveSystems: string[];
  websiteUrl: string | null;
  sourceUrl: string | null;
  documentationUrl: string | null;
  licence: string | null;
  openSource: boolean;
  contactMemberId: number | null;
  themeIds: number[];
}

/** The description sits under the page's h1 and the summary: its own `#` headings start at h2. */
export const renderSolutionDescription = (markdown: string) => renderMarkdown(markdown, { topHeading: 2 });

// ——— Rights ———

type SolutionAccess = Pick<Solution, "review" | "proposedBy">;

/** Accepted entries are public; a proposal (or a rejected one) is seen by its proposer and coordinators. */
export function mayReadSolution(viewer: ViewerSummary | null | undefined, solution: SolutionAccess): boolean {
  if (solution.review === "accepted") return true;
  return can(viewer, "coordinate") || (viewer != null && viewer.id === solution.proposedBy);
}

/** Coordinators curate every entry; a proposer may still change their proposal until it is reviewed. */
export function mayEditSolution(viewer: ViewerSummary | null | undefined, solution: SolutionAccess): boolean {
  if (can(viewer, "coordinate")) return true;
  return solution.review === "proposed" && can(viewer, "write") && viewer?.id === solution.proposedBy;
}

/** What lists, feeds, JSON and counts show: accepted entries only, for everyone. */
export const listedSolutions: SQL = eq(solutions.review, "accepted");

// ——— Reading one ———

export async function getSolutionBySlug(slug: string): Promise<Solution | undefined> {
  const [solution] = await db().select().from(solutions).where(eq(solutions.slug, slug));
  return solution;
}

export async function getSolutionById(id: number): Promise<Solution | undefined> {
  const [solution] = await db().select().from(solutions).where(eq(solutions.id, id));
  return solution;
}

/** An entry (other than `exceptId`) whose name is the same, ignoring case: a proposal names it instead of duplicating. */
export async function solutionNamed(name: string, exceptId?: number, tx: Transaction | ReturnType<typeof db> = db()) {
  const [existing] = await tx
    .select({ id: solutions.id, slug: solutions.slug, name: solutions.name, review: solutions.review })
    .from(solutions)
    .where(and(sql`lower(${solutions.name}) = lower(${name})`, ne(solutions.review, "rejected"), exceptId ? ne(solutions.id, exceptId) : undefined));
  return existing;
}

/** Owner, suppliers, themes and contact of one entry: what its page and its JSON show beside the text. */
export async function getSolutionDetails(solution: Solution) {
  const [owner, suppliers, themeRows, contact] = await Promise.all([
    ownerOf(solution),
    db()
      .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
      .from(solutionSuppliers)
      .innerJoin(organisations, eq(organisations.id, solutionSuppliers.organisationId))
      .where(eq(solutionSuppliers.solutionId, solution.id))
      .orderBy(asc(organisations.name)),
    themesOfSolutions([solution.id]),
    solution.contactMemberId
      ? db()
          .select({ id: members.id, name: members.name, email: members.email })
          .from(members)
          .where(eq(members.id, solution.contactMemberId))
          .then((r) => r[0])
      : undefined,
  ]);
  return { owner, suppliers, themes: themeRows, contact };
}

export type SolutionOwner =
  | { type: "municipality"; number: string; name: string }
  | { type: "organisation"; id: number; slug: string; name: string; kind: string };

async function ownerOf(solution: Pick<Solution, "ownerMunicipalityNumber" | "ownerOrganisationId">): Promise<SolutionOwner | undefined> {
  if (solution.ownerMunicipalityNumber) {
    const [m] = await db()
      .select({ number: municipalities.number, name: municipalities.name })
      .from(municipalities)
      .where(eq(municipalities.number, solution.ownerMunicipalityNumber));
    return m && { type: "municipality", ...m };
  }
  if (solution.ownerOrganisationId) {
    const [o] = await db()
      .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, kind: organisations.kind })
      .from(organisations)
      .where(eq(organisations.id, solution.ownerOrganisationId));
    return o && { type: "organisation", ...o };
  }
  return undefined;
}

/** The themes of some entries, in the themes' order, each with the entry it belongs to. */
export async function themesOfSolutions(solutionIds: number[]) {
  if (solutionIds.length === 0) return [];
  return db()
    .select({ solutionId: solutionThemes.solutionId, id: themes.id, slug: themes.slug, nameNb: themes.nameNb, nameEn: themes.nameEn })
    .from(solutionThemes)
    .innerJoin(themes, eq(themes.id, solutionThemes.themeId))
    .where(inArray(solutionThemes.solutionId, solutionIds))
    .orderBy(asc(themes.id));
}

/** The scaling status timeline, oldest first, with who set each and their note. */
export function statusHistory(solutionId: number) {
  return db()
    .select({
      id: solutionStatusChanges.id,
      fromStatus: solutionStatusChanges.fromStatus,
      toStatus: solutionStatusChanges.toStatus,
      note: solutionStatusChanges.note,
      effectiveOn: solutionStatusChanges.effectiveOn,
      changedByName: members.name,
      createdAt: solutionStatusChanges.createdAt,
    })
    .from(solutionStatusChanges)
    .leftJoin(members, eq(members.id, solutionStatusChanges.changedBy))
    .where(eq(solutionStatusChanges.solutionId, solutionId))
    .orderBy(asc(solutionStatusChanges.effectiveOn), asc(solutionStatusChanges.id));
}

/** Proposals waiting for a coordinator, oldest first. */
export function proposedSolutions() {
  return db()
    .select({ id: solutions.id, slug: solutions.slug, name: solutions.name, summary: solutions.summary, createdAt: solutions.createdAt, proposedByName: members.name })
    .from(solutions)
    .leftJoin(members, eq(members.id, solutions.proposedBy))
    .where(eq(solutions.review, "proposed"))
    .orderBy(asc(solutions.createdAt), asc(solutions.id));
}

// ——— Writing ———

function columnsOf(input: SolutionInput) {
  return {
    name: input.name,
    summary: input.summary,
    descriptionMd: input.description,
    descriptionHtml: renderSolutionDescription(input.description),
    ownerMunicipalityNumber: "municipalityNumber" in input.owner ? input.owner.municipalityNumber : null,
    ownerOrganisationId: "organisationId" in input.owner ? input.owner.organisationId : null,
    components: input.components,
    archiveSystems: input.archiveSystems,
    websiteUrl: input.websiteUrl,
    sourceUrl: input.sourceUrl,
    documentationUrl: input.documentationUrl,
    licence: input.licence,
    openSource: input.openSource,
    contactMemberId: input.contactMemberId,
  };
}

async function replaceLinks(tx: Transaction, solutionId: number, input: SolutionInput) {
  await tx.delete(solutionSuppliers).where(eq(solutionSuppliers.solutionId, solutionId));
  await tx.delete(solutionThemes).where(eq(solutionThemes.solutionId, solutionId));
  const supplierIds = [...new Set(input.supplierIds)];
  const themeIds = [...new Set(input.themeIds)];
  if (supplierIds.length > 0) await tx.insert(solutionSuppliers).values(supplierIds.map((organisationId) => ({ solutionId, organisationId })));
  if (themeIds.length > 0) await tx.insert(solutionThemes).values(themeIds.map((themeId) => ({ solutionId, themeId })));
}

/** Paths under /solutions/ that are pages of their own, not entries. */
const RESERVED_SLUGS = new Set(["new", "proposals", "joint-procurement", "by-id"]);

export type DuplicateName = { ok: false; reason: "duplicate"; existing: { slug: string; name: string } };

export type ProposeResult = { ok: true; solution: Solution } | DuplicateName;

/** A member proposes a catalogue entry; a coordinator reviews it. A name already in the catalogue is refused with that entry. */
export async function proposeSolution(proposer: ViewerSummary, input: SolutionInput): Promise<ProposeResult> {
  return db().transaction(async (tx): Promise<ProposeResult> => {
    await lockNames(tx, "solutions.name");
    const existing = await solutionNamed(input.name, undefined, tx);
    if (existing) return { ok: false, reason: "duplicate", existing };
    const [row] = await tx
      .insert(solutions)
      .values({ ...columnsOf(input), slug: await freeSlug(tx, solutions.slug, input.name, { paths: RESERVED_SLUGS, suffix: "solution" }), proposedBy: proposer.id })
      .returning();
    await replaceLinks(tx, row!.id, input);
    return { ok: true, solution: row! };
  });
}

/** Refused because the entry changed since the form was opened: the stored one comes back to compare. */
export type Stale = { ok: false; reason: "stale"; current: Solution };

export type UpdateResult = { ok: true; solution: Solution } | { ok: false; reason: "notFound" | "forbidden" } | Stale | DuplicateName;

/**
 * Saves an edit based on `basedOnVersion`; an edit of an entry that changed meanwhile is refused with the
 * stored one. A coordinator's edit is audited with before and after.
 */
export async function updateSolution(actor: ViewerSummary, id: number, basedOnVersion: number, input: SolutionInput): Promise<UpdateResult> {
  let result: UpdateResult = { ok: false, reason: "notFound" };
  const write = async (tx: Transaction) => {
    await lockNames(tx, "solutions.name");
    const existing = await solutionNamed(input.name, id, tx);
    if (existing) {
      result = { ok: false, reason: "duplicate", existing };
      return null;
    }
    const [current] = await tx.select().from(solutions).where(eq(solutions.id, id)).for("update");
    if (!current) return null;
    if (!mayEditSolution(actor, current)) {
      result = { ok: false, reason: "forbidden" };
      return null;
    }
    if (current.version !== basedOnVersion) {
      result = { ok: false, reason: "stale", current };
      return null;
    }
    const [updated] = await tx
      .update(solutions)
      .set({ ...columnsOf(input), version: current.version + 1, updatedAt: sql`now()` })
      .where(eq(solutions.id, id))
      .returning();
    await replaceLinks(tx, id, input);
    result = { ok: true, solution: updated! };
    return { before: auditView(current), after: auditView(updated!) };
  };
  if (can(actor, "coordinate")) await audited(actor.id, "solution.edit", { type: "solution", id }, write);
  else await db().transaction(write);
  return result;
}

/** What the audit log keeps of an entry: its fields, not the rendered HTML. */
function auditView(solution: Solution) {
  const { descriptionHtml: _, ...rest } = solution;
  return rest;
}

export type ReviewDecision =
  | { decision: "accept"; status: SolutionStatus; note: string; effectiveOn?: string }
  | { decision: "reject"; reason: string };

export type ReviewResult = { ok: true; solution: Solution } | { ok: false; reason: "notFound" | "alreadyReviewed" };

/**
 * A coordinator accepts a proposal with its first scaling status (the timeline's first entry), or rejects it
 * with a reason. The proposer is told either way; the decision is audited.
 */
export async function reviewSolution(coordinator: ViewerSummary, id: number, review: ReviewDecision): Promise<ReviewResult> {
  let result: ReviewResult = { ok: false, reason: "notFound" };
  await audited(coordinator.id, `solution.${review.decision}`, { type: "solution", id }, async (tx) => {
    const [current] = await tx.select().from(solutions).where(eq(solutions.id, id)).for("update");
    if (!current) return null;
    if (current.review !== "proposed") {
      result = { ok: false, reason: "alreadyReviewed" };
      return null;
    }
    const accepted = review.decision === "accept";
    const [updated] = await tx
      .update(solutions)
      .set({
        review: accepted ? "accepted" : "rejected",
        reviewNote: accepted ? null : review.reason,
        reviewedBy: coordinator.id,
        reviewedAt: sql`now()`,
        ...(accepted ? { status: review.status, statusChangedAt: sql`now()` } : {}),
        version: current.version + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(solutions.id, id))
      .returning();
    if (accepted) {
      await tx.insert(solutionStatusChanges).values({
        solutionId: id,
        fromStatus: null,
        toStatus: review.status,
        note: review.note,
        effectiveOn: review.effectiveOn ?? osloToday(),
        changedBy: coordinator.id,
      });
    }
    if (current.proposedBy != null && current.proposedBy !== coordinator.id) {
      await notifyMembers(tx, [current.proposedBy], {
        kind: "solution_reviewed",
        params: { name: current.name, review: updated!.review },
        url: `/solutions/${current.slug}`,
      });
    }
    result = { ok: true, solution: updated! };
    return {
      before: { review: current.review },
      after: accepted ? { review: "accepted", status: review.status, note: review.note } : { review: "rejected", reason: review.reason },
    };
  });
  if (result.ok) kickOutbox();
  return result;
}

export interface StatusChange {
  /** The status the coordinator saw: if another changed it meanwhile, this change is refused. */
  fromStatus: SolutionStatus;
  toStatus: SolutionStatus;
  note: string;
  /** YYYY-MM-DD (Oslo); today when not given. */
  effectiveOn?: string;
}

export type StatusChangeResult =
  | { ok: true; solution: Solution }
  | { ok: false; reason: "notFound" | "notAccepted" | "unchanged" }
  | { ok: false; reason: "stale"; current: Solution; changedByName: string | null };

/**
 * A coordinator sets the scaling status with a dated note. Two coordinators changing it at once from the
 * same status: the first wins, the second is told who changed it to what, and both entries of the
 * timeline that happened are kept. Members whose municipality recorded an adoption (by the recorder),
 * the proposer and the contact are told.
 */
export async function setSolutionStatus(coordinator: ViewerSummary, id: number, change: StatusChange): Promise<StatusChangeResult> {
  let result: StatusChangeResult = { ok: false, reason: "notFound" };
  await audited(coordinator.id, "solution.status", { type: "solution", id }, async (tx) => {
    const [current] = await tx.select().from(solutions).where(eq(solutions.id, id)).for("update");
    if (!current) return null;
    if (current.review !== "accepted") {
      result = { ok: false, reason: "notAccepted" };
      return null;
    }
    if (current.status !== change.fromStatus) {
      const [last] = await tx
        .select({ name: members.name })
        .from(solutionStatusChanges)
        .leftJoin(members, eq(members.id, solutionStatusChanges.changedBy))
        .where(eq(solutionStatusChanges.solutionId, id))
        .orderBy(sql`${solutionStatusChanges.id} desc`)
        .limit(1);
      result = { ok: false, reason: "stale", current, changedByName: last?.name ?? null };
      return null;
    }
    if (change.toStatus === current.status) {
      result = { ok: false, reason: "unchanged" };
      return null;
    }
    const [updated] = await tx
      .update(solutions)
      .set({ status: change.toStatus, statusChangedAt: sql`now()`, version: current.version + 1, updatedAt: sql`now()` })
      .where(eq(solutions.id, id))
      .returning();
    await tx.insert(solutionStatusChanges).values({
      solutionId: id,
      fromStatus: current.status,
      toStatus: change.toStatus,
      note: change.note,
      effectiveOn: change.effectiveOn ?? osloToday(),
      changedBy: coordinator.id,
    });
    const recorders = await tx
      .selectDistinct({ id: adoptions.recordedBy })
      .from(adoptions)
      .where(and(eq(adoptions.solutionId, id), ne(adoptions.state, "discontinued")));
    const told = new Set([current.proposedBy, current.contactMemberId, ...recorders.map((r) => r.id)]);
    told.delete(coordinator.id);
    await notifyMembers(
      tx,
      [...told].filter((m): m is number => m != null),
      { kind: "solution_status_changed", params: { name: current.name, solutionStatus: change.toStatus }, url: `/solutions/${current.slug}` },
    );
    result = { ok: true, solution: updated! };
    return { before: { status: current.status }, after: { status: change.toStatus, note: change.note, effectiveOn: change.effectiveOn ?? null } };
  });
  if (result.ok) kickOutbox();
  return result;
}
