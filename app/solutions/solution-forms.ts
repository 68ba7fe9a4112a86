import { z } from "zod";
import {
  ARCHIVE_SYSTEM_SUGGESTIONS,
  COMMON_COMPONENT_SUGGESTIONS,
  SOLUTION_DESCRIPTION_MAX_BYTES,
  SOLUTION_LICENCE_MAX,
  SOLUTION_NAME_MAX,
  SOLUTION_STATUSES,
  SOLUTION_SUMMARY_MAX,
  SOLUTION_TAG_MAX,
  SOLUTION_TAGS_MAX,
  STATUS_NOTE_MAX,
  URL_MAX,
  type SolutionStatus,
} from "../../db/schema/solution-values";
import { hasNoNul, int32 } from "~/lib/forms";
import { isHttpLink } from "~/lib/links";

// Messages are translation keys (solutions.form.*), shown beside the field in the reader's language.

/** An email address is at most this long (RFC 5321). */
export const CONTACT_EMAIL_MAX = 254;

/** "save" stores the form; "preview" answers it back with the description rendered. */
export const SOLUTION_FORM_INTENTS = ["save", "preview"] as const;

export const OWNER_TYPES = ["municipality", "organisation"] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

/** The three links an entry may have, by form field. */
export const SOLUTION_LINK_FIELDS = ["websiteUrl", "sourceUrl", "documentationUrl"] as const;
export type SolutionLinkField = (typeof SOLUTION_LINK_FIELDS)[number];

export const lineBreaks = (text: string) => text.replace(/\r\n?/g, "\n");

/** Bytes of UTF-8, as the description's limit is stated (TextEncoder: the browser has it too). */
export const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

const NUL = "solutions.form.badCharacter";

/** A link as the catalogue keeps it: absolute http(s), nothing else (no javascript:, data:, ftp:, relative). */
export function checkLink(typed: string): { ok: true; url: string | null } | { ok: false; error: string } {
  const text = typed.trim();
  if (text === "") return { ok: true, url: null };
  if (text.length > URL_MAX) return { ok: false, error: "solutions.form.urlTooLong" };
  if (!isHttpLink(text)) return { ok: false, error: "solutions.form.urlNotHttp" };
  return { ok: true, url: text };
}

/** "Others, comma-separated": trimmed, blanks left out. */
export const splitTags = (text: string) =>
  text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);

/**
 * The tags of one kind (components or archive systems): the ticked suggestions, then the others typed,
 * each once whatever its letter case (the first spelling wins, so a suggestion keeps its own).
 */
export function readTags(
  ticked: readonly string[],
  othersTyped: string,
  suggestions: readonly string[],
): { ok: true; tags: string[] } | { ok: false; error: string } {
  if (ticked.some((tag) => !suggestions.includes(tag))) return { ok: false, error: "solutions.form.unknownSuggestion" };
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const tag of [...ticked, ...splitTags(othersTyped)]) {
    const key = tag.toLocaleLowerCase("nb");
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  if (tags.some((tag) => tag.length > SOLUTION_TAG_MAX)) return { ok: false, error: "solutions.form.tagTooLong" };
  if (tags.length > SOLUTION_TAGS_MAX) return { ok: false, error: "solutions.form.tooManyTags" };
  return { ok: true, tags };
}

/** Stored tags as the form shows them: suggestions ticked, the rest typed in "others". */
export function splitStoredTags(tags: readonly string[], suggestions: readonly string[]) {
  return {
    ticked: tags.filter((tag) => suggestions.includes(tag)),
    others: tags.filter((tag) => !suggestions.includes(tag)).join(", "),
  };
}

export const COMPONENT_SUGGESTIONS: readonly string[] = COMMON_COMPONENT_SUGGESTIONS;
export const ARCHIVE_SUGGESTIONS: readonly string[] = ARCHIVE_SYSTEM_SUGGESTIONS;

