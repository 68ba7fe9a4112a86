import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ExperienceForm } from "~/experiences/experience-form";
import { checkedOrigin, checkedSolutions, experienceFormChoices, prefilledForm, previewBody } from "~/experiences/experience-form.server";
import { readExperienceForm, type ExperienceFormValues, type OriginLabels } from "~/experiences/experience-forms";
import { writeExperience } from "~/experiences/experiences.server";
import { useReplyKey } from "~/topics/topic-form";
import { useT } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { hitActivityLimit, tooOftenInit, tooOftenReply } from "~/lib/rate-limit.server";
import { requireApprovedMember, summarise } from "~/members/permissions.server";
import { getMunicipality } from "~/municipalities/municipalities.server";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "experienceForm.newTitle");

const leadName = async (number: string | null) => (number ? ((await getMunicipality(number))?.name ?? null) : null);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireApprovedMember(request, context);
  const [choices, prefilled, leadMunicipality] = await Promise.all([
    experienceFormChoices(baseData(request, context)),
    prefilledForm(new URL(request.url)),
    leadName(viewer.member.municipalityNumber),
  ]);
  return { themes: choices.themes, municipalityOptions: choices.municipalityOptions, leadMunicipality, ...prefilled };
}

type Reply = {
  values: ExperienceFormValues;
  errors: FieldErrors;
  origin: OriginLabels;
  slots?: { municipalities: number; partners: number };
  preview?: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireApprovedMember(request, context);
  const { register } = await experienceFormChoices(baseData(request, context));
  const form = readExperienceForm(await request.formData(), register);
  const origin = await checkedOrigin(form.values);
  const reply = { values: origin.values, origin: origin.labels, slots: form.slots };
  if (form.intent === "more" || form.intent === "morePartners") return data<Reply>({ ...reply, errors: {} });
  if (form.intent === "preview") {
    const preview = previewBody(form.values.body);
    return data<Reply>({ ...reply, errors: preview === undefined ? { body: ["experienceForm.bodyTooLong"] } : {}, preview });
  }
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  if (!origin.ok) errors.origin = ["experienceForm.unknownOrigin"];
  const linked = await checkedSolutions(form.values);
  if (linked.error) errors.solutions = [linked.error];
  if (!form.ok || !origin.ok || linked.error) return data<Reply>({ ...reply, errors }, { status: 400 });
  const limit = await hitActivityLimit("writeUp", summarise(viewer), context);
  if (!limit.allowed) return data<Reply>({ ...reply, ...tooOftenReply(limit.retryAfter) }, tooOftenInit(limit.retryAfter));
  const experience = await writeExperience(
    { id: viewer.member.id, municipalityNumber: viewer.member.municipalityNumber },
    { ...form.value, solutionIds: linked.solutionIds },
    form.intent === "publish",
  );
  return redirect(`/experiences/${experience.id}`, 303);
}

export default function NewExperiencePage() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const replyKey = useReplyKey(reply);
  return (
    <>
      <PageHeading back={{ to: "/experiences", label: t("experienceForm.back") }}>{t("experienceForm.newTitle")}</PageHeading>
      <p className="ds-paragraph mt-2 max-w-prose">{t("experienceForm.newLead")}</p>
      <ExperienceForm
        key={replyKey}
        mode="new"
        values={reply?.values ?? loaded.values}
        errors={reply?.errors ?? {}}
        themes={loaded.themes}
        municipalityOptions={loaded.municipalityOptions}
        leadMunicipality={loaded.leadMunicipality}
        origin={reply?.origin ?? loaded.origin}
        slots={reply?.slots}
        preview={reply?.preview}
      />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
