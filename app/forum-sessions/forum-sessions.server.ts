import { TZDate } from "@date-fns/tz";
import { and, asc, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import {
  agendaItems,
  forumSessions,
  forumSessionThemes,
  registrations,
  summaries,
  themes,
  type ForumSession,
  type FORUM_SESSION_STATUSES,
} from "../../db/schema";
import { db, type Transaction } from "~/db.server";
import { audited, type AuditSubject } from "~/lib/audit.server";
import { formatDateTime, TIME_ZONE, toOsloInput } from "~/lib/dates";
import { renderMarkdown } from "~/lib/markdown.server";
import { notifyMembers } from "~/notifications/notify.server";
import { kickOutbox } from "~/notifications/outbox.server";

export type ForumSessionStatus = (typeof FORUM_SESSION_STATUSES)[number];

/**
 * The steps of the status buttons. Cancelling (from draft or planned) and restoring a cancelled
 * session are steps of their own, with a confirmation and a reason: `cancelForumSession`, `restoreForumSession`.
 */
const NEXT_STATUSES: Record<ForumSessionStatus, ForumSessionStatus[]> = {
  draft: ["planned"],
  planned: ["held"],
  held: [],
  cancelled: [],
};

const hasStarted = (session: { startsAt: Date }, now: Date) => session.startsAt.getTime() <= now.getTime();

/** The status steps a coordinator is offered now: a session is marked held only once it has started. */
export function statusStepsFor(session: { status: ForumSessionStatus; startsAt: Date }, now = new Date()): ForumSessionStatus[] {
  return NEXT_STATUSES[session.status].filter((next) => next !== "held" || hasStarted(session, now));
}

export const isCancellable = (session: { status: ForumSessionStatus }) => session.status === "draft" || session.status === "planned";

/** A cancelled session can be put back on while it has not ended. */
export const isRestorable = (session: { status: ForumSessionStatus; endsAt: Date }, now = new Date()) =>
  session.status === "cancelled" && session.endsAt.getTime() > now.getTime();

/**
 * Runs an audited write in the caller's transaction, or in a new one. Mail the write put in the outbox
 * is sent once that transaction commits: here for a transaction of our own, by the caller for theirs.
 */
async function write<T extends { before: unknown; after: unknown; subjectId?: string | number }>(
  actorId: number,
  action: string,
  subject: AuditSubject,
  change: (tx: Transaction) => Promise<T | null>,
  outer?: Transaction,
): Promise<T | null> {
  const result = await audited(actorId, action, subject, change, outer);
  if (result && !outer) kickOutbox();
  return result;
}

export interface ForumSessionInput {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  meetingUrl: string | null;
  themeIds: number[];
}

/** Keeps only theme ids that exist. */
export async function knownThemeIds(ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db().select({ id: themes.id }).from(themes).where(inArray(themes.id, ids));
  return rows.map((r) => r.id);
}

const listColumns = {
  id: forumSessions.id,
  title: forumSessions.title,
  startsAt: forumSessions.startsAt,
  endsAt: forumSessions.endsAt,
  status: forumSessions.status,
  registrationCount: sql<number>`(select count(*)::int from ${registrations} where ${registrations.forumSessionId} = ${forumSessions.id})`,
  hasSummary: sql<boolean>`${forumSessions.status} = 'held' and exists (select 1 from ${summaries} where ${summaries.forumSessionId} = ${forumSessions.id} and ${summaries.status} = 'published')`,
};

/** Sessions still to come (not ended), soonest first; drafts only for coordinators. */
export async function listUpcoming(options: { includeDrafts: boolean; limit?: number }) {
  return db()
    .select(listColumns)
    .from(forumSessions)
    .where(and(gte(forumSessions.endsAt, sql`now()`), options.includeDrafts ? undefined : ne(forumSessions.status, "draft")))
    .orderBy(asc(forumSessions.startsAt))
    .limit(options.limit ?? 50);
}

/** Sessions that have ended, latest first, a page at a time. */
export async function listPast(options: { includeDrafts: boolean; limit: number; offset: number }) {
  return db()
    .select(listColumns)
    .from(forumSessions)
    .where(and(lt(forumSessions.endsAt, sql`now()`), options.includeDrafts ? undefined : ne(forumSessions.status, "draft")))
    .orderBy(desc(forumSessions.startsAt))
    .limit(options.limit)
    .offset(options.offset);
}

export async function getForumSession(id: number) {
  const [session] = await db().select().from(forumSessions).where(eq(forumSessions.id, id));
  if (!session) return undefined;
  const sessionThemes = await db()
    .select({ id: themes.id, slug: themes.slug, nameNb: themes.nameNb, nameEn: themes.nameEn })
    .from(forumSessionThemes)
    .innerJoin(themes, eq(themes.id, forumSessionThemes.themeId))
    .where(eq(forumSessionThemes.forumSessionId, id))
    .orderBy(asc(themes.id));
  return { ...session, themes: sessionThemes };
}

/** The next forum session that is planned and not yet over (without its themes: the home page needs none). */
export async function nextPlannedForumSession(): Promise<ForumSession | undefined> {
  const [next] = await db()
    .select()
    .from(forumSessions)
    .where(and(eq(forumSessions.status, "planned"), gte(forumSessions.endsAt, sql`now()`)))
    .orderBy(asc(forumSessions.startsAt))
    .limit(1);
  return next;
}

async function setThemes(tx: Transaction, forumSessionId: number, themeIds: number[]) {
  await tx.delete(forumSessionThemes).where(eq(forumSessionThemes.forumSessionId, forumSessionId));
  if (themeIds.length > 0) {
    await tx.insert(forumSessionThemes).values(themeIds.map((themeId) => ({ forumSessionId, themeId })));
  }
}

/** What the session form sets: the description stored both as written and rendered. */
function editableColumns(input: ForumSessionInput) {
  return {
    title: input.title,
    descriptionMd: input.description,
    descriptionHtml: renderMarkdown(input.description),
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    meetingUrl: input.meetingUrl,
  };
}

const snapshot = (s: ForumSession) => ({
  title: s.title,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  meetingUrl: s.meetingUrl,
  status: s.status,
});

export async function createForumSession(actorId: number, input: ForumSessionInput, outer?: Transaction): Promise<ForumSession> {
  const result = await write(actorId, "forum_session.create", { type: "forum_session", id: "new" }, async (tx) => {
    const [created] = await tx
      .insert(forumSessions)
      .values({ ...editableColumns(input), createdBy: actorId })
      .returning();
    await setThemes(tx, created!.id, input.themeIds);
    return { before: null, after: snapshot(created!), session: created!, subjectId: created!.id };
  }, outer);
  return result!.session;
}

export type UpdateResult = { ok: true; session: ForumSession } | { ok: false; reason: "stale" | "notFound" };

async function registrantIds(tx: Transaction, forumSessionId: number): Promise<number[]> {
  const rows = await tx
    .select({ memberId: registrations.memberId })
    .from(registrations)
    .where(eq(registrations.forumSessionId, forumSessionId));
  return rows.map((r) => r.memberId);
}

/**
 * Saves a coordinator's edit unless the session changed since the form was opened. Registered members
 * hear of it when a planned session moves.
 */
export async function updateForumSession(
  actorId: number,
  id: number,
  input: ForumSessionInput & { version: number },
  outer?: Transaction,
): Promise<UpdateResult> {
  let reason: "stale" | "notFound" = "notFound";
  const result = await write(actorId, "forum_session.update", { type: "forum_session", id }, async (tx) => {
    const [before] = await tx.select().from(forumSessions).where(eq(forumSessions.id, id)).for("update");
    if (!before) return null;
    if (before.version !== input.version) {
      reason = "stale";
      return null;
    }
    const [after] = await tx
      .update(forumSessions)
      .set({
        ...editableColumns(input),
        version: sql`${forumSessions.version} + 1`,
        sequence: sql`${forumSessions.sequence} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(forumSessions.id, id))
      .returning();
    await setThemes(tx, id, input.themeIds);
    const moved = before.startsAt.getTime() !== after!.startsAt.getTime() || before.endsAt.getTime() !== after!.endsAt.getTime();
    if (moved && after!.status === "planned") {
      await notifyMembers(
        tx,
        await registrantIds(tx, id),
        {
          kind: "forum_session_moved",
          params: { title: after!.title, when: formatDateTime(after!.startsAt, "nb"), startsAt: after!.startsAt.toISOString() },
          url: `/forum-sessions/${id}`,
        },
      );
    }
    return { before: snapshot(before), after: snapshot(after!), session: after! };
  }, outer);
  return result ? { ok: true, session: result.session } : { ok: false, reason };
}

export type StatusResult =
  | { ok: true; session: ForumSession }
  | { ok: false; reason: "notFound" | "refused" | "notStarted" };

/** Moves a session along draft → planned → held; held only once it has started. */
export async function changeForumSessionStatus(
  actorId: number,
  id: number,
  status: ForumSessionStatus,
  outer?: Transaction,
): Promise<StatusResult> {
  let refusal: StatusResult = { ok: false, reason: "notFound" };
  const result = await write(actorId, "forum_session.status", { type: "forum_session", id }, async (tx) => {
    const [before] = await tx.select().from(forumSessions).where(eq(forumSessions.id, id)).for("update");
    if (!before) return null;
    if (!NEXT_STATUSES[before.status].includes(status)) {
      refusal = { ok: false, reason: "refused" };
      return null;
    }
    if (status === "held" && !hasStarted(before, new Date())) {
      refusal = { ok: false, reason: "notStarted" };
      return null;
    }
    const after = await setStatus(tx, id, { status });
    return { before: { status: before.status }, after: { status: after.status }, session: after };
  }, outer);
  return result ? { ok: true, session: result.session } : refusal;
}

async function setStatus(tx: Transaction, id: number, change: { status: ForumSessionStatus; cancelReason?: string | null }) {
  const [after] = await tx
    .update(forumSessions)
    .set({
      ...change,
      version: sql`${forumSessions.version} + 1`,
      sequence: sql`${forumSessions.sequence} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(forumSessions.id, id))
    .returning();
  return after!;
}

export type CancelResult = { ok: true; session: ForumSession } | { ok: false; reason: "notFound" | "refused" };

/**
 * Cancels a draft or planned session, with an optional reason that the page, the calendars and the
 * mail to every registrant show. The session row is locked first, so a registration either lands
 * before (and its member is told) or is refused after.
 */
export async function cancelForumSession(
  actorId: number,
  id: number,
  input: { reason: string },
  outer?: Transaction,
): Promise<CancelResult> {
  let refusal: CancelResult = { ok: false, reason: "notFound" };
  const result = await write(actorId, "forum_session.cancel", { type: "forum_session", id }, async (tx) => {
    const [before] = await tx.select().from(forumSessions).where(eq(forumSessions.id, id)).for("update");
    if (!before) return null;
    if (!isCancellable(before)) {
      refusal = { ok: false, reason: "refused" };
      return null;
    }
    const reason = input.reason.trim();
    const after = await setStatus(tx, id, { status: "cancelled", cancelReason: reason || null });
    await notifyMembers(tx, await registrantIds(tx, id), {
      kind: "forum_session_cancelled",
      params: { title: after.title, reason },
      url: `/forum-sessions/${id}`,
    });
    return {
      before: { status: before.status },
      after: { status: after.status, cancelReason: after.cancelReason },
      session: after,
    };
  }, outer);
  return result ? { ok: true, session: result.session } : refusal;
}

/**
 * Puts a cancelled session back on as planned, while it has not ended; those still registered are
 * told. The notification enum has no "restored" kind, so they get a "moved" notice, whose text says
 * when the session now takes place.
 */
export async function restoreForumSession(actorId: number, id: number, outer?: Transaction): Promise<CancelResult> {
  let refusal: CancelResult = { ok: false, reason: "notFound" };
  const result = await write(actorId, "forum_session.restore", { type: "forum_session", id }, async (tx) => {
    const [before] = await tx.select().from(forumSessions).where(eq(forumSessions.id, id)).for("update");
    if (!before) return null;
    if (!isRestorable(before)) {
      refusal = { ok: false, reason: "refused" };
      return null;
    }
    const after = await setStatus(tx, id, { status: "planned", cancelReason: null });
    await notifyMembers(tx, await registrantIds(tx, id), {
      kind: "forum_session_moved",
      params: { title: after.title, when: formatDateTime(after.startsAt, "nb"), startsAt: after.startsAt.toISOString() },
      url: `/forum-sessions/${id}`,
    });
    return {
      before: { status: before.status, cancelReason: before.cancelReason },
      after: { status: after.status },
      session: after,
    };
  }, outer);
  return result ? { ok: true, session: result.session } : refusal;
}

/** Minutes on Oslo's clock between two instants: across a change to or from summer time, not the elapsed ones. */
function wallClockMinutes(from: Date, to: Date): number {
  const wall = (date: Date) => Date.parse(`${toOsloInput(date)}Z`);
  return (wall(to) - wall(from)) / 60_000;
}

/** The same wall-clock time in Oslo some calendar days later (not days × 24 hours, which a clock change shifts). */
export function addOsloDays(date: Date, days: number): Date {
  const oslo = new TZDate(date, TIME_ZONE);
  oslo.setDate(oslo.getDate() + days);
  return new Date(oslo.getTime());
}

function addOsloMinutes(date: Date, minutes: number): Date {
  const oslo = new TZDate(date, TIME_ZONE);
  oslo.setMinutes(oslo.getMinutes() + minutes);
  return new Date(oslo.getTime());
}

/** Where the copy form starts: four weeks on, at the same time of day. */
export const nextInSeries = (startsAt: Date) => addOsloDays(startsAt, 28);

/**
 * Starts the next session of a series as a draft copy of an earlier one: title, description, length,
 * meeting link, themes and the agenda skeleton (its items keep their place relative to the start).
 */
export async function copyForumSession(
  actorId: number,
  id: number,
  startsAt: Date,
  outer?: Transaction,
): Promise<ForumSession | undefined> {
  const result = await write(actorId, "forum_session.copy", { type: "forum_session", id: "new" }, async (tx) => {
    const [source] = await tx.select().from(forumSessions).where(eq(forumSessions.id, id));
    if (!source) return null;
    const [copy] = await tx
      .insert(forumSessions)
      .values({
        title: source.title,
        descriptionMd: source.descriptionMd,
        descriptionHtml: source.descriptionHtml,
        startsAt,
        endsAt: addOsloMinutes(startsAt, wallClockMinutes(source.startsAt, source.endsAt)),
        meetingUrl: source.meetingUrl,
        copiedFromId: source.id,
        createdBy: actorId,
      })
      .returning();
    await tx.execute(sql`
      insert into ${forumSessionThemes} (forum_session_id, theme_id)
      select ${copy!.id}, theme_id from ${forumSessionThemes} where forum_session_id = ${id}`);
    await tx.execute(sql`
      insert into ${agendaItems} (forum_session_id, position, start_offset_minutes, duration_minutes, title,
        presenter_member_id, presenter_name, presenter_organisation, description_md, description_html)
      select ${copy!.id}, position, start_offset_minutes, duration_minutes, title,
        presenter_member_id, presenter_name, presenter_organisation, description_md, description_html
      from ${agendaItems} where forum_session_id = ${id}`);
    return { before: null, after: { copiedFrom: id, ...snapshot(copy!) }, session: copy!, subjectId: copy!.id };
  }, outer);
  return result?.session;
}
