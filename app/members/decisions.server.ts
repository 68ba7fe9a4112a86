import { decideSignUp } from "./members.server";
import { translator } from "~/i18n/i18n";
import { sendEmail } from "~/notifications/email.server";
import { publicUrl } from "~/lib/settings.server";

/** A coordinator approves or rejects a sign-up, and the member hears of it by email either way. */
export async function decideAndTell(actorId: number, memberId: number, decision: "approved" | "rejected") {
  const member = await decideSignUp(actorId, memberId, decision);
  if (!member) return undefined;
  const t = translator("nb");
  await sendEmail(
    decision === "approved"
      ? {
          to: member.email,
          subject: t("email.approved.subject"),
          text: t("email.approved.body", { name: member.name, url: `${publicUrl()}/sign-in` }),
        }
      : { to: member.email, subject: t("email.rejected.subject"), text: t("email.rejected.body", { name: member.name }) },
  );
  return member;
}
