import { z } from "zod";
import { int32 } from "~/lib/forms";

/** The author (or a coordinator) adds an approved member as a co-author by their email address. */
export const addCoAuthorForm = z.object({
  email: z
    .string({ error: "form.required" })
    .trim()
    .min(1, { error: "form.required" })
    .max(254, { error: "form.tooLong" })
    .pipe(z.email({ error: "members.email.invalid" })),
});

/** Removes a co-author (or, for a co-author, steps down): the member's id, checked against the write-up's co-authors. */
export const removeCoAuthorForm = z.object({ memberId: int32() });
