import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import {
  agendaItems,
  forumSessions,
  isSupportable,
  members,
  municipalities,
  OPEN_TOPIC_STATUSES,
  summaries,
  themes,
  topicExperiencedMunicipalities,
  topics,
  topicStatusChanges,
  topicSupports,
  topicThemes,
  type Topic,
  type TopicStatus,
} from "../../db/schema";
import { db, type Transaction } from "~/db.server";
import { addAgendaItem, removeAgendaItem } from "~/forum-sessions/agenda.server";
import { audited } from "~/lib/audit.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { can, type ViewerSummary } from "~/members/rights";
import { notifyMembers, type Notice } from "~/notifications/notify.server";
import { kickOutbox } from "~/notifications/outbox.server";
import { addComment } from "~/comments/comments.server";

export interface TopicInput {
  title: string;
  description: string;
  themeIds: number[];
  canPresent: boolean;
  /** Municipality numbers, already checked against the register. */
  experiencedMunicipalities: string[];
}

/** The description sits under the topic page's h1: its own `#` headings start at h2. */
export const renderTopicDescription = (markdown: string) => renderMarkdown(markdown, { topHeading: 2 });

/** A topic's page, with the chain it is part of: proposer, history, agenda item, forum session, summary. */
export async function getTopic(id: number) {
  const [topic] = await db()
    .select({
      topic: topics,
      proposerName: members.name,
      municipalityName: municipalities.name,
    })
    .from(topics)
    .leftJoin(members, eq(members.id, topics.proposerId))
    .leftJoin(municipalities, eq(municipalities.number, topics.municipalityNumber))
    .where(eq(topics.id, id));
  return topic;
}

/** Everything a topic's page shows beside the topic itself, read in parallel. */
export async function getTopicDetails(topic: Topic, viewerId: number | null) {
  const [themeRows, experienced, history, agendaItem, mergedFrom, mergedInto, supported] = await Promise.all([
    themesOf([topic.id]),
    experiencedMunicipalities(topic.id),
    topicHistory(topic.id),
    topic.forumSessionId ? topicAgendaItem(topic.id, topic.forumSessionId) : Promise.resolve(undefined),
    db()
      .select({ id: topics.id, title: topics.title })
      .from(topics)
      .where(and(eq(topics.mergedIntoId, topic.id), eq(topics.status, "merged")))
      .orderBy(asc(topics.id)),
    topic.mergedIntoId
      ? db().select({ id: topics.id, title: topics.title }).from(topics).where(eq(topics.id, topic.mergedIntoId)).then((r) => r[0])
      : Promise.resolve(undefined),
    viewerId ? isSupporting(topic.id, viewerId) : Promise.resolve(false),
  ]);
  return { themes: themeRows, experienced, history, agendaItem, mergedFrom, mergedInto, supported };
}

/** The themes of some topics, in the themes' order, each with the topic it belongs to. */
async function themesOf(topicIds: number[]) {
  if (topicIds.length === 0) return [];
  return db()
    .select({ topicId: topicThemes.topicId, id: themes.id, slug: themes.slug, nameNb: themes.nameNb, nameEn: themes.nameEn })
    .from(topicThemes)
    .innerJoin(themes, eq(themes.id, topicThemes.themeId))
    .where(inArray(topicThemes.topicId, topicIds))
    .orderBy(asc(themes.id));
}

/** "Municipalities that have experience with it", by name. */
export function experiencedMunicipalities(topicId: number) {
  return db()
    .select({ number: municipalities.number, name: municipalities.name })
    .from(topicExperiencedMunicipalities)
    .innerJoin(municipalities, eq(municipalities.number, topicExperiencedMunicipalities.municipalityNumber))
    .where(eq(topicExperiencedMunicipalities.topicId, topicId))
    .orderBy(asc(municipalities.name));
}

async function isSupporting(topicId: number, memberId: number): Promise<boolean> {
  const [row] = await db()
    .select({ memberId: topicSupports.memberId })
    .from(topicSupports)
    .where(and(eq(topicSupports.topicId, topicId), eq(topicSupports.memberId, memberId)));
  return Boolean(row);
}

