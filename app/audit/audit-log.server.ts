import { TZDate } from "@date-fns/tz";
import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { adoptions, agendaItems, auditEvents, experiences, forumSessions, members, municipalities, organisations, solutions, topics, type MemberRole } from "../../db/schema";
import { db } from "~/db.server";
import { parseIsoDate, TIME_ZONE } from "~/lib/dates";

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export holds: a filter narrows a longer log. */
export const AUDIT_EXPORT_CAP = 20_000;

export interface AuditFilters {
  actorId?: number;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** YYYY-MM-DD, Oslo days, both included. */
  from?: string;
  to?: string;
}

/** The filters and page of the log from its query string; a value that makes no sense reads as "all". */
export function readAuditQuery(params: URLSearchParams): { filters: AuditFilters; page: number } {
  const text = (name: string, max = 100) => {
    const value = params.get(name)?.trim() ?? "";
    return value && value.length <= max ? value : undefined;
  };
  const actor = Number(text("actor"));
  const page = Number(params.get("page"));
  return {
    filters: {
      actorId: Number.isSafeInteger(actor) && actor > 0 ? actor : undefined,
      action: text("action"),
      subjectType: text("type"),
      subjectId: text("id"),
      from: parseIsoDate(text("from") ?? "", 2000),
      to: parseIsoDate(text("to") ?? "", 2000),
    },
    page: Number.isSafeInteger(page) && page > 1 && page <= 100_000 ? page : 1,
  };
}

/** The query string of a filtered log (and page), as the form sends it. */
export function auditQueryString(filters: AuditFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.actorId) params.set("actor", String(filters.actorId));
  if (filters.action) params.set("action", filters.action);
  if (filters.subjectType) params.set("type", filters.subjectType);
  if (filters.subjectId) params.set("id", filters.subjectId);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** Midnight in Oslo at the start of a YYYY-MM-DD day, `plusDays` later. */
function osloMidnight(day: string, plusDays = 0): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date + plusDays, 0, 0, TIME_ZONE).getTime());
}

function whereOf(filters: AuditFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.actorId) conditions.push(eq(auditEvents.actorId, filters.actorId));
  if (filters.action) conditions.push(eq(auditEvents.action, filters.action));
  if (filters.subjectType) conditions.push(eq(auditEvents.subjectType, filters.subjectType));
  if (filters.subjectId) conditions.push(eq(auditEvents.subjectId, filters.subjectId));
  if (filters.from) conditions.push(gte(auditEvents.createdAt, osloMidnight(filters.from)));
  if (filters.to) conditions.push(lt(auditEvents.createdAt, osloMidnight(filters.to, 1)));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

function selectEvents(filters: AuditFilters) {
  return db()
    .select({
      id: auditEvents.id,
      createdAt: auditEvents.createdAt,
      actorId: auditEvents.actorId,
      actorName: members.name,
      actorRole: members.role,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(members, eq(members.id, auditEvents.actorId))
    .where(whereOf(filters))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id));
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

function shown(value: unknown, max: number): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The fields an event changed, each as before → after, texts cut at `max` characters. A field the
 * same on both sides is left out; a new record has only "after", a removed one only "before".
 */
export function changedFields(before: unknown, after: unknown, max = 120): FieldChange[] {
  const from = isRecord(before) ? before : before == null ? {} : { value: before };
  const to = isRecord(after) ? after : after == null ? {} : { value: after };
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return fields
    .filter((field) => JSON.stringify(from[field] ?? null) !== JSON.stringify(to[field] ?? null))
    .map((field) => ({ field, before: shown(from[field], max), after: shown(to[field], max) }));
}

interface Target {
  href?: string;
  /** What the target is called (a member's name, a session's title), so a row reads without following its link. */
  name?: string;
}

type Lookup = (ids: number[]) => Promise<{ id: number; name?: string; href?: string }[]>;

const byIds = <T extends { id: number }>(ids: number[], query: (ids: number[]) => Promise<T[]>) => (ids.length ? query(ids) : Promise.resolve([]));

/** Per kind of target: its name and page, looked up for a page's events at once. */
const LOOKUPS: Record<string, Lookup> = {
  member: (ids) =>
    db().select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, ids))
      .then((rows) => rows.map((r) => ({ ...r, href: `/members/${r.id}` }))),
  forum_session: (ids) =>
    db().select({ id: forumSessions.id, name: forumSessions.title }).from(forumSessions).where(inArray(forumSessions.id, ids))
      .then((rows) => rows.map((r) => ({ ...r, href: `/forum-sessions/${r.id}` }))),
  summary: (ids) => LOOKUPS.forum_session!(ids),
  agenda_item: (ids) =>
    db().select({ id: agendaItems.id, name: agendaItems.title, sessionId: agendaItems.forumSessionId }).from(agendaItems).where(inArray(agendaItems.id, ids))
      .then((rows) => rows.map((r) => ({ id: r.id, name: r.name, href: `/forum-sessions/${r.sessionId}/agenda/${r.id}` }))),
  topic: (ids) =>
    db().select({ id: topics.id, name: topics.title }).from(topics).where(inArray(topics.id, ids))
      .then((rows) => rows.map((r) => ({ ...r, href: `/topics/${r.id}` }))),
  comment: async (ids) => ids.map((id) => ({ id, href: `/comments/${id}` })),
  experience: (ids) =>
    db().select({ id: experiences.id, name: experiences.title }).from(experiences).where(inArray(experiences.id, ids))
      .then((rows) => rows.map((r) => ({ ...r, href: `/experiences/${r.id}` }))),
  solution: (ids) =>
    db().select({ id: solutions.id, name: solutions.name }).from(solutions).where(inArray(solutions.id, ids))
      .then((rows) => rows.map((r) => ({ ...r, href: `/solutions/by-id/${r.id}` }))),
  organisation: (ids) =>
    db().select({ id: organisations.id, name: organisations.name, slug: organisations.slug }).from(organisations).where(inArray(organisations.id, ids))
      .then((rows) => rows.map((r) => ({ id: r.id, name: r.name, href: `/organisations/${r.slug}` }))),
  adoption: (ids) =>
    db()
      .select({ id: adoptions.id, solution: solutions.name, solutionId: adoptions.solutionId, municipality: municipalities.name })
      .from(adoptions)
      .innerJoin(solutions, eq(solutions.id, adoptions.solutionId))
      .innerJoin(municipalities, eq(municipalities.number, adoptions.municipalityNumber))
      .where(inArray(adoptions.id, ids))
      .then((rows) => rows.map((r) => ({ id: r.id, name: `${r.solution}, ${r.municipality}`, href: `/solutions/by-id/${r.solutionId}` }))),
};

