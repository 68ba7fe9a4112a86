import { and, eq, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import { emailOutbox } from "../../db/schema";
import { databaseStatus, db, isConnectionError, noteConnectionError } from "~/db.server";
import { logger } from "~/lib/logger.server";
import { closeEmailTransport, sendEmail } from "./email.server";
import { pruneExpiredSignInRecords } from "~/members/housekeeping.server";
import { remindUnconfirmedAdoptions } from "~/solutions/adoptions.server";

/** After this many failed attempts a mail stays unsent, with its last error, for an admin to look at. */
export const MAX_ATTEMPTS = 8;
/** How long a worker holds the mail it is sending; far longer than one send may take (LONGEST_SEND_MS). */
export const CLAIM_SECONDS = 5 * 60;
const INTERVAL_MS = 15_000;
const KICK_DELAY_MS = 200;
const BATCH = 20;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const KEEP_SENT_DAYS = 30;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4 … about two hours over all attempts. */
function backoffMinutes(attempts: number): number {
  return 2 ** Math.max(0, attempts - 1);
}

/** Takes the oldest due mail for this process (its next attempt pushed past the claim), skipping any another holds. */
async function claimOneMail() {
  const due = db()
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(isNull(emailOutbox.sentAt), lte(emailOutbox.nextAttemptAt, sql`now()`), lt(emailOutbox.attempts, MAX_ATTEMPTS)),
    )
    .orderBy(emailOutbox.id)
    .limit(1)
    .for("update", { skipLocked: true });
  const [mail] = await db()
    .update(emailOutbox)
    .set({
      nextAttemptAt: sql`now() + make_interval(secs => ${CLAIM_SECONDS})`,
      attempts: sql`${emailOutbox.attempts} + 1`,
    })
    .where(inArray(emailOutbox.id, due))
    .returning();
  return mail;
}

/**
 * Sends up to `limit` due mails, one claim at a time: each mail is claimed just before it is sent,
 * outside any transaction, so a claim never runs out while a batch is still in hand, no two processes
 * send the same mail and a slow mail server never holds a database connection.
 */
export async function deliverOutbox(limit = BATCH): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const mail = await claimOneMail();
    if (!mail) break;
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

/** Forgets sent mail after a month and what sign-in no longer needs; reminds of adoptions unconfirmed for a year. */
export async function pruneOutboxAndExpired(): Promise<void> {
  await db()
    .delete(emailOutbox)
    .where(and(isNotNull(emailOutbox.sentAt), lt(emailOutbox.sentAt, sql`now() - make_interval(days => ${KEEP_SENT_DAYS})`)));
  await pruneExpiredSignInRecords();
  await remindUnconfirmedAdoptions();
}

interface Worker {
  interval: NodeJS.Timeout;
  kick?: NodeJS.Timeout;
  running?: Promise<void>;
  again: boolean;
  prunedAt: number;
}

let worker: Worker | undefined;

async function drain(): Promise<void> {
  // While the database is away the 503 probe watches it; the next tick after it returns sends.
  if (databaseStatus() === "unavailable") return;
  if (worker && Date.now() - worker.prunedAt >= PRUNE_EVERY_MS) {
    worker.prunedAt = Date.now();
    await pruneOutboxAndExpired();
  }
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
      if (isConnectionError(error)) noteConnectionError();
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

/** Sends due mail every 15 seconds and prunes hourly, in every app process; the claim keeps them from sending twice. */
export function startOutboxWorker(): void {
  if (worker) return;
  worker = { interval: setInterval(run, INTERVAL_MS).unref(), again: false, prunedAt: 0 };
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
  closeEmailTransport();
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