/** The forum session a topic was scheduled onto, its agenda item (if still there) and its published summary. */
async function topicAgendaItem(topicId: number, forumSessionId: number) {
  const [row] = await db()
    .select({
      forumSessionId: forumSessions.id,
      forumSessionTitle: forumSessions.title,
      forumSessionStatus: forumSessions.status,
      startsAt: forumSessions.startsAt,
      agendaItemId: agendaItems.id,
      summaryStatus: summaries.status,
    })
    .from(forumSessions)
    .leftJoin(agendaItems, and(eq(agendaItems.forumSessionId, forumSessions.id), eq(agendaItems.topicId, topicId)))
    .leftJoin(summaries, eq(summaries.forumSessionId, forumSessions.id))
    .where(eq(forumSessions.id, forumSessionId));
  if (!row) return undefined;
  const { summaryStatus, ...rest } = row;
  return { ...rest, summaryPublished: row.forumSessionStatus === "held" && summaryStatus === "published" };
}

export async function topicHistory(topicId: number) {
  const mergedInto = db().select({ id: topics.id, title: topics.title }).from(topics).as("merged_into");
  return db()
    .select({
      id: topicStatusChanges.id,
      fromStatus: topicStatusChanges.fromStatus,
      toStatus: topicStatusChanges.toStatus,
      note: topicStatusChanges.note,
      createdAt: topicStatusChanges.createdAt,
      actorName: members.name,
      forumSessionId: topicStatusChanges.forumSessionId,
      forumSessionTitle: forumSessions.title,
      forumSessionStatus: forumSessions.status,
      mergedIntoId: topicStatusChanges.mergedIntoId,
      mergedIntoTitle: mergedInto.title,
    })
    .from(topicStatusChanges)
    .leftJoin(members, eq(members.id, topicStatusChanges.actorId))
    .leftJoin(forumSessions, eq(forumSessions.id, topicStatusChanges.forumSessionId))
    .leftJoin(mergedInto, eq(mergedInto.id, topicStatusChanges.mergedIntoId))
    .where(eq(topicStatusChanges.topicId, topicId))
    .orderBy(asc(topicStatusChanges.createdAt), asc(topicStatusChanges.id));
}

/**
 * Where a merged topic's address leads: the topic it was merged into, followed through later merges
 * (a few steps at most; the guard stops a cycle that a bug could leave).
 */
export async function mergeTarget(topic: Pick<Topic, "id" | "status" | "mergedIntoId">): Promise<number | undefined> {
  let current = topic;
  for (let step = 0; step < 10 && current.status === "merged" && current.mergedIntoId; step++) {
    const [next] = await db()
      .select({ id: topics.id, status: topics.status, mergedIntoId: topics.mergedIntoId })
      .from(topics)
      .where(eq(topics.id, current.mergedIntoId));
    if (!next) return undefined;
    current = next;
  }
  return current.id === topic.id ? undefined : current.id;
}

// ——— Lists ———

export const TOPIC_SORTS = ["supported", "newest", "active"] as const;
export type TopicSort = (typeof TOPIC_SORTS)[number];
export const TOPICS_PER_PAGE = 20;

export interface TopicFilters {
  status?: TopicStatus;
  themeSlug?: string;
  municipalityNumber?: string;
  countyNumber?: string;
  /** A member's own: the topics they proposed, or the ones they support. */
  mine?: "proposed" | "supported";
  sort: TopicSort;
}

const ORDER: Record<TopicSort, SQL[]> = {
  supported: [desc(topics.supportCount), desc(topics.id)],
  newest: [desc(topics.createdAt), desc(topics.id)],
  active: [desc(topics.lastActivityAt), desc(topics.id)],
};

