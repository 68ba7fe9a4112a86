import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { agendaItems, forumSessions, members, municipalities, solutions, topics, type AgendaItem } from "../../db/schema";
import { moveInAgenda, placeByTime } from "./agenda";
import { db, type Transaction } from "~/db.server";
import { audited } from "~/lib/audit.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { topicLeftAgenda } from "~/topics/topics.server";

export interface AgendaItemInput {
  startOffsetMinutes: number;
  durationMinutes: number;
  title: string;
  presenterMemberId: number | null;
  presenterName: string | null;
  presenterOrganisation: string | null;
  description: string;
  /** Set only when a topic is scheduled (topics.server.ts); an edit keeps the item's topic. */
  topicId?: number | null;
  /** The catalogue solution it presents (an accepted one, checked by the form). */
  solutionId?: number | null;
}

/**
 * What pages and calendars show of an agenda item, with the presenting member's name and municipality
 * and the title of the topic it came from (the link back along the chain topic → agenda → summary), and the
 * catalogue solution it presented.
 */
const shownColumns = {
  id: agendaItems.id,
  forumSessionId: agendaItems.forumSessionId,
  position: agendaItems.position,
  startOffsetMinutes: agendaItems.startOffsetMinutes,
  durationMinutes: agendaItems.durationMinutes,
  title: agendaItems.title,
  descriptionHtml: agendaItems.descriptionHtml,
  topicId: agendaItems.topicId,
  topicTitle: topics.title,
  solutionId: agendaItems.solutionId,
  solutionName: solutions.name,
  solutionSlug: solutions.slug,
  presenterMemberId: agendaItems.presenterMemberId,
  presenterMemberName: members.name,
  presenterMunicipality: municipalities.name,
  presenterName: agendaItems.presenterName,
  presenterOrganisation: agendaItems.presenterOrganisation,
};

function selectAgendaItems<Extra extends Record<string, PgColumn>>(where: SQL | undefined, extra: Extra) {
  return db()
    .select({ ...shownColumns, ...extra })
    .from(agendaItems)
    .leftJoin(members, eq(members.id, agendaItems.presenterMemberId))
    .leftJoin(municipalities, eq(municipalities.number, members.municipalityNumber))
    .leftJoin(topics, eq(topics.id, agendaItems.topicId))
    .leftJoin(solutions, and(eq(solutions.id, agendaItems.solutionId), eq(solutions.review, "accepted")))
    .where(where)
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
}

/** One forum session's agenda, in order. */
export async function getAgenda(forumSessionId: number) {
  return selectAgendaItems(eq(agendaItems.forumSessionId, forumSessionId), {});
}

/** The agendas of several forum sessions at once (a calendar feed), with when each item last changed. */
export async function getAgendas(forumSessionIds: number[]) {
  if (forumSessionIds.length === 0) return [];
  return selectAgendaItems(inArray(agendaItems.forumSessionId, forumSessionIds), { updatedAt: agendaItems.updatedAt });
}

/** One item as its edit form needs it: the markdown as written and the presenter's email. */
export async function getAgendaItemForEdit(forumSessionId: number, itemId: number) {
  const [item] = await selectAgendaItems(and(eq(agendaItems.forumSessionId, forumSessionId), eq(agendaItems.id, itemId)), {
    descriptionMd: agendaItems.descriptionMd,
    presenterMemberEmail: members.email,
    version: agendaItems.version,
  });
  return item;
}

export type AgendaEntry = Awaited<ReturnType<typeof getAgenda>>[number];

function columns(input: AgendaItemInput) {
  return {
    startOffsetMinutes: input.startOffsetMinutes,
    durationMinutes: input.durationMinutes,
    title: input.title,
    presenterMemberId: input.presenterMemberId,
    presenterName: input.presenterMemberId ? null : input.presenterName,
    presenterOrganisation: input.presenterMemberId ? null : input.presenterOrganisation,
    descriptionMd: input.description,
    descriptionHtml: renderMarkdown(input.description),
    ...(input.solutionId !== undefined ? { solutionId: input.solutionId } : {}),
  };
}

