import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import {
  agendaItems,
  experienceCoAuthors,
  experienceMunicipalities,
  experienceProcurementPartners,
  experienceProcurements,
  experienceRevisions,
  experienceSolutions,
  experiences,
  experienceThemes,
  follows,
  forumSessions,
  members,
  municipalities,
  themes,
  topics,
  type ContractValueBand,
  type Experience,
  type ExperienceVisibility,
  type ProcurementProcedure,
} from "../../db/schema";
import { addComment } from "~/comments/comments.server";
import { db, type Transaction } from "~/db.server";
import { audited } from "~/lib/audit.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { can, type ViewerSummary } from "~/members/rights";
import { notifyMembers } from "~/notifications/notify.server";
import { kickOutbox } from "~/notifications/outbox.server";

export interface ProcurementFacts {
  procedure: ProcurementProcedure;
  year: number | null;
  suppliers: string[];
  valueBand: ContractValueBand | null;
  /** Municipality numbers, already checked against the register. */
  partners: string[];
  lessons: string;
}

export interface ExperienceInput {
  title: string;
  summary: string;
  body: string;
  themeIds: number[];
  visibility: ExperienceVisibility;
  /** Co-authoring municipalities' numbers (the author's own is added as the lead), checked against the register. */
  municipalities: string[];
  forumSessionId: number | null;
  agendaItemId: number | null;
  topicId: number | null;
  procurement: ProcurementFacts | null;
  /** Catalogue solutions it tells of (accepted ones, checked): left as they are when not given. */
  solutionIds?: number[];
  /** What the editor says they changed: kept with the revision. */
  note?: string;
}

/** The body sits under the page's h1 and the summary: its own `#` headings start at h2. */
export const renderExperienceBody = (markdown: string) => renderMarkdown(markdown, { topHeading: 2 });

// ——— Rights ———

type ExperienceAccess = Pick<Experience, "authorId" | "status" | "visibility">;

/** Its author, a co-author, or a coordinator: who may edit a write-up (and read it while it is a draft). */
export function mayEditExperience(viewer: ViewerSummary | null | undefined, experience: ExperienceAccess, coAuthorIds: readonly number[]): boolean {
  return can(viewer, "edit", { ownerId: experience.authorId, coAuthorIds });
}

/** A published write-up by its visibility; a draft only by those who may edit it. */
export function mayReadExperience(viewer: ViewerSummary | null | undefined, experience: ExperienceAccess, coAuthorIds: readonly number[]): boolean {
  if (experience.status === "draft") return mayEditExperience(viewer, experience, coAuthorIds);
  return can(viewer, "read", { visibility: experience.visibility });
}

/** The author invites and removes co-authors; coordinators may too. */
export function mayManageCoAuthors(viewer: ViewerSummary | null | undefined, experience: Pick<Experience, "authorId">): boolean {
  return can(viewer, "coordinate") || (can(viewer, "write") && viewer?.id === experience.authorId);
}

/**
 * What of the published write-ups a viewer may see in lists, feeds and counts: public ones for everyone,
 * members-only ones too for approved members. Drafts are never listed.
 */
export function visibleTo(viewer: ViewerSummary | null | undefined): SQL {
  const published = eq(experiences.status, "published");
  return can(viewer, "readMembersOnly") ? published : and(published, eq(experiences.visibility, "public"))!;
}

// ——— Reading one ———

/** A write-up with its author and lead municipality, and the co-authors' ids (for the rights above). */
export async function getExperience(id: number) {
  const [[row], coAuthors] = await Promise.all([
    db()
      .select({
        experience: experiences,
        authorName: members.name,
        municipalityNumber: municipalities.number,
        municipalityName: municipalities.name,
      })
      .from(experiences)
      .leftJoin(members, eq(members.id, experiences.authorId))
      .leftJoin(experienceMunicipalities, and(eq(experienceMunicipalities.experienceId, experiences.id), eq(experienceMunicipalities.lead, true)))
      .leftJoin(municipalities, eq(municipalities.number, experienceMunicipalities.municipalityNumber))
      .where(eq(experiences.id, id)),
    coAuthorsOf(id),
  ]);
  if (!row) return undefined;
  return { ...row, coAuthors, coAuthorIds: coAuthors.map((c) => c.id) };
}

