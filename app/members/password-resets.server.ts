import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { passwordResets } from "../../db/schema";
import { generateSessionToken, invalidateOtherAuthSessions, sessionIdOf } from "./auth-sessions.server";
import { findMemberByEmail, setPassword } from "./members.server";
import { db } from "~/db.server";
import { publicUrl } from "~/lib/settings.server";
import { composeEmail, queueEmail } from "~/notifications/notify.server";
import { kickOutbox } from "~/notifications/outbox.server";

const HOUR = 60 * 60 * 1000;

/**
 * Queues a one-hour, one-use link when the address belongs to a member; silent otherwise. Nothing is
 * sent while the request waits, so the answer and its timing are the same whether the address is known
 * and whether the mail server is up.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const member = await findMemberByEmail(email);
  if (!member) return;
  const token = generateSessionToken();
  await db().transaction(async (tx) => {
    await tx
      .insert(passwordResets)
      .values({ id: sessionIdOf(token), memberId: member.id, expiresAt: new Date(Date.now() + HOUR) });
    const params = { name: member.name, url: `${publicUrl()}/reset-password/${token}` };
    await queueEmail(tx, [composeEmail(member.email, member.language, "reset", params)]);
  });
  kickOutbox();
}

const usable = (token: string) =>
  and(eq(passwordResets.id, sessionIdOf(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`));

export async function isPasswordResetUsable(token: string): Promise<boolean> {
  const [reset] = await db().select({ id: passwordResets.id }).from(passwordResets).where(usable(token));
  return Boolean(reset);
}

/**
 * Uses the link once: sets the password (which spends every other link of the member) and signs the
 * member out everywhere. False if it was not usable.
 */
export async function resetPassword(token: string, password: string): Promise<boolean> {
  const [used] = await db()
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(usable(token))
    .returning({ memberId: passwordResets.memberId });
  if (!used) return false;
  await setPassword(used.memberId, password);
  await invalidateOtherAuthSessions(used.memberId);
  return true;
}