/** The names and pages of a page's targets, by "type:id"; a target since deleted has neither. */
async function targetsOf(events: readonly { subjectType: string; subjectId: string }[]): Promise<Map<string, Target>> {
  const targets = new Map<string, Target>();
  await Promise.all(
    Object.entries(LOOKUPS).map(async ([type, lookup]) => {
      const ids = [...new Set(events.filter((e) => e.subjectType === type && /^\d{1,15}$/.test(e.subjectId)).map((e) => Number(e.subjectId)))];
      for (const found of await byIds(ids, lookup)) targets.set(`${type}:${found.id}`, { name: found.name, href: found.href });
    }),
  );
  return targets;
}

export interface AuditRow {
  id: number;
  createdAt: Date;
  actorId: number | null;
  actorName: string | null;
  actorRole: MemberRole | null;
  action: string;
  subjectType: string;
  subjectId: string;
  href: string | null;
  targetName: string | null;
  changes: FieldChange[];
}

async function withLinks(
  rows: Awaited<ReturnType<typeof selectEvents>>,
  max: number,
): Promise<AuditRow[]> {
  const targets = await targetsOf(rows);
  return rows.map(({ before, after, ...row }) => {
    const target = targets.get(`${row.subjectType}:${row.subjectId}`);
    return { ...row, href: target?.href ?? null, targetName: target?.name ?? null, changes: changedFields(before, after, max) };
  });
}

/** One page of the filtered log, newest first, with how many events it has in all. */
export async function listAuditEvents(filters: AuditFilters, page: number) {
  const [rows, [total]] = await Promise.all([
    selectEvents(filters).limit(AUDIT_PAGE_SIZE).offset((page - 1) * AUDIT_PAGE_SIZE),
    db().select({ n: count() }).from(auditEvents).where(whereOf(filters)),
  ]);
  const events = await withLinks(rows, 120);
  return { events, total: total!.n, pageCount: Math.max(1, Math.ceil(total!.n / AUDIT_PAGE_SIZE)) };
}

/** The filtered log for a CSV, newest first, at most AUDIT_EXPORT_CAP events; texts cut at 1,000 characters. */
export async function auditEventsForExport(filters: AuditFilters): Promise<AuditRow[]> {
  return withLinks(await selectEvents(filters).limit(AUDIT_EXPORT_CAP), 1000);
}

/** What the filters offer: the members who appear in the log, its actions and its kinds of target. */
export async function auditFilterChoices() {
  const [actors, actions, types] = await Promise.all([
    db()
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(sql`exists (select 1 from ${auditEvents} where ${auditEvents.actorId} = ${members.id})`)
      .orderBy(asc(members.name), asc(members.id)),
    db().selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(asc(auditEvents.action)),
    db().selectDistinct({ type: auditEvents.subjectType }).from(auditEvents).orderBy(asc(auditEvents.subjectType)),
  ]);
  return { actors, actions: actions.map((a) => a.action), subjectTypes: types.map((t) => t.type) };
}
