import { data } from "@remix-run/node";
import { inArray, sql } from "drizzle-orm";
import { rateLimits } from "../../db/schema";
import { db, type Database } from "~/db.server";
import type { FieldErrors } from "~/lib/forms";

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

// A municipal office of twenty shares one address: per-address limits are far above per-account ones.
// Sign-in counts only failures (hit before, refunded on success), per account *and* address, so a
// stranger's guesses slow the stranger; the per-account ceiling is for guesses spread over many addresses.
export const LIMITS = {
  signInPerAccountAndAddress: { limit: 10, windowSeconds: 15 * 60 },
  signInPerAccount: { limit: 50, windowSeconds: 15 * 60 },
  signInPerAddress: { limit: 100, windowSeconds: 15 * 60 },
  passwordChangePerMember: { limit: 10, windowSeconds: 15 * 60 },
  signUpPerAddress: { limit: 100, windowSeconds: 60 * 60 },
  resetPerAddress: { limit: 100, windowSeconds: 60 * 60 },
  // Each request may mail the address's owner: keep a stranger from filling their inbox.
  resetPerEmail: { limit: 5, windowSeconds: 60 * 60 },
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

/**
 * Counts a hit on every key; answers the first refusal (the longest wait), or allowed. Every key is
 * counted even after one refuses, so that a refused request costs the same as any other.
 */
export async function hitRateLimits(hits: [string, RateLimit][]): Promise<{ allowed: boolean; retryAfter: number }> {
  let retryAfter = 0;
  for (const [key, limit] of hits) {
    const hit = await hitRateLimit(key, limit);
    if (!hit.allowed) retryAfter = Math.max(retryAfter, hit.retryAfter);
  }
  return { allowed: retryAfter === 0, retryAfter };
}

/** Takes back hits that turned out to be ordinary use (a sign-in that succeeded). */
export async function refundRateLimits(keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db()
    .update(rateLimits)
    .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
    .where(inArray(rateLimits.key, keys));
}

/** The answer to a form sent too often: the message above the form (with the minutes to wait), what was typed, and `Retry-After`. */
export function tooManyAttempts(retryAfter: number, values: Record<string, string> = {}) {
  const retryAfterMinutes = Math.max(1, Math.ceil(retryAfter / 60));
  const errors: FieldErrors = { form: [retryAfterMinutes === 1 ? "members.tooMany.one" : "members.tooMany.other"] };
  return data(
    { errors, values, retryAfterMinutes },
    { status: 429, headers: { "Retry-After": String(retryAfter) } },
  );
}

/** A route's `headers`: a document answer to a refused form carries the action's `Retry-After` too. */
export function retryAfterHeaders({ actionHeaders }: { actionHeaders: Headers }): HeadersInit {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : {};
}
