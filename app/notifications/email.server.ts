import nodemailer, { type Transporter } from "nodemailer";
import { logger } from "~/lib/logger.server";

export interface Email {
  to: string;
  subject: string;
  text: string;
}

// Bounded waits (nodemailer's defaults reach 10 minutes): their sum must stay well inside the outbox's claim.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;
/** The longest one send may take before it fails. */
export const LONGEST_SEND_MS = TIMEOUTS.connectionTimeout + TIMEOUTS.greetingTimeout + TIMEOUTS.socketTimeout;

let transporter: { url: string; transport: Transporter } | undefined;

/** Sends through SMTP_URL when set; otherwise writes the mail to the log, for development and demos. */
export async function sendEmail(email: Email): Promise<void> {
  const url = process.env.SMTP_URL;
  if (!url) {
    logger.info({ email }, "email (SMTP_URL unset, so written to the log instead of sent)");
    return;
  }
  if (transporter?.url !== url) {
    transporter?.transport.close();
    // A pool reuses connections: a burst of notifications need not greet the server once per mail.
    transporter = { url, transport: nodemailer.createTransport({ url, pool: true, ...TIMEOUTS }) };
  }
  await transporter.transport.sendMail({
    from: process.env.MAIL_FROM ?? "Kommuneforum <noreply@kommuneforum.no>",
    ...email,
  });
}

/** Closes the pooled SMTP connections, so the process can exit. */
export function closeEmailTransport(): void {
  transporter?.transport.close();
  transporter = undefined;
}
