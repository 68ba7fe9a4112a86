import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { forbidden, notFound, parseId } from "~/lib/http.server";
import { getMember } from "~/members/members.server";
import { requireSignedIn, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { getMunicipality } from "~/municipalities/municipalities.server";
import { getOrganisationById } from "~/organisations/organisations.server";
import { Workplace } from "~/organisations/workplace";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? () => data.member.name : "error.notFound.title");

// Member pages are for members: staff names are not published to the open web.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireSignedIn(request, context);
  const id = parseId(params.memberId);
  const member = id ? await getMember(id) : undefined;
  const own = member?.id === viewer.member.id;
  if (!member || (member.status !== "approved" && !own)) notFound();
  if (!own && !can(summarise(viewer), "readMembersOnly")) forbidden();
  const [municipality, organisation] = await Promise.all([
    member.municipalityNumber ? getMunicipality(member.municipalityNumber) : undefined,
    member.organisationId ? getOrganisationById(member.organisationId) : undefined,
  ]);
  return {
    member: { id: member.id, name: member.name, jobTitle: member.jobTitle },
    municipality: municipality ? { number: municipality.number, name: municipality.name } : null,
    organisation: organisation ? { slug: organisation.slug, name: organisation.name } : null,
  };
}

export default function MemberPage() {
  const { member, municipality, organisation } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1 className="ds-heading" data-size="lg">
        {member.name}
      </h1>
      <dl className="mt-6 grid max-w-md grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">{t("member.jobTitle")}</dt>
        <dd>{member.jobTitle}</dd>
        <dt className="font-semibold">{organisation && !municipality ? t("organisations.workplace.organisation") : t("member.municipality")}</dt>
        <dd>
          <Workplace municipality={municipality} organisation={organisation} />
        </dd>
      </dl>
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