function whereOf(filters: TopicFilters, viewerId: number | null): SQL | undefined {
  const conditions: SQL[] = [];
  // Merged topics live on in the one they were merged into; they are listed only when asked for.
  conditions.push(filters.status ? eq(topics.status, filters.status) : ne(topics.status, "merged"));
  if (filters.themeSlug) {
    conditions.push(
      sql`exists (select 1 from ${topicThemes} join ${themes} on ${themes.id} = ${topicThemes.themeId}
        where ${topicThemes.topicId} = ${topics.id} and ${themes.slug} = ${filters.themeSlug})`,
    );
  }
  if (filters.municipalityNumber) conditions.push(eq(topics.municipalityNumber, filters.municipalityNumber));
  if (filters.countyNumber) {
    conditions.push(
      sql`${topics.municipalityNumber} in (select ${municipalities.number} from ${municipalities} where ${municipalities.countyNumber} = ${filters.countyNumber})`,
    );
  }
  if (filters.mine === "proposed") conditions.push(eq(topics.proposerId, viewerId ?? -1));
  if (filters.mine === "supported") {
    conditions.push(
      sql`exists (select 1 from ${topicSupports} where ${topicSupports.topicId} = ${topics.id} and ${topicSupports.memberId} = ${viewerId ?? -1})`,
    );
  }
  return and(...conditions);
}

/** One page of topics in a stable order (ties broken by id), the total, and which the viewer supports. */
export async function listTopics(filters: TopicFilters, page: number, viewerId: number | null) {
  const where = whereOf(filters, viewerId);
  const [rows, [total]] = await Promise.all([
    db()
      .select({
        id: topics.id,
        title: topics.title,
        status: topics.status,
        supportCount: topics.supportCount,
        createdAt: topics.createdAt,
        lastActivityAt: topics.lastActivityAt,
        municipalityName: municipalities.name,
        supported: viewerId
          ? sql<boolean>`exists (select 1 from ${topicSupports} where ${topicSupports.topicId} = ${topics.id} and ${topicSupports.memberId} = ${viewerId})`
          : sql<boolean>`false`,
      })
      .from(topics)
      .leftJoin(municipalities, eq(municipalities.number, topics.municipalityNumber))
      .where(where)
      .orderBy(...ORDER[filters.sort])
      .limit(TOPICS_PER_PAGE)
      .offset((page - 1) * TOPICS_PER_PAGE),
    db().select({ n: sql<number>`count(*)::int` }).from(topics).where(where),
  ]);
  const themeRows = await themesOf(rows.map((r) => r.id));
  return {
    topics: rows.map((row) => ({ ...row, themes: themeRows.filter((t) => t.topicId === row.id) })),
    total: total?.n ?? 0,
    pageCount: Math.max(1, Math.ceil((total?.n ?? 0) / TOPICS_PER_PAGE)),
  };
}

/** The most supported topics still waiting to be taken up: the home page's list. */
export async function mostSupportedOpenTopics(limit: number) {
  return db()
    .select({ id: topics.id, title: topics.title, status: topics.status, supportCount: topics.supportCount, municipalityName: municipalities.name })
    .from(topics)
    .leftJoin(municipalities, eq(municipalities.number, topics.municipalityNumber))
    .where(inArray(topics.status, [...OPEN_TOPIC_STATUSES]))
    .orderBy(desc(topics.supportCount), desc(topics.id))
    .limit(limit);
}

/** Shortlisted topics a coordinator may add to a forum session's agenda, most supported first. */
export async function shortlistedTopics(limit = 50) {
  return db()
    .select({ id: topics.id, title: topics.title, supportCount: topics.supportCount, version: topics.version, municipalityName: municipalities.name })
    .from(topics)
    .leftJoin(municipalities, eq(municipalities.number, topics.municipalityNumber))
    .where(eq(topics.status, "shortlisted"))
    .orderBy(desc(topics.supportCount), desc(topics.id))
    .limit(limit);
}

/** The topics a forum session's published summary covered, for links back from the session page. */
export async function topicsOfForumSession(forumSessionId: number) {
  return db()
    .select({ id: topics.id, title: topics.title, status: topics.status })
    .from(topics)
    .where(and(eq(topics.forumSessionId, forumSessionId), inArray(topics.status, ["scheduled", "covered"])))
    .orderBy(asc(topics.id));
}

