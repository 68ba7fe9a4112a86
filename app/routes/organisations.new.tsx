import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { requireCoordinator, summarise } from "~/members/permissions.server";
import { OrganisationForm } from "~/organisations/organisation-form";
import { municipalityRegister } from "~/organisations/organisation-form.server";
import { EMPTY_ORGANISATION_FORM, readOrganisationForm, type OrganisationFormValues } from "~/organisations/organisation-forms";
import { createOrganisation } from "~/organisations/organisations.server";
import { useReplyKey } from "~/topics/topic-form";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "organisations.form.newTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCoordinator(request, context);
  const { options } = await municipalityRegister(baseData(request, context));
  return { values: EMPTY_ORGANISATION_FORM, municipalityOptions: options };
}

type Reply = { values: OrganisationFormValues; errors: FieldErrors; slots: number; existing?: { slug: string; name: string } };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireCoordinator(request, context);
  const { register } = await municipalityRegister(baseData(request, context));
  const form = readOrganisationForm(await request.formData(), register);
  const reply = { values: form.values, slots: form.slots };
  if (form.intent === "more") return data<Reply>({ ...reply, errors: {} });
  if (!form.ok) return data<Reply>({ ...reply, errors: form.errors }, { status: 400 });
  const result = await createOrganisation(summarise(viewer)!, form.value);
  if (!result.ok) return data<Reply>({ ...reply, errors: { name: ["organisations.form.duplicateName"] }, existing: result.existing }, { status: 409 });
  return redirect(`/organisations/${result.organisation.slug}`, 303);
}

export default function NewOrganisationPage() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const replyKey = useReplyKey(reply);
  const t = useT();
  return (
    <>
      <PageHeading back={{ to: "/organisations", label: t("organisations.back") }}>{t("organisations.form.newTitle")}</PageHeading>
      <p className="ds-paragraph mt-2 max-w-prose">{t("organisations.form.newLead")}</p>
      <OrganisationForm
        key={replyKey}
        mode="new"
        values={reply?.values ?? loaded.values}
        errors={reply?.errors ?? {}}
        municipalityOptions={loaded.municipalityOptions}
        slots={reply?.slots}
        existing={reply?.existing}
      />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
