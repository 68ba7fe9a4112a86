import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import type { FieldErrors } from "~/lib/forms";
import { forbidden, notFound } from "~/lib/http.server";
import { SolutionForm, StoredSolutionView, type DuplicateEntry, type StoredSolution } from "~/solutions/solution-form";
import {
  duplicateEntry,
  loadSolutionForEditor,
  previewDescription,
  readSolutionForm,
  solutionFormChoices,
  solutionFormValuesOf,
} from "~/solutions/solution-form.server";
import type { SolutionFormValues } from "~/solutions/solution-forms";
import { updateSolution } from "~/solutions/solutions.server";
import { useReplyKey } from "~/topics/topic-form";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";
import { baseData } from "~/base-data.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("solutions.form.editTitle", { name: data.name }) : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { solution } = await loadSolutionForEditor(request, context, params.slug);
  const [choices, values] = await Promise.all([solutionFormChoices(baseData(request, context)), solutionFormValuesOf(solution)]);
  return { slug: solution.slug, name: solution.name, ...choices, values };
}

type Reply = {
  values: SolutionFormValues;
  errors: FieldErrors;
  duplicate?: DuplicateEntry;
  preview?: string;
  /** What someone else saved meanwhile, shown beside the editor's own typing to merge from. */
  stored?: StoredSolution;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { editor, solution } = await loadSolutionForEditor(request, context, params.slug);
  const form = await readSolutionForm(await request.formData(), await solutionFormChoices(baseData(request, context)));
  if (form.intent === "preview") {
    const preview = previewDescription(form.values.description);
    return data<Reply>({ values: form.values, errors: preview === undefined ? { description: ["solutions.form.descriptionTooLong"] } : {}, preview });
  }
  if (!form.ok) return data<Reply>({ values: form.values, errors: form.errors }, { status: 400 });
  const result = await updateSolution(editor, solution.id, form.version ?? -1, form.input);
  if (!result.ok) {
    switch (result.reason) {
      case "notFound":
        return notFound();
      case "forbidden":
        return forbidden();
      case "duplicate":
        return data<Reply>(
          { values: form.values, errors: { name: ["solutions.form.duplicate"] }, duplicate: await duplicateEntry(result.existing, editor) },
          { status: 400 },
        );
      case "stale": {
        // Saved by someone else meanwhile: keep what was typed, now on the version stored, with that one beside it.
        const { current } = result;
        const stored: StoredSolution = { name: current.name, summary: current.summary, description: current.descriptionMd, version: current.version };
        return data<Reply>(
          { values: { ...form.values, version: current.version }, errors: { form: ["solutions.form.stale"] }, stored },
          { status: 409 },
        );
      }
    }
  }
  return redirect(`/solutions/${solution.slug}`, 303);
}

export default function EditSolutionPage() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const replyKey = useReplyKey(reply);
  const t = useT();
  return (
    <>
      <PageHeading back={{ to: `/solutions/${loaded.slug}`, label: t("solutions.form.backToSolution") }}>
        <span className="block break-words">
          {t("solutions.form.editHeading")} <Norwegian>{loaded.name}</Norwegian>
        </span>
      </PageHeading>
      <div className={reply?.stored ? "grid gap-x-8 lg:grid-cols-2" : undefined}>
        <div className="min-w-0">
          <SolutionForm
            key={replyKey}
            mode="edit"
            values={reply?.values ?? loaded.values}
            errors={reply?.errors ?? {}}
            themes={loaded.themes}
            municipalityOptions={loaded.municipalityOptions}
            organisations={loaded.organisations}
            duplicate={reply?.duplicate}
            preview={reply?.preview}
          />
        </div>
        {reply?.stored ? <StoredSolutionView stored={reply.stored} /> : null}
      </div>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
