import { z } from "zod";
import { int32, requiredText } from "~/lib/forms";
import { MEMBER_LANGUAGES } from "../../db/schema/member-values";
import { isCommonPassword } from "./common-passwords";

// Messages are translation keys; the page shows them beside the field in the reader's language.
const email = z
  .string({ error: "form.required" })
  .trim()
  .min(1, { error: "form.required" })
  .max(254, { error: "form.tooLong" })
  .pipe(z.email({ error: "members.email.invalid" }));

export const newPassword = z
  .string({ error: "form.required" })
  .min(1, { error: "form.required" })
  .min(10, { error: "members.password.tooShort" })
  .max(200, { error: "form.tooLong" })
  .refine((p) => !isCommonPassword(p), { error: "members.password.common" });

export const signUpForm = z.object({
  name: requiredText(),
  email,
  password: newPassword,
  // Where the newcomer works: a municipality or an organisation, exactly one (sign-up.server.ts checks which).
  municipality: z.string().trim().max(200, { error: "members.municipality.unknown" }).optional().default(""),
  organisation: z.string().trim().max(20, { error: "organisations.signUp.unknownOrganisation" }).optional().default(""),
  jobTitle: requiredText(),
});

export const signInForm = z.object({
  email: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(254, { error: "form.tooLong" }),
  password: z.string({ error: "form.required" }).min(1, { error: "form.required" }).max(200, { error: "form.tooLong" }),
});

export const profileForm = z.object({
  name: requiredText(),
  jobTitle: requiredText(),
  version: int32("form.required"),
});

export const passwordChangeForm = z
  .object({
    currentPassword: z.string({ error: "form.required" }).min(1, { error: "form.required" }),
    newPassword,
  });

export const passwordResetRequestForm = z.object({ email });

export const passwordResetForm = z.object({ newPassword });

export const languageForm = z.object({ language: z.enum(MEMBER_LANGUAGES, { error: "error.badRequest.body" }) });
