import { and, count, desc, eq, isNull, notInArray, sql } from "drizzle-orm";
import { emailOptOuts, notifications } from "../../db/schema";
import { NOTIFICATION_KINDS } from "../../db/schema/notification-values";
import { db } from "~/db.server";
import type { NotificationKind } from "./notify.server";

export const NOTIFICATIONS_PER_PAGE = 20;

/** One page of a member's notifications, newest first, and whether an older page follows. */
export async function listNotifications(memberId: number, page = 1) {
  const rows = await db()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      params: notifications.params,
      url: notifications.url,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.memberId, memberId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PER_PAGE + 1)
    .offset((page - 1) * NOTIFICATIONS_PER_PAGE);
  return { notifications: rows.slice(0, NOTIFICATIONS_PER_PAGE), hasOlder: rows.length > NOTIFICATIONS_PER_PAGE };
}

/** Runs on every page for a signed-in viewer: answered from the partial index of unread rows. */
export async function countUnreadNotifications(memberId: number): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the member's own notifications read and answers its link; another's is undefined. */
export async function markNotificationRead(memberId: number, id: number): Promise<{ url: string } | undefined> {
  const [row] = await db()
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.memberId, memberId)))
    .returning({ url: notifications.url });
  return row;
}

/** Answers how many were unread. */
export async function markAllNotificationsRead(memberId: number): Promise<number> {
  const rows = await db()
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** For each kind, whether the member gets it by email (the default, until they turn it off). */
export async function getEmailPreferences(memberId: number): Promise<Record<NotificationKind, boolean>> {
  const optedOut = await db()
    .select({ kind: emailOptOuts.kind })
    .from(emailOptOuts)
    .where(eq(emailOptOuts.memberId, memberId));
  const off = new Set(optedOut.map((row) => row.kind));
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, !off.has(kind)])) as Record<NotificationKind, boolean>;
}

/** Email on for exactly the given kinds, off for the rest. */
export async function setEmailPreferences(memberId: number, emailed: readonly NotificationKind[]): Promise<void> {
  const off = NOTIFICATION_KINDS.filter((kind) => !emailed.includes(kind));
  await db().transaction(async (tx) => {
    await tx
      .delete(emailOptOuts)
      .where(
        off.length > 0
          ? and(eq(emailOptOuts.memberId, memberId), notInArray(emailOptOuts.kind, off))
          : eq(emailOptOuts.memberId, memberId),
      );
    if (off.length > 0) {
      await tx
        .insert(emailOptOuts)
        .values(off.map((kind) => ({ memberId, kind })))
        .onConflictDoNothing();
    }
  });
}
