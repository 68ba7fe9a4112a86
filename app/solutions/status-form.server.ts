import { parseForm, type FieldErrors } from "~/lib/forms";
import { parseIsoDate } from "~/lib/dates";
import { osloToday } from "~/lib/oslo-time.server";
import { reviewForm, statusForm } from "./solution-forms";
import type { ReviewDecision, StatusChange } from "./solutions.server";

/**
 * The day a status change took effect: today when left empty; a real day, not after today, and not before
 * `notBefore` (the timeline's last entry), so the timeline stays in the order it happened.
 */
function readDay(typed: string, notBefore?: string): { ok: true; day: string } | { ok: false; error: string } {
  const today = osloToday();
  if (typed === "") return { ok: true, day: today };
  const day = parseIsoDate(typed);
  if (!day) return { ok: false, error: "solutions.statusForm.badDate" };
  if (day > today) return { ok: false, error: "solutions.statusForm.futureDate" };
  if (notBefore && day < notBefore) return { ok: false, error: "solutions.statusForm.beforeLast" };
  return { ok: true, day };
}

export type FormReadResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** A coordinator's accept (first status, note, day) or reject (reason) of a proposal. */
export function readReview(formData: FormData): FormReadResult<ReviewDecision> {
  const form = parseForm(formData, reviewForm);
  const values = Object.fromEntries([...formData].map(([k, v]) => [k, String(v)]));
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  // Neither accept nor reject: not a form this page made.
  if (errors.intent) {
    errors.form = ["error.badRequest.body"];
    delete errors.intent;
  }
  const day = values.intent === "accept" ? readDay((values.effectiveOn ?? "").trim()) : undefined;
  if (day && !day.ok) errors.effectiveOn ??= [day.error];
  if (!form.ok || (day && !day.ok)) return { ok: false, errors, values };
  if (form.value.intent === "reject") return { ok: true, value: { decision: "reject", reason: form.value.reason } };
  return { ok: true, value: { decision: "accept", status: form.value.status, note: form.value.note, effectiveOn: day?.ok ? day.day : undefined } };
}

/** A coordinator's status change: the status they saw, the new one, a note and its day. */
export function readStatusChange(formData: FormData, lastEffectiveOn?: string): FormReadResult<StatusChange> {
  const form = parseForm(formData, statusForm);
  const values = Object.fromEntries([...formData].map(([k, v]) => [k, String(v)]));
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  // The status they saw is carried in a hidden field: a bad one is the form's fault, not a field's.
  if (errors.fromStatus) {
    errors.form = errors.fromStatus;
    delete errors.fromStatus;
  }
  const day = readDay((values.effectiveOn ?? "").trim(), lastEffectiveOn);
  if (!day.ok) errors.effectiveOn ??= [day.error];
  if (!form.ok || !day.ok) return { ok: false, errors, values };
  return { ok: true, value: { fromStatus: form.value.fromStatus, toStatus: form.value.toStatus, note: form.value.note, effectiveOn: day.day } };
}
