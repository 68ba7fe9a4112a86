import nodemailer, { type Transporter } from "nodemailer";
import { logger } from "~/lib/logger.server";

export interface Email {
  to: string;
  subject: string;
  text: string;
}

let transporter: { url: string; transport: Transporter } | undefined;

/** Sends through SMTP_URL when set; otherwise writes the mail to the log, for development and demos. */
export async function sendEmail(email: Email): Promise<void> {
  const url = process.env.SMTP_URL;
  if (!url) {
    logger.info({ email }, "email (SMTP_URL unset, so written to the log instead of sent)");
    return;
  }
  if (transporter?.url !== url) {
    // Bounded waits (nodemailer's defaults reach 10 minutes): the outbox claims a mail for 5 minutes.
    transporter = {
      url,
      transport: nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 }),
    };
  }
  await transporter.transport.sendMail({
    from: process.env.MAIL_FROM ?? "Kommuneforum <noreply@kommuneforum.no>",
    ...email,
  });
}
