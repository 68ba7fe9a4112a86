import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { clientAddress } from "~/lib/http.server";
import { signUpForm } from "~/members/member-forms";
import { resolveMunicipality, signUp } from "~/members/members.server";
import { listMunicipalityOptions } from "~/members/municipality-options.server";
import { getViewer } from "~/members/permissions.server";
import { hitRateLimit, LIMITS, tooManyAttempts } from "~/members/rate-limit.server";
import { startSessionAndRedirect } from "~/members/sign-in.server";
import { Field, FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signUp.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getViewer(request, context)) throw redirect("/me");
  return { municipalities: await listMunicipalityOptions() };
}

type Reply = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const limit = await hitRateLimit(`sign-up:address:${clientAddress(context)}`, LIMITS.signUpPerAddress);
  if (!limit.allowed) {
    return tooManyAttempts(limit.retryAfter);
  }
  const form = parseForm(await request.formData(), signUpForm);
  if (!form.ok) return data<Reply>({ errors: form.errors, values: form.values }, { status: 400 });
  const { password: _, ...values } = form.value;
  const municipalityNumber = await resolveMunicipality(form.value.municipality);
  if (!municipalityNumber) {
    return data<Reply>({ errors: { municipality: ["members.municipality.unknown"] }, values }, { status: 400 });
  }
  const result = await signUp({ ...form.value, municipalityNumber });
  if (!result.ok) return data<Reply>({ errors: { email: ["members.email.taken"] }, values }, { status: 400 });
  return startSessionAndRedirect(result.member.id, "/me");
}

export default function SignUpPage() {
  const { municipalities } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const errors = reply?.errors ?? {};
  const values = reply?.values ?? {};
  const fieldErrors = Object.keys(errors).some((k) => k !== "form");
  return (
    <div className="max-w-xl">
      <h1 className="ds-heading" data-size="lg">
        {t("signUp.title")}
      </h1>
      <p className="ds-paragraph mt-2">{t("signUp.lead")}</p>
      <Form method="post" noValidate className="mt-6 space-y-6">
        <FormAlert message={errors.form?.[0] ?? (fieldErrors ? "form.errorSummary" : null)} />
        <Field name="name" label={t("signUp.name")} autoComplete="name" defaultValue={values.name} errors={errors.name} />
        <Field
          name="email"
          type="email"
          label={t("signUp.email")}
          autoComplete="email"
          defaultValue={values.email}
          errors={errors.email}
        />
        <Field
          name="password"
          type="password"
          label={t("signUp.password")}
          description={t("signUp.passwordHelp")}
          autoComplete="new-password"
          errors={errors.password}
        />
        <Field
          name="municipality"
          label={t("signUp.municipality")}
          description={t("signUp.municipalityHelp")}
          list="municipality-options"
          autoComplete="off"
          defaultValue={values.municipality}
          errors={errors.municipality}
        />
        <datalist id="municipality-options">
          {municipalities.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <Field
          name="jobTitle"
          label={t("signUp.jobTitle")}
          autoComplete="organization-title"
          defaultValue={values.jobTitle}
          errors={errors.jobTitle}
        />
        <button type="submit" className="ds-button" data-variant="primary">
          {t("signUp.submit")}
        </button>
      </Form>
      <p className="mt-6">
        <Link className="ds-link" to="/sign-in">
          {t("signUp.haveAccount")}
        </Link>
      </p>
    </div>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
