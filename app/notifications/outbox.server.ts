import { and, eq, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import { emailOutbox } from "../../db/schema";
import { databaseStatus, db, isConnectionError, markDatabaseUnavailable } from "~/db.server";
import { logger } from "~/lib/logger.server";
import { sendEmail } from "./email.server";

/** After this many failed attempts a mail stays unsent, with its last error, for an admin to look at. */
export const MAX_ATTEMPTS = 8;
const INTERVAL_MS = 15_000;
const KICK_DELAY_MS = 200;
const BATCH = 20;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4 … about two hours over all attempts. */
function backoffMinutes(attempts: number): number {
  return 2 ** Math.max(0, attempts - 1);
}

/**
 * Sends up to `limit` due mails. A mail is claimed (its next attempt pushed 5 minutes on) in one
 * statement that skips rows another process holds, then sent outside any transaction, so no two
 * processes send the same mail and a slow mail server never holds a database connection.
 */
export async function deliverOutbox(limit = BATCH): Promise<{ sent: number; failed: number }> {
  const due = db()
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(isNull(emailOutbox.sentAt), lte(emailOutbox.nextAttemptAt, sql`now()`), lt(emailOutbox.attempts, MAX_ATTEMPTS)),
    )
    .orderBy(emailOutbox.id)
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db()
    .update(emailOutbox)
    .set({ nextAttemptAt: sql`now() + interval '5 minutes'`, attempts: sql`${emailOutbox.attempts} + 1` })
    .where(inArray(emailOutbox.id, due))
    .returning();
  claimed.sort((a, b) => a.id - b.id);

  let sent = 0;
  let failed = 0;
  for (const mail of claimed) {
    try {
      await sendEmail({ to: mail.toAddress, subject: mail.subject, text: mail.bodyText });
    } catch (error) {
      failed++;
      const message = error instanceof Error ? error.message : String(error);
      await db()
        .update(emailOutbox)
        .set({
          lastError: message.slice(0, 1000),
          nextAttemptAt: sql`now() + make_interval(mins => ${backoffMinutes(mail.attempts)})`,
        })
        .where(eq(emailOutbox.id, mail.id));
      logger[mail.attempts >= MAX_ATTEMPTS ? "error" : "warn"](
        { outboxId: mail.id, attempts: mail.attempts, err: message },
        mail.attempts >= MAX_ATTEMPTS ? "email given up after the last attempt" : "email not sent; will retry",
      );
      continue;
    }
    sent++;
    await db().update(emailOutbox).set({ sentAt: sql`now()`, lastError: null }).where(eq(emailOutbox.id, mail.id));
  }
  return { sent, failed };
}

interface Worker {
  interval: NodeJS.Timeout;
  kick?: NodeJS.Timeout;
  running?: Promise<void>;
  again: boolean;
}

let worker: Worker | undefined;

async function drain(): Promise<void> {
  // While the database is away the 503 probe watches it; the next tick after it returns sends.
  if (databaseStatus() === "unavailable") return;
  for (;;) {
    // Keep going only while whole batches go out: a failing mail server waits for the next tick.
    const { sent } = await deliverOutbox(BATCH);
    if (sent < BATCH || !worker) return;
  }
}

function run(): void {
  const current = worker;
  if (!current) return;
  if (current.running) {
    current.again = true;
    return;
  }
  current.running = drain()
    .catch((error: unknown) => {
      if (isConnectionError(error)) markDatabaseUnavailable();
      logger.warn({ err: error }, "email outbox run failed");
    })
    .finally(() => {
      current.running = undefined;
      if (current.again && worker === current) {
        current.again = false;
        run();
      }
    });
}

/** Sends due mail every 15 seconds, in every app process; the claim keeps them from sending twice. */
export function startOutboxWorker(): void {
  if (worker) return;
  worker = { interval: setInterval(run, INTERVAL_MS).unref(), again: false };
  run();
}

/** Stops the timers and waits for a run in progress, so the database can close under it. */
export async function stopOutboxWorker(): Promise<void> {
  const current = worker;
  if (!current) return;
  worker = undefined;
  clearInterval(current.interval);
  clearTimeout(current.kick);
  await current.running;
}

/**
 * Asks for a run soon, after a write that queued mail: calls within a moment share one run. Returns at
 * once and never throws; without a started worker (tests, scripts) it does nothing.
 */
export function kickOutbox(): void {
  const current = worker;
  if (!current || current.kick) return;
  current.kick = setTimeout(() => {
    current.kick = undefined;
    run();
  }, KICK_DELAY_MS).unref();
}
