import { findMemberByEmail, signUp, type NewMember } from "./members.server";
import type { Language } from "~/i18n/i18n";
import { publicUrl } from "~/lib/settings.server";
import { composeEmail, queueEmail } from "~/notifications/notify.server";
import { kickOutbox } from "~/notifications/outbox.server";

/**
 * A newcomer applies. The answer is the same whether or not the address already has an account (so the
 * form tells no one who is a member): the newcomer is mailed that the application arrived, or the
 * address's owner that someone tried to sign up with it.
 */
export async function applyForMembership(input: NewMember & { language: Language }): Promise<void> {
  const signInUrl = `${publicUrl()}/sign-in`;
  await signUp(input, {}, async (tx, result) => {
    if (result.ok) {
      const params = { name: result.member.name, url: signInUrl };
      await queueEmail(tx, [composeEmail(result.member.email, result.member.language, "signUpReceived", params)]);
      return;
    }
    const owner = await findMemberByEmail(input.email, tx);
    if (!owner) return;
    const params = { name: owner.name, signInUrl, resetUrl: `${publicUrl()}/forgot-password` };
    await queueEmail(tx, [composeEmail(owner.email, owner.language, "signUpTaken", params)]);
  });
  kickOutbox();
}
