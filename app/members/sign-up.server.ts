import { findMemberByEmail, resolveMunicipality, signUp, type NewMember } from "./members.server";
import type { Language } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { parseId } from "~/lib/http.server";
import { getOrganisationById } from "~/organisations/organisations.server";
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

export type Workplace =
  | { ok: true; municipalityNumber: string | null; organisationId: number | null }
  | { ok: false; errors: FieldErrors };

/**
 * Where a newcomer works, from the sign-up form's two fields: the municipality as typed ("1804 Bodø",
 * "1804" or "Bodø") or the organisation chosen (its id), exactly one of them. The messages go beside the
 * field at fault; an empty pair is the municipality's, the usual answer.
 */
export async function resolveWorkplace(municipality: string, organisation: string): Promise<Workplace> {
  const typed = municipality.trim();
  const chosen = organisation.trim();
  if (typed === "" && chosen === "") return { ok: false, errors: { municipality: ["form.required"] } };
  if (typed !== "" && chosen !== "") return { ok: false, errors: { organisation: ["organisations.signUp.both"] } };
  if (typed !== "") {
    const municipalityNumber = typed.length <= 200 ? await resolveMunicipality(typed) : undefined;
    if (!municipalityNumber) return { ok: false, errors: { municipality: ["members.municipality.unknown"] } };
    return { ok: true, municipalityNumber, organisationId: null };
  }
  const id = parseId(chosen);
  const found = id ? await getOrganisationById(id) : undefined;
  if (!found) return { ok: false, errors: { organisation: ["organisations.signUp.unknownOrganisation"] } };
  return { ok: true, municipalityNumber: null, organisationId: found.id };
}
