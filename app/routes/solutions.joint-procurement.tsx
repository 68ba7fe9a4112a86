import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { pageNumber } from "~/lib/forms";
import { solutionsWithJointInterest } from "~/solutions/joint-procurement.server";
import { StatusBadge } from "~/solutions/status-badge";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";
import { Pagination } from "~/ui/pagination";

/** Far beyond any real list (20 a page): a larger number reads as this one, an empty page. */
const LAST_PAGE = 100_000;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "solutions.joint.catalogue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const page = pageNumber(request, LAST_PAGE);
  const list = await solutionsWithJointInterest(page);
  return {
    page,
    pageCount: list.pageCount,
    solutions: list.solutions.map(({ slug, name, summary, status, jointInterestCount, inUseCount }) => ({ slug, name, summary, status, jointInterestCount, inUseCount })),
  };
}

export default function JointProcurementCataloguePage() {
  const { page, pageCount, solutions } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeading back={{ to: "/solutions", label: t("solutions.joint.catalogue.back") }}>{t("solutions.joint.catalogue.title")}</PageHeading>
      <p className="ds-paragraph mt-3 max-w-prose">{t("solutions.joint.catalogue.lead")}</p>
      {solutions.length === 0 ? (
        <p className="ds-paragraph mt-6">{t("solutions.joint.catalogue.none")}</p>
      ) : (
        <ol className="mt-6 space-y-6">
          {solutions.map((solution) => (
            <li key={solution.slug} className="min-w-0">
              <h2 className="ds-heading" data-size="xs">
                <Link className="ds-link" to={`/solutions/${solution.slug}`}>
                  <Norwegian>{solution.name}</Norwegian>
                </Link>
              </h2>
              <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
                <StatusBadge status={solution.status} />
                <span className="font-semibold">{t("solutions.joint.catalogue.count", { count: solution.jointInterestCount })}</span>
                {solution.inUseCount > 0 ? <span>{t("solutions.joint.catalogue.inUse", { count: solution.inUseCount })}</span> : null}
              </p>
              <p className="ds-paragraph mt-1 max-w-prose">
                <Norwegian>{solution.summary}</Norwegian>
              </p>
              <p className="mt-1">
                <Link className="ds-link" to={`/solutions/${solution.slug}/joint-procurement`}>
                  {t("solutions.joint.catalogue.see", { name: solution.name })}
                </Link>
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pageCount={pageCount} href={(n) => (n === 1 ? "/solutions/joint-procurement" : `/solutions/joint-procurement?page=${n}`)} label={t("solutions.joint.catalogue.pages")} />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
