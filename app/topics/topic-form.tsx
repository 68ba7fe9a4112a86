import { Form } from "@remix-run/react";
import { useRef } from "react";
import { TOPIC_TITLE_MAX } from "../../db/schema/topic-values";
import { EXPERIENCED_MAX, experiencedField, type TopicFormValues } from "./topic-forms";
import { RenderedMarkdown } from "~/forum-sessions/forum-session-parts";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { ErrorSummary, Field, fieldId, FormAlert, TextAreaField } from "~/ui/field";
import { ThemeCheckboxes } from "~/ui/theme-checkboxes";
import { StoredVersion } from "~/ui/stored-version";

export interface ThemeOption {
  id: number;
  nameNb: string;
  nameEn: string;
}

/** How many municipality fields to show: what was typed and at least one empty, three at first. */
export function experiencedSlots(values: TopicFormValues, asked = 0): number {
  return Math.min(Math.max(values.experienced.length + 1, 3, asked), EXPERIENCED_MAX);
}

/**
 * A number that changes with each reply of the action: keyed by it, the form starts again from what the
 * server answered (compacted municipality fields, added ones), also when JavaScript submitted it.
 */
export function useReplyKey(reply: unknown): number {
  const seen = useRef({ reply, key: 0 });
  if (seen.current.reply !== reply) seen.current = { reply, key: seen.current.key + 1 };
  return seen.current.key;
}

interface Props {
  values: TopicFormValues;
  errors: FieldErrors;
  themes: ThemeOption[];
  /** "1804 Bodø" for each municipality in the register, for the fields' suggestions. */
  municipalityOptions: string[];
  /** The municipality that "can present this", or null when the topic has none (then not offered). */
  presentingMunicipality: string | null;
  /** How many municipality fields to show. */
  slots: number;
  submitLabel: string;
  preview?: string;
}

/** Propose and edit share one form: title, description, themes, "can present", municipalities with experience. */
export function TopicForm({ values, errors, themes, municipalityOptions, presentingMunicipality, slots, submitLabel, preview }: Props) {
  const t = useT();
  const themeError = errors.themes?.[0];
  const experiencedError = errors.experienced?.[0];
  const fields = [
    { name: "title", label: t("topicForm.title") },
    { name: "description", label: t("topicForm.description") },
    { name: "themes", label: t("topicForm.themes") },
    { name: "experienced", label: t("topicForm.experienced") },
    ...Array.from({ length: slots }, (_, i) => ({ name: experiencedField(i), label: t("topicForm.experiencedN", { n: i + 1 }) })),
  ];
  return (
    <>
      <Form method="post" noValidate className="mt-6 max-w-2xl space-y-6">
        <FormAlert message={errors.form?.[0]} />
        <ErrorSummary errors={errors} fields={fields} />
        {values.version !== undefined ? <input type="hidden" name="version" value={values.version} /> : null}
        <Field
          name="title"
          label={t("topicForm.title")}
          description={t("topicForm.titleHelp")}
          defaultValue={values.title}
          errors={errors.title}
          required
          maxLength={TOPIC_TITLE_MAX}
        />
        <TextAreaField
          name="description"
          rows={10}
          label={t("topicForm.description")}
          description={t("topicForm.descriptionHelp")}
          defaultValue={values.description}
          errors={errors.description}
          required
        />
        <fieldset
          id={fieldId("themes")}
          className="ds-fieldset min-w-0"
          aria-describedby={themeError ? "themes-error" : "themes-description"}
          aria-invalid={themeError ? true : undefined}
        >
          <legend className="ds-label">{t("topicForm.themes")}</legend>
          <p id="themes-description" className="ds-paragraph" data-size="sm">
            {t("topicForm.themesHelp")}
          </p>
          <ThemeCheckboxes themes={themes} checked={values.themeIds} />
          {themeError ? (
            <p id="themes-error" className="ds-validation-message mt-2" data-color="danger">
              {t(themeError as MessageKey)}
            </p>
          ) : null}
        </fieldset>
        {presentingMunicipality ? (
          <div className="ds-field">
            <input id="field-canPresent" className="ds-input" type="checkbox" name="canPresent" value="yes" defaultChecked={values.canPresent} />
            <label className="ds-label" htmlFor="field-canPresent">
              {t("topicForm.canPresent", { municipality: presentingMunicipality })}
            </label>
          </div>
        ) : null}
        <fieldset
          id={fieldId("experienced")}
          className="ds-fieldset min-w-0"
          aria-describedby={experiencedError ? "experienced-description experienced-error" : "experienced-description"}
        >
          <legend className="ds-label">{t("topicForm.experienced")}</legend>
          <p id="experienced-description" className="ds-paragraph" data-size="sm">
            {t("topicForm.experiencedHelp")}
          </p>
          {experiencedError ? (
            <p id="experienced-error" className="ds-validation-message mt-2" data-color="danger">
              {t(experiencedError as MessageKey)}
            </p>
          ) : null}
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            {Array.from({ length: slots }, (_, i) => (
              <Field
                key={i}
                name="experienced"
                id={fieldId(experiencedField(i))}
                label={t("topicForm.experiencedN", { n: i + 1 })}
                list="municipality-options"
                autoComplete="off"
                defaultValue={values.experienced[i] ?? ""}
                errors={errors[experiencedField(i)]}
              />
            ))}
          </div>
          <datalist id="municipality-options">
            {municipalityOptions.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </fieldset>
        {/* Save is the form's first button: Enter in a field saves, rather than previewing or adding fields. */}
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="save" className="ds-button" data-variant="primary">
            {submitLabel}
          </button>
          <button type="submit" name="intent" value="preview" className="ds-button" data-variant="secondary">
            {t("topicForm.preview")}
          </button>
          {slots < EXPERIENCED_MAX ? (
            <button type="submit" name="intent" value="more" className="ds-button" data-variant="tertiary">
              {t("topicForm.moreMunicipalities")}
            </button>
          ) : null}
        </div>
      </Form>
      {preview !== undefined ? (
        <section className="ds-card mt-10 max-w-2xl" aria-labelledby="preview">
          <h2 id="preview" className="ds-heading" data-size="sm">
            {t("topicForm.previewHeading")}
          </h2>
          <RenderedMarkdown className="mt-4 break-words" html={preview} />
        </section>
      ) : null}
    </>
  );
}

/** What is saved now, beside the editor's own typing after a stale save. */
export function StoredTopic({ stored, themes }: { stored: TopicFormValues; themes: ThemeOption[] }) {
  const t = useT();
  const language = useLanguage();
  const themeNames = themes
    .filter((theme) => stored.themeIds.includes(theme.id))
    .map((theme) => (language === "nb" ? theme.nameNb : theme.nameEn))
    .join(", ");
  return (
    <StoredVersion
      heading={t("topicForm.storedVersion")}
      rows={[
        { label: t("topicForm.title"), value: stored.title },
        { label: t("topicForm.description"), value: stored.description },
        { label: t("topicForm.themes"), value: themeNames, plain: true },
        { label: t("topicForm.canPresentStored"), value: stored.canPresent ? t("topicForm.yes") : t("topicForm.no"), plain: true },
        { label: t("topicForm.experienced"), value: stored.experienced.join(", ") },
      ]}
    />
  );
}
