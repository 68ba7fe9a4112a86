import { isConnectionError, markDatabaseUnavailable, probeDatabase } from "~/db.server";
import { logger } from "~/lib/logger.server";
import { requestContext } from "~/lib/request-context.server";

/**
 * How long a request's database work may run before the server asks whether the database is still
 * there (docs/decisions/017): with the probe's own second, a stalled database is a 503 within two seconds.
 */
export const REQUEST_DEADLINE_MS = 750;

export type Guarded<T> = { ok: true; value: T } | { ok: false };

type Outcome<T> = { value: T } | { error: unknown };
const DOWN = Symbol("down");

/**
 * Runs a request's work (a render, a version read) under the outage rules. Past the deadline, one
 * shared probe on a fresh connection decides: the database is gone → `{ ok: false }` (the caller answers
 * 503) and the pool is dropped; it answers → the work may take until the statement timeout.
 * When a connection broke under the work (a terminated backend), the probe decides too, and a safe
 * request (`retry`) runs once more on a fresh connection; an unsafe one is a 503 rather than a retried write.
 * `discard` frees a result that will not be used (a response's body).
 */
export async function guardDatabaseWork<T>(
  attempt: () => Promise<T>,
  options: { retry: boolean; discard?: (value: T) => void },
): Promise<Guarded<T>> {
  const context = requestContext();
  for (let tries = 0; ; tries++) {
    if (context) context.connectionError = false;
    const work: Promise<Outcome<T>> = attempt().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    let outcome: Outcome<T> | undefined = await Promise.race([work, delay(REQUEST_DEADLINE_MS)]);
    if (outcome === undefined) {
      const decided = await Promise.race<Outcome<T> | typeof DOWN>([
        work,
        probeDatabase().then<Outcome<T> | typeof DOWN>((up) => (up ? work : DOWN)),
      ]);
      if (decided === DOWN) {
        markDatabaseUnavailable();
        void work.then((late) => "value" in late && options.discard?.(late.value));
        return { ok: false };
      }
      outcome = decided;
    }
    if ("error" in outcome && !isConnectionError(outcome.error)) throw outcome.error;
    if (!("error" in outcome) && !context?.connectionError) return { ok: true, value: outcome.value };

    if ("value" in outcome) options.discard?.(outcome.value);
    if (!(await probeDatabase())) {
      markDatabaseUnavailable();
      return { ok: false };
    }
    if (!options.retry || tries > 0) return { ok: false };
    logger.warn("a database connection broke under the request: trying it once more on a fresh one");
  }
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(resolve, ms, undefined).unref());
}
