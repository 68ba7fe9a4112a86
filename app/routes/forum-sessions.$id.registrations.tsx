import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadForumSessionForCoordinator } from "~/forum-sessions/access.server";
import { listRegistrations } from "~/forum-sessions/registrations.server";
import { useLanguage, useT } from "~/i18n/i18n";
import { formatDate } from "~/lib/dates";
import { pageTitle } from "~/ui/meta";
import { PageHeading } from "~/ui/page-heading";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (t) => t("registrations.title", { title: data.session.title }) : "error.notFound.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await loadForumSessionForCoordinator(request, context, params.id);
  return { session: { id: session.id, title: session.title }, registrations: await listRegistrations(session.id) };
}

export default function RegistrationsPage() {
  const { session, registrations } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <PageHeading back={{ to: `/forum-sessions/${session.id}`, label: t("agenda.back") }}>{t("registrations.title", { title: session.title })}</PageHeading>
      <p className="mt-4">
        <a className="ds-link" href={`/forum-sessions/${session.id}/registrations.csv`} download>
          {t("registrations.download")}
        </a>
      </p>
      {registrations.length === 0 ? (
        <p className="ds-paragraph mt-6">{t("forumSessions.registrationsNone")}</p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="ds-table" data-border>
            <caption className="ds-sr-only">{t("registrations.title", { title: session.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("registrations.name")}</th>
                <th scope="col">{t("registrations.jobTitle")}</th>
                <th scope="col">{t("registrations.municipality")}</th>
                <th scope="col">{t("registrations.email")}</th>
                <th scope="col">{t("registrations.registeredAt")}</th>
              </tr>
            </thead>
            <tbody>
              {registrations.map((r) => (
                <tr key={r.memberId}>
                  <td><Link className="ds-link" to={`/members/${r.memberId}`}>{r.name}</Link></td>
                  <td>{r.jobTitle}</td>
                  <td>{r.municipalityName ?? t("forumSessions.clusterPeople")}</td>
                  <td>{r.email}</td>
                  <td>{formatDate(new Date(r.registeredAt), language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
