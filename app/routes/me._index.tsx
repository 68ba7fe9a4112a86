import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { experiencesOfMember, followsOf } from "~/experiences/experiences.server";
import { MembersOnlyTag } from "~/experiences/experience-links";
import { LANGUAGES, useLanguage, useT, type MessageKey } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { type FormReply, parseForm } from "~/lib/forms";
import { languageForm, profileForm } from "~/members/member-forms";
import { getMember, setLanguage, updateProfile, withoutSecrets } from "~/members/members.server";
import { requireApprovedMember, requireSignedIn } from "~/members/permissions.server";
import { getMunicipality } from "~/municipalities/municipalities.server";
import { getOrganisationById } from "~/organisations/organisations.server";
import { Workplace } from "~/organisations/workplace";
import { Field, FormAlert } from "~/ui/field";
import { capitalise } from "~/lib/text";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "me.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { member } = await requireSignedIn(request, context);
  const approved = member.status === "approved";
  const [municipality, organisation, experiences, follows] = await Promise.all([
    member.municipalityNumber ? getMunicipality(member.municipalityNumber) : undefined,
    member.organisationId ? getOrganisationById(member.organisationId) : undefined,
    // Their own write-ups, drafts first (as author or co-author), and what they follow: approved members only write and follow.
    approved ? experiencesOfMember(member.id) : [],
    approved ? followsOf(member.id) : [],
  ]);
  return {
    member: withoutSecrets(member),
    municipalityName: municipality?.name ?? null,
    organisation: organisation ? { slug: organisation.slug, name: organisation.name } : null,
    experiences,
    follows,
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
    // Someone saved in between: show the stored version, and keep what this person typed visible.
    const current = await getMember(member.id);
    return data<Reply>(
      {
        errors: { form: ["me.stale"] },
        values: { name: current?.name ?? "", jobTitle: current?.jobTitle ?? "", version: String(current?.version ?? 0) },
      },
      { status: 409 },
    );
  }
  return data<Reply>({ errors: {}, values: {}, saved: true });
}