export function coAuthorsOf(experienceId: number) {
  return db()
    .select({ id: members.id, name: members.name, municipalityName: municipalities.name })
    .from(experienceCoAuthors)
    .innerJoin(members, eq(members.id, experienceCoAuthors.memberId))
    .leftJoin(municipalities, eq(municipalities.number, members.municipalityNumber))
    .where(eq(experienceCoAuthors.experienceId, experienceId))
    .orderBy(asc(experienceCoAuthors.createdAt), asc(members.id));
}

/** Everything a write-up's page shows beside the text: themes, municipalities, fact box, where it came from. */
export async function getExperienceDetails(experience: Experience) {
  const [themeRows, municipalityRows, procurement, origin] = await Promise.all([
    themesOf([experience.id]),
    municipalitiesOf(experience.id),
    procurementOf(experience.id),
    originOf(experience),
  ]);
  return { themes: themeRows, municipalities: municipalityRows, procurement, ...origin };
}

/** The themes of some write-ups, in the themes' order, each with the write-up it belongs to. */
export async function themesOf(experienceIds: number[]) {
  if (experienceIds.length === 0) return [];
  return db()
    .select({ experienceId: experienceThemes.experienceId, id: themes.id, slug: themes.slug, nameNb: themes.nameNb, nameEn: themes.nameEn })
    .from(experienceThemes)
    .innerJoin(themes, eq(themes.id, experienceThemes.themeId))
    .where(inArray(experienceThemes.experienceId, experienceIds))
    .orderBy(asc(themes.id));
}

/** The municipalities a write-up is by: the lead first, then the co-authoring ones by name. */
export function municipalitiesOf(experienceId: number) {
  return db()
    .select({ number: municipalities.number, name: municipalities.name, lead: experienceMunicipalities.lead })
    .from(experienceMunicipalities)
    .innerJoin(municipalities, eq(municipalities.number, experienceMunicipalities.municipalityNumber))
    .where(eq(experienceMunicipalities.experienceId, experienceId))
    .orderBy(desc(experienceMunicipalities.lead), asc(municipalities.name));
}

export async function procurementOf(experienceId: number) {
  const [facts] = await db().select().from(experienceProcurements).where(eq(experienceProcurements.experienceId, experienceId));
  if (!facts) return undefined;
  const partners = await db()
    .select({ number: municipalities.number, name: municipalities.name })
    .from(experienceProcurementPartners)
    .innerJoin(municipalities, eq(municipalities.number, experienceProcurementPartners.municipalityNumber))
    .where(eq(experienceProcurementPartners.experienceId, experienceId))
    .orderBy(asc(municipalities.name));
  return { ...facts, partners };
}

async function originOf(experience: Pick<Experience, "forumSessionId" | "agendaItemId" | "topicId">) {
  const [forumSession, agendaItem, topic] = await Promise.all([
    experience.forumSessionId
      ? db()
          .select({ id: forumSessions.id, title: forumSessions.title, startsAt: forumSessions.startsAt, status: forumSessions.status })
          .from(forumSessions)
          .where(eq(forumSessions.id, experience.forumSessionId))
          .then((r) => r[0])
      : undefined,
    experience.agendaItemId
      ? db()
          .select({ id: agendaItems.id, title: agendaItems.title, forumSessionId: agendaItems.forumSessionId })
          .from(agendaItems)
          .where(eq(agendaItems.id, experience.agendaItemId))
          .then((r) => r[0])
      : undefined,
    experience.topicId
      ? db().select({ id: topics.id, title: topics.title }).from(topics).where(eq(topics.id, experience.topicId)).then((r) => r[0])
      : undefined,
  ]);
  return { forumSession, agendaItem, topic };
}

// ——— Lists ———

export const EXPERIENCE_SORTS = ["newest", "updated", "discussed"] as const;
export type ExperienceSort = (typeof EXPERIENCE_SORTS)[number];
export const EXPERIENCES_PER_PAGE = 20;

export interface ExperienceFilters {
  themeSlug?: string;
  municipalityNumber?: string;
  countyNumber?: string;
  procedure?: ProcurementProcedure;
  sort: ExperienceSort;
}

