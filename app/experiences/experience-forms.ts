import { z } from "zod";
import {
  CONTRACT_VALUE_BANDS,
  EXPERIENCE_BODY_MAX_BYTES,
  EXPERIENCE_MUNICIPALITIES_MAX,
  EXPERIENCE_SUMMARY_MAX,
  EXPERIENCE_TITLE_MAX,
  EXPERIENCE_VISIBILITIES,
  PROCUREMENT_LESSONS_MAX,
  PROCUREMENT_PROCEDURES,
  PROCUREMENT_SUPPLIER_MAX,
  PROCUREMENT_SUPPLIERS_MAX,
  type ContractValueBand,
  type ExperienceVisibility,
  type ProcurementProcedure,
} from "../../db/schema/experience-values";
import { SOLUTION_NAME_MAX } from "../../db/schema/solution-values";
import type { ExperienceInput, ProcurementFacts } from "./experiences.server";
import { int32, parseForm, type FieldErrors } from "~/lib/forms";
import { municipalityFinder, type RegisterMunicipality } from "~/municipalities/municipality-finder";

/** "What did you change": a line or two kept with the revision. */
export const EXPERIENCE_NOTE_MAX = 500;
/** The fact box's year: from this one to next year. */
export const PROCUREMENT_FIRST_YEAR = 1990;

/**
 * "draft" and "publish" on a new write-up or a draft, "save" on a published one; "preview" renders the
 * body; "more" and "morePartners" answer the form back with more municipality fields.
 */
export const EXPERIENCE_FORM_INTENTS = ["draft", "publish", "save", "preview", "more", "morePartners"] as const;
export type ExperienceFormIntent = (typeof EXPERIENCE_FORM_INTENTS)[number];

const lineBreaks = (text: string) => text.replace(/\r\n?/g, "\n");

/** Bytes of UTF-8, as the limit is stated. */
export const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

/** The form's single fields; lists (themes, municipalities) and the fact box are read beside it. */
export const experienceForm = z.object({
  title: z
    .string({ error: "form.required" })
    .trim()
    .min(1, { error: "form.required" })
    .max(EXPERIENCE_TITLE_MAX, { error: "experienceForm.titleTooLong" }),
  // Counted as the reader sees it: a line break is one character, though the browser sends two.
  summary: z
    .string({ error: "form.required" })
    .transform(lineBreaks)
    .pipe(z.string().trim().min(1, { error: "form.required" }).max(EXPERIENCE_SUMMARY_MAX, { error: "experienceForm.summaryTooLong" })),
  // Not trimmed: markdown's leading spaces mean something.
  body: z
    .string({ error: "form.required" })
    .transform(lineBreaks)
    .refine((body) => body.trim() !== "", { error: "form.required" })
    .refine((body) => byteLength(body) <= EXPERIENCE_BODY_MAX_BYTES, { error: "experienceForm.bodyTooLong" }),
  visibility: z.enum(EXPERIENCE_VISIBILITIES, { error: "experienceForm.unknownVisibility" }).default("public"),
  note: z.string().trim().max(EXPERIENCE_NOTE_MAX, { error: "experienceForm.noteTooLong" }).optional().default(""),
  // Only the edit form carries one: the revision the editor opened.
  revision: int32().optional(),
  intent: z.enum(EXPERIENCE_FORM_INTENTS).catch("draft"),
});

export interface ExperienceFormValues {
  title: string;
  summary: string;
  body: string;
  themeIds: number[];
  visibility: ExperienceVisibility;
  /** What was typed in the co-authoring municipality fields, blanks left out: "1804 Bodø", "1804" or "Bodø". */
  municipalities: string[];
  /** Where it came from, carried in hidden fields; dropped when its "keep the link" box is not ticked. */
  forumSessionId: number | null;
  agendaItemId: number | null;
  topicId: number | null;
  keepForumSession: boolean;
  keepTopic: boolean;
  /** The fact box, as typed: used only when `procurement` is ticked. */
  procurement: boolean;
  procedure: string;
  year: string;
  suppliers: string;
  valueBand: string;
  partners: string[];
  lessons: string;
  /** Catalogue solutions it tells of, by name, one a line: checked against the catalogue by the action. */
  solutions: string;
  note: string;
  revision?: number;
}

export const EMPTY_EXPERIENCE_FORM: ExperienceFormValues = {
  title: "",
  summary: "",
  body: "",
  themeIds: [],
  visibility: "public",
  municipalities: [],
  forumSessionId: null,
  agendaItemId: null,
  topicId: null,
  keepForumSession: true,
  keepTopic: true,
  procurement: false,
  procedure: "",
  year: "",
  suppliers: "",
  valueBand: "",
  partners: [],
  lessons: "",
  solutions: "",
  note: "",
};

