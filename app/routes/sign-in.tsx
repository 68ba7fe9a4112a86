import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { type FormReply, parseForm } from "~/lib/forms";
import { clientAddress, safeRedirect } from "~/lib/http.server";
import { signInForm } from "~/members/member-forms";
import { findMemberByEmail } from "~/members/members.server";
import { verifyPassword } from "~/members/passwords.server";
import { getViewer } from "~/members/permissions.server";
import {
  hitRateLimits,
  LIMITS,
  refundRateLimits,
  retryAfterHeaders,
  tooManyAttempts,
  type RateLimit,
} from "~/lib/rate-limit.server";
import { startSessionAndRedirect } from "~/members/sign-in.server";
import { Field, FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signIn.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getViewer(request, context)) throw redirect("/me");
  return null;
}

type Reply = FormReply & { retryAfterMinutes?: number };

export const headers: HeadersFunction = retryAfterHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const form = parseForm(formData, signInForm);
  if (!form.ok) return data<Reply>({ errors: form.errors, values: form.values }, { status: 400 });
  const { email, password } = form.value;
  const values = { email };
  const account = email.toLowerCase();
  const address = clientAddress(context);
  const keys: [string, RateLimit][] = [
    [`sign-in:account-address:${account}:${address}`, LIMITS.signInPerAccountAndAddress],
    [`sign-in:account:${account}`, LIMITS.signInPerAccount],
    [`sign-in:address:${address}`, LIMITS.signInPerAddress],
  ];
  // Counted before the password is checked, so parallel guesses cannot slip past; a success is refunded.
  const limit = await hitRateLimits(keys);
  if (!limit.allowed) return tooManyAttempts(limit.retryAfter, values);
  const member = await findMemberByEmail(email);
  const valid = await verifyPassword(member?.passwordHash, password);
  if (!member || !valid) return data<Reply>({ errors: { form: ["signIn.failed"] }, values }, { status: 400 });
  await refundRateLimits(keys.map(([key]) => key));
  return startSessionAndRedirect(member.id, safeRedirect(formData.get("redirectTo"), "/me"));
}

export default function SignInPage() {
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const errors = reply?.errors ?? {};
  return (
    <div className="max-w-md">
      <h1 className="ds-heading" data-size="lg">
        {t("signIn.title")}
      </h1>
      <Form method="post" noValidate className="mt-6 space-y-6">
        {searchParams.get("reset") === "done" && !reply ? <FormAlert color="success" message="signIn.resetDone" /> : null}
        {searchParams.get("signedUp") && !reply ? <FormAlert color="success" message="signIn.signedUp" /> : null}
        <FormAlert message={errors.form?.[0]} params={{ minutes: reply?.retryAfterMinutes ?? 1 }} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          name="email"
          type="email"
          label={t("signIn.email")}
          autoComplete="username"
          defaultValue={reply?.values.email}
          errors={errors.email}
        />
        <Field
          name="password"
          type="password"
          label={t("signIn.password")}
          autoComplete="current-password"
          errors={errors.password}
        />
        <button type="submit" className="ds-button" data-variant="primary">
          {t("signIn.submit")}
        </button>
      </Form>
      <ul className="mt-6 space-y-2">
        <li>
          <Link className="ds-link" to="/forgot-password">
            {t("signIn.forgot")}
          </Link>
        </li>
        <li>
          <Link className="ds-link" to="/sign-up">
            {t("signIn.noAccount")}
          </Link>
        </li>
      </ul>
    </div>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