const ORDER: Record<ExperienceSort, SQL[]> = {
  newest: [desc(experiences.publishedAt), desc(experiences.id)],
  updated: [desc(experiences.updatedAt), desc(experiences.id)],
  discussed: [desc(experiences.commentCount), desc(experiences.id)],
};

function whereOf(filters: ExperienceFilters, viewer: ViewerSummary | null): SQL {
  const conditions: SQL[] = [visibleTo(viewer)];
  if (filters.themeSlug) {
    conditions.push(
      sql`exists (select 1 from ${experienceThemes} join ${themes} on ${themes.id} = ${experienceThemes.themeId}
        where ${experienceThemes.experienceId} = ${experiences.id} and ${themes.slug} = ${filters.themeSlug})`,
    );
  }
  if (filters.municipalityNumber) {
    conditions.push(
      sql`exists (select 1 from ${experienceMunicipalities} where ${experienceMunicipalities.experienceId} = ${experiences.id}
        and ${experienceMunicipalities.municipalityNumber} = ${filters.municipalityNumber})`,
    );
  }
  if (filters.countyNumber) {
    conditions.push(
      sql`exists (select 1 from ${experienceMunicipalities} join ${municipalities} on ${municipalities.number} = ${experienceMunicipalities.municipalityNumber}
        where ${experienceMunicipalities.experienceId} = ${experiences.id} and ${municipalities.countyNumber} = ${filters.countyNumber})`,
    );
  }
  if (filters.procedure) {
    conditions.push(
      sql`exists (select 1 from ${experienceProcurements} where ${experienceProcurements.experienceId} = ${experiences.id}
        and ${experienceProcurements.procedure} = ${filters.procedure})`,
    );
  }
  return and(...conditions)!;
}

/** The columns a list row shows. */
function listColumns() {
  return {
    id: experiences.id,
    title: experiences.title,
    summary: experiences.summary,
    visibility: experiences.visibility,
    publishedAt: experiences.publishedAt,
    updatedAt: experiences.updatedAt,
    commentCount: experiences.commentCount,
    municipalityName: municipalities.name,
    procedure: experienceProcurements.procedure,
  };
}

function listQuery() {
  return db()
    .select(listColumns())
    .from(experiences)
    .leftJoin(experienceMunicipalities, and(eq(experienceMunicipalities.experienceId, experiences.id), eq(experienceMunicipalities.lead, true)))
    .leftJoin(municipalities, eq(municipalities.number, experienceMunicipalities.municipalityNumber))
    .leftJoin(experienceProcurements, eq(experienceProcurements.experienceId, experiences.id));
}

async function withThemes<T extends { id: number }>(rows: T[]) {
  const themeRows = await themesOf(rows.map((r) => r.id));
  return rows.map((row) => ({ ...row, themes: themeRows.filter((t) => t.experienceId === row.id) }));
}

/** One page of the write-ups the viewer may see, in a stable order (ties broken by id), with the total. */
export async function listExperiences(filters: ExperienceFilters, page: number, viewer: ViewerSummary | null) {
  const where = whereOf(filters, viewer);
  const [rows, [total]] = await Promise.all([
    listQuery()
      .where(where)
      .orderBy(...ORDER[filters.sort])
      .limit(EXPERIENCES_PER_PAGE)
      .offset((page - 1) * EXPERIENCES_PER_PAGE),
    db().select({ n: sql<number>`count(*)::int` }).from(experiences).where(where),
  ]);
  return {
    experiences: await withThemes(rows),
    total: total?.n ?? 0,
    pageCount: Math.max(1, Math.ceil((total?.n ?? 0) / EXPERIENCES_PER_PAGE)),
  };
}

/**
 * The newest write-ups by a municipality (lead or co-authoring) the viewer may see, and whether there are
 * more. No count: for a municipality with thousands it costs more than the rest of the page (the list
 * behind "all write-ups" has it).
 */
export async function experiencesOfMunicipality(municipalityNumber: string, viewer: ViewerSummary | null, limit = 10) {
  const rows = await listQuery()
    .where(whereOf({ municipalityNumber, sort: "newest" }, viewer))
    .orderBy(...ORDER.newest)
    .limit(limit + 1);
  return { experiences: rows.slice(0, limit), more: rows.length > limit };
}