type Titled = { id: number; title: string };

/** Where a write-up came from, as the form shows it: "From: session — agenda item", "From topic: title". */
export interface OriginLabels {
  forumSession?: Titled;
  agendaItem?: Titled;
  topic?: Titled;
}

/** The register a write-up form is checked against. */
export interface ExperienceFormRegister {
  themeIds: readonly number[];
  municipalities: readonly RegisterMunicipality[];
}

/** The error keys of municipality field `index` and partner field `index` (among those filled in). */
export const municipalityField = (index: number) => `municipality-${index}`;
export const partnerField = (index: number) => `partner-${index}`;

const MUNICIPALITY_MESSAGES = { unknown: "experienceForm.unknownMunicipality", ambiguous: "experienceForm.ambiguousMunicipality" } as const;

const textOf = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

/** An id from a hidden field: none when blank, `false` when it is no id at all. */
function idOf(value: FormDataEntryValue | null): number | null | false {
  const text = textOf(value).trim();
  if (text === "") return null;
  return /^\d{1,9}$/.test(text) ? Number(text) : false;
}

/** Solution names as typed, one a line: blanks and repeats (ignoring case) left out. */
export function splitSolutionNames(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[\n\r]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "" && !seen.has(s.toLocaleLowerCase("nb")) && seen.add(s.toLocaleLowerCase("nb")));
}

/** One supplier a line, or several on a line separated by commas or semicolons; blanks and repeats left out. */
export function splitSuppliers(text: string): string[] {
  return [...new Set(text.split(/[\n\r,;]+/).map((s) => s.trim()).filter(Boolean))];
}

/**
 * Municipality fields as typed, checked against the register: the numbers found (each once) and the errors
 * beside each field (keyed by `field(index)`) or, for too many, under `listKey`.
 */
function readMunicipalities(
  typed: string[],
  find: ReturnType<typeof municipalityFinder>,
  field: (index: number) => string,
  listKey: string,
  errors: FieldErrors,
): string[] {
  const numbers: string[] = [];
  // Past twice the limit, the list is too long however many repeat: no need to look each one up.
  typed.slice(0, 2 * EXPERIENCE_MUNICIPALITIES_MAX).forEach((entry, index) => {
    const found = find(entry);
    if (found.ok) {
      if (!numbers.includes(found.number)) numbers.push(found.number);
    } else {
      errors[field(index)] = [MUNICIPALITY_MESSAGES[found.reason]];
    }
  });
  if (numbers.length > EXPERIENCE_MUNICIPALITIES_MAX || typed.length > 2 * EXPERIENCE_MUNICIPALITIES_MAX) {
    errors[listKey] = ["experienceForm.tooManyMunicipalities"];
  }
  return numbers;
}

/** The fact box from what was typed, when its box is ticked; its errors beside its fields. */
function readProcurement(
  values: ExperienceFormValues,
  find: ReturnType<typeof municipalityFinder>,
  errors: FieldErrors,
  now: Date,
): ProcurementFacts | null {
  if (!values.procurement) return null;
  const procedure = (PROCUREMENT_PROCEDURES as readonly string[]).includes(values.procedure) ? (values.procedure as ProcurementProcedure) : null;
  if (!procedure) errors.procedure = [values.procedure === "" ? "experienceForm.procedureRequired" : "experienceForm.unknownProcedure"];

  const lastYear = now.getFullYear() + 1;
  const yearText = values.year.trim();
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  if (yearText !== "" && (year === null || year < PROCUREMENT_FIRST_YEAR || year > lastYear)) errors.year = ["experienceForm.badYear"];

  const suppliers = splitSuppliers(values.suppliers);
  if (suppliers.length > PROCUREMENT_SUPPLIERS_MAX) errors.suppliers = ["experienceForm.tooManySuppliers"];
  else if (suppliers.some((s) => s.length > PROCUREMENT_SUPPLIER_MAX)) errors.suppliers = ["experienceForm.supplierTooLong"];

  const valueBand = (CONTRACT_VALUE_BANDS as readonly string[]).includes(values.valueBand) ? (values.valueBand as ContractValueBand) : null;
  if (values.valueBand !== "" && !valueBand) errors.valueBand = ["experienceForm.unknownValueBand"];

  const partners = readMunicipalities(values.partners, find, partnerField, "partners", errors);
  const lessons = values.lessons.trim();
  if (lessons.length > PROCUREMENT_LESSONS_MAX) errors.lessons = ["experienceForm.lessonsTooLong"];

  if (!procedure) return null;
  return { procedure, year: errors.year ? null : year, suppliers, valueBand, partners, lessons };
}

