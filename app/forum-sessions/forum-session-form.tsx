import { Form } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { Field, FormAlert, TextAreaField } from "~/ui/field";
import { ThemeCheckboxes } from "~/ui/theme-checkboxes";

export interface ForumSessionFormValues {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  meetingUrl: string;
  themeIds: number[];
  version?: number;
}

interface Props {
  values: ForumSessionFormValues;
  errors: FieldErrors;
  themes: { id: number; nameNb: string; nameEn: string }[];
  submitLabel: string;
  notice?: { message: string; color: "success" | "danger" | "warning" } | null;
}

/** Create and edit share one form: title, description, times in Oslo, meeting link, themes. */
export function ForumSessionForm({ values, errors, themes, submitLabel, notice }: Props) {
  const t = useT();
  return (
    <Form method="post" noValidate className="mt-6 max-w-2xl space-y-6">
      <FormAlert message={errors.form?.[0] ?? notice?.message} color={errors.form ? "danger" : notice?.color} />
      {values.version !== undefined ? <input type="hidden" name="version" value={values.version} /> : null}
      <Field name="title" label={t("forumSessions.form.title")} defaultValue={values.title} errors={errors.title} required maxLength={200} />
      <TextAreaField
        name="description"
        label={t("forumSessions.form.description")}
        description={t("forumSessions.form.descriptionHelp")}
        defaultValue={values.description}
        errors={errors.description}
      />
      <div className="grid gap-6 sm:grid-cols-2">
        <Field
          name="startsAt"
          type="datetime-local"
          label={t("forumSessions.form.startsAt")}
          description={t("forumSessions.form.timeHelp")}
          defaultValue={values.startsAt}
          errors={errors.startsAt}
          required
        />
        <Field
          name="endsAt"
          type="datetime-local"
          label={t("forumSessions.form.endsAt")}
          description={t("forumSessions.form.timeHelp")}
          defaultValue={values.endsAt}
          errors={errors.endsAt}
          required
        />
      </div>
      <Field
        name="meetingUrl"
        type="url"
        label={t("forumSessions.form.meetingUrl")}
        description={t("forumSessions.form.meetingUrlHelp")}
        defaultValue={values.meetingUrl}
        errors={errors.meetingUrl}
      />
      <fieldset className="ds-fieldset">
        <legend className="ds-label">{t("forumSessions.form.themes")}</legend>
        <ThemeCheckboxes themes={themes} checked={values.themeIds} />
      </fieldset>
      <button type="submit" className="ds-button" data-variant="primary">
        {submitLabel}
      </button>
    </Form>
  );
}
