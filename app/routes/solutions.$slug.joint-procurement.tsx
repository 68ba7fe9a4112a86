import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useLanguage, useT } from "~/i18n/i18n";
import { notFound } from "~/lib/http.server";
import { capitalise } from "~/lib/text";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { formatDay } from "~/solutions/adoption-picture-view";
import { acceptedSolutionBySlug } from "~/solutions/evidence.server";
import { jointProcurementOf } from "~/solutions/joint-procurement.server";
import { pageTitle } from "~/ui/meta";
import { Norwegian } from "~/ui/norwegian";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("solutions.joint.title", { name: data.solution.name }) : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [solution, signedIn] = await Promise.all([acceptedSolutionBySlug(params.slug), getViewer(request, context)]);
  if (!solution) notFound();
  const viewer = summarise(signedIn);
  return {
    solution: { slug: solution.slug, name: solution.name },
    counties: await jointProcurementOf(solution.id, viewer),
    standing: can(viewer, "readMembersOnly") ? "approved" : viewer ? "pending" : "anonymous",
  } as const;
}

export default function JointProcurementPage() {
  const { solution, counties, standing } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const { pathname } = useLocation();
  const total = counties.reduce((sum, county) => sum + county.municipalities.length, 0);
  return (
    <>
      <PageHeading back={{ to: `/solutions/${solution.slug}`, label: t("solutions.joint.back") }}>
        {t("solutions.joint.catalogue.title")}: <Norwegian>{solution.name}</Norwegian>
      </PageHeading>
      <p className="ds-paragraph mt-3 max-w-prose">{t("solutions.joint.lead")}</p>
      {total === 0 ? (
        <p className="ds-paragraph mt-6">{t("solutions.joint.none")}</p>
      ) : (
        <>
          <p className="ds-paragraph mt-4">{t("solutions.joint.total", { count: total })}</p>
          <p className="mt-4">
            <a className="ds-link" href={`/solutions/${solution.slug}/joint-procurement.csv`} download>
              {t("solutions.joint.download")}
            </a>
          </p>
          {standing === "anonymous" ? (
            <p className="ds-paragraph mt-2">
              <Link className="ds-link" to={`/sign-in?redirectTo=${encodeURIComponent(pathname)}`}>
                {t("solutions.joint.signIn")}
              </Link>
            </p>
          ) : standing === "pending" ? (
            <p className="ds-paragraph mt-2">{t("solutions.joint.contactsForMembers")}</p>
          ) : null}
          {counties.map((county) => (
            <section key={county.number} aria-labelledby={`county-${county.number}`} className="mt-8">
              <h2 id={`county-${county.number}`} className="ds-heading" data-size="xs">
                <Norwegian>{county.name}</Norwegian>
              </h2>
              <ul className="mt-3 space-y-3">
                {county.municipalities.map((m) => (
                  <li key={m.number} className="border-l-4 border-[var(--ds-color-neutral-border-subtle)] pl-3">
                    <Link className="ds-link font-semibold" to={`/municipalities/${m.number}`}>
                      <Norwegian>{m.name}</Norwegian>
                    </Link>{" "}
                    <span className="text-[var(--ds-color-neutral-text-subtle)]">({m.number})</span>
                    <span className="block">
                      {t("solutions.joint.stateSince", { state: capitalise(t(`solutions.adoption.${m.state}`)), date: formatDay(m.since, language) })}
                    </span>
                    {m.contact ? (
                      <span className="block break-words">
                        {t("solutions.joint.contact")}: {m.contact.name},{" "}
                        <a className="ds-link" href={`mailto:${m.contact.email}`}>
                          {m.contact.email}
                        </a>
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
