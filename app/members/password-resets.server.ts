import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { passwordResets } from "../../db/schema";
import { generateSessionToken, invalidateOtherAuthSessions, sessionIdOf } from "./auth-sessions.server";
import { findMemberByEmail, setPassword } from "./members.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { sendEmail } from "~/notifications/email.server";
import { publicUrl } from "~/lib/settings.server";

const HOUR = 60 * 60 * 1000;

/** Emails a one-hour, one-use link when the address belongs to a member; silent otherwise. */
export async function requestPasswordReset(email: string): Promise<void> {
  const member = await findMemberByEmail(email);
  if (!member) return;
  const token = generateSessionToken();
  await db()
    .insert(passwordResets)
    .values({ id: sessionIdOf(token), memberId: member.id, expiresAt: new Date(Date.now() + HOUR) });
  const t = translator("nb");
  await sendEmail({
    to: member.email,
    subject: t("email.reset.subject"),
    text: t("email.reset.body", { name: member.name, url: `${publicUrl()}/reset-password/${token}` }),
  });
}

export async function isPasswordResetUsable(token: string): Promise<boolean> {
  const [reset] = await db()
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .where(
      and(eq(passwordResets.id, sessionIdOf(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)),
    );
  return Boolean(reset);
}

/** Uses the link once: sets the password and signs the member out everywhere. False if it was not usable. */
export async function resetPassword(token: string, password: string): Promise<boolean> {
  const [used] = await db()
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(
      and(eq(passwordResets.id, sessionIdOf(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)),
    )
    .returning({ memberId: passwordResets.memberId });
  if (!used) return false;
  await setPassword(used.memberId, password);
  await invalidateOtherAuthSessions(used.memberId);
  return true;
}