/** Write-ups that came from a forum session, as the viewer may see them: for the session's page. */
export async function experiencesFromForumSession(forumSessionId: number, viewer: ViewerSummary | null) {
  return listQuery()
    .where(and(visibleTo(viewer), eq(experiences.forumSessionId, forumSessionId)))
    .orderBy(asc(experiences.publishedAt), asc(experiences.id))
    .limit(50);
}

/** Write-ups that came from a topic, as the viewer may see them: for the topic's page. */
export async function experiencesFromTopic(topicId: number, viewer: ViewerSummary | null) {
  return listQuery()
    .where(and(visibleTo(viewer), eq(experiences.topicId, topicId)))
    .orderBy(asc(experiences.publishedAt), asc(experiences.id))
    .limit(50);
}

/** Write-ups that tell of a catalogue solution, as the viewer may see them: for its page and its evidence page. */
export async function experiencesOfSolution(solutionId: number, viewer: ViewerSummary | null) {
  return listQuery()
    .where(
      and(
        visibleTo(viewer),
        sql`${experiences.id} in (select ${experienceSolutions.experienceId} from ${experienceSolutions} where ${experienceSolutions.solutionId} = ${solutionId})`,
      ),
    )
    .orderBy(asc(experiences.publishedAt), asc(experiences.id))
    .limit(50);
}

/** The viewer's own write-ups (as author or co-author), drafts first: for "my write-ups". */
export async function experiencesOfMember(memberId: number, limit = 50) {
  return db()
    .select({
      id: experiences.id,
      title: experiences.title,
      status: experiences.status,
      visibility: experiences.visibility,
      updatedAt: experiences.updatedAt,
    })
    .from(experiences)
    // One set from two indexes (author, co-author): an OR of the two would read every write-up.
    .where(
      sql`${experiences.id} in (select ${experiences.id} from ${experiences} where ${experiences.authorId} = ${memberId}
        union select ${experienceCoAuthors.experienceId} from ${experienceCoAuthors} where ${experienceCoAuthors.memberId} = ${memberId})`,
    )
    .orderBy(asc(experiences.status), desc(experiences.updatedAt), desc(experiences.id))
    .limit(limit);
}

/** The newest published write-ups the viewer may see, with their lead municipality; optionally on one theme. */
export function newestExperiences(viewer: ViewerSummary | null, limit: number, themeId?: number) {
  return db()
    .select({
      id: experiences.id,
      title: experiences.title,
      visibility: experiences.visibility,
      publishedAt: experiences.publishedAt,
      municipalityName: municipalities.name,
    })
    .from(experiences)
    .leftJoin(experienceMunicipalities, and(eq(experienceMunicipalities.experienceId, experiences.id), eq(experienceMunicipalities.lead, true)))
    .leftJoin(municipalities, eq(municipalities.number, experienceMunicipalities.municipalityNumber))
    .where(
      and(
        visibleTo(viewer),
        themeId === undefined
          ? undefined
          : sql`${experiences.id} in (select ${experienceThemes.experienceId} from ${experienceThemes} where ${experienceThemes.themeId} = ${themeId})`,
      ),
    )
    .orderBy(desc(experiences.publishedAt), desc(experiences.id))
    .limit(limit);
}

/** Published public write-ups, newest first, with their HTML and lead municipality: a feed's entries. Optionally of one theme. */
export function feedExperienceRows(limit: number, themeSlug?: string) {
  return db()
    .select({
      id: experiences.id,
      title: experiences.title,
      summary: experiences.summary,
      bodyHtml: experiences.bodyHtml,
      publishedAt: experiences.publishedAt,
      updatedAt: experiences.updatedAt,
      municipalityName: municipalities.name,
    })
    .from(experiences)
    .leftJoin(experienceMunicipalities, and(eq(experienceMunicipalities.experienceId, experiences.id), eq(experienceMunicipalities.lead, true)))
    .leftJoin(municipalities, eq(municipalities.number, experienceMunicipalities.municipalityNumber))
    .where(whereOf({ themeSlug, sort: "newest" }, null))
    .orderBy(...ORDER.newest)
    .limit(limit);
}

/** The write-ups' feed: feedExperienceRows with each one's themes. */
export async function experiencesForFeed(limit: number, themeSlug?: string) {
  return withThemes(await feedExperienceRows(limit, themeSlug));
}

// ——— Revisions ———

