import type { InputHTMLAttributes, ReactNode } from "react";
import { useT, type MessageKey } from "~/i18n/i18n";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  description?: ReactNode;
  /** Message keys from the server's validation. */
  errors?: string[];
}

/** A labelled input with its description and the server's error beside it, wired for screen readers. */
export function Field({ name, label, description, errors, id = `field-${name}`, ...input }: FieldProps) {
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
      <input
        id={id}
        name={name}
        className="ds-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {error ? (
        <p id={`${id}-error`} className="ds-validation-message" data-color="danger">
          {t(error as MessageKey)}
        </p>
      ) : null}
    </div>
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
