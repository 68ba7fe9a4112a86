import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { EXPERIENCE_CO_AUTHORS_MAX } from "../../db/schema/experience-values";
import { addCoAuthorForm, removeCoAuthorForm } from "~/experiences/co-author-forms";
import { addCoAuthor, getExperience, mayManageCoAuthors, mayReadExperience, removeCoAuthor } from "~/experiences/experiences.server";
import { useT } from "~/i18n/i18n";
import { parseForm, type FormReply } from "~/lib/forms";
import { forbidden, notFound, parseId } from "~/lib/http.server";
import { requireSignedIn, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { Field, FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("experiencePage.coAuthors.title", { title: data.title }) : "error.notFound.title");

/**
 * The write-up whose co-authors are asked for, for a viewer who may see them: anonymous readers are sent
 * to sign in (a write is 403), an unknown or unreadable write-up is 404, and anyone but its author, its
 * co-authors and the coordinators is refused (403).
 */
async function loadForCoAuthors(request: Request, context: AppLoadContext, idParam: string | undefined) {
  const viewer = summarise(await requireSignedIn(request, context))!;
  const id = parseId(idParam);
  const found = id ? await getExperience(id) : undefined;
  if (!found || !mayReadExperience(viewer, found.experience, found.coAuthorIds)) notFound();
  const manage = mayManageCoAuthors(viewer, found.experience);
  const isCoAuthor = can(viewer, "write") && found.coAuthorIds.includes(viewer.id);
  if (!manage && !isCoAuthor) forbidden();
  return { viewer, found, manage, isCoAuthor };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { viewer, found, manage, isCoAuthor } = await loadForCoAuthors(request, context, params.id);
  return {
    id: found.experience.id,
    title: found.experience.title,
    author: { name: found.authorName, municipalityName: found.municipalityName },
    coAuthors: found.coAuthors,
    manage,
    isCoAuthor,
    viewerId: viewer.id,
  };
}

type Reply = FormReply;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, found, manage } = await loadForCoAuthors(request, context, params.id);
  const id = found.experience.id;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "add") {
    if (!manage) forbidden();
    const form = parseForm(formData, addCoAuthorForm);
    if (!form.ok) return data<Reply>({ errors: form.errors, values: form.values }, { status: 400 });
    const result = await addCoAuthor(viewer, id, form.value.email, EXPERIENCE_CO_AUTHORS_MAX);
    if (!result.ok) {
      const values = { email: form.value.email };
      if (result.reason === "notFound") notFound();
      if (result.reason === "forbidden") forbidden();
      if (result.reason === "tooMany") return data<Reply>({ errors: { form: ["experiencePage.coAuthors.tooMany"] }, values }, { status: 400 });
      return data<Reply>({ errors: { email: [`experiencePage.coAuthors.${result.reason}`] }, values }, { status: 400 });
    }
    return redirect(`/experiences/${id}/co-authors`, 303);
  }
  if (intent === "remove") {
    const form = parseForm(formData, removeCoAuthorForm);
    // The id comes from a hidden field: a bad one is a broken or forged form, not the reader's typing.
    if (!form.ok) return data<Reply>({ errors: { form: ["error.badRequest.body"] }, values: {} }, { status: 400 });
    const result = await removeCoAuthor(viewer, id, form.value.memberId);
    if (!result.ok) {
      if (result.reason === "forbidden") forbidden();
      notFound();
    }
    // A co-author who stepped down may no longer see this page, nor a draft they no longer write.
    if (form.value.memberId === viewer.id && !manage) {
      return redirect(found.experience.status === "published" ? `/experiences/${id}` : "/experiences", 303);
    }
    return redirect(`/experiences/${id}/co-authors`, 303);
  }
  return data<Reply>({ errors: { form: ["error.badRequest.body"] }, values: {} }, { status: 400 });
}

function AddForm({ reply }: { reply?: Reply }) {
  const t = useT();
  const location = useLocation();
  return (
    <section className="mt-10 max-w-3xl" aria-labelledby="add-co-author">
      <h2 id="add-co-author" className="ds-heading" data-size="sm">
        {t("experiencePage.coAuthors.addHeading")}
      </h2>
      {/* A new key after each navigation: once added (a redirect), the field is empty again. */}
      <Form method="post" noValidate className="mt-4 space-y-4" key={location.key}>
        <input type="hidden" name="intent" value="add" />
        <FormAlert message={reply?.errors.form?.[0]} params={{ max: EXPERIENCE_CO_AUTHORS_MAX }} />
        <Field
          name="email"
          type="email"
          autoComplete="off"
          required
          maxLength={254}
          label={t("experiencePage.coAuthors.email")}
          description={t("experiencePage.coAuthors.emailHelp", { max: EXPERIENCE_CO_AUTHORS_MAX })}
          defaultValue={reply?.values.email ?? ""}
          errors={reply?.errors.email}
        />
        <button type="submit" className="ds-button" data-variant="primary">
          {t("experiencePage.coAuthors.add")}
        </button>
      </Form>
    </section>
  );
}

export default function CoAuthorsPage() {
  const { id, title, author, coAuthors, manage, isCoAuthor, viewerId } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <PageHeading back={{ to: `/experiences/${id}`, label: t("experiencePage.coAuthors.back") }}>
        {t("experiencePage.coAuthors.title", { title })}
      </PageHeading>
      <p className="ds-paragraph mt-4 max-w-3xl">{t("experiencePage.coAuthors.intro")}</p>
      <dl className="mt-4 grid grid-cols-1 gap-x-6 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("experiencePage.coAuthors.author")}</dt>
        <dd className="min-w-0 break-words">
          {author.name ?? t("experiencePage.coAuthors.formerMember")}
          {author.municipalityName ? (
            <>
              {", "}
              <Norwegian>{author.municipalityName}</Norwegian>
            </>
          ) : null}
        </dd>
      </dl>

      <section className="mt-8 max-w-3xl" aria-labelledby="co-authors">
        <h2 id="co-authors" className="ds-heading" data-size="sm">
          {t("experiencePage.coAuthors.listHeading")} ({coAuthors.length})
        </h2>
        {coAuthors.length === 0 ? (
          <p className="ds-paragraph mt-2">{t("experiencePage.coAuthors.none")}</p>
        ) : (
          <ul className="mt-4 space-y-3">
            {coAuthors.map((coAuthor) => (
              <li key={coAuthor.id} className="flex min-w-0 flex-wrap items-center justify-between gap-x-4 gap-y-2 break-words">
                <span>
                  {coAuthor.name}
                  {coAuthor.municipalityName ? (
                    <>
                      {", "}
                      <Norwegian>{coAuthor.municipalityName}</Norwegian>
                    </>
                  ) : null}
                  {coAuthor.id === viewerId ? ` ${t("experiencePage.coAuthors.you")}` : null}
                </span>
                {manage ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="memberId" value={coAuthor.id} />
                    <button type="submit" className="ds-button" data-variant="secondary" data-color="danger" data-size="sm">
                      {t("experiencePage.coAuthors.remove", { name: coAuthor.name })}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {isCoAuthor && !manage ? (
          <div className="mt-6">
            <p className="ds-paragraph">{t("experiencePage.coAuthors.youAre")}</p>
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="memberId" value={viewerId} />
              <button type="submit" className="ds-button" data-variant="secondary">
                {t("experiencePage.coAuthors.stepDown")}
              </button>
            </Form>
          </div>
        ) : null}
      </section>

      {manage ? <AddForm reply={reply} /> : null}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
