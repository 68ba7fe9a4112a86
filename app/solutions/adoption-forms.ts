import { z } from "zod";
import { ADOPTION_NOTE_MAX, ADOPTION_STATES } from "../../db/schema/solution-values";
import type { AdoptionInput } from "./adoptions.server";
import { parseIsoDate } from "~/lib/dates";
import { hasNoNul, int32, MAX_INT32, parseForm, type FormReply } from "~/lib/forms";
import { municipalityFinder, type RegisterMunicipality } from "~/municipalities/municipality-finder";

/** What the solution page's forms post: an adoption, one for a whole cooperation, a confirmation, a comment. */
export const SOLUTION_PAGE_INTENTS = ["adopt", "adoptForCooperation", "confirm", "comment"] as const;

/** The earliest "since" a form takes: before it, a typing slip rather than a date anyone meant. */
export const ADOPTION_FIRST_YEAR = 1990;

/** `basedOnVersion` when the form showed no record yet. */
export const NO_RECORD = "none";

const fields = {
  state: z.enum(ADOPTION_STATES, { error: "solutionPage.adoption.unknownState" }),
  since: z.string({ error: "form.required" }),
  note: z
    .string()
    .optional()
    .default("")
    .transform((note) => note.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(ADOPTION_NOTE_MAX, { error: "solutionPage.adoption.noteTooLong" }).refine(hasNoNul, { error: "solutionPage.adoption.badCharacter" })),
  openToJointProcurement: z.string().optional(),
};

const adoptionForm = z.object({
  ...fields,
  // The municipality it is for, as typed ("1804 Bodø", "1804", "Bodø"); the viewer's own when left out.
  municipality: z.string().max(200, { error: "solutionPage.adoption.unknownMunicipality" }).optional(),
  // The record the form showed: its version, or "none". Without it a change could overwrite one unseen.
  basedOnVersion: z.union([z.literal(NO_RECORD), z.string().regex(/^\d{1,10}$/).transform(Number).pipe(z.number().max(MAX_INT32))], { error: "error.badRequest.body" }),
});

const cooperationForm = z.object(fields);

const confirmForm = z.object({ municipality: z.string().regex(/^\d{4}$/, { error: "error.badRequest.body" }), version: int32() });

export interface AdoptionFormValues {
  state: string;
  since: string;
  note: string;
  openToJointProcurement: boolean;
  municipality: string;
  /** The municipality whose record the form showed (its version is basedOnVersion). */
  shownFor: string;
  basedOnVersion: string;
}

export type AdoptionFormReply = FormReply<AdoptionFormValues>;

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

function typedValues(formData: FormData): AdoptionFormValues {
  return {
    state: text(formData.get("state")),
    since: text(formData.get("since")).slice(0, 20),
    note: text(formData.get("note")).slice(0, 2 * ADOPTION_NOTE_MAX),
    openToJointProcurement: formData.get("openToJointProcurement") === "yes",
    municipality: text(formData.get("municipality")).slice(0, 200),
    shownFor: text(formData.get("shownFor")).slice(0, 4),
    basedOnVersion: text(formData.get("basedOnVersion")).slice(0, 20),
  };
}

/** The date checked against today (Oslo): a relation does not start in the future. */
function checkSince(since: string, today: string, errors: Record<string, string[] | undefined>): string | undefined {
  const day = parseIsoDate(since, ADOPTION_FIRST_YEAR);
  if (!day) errors.since = [since.trim() === "" ? "form.required" : "solutionPage.adoption.badDate"];
  else if (day > today) errors.since = ["solutionPage.adoption.futureDate"];
  return day;
}

type Read<T> = { ok: true; value: T; values: AdoptionFormValues } | ({ ok: false } & AdoptionFormReply);

/**
 * One municipality's adoption as posted: the input for recordAdoption, the municipality as typed (the
 * action finds and authorises it) and the version the form showed, or the messages beside each field.
 */
export function readAdoptionForm(
  formData: FormData,
  today: string,
): Read<{ input: AdoptionInput; municipality: string | undefined; basedOnVersion: number | null }> {
  const values = typedValues(formData);
  const form = parseForm(formData, adoptionForm);
  const errors = form.ok ? {} : { ...form.errors };
  const since = checkSince(values.since, today, errors);
  // A forged or missing version is no field's fault: the form as a whole says so.
  if (errors.basedOnVersion) {
    errors.form = errors.basedOnVersion;
    delete errors.basedOnVersion;
  }
  if (!form.ok || !since || Object.keys(errors).length > 0) return { ok: false, errors, values };
  const { state, note, municipality, basedOnVersion } = form.value;
  return {
    ok: true,
    values,
    value: {
      input: { state, since, note, openToJointProcurement: values.openToJointProcurement },
      municipality: municipality?.trim() || undefined,
      basedOnVersion: basedOnVersion === NO_RECORD ? null : basedOnVersion,
    },
  };
}

/** The same relation for all of a regional cooperation's municipalities. */
export function readCooperationForm(formData: FormData, today: string): Read<AdoptionInput> {
  const values = typedValues(formData);
  const form = parseForm(formData, cooperationForm);
  const errors = form.ok ? {} : { ...form.errors };
  const since = checkSince(values.since, today, errors);
  if (!form.ok || !since || Object.keys(errors).length > 0) return { ok: false, errors, values };
  const { state, note } = form.value;
  return { ok: true, values, value: { state, since, note, openToJointProcurement: values.openToJointProcurement } };
}

/** "Still right": the municipality's record and the version the page showed. */
export function readConfirmForm(formData: FormData) {
  return parseForm(formData, confirmForm);
}

const MUNICIPALITY_MESSAGES = { unknown: "solutionPage.adoption.unknownMunicipality", ambiguous: "solutionPage.adoption.ambiguousMunicipality" } as const;

/** A typed municipality found in the register, or the message for the field. */
export function findMunicipality(entry: string, register: readonly RegisterMunicipality[]): { ok: true; number: string } | { ok: false; message: string } {
  const found = municipalityFinder(register)(entry);
  return found.ok ? found : { ok: false, message: MUNICIPALITY_MESSAGES[found.reason] };
}
