import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { OrganisationForm, StoredOrganisation } from "~/organisations/organisation-form";
import { loadOrganisationForEditor, municipalityRegister, organisationFormValuesOf } from "~/organisations/organisation-form.server";
import { readOrganisationForm, type OrganisationFormValues } from "~/organisations/organisation-forms";
import { updateOrganisation } from "~/organisations/organisations.server";
import { useReplyKey } from "~/topics/topic-form";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("organisations.form.editTitle", { name: data.name }) : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { organisation } = await loadOrganisationForEditor(request, context, params.slug);
  const [{ options }, values] = await Promise.all([municipalityRegister(baseData(request, context)), organisationFormValuesOf(organisation)]);
  return { slug: organisation.slug, name: organisation.name, values, municipalityOptions: options };
}

type Reply = {
  values: OrganisationFormValues;
  errors: FieldErrors;
  slots: number;
  existing?: { slug: string; name: string };
  /** What someone else saved meanwhile, shown beside the editor's own typing to merge from. */
  stored?: OrganisationFormValues;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { coordinator, organisation } = await loadOrganisationForEditor(request, context, params.slug);
  const { register } = await municipalityRegister(baseData(request, context));
  const form = readOrganisationForm(await request.formData(), register);
  const reply = { values: form.values, slots: form.slots };
  if (form.intent === "more") return data<Reply>({ ...reply, errors: {} });
  if (form.ok && form.version === undefined) return data<Reply>({ ...reply, errors: { form: ["error.badRequest.body"] } }, { status: 400 });
  if (!form.ok) return data<Reply>({ ...reply, errors: form.errors }, { status: 400 });
  const result = await updateOrganisation(coordinator, organisation.id, form.version!, form.value);
  if (!result.ok) {
    if (result.reason === "duplicate") {
      return data<Reply>({ ...reply, errors: { name: ["organisations.form.duplicateName"] }, existing: result.existing }, { status: 409 });
    }
    if (result.reason === "notFound") return data<Reply>({ ...reply, errors: { form: ["organisations.form.gone"] } }, { status: 404 });
    // Saved by someone else meanwhile: keep what was typed, now on the version stored, with that one beside it.
    const stored = await organisationFormValuesOf(result.current);
    return data<Reply>(
      { ...reply, values: { ...reply.values, version: result.current.version }, errors: { form: ["organisations.form.stale"] }, stored },
      { status: 409 },
    );
  }
  return redirect(`/organisations/${organisation.slug}`, 303);
}

export default function EditOrganisationPage() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const replyKey = useReplyKey(reply);
  const t = useT();
  return (
    <>
      <PageHeading back={{ to: `/organisations/${loaded.slug}`, label: t("organisations.backToOrganisation", { name: loaded.name }) }}>
        {t("organisations.form.editTitle", { name: loaded.name })}
      </PageHeading>
      <div className={reply?.stored ? "grid gap-x-8 lg:grid-cols-2" : undefined}>
        <div className="min-w-0">
          <OrganisationForm
            key={replyKey}
            mode="edit"
            values={reply?.values ?? loaded.values}
            errors={reply?.errors ?? {}}
            municipalityOptions={loaded.municipalityOptions}
            slots={reply?.slots}
            existing={reply?.existing}
          />
        </div>
        {reply?.stored ? <StoredOrganisation stored={reply.stored} /> : null}
      </div>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