/**
 * Forum sessions a topic may be scheduled onto: draft or planned ones. One that has begun, or ended without
 * being marked held yet, is offered too for a month: a topic taken up on the day is added before the summary.
 */
export async function schedulableForumSessions() {
  return db()
    .select({ id: forumSessions.id, title: forumSessions.title, startsAt: forumSessions.startsAt, status: forumSessions.status })
    .from(forumSessions)
    .where(and(inArray(forumSessions.status, ["draft", "planned"]), sql`${forumSessions.endsAt} > now() - interval '30 days'`))
    .orderBy(asc(forumSessions.startsAt))
    .limit(50);
}

// ——— Writes ———

async function writeLinks(tx: Transaction, topicId: number, input: TopicInput) {
  await tx.delete(topicThemes).where(eq(topicThemes.topicId, topicId));
  await tx.delete(topicExperiencedMunicipalities).where(eq(topicExperiencedMunicipalities.topicId, topicId));
  if (input.themeIds.length > 0) {
    await tx.insert(topicThemes).values(input.themeIds.map((themeId) => ({ topicId, themeId })));
  }
  if (input.experiencedMunicipalities.length > 0) {
    await tx
      .insert(topicExperiencedMunicipalities)
      .values(input.experiencedMunicipalities.map((municipalityNumber) => ({ topicId, municipalityNumber })));
  }
}

function recordChange(
  tx: Transaction,
  change: {
    topicId: number;
    actorId: number | null;
    from: TopicStatus | null;
    to: TopicStatus;
    note?: string | null;
    forumSessionId?: number | null;
    mergedIntoId?: number | null;
  },
) {
  return tx.insert(topicStatusChanges).values({
    topicId: change.topicId,
    actorId: change.actorId,
    fromStatus: change.from,
    toStatus: change.to,
    note: change.note || null,
    forumSessionId: change.forumSessionId ?? null,
    mergedIntoId: change.mergedIntoId ?? null,
  });
}

/** A new topic from an approved member, in their municipality's name. */
export async function proposeTopic(
  proposer: { id: number; municipalityNumber: string | null },
  input: TopicInput,
  outer?: Transaction,
): Promise<Topic> {
  const run = async (tx: Transaction) => {
    const [topic] = await tx
      .insert(topics)
      .values({
        title: input.title,
        descriptionMd: input.description,
        descriptionHtml: renderTopicDescription(input.description),
        canPresent: input.canPresent,
        proposerId: proposer.id,
        municipalityNumber: proposer.municipalityNumber,
      })
      .returning();
    await writeLinks(tx, topic!.id, input);
    await recordChange(tx, { topicId: topic!.id, actorId: proposer.id, from: null, to: "proposed" });
    return topic!;
  };
  return outer ? run(outer) : db().transaction(run);
}

/** Who may edit a topic: its proposer while it is proposed, coordinators always (DESIGN.md's "edit own"). */
export function mayEditTopic(viewer: ViewerSummary | null | undefined, topic: Pick<Topic, "proposerId" | "status">): boolean {
  if (can(viewer, "coordinate")) return true;
  return topic.status === "proposed" && can(viewer, "edit", { ownerId: topic.proposerId });
}

export type TopicWriteResult =
  | { ok: true; topic: Topic }
  | { ok: false; reason: "notFound" | "forbidden" }
  | { ok: false; reason: "stale"; current: Topic };

async function lockTopic(tx: Transaction, id: number): Promise<Topic | undefined> {
  const [topic] = await tx.select().from(topics).where(eq(topics.id, id)).for("update");
  return topic;
}

const snapshot = (topic: Topic) => ({ title: topic.title, status: topic.status, version: topic.version, canPresent: topic.canPresent });

/**
 * Saves an edit made on `version`. A coordinator's edit of someone else's topic is audited; the
 * proposer's own edit of their proposed topic is theirs to make.
 */
