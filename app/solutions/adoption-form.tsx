import { Form, Link, useLocation } from "@remix-run/react";
import { ADOPTION_NOTE_MAX, ADOPTION_STATES, type AdoptionState } from "../../db/schema/solution-values";
import { NO_RECORD, type AdoptionFormReply, type AdoptionFormValues } from "./adoption-forms";
import { formatDay } from "./solution-page-parts";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate, formatNumber } from "~/lib/dates";
import { capitalise } from "~/lib/text";
import { Field, FormAlert, SelectField, TextAreaField } from "~/ui/field";
import { Norwegian } from "~/ui/norwegian";

type When = Date | string;

/** One municipality's stored relation, as the form shows it. */
export interface AdoptionRecordView {
  municipalityNumber: string;
  municipalityName: string;
  state: AdoptionState;
  since: string;
  note: string;
  openToJointProcurement: boolean;
  confirmedAt: When;
  stale: boolean;
  version: number;
  recordedByName: string | null;
}

/** What an approved member may record on an accepted entry (null for everyone else). */
export interface AdoptionFormData {
  /** YYYY-MM-DD in Oslo: the default "since" and the latest a form takes. */
  today: string;
  /** The municipality the form records for: the member's own, or the one a coordinator chose. */
  target: { number: string; name: string } | null;
  current: AdoptionRecordView | null;
  /** A coordinator may type any municipality (its name or number: no list of 357 in every page). */
  anyMunicipality: boolean;
  /** The regional cooperation the member belongs to, to record for all its municipalities at once. */
  cooperation: { id: number; name: string; count: number } | null;
}

/** What the page's action answers a refused adoption form. */
export interface AdoptionReply {
  adoption?: AdoptionFormReply;
  /** The record stored meanwhile by someone else (409). */
  stale?: AdoptionRecordView;
  cooperation?: AdoptionFormReply;
  confirm?: { message: MessageKey; stale?: AdoptionRecordView };
}


/** State, since, note and "open to joint procurement": the fields both forms share, ids prefixed apart. */
function RelationFields({ prefix, values, errors, today }: { prefix: string; values: AdoptionFormValues; errors: AdoptionFormReply["errors"]; today: string }) {
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <SelectField
        name="state"
        id={`${prefix}-state`}
        label={t("solutionPage.adoption.state")}
        value={values.state}
        errors={errors.state}
        options={ADOPTION_STATES.map((state) => ({ value: state, label: capitalise(t(`solutions.adoption.${state}`)) }))}
      />
      <Field
        name="since"
        id={`${prefix}-since`}
        type="date"
        max={today}
        required
        label={t("solutionPage.adoption.since")}
        defaultValue={values.since}
        errors={errors.since}
      />
      <TextAreaField
        name="note"
        id={`${prefix}-note`}
        rows={3}
        maxLength={ADOPTION_NOTE_MAX}
        label={t("solutionPage.adoption.note")}
        description={t("solutionPage.adoption.noteHelp", { max: formatNumber(ADOPTION_NOTE_MAX, language) })}
        defaultValue={values.note}
        errors={errors.note}
      />
      <div className="ds-field">
        <input
          id={`${prefix}-open`}
          className="ds-input"
          type="checkbox"
          name="openToJointProcurement"
          value="yes"
          defaultChecked={values.openToJointProcurement}
        />
        <label className="ds-label" htmlFor={`${prefix}-open`}>
          {t("solutionPage.adoption.open")}
        </label>
      </div>
    </>
  );
}

