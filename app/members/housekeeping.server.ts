import { isNotNull, lt, or, sql } from "drizzle-orm";
import { passwordResets, rateLimits, userSessions } from "../../db/schema";
import { LONGEST_WINDOW_SECONDS } from "~/lib/rate-limit.server";
import { db } from "~/db.server";

/** Deletes what can no longer be used: expired sign-in sessions, used or expired reset links, passed rate-limit windows. */
export async function pruneExpiredSignInRecords(): Promise<void> {
  await db().delete(userSessions).where(lt(userSessions.expiresAt, sql`now()`));
  await db()
    .delete(passwordResets)
    .where(or(isNotNull(passwordResets.usedAt), lt(passwordResets.expiresAt, sql`now()`)));
  await db()
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, sql`now() - make_interval(secs => ${LONGEST_WINDOW_SECONDS})`));
}
