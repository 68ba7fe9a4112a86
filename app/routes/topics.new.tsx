import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { hitActivityLimit, tooOftenInit, tooOftenReply } from "~/lib/rate-limit.server";
import { requireApprovedMember, summarise } from "~/members/permissions.server";
import { getMunicipality } from "~/municipalities/municipalities.server";
import { experiencedSlots, TopicForm, useReplyKey } from "~/topics/topic-form";
import { previewDescription, topicFormChoices } from "~/topics/topic-form.server";
import { readTopicForm, type TopicFormValues } from "~/topics/topic-forms";
import { proposeTopic } from "~/topics/topics.server";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "topicForm.newTitle");

/** The proposer's municipality's name: "our municipality can present this" is offered only with one. */
async function presentingMunicipality(number: string | null) {
  return number ? ((await getMunicipality(number))?.name ?? null) : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireApprovedMember(request, context);
  const [choices, municipality] = await Promise.all([
    topicFormChoices(baseData(request, context), viewer.member.municipalityNumber !== null),
    presentingMunicipality(viewer.member.municipalityNumber),
  ]);
  return { themes: choices.themes, municipalityOptions: choices.municipalityOptions, presentingMunicipality: municipality };
}

type Reply = { values: TopicFormValues; errors: FieldErrors; slots?: number; preview?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireApprovedMember(request, context);
  const { register } = await topicFormChoices(baseData(request, context), viewer.member.municipalityNumber !== null);
  const form = readTopicForm(await request.formData(), register);
  if (form.intent === "more") {
    return data<Reply>({ values: form.values, errors: {}, slots: form.slots });
  }
  if (form.intent === "preview") {
    const preview = previewDescription(form.values.description);
    return data<Reply>({ values: form.values, errors: preview === undefined ? { description: ["form.tooLong"] } : {}, preview, slots: form.slots });
  }
  if (!form.ok) return data<Reply>({ values: form.values, errors: form.errors, slots: form.slots }, { status: 400 });
  const limit = await hitActivityLimit("topicProposal", summarise(viewer), context);
  if (!limit.allowed) return data<Reply>({ values: form.values, slots: form.slots, ...tooOftenReply(limit.retryAfter) }, tooOftenInit(limit.retryAfter));
  const topic = await proposeTopic({ id: viewer.member.id, municipalityNumber: viewer.member.municipalityNumber }, form.value);
  return redirect(`/topics/${topic.id}`, 303);
}

const EMPTY: TopicFormValues = { title: "", description: "", themeIds: [], canPresent: false, experienced: [] };

export default function NewTopicPage() {
  const { themes, municipalityOptions, presentingMunicipality } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const replyKey = useReplyKey(reply);
  const values = reply?.values ?? EMPTY;
  return (
    <>
      <PageHeading back={{ to: "/topics", label: t("topicForm.back") }}>{t("topicForm.newTitle")}</PageHeading>
      <p className="ds-paragraph mt-2 max-w-prose">{t("topicForm.newLead")}</p>
      <TopicForm
        key={replyKey}
        values={values}
        errors={reply?.errors ?? {}}
        themes={themes}
        municipalityOptions={municipalityOptions}
        presentingMunicipality={presentingMunicipality}
        slots={experiencedSlots(values, reply?.slots)}
        submitLabel={t("topicForm.submitNew")}
        preview={reply?.preview}
      />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
