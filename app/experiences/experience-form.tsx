import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import {
  CONTRACT_VALUE_BANDS,
  EXPERIENCE_MUNICIPALITIES_MAX,
  EXPERIENCE_TITLE_MAX,
  EXPERIENCE_VISIBILITIES,
  PROCUREMENT_PROCEDURES,
} from "../../db/schema/experience-values";
import {
  EXPERIENCE_NOTE_MAX,
  fieldSlots,
  municipalityField,
  partnerField,
  PROCUREMENT_FIRST_YEAR,
  type ExperienceFormValues,
  type OriginLabels,
} from "./experience-forms";
import { RenderedMarkdown } from "~/forum-sessions/forum-session-parts";
import { capitalise } from "~/lib/text";
import { useT, type MessageKey } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { ErrorSummary, Field, fieldId, FormAlert, SelectField, TextAreaField } from "~/ui/field";
import { Norwegian } from "~/ui/norwegian";
import { ThemeCheckboxes, type ThemeOption } from "~/ui/theme-checkboxes";
import { StoredVersion } from "~/ui/stored-version";

/** What is saved now, beside the editor's own typing after a stale save. */
export interface StoredRevision {
  title: string;
  summary: string;
  body: string;
  revision: number;
  editorName: string | null;
}

/** A new write-up, a draft (saved or published from here) or a published one (saved as the next revision). */
export type ExperienceFormMode = "new" | "draft" | "published";

interface Props {
  mode: ExperienceFormMode;
  values: ExperienceFormValues;
  errors: FieldErrors;
  themes: readonly ThemeOption[];
  /** "1804 Bodø" for each municipality in the register, for the fields' suggestions. */
  municipalityOptions: string[];
  /** The lead municipality's name: the author's own (null when they have none). */
  leadMunicipality: string | null;
  origin: OriginLabels;
  /** How many co-authoring and partner municipality fields the last reply asked for. */
  slots?: { municipalities: number; partners: number };
  preview?: string;
}