/** "Bodø: in use since 1 March 2025, last confirmed …": a stored record in a sentence or two. */
function RecordSummary({ record }: { record: AdoptionRecordView }) {
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <p className="ds-paragraph">
        {t("solutionPage.adoption.current", {
          municipality: record.municipalityName,
          state: t(`solutions.adoption.${record.state}`),
          date: formatDay(record.since, language),
        })}{" "}
        {record.openToJointProcurement ? t("solutionPage.adoption.currentOpen") : null}
      </p>
      {record.note ? (
        <p className="ds-paragraph whitespace-pre-line break-words" data-size="sm">
          <Norwegian>{record.note}</Norwegian>
        </p>
      ) : null}
      <p className="ds-paragraph" data-size="sm">
        {t(record.recordedByName ? "solutionPage.adoption.confirmedBy" : "solutionPage.adoption.confirmed", {
          date: formatDate(new Date(record.confirmedAt), language),
          name: record.recordedByName ?? "",
        })}
        {record.stale ? (
          <>
            {" "}
            <span className="ds-tag" data-color="warning" data-size="sm">
              {t("solutionPage.adoption.possiblyStale")}
            </span>
          </>
        ) : null}
      </p>
    </>
  );
}

function ConfirmForm({ record, reply }: { record: AdoptionRecordView; reply?: AdoptionReply["confirm"] }) {
  const t = useT();
  return (
    <Form method="post" className="mt-3" preventScrollReset>
      <input type="hidden" name="intent" value="confirm" />
      <input type="hidden" name="municipality" value={record.municipalityNumber} />
      <input type="hidden" name="version" value={record.version} />
      <FormAlert message={reply?.message} />
      <button type="submit" className="ds-button mt-2" data-variant="secondary">
        {t("solutionPage.adoption.confirm")}
      </button>
    </Form>
  );
}

/**
 * The adoption section (id="adoption"): an approved member records their municipality's relation to the
 * solution, confirms a record is still right, or — in a regional cooperation — records for all its
 * municipalities; coordinators for any municipality. Visitors are asked to sign in; pending members told why not.
 */
