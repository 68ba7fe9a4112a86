import { and, eq, inArray, notExists } from "drizzle-orm";
import { emailOptOuts, emailOutbox, members, notifications, type NOTIFICATION_KINDS } from "../../db/schema";
import type { Transaction } from "~/db.server";
import { translator, type MessageKey } from "~/i18n/i18n";
import { publicUrl } from "~/lib/settings.server";

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notice {
  kind: NotificationKind;
  /** Filled into the kind's texts: `notification.<kind>` in the app, `email.<kind>.*` in mail. */
  params: Record<string, string>;
  /** A path on this site. */
  url: string;
}

/**
 * Tells members something, inside the transaction of the change it is about: a row in each member's
 * in-app list, and a mail in the outbox for those who have not turned that kind of email off.
 */
export async function notifyMembers(tx: Transaction, memberIds: number[], notice: Notice): Promise<void> {
  if (memberIds.length === 0) return;
  await tx
    .insert(notifications)
    .values(memberIds.map((memberId) => ({ memberId, kind: notice.kind, params: notice.params, url: notice.url })));
  // Mail goes out in bokmål: members have no stored language yet.
  const t = translator("nb");
  const params = { ...notice.params, url: `${publicUrl()}${notice.url}` };
  const subject = t(`email.${notice.kind}.subject` as MessageKey, params);
  const body = t(`email.${notice.kind}.body` as MessageKey, params);
  const recipients = await tx
    .select({ email: members.email })
    .from(members)
    .where(
      and(
        inArray(members.id, memberIds),
        eq(members.status, "approved"),
        notExists(
          tx
            .select()
            .from(emailOptOuts)
            .where(and(eq(emailOptOuts.memberId, members.id), eq(emailOptOuts.kind, notice.kind))),
        ),
      ),
    );
  if (recipients.length === 0) return;
  await tx.insert(emailOutbox).values(recipients.map((r) => ({ toAddress: r.email, subject, bodyText: body })));
}
