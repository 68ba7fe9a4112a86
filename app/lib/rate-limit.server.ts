import { data, type AppLoadContext } from "@remix-run/node";
import type { StaticHandlerContext } from "@remix-run/router";
import { inArray, sql } from "drizzle-orm";
import stylesheet from "../../styles/app.css?url";
import { rateLimits } from "../../db/schema";
import { clientAddress } from "./http.server";
import { settings } from "./settings.server";
import { db, type Database } from "~/db.server";
import { languageOf } from "~/i18n/language.server";
import type { FieldErrors } from "~/lib/forms";
import type { ViewerSummary } from "~/members/rights";
import { renderStatusPage } from "~/ui/status-page.server";

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

// A municipal office of twenty shares one address: per-address limits are far above per-member ones.
// Sign-in counts only failures (hit before, refunded on success), per account *and* address, so a
// stranger's guesses slow the stranger; the per-account ceiling is for guesses spread over many addresses.
export const LIMITS = {
  signInPerAccountAndAddress: { limit: 10, windowSeconds: 15 * MINUTE },
  signInPerAccount: { limit: 50, windowSeconds: 15 * MINUTE },
  signInPerAddress: { limit: 100, windowSeconds: 15 * MINUTE },
  passwordChangePerMember: { limit: 10, windowSeconds: 15 * MINUTE },
  signUpPerAddress: { limit: 100, windowSeconds: HOUR },
  resetPerAddress: { limit: 100, windowSeconds: HOUR },
  // Each request may mail the address's owner: keep a stranger from filling their inbox.
  resetPerEmail: { limit: 5, windowSeconds: HOUR },
  topicProposalPerMember: { limit: 30, windowSeconds: HOUR },
  commentPerMember: { limit: 30, windowSeconds: 10 * MINUTE },
  writeUpPerMember: { limit: 30, windowSeconds: HOUR },
  solutionProposalPerMember: { limit: 30, windowSeconds: HOUR },
  searchPerMember: { limit: 60, windowSeconds: MINUTE },
  searchPerAddress: { limit: 600, windowSeconds: MINUTE },
  downloadPerMember: { limit: 30, windowSeconds: 10 * MINUTE },
  downloadPerAddress: { limit: 120, windowSeconds: 10 * MINUTE },
} satisfies Record<string, RateLimit>;

/**
 * What members and visitors do often enough to need a ceiling. An approved member counts on their own
 * counter; a visitor or pending member on their address's, shared with everyone behind it. Posting is
 * for approved members only, so it has no address limit.
 */
const ACTIVITIES = {
  topicProposal: { perMember: LIMITS.topicProposalPerMember },
  comment: { perMember: LIMITS.commentPerMember },
  writeUp: { perMember: LIMITS.writeUpPerMember },
  solutionProposal: { perMember: LIMITS.solutionProposalPerMember },
  search: { perMember: LIMITS.searchPerMember, perAddress: LIMITS.searchPerAddress },
  download: { perMember: LIMITS.downloadPerMember, perAddress: LIMITS.downloadPerAddress },
} satisfies Record<string, { perMember: RateLimit; perAddress?: RateLimit }>;

export type Activity = keyof typeof ACTIVITIES;

/** A counter older than this has no window left to count in. */
export const LONGEST_WINDOW_SECONDS = Math.max(...Object.values(LIMITS).map((l) => l.windowSeconds));

let lastSetting: { raw: string | undefined; on: boolean } | undefined;

/** RATE_LIMITS (README "Configuration"): on unless a benchmark turned it off. */
export function rateLimitsOn(env: NodeJS.ProcessEnv = process.env): boolean {
  if (!lastSetting || lastSetting.raw !== env.RATE_LIMITS) lastSetting = { raw: env.RATE_LIMITS, on: settings(env).RATE_LIMITS === "on" };
  return lastSetting.on;
}

export interface LimitAnswer {
  allowed: boolean;
  /** Seconds until the window that refused resets; 0 when allowed. */
  retryAfter: number;
}

/**
 * Counts one hit for a key in a fixed window, atomically in Postgres so that the limit holds across
 * app processes. Answers whether the hit is within the limit and, if not, seconds until it resets.
 */
export async function hitRateLimit(key: string, { limit, windowSeconds }: RateLimit, database: Database = db()): Promise<LimitAnswer> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const [row] = await database
    .insert(rateLimits)
    .values({
      key,
      // A counter lost in a crash costs nothing: this statement's commit need not wait for the disk.
      windowStart: sql`(select now() from (select set_config('synchronous_commit', 'off', true)) as relaxed)`,
      hits: 1,
    })
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
  return hits <= limit ? { allowed: true, retryAfter: 0 } : { allowed: false, retryAfter: row?.retryAfter ?? windowSeconds };
}

