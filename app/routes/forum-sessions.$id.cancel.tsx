import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { loadForumSessionForCoordinator } from "~/forum-sessions/access.server";
import { cancelForm } from "~/forum-sessions/forum-session-forms.server";
import { SessionTime } from "~/forum-sessions/forum-session-parts";
import { cancelForumSession, isCancellable } from "~/forum-sessions/forum-sessions.server";
import { registrationCounts } from "~/forum-sessions/registrations.server";
import { useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatNumber } from "~/lib/dates";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { FormAlert, TextAreaField } from "~/ui/field";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("forumSessions.cancelTitle", { title: data.session.title }) : "error.notFound.title");

// Cancelling mails every registrant and takes the session off calendars: a page of its own that asks
// for confirmation and a reason, in a plain form that needs no JavaScript.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await loadForumSessionForCoordinator(request, context, params.id);
  const counts = await registrationCounts(session.id);
  return {
    session: { id: session.id, title: session.title, startsAt: session.startsAt, endsAt: session.endsAt },
    cancellable: isCancellable(session),
    registrantCount: counts.total,
  };
}

type Reply = { errors?: FieldErrors; values?: Record<string, string>; message?: MessageKey };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, viewer } = await loadForumSessionForCoordinator(request, context, params.id);
  const form = parseForm(await request.formData(), cancelForm);
  if (!form.ok) return data<Reply>({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await cancelForumSession(viewer.member.id, session.id, { reason: form.value.reason });
  if (!result.ok) {
    if (result.reason === "notFound") notFound();
    return data<Reply>({ message: "forumSessions.cancelRefused", values: { reason: form.value.reason } }, { status: 409 });
  }
  return redirect(`/forum-sessions/${session.id}`, 303);
}

export default function CancelForumSessionPage() {
  const { session, cancellable, registrantCount } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <PageHeading back={{ to: `/forum-sessions/${session.id}`, label: t("agenda.back") }}>
        {t("forumSessions.cancelTitle", { title: session.title })}
      </PageHeading>
      <p className="ds-paragraph mt-2">
        <SessionTime startsAt={session.startsAt} endsAt={session.endsAt} />
      </p>
      <div className="mt-4">
        <FormAlert message={reply?.message ?? (cancellable ? null : "forumSessions.cancelRefused")} />
      </div>
      {cancellable ? (
        <Form method="post" noValidate className="mt-6 max-w-2xl space-y-6">
          <p className="ds-paragraph">{t("forumSessions.cancelLead")}</p>
          <p className="ds-paragraph">{t("forumSessions.cancelTells", { count: formatNumber(registrantCount, language) })}</p>
          <TextAreaField
            name="reason"
            rows={4}
            label={t("forumSessions.cancelReason")}
            description={t("forumSessions.cancelReasonHelp")}
            defaultValue={reply?.values?.reason ?? ""}
            errors={reply?.errors?.reason}
            maxLength={2000}
          />
          <div className="flex flex-wrap items-center gap-4">
            <button type="submit" className="ds-button" data-variant="primary" data-color="danger">
              {t("forumSessions.cancelConfirm")}
            </button>
            <Link className="ds-link" to={`/forum-sessions/${session.id}`}>
              {t("forumSessions.cancelKeep")}
            </Link>
          </div>
        </Form>
      ) : null}
    </>
  );
}
