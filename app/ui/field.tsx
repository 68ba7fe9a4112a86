import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useT, type MessageKey } from "~/i18n/i18n";

interface Labelled {
  name: string;
  label: string;
  description?: ReactNode;
  /** Message keys from the server's validation. */
  errors?: string[];
  id?: string;
}

/** Label, description and the server's error around a control, wired for screen readers. */
function FieldShell({
  name,
  label,
  description,
  errors,
  id = `field-${name}`,
  control,
}: Labelled & { control: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const t = useT();
  const error = errors?.[0];
  const describedBy = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="ds-field">
      <label className="ds-label" htmlFor={id}>
        {label}
      </label>
      {description ? (
        <div id={`${id}-description`} className="ds-paragraph" data-size="sm">
          {description}
        </div>
      ) : null}
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined })}
      {error ? (
        <p id={`${id}-error`} className="ds-validation-message" data-color="danger">
          {t(error as MessageKey)}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its description and the server's error beside it. */
export function Field({ name, label, description, errors, id, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell
      {...{ name, label, description, errors, id }}
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
  ...textarea
}: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell
      {...{ name, label, description, errors, id }}
      control={(aria) => <textarea name={name} className="ds-input" rows={8} {...aria} {...textarea} />}
    />
  );
}

/** A message for the whole form (not one field), announced when it appears. */
export function FormAlert({ message, color = "danger" }: { message?: string | null; color?: "danger" | "success" | "info" | "warning" }) {
  const t = useT();
  if (!message) return null;
  return (
    <div className="ds-alert" data-color={color} role={color === "danger" ? "alert" : "status"}>
      <p className="ds-paragraph">{t(message as MessageKey)}</p>
    </div>
  );
}