/** A write-up's revisions, newest first, with who saved each. */
export function listRevisions(experienceId: number) {
  return db()
    .select({
      number: experienceRevisions.number,
      title: experienceRevisions.title,
      note: experienceRevisions.note,
      createdAt: experienceRevisions.createdAt,
      editorId: experienceRevisions.editorId,
      editorName: members.name,
    })
    .from(experienceRevisions)
    .leftJoin(members, eq(members.id, experienceRevisions.editorId))
    .where(eq(experienceRevisions.experienceId, experienceId))
    .orderBy(desc(experienceRevisions.number));
}

/** Some revisions' whole text, by number: the two a comparison shows. */
export function getRevisions(experienceId: number, numbers: number[]) {
  return db()
    .select({
      number: experienceRevisions.number,
      title: experienceRevisions.title,
      summary: experienceRevisions.summary,
      bodyMd: experienceRevisions.bodyMd,
      note: experienceRevisions.note,
      createdAt: experienceRevisions.createdAt,
      editorName: members.name,
    })
    .from(experienceRevisions)
    .leftJoin(members, eq(members.id, experienceRevisions.editorId))
    .where(and(eq(experienceRevisions.experienceId, experienceId), inArray(experienceRevisions.number, numbers)))
    .orderBy(asc(experienceRevisions.number));
}

// ——— Writes ———

async function writeLinks(tx: Transaction, experienceId: number, input: ExperienceInput, leadNumber: string | null) {
  await tx.delete(experienceThemes).where(eq(experienceThemes.experienceId, experienceId));
  if (input.themeIds.length > 0) {
    await tx.insert(experienceThemes).values(input.themeIds.map((themeId) => ({ experienceId, themeId })));
  }
  await tx.delete(experienceMunicipalities).where(and(eq(experienceMunicipalities.experienceId, experienceId), eq(experienceMunicipalities.lead, false)));
  const coAuthoring = input.municipalities.filter((number) => number !== leadNumber);
  if (coAuthoring.length > 0) {
    await tx.insert(experienceMunicipalities).values(coAuthoring.map((municipalityNumber) => ({ experienceId, municipalityNumber })));
  }
  if (input.solutionIds) {
    await tx.delete(experienceSolutions).where(eq(experienceSolutions.experienceId, experienceId));
    const solutionIds = [...new Set(input.solutionIds)];
    if (solutionIds.length > 0) await tx.insert(experienceSolutions).values(solutionIds.map((solutionId) => ({ experienceId, solutionId })));
  }
  await tx.delete(experienceProcurements).where(eq(experienceProcurements.experienceId, experienceId));
  const facts = input.procurement;
  if (facts) {
    await tx.insert(experienceProcurements).values({
      experienceId,
      procedure: facts.procedure,
      year: facts.year,
      suppliers: facts.suppliers,
      valueBand: facts.valueBand,
      lessons: facts.lessons,
    });
    if (facts.partners.length > 0) {
      await tx.insert(experienceProcurementPartners).values(facts.partners.map((municipalityNumber) => ({ experienceId, municipalityNumber })));
    }
  }
}

function addRevision(tx: Transaction, experienceId: number, number: number, editorId: number, input: ExperienceInput) {
  return tx.insert(experienceRevisions).values({
    experienceId,
    number,
    editorId,
    title: input.title,
    summary: input.summary,
    bodyMd: input.body,
    note: input.note || null,
  });
}

/**
 * Tells the members who follow one of a newly published write-up's themes or municipalities, except its
 * authors. Members-only write-ups reach only approved members, as everything else does.
 */