function Choice({ type, name, value, checked, label, id }: { type: "radio" | "checkbox"; name: string; value: string; checked: boolean; label: ReactNode; id: string }) {
  return (
    <div className="ds-field">
      <input id={id} className="ds-input" type={type} name={name} value={value} defaultChecked={checked} />
      <label className="ds-label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}


/** A fieldset's own message (the list as a whole), beside its legend's description. */
function FieldsetError({ id, error }: { id: string; error?: string }) {
  const t = useT();
  return error ? (
    <p id={id} className="ds-validation-message mt-2" data-color="danger">
      {t(error as MessageKey)}
    </p>
  ) : null;
}

/** Municipality fields typed like "1804 Bodø", "1804" or "Bodø", one per field. */
function MunicipalityFields({
  name,
  typed,
  slots,
  field,
  label,
  errors,
}: {
  name: string;
  typed: string[];
  slots: number;
  field: (index: number) => string;
  label: (n: number) => string;
  errors: FieldErrors;
}) {
  return (
    <div className="mt-2 grid gap-3 sm:grid-cols-2">
      {Array.from({ length: slots }, (_, i) => (
        <Field
          key={i}
          name={name}
          id={fieldId(field(i))}
          label={label(i + 1)}
          list="municipality-options"
          autoComplete="off"
          defaultValue={typed[i] ?? ""}
          errors={errors[field(i)]}
        />
      ))}
    </div>
  );
}

/** Write and edit share one form: the text, themes, visibility, municipalities, origin and the fact box. */
export function ExperienceForm({ mode, values, errors, themes, municipalityOptions, leadMunicipality, origin, slots, preview }: Props) {
  const t = useT();
  const municipalitySlots = fieldSlots(values.municipalities.length, slots?.municipalities);
  const partnerSlots = fieldSlots(values.partners.length, slots?.partners);
  const nextYear = new Date().getFullYear() + 1;
  const fields = [
    { name: "title", label: t("experienceForm.title") },
    { name: "summary", label: t("experienceForm.summary") },
    { name: "body", label: t("experienceForm.body") },
    { name: "themes", label: t("experienceForm.themes") },
    { name: "visibility", label: t("experienceForm.visibility") },
    { name: "municipalities", label: t("experienceForm.municipalities") },
    ...Array.from({ length: municipalitySlots }, (_, i) => ({ name: municipalityField(i), label: t("experienceForm.municipalityN", { n: i + 1 }) })),
    { name: "origin", label: t("experienceForm.origin") },
    { name: "procedure", label: t("experienceForm.procedure") },
    { name: "year", label: t("experienceForm.year") },
    { name: "suppliers", label: t("experienceForm.suppliers") },
    { name: "valueBand", label: t("experienceForm.valueBand") },
    { name: "partners", label: t("experienceForm.partners") },
    ...Array.from({ length: partnerSlots }, (_, i) => ({ name: partnerField(i), label: t("experienceForm.partnerN", { n: i + 1 }) })),
    { name: "lessons", label: t("experienceForm.lessons") },
    { name: "solutions", label: t("experienceForm.solutions") },
    { name: "note", label: t("experienceForm.note") },
  ];
  const themeError = errors.themes?.[0];
  const municipalitiesError = errors.municipalities?.[0];
  const partnersError = errors.partners?.[0];
  const originError = errors.origin?.[0];
  const hasOrigin = Boolean(origin.forumSession || origin.topic);
  return (
    <>
      <Form method="post" noValidate className="mt-6 max-w-2xl space-y-6">
        <FormAlert message={errors.form?.[0]} />
        <ErrorSummary errors={errors} fields={fields} />
        {values.revision !== undefined ? <input type="hidden" name="revision" value={values.revision} /> : null}
        <Field
          name="title"
          label={t("experienceForm.title")}
          description={t("experienceForm.titleHelp")}
          defaultValue={values.title}
          errors={errors.title}
          required
          maxLength={EXPERIENCE_TITLE_MAX}
        />
        <TextAreaField
          name="summary"
          rows={3}
          label={t("experienceForm.summary")}
          description={t("experienceForm.summaryHelp")}
          defaultValue={values.summary}
          errors={errors.summary}
          required
        />
        <TextAreaField
          name="body"
          rows={20}
          label={t("experienceForm.body")}
          description={t("experienceForm.bodyHelp")}
          defaultValue={values.body}
          errors={errors.body}
          required
        />
        <fieldset
          id={fieldId("themes")}
          className="ds-fieldset min-w-0"
          aria-describedby={themeError ? "themes-description themes-error" : "themes-description"}
          aria-invalid={themeError ? true : undefined}
        >
          <legend className="ds-label">{t("experienceForm.themes")}</legend>
          <p id="themes-description" className="ds-paragraph" data-size="sm">
            {t("experienceForm.themesHelp")}
          </p>
          <ThemeCheckboxes themes={themes} checked={values.themeIds} />
          <FieldsetError id="themes-error" error={themeError} />
        </fieldset>
        <fieldset id={fieldId("visibility")} className="ds-fieldset min-w-0" aria-describedby={errors.visibility ? "visibility-error" : undefined}>
          <legend className="ds-label">{t("experienceForm.visibility")}</legend>
          <div className="mt-2 space-y-2">
            {EXPERIENCE_VISIBILITIES.map((visibility) => (
              <Choice
                key={visibility}
                type="radio"
                id={`visibility-${visibility}`}
                name="visibility"
                value={visibility}
                checked={values.visibility === visibility}
                label={t(`experienceForm.visibility.${visibility}`)}
              />
            ))}
          </div>
          <FieldsetError id="visibility-error" error={errors.visibility?.[0]} />
        </fieldset>
        <fieldset
          id={fieldId("municipalities")}
          className="ds-fieldset min-w-0"
          aria-describedby={municipalitiesError ? "municipalities-description municipalities-error" : "municipalities-description"}
        >
          <legend className="ds-label">{t("experienceForm.municipalities")}</legend>
          <div id="municipalities-description" className="ds-paragraph space-y-1" data-size="sm">
            <p>
              {leadMunicipality ? (
                t("experienceForm.lead", { municipality: leadMunicipality })
              ) : (
                t("experienceForm.noLead")
              )}
            </p>
            <p>{t("experienceForm.municipalitiesHelp", { max: EXPERIENCE_MUNICIPALITIES_MAX })}</p>
          </div>
          <FieldsetError id="municipalities-error" error={municipalitiesError} />
          <MunicipalityFields
            name="municipality"
            typed={values.municipalities}
            slots={municipalitySlots}
            field={municipalityField}
            label={(n) => t("experienceForm.municipalityN", { n })}
            errors={errors}
          />
        </fieldset>
        {hasOrigin || originError ? (
          <fieldset id={fieldId("origin")} className="ds-fieldset min-w-0" aria-describedby={originError ? "origin-error" : undefined}>
            <legend className="ds-label">{t("experienceForm.origin")}</legend>
            <FieldsetError id="origin-error" error={originError} />
            {origin.forumSession ? (
              <div className="mt-2">
                <input type="hidden" name="forumSession" value={origin.forumSession.id} />
                {origin.agendaItem ? <input type="hidden" name="agendaItem" value={origin.agendaItem.id} /> : null}
                <p className="ds-paragraph break-words">
                  {t("experienceForm.fromSession")}{" "}
                  <Norwegian>
                    {origin.forumSession.title}
                    {origin.agendaItem ? ` — ${origin.agendaItem.title}` : ""}
                  </Norwegian>
                </p>
                <Choice
                  type="checkbox"
                  id="field-keepForumSession"
                  name="keepForumSession"
                  value="yes"
                  checked={values.keepForumSession}
                  label={t("experienceForm.keepForumSession")}
                />
              </div>
            ) : null}
            {origin.topic ? (
              <div className="mt-2">
                <input type="hidden" name="topic" value={origin.topic.id} />
                <p className="ds-paragraph break-words">
                  {t("experienceForm.fromTopic")} <Norwegian>{origin.topic.title}</Norwegian>
                </p>
                <Choice type="checkbox" id="field-keepTopic" name="keepTopic" value="yes" checked={values.keepTopic} label={t("experienceForm.keepTopic")} />
              </div>
            ) : null}
          </fieldset>
        ) : null}
        <fieldset className="ds-fieldset min-w-0 space-y-4" aria-describedby="procurement-description">
          <legend className="ds-label">{t("experienceForm.factBox")}</legend>
          <p id="procurement-description" className="ds-paragraph" data-size="sm">
            {t("experienceForm.factBoxHelp")}
          </p>
          <Choice
            type="checkbox"
            id={fieldId("procurement")}
            name="procurement"
            value="yes"
            checked={values.procurement}
            label={t("experienceForm.isProcurement")}
          />
          <SelectField
            name="procedure"
            label={t("experienceForm.procedure")}
            value={values.procedure}
            errors={errors.procedure}
            emptyLabel={t("experienceForm.choose")}
            options={PROCUREMENT_PROCEDURES.map((procedure) => ({ value: procedure, label: capitalise(t(`experiences.procedure.${procedure}`)) }))}
          />
          <Field
            name="year"
            label={t("experienceForm.year")}
            description={t("experienceForm.yearHelp", { first: PROCUREMENT_FIRST_YEAR, last: nextYear })}
            defaultValue={values.year}
            errors={errors.year}
            inputMode="numeric"
            autoComplete="off"
            className="ds-input max-w-[8rem]"
          />
          <TextAreaField
            name="suppliers"
            rows={3}
            label={t("experienceForm.suppliers")}
            description={t("experienceForm.suppliersHelp")}
            defaultValue={values.suppliers}
            errors={errors.suppliers}
          />
          <SelectField
            name="valueBand"
            label={t("experienceForm.valueBand")}
            value={values.valueBand}
            errors={errors.valueBand}
            emptyLabel={t("experienceForm.notSaying")}
            options={CONTRACT_VALUE_BANDS.map((band) => ({ value: band, label: capitalise(t(`experiences.valueBand.${band}`)) }))}
          />
          <fieldset
            id={fieldId("partners")}
            className="ds-fieldset min-w-0"
            aria-describedby={partnersError ? "partners-description partners-error" : "partners-description"}
          >
            <legend className="ds-label">{t("experienceForm.partners")}</legend>
            <p id="partners-description" className="ds-paragraph" data-size="sm">
              {t("experienceForm.partnersHelp")}
            </p>
            <FieldsetError id="partners-error" error={partnersError} />
            <MunicipalityFields
              name="partner"
              typed={values.partners}
              slots={partnerSlots}
              field={partnerField}
              label={(n) => t("experienceForm.partnerN", { n })}
              errors={errors}
            />
          </fieldset>
          <TextAreaField
            name="lessons"
            rows={5}
            label={t("experienceForm.lessons")}
            description={t("experienceForm.lessonsHelp")}
            defaultValue={values.lessons}
            errors={errors.lessons}
          />
        </fieldset>
        <TextAreaField
          name="solutions"
          rows={2}
          label={t("experienceForm.solutions")}
          description={t("experienceForm.solutionsHelp")}
          defaultValue={values.solutions}
          errors={errors.solutions}
        />
        <datalist id="municipality-options">
          {municipalityOptions.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        {mode !== "new" ? (
          <Field
            name="note"
            label={t("experienceForm.note")}
            description={t("experienceForm.noteHelp")}
            defaultValue={values.note}
            errors={errors.note}
            maxLength={EXPERIENCE_NOTE_MAX}
          />
        ) : null}
        {/* Saving is the form's first button: Enter in a field saves (a draft stays a draft), never more. */}
        <div className="flex flex-wrap gap-3">
          {mode === "published" ? (
            <button type="submit" name="intent" value="save" className="ds-button" data-variant="primary">
              {t("experienceForm.save")}
            </button>
          ) : (
            <>
              <button type="submit" name="intent" value="draft" className="ds-button" data-variant="secondary">
                {t("experienceForm.saveDraft")}
              </button>
              <button type="submit" name="intent" value="publish" className="ds-button" data-variant="primary">
                {t("experienceForm.publish")}
              </button>
            </>
          )}
          <button type="submit" name="intent" value="preview" className="ds-button" data-variant="secondary">
            {t("experienceForm.preview")}
          </button>
          {municipalitySlots < EXPERIENCE_MUNICIPALITIES_MAX ? (
            <button type="submit" name="intent" value="more" className="ds-button" data-variant="tertiary">
              {t("experienceForm.moreMunicipalities")}
            </button>
          ) : null}
          {partnerSlots < EXPERIENCE_MUNICIPALITIES_MAX ? (
            <button type="submit" name="intent" value="morePartners" className="ds-button" data-variant="tertiary">
              {t("experienceForm.morePartners")}
            </button>
          ) : null}
        </div>
      </Form>
      {preview !== undefined ? (
        <section className="ds-card mt-10 max-w-2xl" aria-labelledby="preview">
          <h2 id="preview" className="ds-heading" data-size="sm">
            {t("experienceForm.previewHeading")}
          </h2>
          <RenderedMarkdown className="mt-4 break-words" html={preview} />
        </section>
      ) : null}
    </>
  );
}

/** What is saved now, read-only, beside the editor's own typing after a stale save. */
export function StoredExperience({ stored }: { stored: StoredRevision }) {
  const t = useT();
  return (
    <StoredVersion
      heading={t("experienceForm.storedRevision", { revision: stored.revision })}
      note={stored.editorName ? t("experienceForm.storedBy", { name: stored.editorName }) : t("experienceForm.storedByUnknown")}
      rows={[
        { label: t("experienceForm.title"), value: stored.title },
        { label: t("experienceForm.summary"), value: stored.summary },
        { label: t("experienceForm.body"), value: stored.body },
      ]}
    />
  );
}
