import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import type { TopicStatus } from "../../db/schema/topic-values";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDateTime } from "~/lib/dates";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { notFound, parseId, safeRedirect } from "~/lib/http.server";
import { requireCoordinator } from "~/members/permissions.server";
import { toTriageInput, triageForm } from "~/topics/triage-form";
import { getTopicForTriage, searchMergeTargets } from "~/topics/triage.server";
import { schedulableForumSessions, triageStepsFor, triageTopic, type TriageStep } from "~/topics/topics.server";
import { Field, FormAlert, TextAreaField } from "~/ui/field";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("triage.metaTitle", { title: data.topic.title }) : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireCoordinator(request, context);
  const id = parseId(params.id);
  const topic = id ? await getTopicForTriage(id) : undefined;
  if (!topic) notFound();
  const steps = triageStepsFor(topic.status);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 200);
  const [sessions, mergeResults] = await Promise.all([
    steps.includes("schedule") ? schedulableForumSessions() : [],
    steps.includes("merge") && q ? searchMergeTargets(q, topic.id) : null,
  ]);
  return { topic, steps, sessions, q, mergeResults };
}

type Reply = {
  intent?: string;
  /** For the whole page: the topic changed meanwhile, or the step does not fit its status. */
  message?: MessageKey;
  status?: TopicStatus;
  errors?: FieldErrors;
  values?: Record<string, string>;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireCoordinator(request, context);
  const id = parseId(params.id);
  if (!id) notFound();
  const form = parseForm(await request.formData(), triageForm);
  if (!form.ok) return data<Reply>({ intent: form.values.intent, errors: form.errors, values: form.values }, { status: 400 });
  const { intent, redirectTo, ...values } = form.value;
  const kept = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
  const result = await triageTopic(viewer.member.id, id, toTriageInput(form.value));
  if (result.ok) return redirect(safeRedirect(redirectTo, `/topics/${id}`), 303);
  const refuse = (status: number, reply: Omit<Reply, "intent" | "values">) => data<Reply>({ intent, values: kept, ...reply }, { status });
  switch (result.reason) {
    case "notFound":
      return notFound();
    case "stale":
      return refuse(409, { message: "triage.stale", status: result.current.status });
    case "notAllowed":
      return refuse(409, { message: "triage.notAllowed", status: result.current.status });
    case "sessionNotFound":
      return refuse(400, { errors: { forumSessionId: ["triage.sessionNotFound"] } });
    case "sessionClosed":
      return refuse(409, { errors: { forumSessionId: ["triage.sessionClosed"] } });
    case "badTarget":
      return intent === "merge" && form.value.intoId === id
        ? refuse(400, { errors: { form: ["triage.mergeIntoItself"] } })
        : refuse(409, { errors: { form: ["triage.mergeBadTarget"] } });
  }
}

/** The steps in the order a coordinator meets them: forwards first, then back, merge and decline. */
const SHOWN_ORDER: TriageStep[] = ["shortlist", "schedule", "unschedule", "reopen", "merge", "decline"];

/** What this coordinator's own last post answered, for the step's form only. */
function useReplyFor(step: TriageStep) {
  const reply = useActionData<typeof action>();
  return reply?.intent === step ? reply : undefined;
}

function StepSection({ step, children }: { step: TriageStep; children: ReactNode }) {
  const t = useT();
  const reply = useReplyFor(step);
  return (
    <section className="ds-card min-w-0" data-variant="tinted" aria-labelledby={`step-${step}`}>
      <h2 id={`step-${step}`} className="ds-heading" data-size="sm">
        {t(`triage.${step}.heading`)}
      </h2>
      <p className="ds-paragraph mt-1" data-size="sm">
        {t(`triage.${step}.help`)}
      </p>
      <div className="mt-4 space-y-4">
        <FormAlert message={reply?.errors?.form?.[0]} />
        {children}
      </div>
    </section>
  );
}

