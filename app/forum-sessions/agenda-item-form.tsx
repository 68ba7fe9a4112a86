import { Form } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { Field, FormAlert, TextAreaField } from "~/ui/field";

export interface AgendaItemFields {
  startTime: string;
  durationMinutes: string;
  title: string;
  presenterEmail: string;
  presenterName: string;
  presenterOrganisation: string;
  description: string;
  /** The catalogue solution presented, by name. */
  solution: string;
  /** The version of the item the editor opened; empty when adding. */
  version: string;
}

export const EMPTY_AGENDA_ITEM: AgendaItemFields = {
  startTime: "",
  durationMinutes: "",
  title: "",
  presenterEmail: "",
  presenterName: "",
  presenterOrganisation: "",
  description: "",
  solution: "",
  version: "",
};

/** Add and edit share one form. `sessionSpan` is "10:00–11:30", to help with the start time. */
export function AgendaItemForm({
  values,
  errors,
  sessionSpan,
  intent,
  submitLabel,
}: {
  values: AgendaItemFields;
  errors: FieldErrors;
  sessionSpan: { start: string; end: string };
  intent: "add" | "save";
  submitLabel: string;
}) {
  const t = useT();
  return (
    <Form method="post" noValidate className="max-w-2xl space-y-6">
      <input type="hidden" name="intent" value={intent} />
      {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
      <FormAlert message={errors.form?.[0]} />
      <div className="grid gap-6 sm:grid-cols-2">
        <Field
          name="startTime"
          type="time"
          label={t("agenda.form.startTime")}
          description={t("agenda.form.startTimeHelp", sessionSpan)}
          defaultValue={values.startTime}
          errors={errors.startTime}
          required
        />
        <Field
          name="durationMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          label={t("agenda.form.duration")}
          defaultValue={values.durationMinutes}
          errors={errors.durationMinutes}
          required
        />
      </div>
      <Field name="title" label={t("agenda.form.title")} defaultValue={values.title} errors={errors.title} required maxLength={200} />
      <Field
        name="presenterEmail"
        type="email"
        label={t("agenda.form.presenterEmail")}
        description={t("agenda.form.presenterEmailHelp")}
        defaultValue={values.presenterEmail}
        errors={errors.presenterEmail}
      />
      <div className="grid gap-6 sm:grid-cols-2">
        <Field name="presenterName" label={t("agenda.form.presenterName")} defaultValue={values.presenterName} errors={errors.presenterName} />
        <Field
          name="presenterOrganisation"
          label={t("agenda.form.presenterOrganisation")}
          defaultValue={values.presenterOrganisation}
          errors={errors.presenterOrganisation}
        />
      </div>
      <Field
        name="solution"
        label={t("solutionLinks.presented")}
        description={t("solutionLinks.presentedHelp")}
        defaultValue={values.solution}
        errors={errors.solution}
        maxLength={200}
      />
      <TextAreaField
        name="description"
        rows={4}
        label={t("agenda.form.description")}
        description={t("forumSessions.form.descriptionHelp")}
        defaultValue={values.description}
        errors={errors.description}
      />
      <button type="submit" className="ds-button" data-variant="primary">
        {submitLabel}
      </button>
    </Form>
  );
}