/** How many municipality fields a reply shows: what was typed and at least one empty, three at first. */
export function fieldSlots(typed: number, asked = 0): number {
  return Math.min(Math.max(typed + 1, 3, asked), EXPERIENCE_MUNICIPALITIES_MAX);
}

/**
 * The write/edit form, checked against the register: the input for writeExperience/updateExperience (its
 * origin still to be checked against the database), or the message keys beside each field. Either way
 * what was typed comes back, with the revision the editor opened, so a refused form shows again as it was.
 */
export function readExperienceForm(formData: FormData, register: ExperienceFormRegister, now = new Date()) {
  const form = parseForm(formData, experienceForm);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };

  const checkedThemes = formData.getAll("theme").map(textOf);
  const themeIds = [...new Set(checkedThemes.filter((v) => /^\d{1,9}$/.test(v)).map(Number))].filter((id) => register.themeIds.includes(id));
  if (checkedThemes.length === 0) errors.themes = ["experienceForm.themeRequired"];
  else if (themeIds.length < new Set(checkedThemes).size) errors.themes = ["experienceForm.unknownTheme"];

  const typedList = (name: string) =>
    formData
      .getAll(name)
      .map((v) => textOf(v).trim().slice(0, 200))
      .filter(Boolean);
  const municipalityFields = formData.getAll("municipality").length;
  const partnerFields = formData.getAll("partner").length;

  const forumSessionId = idOf(formData.get("forumSession"));
  const agendaItemId = idOf(formData.get("agendaItem"));
  const topicId = idOf(formData.get("topic"));
  // An id that is no id, or an agenda item without its forum session, was not made by this form.
  if (forumSessionId === false || agendaItemId === false || topicId === false || (agendaItemId !== null && forumSessionId === null)) {
    errors.origin = ["experienceForm.unknownOrigin"];
  }

  const opened = int32().safeParse(formData.get("revision"));
  const visibility = EXPERIENCE_VISIBILITIES.find((v) => v === formData.get("visibility")) ?? "public";
  const values: ExperienceFormValues = {
    title: textOf(formData.get("title")),
    summary: lineBreaks(textOf(formData.get("summary"))),
    body: lineBreaks(textOf(formData.get("body"))),
    themeIds,
    visibility,
    municipalities: typedList("municipality"),
    forumSessionId: forumSessionId || null,
    agendaItemId: agendaItemId || null,
    topicId: topicId || null,
    keepForumSession: formData.get("keepForumSession") === "yes",
    keepTopic: formData.get("keepTopic") === "yes",
    procurement: formData.get("procurement") === "yes",
    procedure: textOf(formData.get("procedure")),
    year: textOf(formData.get("year")).slice(0, 20),
    suppliers: lineBreaks(textOf(formData.get("suppliers"))),
    valueBand: textOf(formData.get("valueBand")),
    partners: typedList("partner"),
    lessons: lineBreaks(textOf(formData.get("lessons"))),
    solutions: lineBreaks(textOf(formData.get("solutions"))).slice(0, 20 * SOLUTION_NAME_MAX),
    note: textOf(formData.get("note")),
    ...(opened.success ? { revision: opened.data } : {}),
  };

  const find = municipalityFinder(register.municipalities);
  const municipalities = readMunicipalities(values.municipalities, find, municipalityField, "municipalities", errors);
  const procurement = readProcurement(values, find, errors, now);
  // A bad revision is no field's fault: the form as a whole says so.
  if (errors.revision) {
    errors.form = errors.revision;
    delete errors.revision;
  }

  const intent = form.ok ? form.value.intent : experienceForm.shape.intent.parse(formData.get("intent"));
  // The fields the form had, blank ones too: a reply shows as many again ("more" adds some).
  const slots = {
    municipalities: intent === "more" ? municipalityFields + 3 : municipalityFields,
    partners: intent === "morePartners" ? partnerFields + 3 : partnerFields,
  };
  if (!form.ok || Object.keys(errors).length > 0) return { ok: false as const, intent, errors, values, slots };
  const value: ExperienceInput = {
    title: form.value.title,
    summary: form.value.summary,
    body: form.value.body,
    themeIds,
    visibility: form.value.visibility,
    municipalities,
    forumSessionId: values.keepForumSession ? values.forumSessionId : null,
    agendaItemId: values.keepForumSession ? values.agendaItemId : null,
    topicId: values.keepTopic ? values.topicId : null,
    procurement,
    note: form.value.note,
  };
  return { ok: true as const, intent, value, revision: form.value.revision, values, slots };
}
