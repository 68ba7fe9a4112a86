import type { OrganisationKind } from "../../db/schema/solution-values";
import { useT, type MessageKey } from "~/i18n/i18n";
import { fieldId } from "~/ui/field";
import { useContentLang } from "~/ui/norwegian";

/** The register as the select offers it: [id, name] pairs, one group per kind. */
export type OrganisationChoices = { kind: OrganisationKind; organisations: [number, string][] }[];

/** A labelled select of the register's organisations, grouped by kind, "none" first. */
export function OrganisationSelect({
  label,
  choices,
  value,
  errors,
}: {
  label: string;
  choices: OrganisationChoices;
  value: string;
  errors?: string[];
}) {
  const t = useT();
  const contentLang = useContentLang();
  const id = fieldId("organisation");
  const error = errors?.[0];
  return (
    <div className="ds-field">
      <label className="ds-label" htmlFor={id}>
        {label}
      </label>
      <p id={`${id}-description`} className="ds-paragraph" data-size="sm">
        {t("organisations.signUp.organisationHelp")}
      </p>
      <select
        id={id}
        name="organisation"
        className="ds-input"
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-description ${id}-error` : `${id}-description`}
      >
        <option value="">{t("organisations.signUp.none")}</option>
        {choices.map((group) => (
          <optgroup key={group.kind} label={t(`organisations.signUp.group.${group.kind}`)}>
            {group.organisations.map(([organisationId, name]) => (
              <option key={organisationId} value={organisationId} lang={contentLang}>
                {name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="ds-validation-message" data-color="danger">
          {t(error as MessageKey)}
        </p>
      ) : null}
    </div>
  );
}
