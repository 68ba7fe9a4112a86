import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { forbidden, notFound } from "~/lib/http.server";
import { experiencedSlots, StoredTopic, TopicForm, useReplyKey } from "~/topics/topic-form";
import { loadTopicForEditor, previewDescription, topicFormChoices, topicFormValuesOf } from "~/topics/topic-form.server";
import { readTopicForm, type TopicFormValues } from "~/topics/topic-forms";
import { updateTopic } from "~/topics/topics.server";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("topicForm.editTitle", { title: data.title }) : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { topic, municipalityName } = await loadTopicForEditor(request, context, params.id);
  const [choices, values] = await Promise.all([topicFormChoices(baseData(request, context), topic.municipalityNumber !== null), topicFormValuesOf(topic)]);
  return {
    id: topic.id,
    title: topic.title,
    values,
    themes: choices.themes,
    municipalityOptions: choices.municipalityOptions,
    // "Can present" speaks for the topic's municipality (the proposer's when proposed), whoever edits.
    presentingMunicipality: municipalityName ?? null,
  };
}

type Reply = {
  values: TopicFormValues;
  errors: FieldErrors;
  slots?: number;
  preview?: string;
  /** What someone else saved meanwhile, shown beside the editor's own typing to merge from. */
  stored?: TopicFormValues;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { editor, topic } = await loadTopicForEditor(request, context, params.id);
  const { register } = await topicFormChoices(baseData(request, context), topic.municipalityNumber !== null);
  const form = readTopicForm(await request.formData(), register);
  if (form.intent === "more") {
    return data<Reply>({ values: form.values, errors: {}, slots: form.slots });
  }
  if (form.intent === "preview") {
    const preview = previewDescription(form.values.description);
    return data<Reply>({ values: form.values, errors: preview === undefined ? { description: ["form.tooLong"] } : {}, preview, slots: form.slots });
  }
  if (!form.ok) return data<Reply>({ values: form.values, errors: form.errors, slots: form.slots }, { status: 400 });
  // Merged meanwhile (a coordinator may still open it): its text lives on in the topic it went into.
  if (topic.status === "merged") return data<Reply>({ values: form.values, errors: { form: ["topicForm.merged"] } }, { status: 409 });
  const result = await updateTopic(editor, topic.id, { ...form.value, version: form.version ?? -1 });
  if (!result.ok) {
    if (result.reason === "notFound") notFound();
    if (result.reason !== "stale") forbidden();
    // Changed meanwhile: keep what was typed, now on the stored version, with the stored one beside it.
    const stored = await topicFormValuesOf(result.current);
    return data<Reply>(
      { values: { ...form.values, version: result.current.version }, errors: { form: ["topicForm.stale"] }, stored },
      { status: 409 },
    );
  }
  return redirect(`/topics/${topic.id}`, 303);
}

export default function EditTopicPage() {
  const { id, title, values, themes, municipalityOptions, presentingMunicipality } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const replyKey = useReplyKey(reply);
  const t = useT();
  const shown = reply?.values ?? values;
  return (
    <>
      <PageHeading back={{ to: `/topics/${id}`, label: t("topicForm.backToTopic") }}>{t("topicForm.editTitle", { title })}</PageHeading>
      <div className={reply?.stored ? "grid gap-x-8 lg:grid-cols-2" : undefined}>
        <div className="min-w-0">
          <TopicForm
            key={replyKey}
            values={shown}
            errors={reply?.errors ?? {}}
            themes={themes}
            municipalityOptions={municipalityOptions}
            presentingMunicipality={presentingMunicipality}
            slots={experiencedSlots(shown, reply?.slots)}
            submitLabel={t("topicForm.save")}
            preview={reply?.preview}
          />
        </div>
        {reply?.stored ? <StoredTopic stored={reply.stored} themes={themes} /> : null}
      </div>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
