import { data, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { type FormReply, parseForm } from "~/lib/forms";
import { clientAddress } from "~/lib/http.server";
import { passwordResetRequestForm } from "~/members/member-forms";
import { requestPasswordReset } from "~/members/password-resets.server";
import { hitRateLimits, LIMITS, retryAfterHeaders, tooManyAttempts } from "~/lib/rate-limit.server";
import { Field, FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forgot.title");

type Reply = FormReply & { sent?: boolean; retryAfterMinutes?: number };

export const headers: HeadersFunction = retryAfterHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(await request.formData(), passwordResetRequestForm);
  if (!form.ok) return data<Reply>({ errors: form.errors, values: form.values }, { status: 400 });
  const limit = await hitRateLimits([
    [`reset:address:${clientAddress(context)}`, LIMITS.resetPerAddress],
    [`reset:email:${form.value.email.toLowerCase()}`, LIMITS.resetPerEmail],
  ]);
  if (!limit.allowed) return tooManyAttempts(limit.retryAfter, { email: form.value.email });
  await requestPasswordReset(form.value.email);
  // The same answer whether or not the address is registered.
  return data<Reply>({ errors: {}, values: {}, sent: true });
}

export default function ForgotPasswordPage() {
  const reply = useActionData<typeof action>();
  const t = useT();
  const errors = reply?.errors ?? {};
  return (
    <div className="max-w-md">
      <h1 className="ds-heading" data-size="lg">
        {t("forgot.title")}
      </h1>
      <p className="ds-paragraph mt-2">{t("forgot.lead")}</p>
      <Form method="post" noValidate className="mt-6 space-y-6">
        {reply && "sent" in reply && reply.sent ? <FormAlert color="success" message="forgot.sent" /> : null}
        <FormAlert message={errors.form?.[0]} params={{ minutes: reply?.retryAfterMinutes ?? 1 }} />
        <Field
          name="email"
          type="email"
          label={t("forgot.email")}
          autoComplete="email"
          defaultValue={reply?.values.email}
          errors={errors.email}
        />
        <button type="submit" className="ds-button" data-variant="primary">
          {t("forgot.submit")}
        </button>
      </Form>
    </div>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