function Hidden({ step }: { step: TriageStep }) {
  const { topic } = useLoaderData<typeof loader>();
  return (
    <>
      <input type="hidden" name="intent" value={step} />
      <input type="hidden" name="version" value={topic.version} />
    </>
  );
}

function NoteField({ step }: { step: TriageStep }) {
  const t = useT();
  const reply = useReplyFor(step);
  return (
    <TextAreaField
      name="note"
      id={`note-${step}`}
      rows={2}
      maxLength={2000}
      label={t("triage.note")}
      description={t("triage.noteHelp")}
      defaultValue={reply?.values?.note ?? ""}
      errors={reply?.errors?.note}
    />
  );
}

/** Shortlist, back to proposed, take off the agenda: a note and a button. */
function SimpleStep({ step }: { step: "shortlist" | "reopen" | "unschedule" }) {
  const t = useT();
  return (
    <StepSection step={step}>
      <Form method="post" className="max-w-xl space-y-4">
        <Hidden step={step} />
        <NoteField step={step} />
        <button type="submit" className="ds-button" data-variant={step === "shortlist" ? "primary" : "secondary"}>
          {t(`triage.${step}.submit`)}
        </button>
      </Form>
    </StepSection>
  );
}

function ScheduleStep() {
  const { sessions } = useLoaderData<typeof loader>();
  const reply = useReplyFor("schedule");
  const t = useT();
  const language = useLanguage();
  const error = reply?.errors?.forumSessionId?.[0];
  return (
    <StepSection step="schedule">
      {sessions.length === 0 ? (
        <p className="ds-paragraph">
          {t("triage.schedule.none")}{" "}
          <Link className="ds-link" to="/forum-sessions/new">
            {t("triage.schedule.create")}
          </Link>
        </p>
      ) : (
        <Form method="post" className="max-w-xl space-y-4">
          <Hidden step="schedule" />
          <div className="ds-field">
            <label className="ds-label" htmlFor="schedule-session">
              {t("triage.schedule.session")}
            </label>
            <select
              id="schedule-session"
              name="forumSessionId"
              className="ds-input w-full"
              defaultValue={reply?.values?.forumSessionId}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "schedule-session-error" : undefined}
            >
              {sessions.map((session) => (
                <option key={session.id} value={session.id}>
                  {t("triage.schedule.sessionOption", { title: session.title, date: formatDateTime(new Date(session.startsAt), language) })}
                  {session.status === "draft" ? ` – ${t("triage.schedule.draft")}` : ""}
                </option>
              ))}
            </select>
            {error ? (
              <p id="schedule-session-error" className="ds-validation-message" data-color="danger">
                {t(error as MessageKey)}
              </p>
            ) : null}
          </div>
          <NoteField step="schedule" />
          <button type="submit" className="ds-button" data-variant="primary">
            {t("triage.schedule.submit")}
          </button>
        </Form>
      )}
    </StepSection>
  );
}

function MergeStep() {
  const { q, mergeResults } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <StepSection step="merge">
      <Form method="get" className="flex max-w-xl flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <Field name="q" id="merge-search" type="search" label={t("triage.merge.search")} description={t("triage.merge.searchHelp")} defaultValue={q} />
        </div>
        <button type="submit" className="ds-button" data-variant="secondary">
          {t("triage.merge.searchSubmit")}
        </button>
      </Form>
      {mergeResults === null ? null : mergeResults.length === 0 ? (
        <p className="ds-paragraph" role="status">
          {t("triage.merge.noResults", { query: q })}
        </p>
      ) : (
        // One form: the button pressed says which topic (its name and value are sent with the note).
        <Form method="post" className="max-w-xl space-y-4">
          <Hidden step="merge" />
          <h3 className="ds-heading" data-size="2xs">
            {t("triage.merge.results")}
          </h3>
          <ul className="space-y-3">
            {mergeResults.map((target) => (
              <li key={target.id} className="flex flex-wrap items-center justify-between gap-2">
                <span className="min-w-0 break-words">
                  <Link className="ds-link" to={`/topics/${target.id}`}>
                    <Norwegian>{target.title}</Norwegian>
                  </Link>{" "}
                  <span className="text-sm">
                    ({t("triage.topicNumber", { id: target.id })}, {t(`topics.status.${target.status}`)},{" "}
                    {t("triage.supportCount", { count: target.supportCount })})
                  </span>
                </span>
                <button
                  type="submit"
                  name="intoId"
                  value={target.id}
                  className="ds-button"
                  data-variant="secondary"
                  data-size="sm"
                  aria-label={t("triage.merge.intoLabel", { title: target.title })}
                >
                  {t("triage.merge.into")}
                </button>
              </li>
            ))}
          </ul>
          <NoteField step="merge" />
        </Form>
      )}
    </StepSection>
  );
}