const snapshot = (item: AgendaItem) => ({
  position: item.position,
  startOffsetMinutes: item.startOffsetMinutes,
  durationMinutes: item.durationMinutes,
  title: item.title,
  version: item.version,
});

type Slot = Pick<AgendaItem, "id" | "position" | "startOffsetMinutes" | "durationMinutes">;

/**
 * Locks the forum session's row, then reads its agenda in order. Every agenda write takes this lock
 * first, so writers on one agenda queue up instead of locking items in different orders (which
 * deadlocked) or reading the same highest position (which doubled positions). NO KEY UPDATE is enough
 * to queue agenda writers and still lets registrations, which only reference the row, go on.
 */
async function lockAgenda(tx: Transaction, forumSessionId: number): Promise<Slot[] | null> {
  const [session] = await tx
    .select({ id: forumSessions.id })
    .from(forumSessions)
    .where(eq(forumSessions.id, forumSessionId))
    .for("no key update");
  if (!session) return null;
  return tx
    .select({
      id: agendaItems.id,
      position: agendaItems.position,
      startOffsetMinutes: agendaItems.startOffsetMinutes,
      durationMinutes: agendaItems.durationMinutes,
    })
    .from(agendaItems)
    .where(eq(agendaItems.forumSessionId, forumSessionId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
}

/** Numbers the items 0..n-1 in the given order, writing only those that change (the unique check waits for commit). */
async function renumber(tx: Transaction, ordered: Slot[]) {
  const changed = ordered.flatMap((item, position) => (item.position === position ? [] : [{ id: item.id, position }]));
  if (changed.length === 0) return;
  const cases = sql.join(
    changed.map((c) => sql`when ${c.id}::int then ${c.position}::int`),
    sql` `,
  );
  await tx
    .update(agendaItems)
    .set({ position: sql`case ${agendaItems.id} ${cases} end` })
    .where(inArray(agendaItems.id, changed.map((c) => c.id)));
}

/** Adds an item at the place its start time gives. With `tx`, inside that transaction (with another area's change). */
export async function addAgendaItem(
  actorId: number,
  forumSessionId: number,
  input: AgendaItemInput,
  tx?: Transaction,
): Promise<AgendaItem | undefined> {
  const result = await audited(
    actorId,
    "agenda_item.create",
    { type: "agenda_item", id: "new" },
    async (tx) => {
      const items = await lockAgenda(tx, forumSessionId);
      if (!items) return null;
      // Newest last among items at the same time: its id is not known yet, but it is the highest.
      const placeholder = { id: Number.MAX_SAFE_INTEGER, position: -1, ...input };
      const position = placeByTime(items, placeholder).indexOf(placeholder);
      const [item] = await tx
        .insert(agendaItems)
        .values({ forumSessionId, position, ...columns(input), topicId: input.topicId ?? null })
        .returning();
      await renumber(tx, placeByTime(items, { ...item!, position }));
      return { before: null, after: { forumSessionId, ...snapshot(item!) }, item: item!, subjectId: item!.id };
    },
    tx,
  );
  return result?.item;
}

export type AgendaItemUpdate = { ok: true; item: AgendaItem } | { ok: false; reason: "notFound" | "stale" };

/**
 * Saves an edit made on `version` of the item; refused as stale when it changed since (an edit, or a
 * move that gave it another time). A changed start time moves the item to the place that time gives.
 */
export async function updateAgendaItem(
  actorId: number,
  forumSessionId: number,
  itemId: number,
  input: AgendaItemInput & { version: number },
  tx?: Transaction,
): Promise<AgendaItemUpdate> {
  let reason: "notFound" | "stale" = "notFound";
  const result = await audited(
    actorId,
    "agenda_item.update",
    { type: "agenda_item", id: itemId },
    async (tx) => {
      const items = await lockAgenda(tx, forumSessionId);
      const [before] = items
        ? await tx.select().from(agendaItems).where(and(eq(agendaItems.id, itemId), eq(agendaItems.forumSessionId, forumSessionId)))
        : [];
      if (!items || !before) return null;
      if (before.version !== input.version) {
        reason = "stale";
        return null;
      }
      const [after] = await tx
        .update(agendaItems)
        .set({ ...columns(input), version: sql`${agendaItems.version} + 1`, updatedAt: sql`now()` })
        .where(eq(agendaItems.id, itemId))
        .returning();
      if (after!.startOffsetMinutes !== before.startOffsetMinutes) {
        await renumber(tx, placeByTime(items.filter((i) => i.id !== itemId), after!));
      }
      return { before: snapshot(before), after: snapshot(after!), item: after! };
    },
    tx,
  );
  return result ? { ok: true, item: result.item } : { ok: false, reason };
}

/** Removes an item, whatever changed in it meanwhile, and closes the gap it leaves in the order. */
export async function removeAgendaItem(actorId: number, forumSessionId: number, itemId: number, tx?: Transaction): Promise<boolean> {
  const result = await audited(
    actorId,
    "agenda_item.delete",
    { type: "agenda_item", id: itemId },
    async (tx) => {
      const items = await lockAgenda(tx, forumSessionId);
      if (!items) return null;
      const [removed] = await tx
        .delete(agendaItems)
        .where(and(eq(agendaItems.id, itemId), eq(agendaItems.forumSessionId, forumSessionId)))
        .returning();
      if (!removed) return null;
      await renumber(tx, items.filter((i) => i.id !== itemId));
      if (removed.topicId) await topicLeftAgenda(tx, actorId, removed.topicId);
      return { before: snapshot(removed), after: null };
    },
    tx,
  );
  return Boolean(result);
}

/**
 * Moves an item a step up or down; its time slot moves with it (see `moveInAgenda`). False when it is
 * already first or last. The items whose time changes get a new version, so an edit opened before the
 * move cannot put the old time back unseen.
 */
export async function moveAgendaItem(
  actorId: number,
  forumSessionId: number,
  itemId: number,
  direction: "up" | "down",
  tx?: Transaction,
): Promise<boolean> {
  const result = await audited(
    actorId,
    `agenda_item.move_${direction}`,
    { type: "agenda_item", id: itemId },
    async (tx) => {
      const items = await lockAgenda(tx, forumSessionId);
      const moved = items && moveInAgenda(items, itemId, direction);
      if (!items || !moved) return null;
      for (const item of moved) {
        const was = items.find((i) => i.id === item.id)!;
        if (was.startOffsetMinutes === item.startOffsetMinutes) continue;
        await tx
          .update(agendaItems)
          .set({ startOffsetMinutes: item.startOffsetMinutes, version: sql`${agendaItems.version} + 1`, updatedAt: sql`now()` })
          .where(eq(agendaItems.id, item.id));
      }
      await renumber(tx, moved);
      const slot = (list: Slot[]) => {
        const index = list.findIndex((i) => i.id === itemId);
        return { position: index, startOffsetMinutes: list[index]!.startOffsetMinutes };
      };
      return { before: slot(items), after: slot(moved) };
    },
    tx,
  );
  return Boolean(result);
}

/**
 * An agenda as a viewer may see it (decision 020): visitors see no person, only where a presenter is
 * from — the member's municipality, or the organisation of a presenter from outside. Members see names.
 */
export function agendaForViewer<Item extends Pick<AgendaEntry, "presenterMemberId" | "presenterMemberName" | "presenterName">>(agenda: Item[], seesNames: boolean): Item[] {
  if (seesNames) return agenda;
  return agenda.map((item) => ({ ...item, presenterMemberId: null, presenterMemberName: null, presenterName: null }));
}
