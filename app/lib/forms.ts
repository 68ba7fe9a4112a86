import { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;

/** What an action answers a form it refused: the message keys per field and what was typed. */
export interface FormReply<Values = Record<string, string>> {
  errors: FieldErrors;
  values: Values;
}

export type FormResult<T> =
  | { ok: true; value: T }
  | ({ ok: false } & FormReply);

/**
 * Parses a submitted form with a zod schema. On failure it returns the message keys per field and
 * the submitted text (passwords left out), so the page can show both beside the fields.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S): FormResult<z.infer<S>> {
  const raw: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") raw[key] = value;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    (errors[field] ??= []).push(issue.message);
  }
  const values = Object.fromEntries(Object.entries(raw).filter(([key]) => !/password/i.test(key)));
  return { ok: false, errors, values };
}

/**
 * No NUL byte: PostgreSQL cannot store one in text. The request gate refuses them before any action runs;
 * an action called some other way refuses them with this.
 */
export const hasNoNul = (text: string) => !text.includes("\0");

/** The largest value of a PostgreSQL integer: ids and versions beyond it are refused, not a 500. */
export const MAX_INT32 = 2_147_483_647;

/** A whole number from a form that fits a PostgreSQL integer column (an id, a version, a count). */
export function int32(message = "error.badRequest.body") {
  return z.coerce.number({ error: message }).int({ error: message }).min(0, { error: message }).max(MAX_INT32, { error: message });
}

// Messages are translation keys; the page shows them beside the field in the reader's language.

/** A text the form must have: trimmed, not empty, at most `max` characters. */
export function requiredText(max = 200) {
  return z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(max, { error: "form.tooLong" });
}

/** A text the form may leave out (then ""): trimmed, at most `max` characters. */
export function optionalText(max = 200) {
  return z.string().trim().max(max, { error: "form.tooLong" }).optional().default("");
}

/**
 * The `?page=` (or another parameter's) page of a list, from 1 to `last`: anything else reads as the
 * nearest page, never an error.
 */
export function pageNumber(request: Request, last = 1000, param = "page"): number {
  return Math.min(Math.max(Number(new URL(request.url).searchParams.get(param)) || 1, 1), last);
}
