import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { type FieldErrors, type FormReply, parseForm } from "~/lib/forms";
import { clientAddress } from "~/lib/http.server";
import { signUpForm } from "~/members/member-forms";
import { getViewer } from "~/members/permissions.server";
import { hitRateLimits, LIMITS, retryAfterHeaders, tooManyAttempts } from "~/lib/rate-limit.server";
import { applyForMembership, resolveWorkplace } from "~/members/sign-up.server";
import { OrganisationSelect } from "~/organisations/organisation-select";
import { organisationChoices } from "~/organisations/organisations.server";
import { ErrorSummary, Field, FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signUp.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getViewer(request, context)) throw redirect("/me");
  const [municipalities, organisations] = await Promise.all([baseData(request, context).then((base) => base.municipalityOptions), organisationChoices()]);
  return { municipalities, organisations };
}

type Reply = FormReply & { retryAfterMinutes?: number };

export const headers: HeadersFunction = retryAfterHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const form = parseForm(formData, signUpForm);
  // Every field is checked in one round: the workplace too when others are wrong.
  const text = (name: string) => (typeof formData.get(name) === "string" ? String(formData.get(name)) : "");
  const workplace = await resolveWorkplace(text("municipality"), text("organisation"));
  if (!form.ok || !workplace.ok) {
    const errors: FieldErrors = { ...(workplace.ok ? {} : workplace.errors), ...(form.ok ? {} : form.errors) };
    const values = form.ok ? withoutPassword(form.value) : form.values;
    return data<Reply>({ errors, values }, { status: 400 });
  }
  const { municipalityNumber, organisationId } = workplace;
  // Only applications that pass the form count: they cost a password hash and may send a mail.
  const limit = await hitRateLimits([[`sign-up:address:${clientAddress(context)}`, LIMITS.signUpPerAddress]]);
  if (!limit.allowed) return tooManyAttempts(limit.retryAfter, withoutPassword(form.value));
  await applyForMembership({ ...form.value, municipalityNumber, organisationId, language: await languageOf(request) });
  // The same answer whether the address was free or taken: the mail tells its owner which.
  return redirect("/sign-in?signedUp=1", 303);
}

function withoutPassword({ password: _, ...values }: Record<string, string>) {
  return values;
}

export default function SignUpPage() {
  const { municipalities, organisations } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const errors = reply?.errors ?? {};
  const values = reply?.values ?? {};
  const labels = {
    name: t("signUp.name"),
    email: t("signUp.email"),
    password: t("signUp.password"),
    municipality: t("signUp.municipality"),
    organisation: t("organisations.signUp.organisation"),
    jobTitle: t("signUp.jobTitle"),
  };
  return (
    <div className="max-w-xl">
      <h1 className="ds-heading" data-size="lg">
        {t("signUp.title")}
      </h1>
      <p className="ds-paragraph mt-2">{t("signUp.lead")}</p>
      <Form method="post" noValidate className="mt-6 space-y-6">
        <FormAlert message={errors.form?.[0]} params={{ minutes: reply?.retryAfterMinutes ?? 1 }} />
        <ErrorSummary errors={errors} fields={Object.entries(labels).map(([name, label]) => ({ name, label }))} />
        <Field name="name" label={labels.name} required autoComplete="name" defaultValue={values.name} errors={errors.name} />
        <Field
          name="email"
          type="email"
          label={labels.email}
          required
          autoComplete="email"
          defaultValue={values.email}
          errors={errors.email}
        />
        <Field
          name="password"
          type="password"
          label={labels.password}
          required
          description={t("signUp.passwordHelp")}
          autoComplete="new-password"
          errors={errors.password}
        />
        {/* A municipality or an organisation: two fields, one to fill in. Most newcomers work in a municipality. */}
        <fieldset className="ds-fieldset min-w-0 space-y-4" aria-describedby="workplace-description">
          <legend className="ds-label">{t("organisations.signUp.workplace")}</legend>
          <p id="workplace-description" className="ds-paragraph" data-size="sm">
            {t("organisations.signUp.workplaceHelp")}
          </p>
          <Field
            name="municipality"
            label={labels.municipality}
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
          <OrganisationSelect
            label={labels.organisation}
            choices={organisations}
            value={values.organisation ?? ""}
            errors={errors.organisation}
          />
        </fieldset>
        <Field
          name="jobTitle"
          label={labels.jobTitle}
          required
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
