import { personName } from "~/members/person-name";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { SolutionStatus } from "../../db/schema/solution-values";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { notFound } from "~/lib/http.server";
import { osloToday } from "~/lib/oslo-time.server";
import { capitalise } from "~/lib/text";
import { requireCoordinator, summarise } from "~/members/permissions.server";
import { tallyAdoptions } from "~/solutions/adoptions.server";
import { suggestedStatus } from "~/solutions/scaling";
import { readReview, readStatusChange } from "~/solutions/status-form.server";
import { ReviewForms, StatusChangeForm, type StatusFormReply } from "~/solutions/status-forms";
import { getSolutionBySlug, reviewSolution, setSolutionStatus, statusHistory } from "~/solutions/solutions.server";
import { useReplyKey } from "~/topics/topic-form";
import { FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("solutions.statusForm.title", { name: data.solution.name }) : "error.notFound.title");

async function solutionOf(slug: string | undefined) {
  const solution = slug && slug.length <= 200 ? await getSolutionBySlug(slug) : undefined;
  if (!solution) notFound();
  return solution;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireCoordinator(request, context);
  const solution = await solutionOf(params.slug);
  const accepted = solution.review === "accepted";
  const [history, tally] = await Promise.all([statusHistory(solution.id), accepted ? tallyAdoptions(solution.id) : undefined]);
  return {
    solution: { slug: solution.slug, name: solution.name, review: solution.review, reviewNote: solution.reviewNote, status: solution.status },
    suggested: tally ? suggestedStatus(solution.status, tally) : null,
    inUse: tally?.byState.in_use ?? 0,
    history: history.map(({ id, toStatus, note, effectiveOn, changedByName }) => ({ id, toStatus, note, effectiveOn, changedByName })),
    today: osloToday(),
  };
}

type Reply = StatusFormReply & {
  /** Changed by another coordinator meanwhile: by whom, to what. */
  conflict?: { name: string | null; status: SolutionStatus };
  /** The proposal was reviewed by someone else meanwhile. */
  alreadyReviewed?: boolean;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireCoordinator(request, context);
  const coordinator = summarise(viewer)!;
  const solution = await solutionOf(params.slug);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");

  if (intent === "accept" || intent === "reject") {
    const review = readReview(formData);
    if (!review.ok) return data<Reply>({ intent, errors: review.errors, values: review.values }, { status: 400 });
    const result = await reviewSolution(coordinator, solution.id, review.value);
    if (!result.ok) {
      if (result.reason === "notFound") notFound();
      return data<Reply>({ intent, errors: {}, values: {}, alreadyReviewed: true }, { status: 409 });
    }
    return redirect(`/solutions/${solution.slug}`, 303);
  }

  const history = await statusHistory(solution.id);
  const change = readStatusChange(formData, history.at(-1)?.effectiveOn);
  if (!change.ok) return data<Reply>({ intent: "status", errors: change.errors, values: change.values }, { status: 400 });
  const result = await setSolutionStatus(coordinator, solution.id, change.value);
  if (result.ok) return redirect(`/solutions/${solution.slug}`, 303);
  const values = Object.fromEntries([...formData].map(([k, v]) => [k, String(v)]));
  switch (result.reason) {
    case "notFound":
      return notFound();
    case "stale":
      return data<Reply>(
        { intent: "status", errors: {}, values, conflict: { name: result.changedByName, status: result.current.status } },
        { status: 409 },
      );
    case "unchanged":
      return data<Reply>({ intent: "status", errors: { toStatus: ["solutions.statusForm.unchanged"] }, values }, { status: 400 });
    case "notAccepted":
      return data<Reply>({ intent: "status", errors: { form: ["solutions.statusForm.notAccepted"] }, values }, { status: 409 });
  }
}

function Timeline() {
  const { history } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  if (history.length === 0) return null;
  return (
    <section className="mt-10 max-w-2xl" aria-labelledby="timeline">
      <h2 id="timeline" className="ds-heading" data-size="sm">
        {t("solutions.statusForm.timeline")}
      </h2>
      <ol className="mt-4 space-y-3">
        {history.map((entry) => (
          <li key={entry.id} className="break-words">
            <span className="font-semibold">
              {formatDate(new Date(`${entry.effectiveOn}T12:00:00Z`), language)}: {capitalise(t(`solutions.status.${entry.toStatus}`))}
            </span>
            {entry.changedByName !== null ? <span> ({personName(t, entry.changedByName)})</span> : null}
            <p className="ds-paragraph whitespace-pre-wrap" data-size="sm">
              <Norwegian>{entry.note}</Norwegian>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function SolutionStatusPage() {
  const { solution, suggested, inUse, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const replyKey = useReplyKey(reply);
  const t = useT();
  const status = capitalise(t(`solutions.status.${solution.status}`));
  return (
    <>
      <PageHeading back={{ to: `/solutions/${solution.slug}`, label: t("solutions.form.backToSolution") }}>
        <span className="block text-base font-normal">
          {solution.review === "proposed" ? t("solutions.reviewForm.heading") : t("solutions.statusForm.heading")}
        </span>
        <span className="block break-words">
          <Norwegian>{solution.name}</Norwegian>
        </span>
      </PageHeading>
      {reply?.alreadyReviewed ? (
        <div className="mt-4">
          <FormAlert message="solutions.reviewForm.alreadyReviewed" />
        </div>
      ) : null}
      {solution.review === "proposed" ? (
        <>
          <p className="ds-paragraph mt-4 max-w-prose">{t("solutions.reviewForm.lead")}</p>
          <p className="mt-2">
            <Link className="ds-link" to="/solutions/proposals">
              {t("solutions.proposals.all")}
            </Link>
          </p>
          <div className="mt-6" key={replyKey}>
            <ReviewForms prefix="review" reply={reply} today={today} name={solution.name} />
          </div>
        </>
      ) : solution.review === "rejected" ? (
        <div className="mt-6 max-w-prose space-y-2">
          <p className="ds-paragraph">{t("solutions.statusForm.rejected")}</p>
          {solution.reviewNote ? (
            <p className="ds-paragraph whitespace-pre-wrap break-words">
              <Norwegian>{solution.reviewNote}</Norwegian>
            </p>
          ) : null}
        </div>
      ) : (
        <>
          <dl className="mt-6 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
            <dt className="font-semibold">{t("solutions.statusForm.current")}</dt>
            <dd>{status}</dd>
            <dt className="font-semibold">{t("solutions.statusForm.inUse")}</dt>
            <dd>{t("solutions.statusForm.municipalities", { count: inUse })}</dd>
          </dl>
          {suggested ? (
            <div className="mt-4 max-w-2xl">
              <div className="ds-alert" data-color="info">
                <p className="ds-paragraph">
                  {t("solutions.statusForm.suggestion", { status: t(`solutions.status.${suggested}`) })}
                </p>
              </div>
            </div>
          ) : null}
          {reply?.conflict ? (
            <div className="mt-4 max-w-2xl">
              <FormAlert
                message={reply.conflict.name ? "solutions.statusForm.stale" : "solutions.statusForm.staleUnknown"}
                params={{ name: reply.conflict.name ?? "", status: t(`solutions.status.${reply.conflict.status}`) }}
              />
            </div>
          ) : null}
          <div className="mt-6" key={replyKey}>
            <StatusChangeForm current={solution.status} suggested={suggested} reply={reply} today={today} />
          </div>
        </>
      )}
      <Timeline />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
