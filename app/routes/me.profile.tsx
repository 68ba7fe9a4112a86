import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { LANGUAGES, useT } from "~/i18n/i18n";
import { type FormReply, parseForm } from "~/lib/forms";
import { languageForm, profileForm } from "~/members/member-forms";
import { getMember, setLanguage, updateProfile } from "~/members/members.server";
import { requireApprovedMember, requireSignedIn } from "~/members/permissions.server";
import { Field, FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "myPage.profile.title");

// One member's own details: no shared cache may keep them.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { member } = await requireSignedIn(request, context);
  return {
    member: {
      id: member.id,
      name: member.name,
      jobTitle: member.jobTitle,
      version: member.version,
      status: member.status,
      language: member.language,
    },
  };
}

type Reply = FormReply & { saved?: boolean; languageSaved?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "language") {
    // Pending members too: the answer to their application is mailed in it.
    const { member } = await requireSignedIn(request, context);
    const form = parseForm(formData, languageForm);
    if (!form.ok) return data<Reply>({ errors: form.errors, values: {} }, { status: 400 });
    await setLanguage(member.id, form.value.language);
    return data<Reply>({ errors: {}, values: {}, languageSaved: true });
  }
  const { member } = await requireApprovedMember(request, context);
  const form = parseForm(formData, profileForm);
  if (!form.ok) return data<Reply>({ errors: form.errors, values: form.values }, { status: 400 });
  const updated = await updateProfile(member.id, form.value);
  if (!updated) {
    // Someone saved in between: show the stored version.
    const current = await getMember(member.id);
    return data<Reply>(
      {
        errors: { form: ["myPage.profile.stale"] },
        values: { name: current?.name ?? "", jobTitle: current?.jobTitle ?? "", version: String(current?.version ?? 0) },
      },
      { status: 409 },
    );
  }
  return data<Reply>({ errors: {}, values: {}, saved: true });
}

export default function MyProfilePage() {
  const { member } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const errors = reply?.errors ?? {};
  const values = reply?.values ?? {};
  return (
    <div className="max-w-xl">
      <PageHeading back={{ to: "/me", label: t("me.title") }}>{t("myPage.profile.title")}</PageHeading>

      <section className="mt-8" aria-labelledby="profile">
        <h2 id="profile" className="ds-heading" data-size="sm">
          {t("myPage.profile.heading")}
        </h2>
        {member.status === "approved" ? (
          <Form method="post" noValidate className="mt-4 space-y-6" key={values.version ?? member.version}>
            {reply?.saved ? <FormAlert color="success" message="myPage.profile.saved" /> : null}
            <FormAlert message={errors.form?.[0]} />
            <input type="hidden" name="version" value={values.version ?? member.version} />
            <Field name="name" label={t("signUp.name")} defaultValue={values.name ?? member.name} errors={errors.name} />
            <Field name="jobTitle" label={t("signUp.jobTitle")} defaultValue={values.jobTitle ?? member.jobTitle} errors={errors.jobTitle} />
            <button type="submit" className="ds-button" data-variant="primary">
              {t("myPage.profile.save")}
            </button>
          </Form>
        ) : (
          <>
            <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 break-words">
              <dt className="font-semibold">{t("signUp.name")}</dt>
              <dd className="min-w-0">{member.name}</dd>
              <dt className="font-semibold">{t("signUp.jobTitle")}</dt>
              <dd className="min-w-0">{member.jobTitle}</dd>
            </dl>
            <p className="ds-paragraph mt-4">{t("myPage.profile.notYet")}</p>
          </>
        )}
      </section>

      <section className="mt-10" aria-labelledby="language">
        <h2 id="language" className="ds-heading" data-size="sm">
          {t("myPage.language.heading")}
        </h2>
        <Form method="post" noValidate className="mt-4 space-y-4">
          {reply?.languageSaved ? <FormAlert color="success" message="myPage.language.saved" /> : null}
          <input type="hidden" name="intent" value="language" />
          <fieldset className="ds-fieldset" aria-describedby="language-lead">
            <legend className="sr-only">{t("myPage.language.heading")}</legend>
            <p id="language-lead" className="ds-paragraph" data-size="sm">
              {t("myPage.language.lead")}
            </p>
            {LANGUAGES.map((language) => (
              <div className="ds-field" key={language}>
                <input
                  className="ds-input"
                  type="radio"
                  name="language"
                  value={language}
                  id={`language-${language}`}
                  defaultChecked={member.language === language}
                />
                <label className="ds-label" htmlFor={`language-${language}`} lang={language}>
                  {t(`myPage.language.${language}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="ds-button" data-variant="secondary">
            {t("myPage.language.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
