import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { useT } from "~/i18n/i18n";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { clearedSessionCookie } from "~/members/auth-sessions.server";
import { CONTRIBUTION_CHOICES } from "~/members/erasure";
import { eraseMember } from "~/members/erasure.server";
import { verifyPassword } from "~/members/passwords.server";
import { requireSignedIn } from "~/members/permissions.server";
import { hitRateLimits, LIMITS, retryAfterHeaders, tooManyAttempts } from "~/lib/rate-limit.server";
import { Field, FormAlert } from "~/ui/field";
import { PageHeading } from "~/ui/page-heading";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "privacy.delete.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSignedIn(request, context);
  return null;
}

const deleteForm = z.object({
  contributions: z.enum(CONTRIBUTION_CHOICES, { error: "privacy.delete.chooseOne" }),
  password: z.string({ error: "form.required" }).min(1, { error: "form.required" }),
});

type Reply = { errors: FieldErrors; retryAfterMinutes?: number };

export const headers: HeadersFunction = (args) => ({ ...retryAfterHeaders(args), "Cache-Control": "private, no-store" });

// Any signed-in member, pending ones too, may leave.
export async function action({ request, context }: ActionFunctionArgs) {
  const { member } = await requireSignedIn(request, context);
  const form = parseForm(await request.formData(), deleteForm);
  if (!form.ok) return data<Reply>({ errors: form.errors }, { status: 400 });
  // The same count as the password page's: one guessing budget for someone at an unlocked screen.
  const limit = await hitRateLimits([[`password-change:member:${member.id}`, LIMITS.passwordChangePerMember]]);
  if (!limit.allowed) return tooManyAttempts(limit.retryAfter);
  if (!(await verifyPassword(member.passwordHash, form.value.password))) {
    return data<Reply>({ errors: { password: ["password.wrong"] } }, { status: 400 });
  }
  await eraseMember(member.id, form.value.contributions);
  return redirect("/", { status: 303, headers: { "Set-Cookie": clearedSessionCookie() } });
}

export default function DeleteAccountPage() {
  const reply = useActionData<typeof action>();
  const t = useT();
  const errors = reply?.errors ?? {};
  const choiceError = errors.contributions?.[0];
  return (
    <div className="max-w-xl">
      <PageHeading back={{ to: "/me", label: t("me.title") }}>{t("privacy.delete.title")}</PageHeading>
      <p className="ds-paragraph mt-2">{t("privacy.delete.lead")}</p>
      <p className="ds-paragraph mt-2">
        <a className="ds-link" href="/me/data.json" download>
          {t("privacy.delete.downloadFirst")}
        </a>
      </p>
      <Form method="post" noValidate className="mt-6 space-y-6">
        <FormAlert message={errors.form?.[0]} params={{ minutes: reply?.retryAfterMinutes ?? 1 }} />
        <fieldset id="contributions" className="ds-fieldset min-w-0" aria-describedby={choiceError ? "contributions-note contributions-error" : "contributions-note"}>
          <legend className="ds-label">{t("privacy.delete.contributions")}</legend>
          <div className="mt-2 space-y-2">
            {CONTRIBUTION_CHOICES.map((choice) => (
              <div key={choice} className="ds-field">
                <input id={`contributions-${choice}`} className="ds-input" type="radio" name="contributions" value={choice} defaultChecked={choice === "keep"} />
                <label className="ds-label" htmlFor={`contributions-${choice}`}>
                  {t(choice === "keep" ? "privacy.delete.keep" : "privacy.delete.delete")}
                </label>
              </div>
            ))}
          </div>
          <p id="contributions-note" className="ds-paragraph mt-2" data-size="sm">
            {t("privacy.delete.deleteNote")}
          </p>
          {choiceError ? (
            <p id="contributions-error" className="ds-validation-message mt-2" data-color="danger">
              {t("privacy.delete.chooseOne")}
            </p>
          ) : null}
        </fieldset>
        <Field name="password" type="password" label={t("privacy.delete.password")} autoComplete="current-password" errors={errors.password} />
        <p className="flex flex-wrap items-center gap-x-6 gap-y-2">
          <button type="submit" className="ds-button" data-variant="primary" data-color="danger">
            {t("privacy.delete.submit")}
          </button>
          <Link className="ds-link" to="/me">
            {t("me.title")}
          </Link>
        </p>
      </Form>
    </div>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
