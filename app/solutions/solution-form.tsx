import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import {
  SOLUTION_LICENCE_MAX,
  SOLUTION_NAME_MAX,
  SOLUTION_SUPPLIERS_MAX,
  SOLUTION_TAG_MAX,
  SOLUTION_TAGS_MAX,
  URL_MAX,
} from "../../db/schema/solution-values";
import { ARCHIVE_SUGGESTIONS, COMPONENT_SUGGESTIONS, CONTACT_EMAIL_MAX, SOLUTION_LINK_FIELDS, type SolutionFormValues } from "./solution-forms";
import { RenderedMarkdown } from "~/forum-sessions/forum-session-parts";
import { useT, type MessageKey } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { ErrorSummary, Field, fieldId, FormAlert, TextAreaField } from "~/ui/field";
import { Norwegian } from "~/ui/norwegian";
import { ThemeCheckboxes, type ThemeOption } from "~/ui/theme-checkboxes";
import { StoredVersion } from "~/ui/stored-version";

/** The entry a proposed name already belongs to; `visible` when the proposer may open it. */
export interface DuplicateEntry {
  slug: string;
  name: string;
  visible: boolean;
}

interface OrganisationOption {
  id: number;
  name: string;
  kind: string;
}

interface Props {
  mode: "new" | "edit";
  values: SolutionFormValues;
  errors: FieldErrors;
  themes: readonly ThemeOption[];
  municipalityOptions: readonly string[];
  organisations: readonly OrganisationOption[];
  duplicate?: DuplicateEntry;
  preview?: string;
}

function FieldsetError({ id, error }: { id: string; error?: string }) {
  const t = useT();
  return error ? (
    <p id={id} className="ds-validation-message mt-2" data-color="danger">
      {t(error as MessageKey)}
    </p>
  ) : null;
}

function Check({ id, name, value, checked, label, type = "checkbox" }: { id: string; name: string; value: string; checked: boolean; label: ReactNode; type?: "checkbox" | "radio" }) {
  return (
    <div className="ds-field">
      <input id={id} className="ds-input" type={type} name={name} value={value} defaultChecked={checked} />
      <label className="ds-label min-w-0 break-words" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

/** The name, with a link to the entry that already has it when the catalogue has one. */
function NameField({ value, error, duplicate }: { value: string; error?: string; duplicate?: DuplicateEntry }) {
  const t = useT();
  const id = fieldId("name");
  const describedBy = [`${id}-description`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="ds-field">
      <div className="flex flex-wrap items-baseline gap-x-1">
        <label className="ds-label" htmlFor={id}>
          {t("solutions.form.name")}
        </label>
        <span className="ds-paragraph font-normal" data-size="sm" aria-hidden="true">
          {t("form.requiredMark")}
        </span>
      </div>
      <div id={`${id}-description`} className="ds-paragraph" data-size="sm">
        {t("solutions.form.nameHelp")}
      </div>
      <input
        id={id}
        name="name"
        className="ds-input"
        defaultValue={value}
        maxLength={SOLUTION_NAME_MAX}
        required
        aria-required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p id={`${id}-error`} className="ds-validation-message break-words" data-color="danger">
          {error === "solutions.form.duplicate" && duplicate ? (
            duplicate.visible ? (
              <>
                <Link className="ds-link" to={`/solutions/${duplicate.slug}`}>
                  <Norwegian>{duplicate.name}</Norwegian>
                </Link>{" "}
                {t("solutions.form.duplicateSuffix")}
              </>
            ) : (
              t("solutions.form.duplicateProposal")
            )
          ) : (
            t(error as MessageKey)
          )}
        </p>
      ) : null}
    </div>
  );
}

/** Suggestions as checkboxes, and a field for the others, comma-separated. */
function TagFieldset({
  name,
  othersName,
  legend,
  help,
  othersLabel,
  suggestions,
  ticked,
  others,
  error,
}: {
  name: string;
  othersName: string;
  legend: string;
  help: string;
  othersLabel: string;
  suggestions: readonly string[];
  ticked: readonly string[];
  others: string;
  error?: string;
}) {
  const t = useT();
  return (
    <fieldset id={fieldId(name)} className="ds-fieldset min-w-0" aria-describedby={`${name}-description`}>
      <legend className="ds-label">{legend}</legend>
      <p id={`${name}-description`} className="ds-paragraph" data-size="sm">
        {help}
      </p>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {suggestions.map((tag, i) => (
          <Check key={tag} id={`${name}-${i}`} name={name} value={tag} checked={ticked.includes(tag)} label={tag} />
        ))}
      </div>
      <div className="mt-3">
        <Field
          name={othersName}
          label={othersLabel}
          description={t("solutions.form.othersHelp", { max: SOLUTION_TAGS_MAX, length: SOLUTION_TAG_MAX })}
          defaultValue={others}
          errors={error ? [error] : undefined}
          autoComplete="off"
        />
      </div>
    </fieldset>
  );
}

