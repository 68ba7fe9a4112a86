import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { notFound } from "~/lib/http.server";
import { getMunicipality } from "~/municipalities/municipalities.server";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? () => data.municipality.name : "error.notFound.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const municipality = await getMunicipality(params.number ?? "");
  if (!municipality) notFound();
  return { municipality };
}

export default function MunicipalityPage() {
  const { municipality } = useLoaderData<typeof loader>();
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
      <p className="ds-paragraph mt-8 max-w-prose">{t("municipalities.later")}</p>
    </>
  );
}