export async function updateTopic(
  editor: ViewerSummary,
  topicId: number,
  input: TopicInput & { version: number },
): Promise<TopicWriteResult> {
  let refusal: TopicWriteResult = { ok: false, reason: "notFound" };
  const write = async (tx: Transaction) => {
    const before = await lockTopic(tx, topicId);
    if (!before) return null;
    if (!mayEditTopic(editor, before)) {
      refusal = { ok: false, reason: "forbidden" };
      return null;
    }
    if (before.version !== input.version) {
      refusal = { ok: false, reason: "stale", current: before };
      return null;
    }
    const [after] = await tx
      .update(topics)
      .set({
        title: input.title,
        descriptionMd: input.description,
        descriptionHtml: renderTopicDescription(input.description),
        canPresent: input.canPresent,
        version: sql`${topics.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(topics.id, topicId))
      .returning();
    await writeLinks(tx, topicId, input);
    return { before: snapshot(before), after: snapshot(after!), topic: after! };
  };
  // A member who is not a coordinator can only ever edit their own topic: nothing to audit.
  const result = can(editor, "coordinate")
    ? await audited(editor.id, "topic.update", { type: "topic", id: topicId }, write)
    : await db().transaction(write);
  return result ? { ok: true, topic: result.topic } : refusal;
}

export type SupportResult = { ok: true; supportCount: number; supported: boolean } | { ok: false; reason: "notFound" | "closed" };

/**
 * Adds or withdraws the member's support. Supporting twice is still one support; the count is kept by
 * the database (a trigger on topic_supports), so it stays exact however many members press at once.
 * Withdrawing is always possible; supporting only while the topic is open.
 */
export async function setSupport(memberId: number, topicId: number, support: boolean): Promise<SupportResult> {
  return db().transaction(async (tx) => {
    // The lock the count's update takes anyway: a weaker one first would deadlock two supporters.
    const [topic] = await tx.select({ status: topics.status }).from(topics).where(eq(topics.id, topicId)).for("no key update");
    if (!topic) return { ok: false, reason: "notFound" } as const;
    if (support) {
      if (!isSupportable(topic.status)) return { ok: false, reason: "closed" } as const;
      await tx.insert(topicSupports).values({ topicId, memberId }).onConflictDoNothing();
    } else {
      await tx.delete(topicSupports).where(and(eq(topicSupports.topicId, topicId), eq(topicSupports.memberId, memberId)));
    }
    const [after] = await tx.select({ supportCount: topics.supportCount }).from(topics).where(eq(topics.id, topicId));
    return { ok: true, supportCount: after!.supportCount, supported: support } as const;
  });
}

/** The proposer and every supporter of a topic, except the one who made the change. */
async function followersOf(tx: Transaction, topic: Pick<Topic, "id" | "proposerId">, exceptId: number | null): Promise<number[]> {
  const supporters = await tx.select({ memberId: topicSupports.memberId }).from(topicSupports).where(eq(topicSupports.topicId, topic.id));
  const ids = new Set(supporters.map((s) => s.memberId));
  if (topic.proposerId) ids.add(topic.proposerId);
  if (exceptId !== null) ids.delete(exceptId);
  return [...ids];
}

function statusNotice(topic: Pick<Topic, "id" | "title">, to: TopicStatus): Notice {
  return { kind: "topic_status_changed", params: { title: topic.title, topicStatus: to }, url: `/topics/${topic.id}` };
}

export type TriageResult =
  | { ok: true; topic: Topic }
  | { ok: false; reason: "notFound" | "sessionNotFound" | "sessionClosed" | "badTarget" }
  /** The topic changed since the coordinator opened it (another coordinator triaged it first), or its status does not allow the step. */
  | { ok: false; reason: "stale" | "notAllowed"; current: Topic };

/** Which statuses each triage step starts from. */
export const TRIAGE_FROM = {
  shortlist: ["proposed"],
  reopen: ["shortlisted", "declined"],
  decline: ["proposed", "shortlisted"],
  merge: ["proposed", "shortlisted"],
  schedule: ["proposed", "shortlisted"],
  unschedule: ["scheduled"],
} as const satisfies Record<string, readonly TopicStatus[]>;
export type TriageStep = keyof typeof TRIAGE_FROM;

export function triageStepsFor(status: TopicStatus): TriageStep[] {
  return (Object.keys(TRIAGE_FROM) as TriageStep[]).filter((step) => (TRIAGE_FROM[step] as readonly TopicStatus[]).includes(status));
}

export type TriageInput =
  | { step: "shortlist" | "reopen" | "unschedule"; version: number; note?: string }
  | { step: "decline"; version: number; reason: string }
  | { step: "merge"; version: number; intoId: number; note?: string }
  | { step: "schedule"; version: number; forumSessionId: number; note?: string };

/**
 * A coordinator's step with a topic, made only from the status and version the coordinator saw: of two
 * coordinators triaging at once, one wins and the other is told what happened. Each step writes the
 * topic's history and the audit log, and tells the proposer and supporters, in one transaction.
 */
export async function triageTopic(actorId: number, topicId: number, input: TriageInput): Promise<TriageResult> {
  let refusal: TriageResult = { ok: false, reason: "notFound" };
  const result = await audited(actorId, `topic.${input.step}`, { type: "topic", id: topicId }, async (tx) => {
    await lockInOrder(tx, topicId, input);
    const before = await lockTopic(tx, topicId);
    if (!before) return null;
    if (before.version !== input.version) {
      refusal = { ok: false, reason: "stale", current: before };
      return null;
    }
    if (!(TRIAGE_FROM[input.step] as readonly TopicStatus[]).includes(before.status)) {
      refusal = { ok: false, reason: "notAllowed", current: before };
      return null;
    }
    const outcome = await applyStep(tx, actorId, before, input);
    if (!outcome.ok) {
      refusal = outcome;
      return null;
    }
    return { before: snapshot(before), after: { ...snapshot(outcome.topic), ...outcome.audit }, topic: outcome.topic };
  });
  if (result) kickOutbox();
  return result ? { ok: true, topic: result.topic } : refusal;
}

/**
 * Takes the locks a step needs in the order every other writer takes them, so that two writers never
 * wait for each other: a forum session before a topic (as the agenda does when an item from a topic is
 * removed), and of two topics (a merge) the lower id first (A into B and B into A at once).
 */
async function lockInOrder(tx: Transaction, topicId: number, input: TriageInput): Promise<void> {
  let forumSessionId: number | null | undefined;
  if (input.step === "schedule") forumSessionId = input.forumSessionId;
  if (input.step === "unschedule") {
    [{ forumSessionId } = { forumSessionId: null }] = await tx.select({ forumSessionId: topics.forumSessionId }).from(topics).where(eq(topics.id, topicId));
  }
  if (forumSessionId) {
    await tx.select({ id: forumSessions.id }).from(forumSessions).where(eq(forumSessions.id, forumSessionId)).for("no key update");
  }
  if (input.step === "merge" && input.intoId < topicId) await lockTopic(tx, input.intoId);
}

type StepOutcome = { ok: true; topic: Topic; audit?: Record<string, unknown> } | { ok: false; reason: "sessionNotFound" | "sessionClosed" | "badTarget" };

async function setStatus(tx: Transaction, topic: Topic, to: TopicStatus, extra: Partial<Topic> = {}): Promise<Topic> {
  const [after] = await tx
    .update(topics)
    .set({ ...extra, status: to, version: sql`${topics.version} + 1`, updatedAt: sql`now()`, lastActivityAt: sql`now()` })
    .where(eq(topics.id, topic.id))
    .returning();
  return after!;
}

async function applyStep(tx: Transaction, actorId: number, before: Topic, input: TriageInput): Promise<StepOutcome> {
  const note = "note" in input ? input.note : undefined;
  switch (input.step) {
    case "shortlist":
    case "reopen": {
      const to = input.step === "shortlist" ? "shortlisted" : "proposed";
      const topic = await setStatus(tx, before, to, { declineReason: null });
      await recordChange(tx, { topicId: topic.id, actorId, from: before.status, to, note });
      await notifyMembers(tx, await followersOf(tx, topic, actorId), statusNotice(topic, to));
      return { ok: true, topic };
    }
    case "decline": {
      const topic = await setStatus(tx, before, "declined", { declineReason: input.reason });
      await recordChange(tx, { topicId: topic.id, actorId, from: before.status, to: "declined", note: input.reason });
      await notifyMembers(tx, await followersOf(tx, topic, actorId), statusNotice(topic, "declined"));
      return { ok: true, topic };
    }
    case "merge":
      return merge(tx, actorId, before, input.intoId, note);
    case "schedule":
      return schedule(tx, actorId, before, input.forumSessionId, note);
    case "unschedule": {
      // Back to the shortlist first, with the coordinator's note; then the agenda item goes (and
      // topicLeftAgenda finds nothing more to do).
      const topic = await sendBackToShortlist(tx, actorId, before, note);
      const [item] = await tx
        .select({ id: agendaItems.id, forumSessionId: agendaItems.forumSessionId })
        .from(agendaItems)
        .where(eq(agendaItems.topicId, before.id));
      if (item) await removeAgendaItem(actorId, item.forumSessionId, item.id, tx);
      return { ok: true, topic };
    }
  }
}

async function merge(tx: Transaction, actorId: number, before: Topic, intoId: number, note: string | undefined): Promise<StepOutcome> {
  if (intoId === before.id) return { ok: false, reason: "badTarget" };
  // Already locked when its id is the lower (lockInOrder): of A into B and B into A at once, the second
  // finds its target merged.
  const target = await lockTopic(tx, intoId);
  if (!target || target.status === "merged" || target.status === "declined") return { ok: false, reason: "badTarget" };
  const movedSupporters = await followersOf(tx, before, actorId);
  // Supports move over; a member who supported both keeps one. The trigger keeps both counts.
  await tx.execute(sql`
    insert into ${topicSupports} (topic_id, member_id, created_at)
    select ${target.id}, member_id, created_at from ${topicSupports} where topic_id = ${before.id}
    on conflict do nothing`);
  await tx.delete(topicSupports).where(eq(topicSupports.topicId, before.id));
  const topic = await setStatus(tx, before, "merged", { mergedIntoId: target.id });
  await tx.update(topics).set({ lastActivityAt: sql`now()` }).where(eq(topics.id, target.id));
  await recordChange(tx, { topicId: topic.id, actorId, from: before.status, to: "merged", note, mergedIntoId: target.id });
  await notifyMembers(tx, movedSupporters, {
    kind: "topic_merged",
    params: { title: before.title, target: target.title },
    url: `/topics/${target.id}`,
  });
  return { ok: true, topic, audit: { mergedIntoId: target.id } };
}

const DEFAULT_AGENDA_MINUTES = 20;

async function schedule(tx: Transaction, actorId: number, before: Topic, forumSessionId: number, note: string | undefined): Promise<StepOutcome> {
  const [session] = await tx
    .select({ id: forumSessions.id, title: forumSessions.title, status: forumSessions.status, startsAt: forumSessions.startsAt, endsAt: forumSessions.endsAt })
    .from(forumSessions)
    .where(eq(forumSessions.id, forumSessionId))
    // The lock addAgendaItem takes too: taking a weaker one first would let two schedulers deadlock.
    .for("no key update");
  if (!session) return { ok: false, reason: "sessionNotFound" };
  if (session.status !== "draft" && session.status !== "planned") return { ok: false, reason: "sessionClosed" };
  // After the last item, or at the start of an empty agenda.
  const [last] = await tx
    .select({ end: sql<number>`max(${agendaItems.startOffsetMinutes} + ${agendaItems.durationMinutes})::int` })
    .from(agendaItems)
    .where(eq(agendaItems.forumSessionId, session.id));
  const sessionMinutes = Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);
  const start = Math.min(last?.end ?? 0, Math.max(sessionMinutes - DEFAULT_AGENDA_MINUTES, 0));
  const item = await addAgendaItem(
    actorId,
    session.id,
    {
      startOffsetMinutes: start,
      durationMinutes: Math.min(DEFAULT_AGENDA_MINUTES, Math.max(sessionMinutes, 1)),
      title: before.title,
      // "Our municipality can present this": the proposer is the presenter to suggest.
      presenterMemberId: before.canPresent ? before.proposerId : null,
      presenterName: null,
      presenterOrganisation: null,
      description: "",
      topicId: before.id,
    },
    tx,
  );
  if (!item) return { ok: false, reason: "sessionNotFound" };
  const topic = await setStatus(tx, before, "scheduled", { forumSessionId: session.id, declineReason: null });
  await recordChange(tx, { topicId: topic.id, actorId, from: before.status, to: "scheduled", note, forumSessionId: session.id });
  await notifyMembers(tx, await followersOf(tx, topic, actorId), statusNotice(topic, "scheduled"));
  return { ok: true, topic, audit: { forumSessionId: session.id, agendaItemId: item.id } };
}

async function sendBackToShortlist(tx: Transaction, actorId: number | null, topic: Topic, note?: string): Promise<Topic> {
  const after = await setStatus(tx, topic, "shortlisted", { forumSessionId: null });
  await recordChange(tx, { topicId: topic.id, actorId, from: "scheduled", to: "shortlisted", note, forumSessionId: topic.forumSessionId });
  await notifyMembers(tx, await followersOf(tx, after, actorId), statusNotice(after, "shortlisted"));
  return after;
}

/**
 * Called by the agenda, inside its transaction, when an item that came from a topic leaves its forum
 * session: a topic still scheduled goes back to the shortlist. A covered topic stays covered.
 */
export async function topicLeftAgenda(tx: Transaction, actorId: number, topicId: number): Promise<void> {
  const topic = await lockTopic(tx, topicId);
  if (topic?.status === "scheduled") await sendBackToShortlist(tx, actorId, topic);
}

/**
 * Called by summaries, inside their transaction, when a forum session's summary is published: every
 * topic scheduled on it becomes covered, linked to that summary through the session.
 */
export async function coverTopicsOfForumSession(tx: Transaction, forumSessionId: number): Promise<number> {
  const scheduled = await tx
    .select()
    .from(topics)
    .where(and(eq(topics.forumSessionId, forumSessionId), eq(topics.status, "scheduled")))
    .orderBy(asc(topics.id))
    .for("update");
  for (const before of scheduled) {
    const topic = await setStatus(tx, before, "covered");
    await recordChange(tx, { topicId: topic.id, actorId: null, from: "scheduled", to: "covered", forumSessionId });
    await notifyMembers(tx, await followersOf(tx, topic, null), statusNotice(topic, "covered"));
  }
  return scheduled.length;
}

/** Bumps "recently active" when something happens under a topic (a comment). */
export async function touchTopic(tx: Transaction, topicId: number): Promise<void> {
  await tx.update(topics).set({ lastActivityAt: sql`now()` }).where(eq(topics.id, topicId));
}

export type TopicCommentResult = { ok: true; commentId: number } | { ok: false; reason: "notFound" | "closed" };

/**
 * A member's comment under a topic: the topic becomes recently active and its proposer is told (unless
 * they wrote it). A merged topic takes no comments: its discussion goes on in the one it was merged into.
 */
export async function commentOnTopic(author: { id: number; name: string }, topicId: number, bodyMd: string): Promise<TopicCommentResult> {
  const result = await db().transaction(async (tx) => {
    const [topic] = await tx
      .select({ id: topics.id, title: topics.title, status: topics.status, proposerId: topics.proposerId })
      .from(topics)
      .where(eq(topics.id, topicId))
      .for("no key update");
    if (!topic) return { ok: false, reason: "notFound" } as const;
    if (topic.status === "merged") return { ok: false, reason: "closed" } as const;
    const comment = await addComment(author.id, { type: "topic", id: topicId }, bodyMd, tx);
    await touchTopic(tx, topicId);
    if (topic.proposerId && topic.proposerId !== author.id) {
      await notifyMembers(tx, [topic.proposerId], {
        kind: "topic_commented",
        params: { title: topic.title, author: author.name },
        url: `/topics/${topicId}#comment-${comment.id}`,
      });
    }
    return { ok: true, commentId: comment.id } as const;
  });
  if (result.ok) kickOutbox();
  return result;
}
