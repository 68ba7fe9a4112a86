import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { notFound } from "~/lib/http.server";
import { listApprovedMembersOf } from "~/members/members.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { getMunicipality } from "~/municipalities/municipalities.server";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? () => data.municipality.name : "error.notFound.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [municipality, viewer] = await Promise.all([getMunicipality(params.number ?? ""), getViewer(request)]);
  if (!municipality) notFound();
  const members = await listApprovedMembersOf(municipality.number);
  // Who works where is for members; others learn only how many there are.
  const showNames = can(summarise(viewer), "readMembersOnly");
  return { municipality, memberCount: members.length, members: showNames ? members : null };
}

export default function MunicipalityPage() {
  const { municipality, members, memberCount } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p>
        <Link className="ds-link" to="/municipalities">
          {t("municipalities.back")}
        </Link>
      </p>
      <h1 className="ds-heading mt-4" data-size="lg">
        {municipality.name}
      </h1>
      <dl className="mt-6 grid max-w-md grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">{t("municipalities.number")}</dt>
        <dd>{municipality.number}</dd>
        <dt className="font-semibold">{t("municipalities.countyLabel")}</dt>
        <dd>{municipality.countyName}</dd>
        {municipality.region ? (
          <>
            <dt className="font-semibold">{t("municipalities.region")}</dt>
            <dd>{municipality.region}</dd>
          </>
        ) : null}
      </dl>
      <h2 className="ds-heading mt-10" data-size="sm">
        {t("municipalities.members")}
      </h2>
      {members === null ? (
        <p className="ds-paragraph mt-2">
          {memberCount > 0 ? t("municipalities.membersHidden", { count: memberCount }) : t("municipalities.membersEmpty")}
        </p>
      ) : members.length === 0 ? (
        <p className="ds-paragraph mt-2">{t("municipalities.membersEmpty")}</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {members.map((m) => (
            <li key={m.id}>
              <Link className="ds-link" to={`/members/${m.id}`}>
                {m.name}
              </Link>
              , {m.jobTitle}
            </li>
          ))}
        </ul>
      )}
      <p className="ds-paragraph mt-8 max-w-prose">{t("municipalities.later")}</p>
    </>
  );
}