/** Propose and edit share one form: text, owner, suppliers, components, archives, links, licence, contact, themes. */
export function SolutionForm({ mode, values, errors, themes, municipalityOptions, organisations, duplicate, preview }: Props) {
  const t = useT();
  const suppliers = organisations.filter((o) => o.kind === "supplier");
  const fields = [
    { name: "name", label: t("solutions.form.name") },
    { name: "summary", label: t("solutions.form.summary") },
    { name: "description", label: t("solutions.form.description") },
    { name: "ownerType", label: t("solutions.form.owner") },
    { name: "ownerMunicipality", label: t("solutions.form.ownerMunicipality") },
    { name: "ownerOrganisation", label: t("solutions.form.ownerOrganisation") },
    { name: "suppliers", label: t("solutions.form.suppliers") },
    { name: "otherComponents", label: t("solutions.form.otherComponents") },
    { name: "otherArchiveSystems", label: t("solutions.form.otherArchiveSystems") },
    ...SOLUTION_LINK_FIELDS.map((name) => ({ name, label: t(`solutions.form.${name}`) })),
    { name: "licence", label: t("solutions.form.licence") },
    { name: "contactEmail", label: t("solutions.form.contactEmail") },
    { name: "themes", label: t("solutions.form.themes") },
  ];
  const ownerError = errors.ownerType?.[0];
  const supplierError = errors.suppliers?.[0];
  const themeError = errors.themes?.[0];
  return (
    <>
      <Form method="post" noValidate className="mt-6 max-w-2xl space-y-6">
        <FormAlert message={errors.form?.[0]} />
        <ErrorSummary errors={errors} fields={fields} />
        {values.version !== undefined ? <input type="hidden" name="version" value={values.version} /> : null}
        <NameField value={values.name} error={errors.name?.[0]} duplicate={duplicate} />
        <TextAreaField
          name="summary"
          rows={3}
          label={t("solutions.form.summary")}
          description={t("solutions.form.summaryHelp")}
          defaultValue={values.summary}
          errors={errors.summary}
          required
        />
        <TextAreaField
          name="description"
          rows={14}
          label={t("solutions.form.description")}
          description={t("solutions.form.descriptionHelp")}
          defaultValue={values.description}
          errors={errors.description}
        />

        <fieldset
          id={fieldId("ownerType")}
          className="ds-fieldset min-w-0 space-y-3"
          aria-describedby={ownerError ? "owner-description owner-error" : "owner-description"}
        >
          <legend className="ds-label">{t("solutions.form.owner")}</legend>
          <p id="owner-description" className="ds-paragraph" data-size="sm">
            {t("solutions.form.ownerHelp")}
          </p>
          <FieldsetError id="owner-error" error={ownerError} />
          <Check type="radio" id="ownerType-municipality" name="ownerType" value="municipality" checked={values.ownerType === "municipality"} label={t("solutions.form.ownerIsMunicipality")} />
          <Field
            name="ownerMunicipality"
            label={t("solutions.form.ownerMunicipality")}
            description={t("solutions.form.ownerMunicipalityHelp")}
            list="municipality-options"
            autoComplete="off"
            defaultValue={values.ownerMunicipality}
            errors={errors.ownerMunicipality}
          />
          <Check type="radio" id="ownerType-organisation" name="ownerType" value="organisation" checked={values.ownerType === "organisation"} label={t("solutions.form.ownerIsOrganisation")} />
          <div className="ds-field">
            <label className="ds-label" htmlFor={fieldId("ownerOrganisation")}>
              {t("solutions.form.ownerOrganisation")}
            </label>
            <select
              id={fieldId("ownerOrganisation")}
              name="ownerOrganisation"
              className="ds-input w-full"
              defaultValue={values.ownerOrganisation}
              aria-invalid={errors.ownerOrganisation ? true : undefined}
              aria-describedby={errors.ownerOrganisation ? `${fieldId("ownerOrganisation")}-error` : undefined}
            >
              <option value="">{t("solutions.form.chooseOrganisation")}</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({t(`organisations.kind.${o.kind}` as MessageKey)})
                </option>
              ))}
            </select>
            {errors.ownerOrganisation ? (
              <p id={`${fieldId("ownerOrganisation")}-error`} className="ds-validation-message" data-color="danger">
                {t(errors.ownerOrganisation[0] as MessageKey)}
              </p>
            ) : null}
          </div>
        </fieldset>
        <datalist id="municipality-options">
          {municipalityOptions.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>

        <fieldset
          id={fieldId("suppliers")}
          className="ds-fieldset min-w-0"
          aria-describedby={supplierError ? "suppliers-description suppliers-error" : "suppliers-description"}
        >
          <legend className="ds-label">{t("solutions.form.suppliers")}</legend>
          <p id="suppliers-description" className="ds-paragraph" data-size="sm">
            {suppliers.length === 0 ? t("solutions.form.noSuppliers") : t("solutions.form.suppliersHelp", { max: SOLUTION_SUPPLIERS_MAX })}
          </p>
          <FieldsetError id="suppliers-error" error={supplierError} />
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {suppliers.map((o) => (
              <Check key={o.id} id={`supplier-${o.id}`} name="supplier" value={String(o.id)} checked={values.supplierIds.includes(o.id)} label={o.name} />
            ))}
          </div>
        </fieldset>

        <TagFieldset
          name="component"
          othersName="otherComponents"
          legend={t("solutions.form.components")}
          help={t("solutions.form.componentsHelp")}
          othersLabel={t("solutions.form.otherComponents")}
          suggestions={COMPONENT_SUGGESTIONS}
          ticked={values.components}
          others={values.otherComponents}
          error={errors.otherComponents?.[0]}
        />
        <TagFieldset
          name="archiveSystem"
          othersName="otherArchiveSystems"
          legend={t("solutions.form.archiveSystems")}
          help={t("solutions.form.archiveSystemsHelp")}
          othersLabel={t("solutions.form.otherArchiveSystems")}
          suggestions={ARCHIVE_SUGGESTIONS}
          ticked={values.archiveSystems}
          others={values.otherArchiveSystems}
          error={errors.otherArchiveSystems?.[0]}
        />

        <fieldset className="ds-fieldset min-w-0 space-y-4" aria-describedby="links-description">
          <legend className="ds-label">{t("solutions.form.links")}</legend>
          <p id="links-description" className="ds-paragraph" data-size="sm">
            {t("solutions.form.linksHelp")}
          </p>
          {SOLUTION_LINK_FIELDS.map((name) => (
            <Field
              key={name}
              name={name}
              type="url"
              inputMode="url"
              autoComplete="url"
              label={t(`solutions.form.${name}`)}
              defaultValue={values[name]}
              errors={errors[name]}
              maxLength={URL_MAX}
            />
          ))}
        </fieldset>

        <Field
          name="licence"
          label={t("solutions.form.licence")}
          description={t("solutions.form.licenceHelp")}
          defaultValue={values.licence}
          errors={errors.licence}
          maxLength={SOLUTION_LICENCE_MAX}
        />
        <Check id={fieldId("openSource")} name="openSource" value="yes" checked={values.openSource} label={t("solutions.form.openSource")} />
        <Field
          name="contactEmail"
          type="email"
          autoComplete="off"
          label={t("solutions.form.contactEmail")}
          description={t("solutions.form.contactEmailHelp")}
          defaultValue={values.contactEmail}
          errors={errors.contactEmail}
          maxLength={CONTACT_EMAIL_MAX}
        />

        <fieldset
          id={fieldId("themes")}
          className="ds-fieldset min-w-0"
          aria-describedby={themeError ? "themes-description themes-error" : "themes-description"}
        >
          <legend className="ds-label">{t("solutions.form.themes")}</legend>
          <p id="themes-description" className="ds-paragraph" data-size="sm">
            {t("solutions.form.themesHelp")}
          </p>
          <ThemeCheckboxes themes={themes} checked={values.themeIds} />
          <FieldsetError id="themes-error" error={themeError} />
        </fieldset>

        {/* Saving is the form's first button: Enter in a field saves. */}
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="save" className="ds-button" data-variant="primary">
            {mode === "new" ? t("solutions.form.propose") : t("solutions.form.save")}
          </button>
          <button type="submit" name="intent" value="preview" className="ds-button" data-variant="secondary">
            {t("solutions.form.preview")}
          </button>
        </div>
      </Form>
      {preview !== undefined ? (
        <section className="ds-card mt-10 max-w-2xl" aria-labelledby="preview">
          <h2 id="preview" className="ds-heading" data-size="sm">
            {t("solutions.form.previewHeading")}
          </h2>
          {preview === "" ? (
            <p className="ds-paragraph mt-4">{t("solutions.form.previewEmpty")}</p>
          ) : (
            <RenderedMarkdown className="mt-4 break-words" html={preview} />
          )}
        </section>
      ) : null}
    </>
  );
}

/** What is saved now, read-only, beside the editor's own typing after a stale save. */
export interface StoredSolution {
  name: string;
  summary: string;
  description: string;
  version: number;
}

export function StoredSolutionView({ stored }: { stored: StoredSolution }) {
  const t = useT();
  return (
    <StoredVersion
      heading={t("solutions.form.storedVersion")}
      note={t("solutions.form.storedHelp")}
      rows={[
        { label: t("solutions.form.name"), value: stored.name },
        { label: t("solutions.form.summary"), value: stored.summary },
        { label: t("solutions.form.description"), value: stored.description },
      ]}
    />
  );
}
