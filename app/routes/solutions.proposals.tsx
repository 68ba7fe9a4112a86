import { personName } from "~/members/person-name";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { notFound, parseId } from "~/lib/http.server";
import { osloToday } from "~/lib/oslo-time.server";
import { capitalise } from "~/lib/text";
import { requireCoordinator, summarise } from "~/members/permissions.server";
import { readReview } from "~/solutions/status-form.server";
import { ReviewForms, type StatusFormReply } from "~/solutions/status-forms";
import { getSolutionBySlug, proposedSolutions, reviewSolution } from "~/solutions/solutions.server";
import { FormAlert } from "~/ui/field";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "solutions.proposals.title");

/** The oldest proposals first; more than this and the rest wait for the next visit. */
const SHOWN = 50;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCoordinator(request, context);
  const reviewedSlug = (new URL(request.url).searchParams.get("reviewed") ?? "").slice(0, 200);
  const [proposals, reviewed] = await Promise.all([proposedSolutions().limit(SHOWN + 1), reviewedSlug ? getSolutionBySlug(reviewedSlug) : undefined]);
  return {
    proposals: proposals.slice(0, SHOWN).map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
    more: proposals.length > SHOWN,
    // What this coordinator just decided, said once above the list.
    reviewed: reviewed && reviewed.review !== "proposed" ? { slug: reviewed.slug, name: reviewed.name, review: reviewed.review, status: reviewed.status } : null,
    today: osloToday(),
  };
}

type Reply = StatusFormReply & { alreadyReviewed?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireCoordinator(request, context);
  const formData = await request.formData();
  const id = parseId(String(formData.get("id") ?? ""));
  if (!id) notFound();
  const intent = String(formData.get("intent") ?? "");
  const review = readReview(formData);
  if (!review.ok) return data<Reply>({ intent, id, errors: review.errors, values: review.values }, { status: 400 });
  const result = await reviewSolution(summarise(viewer)!, id, review.value);
  if (!result.ok) {
    if (result.reason === "notFound") notFound();
    return data<Reply>({ intent, id, errors: {}, values: {}, alreadyReviewed: true }, { status: 409 });
  }
  return redirect(`/solutions/proposals?reviewed=${encodeURIComponent(result.solution.slug)}`, 303);
}

export default function ProposalsPage() {
  const { proposals, more, reviewed, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <PageHeading back={{ to: "/solutions", label: t("solutions.form.backToCatalogue") }}>{t("solutions.proposals.title")}</PageHeading>
      <p className="ds-paragraph mt-2 max-w-prose">{t("solutions.proposals.lead")}</p>
      {reviewed ? (
        <div className="ds-alert mt-4 max-w-2xl" data-color="success" role="status">
          <p className="ds-paragraph break-words">
            <Link className="ds-link" to={`/solutions/${reviewed.slug}`}>
              <Norwegian>{reviewed.name}</Norwegian>
            </Link>{" "}
            {reviewed.review === "accepted"
              ? t("solutions.proposals.accepted", { status: t(`solutions.status.${reviewed.status}`) })
              : t("solutions.proposals.rejected")}
          </p>
        </div>
      ) : null}
      {reply?.alreadyReviewed ? (
        <div className="mt-4 max-w-2xl">
          <FormAlert message="solutions.reviewForm.alreadyReviewed" />
        </div>
      ) : null}
      {proposals.length === 0 ? (
        <p className="ds-paragraph mt-8">{t("solutions.proposals.none")}</p>
      ) : (
        <ol className="mt-8 space-y-8">
          {proposals.map((proposal) => (
            <li key={proposal.id}>
              <article className="ds-card min-w-0" data-variant="tinted" aria-labelledby={`proposal-${proposal.id}`}>
                <h2 id={`proposal-${proposal.id}`} className="ds-heading break-words" data-size="sm">
                  <Link className="ds-link" to={`/solutions/${proposal.slug}`}>
                    <Norwegian>{proposal.name}</Norwegian>
                  </Link>
                </h2>
                <p className="ds-paragraph mt-1" data-size="sm">
                  {proposal.proposedByName !== null
                    ? t("solutions.proposals.proposedBy", { name: personName(t, proposal.proposedByName), date: formatDate(new Date(proposal.createdAt), language) })
                    : t("solutions.proposals.proposedOn", { date: formatDate(new Date(proposal.createdAt), language) })}
                </p>
                <p className="ds-paragraph mt-2 whitespace-pre-wrap break-words">
                  <Norwegian>{proposal.summary}</Norwegian>
                </p>
                <p className="mt-2">
                  <Link className="ds-link" to={`/solutions/${proposal.slug}/edit`}>
                    {capitalise(t("solutions.proposals.edit"))}
                  </Link>
                </p>
                <div className="mt-4">
                  <ReviewForms prefix={`p${proposal.id}`} solutionId={proposal.id} reply={reply?.id === proposal.id ? reply : undefined} today={today} name={proposal.name} />
                </div>
              </article>
            </li>
          ))}
        </ol>
      )}
      {more ? <p className="ds-paragraph mt-8">{t("solutions.proposals.more", { count: SHOWN })}</p> : null}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
