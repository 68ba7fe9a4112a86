import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ExperienceForm, StoredExperience, type StoredRevision } from "~/experiences/experience-form";
import {
  checkedOrigin,
  checkedSolutions,
  experienceFormChoices,
  experienceFormValuesOf,
  findOrigin,
  loadExperienceForEditor,
  previewBody,
} from "~/experiences/experience-form.server";
import { readExperienceForm, type ExperienceFormValues, type OriginLabels } from "~/experiences/experience-forms";
import { updateExperience } from "~/experiences/experiences.server";
import { useT } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { forbidden, notFound } from "~/lib/http.server";
import { hitActivityLimit, tooOftenInit, tooOftenReply } from "~/lib/rate-limit.server";
import { useReplyKey } from "~/topics/topic-form";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("experienceForm.editTitle", { title: data.title }) : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { found } = await loadExperienceForEditor(request, context, params.id);
  const { experience } = found;
  const [choices, values] = await Promise.all([experienceFormChoices(baseData(request, context)), experienceFormValuesOf(experience)]);
  return {
    id: experience.id,
    title: experience.title,
    status: experience.status,
    values,
    origin: (await findOrigin(values)).labels,
    themes: choices.themes,
    municipalityOptions: choices.municipalityOptions,
    // The lead stays the author's municipality, whoever edits.
    leadMunicipality: found.municipalityName ?? null,
  };
}

type Reply = {
  values: ExperienceFormValues;
  errors: FieldErrors;
  origin: OriginLabels;
  slots?: { municipalities: number; partners: number };
  preview?: string;
  /** What someone else saved meanwhile, shown beside the editor's own typing to merge from. */
  stored?: StoredRevision;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { editor, found } = await loadExperienceForEditor(request, context, params.id);
  const id = found.experience.id;
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
  const limit = await hitActivityLimit("writeUp", editor, context);
  if (!limit.allowed) return data<Reply>({ ...reply, ...tooOftenReply(limit.retryAfter) }, tooOftenInit(limit.retryAfter));
  const result = await updateExperience(editor, id, { ...form.value, solutionIds: linked.solutionIds, revision: form.revision ?? -1, publish: form.intent === "publish" });
  if (!result.ok) {
    if (result.reason === "notFound") notFound();
    if (result.reason !== "stale") forbidden();
    // Saved by someone else meanwhile: keep what was typed, now on the revision stored, with that one beside it.
    const { current } = result;
    const stored: StoredRevision = {
      title: current.title,
      summary: current.summary,
      body: current.bodyMd,
      revision: current.revision,
      editorName: current.editorName,
    };
    return data<Reply>(
      { ...reply, values: { ...reply.values, revision: current.revision }, errors: { form: ["experienceForm.stale"] }, stored },
      { status: 409 },
    );
  }
  return redirect(`/experiences/${id}`, 303);
}

export default function EditExperiencePage() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const replyKey = useReplyKey(reply);
  const t = useT();
  return (
    <>
      <PageHeading back={{ to: `/experiences/${loaded.id}`, label: t("experienceForm.backToExperience") }}>
        {t("experienceForm.editTitle", { title: loaded.title })}
      </PageHeading>
      <div className={reply?.stored ? "grid gap-x-8 lg:grid-cols-2" : undefined}>
        <div className="min-w-0">
          <ExperienceForm
            key={replyKey}
            mode={loaded.status === "published" ? "published" : "draft"}
            values={reply?.values ?? loaded.values}
            errors={reply?.errors ?? {}}
            themes={loaded.themes}
            municipalityOptions={loaded.municipalityOptions}
            leadMunicipality={loaded.leadMunicipality}
            origin={reply?.origin ?? loaded.origin}
            slots={reply?.slots}
            preview={reply?.preview}
          />
        </div>
        {reply?.stored ? <StoredExperience stored={reply.stored} /> : null}
      </div>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