async function notifyFollowers(tx: Transaction, experience: Experience) {
  const followers = await tx
    .selectDistinct({ id: follows.memberId })
    .from(follows)
    .innerJoin(members, eq(members.id, follows.memberId))
    .where(
      and(
        eq(members.status, "approved"),
        or(
          sql`${follows.themeId} in (select ${experienceThemes.themeId} from ${experienceThemes} where ${experienceThemes.experienceId} = ${experience.id})`,
          sql`${follows.municipalityNumber} in (select ${experienceMunicipalities.municipalityNumber} from ${experienceMunicipalities} where ${experienceMunicipalities.experienceId} = ${experience.id})`,
        ),
        experience.authorId ? ne(follows.memberId, experience.authorId) : undefined,
        sql`not exists (select 1 from ${experienceCoAuthors} where ${experienceCoAuthors.experienceId} = ${experience.id} and ${experienceCoAuthors.memberId} = ${follows.memberId})`,
      ),
    );
  if (followers.length === 0) return false;
  const [lead] = await tx
    .select({ name: municipalities.name })
    .from(experienceMunicipalities)
    .innerJoin(municipalities, eq(municipalities.number, experienceMunicipalities.municipalityNumber))
    .where(and(eq(experienceMunicipalities.experienceId, experience.id), eq(experienceMunicipalities.lead, true)));
  await notifyMembers(
    tx,
    followers.map((f) => f.id),
    { kind: "experience_published", params: { title: experience.title, municipality: lead?.name ?? "Kommuneforum" }, url: `/experiences/${experience.id}` },
  );
  return true;
}

/** A new write-up by an approved member, in their municipality's name; published at once or kept as a draft. */
export async function writeExperience(
  author: { id: number; municipalityNumber: string | null },
  input: ExperienceInput,
  publish: boolean,
  outer?: Transaction,
): Promise<Experience> {
  let notified = false;
  const run = async (tx: Transaction) => {
    const [experience] = await tx
      .insert(experiences)
      .values({
        title: input.title,
        summary: input.summary,
        bodyMd: input.body,
        bodyHtml: renderExperienceBody(input.body),
        visibility: input.visibility,
        status: publish ? "published" : "draft",
        publishedAt: publish ? sql`now()` : null,
        authorId: author.id,
        forumSessionId: input.forumSessionId,
        agendaItemId: input.agendaItemId,
        topicId: input.topicId,
      })
      .returning();
    if (author.municipalityNumber) {
      await tx.insert(experienceMunicipalities).values({ experienceId: experience!.id, municipalityNumber: author.municipalityNumber, lead: true });
    }
    await writeLinks(tx, experience!.id, input, author.municipalityNumber);
    await addRevision(tx, experience!.id, 1, author.id, input);
    if (publish) notified = await notifyFollowers(tx, experience!);
    return experience!;
  };
  const experience = outer ? await run(outer) : await db().transaction(run);
  if (notified && !outer) kickOutbox();
  return experience;
}

export type ExperienceWriteResult =
  | { ok: true; experience: Experience }
  | { ok: false; reason: "notFound" | "forbidden" }
  /** The write-up was saved by someone else since the editor opened it: `current` is what is stored now. */
  | { ok: false; reason: "stale"; current: Experience & { editorName: string | null } };

const snapshot = (e: Experience) => ({ title: e.title, summary: e.summary, status: e.status, visibility: e.visibility, revision: e.revision });

/**
 * Saves an edit made on `revision` as the next revision. A write-up is published once (`publish`), never
 * unpublished. A coordinator's edit of a write-up they do not (co-)author is audited.
 */
