import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { hitActivityLimit, tooOftenInit, tooOftenReply } from "~/lib/rate-limit.server";
import { requireApprovedMember, summarise } from "~/members/permissions.server";
import { SolutionForm, type DuplicateEntry } from "~/solutions/solution-form";
import { duplicateEntry, previewDescription, readSolutionForm, solutionFormChoices } from "~/solutions/solution-form.server";
import { EMPTY_SOLUTION_FORM, type SolutionFormValues } from "~/solutions/solution-forms";
import { proposeSolution } from "~/solutions/solutions.server";
import { useReplyKey } from "~/topics/topic-form";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "solutions.form.newTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireApprovedMember(request, context);
  const choices = await solutionFormChoices(baseData(request, context));
  // The proposer is the likely contact; they may name someone else.
  return { ...choices, values: { ...EMPTY_SOLUTION_FORM, contactEmail: viewer.member.email } satisfies SolutionFormValues };
}

type Reply = { values: SolutionFormValues; errors: FieldErrors; duplicate?: DuplicateEntry; preview?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireApprovedMember(request, context);
  const proposer = summarise(viewer)!;
  const form = await readSolutionForm(await request.formData(), await solutionFormChoices(baseData(request, context)));
  if (form.intent === "preview") {
    const preview = previewDescription(form.values.description);
    return data<Reply>({ values: form.values, errors: preview === undefined ? { description: ["solutions.form.descriptionTooLong"] } : {}, preview });
  }
  if (!form.ok) return data<Reply>({ values: form.values, errors: form.errors }, { status: 400 });
  const limit = await hitActivityLimit("solutionProposal", proposer, context);
  if (!limit.allowed) return data<Reply>({ values: form.values, ...tooOftenReply(limit.retryAfter) }, tooOftenInit(limit.retryAfter));
  const result = await proposeSolution(proposer, form.input);
  if (!result.ok) {
    return data<Reply>({ values: form.values, errors: { name: ["solutions.form.duplicate"] }, duplicate: await duplicateEntry(result.existing, proposer) }, { status: 400 });
  }
  return redirect(`/solutions/${result.solution.slug}`, 303);
}

export default function NewSolutionPage() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const replyKey = useReplyKey(reply);
  const t = useT();
  return (
    <>
      <PageHeading back={{ to: "/solutions", label: t("solutions.form.backToCatalogue") }}>{t("solutions.form.newTitle")}</PageHeading>
      <p className="ds-paragraph mt-2 max-w-prose">{t("solutions.form.newLead")}</p>
      <SolutionForm
        key={replyKey}
        mode="new"
        values={reply?.values ?? loaded.values}
        errors={reply?.errors ?? {}}
        themes={loaded.themes}
        municipalityOptions={loaded.municipalityOptions}
        organisations={loaded.organisations}
        duplicate={reply?.duplicate}
        preview={reply?.preview}
      />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