export function AdoptionSection({
  viewerState,
  form,
  reply,
}: {
  viewerState: "anonymous" | "pending" | "member";
  form: AdoptionFormData | null;
  reply?: AdoptionReply;
}) {
  const t = useT();
  const location = useLocation();
  return (
    <section id="adoption" className="mt-10 max-w-3xl scroll-mt-4" aria-labelledby="adoption-heading">
      <h2 id="adoption-heading" className="ds-heading" data-size="sm">
        {t("solutionPage.adoption.heading")}
      </h2>
      {viewerState === "anonymous" ? (
        <p className="ds-paragraph mt-2">
          <Link className="ds-link" to={`/sign-in?redirectTo=${encodeURIComponent(`${location.pathname}${location.search}#adoption`)}`}>
            {t("solutionPage.adoption.signIn")}
          </Link>
        </p>
      ) : viewerState === "pending" || !form ? (
        <p className="ds-paragraph mt-2">{t("solutionPage.adoption.pending")}</p>
      ) : (
        <>
          {form.target || form.anyMunicipality ? <AdoptionForm form={form} reply={reply} /> : null}
          {!form.target && !form.anyMunicipality && !form.cooperation ? <p className="ds-paragraph mt-2">{t("solutionPage.adoption.noMunicipality")}</p> : null}
          {form.cooperation ? <CooperationForm form={form} cooperation={form.cooperation} reply={reply?.cooperation} /> : null}
        </>
      )}
    </section>
  );
}

function AdoptionForm({ form, reply }: { form: AdoptionFormData; reply?: AdoptionReply }) {
  const t = useT();
  const language = useLanguage();
  const location = useLocation();
  const refused = reply?.adoption;
  const stale = reply?.stale;
  const current = form.current;
  const values: AdoptionFormValues = refused?.values ?? {
    state: current?.state ?? "interested",
    since: current?.since ?? form.today,
    note: current?.note ?? "",
    openToJointProcurement: current?.openToJointProcurement ?? false,
    municipality: form.target ? (form.anyMunicipality ? `${form.target.number} ${form.target.name}` : form.target.number) : "",
    shownFor: form.target?.number ?? "",
    basedOnVersion: current ? String(current.version) : NO_RECORD,
  };
  const errors = refused?.errors ?? {};
  const formMessage = errors.form?.[0];
  return (
    <>
      {current && !stale ? (
        <div className="ds-card mt-4" data-variant="tinted">
          <RecordSummary record={current} />
          <ConfirmForm record={current} reply={reply?.confirm} />
        </div>
      ) : form.target && !stale ? (
        <p className="ds-paragraph mt-2">{t("solutionPage.adoption.noneYet", { municipality: form.target.name })}</p>
      ) : null}
      {/* A new key after each navigation: once saved (a redirect), the form shows the stored record again. */}
      <Form method="post" noValidate className="mt-6 space-y-4" preventScrollReset key={location.key}>
        <input type="hidden" name="intent" value="adopt" />
        <input type="hidden" name="basedOnVersion" value={values.basedOnVersion} />
        <input type="hidden" name="shownFor" value={values.shownFor} />
        {stale ? (
          <div className="ds-alert" data-color="warning" role="alert">
            {formMessage ? <p className="ds-paragraph font-semibold">{t(formMessage as MessageKey)}</p> : null}
            <p className="ds-paragraph">
              {t("solutionPage.adoption.stale", {
                name: stale.recordedByName ?? t("comments.aMember"),
                municipality: stale.municipalityName,
                state: t(`solutions.adoption.${stale.state}`),
                date: formatDay(stale.since, language),
              })}
            </p>
            {stale.note ? (
              <p className="ds-paragraph mt-2 whitespace-pre-line break-words" data-size="sm">
                <Norwegian>{stale.note}</Norwegian>
              </p>
            ) : null}
          </div>
        ) : (
          <FormAlert message={formMessage} />
        )}
        {form.anyMunicipality ? (
          <>
            <Field
              name="municipality"
              id="adoption-municipality"
              label={t("solutionPage.adoption.municipality")}
              description={t("solutionPage.adoption.municipalityHelp")}
              autoComplete="off"
              required
              defaultValue={values.municipality}
              errors={errors.municipality}
            />
          </>
        ) : (
          <>
            <input type="hidden" name="municipality" value={values.municipality} />
            <p className="ds-paragraph">{t("solutionPage.adoption.for", { municipality: form.target?.name ?? "" })}</p>
          </>
        )}
        <RelationFields prefix="adoption" values={values} errors={errors} today={form.today} />
        <button type="submit" className="ds-button" data-variant="primary">
          {t(current || stale ? "solutionPage.adoption.saveChange" : "solutionPage.adoption.save")}
        </button>
      </Form>
    </>
  );
}

function CooperationForm({ form, cooperation, reply }: { form: AdoptionFormData; cooperation: { name: string; count: number }; reply?: AdoptionFormReply }) {
  const t = useT();
  const location = useLocation();
  const values: AdoptionFormValues = reply?.values ?? {
    state: "interested",
    since: form.today,
    note: "",
    openToJointProcurement: false,
    municipality: "",
    shownFor: "",
    basedOnVersion: NO_RECORD,
  };
  return (
    <section className="mt-8" aria-labelledby="adoption-cooperation">
      <h3 id="adoption-cooperation" className="ds-heading" data-size="xs">
        {t("solutionPage.cooperation.heading", { count: cooperation.count, name: cooperation.name })}
      </h3>
      <p className="ds-paragraph mt-2">{t("solutionPage.cooperation.help", { count: cooperation.count, name: cooperation.name })}</p>
      <Form method="post" noValidate className="mt-4 space-y-4" preventScrollReset key={location.key}>
        <input type="hidden" name="intent" value="adoptForCooperation" />
        <FormAlert message={reply?.errors.form?.[0]} />
        <RelationFields prefix="cooperation" values={values} errors={reply?.errors ?? {}} today={form.today} />
        <button type="submit" className="ds-button" data-variant="secondary">
          {t("solutionPage.cooperation.submit", { count: cooperation.count })}
        </button>
      </Form>
    </section>
  );
}
