import { decideSignUp } from "./members.server";
import { db } from "~/db.server";
import { publicUrl } from "~/lib/settings.server";
import { composeEmail, queueEmail } from "~/notifications/notify.server";
import { kickOutbox } from "~/notifications/outbox.server";

/**
 * A coordinator approves or rejects a sign-up, and the member hears of it by email either way, in
 * their language. The mail is queued with the decision, so a mail server that is down delays it but
 * never undoes or fails the decision.
 */
export async function decideAndTell(actorId: number, memberId: number, decision: "approved" | "rejected") {
  const member = await db().transaction(async (tx) => {
    const decided = await decideSignUp(actorId, memberId, decision, tx);
    if (!decided) return undefined;
    const params = { name: decided.name, url: `${publicUrl()}/sign-in` };
    await queueEmail(tx, [composeEmail(decided.email, decided.language, decision, params)]);
    return decided;
  });
  if (member) kickOutbox();
  return member;
}
