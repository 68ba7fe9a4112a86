import { z } from "zod";
import {
  ORGANISATION_DESCRIPTION_MAX,
  ORGANISATION_KINDS,
  ORGANISATION_NAME_MAX,
  URL_MAX,
} from "../../db/schema/solution-values";
import type { OrganisationInput } from "./organisations.server";
import { hasNoNul, int32, parseForm, type FieldErrors } from "~/lib/forms";
import { isHttpLink } from "~/lib/links";
import { municipalityFinder, type RegisterMunicipality } from "~/municipalities/municipality-finder";

/** More than any regional cooperation has: Digitale Helgeland has 16. */
export const ORGANISATION_MUNICIPALITIES_MAX = 60;
/** "more" answers the form back with this many more municipality fields. */
const MORE_FIELDS = 5;

/** "save" stores the form; "more" answers it back with more municipality fields. */
export const ORGANISATION_FORM_INTENTS = ["save", "more"] as const;

const lineBreaks = (text: string) => text.replace(/\r\n?/g, "\n");

export const organisationForm = z.object({
  name: z
    .string({ error: "form.required" })
    .refine(hasNoNul, { error: "organisations.form.badCharacter" })
    .transform((name) => name.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(1, { error: "form.required" }).max(ORGANISATION_NAME_MAX, { error: "organisations.form.nameTooLong" })),
  kind: z
    .string({ error: "organisations.form.kindRequired" })
    .refine((kind) => kind !== "", { error: "organisations.form.kindRequired" })
    .pipe(z.enum(ORGANISATION_KINDS, { error: "organisations.form.unknownKind" })),
  // Counted as the reader sees it: a line break is one character, though the browser sends two.
  description: z
    .string()
    .optional()
    .default("")
    .refine(hasNoNul, { error: "organisations.form.badCharacter" })
    .transform((text) => lineBreaks(text).trim())
    .pipe(z.string().max(ORGANISATION_DESCRIPTION_MAX, { error: "organisations.form.descriptionTooLong" })),
  website: z
    .string()
    .optional()
    .default("")
    .transform((text) => text.trim())
    .refine((text) => text.length <= URL_MAX, { error: "organisations.form.websiteTooLong" })
    .refine((text) => text === "" || isHttpLink(text), { error: "organisations.form.badWebsite" }),
  // Only the edit form carries one: the version the editor opened.
  version: int32().optional(),
  intent: z.enum(ORGANISATION_FORM_INTENTS).catch("save"),
});

/** What the form holds, as typed: a refused form shows again as it was. */
export interface OrganisationFormValues {
  name: string;
  kind: string;
  description: string;
  website: string;
  /** What was typed in the municipality fields, blanks left out: "1804 Bodø", "1804" or "Bodø". */
  municipalities: string[];
  version?: number;
}

export const EMPTY_ORGANISATION_FORM: OrganisationFormValues = { name: "", kind: "", description: "", website: "", municipalities: [] };

/** The error key of municipality field `index` (among those filled in). */
export const municipalityField = (index: number) => `municipality-${index}`;

const MUNICIPALITY_MESSAGES = { unknown: "organisations.form.unknownMunicipality", ambiguous: "organisations.form.ambiguousMunicipality" } as const;

const textOf = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

/** How many municipality fields a reply shows: what was typed and at least one empty, three at first. */
export function fieldSlots(typed: number, asked = 0): number {
  return Math.min(Math.max(typed + 1, 3, asked), ORGANISATION_MUNICIPALITIES_MAX);
}

/**
 * The create/edit form, checked against the register of municipalities: the input for createOrganisation
 * or updateOrganisation, or the message keys beside each field. Either way what was typed comes back.
 */
export function readOrganisationForm(formData: FormData, register: readonly RegisterMunicipality[]) {
  const form = parseForm(formData, organisationForm);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };

  const fields = formData.getAll("municipality").length;
  const typed = formData
    .getAll("municipality")
    .map((v) => textOf(v).trim().slice(0, 200))
    .filter(Boolean);
  const opened = int32().safeParse(formData.get("version"));
  const values: OrganisationFormValues = {
    name: textOf(formData.get("name")).slice(0, 2 * ORGANISATION_NAME_MAX),
    kind: textOf(formData.get("kind")).slice(0, 40),
    description: lineBreaks(textOf(formData.get("description"))).slice(0, 2 * ORGANISATION_DESCRIPTION_MAX),
    website: textOf(formData.get("website")).slice(0, 2 * URL_MAX),
    // Past twice the limit the list is too long however many repeat: no need to look each one up.
    municipalities: typed.slice(0, 2 * ORGANISATION_MUNICIPALITIES_MAX),
    ...(opened.success ? { version: opened.data } : {}),
  };

  const find = municipalityFinder(register);
  const numbers: string[] = [];
  values.municipalities.forEach((entry, index) => {
    const found = find(entry);
    if (!found.ok) errors[municipalityField(index)] = [MUNICIPALITY_MESSAGES[found.reason]];
    else if (!numbers.includes(found.number)) numbers.push(found.number);
  });
  if (numbers.length > ORGANISATION_MUNICIPALITIES_MAX || typed.length > 2 * ORGANISATION_MUNICIPALITIES_MAX) {
    errors.municipalities = ["organisations.form.tooManyMunicipalities"];
  } else if (typed.length > 0 && form.ok && form.value.kind !== "regional_cooperation") {
    errors.municipalities = ["organisations.form.municipalitiesOnlyForCooperation"];
  }
  // A bad version is no field's fault: the form as a whole says so.
  if (errors.version) {
    errors.form = errors.version;
    delete errors.version;
  }

  const intent = form.ok ? form.value.intent : organisationForm.shape.intent.parse(formData.get("intent"));
  const slots = intent === "more" ? fields + MORE_FIELDS : fields;
  if (!form.ok || Object.keys(errors).length > 0) return { ok: false as const, intent, errors, values, slots };
  const value: OrganisationInput = {
    name: form.value.name,
    kind: form.value.kind,
    description: form.value.description,
    website: form.value.website === "" ? null : form.value.website,
    municipalityNumbers: numbers,
  };
  return { ok: true as const, intent, value, version: form.value.version, values, slots };
}