/** The proposal/edit form's single fields; lists (themes, suppliers, ticked tags) are read beside it. */
export const solutionForm = z.object({
  name: z
    .string({ error: "form.required" })
    .trim()
    .min(1, { error: "form.required" })
    .max(SOLUTION_NAME_MAX, { error: "solutions.form.nameTooLong" })
    .refine(hasNoNul, { error: NUL }),
  // Counted as the reader sees it: a line break is one character, though the browser sends two.
  summary: z
    .string({ error: "form.required" })
    .transform(lineBreaks)
    .pipe(
      z
        .string()
        .trim()
        .min(1, { error: "form.required" })
        .max(SOLUTION_SUMMARY_MAX, { error: "solutions.form.summaryTooLong" })
        .refine(hasNoNul, { error: NUL }),
    ),
  // Not trimmed: markdown's leading spaces mean something. May be left empty: the summary says enough.
  description: z
    .string()
    .optional()
    .default("")
    .transform(lineBreaks)
    .refine((text) => utf8Bytes(text) <= SOLUTION_DESCRIPTION_MAX_BYTES, { error: "solutions.form.descriptionTooLong" })
    .refine(hasNoNul, { error: NUL }),
  ownerType: z.enum(OWNER_TYPES, { error: "solutions.form.ownerRequired" }),
  ownerMunicipality: z.string().trim().max(200, { error: "solutions.form.unknownMunicipality" }).refine(hasNoNul, { error: NUL }).optional().default(""),
  ownerOrganisation: z.string().trim().optional().default(""),
  otherComponents: z.string().max(5000, { error: "solutions.form.tooManyTags" }).refine(hasNoNul, { error: NUL }).optional().default(""),
  otherArchiveSystems: z.string().max(5000, { error: "solutions.form.tooManyTags" }).refine(hasNoNul, { error: NUL }).optional().default(""),
  websiteUrl: z.string().optional().default(""),
  sourceUrl: z.string().optional().default(""),
  documentationUrl: z.string().optional().default(""),
  licence: z.string().trim().max(SOLUTION_LICENCE_MAX, { error: "solutions.form.licenceTooLong" }).refine(hasNoNul, { error: NUL }).optional().default(""),
  openSource: z.string().optional(),
  contactEmail: z.string().trim().max(CONTACT_EMAIL_MAX, { error: "solutions.form.unknownContact" }).refine(hasNoNul, { error: NUL }).optional().default(""),
  // Only the edit form carries one: the version the editor opened.
  version: int32().optional(),
  intent: z.enum(SOLUTION_FORM_INTENTS).catch("save"),
});

/** What the form shows, as typed: a refused form comes back as it was sent. */
export interface SolutionFormValues {
  name: string;
  summary: string;
  description: string;
  ownerType: OwnerType;
  ownerMunicipality: string;
  ownerOrganisation: string;
  supplierIds: number[];
  components: string[];
  otherComponents: string;
  archiveSystems: string[];
  otherArchiveSystems: string;
  websiteUrl: string;
  sourceUrl: string;
  documentationUrl: string;
  licence: string;
  openSource: boolean;
  contactEmail: string;
  themeIds: number[];
  version?: number;
}

export const EMPTY_SOLUTION_FORM: SolutionFormValues = {
  name: "",
  summary: "",
  description: "",
  ownerType: "municipality",
  ownerMunicipality: "",
  ownerOrganisation: "",
  supplierIds: [],
  components: [],
  otherComponents: "",
  archiveSystems: [],
  otherArchiveSystems: "",
  websiteUrl: "",
  sourceUrl: "",
  documentationUrl: "",
  licence: "",
  openSource: false,
  contactEmail: "",
  themeIds: [],
};

const isStatus = (value: string): value is SolutionStatus => (SOLUTION_STATUSES as readonly string[]).includes(value);

/** A scaling status from a form; anything else is refused beside the field, never a 500. */
const statusField = (error: string) => z.string({ error }).refine(isStatus, { error }).transform((value) => value as SolutionStatus);

/** The dated note every status change (and an acceptance) carries. */
const noteField = z
  .string({ error: "solutions.statusForm.noteRequired" })
  .transform(lineBreaks)
  .pipe(
    z
      .string()
      .trim()
      .min(1, { error: "solutions.statusForm.noteRequired" })
      .max(STATUS_NOTE_MAX, { error: "solutions.statusForm.noteTooLong" })
      .refine(hasNoNul, { error: NUL }),
  );

/** YYYY-MM-DD from a date input; checked as a real day on the server (parseIsoDate). Empty is today. */
const dateField = z.string().trim().max(20, { error: "solutions.statusForm.badDate" }).optional().default("");

/** A coordinator sets the scaling status of an accepted entry. */
export const statusForm = z.object({
  fromStatus: statusField("solutions.statusForm.badFromStatus"),
  toStatus: statusField("solutions.statusForm.unknownStatus"),
  note: noteField,
  effectiveOn: dateField,
});

/** A coordinator accepts a proposal with its first status, or rejects it with a reason. */
export const reviewForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("accept"), status: statusField("solutions.statusForm.unknownStatus"), note: noteField, effectiveOn: dateField }),
    z.object({
      intent: z.literal("reject"),
      reason: z
        .string({ error: "solutions.reviewForm.reasonRequired" })
        .transform(lineBreaks)
        .pipe(
          z
            .string()
            .trim()
            .min(1, { error: "solutions.reviewForm.reasonRequired" })
            .max(STATUS_NOTE_MAX, { error: "solutions.reviewForm.reasonTooLong" })
            .refine(hasNoNul, { error: NUL }),
        ),
    }),
  ],
  { error: "error.badRequest.body" },
);
