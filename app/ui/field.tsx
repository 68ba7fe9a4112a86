import { useActionData } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useT, type MessageKey, type Params } from "~/i18n/i18n";

interface Labelled {
  name: string;
  label: string;
  description?: ReactNode;
  /** Message keys from the server's validation. */
  errors?: string[];
  id?: string;
  /** Marked beside the label, and `required` on the control. */
  required?: boolean;
}

/** The id a field's control gets, for labels and for links from an error summary. */
export const fieldId = (name: string) => `field-${name}`;

/** Label, description and the server's error around a control, wired for screen readers. */
function FieldShell({
  name,
  label,
  description,
  errors,
  id = fieldId(name),
  required,
  control,
}: Labelled & {
  control: (aria: { id: string; required?: true; "aria-required"?: true; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const t = useT();
  const error = errors?.[0];
  const describedBy = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="ds-field">
      <div className="flex flex-wrap items-baseline gap-x-1">
        <label className="ds-label" htmlFor={id}>
          {label}
        </label>
        {/* Beside the label, not in it: `required` says it to screen readers, and the field's name stays its label. */}
        {required ? (
          <span className="ds-paragraph font-normal" data-size="sm" aria-hidden="true">
            {t("form.requiredMark")}
          </span>
        ) : null}
      </div>
      {description ? (
        <div id={`${id}-description`} className="ds-paragraph" data-size="sm">
          {description}
        </div>
      ) : null}
      {control({
        id,
        required: required ? true : undefined,
        "aria-required": required ? true : undefined,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {error ? (
        <p id={`${id}-error`} className="ds-validation-message" data-color="danger">
          {t(error as MessageKey)}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its description and the server's error beside it. */
export function Field({
  name,
  label,
  description,
  errors,
  id,
  required,
  ...input
}: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell
      {...{ name, label, description, errors, id, required }}
      control={(aria) => <input name={name} className="ds-input" {...aria} {...input} />}
    />
  );
}

/** The same for a multi-line text (markdown). */
export function TextAreaField({
  name,
  label,
  description,
  errors,
  id,
  required,
  ...textarea
}: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell
      {...{ name, label, description, errors, id, required }}
      control={(aria) => <textarea name={name} className="ds-input" rows={8} {...aria} {...textarea} />}
    />
  );
}

/** A labelled choice of one among options, with an empty first choice when `emptyLabel` is given. */
export function SelectField({
  name,
  label,
  description,
  errors,
  id,
  required,
  value,
  options,
  emptyLabel,
}: Labelled & { value?: string; options: readonly { value: string; label: string }[]; emptyLabel?: string }) {
  return (
    <FieldShell
      {...{ name, label, description, errors, id, required }}
      control={(aria) => (
        <select name={name} className="ds-input" defaultValue={value} {...aria}>
          {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A message for the whole form (not one field), announced when it appears. */
export function FormAlert({
  message,
  params,
  color = "danger",
}: {
  message?: string | null;
  params?: Params;
  color?: "danger" | "success" | "info" | "warning";
}) {
  const t = useT();
  // A form refused for being sent too often (tooOften in rate-limit.server.ts) says in its reply how long to wait.
  const minutes = (useActionData() as { retryAfterMinutes?: unknown } | undefined)?.retryAfterMinutes;
  if (!message) return null;
  return (
    <div className="ds-alert" data-color={color} role={color === "danger" ? "alert" : "status"}>
      <p className="ds-paragraph">{t(message as MessageKey, params ?? (typeof minutes === "number" ? { minutes } : undefined))}</p>
    </div>
  );
}

/** The form's errors above it: a link to each field that has one, in the form's order. */
export function ErrorSummary({ errors, fields }: { errors: Record<string, string[] | undefined>; fields: { name: string; label: string }[] }) {
  const t = useT();
  const wrong = fields.filter((field) => errors[field.name]?.[0]);
  if (wrong.length === 0) return null;
  return (
    <div className="ds-alert" data-color="danger" role="alert">
      <p className="ds-paragraph">{t("form.errorSummary")}</p>
      <ul className="mt-2 list-disc pl-6">
        {wrong.map((field) => (
          <li key={field.name}>
            <a className="ds-link" href={`#${fieldId(field.name)}`}>
              {field.label}: {t(errors[field.name]![0] as MessageKey)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
