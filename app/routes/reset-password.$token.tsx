import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { passwordResetForm } from "~/members/member-forms";
import { isPasswordResetUsable, resetPassword } from "~/members/password-resets.server";
import { Field, FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const usable = await isPasswordResetUsable(params.token ?? "");
  return data({ usable }, { status: usable ? 200 : 410 });
}

type Reply = { errors: FieldErrors };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = parseForm(await request.formData(), passwordResetForm);
  if (!form.ok) return data<Reply>({ errors: form.errors }, { status: 400 });
  if (!(await resetPassword(params.token ?? "", form.value.newPassword))) {
    return data<Reply>({ errors: { form: ["reset.invalid"] } }, { status: 410 });
  }
  return redirect("/sign-in?reset=done", 303);
}

export default function ResetPasswordPage() {
  const { usable } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const errors = reply?.errors ?? {};
  return (
    <div className="max-w-md">
      <h1 className="ds-heading" data-size="lg">
        {t("reset.title")}
      </h1>
      {usable && !errors.form ? (
        <Form method="post" noValidate className="mt-6 space-y-6">
          <Field
            name="newPassword"
            type="password"
            label={t("reset.new")}
            description={t("signUp.passwordHelp")}
            autoComplete="new-password"
            errors={errors.newPassword}
          />
          <button type="submit" className="ds-button" data-variant="primary">
            {t("reset.submit")}
          </button>
        </Form>
      ) : (
        <div className="mt-6 space-y-4">
          <FormAlert message="reset.invalid" />
          <Link className="ds-link" to="/forgot-password">
            {t("reset.again")}
          </Link>
        </div>
      )}
    </div>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
