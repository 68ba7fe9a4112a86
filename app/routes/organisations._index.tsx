import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ORGANISATION_KINDS } from "../../db/schema/solution-values";
import { useT } from "~/i18n/i18n";
import { oneOf } from "~/lib/list-query";
import { capitalise } from "~/lib/text";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { listOrganisations } from "~/organisations/organisations.server";
import { FilterSelect } from "~/ui/filter-select";
import { pageTitle } from "~/ui/meta";
import { useContentLang } from "~/ui/norwegian";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "organisations.list.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  // An unknown kind is no filter: the whole register, never an error.
  const kind = oneOf(ORGANISATION_KINDS, new URL(request.url).searchParams.get("kind"));
  const [groups, viewer] = await Promise.all([listOrganisations(kind), getViewer(request, context)]);
  return {
    kind: kind ?? null,
    groups: groups.map((group) => ({
      kind: group.kind,
      organisations: group.organisations.map(({ slug, name, municipalityCount }) => ({ slug, name, municipalityCount })),
    })),
    canCreate: can(summarise(viewer), "coordinate"),
  };
}

export default function OrganisationsPage() {
  const { kind, groups, canCreate } = useLoaderData<typeof loader>();
  const t = useT();
  const contentLang = useContentLang();
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="ds-heading" data-size="lg">
            {t("organisations.list.title")}
          </h1>
          <p className="ds-paragraph mt-2 max-w-prose">{t("organisations.list.lead")}</p>
        </div>
        {canCreate ? (
          <Link className="ds-button" data-variant="primary" to="/organisations/new">
            {t("organisations.list.create")}
          </Link>
        ) : null}
      </div>
      {/* A plain GET form: the filter lands in the address, to bookmark or share, with or without JavaScript. */}
      <Form key={kind ?? ""} method="get" action="/organisations" className="ds-card mt-8 max-w-xl" data-variant="tinted" aria-label={t("organisations.list.filter")}>
        <FilterSelect
          name="kind"
          label={t("organisations.list.kind")}
          value={kind ?? undefined}
          all={t("organisations.list.allKinds")}
          options={ORGANISATION_KINDS.map((k) => [k, capitalise(t(`organisations.kind.${k}`))])}
        />
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button type="submit" className="ds-button" data-variant="primary">
            {t("organisations.list.apply")}
          </button>
          {kind ? (
            <Link className="ds-link" to="/organisations">
              {t("organisations.list.clear")}
            </Link>
          ) : null}
        </div>
      </Form>
      {groups.length === 0 ? (
        <p className="ds-paragraph mt-8" role="status">
          {t("organisations.list.empty")}
        </p>
      ) : (
        groups.map((group) => (
          <section key={group.kind} className="mt-10" aria-labelledby={`kind-${group.kind}`}>
            <h2 id={`kind-${group.kind}`} className="ds-heading" data-size="sm">
              {t(`organisations.list.group.${group.kind}`, { count: group.organisations.length })}
            </h2>
            <ul className="mt-2 space-y-1">
              {group.organisations.map((organisation) => (
                <li key={organisation.slug} className="break-words">
                  <Link className="ds-link" to={`/organisations/${organisation.slug}`} lang={contentLang}>
                    {organisation.name}
                  </Link>
                  {group.kind === "regional_cooperation" ? (
                    <> ({t("organisations.list.municipalityCount", { count: organisation.municipalityCount })})</>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
