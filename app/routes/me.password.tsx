import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { invalidateOtherAuthSessions } from "~/members/auth-sessions.server";
import { passwordChangeForm } from "~/members/member-forms";
import { setPassword } from "~/members/members.server";
import { verifyPassword } from "~/members/passwords.server";
import { requireSignedIn } from "~/members/permissions.server";
import { hitRateLimits, LIMITS, refundRateLimits, retryAfterHeaders, tooManyAttempts } from "~/lib/rate-limit.server";
import { Field, FormAlert } from "~/ui/field";
import { PageHeading } from "~/ui/page-heading";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "password.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSignedIn(request, context);
  return null;
}

type Reply = { errors: FieldErrors; changed?: boolean; retryAfterMinutes?: number };

export const headers: HeadersFunction = retryAfterHeaders;

// Any signed-in member, pending ones too, may protect their own account.
export async function action({ request, context }: ActionFunctionArgs) {
  const { member, session } = await requireSignedIn(request, context);
  const form = parseForm(await request.formData(), passwordChangeForm);
  if (!form.ok) return data<Reply>({ errors: form.errors }, { status: 400 });
  // Someone at an unlocked screen must not be able to guess the password: wrong guesses are counted.
  const key = `password-change:member:${member.id}`;
  const limit = await hitRateLimits([[key, LIMITS.passwordChangePerMember]]);
  if (!limit.allowed) return tooManyAttempts(limit.retryAfter);
  if (!(await verifyPassword(member.passwordHash, form.value.currentPassword))) {
    return data<Reply>({ errors: { currentPassword: ["password.wrong"] } }, { status: 400 });
  }
  await refundRateLimits([key]);
  await setPassword(member.id, form.value.newPassword);
  await invalidateOtherAuthSessions(member.id, session.id);
  return data<Reply>({ errors: {}, changed: true });
}

export default function ChangePasswordPage() {
  const reply = useActionData<typeof action>();
  const t = useT();
  const errors = reply?.errors ?? {};
  return (
    <div className="max-w-md">
      <PageHeading back={{ to: "/me", label: t("me.title") }}>{t("password.title")}</PageHeading>
      <p className="ds-paragraph mt-2">{t("password.lead")}</p>
      <Form method="post" noValidate className="mt-6 space-y-6">
        {reply && "changed" in reply && reply.changed ? <FormAlert color="success" message="password.changed" /> : null}
        <FormAlert message={errors.form?.[0]} params={{ minutes: reply?.retryAfterMinutes ?? 1 }} />
        <Field
          name="currentPassword"
          type="password"
          label={t("password.current")}
          autoComplete="current-password"
          errors={errors.currentPassword}
        />
        <Field
          name="newPassword"
          type="password"
          label={t("password.new")}
          description={t("signUp.passwordHelp")}
          autoComplete="new-password"
          errors={errors.newPassword}
        />
        <button type="submit" className="ds-button" data-variant="primary">
          {t("password.submit")}
        </button>
      </Form>
    </div>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
