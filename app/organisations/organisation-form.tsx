import { Form, Link } from "@remix-run/react";
import { ORGANISATION_KINDS, ORGANISATION_NAME_MAX, URL_MAX } from "../../db/schema/solution-values";
import { fieldSlots, municipalityField, ORGANISATION_MUNICIPALITIES_MAX, type OrganisationFormValues } from "./organisation-forms";
import { useT, type MessageKey } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { capitalise } from "~/lib/text";
import { ErrorSummary, Field, fieldId, FormAlert, SelectField, TextAreaField } from "~/ui/field";
import { Norwegian } from "~/ui/norwegian";
import { StoredVersion } from "~/ui/stored-version";

interface Props {
  mode: "new" | "edit";
  values: OrganisationFormValues;
  errors: FieldErrors;
  /** "1804 Bodø" for each municipality in the register, for the fields' suggestions. */
  municipalityOptions: string[];
  /** How many municipality fields the last reply asked for. */
  slots?: number;
  /** The organisation that already has the name typed. */
  existing?: { slug: string; name: string };
}


/** Create and edit share one form: name, kind, description, website and a regional cooperation's municipalities. */
export function OrganisationForm({ mode, values, errors, municipalityOptions, slots, existing }: Props) {
  const t = useT();
  const municipalitySlots = fieldSlots(values.municipalities.length, slots);
  const fields = [
    { name: "name", label: t("organisations.form.name") },
    { name: "kind", label: t("organisations.form.kind") },
    { name: "description", label: t("organisations.form.description") },
    { name: "website", label: t("organisations.form.website") },
    { name: "municipalities", label: t("organisations.form.municipalities") },
    ...Array.from({ length: municipalitySlots }, (_, i) => ({ name: municipalityField(i), label: t("organisations.form.municipalityN", { n: i + 1 }) })),
  ];
  const municipalitiesError = errors.municipalities?.[0];
  return (
    <Form method="post" noValidate className="mt-6 max-w-2xl space-y-6">
      <FormAlert message={errors.form?.[0]} />
      <ErrorSummary errors={errors} fields={fields} />
      {values.version !== undefined ? <input type="hidden" name="version" value={values.version} /> : null}
      <Field
        name="name"
        label={t("organisations.form.name")}
        description={
          existing ? (
            <>
              {t("organisations.form.existing")}{" "}
              <Link className="ds-link" to={`/organisations/${existing.slug}`}>
                <Norwegian>{existing.name}</Norwegian>
              </Link>
            </>
          ) : (
            t("organisations.form.nameHelp")
          )
        }
        defaultValue={values.name}
        errors={errors.name}
        required
        maxLength={ORGANISATION_NAME_MAX}
        autoComplete="off"
      />
      <SelectField
        name="kind"
        label={t("organisations.form.kind")}
        value={values.kind}
        errors={errors.kind}
        required
        emptyLabel={t("organisations.form.chooseKind")}
        options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: capitalise(t(`organisations.kind.${kind}`)) }))}
      />
      <TextAreaField
        name="description"
        rows={5}
        label={t("organisations.form.description")}
        description={t("organisations.form.descriptionHelp")}
        defaultValue={values.description}
        errors={errors.description}
      />
      <Field
        name="website"
        type="url"
        inputMode="url"
        label={t("organisations.form.website")}
        description={t("organisations.form.websiteHelp")}
        defaultValue={values.website}
        errors={errors.website}
        maxLength={URL_MAX}
        autoComplete="url"
      />
      <fieldset
        id={fieldId("municipalities")}
        className="ds-fieldset min-w-0"
        aria-describedby={municipalitiesError ? "municipalities-description municipalities-error" : "municipalities-description"}
      >
        <legend className="ds-label">{t("organisations.form.municipalities")}</legend>
        <p id="municipalities-description" className="ds-paragraph" data-size="sm">
          {t("organisations.form.municipalitiesHelp", { max: ORGANISATION_MUNICIPALITIES_MAX })}
        </p>
        {municipalitiesError ? (
          <p id="municipalities-error" className="ds-validation-message mt-2" data-color="danger">
            {t(municipalitiesError as MessageKey)}
          </p>
        ) : null}
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          {Array.from({ length: municipalitySlots }, (_, i) => (
            <Field
              key={i}
              name="municipality"
              id={fieldId(municipalityField(i))}
              label={t("organisations.form.municipalityN", { n: i + 1 })}
              list="municipality-options"
              autoComplete="off"
              defaultValue={values.municipalities[i] ?? ""}
              errors={errors[municipalityField(i)]}
            />
          ))}
        </div>
      </fieldset>
      <datalist id="municipality-options">
        {municipalityOptions.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      {/* Saving is the form's first button: Enter in a field saves, never asks for more fields. */}
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="save" className="ds-button" data-variant="primary">
          {mode === "new" ? t("organisations.form.create") : t("organisations.form.save")}
        </button>
        {municipalitySlots < ORGANISATION_MUNICIPALITIES_MAX ? (
          <button type="submit" name="intent" value="more" className="ds-button" data-variant="tertiary">
            {t("organisations.form.moreMunicipalities")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}

/** What is saved now, read-only, beside the editor's own typing after a stale save. */
export function StoredOrganisation({ stored }: { stored: OrganisationFormValues }) {
  const t = useT();
  const kind = (ORGANISATION_KINDS as readonly string[]).includes(stored.kind) ? capitalise(t(`organisations.kind.${stored.kind}` as MessageKey)) : stored.kind;
  return (
    <StoredVersion
      heading={t("organisations.form.stored")}
      rows={[
        { label: t("organisations.form.name"), value: stored.name },
        { label: t("organisations.form.kind"), value: kind, plain: true },
        { label: t("organisations.form.description"), value: stored.description },
        { label: t("organisations.form.website"), value: stored.website, plain: true },
        { label: t("organisations.form.municipalities"), value: stored.municipalities.join("\n") },
      ]}
    />
  );
}
