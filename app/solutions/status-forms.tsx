import { Form } from "@remix-run/react";
import { SOLUTION_STATUSES, STATUS_NOTE_MAX, type SolutionStatus } from "../../db/schema/solution-values";
import { useT } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { capitalise } from "~/lib/text";
import { Field, FormAlert, SelectField, TextAreaField } from "~/ui/field";

/** Scaling statuses as a select's options, named as the reader's language names them. */
function useStatusOptions() {
  const t = useT();
  return (statuses: readonly SolutionStatus[]) => statuses.map((status) => ({ value: status, label: capitalise(t(`solutions.status.${status}`)) }));
}

/** What a review or status form's action answered: the form it was for, and what was typed. */
export interface StatusFormReply {
  intent?: string;
  /** The proposal a review on the proposals page was for. */
  id?: number;
  errors: FieldErrors;
  values: Record<string, string>;
}


function DayField({ id, value, today, error }: { id: string; value?: string; today: string; error?: string[] }) {
  const t = useT();
  return (
    <Field
      name="effectiveOn"
      id={id}
      type="date"
      max={today}
      label={t("solutions.statusForm.effectiveOn")}
      description={t("solutions.statusForm.effectiveOnHelp")}
      defaultValue={value ?? today}
      errors={error}
      className="ds-input max-w-[12rem]"
    />
  );
}

/**
 * Accept (with the first scaling status and a note) or reject (with a reason) one proposal. `prefix` keeps
 * the fields' ids apart when a page holds several proposals; `solutionId` is sent when the page is a list.
 */
export function ReviewForms({ prefix, solutionId, reply, today, name }: { prefix: string; solutionId?: number; reply?: StatusFormReply; today: string; name: string }) {
  const t = useT();
  const statusOptions = useStatusOptions();
  const mine = (intent: string) => (reply?.intent === intent && (solutionId === undefined || reply.id === solutionId) ? reply : undefined);
  const accept = mine("accept");
  const reject = mine("reject");
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Form method="post" noValidate className="min-w-0 space-y-4" aria-label={t("solutions.reviewForm.acceptLabel", { name })}>
        <input type="hidden" name="intent" value="accept" />
        {solutionId !== undefined ? <input type="hidden" name="id" value={solutionId} /> : null}
        <FormAlert message={accept?.errors.form?.[0]} />
        <SelectField
          id={`${prefix}-status`}
          name="status"
          label={t("solutions.reviewForm.firstStatus")}
          options={statusOptions(SOLUTION_STATUSES)}
          value={accept?.values.status ?? "idea"}
          errors={accept?.errors.status}
        />
        <TextAreaField
          name="note"
          id={`${prefix}-note`}
          rows={3}
          required
          maxLength={STATUS_NOTE_MAX}
          label={t("solutions.statusForm.note")}
          description={t("solutions.reviewForm.acceptNoteHelp")}
          defaultValue={accept?.values.note ?? ""}
          errors={accept?.errors.note}
        />
        <DayField id={`${prefix}-effectiveOn`} value={accept?.values.effectiveOn} today={today} error={accept?.errors.effectiveOn} />
        <button type="submit" className="ds-button" data-variant="primary">
          {t("solutions.reviewForm.accept")}
        </button>
      </Form>
      <Form method="post" noValidate className="min-w-0 space-y-4" aria-label={t("solutions.reviewForm.rejectLabel", { name })}>
        <input type="hidden" name="intent" value="reject" />
        {solutionId !== undefined ? <input type="hidden" name="id" value={solutionId} /> : null}
        <FormAlert message={reject?.errors.form?.[0]} />
        <TextAreaField
          name="reason"
          id={`${prefix}-reason`}
          rows={3}
          required
          maxLength={STATUS_NOTE_MAX}
          label={t("solutions.reviewForm.reason")}
          description={t("solutions.reviewForm.reasonHelp")}
          defaultValue={reject?.values.reason ?? ""}
          errors={reject?.errors.reason}
        />
        <button type="submit" className="ds-button" data-variant="secondary" data-color="danger">
          {t("solutions.reviewForm.reject")}
        </button>
      </Form>
    </div>
  );
}

/** Set the scaling status of an accepted entry: the status seen travels along, so a change meanwhile is caught. */
export function StatusChangeForm({
  current,
  suggested,
  reply,
  today,
}: {
  current: SolutionStatus;
  suggested: SolutionStatus | null;
  reply?: StatusFormReply;
  today: string;
}) {
  const t = useT();
  const statusOptions = useStatusOptions();
  const others = SOLUTION_STATUSES.filter((s) => s !== current);
  return (
    <Form method="post" noValidate className="max-w-xl space-y-4">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="fromStatus" value={current} />
      <FormAlert message={reply?.errors.form?.[0]} />
      <SelectField
        name="toStatus"
        label={t("solutions.statusForm.newStatus")}
        options={statusOptions(others)}
        value={reply?.values.toStatus ?? suggested ?? undefined}
        errors={reply?.errors.toStatus}
      />
      <TextAreaField
        name="note"
        rows={4}
        required
        maxLength={STATUS_NOTE_MAX}
        label={t("solutions.statusForm.note")}
        description={t("solutions.statusForm.noteHelp")}
        defaultValue={reply?.values.note ?? ""}
        errors={reply?.errors.note}
      />
      <DayField id="field-effectiveOn" value={reply?.values.effectiveOn} today={today} error={reply?.errors.effectiveOn} />
      <button type="submit" className="ds-button" data-variant="primary">
        {t("solutions.statusForm.submit")}
      </button>
    </Form>
  );
}
