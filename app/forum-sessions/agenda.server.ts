import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { agendaItems, members, municipalities, type AgendaItem } from "../../db/schema";
import { db } from "~/db.server";
import { audited } from "~/lib/audit.server";
import { renderMarkdown } from "~/lib/markdown.server";

export interface AgendaItemInput {
  startOffsetMinutes: number;
  durationMinutes: number;
  title: string;
  presenterMemberId: number | null;
  presenterName: string | null;
  presenterOrganisation: string | null;
  description: string;
  topicId: number | null;
}

/** What pages and calendars show of an agenda item, with the presenting member's name and municipality. */
const shownColumns = {
  id: agendaItems.id,
  forumSessionId: agendaItems.forumSessionId,
  position: agendaItems.position,
  startOffsetMinutes: agendaItems.startOffsetMinutes,
  durationMinutes: agendaItems.durationMinutes,
  title: agendaItems.title,
  descriptionHtml: agendaItems.descriptionHtml,
  topicId: agendaItems.topicId,
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
    topicId: input.topicId,
  };
}

const snapshot = (item: AgendaItem) => ({
  position: item.position,
  startOffsetMinutes: item.startOffsetMinutes,
  durationMinutes: item.durationMinutes,
  title: item.title,
});

export async function addAgendaItem(actorId: number, forumSessionId: number, input: AgendaItemInput): Promise<AgendaItem> {
  const result = await audited(actorId, "agenda_item.create", { type: "agenda_item", id: "new" }, async (tx) => {
    const [item] = await tx
      .insert(agendaItems)
      .values({
        forumSessionId,
        position: sql`coalesce((select max(position) + 1 from ${agendaItems} where forum_session_id = ${forumSessionId}), 0)`,
        ...columns(input),
      })
      .returning();
    return { before: null, after: { forumSessionId, ...snapshot(item!) }, item: item!, subjectId: item!.id };
  });
  return result!.item;
}

export async function updateAgendaItem(actorId: number, forumSessionId: number, itemId: number, input: AgendaItemInput) {
  const result = await audited(actorId, "agenda_item.update", { type: "agenda_item", id: itemId }, async (tx) => {
    const [before] = await tx
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.id, itemId), eq(agendaItems.forumSessionId, forumSessionId)))
      .for("update");
    if (!before) return null;
    const [after] = await tx
      .update(agendaItems)
      .set({ ...columns(input), updatedAt: sql`now()` })
      .where(eq(agendaItems.id, itemId))
      .returning();
    return { before: snapshot(before), after: snapshot(after!), item: after! };
  });
  return result?.item;
}

export async function removeAgendaItem(actorId: number, forumSessionId: number, itemId: number): Promise<boolean> {
  const result = await audited(actorId, "agenda_item.delete", { type: "agenda_item", id: itemId }, async (tx) => {
    const [removed] = await tx
      .delete(agendaItems)
      .where(and(eq(agendaItems.id, itemId), eq(agendaItems.forumSessionId, forumSessionId)))
      .returning();
    return removed ? { before: snapshot(removed), after: null } : null;
  });
  return Boolean(result);
}

/** Swaps an item with its neighbour above or below; false when it is already first or last. */
export async function moveAgendaItem(
  actorId: number,
  forumSessionId: number,
  itemId: number,
  direction: "up" | "down",
): Promise<boolean> {
  const result = await audited(actorId, `agenda_item.move_${direction}`, { type: "agenda_item", id: itemId }, async (tx) => {
    // Lock the whole agenda: two coordinators reordering at once must not lose a move.
    const items = await tx
      .select({ id: agendaItems.id, position: agendaItems.position })
      .from(agendaItems)
      .where(eq(agendaItems.forumSessionId, forumSessionId))
      .orderBy(asc(agendaItems.position), asc(agendaItems.id))
      .for("update");
    const index = items.findIndex((i) => i.id === itemId);
    const other = items[direction === "up" ? index - 1 : index + 1];
    if (index < 0 || !other) return null;
    // Renumber 0..n-1 with the two swapped, so that ties from older data never confuse the order.
    const order = items.map((i) => i.id);
    [order[index], order[items.indexOf(other)]] = [other.id, itemId];
    for (const [position, id] of order.entries()) {
      if (items.find((i) => i.id === id)!.position !== position) {
        await tx.update(agendaItems).set({ position }).where(eq(agendaItems.id, id));
      }
    }
    return { before: { position: index }, after: { position: items.indexOf(other) } };
  });
  return Boolean(result);
}