/**
 * Counts a hit on every key; answers the first refusal (the longest wait), or allowed. Every key is
 * counted even after one refuses, so that a refused request costs the same as any other.
 */
export async function hitRateLimits(hits: [string, RateLimit][]): Promise<LimitAnswer> {
  if (!rateLimitsOn()) return { allowed: true, retryAfter: 0 };
  let retryAfter = 0;
  for (const [key, limit] of hits) {
    const hit = await hitRateLimit(key, limit);
    if (!hit.allowed) retryAfter = Math.max(retryAfter, hit.retryAfter);
  }
  return { allowed: retryAfter === 0, retryAfter };
}

/** The counter one request of `activity` counts on: the approved member's own, else the address's. */
export function activityKey(activity: Activity, viewer: ViewerSummary | null | undefined, context: AppLoadContext): [string, RateLimit] | undefined {
  const limits: { perMember: RateLimit; perAddress?: RateLimit } = ACTIVITIES[activity];
  if (viewer?.status === "approved") return [`${activity}:member:${viewer.id}`, limits.perMember];
  return limits.perAddress ? [`${activity}:address:${clientAddress(context)}`, limits.perAddress] : undefined;
}

/** Counts one `activity` by the viewer (ACTIVITIES says whose counter) and answers whether it is within the limit. */
export async function hitActivityLimit(activity: Activity, viewer: ViewerSummary | null | undefined, context: AppLoadContext): Promise<LimitAnswer> {
  const key = activityKey(activity, viewer, context);
  return key ? hitRateLimits([key]) : { allowed: true, retryAfter: 0 };
}

/** Takes back hits that turned out to be ordinary use (a sign-in that succeeded). */
export async function refundRateLimits(keys: string[]): Promise<void> {
  if (keys.length === 0 || !rateLimitsOn()) return;
  await db()
    .update(rateLimits)
    .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
    .where(inArray(rateLimits.key, keys));
}

export function retryAfterMinutes(retryAfter: number): number {
  return Math.max(1, Math.ceil(retryAfter / 60));
}

/**
 * The answer to a form sent too often: the reply the form is shown again with (what was typed), the
 * message above it with the minutes to wait (`retryAfterMinutes`, which FormAlert reads), and `Retry-After`.
 */
export function tooOften<Reply extends object>(retryAfter: number, reply: Reply, message: TooOftenMessage = "limits.posting") {
  return data({ ...reply, ...tooOftenReply(retryAfter, message) }, tooOftenInit(retryAfter));
}

type TooOftenMessage = "members.tooMany" | "limits.posting";

/** The message above a form sent too often, and the minutes it names. */
export function tooOftenReply(retryAfter: number, message: TooOftenMessage = "limits.posting"): { errors: FieldErrors; retryAfterMinutes: number } {
  const minutes = retryAfterMinutes(retryAfter);
  return { errors: { form: [`${message}.${minutes === 1 ? "one" : "other"}`] }, retryAfterMinutes: minutes };
}

export function tooOftenInit(retryAfter: number): ResponseInit {
  return { status: 429, headers: { "Retry-After": String(retryAfter) } };
}

/** Sign-in, sign-up, reset and password change sent too often: the message above the form, the email kept. */
export function tooManyAttempts(retryAfter: number, values: Record<string, string> = {}) {
  return tooOften(retryAfter, { values }, "members.tooMany");
}

/** A download or feed asked for too often: the 429 status page in the reader's language, with `Retry-After`. */
export async function tooManyRequestsPage(request: Request, retryAfter: number): Promise<Response> {
  const html = renderStatusPage(429, await languageOf(request), stylesheet);
  return new Response(html, {
    status: 429,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(retryAfter), "Cache-Control": "no-store" },
  });
}

/** A resource route's guard: throws the 429 page when the viewer has downloaded too much. */
export async function limitDownload(request: Request, context: AppLoadContext, viewer: ViewerSummary | null | undefined): Promise<void> {
  const limit = await hitActivityLimit("download", viewer, context);
  if (!limit.allowed) throw await tooManyRequestsPage(request, limit.retryAfter);
}

/**
 * The `Retry-After` a refusing action or loader set, for the document response: Remix passes a route's
 * headers on only through a `headers` export, and every page that may answer 429 would need one.
 */
export function retryAfterOf(context: Pick<StaticHandlerContext, "actionHeaders" | "loaderHeaders">): string | undefined {
  for (const headers of [...Object.values(context.actionHeaders), ...Object.values(context.loaderHeaders)]) {
    const retryAfter = headers.get("Retry-After");
    if (retryAfter) return retryAfter;
  }
  return undefined;
}

/** A route's `headers`: a document answer to a refused form carries the action's `Retry-After` too. */
export function retryAfterHeaders({ actionHeaders }: { actionHeaders: Headers }): HeadersInit {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : {};
}
