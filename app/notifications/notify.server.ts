import { and, eq, inArray, notExists } from "drizzle-orm";
import { emailOptOuts, emailOutbox, members, notifications, type NOTIFICATION_KINDS } from "../../db/schema";
import type { Email } from "./email.server";
import type { Transaction } from "~/db.server";
import { translator, type Language, type MessageKey } from "~/i18n/i18n";
import { localiseParams } from "./notification-text";
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
 * Puts mail in the outbox inside the transaction of the change it is about, so it goes out exactly when
 * the change is kept, and never while a request waits. Wake the worker (`kickOutbox`) after the commit.
 */
export async function queueEmail(tx: Transaction, emails: Email[]): Promise<void> {
  if (emails.length === 0) return;
  await tx.insert(emailOutbox).values(emails.map((e) => ({ toAddress: e.to, subject: e.subject, bodyText: e.text })));
}

/** One mail of a kind in a language: `email.<key>.subject` and `email.<key>.body`. */
export function composeEmail(to: string, language: Language, key: string, params: Record<string, string>): Email {
  const t = translator(language);
  return {
    to,
    subject: t(`email.${key}.subject` as MessageKey, params),
    text: t(`email.${key}.body` as MessageKey, params),
  };
}

/**
 * Tells members something, inside the transaction of the change it is about: a row in each member's
 * in-app list, and a mail in the outbox, in each member's language, for those who have not turned that
 * kind of email off.
 */
export async function notifyMembers(tx: Transaction, memberIds: number[], notice: Notice): Promise<void> {
  if (memberIds.length === 0) return;
  await tx
    .insert(notifications)
    .values(memberIds.map((memberId) => ({ memberId, kind: notice.kind, params: notice.params, url: notice.url })));
  const recipients = await tx
    .select({ email: members.email, language: members.language })
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
  const url = `${publicUrl()}${notice.url}`;
  // One text per language, however many recipients share it, with times and statuses written for the reader.
  const texts = new Map<Language, Email>();
  const emails = recipients.map(({ email, language }) => {
    let text = texts.get(language);
    if (!text) {
      const params = { ...localiseParams(translator(language), language, notice.params), url };
      text = composeEmail("", language, notice.kind, params);
      texts.set(language, text);
    }
    return { ...text, to: email };
  });
  await queueEmail(tx, emails);
}