export async function updateExperience(
  editor: ViewerSummary,
  experienceId: number,
  input: ExperienceInput & { revision: number; publish: boolean },
): Promise<ExperienceWriteResult> {
  let refusal: ExperienceWriteResult = { ok: false, reason: "notFound" };
  let notified = false;
  let asCoordinator = false;
  const write = async (tx: Transaction) => {
    const [before] = await tx.select().from(experiences).where(eq(experiences.id, experienceId)).for("update");
    if (!before) return null;
    const coAuthorIds = (
      await tx.select({ id: experienceCoAuthors.memberId }).from(experienceCoAuthors).where(eq(experienceCoAuthors.experienceId, experienceId))
    ).map((r) => r.id);
    if (!mayEditExperience(editor, before, coAuthorIds)) {
      refusal = { ok: false, reason: "forbidden" };
      return null;
    }
    if (before.revision !== input.revision) {
      const [saver] = await tx
        .select({ name: members.name })
        .from(experienceRevisions)
        .leftJoin(members, eq(members.id, experienceRevisions.editorId))
        .where(and(eq(experienceRevisions.experienceId, experienceId), eq(experienceRevisions.number, before.revision)));
      refusal = { ok: false, reason: "stale", current: { ...before, editorName: saver?.name ?? null } };
      return null;
    }
    asCoordinator = before.authorId !== editor.id && !coAuthorIds.includes(editor.id);
    const publishing = before.status === "draft" && input.publish;
    const [after] = await tx
      .update(experiences)
      .set({
        title: input.title,
        summary: input.summary,
        bodyMd: input.body,
        bodyHtml: renderExperienceBody(input.body),
        visibility: input.visibility,
        forumSessionId: input.forumSessionId,
        agendaItemId: input.agendaItemId,
        topicId: input.topicId,
        revision: sql`${experiences.revision} + 1`,
        updatedAt: sql`now()`,
        ...(publishing ? { status: "published" as const, publishedAt: sql`now()` } : {}),
      })
      .where(eq(experiences.id, experienceId))
      .returning();
    const [lead] = await tx
      .select({ number: experienceMunicipalities.municipalityNumber })
      .from(experienceMunicipalities)
      .where(and(eq(experienceMunicipalities.experienceId, experienceId), eq(experienceMunicipalities.lead, true)));
    await writeLinks(tx, experienceId, input, lead?.number ?? null);
    await addRevision(tx, experienceId, after!.revision, editor.id, input);
    if (publishing) notified = await notifyFollowers(tx, after!);
    return { before: snapshot(before), after: snapshot(after!), experience: after! };
  };
  // Whether the editor is a coordinator editing someone else's write-up is known only under the lock:
  // the audit event is written when that is so, in the same transaction.
  const result = await db().transaction(async (tx) => {
    const done = await write(tx);
    if (done && asCoordinator) {
      await audited(editor.id, "experience.update", { type: "experience", id: experienceId }, async () => done, tx);
    }
    return done;
  });
  if (notified) kickOutbox();
  return result ? { ok: true, experience: result.experience } : refusal;
}

// ——— Co-authors ———

export type CoAuthorResult = { ok: true } | { ok: false; reason: "notFound" | "forbidden" | "notMember" | "isAuthor" | "already" | "tooMany" };

/**
 * The author (or a coordinator) adds an approved member, found by email address, as a co-author; they are
 * told, and may then edit. Coordinators' changes are audited.
 */
export async function addCoAuthor(actor: ViewerSummary, experienceId: number, email: string, max: number): Promise<CoAuthorResult> {
  let told = false;
  const result = await db().transaction(async (tx): Promise<CoAuthorResult> => {
    const [experience] = await tx.select().from(experiences).where(eq(experiences.id, experienceId)).for("no key update");
    if (!experience) return { ok: false, reason: "notFound" };
    if (!mayManageCoAuthors(actor, experience)) return { ok: false, reason: "forbidden" };
    const [member] = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(sql`lower(${members.email}) = lower(${email})`, eq(members.status, "approved")));
    if (!member) return { ok: false, reason: "notMember" };
    if (member.id === experience.authorId) return { ok: false, reason: "isAuthor" };
    const current = await tx.select({ id: experienceCoAuthors.memberId }).from(experienceCoAuthors).where(eq(experienceCoAuthors.experienceId, experienceId));
    if (current.some((c) => c.id === member.id)) return { ok: false, reason: "already" };
    if (current.length >= max) return { ok: false, reason: "tooMany" };
    await tx.insert(experienceCoAuthors).values({ experienceId, memberId: member.id, invitedBy: actor.id });
    if (actor.id !== experience.authorId) {
      await audited(
        actor.id,
        "experience.coAuthor.add",
        { type: "experience", id: experienceId },
        async () => ({ before: null, after: { memberId: member.id } }),
        tx,
      );
    }
    await notifyMembers(tx, [member.id], {
      kind: "experience_co_author_added",
      params: { title: experience.title, author: actor.name },
      url: `/experiences/${experienceId}`,
    });
    told = true;
    return { ok: true };
  });
  if (told) kickOutbox();
  return result;
}