/** "My write-ups": drafts first, each with its status and a way to edit it. */
function MyExperiences() {
  const { experiences } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <section className="mt-10" aria-labelledby="my-experiences">
      <h2 id="my-experiences" className="ds-heading" data-size="sm">
        {t("experienceLinks.me.heading")}
      </h2>
      {experiences.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("experienceLinks.me.none")}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {experiences.map((experience) => (
            <li key={experience.id} className="min-w-0 break-words">
              <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Link className="ds-link" to={`/experiences/${experience.id}`}>
                  <Norwegian>{experience.title}</Norwegian>
                </Link>
                <span className="ds-tag" data-color={experience.status === "draft" ? "neutral" : "success"} data-size="sm">
                  {capitalise(t(`experiences.status.${experience.status}`))}
                </span>
                <MembersOnlyTag visibility={experience.visibility} />
              </span>
              <span className="block text-sm">
                {t("experienceLinks.me.updated", { date: formatDate(new Date(experience.updatedAt), language) })}
                {" · "}
                <Link
                  className="ds-link"
                  to={`/experiences/${experience.id}/edit`}
                  aria-label={t("experienceLinks.me.editLabel", { title: experience.title })}
                >
                  {t("experienceLinks.me.edit")}
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-4">
        <Link className="ds-link" to="/experiences/new">
          {t("experienceLinks.me.write")}
        </Link>
      </p>
    </section>
  );
}

/** "What I follow": each theme and municipality with a button to stop following it (back to this page). */
function MyFollows() {
  const { follows } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <section className="mt-10" aria-labelledby="my-follows">
      <h2 id="my-follows" className="ds-heading" data-size="sm">
        {t("experienceLinks.follows.heading")}
      </h2>
      {follows.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("experienceLinks.follows.none")}</p>
      ) : (
        <>
          <p className="ds-paragraph mt-2" data-size="sm">
            {t("experienceLinks.follows.lead")}
          </p>
          <ul className="mt-3 space-y-3">
            {follows.map((follow) => {
              const themeName = language === "nb" ? follow.themeNameNb : follow.themeNameEn;
              const name = follow.themeSlug ? t("experienceLinks.follows.theme", { name: themeName ?? follow.themeSlug }) : (follow.municipalityName ?? "");
              return (
                <li key={follow.themeSlug ?? follow.municipalityNumber} className="flex flex-wrap items-center justify-between gap-2">
                  {follow.themeSlug ? (
                    <Link className="ds-link" to={`/experiences?theme=${follow.themeSlug}`}>
                      {name}
                    </Link>
                  ) : (
                    <Link className="ds-link" to={`/municipalities/${follow.municipalityNumber}`}>
                      <Norwegian>{name}</Norwegian>
                    </Link>
                  )}
                  <Form method="post" action="/follows">
                    <input type="hidden" name="intent" value="unfollow" />
                    <input type="hidden" name="redirectTo" value="/me" />
                    {follow.themeSlug ? (
                      <input type="hidden" name="theme" value={follow.themeSlug} />
                    ) : (
                      <input type="hidden" name="municipality" value={follow.municipalityNumber ?? ""} />
                    )}
                    <button type="submit" className="ds-button" data-variant="secondary" data-size="sm" aria-label={t("experienceLinks.follows.stopLabel", { name: themeName ?? follow.municipalityName ?? "" })}>
                      {t("experienceLinks.follows.stop")}
                    </button>
                  </Form>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

export default function MyPage() {
  const { member, municipalityName, organisation } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const errors = reply?.errors ?? {};
  const values = reply?.values ?? {};
  return (
    <div className="max-w-xl">
      <h1 className="ds-heading" data-size="lg">
        {t("me.title")}
      </h1>
      {member.status === "pending" ? <div className="mt-6"><FormAlert color="warning" message="me.pending" /></div> : null}
      {member.status === "rejected" ? <div className="mt-6"><FormAlert color="danger" message="me.rejected" /></div> : null}
      <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">{t("me.email")}</dt>
        <dd>{member.email}</dd>
        <dt className="font-semibold">{organisation && !member.municipalityNumber ? t("organisations.workplace.organisation") : t("me.municipality")}</dt>
        <dd>
          <Workplace
            municipality={member.municipalityNumber && municipalityName ? { number: member.municipalityNumber, name: municipalityName } : null}
            organisation={organisation}
          />
        </dd>
        <dt className="font-semibold">{t("me.status")}</dt>
        <dd>{t(`members.status.${member.status}` as MessageKey)}</dd>
        <dt className="font-semibold">{t("me.role")}</dt>
        <dd>{t(`members.role.${member.role}` as MessageKey)}</dd>
      </dl>

      {member.status === "approved" ? (
        <>
          <h2 className="ds-heading mt-10" data-size="sm">
            {t("me.profile")}
          </h2>
          <Form method="post" noValidate className="mt-4 space-y-6" key={values.version ?? member.version}>
            {reply?.saved ? <FormAlert color="success" message="me.saved" /> : null}
            <FormAlert message={errors.form?.[0]} />
            <input type="hidden" name="version" value={values.version ?? member.version} />
            <Field name="name" label={t("signUp.name")} defaultValue={values.name ?? member.name} errors={errors.name} />
            <Field
              name="jobTitle"
              label={t("signUp.jobTitle")}
              defaultValue={values.jobTitle ?? member.jobTitle}
              errors={errors.jobTitle}
            />
            <button type="submit" className="ds-button" data-variant="primary">
              {t("me.save")}
            </button>
          </Form>
          <p className="mt-6">
            <Link className="ds-link" to={`/members/${member.id}`}>
              {t("me.publicPage")}
            </Link>
          </p>
          <MyExperiences />
          <MyFollows />
        </>
      ) : null}
      <h2 className="ds-heading mt-10" data-size="sm">
        {t("me.language")}
      </h2>
      <Form method="post" noValidate className="mt-4 space-y-4">
        {reply?.languageSaved ? <FormAlert color="success" message="me.languageSaved" /> : null}
        <input type="hidden" name="intent" value="language" />
        <fieldset className="ds-fieldset" aria-describedby="language-lead">
          <legend className="sr-only">{t("me.language")}</legend>
          <p id="language-lead" className="ds-paragraph" data-size="sm">
            {t("me.languageLead")}
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
                {t(`me.language.${language}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="ds-button" data-variant="secondary">
          {t("me.languageSave")}
        </button>
      </Form>
      <p className="mt-6">
        <Link className="ds-link" to="/me/password">
          {t("me.changePassword")}
        </Link>
      </p>
    </div>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
