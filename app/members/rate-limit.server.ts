import { data } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { rateLimits } from "../../db/schema";
import { db, type Database } from "~/db.server";
import type { FieldErrors } from "~/lib/forms";

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export const LIMITS = {
  signInPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  signInPerAddress: { limit: 50, windowSeconds: 15 * 60 },
  signUpPerAddress: { limit: 10, windowSeconds: 60 * 60 },
  resetPerAddress: { limit: 10, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimit>;

/** A counter older than this has no window left to count in. */
export const LONGEST_WINDOW_SECONDS = Math.max(...Object.values(LIMITS).map((l) => l.windowSeconds));

/**
 * Counts one hit for a key in a fixed window, atomically in Postgres so that the limit holds across
 * app processes. Answers whether the hit is within the limit and, if not, seconds until it resets.
 */
export async function hitRateLimit(key: string, { limit, windowSeconds }: RateLimit, database: Database = db()) {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const [row] = await database
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${rateLimits.windowStart} <= now() - ${window} then 1 else ${rateLimits.hits} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= now() - ${window} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      hits: rateLimits.hits,
      retryAfter: sql<number>`greatest(1, ceil(extract(epoch from (${rateLimits.windowStart} + ${window} - now()))))::int`,
    });
  const hits = row?.hits ?? 1;
  return { allowed: hits <= limit, retryAfter: row?.retryAfter ?? windowSeconds };
}

/** The answer to a form sent too often: the message above the form, what was typed, and when to try again. */
export function tooManyAttempts(retryAfter: number, values: Record<string, string> = {}) {
  const errors: FieldErrors = { form: ["error.tooMany.body"] };
  return data({ errors, values }, { status: 429, headers: { "Retry-After": String(retryAfter) } });
}
