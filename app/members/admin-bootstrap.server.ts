import { newPassword } from "./member-forms";
import { findMemberByEmail, signUp } from "./members.server";

/**
 * Creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD (or `npm run create-admin`) once;
 * an existing account with that email is never changed.
 */
export async function ensureAdmin(email: string, password: string, name = "Administrator") {
  if (await findMemberByEmail(email)) return { created: false } as const;
  const check = newPassword.safeParse(password);
  if (!check.success) {
    throw new Error(`The admin password is refused: ${check.error.issues.map((i) => i.message).join(", ")}`);
  }
  const result = await signUp(
    { email, password, name, jobTitle: "Administrator", municipalityNumber: null },
    { role: "admin", approved: true },
  );
  return { created: result.ok } as const;
}