/** The author or a coordinator removes a co-author; a co-author may step down themselves. */
export async function removeCoAuthor(actor: ViewerSummary, experienceId: number, memberId: number): Promise<CoAuthorResult> {
  return db().transaction(async (tx): Promise<CoAuthorResult> => {
    const [experience] = await tx.select().from(experiences).where(eq(experiences.id, experienceId)).for("no key update");
    if (!experience) return { ok: false, reason: "notFound" };
    const self = actor.id === memberId && can(actor, "write");
    if (!self && !mayManageCoAuthors(actor, experience)) return { ok: false, reason: "forbidden" };
    const removed = await tx
      .delete(experienceCoAuthors)
      .where(and(eq(experienceCoAuthors.experienceId, experienceId), eq(experienceCoAuthors.memberId, memberId)))
      .returning();
    if (removed.length === 0) return { ok: false, reason: "notFound" };
    if (!self && actor.id !== experience.authorId) {
      await audited(actor.id, "experience.coAuthor.remove", { type: "experience", id: experienceId }, async () => ({ before: { memberId }, after: null }), tx);
    }
    return { ok: true };
  });
}

// ——— Comments ———

export type ExperienceCommentResult = { ok: true; commentId: number } | { ok: false; reason: "notFound" | "closed" };

/**
 * A member's comment under a published write-up they may read; its author and co-authors are told
 * (except whoever wrote the comment).
 */
export async function commentOnExperience(author: ViewerSummary, experienceId: number, bodyMd: string): Promise<ExperienceCommentResult> {
  const result = await db().transaction(async (tx) => {
    const [experience] = await tx.select().from(experiences).where(eq(experiences.id, experienceId)).for("no key update");
    if (!experience || !mayReadExperience(author, experience, [])) return { ok: false, reason: "notFound" } as const;
    if (experience.status !== "published") return { ok: false, reason: "closed" } as const;
    const comment = await addComment(author.id, { type: "experience", id: experienceId }, bodyMd, tx);
    const coAuthors = await tx.select({ id: experienceCoAuthors.memberId }).from(experienceCoAuthors).where(eq(experienceCoAuthors.experienceId, experienceId));
    const writers = [experience.authorId, ...coAuthors.map((c) => c.id)].filter((id): id is number => id != null && id !== author.id);
    await notifyMembers(tx, writers, {
      kind: "experience_commented",
      params: { title: experience.title, author: author.name },
      url: `/experiences/${experienceId}#comment-${comment.id}`,
    });
    return { ok: true, commentId: comment.id, told: writers.length > 0 } as const;
  });
  if (result.ok && result.told) kickOutbox();
  return result.ok ? { ok: true, commentId: result.commentId } : result;
}

// ——— Follows ———

export type FollowSubject = { themeId: number } | { municipalityNumber: string };

/** Follows or stops following a theme or a municipality; following twice is still one follow. */
export async function setFollow(memberId: number, subject: FollowSubject, follow: boolean): Promise<void> {
  const where =
    "themeId" in subject
      ? and(eq(follows.memberId, memberId), eq(follows.themeId, subject.themeId))
      : and(eq(follows.memberId, memberId), eq(follows.municipalityNumber, subject.municipalityNumber));
  if (!follow) {
    await db().delete(follows).where(where);
    return;
  }
  await db()
    .insert(follows)
    .values({ memberId, ...subject })
    .onConflictDoNothing();
}

/** What a member follows: themes and municipalities, by name, the first followed first; the first `limit` when given. */
export async function followsOf(memberId: number, limit?: number) {
  return db()
    .select({
      themeId: follows.themeId,
      themeSlug: themes.slug,
      themeNameNb: themes.nameNb,
      themeNameEn: themes.nameEn,
      municipalityNumber: follows.municipalityNumber,
      municipalityName: municipalities.name,
    })
    .from(follows)
    .leftJoin(themes, eq(themes.id, follows.themeId))
    .leftJoin(municipalities, eq(municipalities.number, follows.municipalityNumber))
    .where(eq(follows.memberId, memberId))
    .orderBy(asc(follows.createdAt), asc(follows.id))
    // Without a limit, all: a member follows at most every theme and the 357 municipalities.
    .limit(limit ?? 1000);
}

/** Whether a member follows a theme or a municipality (false for no member). */
export async function isFollowing(memberId: number | null | undefined, subject: FollowSubject): Promise<boolean> {
  if (!memberId) return false;
  const [row] = await db()
    .select({ id: follows.id })
    .from(follows)
    .where(
      "themeId" in subject
        ? and(eq(follows.memberId, memberId), eq(follows.themeId, subject.themeId))
        : and(eq(follows.memberId, memberId), eq(follows.municipalityNumber, subject.municipalityNumber)),
    );
  return Boolean(row);
}
