import { z } from "zod";
import { TOPIC_DESCRIPTION_MAX, TOPIC_TITLE_MAX } from "../../db/schema/topic-values";
import type { TopicInput } from "./topics.server";
import { int32, parseForm, requiredText, type FieldErrors } from "~/lib/forms";
import { municipalityFinder, type RegisterMunicipality } from "~/municipalities/municipality-finder";

/** "Municipalities that have experience with it": at most this many. */
export const EXPERIENCED_MAX = 20;

/** The propose and edit form's own fields; themes and municipalities come as lists, read beside it. */
export const topicForm = z.object({
  title: requiredText(TOPIC_TITLE_MAX),
  // Required: a topic is a suggestion for a forum session, and a title alone does not say what to take up.
  description: requiredText(TOPIC_DESCRIPTION_MAX),
  canPresent: z.literal("yes").optional().catch(undefined),
  // Only the edit form carries one: the version of the topic the editor opened.
  version: int32().optional(),
  // "preview" renders the description; "more" answers the form back with more municipality fields.
  intent: z.enum(["save", "preview", "more"]).catch("save"),
});

export interface TopicFormValues {
  title: string;
  description: string;
  themeIds: number[];
  canPresent: boolean;
  /** What was typed in the municipality fields, blanks left out: "1804 Bodø", "1804" or "Bodø". */
  experienced: string[];
  version?: number;
}

/** The register a topic form is checked against. */
export interface TopicFormRegister {
  themeIds: readonly number[];
  municipalities: readonly RegisterMunicipality[];
  /** Whether "our municipality can present this" is offered: the proposer has a municipality. */
  mayPresent: boolean;
}

/** The error key of municipality field `index` (its position among the fields that were filled in). */
export const experiencedField = (index: number) => `experienced-${index}`;

const MUNICIPALITY_MESSAGES = { unknown: "topicForm.unknownMunicipality", ambiguous: "topicForm.ambiguousMunicipality" } as const;

const textOf = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

/**
 * The propose/edit form, checked against the register: the input for proposeTopic/updateTopic, or the
 * message keys beside each field. Either way what was typed comes back, with the version the editor
 * opened (never a newer one), so a refused form can be shown again as it was.
 */
export function readTopicForm(formData: FormData, register: TopicFormRegister) {
  const form = parseForm(formData, topicForm);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const checkedThemes = formData.getAll("theme").map(textOf);
  const themeIds = [...new Set(checkedThemes.filter((v) => /^\d{1,9}$/.test(v)).map(Number))].filter((id) => register.themeIds.includes(id));
  if (checkedThemes.length === 0) errors.themes = ["topicForm.themeRequired"];
  else if (themeIds.length < new Set(checkedThemes).size) errors.themes = ["topicForm.unknownTheme"];

  const fields = formData.getAll("experienced");
  const experienced = fields.map((v) => textOf(v).trim().slice(0, 200)).filter(Boolean);
  const numbers: string[] = [];
  const find = municipalityFinder(register.municipalities);
  // Past twice the limit, the list is too long however many repeat: no need to look each one up.
  experienced.slice(0, 2 * EXPERIENCED_MAX).forEach((entry, index) => {
    const found = find(entry);
    if (found.ok) {
      if (!numbers.includes(found.number)) numbers.push(found.number);
    } else {
      errors[experiencedField(index)] = [MUNICIPALITY_MESSAGES[found.reason]];
    }
  });
  if (numbers.length > EXPERIENCED_MAX || experienced.length > 2 * EXPERIENCED_MAX) errors.experienced = ["topicForm.tooManyMunicipalities"];
  // A bad version is no field's fault: the form as a whole says so.
  if (errors.version) {
    errors.form = errors.version;
    delete errors.version;
  }

  const opened = int32().safeParse(formData.get("version"));
  const canPresent = register.mayPresent && formData.get("canPresent") === "yes";
  const values: TopicFormValues = {
    title: textOf(formData.get("title")),
    description: textOf(formData.get("description")),
    themeIds,
    canPresent,
    experienced,
    ...(opened.success ? { version: opened.data } : {}),
  };
  const intent = form.ok ? form.value.intent : topicForm.shape.intent.parse(formData.get("intent"));
  // The municipality fields the form had, blank ones too: a reply shows as many again ("more" adds some).
  const slots = intent === "more" ? fields.length + 3 : fields.length;
  if (!form.ok || Object.keys(errors).length > 0) return { ok: false as const, intent, errors, values, slots };
  const value: TopicInput = {
    title: form.value.title,
    description: form.value.description,
    themeIds,
    canPresent,
    experiencedMunicipalities: numbers,
  };
  return { ok: true as const, intent, value, version: form.value.version, values, slots };
}