function DeclineStep() {
  const t = useT();
  const reply = useReplyFor("decline");
  return (
    <StepSection step="decline">
      <Form method="post" noValidate className="max-w-xl space-y-4">
        <Hidden step="decline" />
        <TextAreaField
          name="reason"
          id="decline-reason"
          rows={3}
          required
          label={t("triage.decline.reason")}
          defaultValue={reply?.values?.reason ?? ""}
          errors={reply?.errors?.reason}
        />
        <button type="submit" className="ds-button" data-variant="secondary" data-color="danger">
          {t("triage.decline.submit")}
        </button>
      </Form>
    </StepSection>
  );
}

function Step({ step }: { step: TriageStep }) {
  switch (step) {
    case "schedule":
      return <ScheduleStep />;
    case "merge":
      return <MergeStep />;
    case "decline":
      return <DeclineStep />;
    default:
      return <SimpleStep step={step} />;
  }
}

export default function TriagePage() {
  const { topic, steps } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const status = t(`topics.status.${topic.status}`);
  return (
    <>
      <PageHeading back={{ to: `/topics/${topic.id}`, label: t("triage.back") }}>
        <span className="block text-base font-normal">
          {t("triage.heading")}
        </span>
        <span className="block break-words">
          <Norwegian>{topic.title}</Norwegian>
        </span>
      </PageHeading>
      {reply?.message ? (
        <div className="mt-4">
          <FormAlert message={reply.message} params={{ status: t(`topics.status.${reply.status ?? topic.status}`) }} />
        </div>
      ) : null}
      <dl className="mt-6 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">{t("triage.statusLabel")}</dt>
        <dd>{status}</dd>
        <dt className="font-semibold">{t("triage.supportLabel")}</dt>
        <dd>{t("triage.supportCount", { count: topic.supportCount })}</dd>
        {topic.forumSessionId && topic.forumSessionTitle ? (
          <>
            <dt className="font-semibold">{t("triage.forumSessionLabel")}</dt>
            <dd className="min-w-0 break-words">
              <Link className="ds-link" to={`/forum-sessions/${topic.forumSessionId}`}>
                <Norwegian>{topic.forumSessionTitle}</Norwegian>
              </Link>
            </dd>
          </>
        ) : null}
        {topic.status === "declined" && topic.declineReason ? (
          <>
            <dt className="font-semibold">{t("triage.declineReasonLabel")}</dt>
            <dd className="min-w-0 break-words">
              <Norwegian>{topic.declineReason}</Norwegian>
            </dd>
          </>
        ) : null}
        {topic.status === "merged" && topic.mergedIntoId ? (
          <>
            <dt className="font-semibold">{t("triage.mergedIntoLabel")}</dt>
            <dd>
              <Link className="ds-link" to={`/topics/${topic.mergedIntoId}`}>
                {t("triage.topicNumber", { id: topic.mergedIntoId })}
              </Link>
            </dd>
          </>
        ) : null}
      </dl>
      {steps.length === 0 ? (
        <p className="ds-paragraph mt-8">{t("triage.noSteps", { status })}</p>
      ) : (
        <div className="mt-8 space-y-6">
          {SHOWN_ORDER.filter((step) => steps.includes(step)).map((step) => (
            <Step key={step} step={step} />
          ))}
        </div>
      )}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
