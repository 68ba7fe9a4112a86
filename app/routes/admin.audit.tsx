import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { auditFilterChoices, auditQueryString, listAuditEvents, readAuditQuery } from "~/audit/audit-log.server";
import { useT, type MessageKey } from "~/i18n/i18n";
import { toOsloInput } from "~/lib/dates";
import { requireAdmin } from "~/members/permissions.server";
import { FilterSelect } from "~/ui/filter-select";
import { pageTitle } from "~/ui/meta";
import { useContentLang } from "~/ui/norwegian";
import { Pagination } from "~/ui/pagination";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

// Who did what to whom: never kept by a shared cache or the browser's history.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const { filters, page } = readAuditQuery(new URL(request.url).searchParams);
  const [log, choices] = await Promise.all([listAuditEvents(filters, page), auditFilterChoices()]);
  return {
    filters,
    page,
    choices,
    total: log.total,
    pageCount: log.pageCount,
    query: auditQueryString(filters),
    events: log.events.map(({ createdAt, ...event }) => ({ ...event, at: createdAt.toISOString(), when: toOsloInput(createdAt).replace("T", " ") })),
  };
}

export default function AuditLogPage() {
  const { filters, page, choices, total, pageCount, query, events } = useLoaderData<typeof loader>();
  const t = useT();
  const contentLang = useContentLang();
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const pageHref = (n: number) => {
    const params = new URLSearchParams(query);
    if (n > 1) params.set("page", String(n));
    else params.delete("page");
    const search = params.toString();
    return `/admin/audit${search ? `?${search}` : ""}`;
  };
  return (
    <>
      <h1 className="ds-heading" data-size="lg">
        {t("audit.title")}
      </h1>
      <p className="ds-paragraph mt-2 max-w-prose">{t("audit.lead")}</p>

      {/* A plain GET form: the filtered log has an address of its own, with or without JavaScript. */}
      <Form key={query} method="get" action="/admin/audit" className="ds-card mt-8" data-variant="tinted" aria-label={t("audit.filters")}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <FilterSelect
            name="actor"
            label={t("audit.actor")}
            value={filters.actorId ? String(filters.actorId) : undefined}
            all={t("audit.anyActor")}
            options={choices.actors.map((a) => [String(a.id), a.name])}
            lang={contentLang}
          />
          <FilterSelect name="action" label={t("audit.action")} value={filters.action} all={t("audit.anyAction")} options={choices.actions.map((a) => [a, a])} />
          <FilterSelect name="type" label={t("audit.subjectType")} value={filters.subjectType} all={t("audit.anyType")} options={choices.subjectTypes.map((s) => [s, s])} />
          <div className="ds-field min-w-0">
            <label className="ds-label" htmlFor="filter-id">
              {t("audit.subjectId")}
            </label>
            <input id="filter-id" name="id" className="ds-input" defaultValue={filters.subjectId ?? ""} maxLength={100} inputMode="numeric" />
          </div>
          <div className="ds-field min-w-0">
            <label className="ds-label" htmlFor="filter-from">
              {t("audit.from")}
            </label>
            <input id="filter-from" name="from" type="date" className="ds-input" defaultValue={filters.from ?? ""} />
          </div>
          <div className="ds-field min-w-0">
            <label className="ds-label" htmlFor="filter-to">
              {t("audit.to")}
            </label>
            <input id="filter-to" name="to" type="date" className="ds-input" defaultValue={filters.to ?? ""} />
          </div>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button type="submit" className="ds-button" data-variant="primary">
            {t("audit.apply")}
          </button>
          {filtered ? (
            <Link className="ds-link" to="/admin/audit">
              {t("audit.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      <div className="mt-8 flex flex-wrap items-baseline justify-between gap-4">
        <p className="ds-paragraph" role="status">
          {total === 0 ? t("audit.empty") : t("audit.count", { count: total })}
        </p>
        {/* A file, fetched as such rather than through the app's client navigation. */}
        <Link className="ds-link" to={`/admin/audit.csv${query}`} reloadDocument>
          {t("audit.csv")}
        </Link>
      </div>

      {events.length > 0 ? (
        <div className="mt-4 overflow-x-auto">
          <table className="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.target")}</th>
                <th scope="col">{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td className="whitespace-nowrap">
                    <time dateTime={event.at}>{event.when}</time>
                  </td>
                  <td>
                    {event.actorName ? (
                      <>
                        <span lang={contentLang}>{event.actorName}</span>
                        {event.actorRole ? <> ({t(`members.role.${event.actorRole}` as MessageKey)})</> : null}
                      </>
                    ) : (
                      t("audit.formerMember")
                    )}
                  </td>
                  <td>
                    <code>{event.action}</code>
                  </td>
                  <td>
                    {event.href ? (
                      <Link className="ds-link" to={event.href} lang={event.targetName ? contentLang : undefined}>
                        {event.targetName ?? `${event.subjectType} ${event.subjectId}`}
                      </Link>
                    ) : (
                      <span lang={event.targetName ? contentLang : undefined}>{event.targetName ?? `${event.subjectType} ${event.subjectId}`}</span>
                    )}
                    {event.targetName ? (
                      <span className="block whitespace-nowrap text-sm">
                        {event.subjectType} {event.subjectId}
                      </span>
                    ) : null}
                  </td>
                  <td className="break-words">
                    {event.changes.length === 0 ? (
                      t("audit.noChanges")
                    ) : (
                      <ul className="space-y-1">
                        {event.changes.map((change) => (
                          <li key={change.field} lang={contentLang}>
                            {t("audit.changeLabel", {
                              field: change.field,
                              before: change.before ?? t("audit.nothing"),
                              after: change.after ?? t("audit.nothing"),
                            })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination page={page} pageCount={pageCount} href={pageHref} label={t("audit.pagination")} />
    </>
  );
}

export { ErrorBoundary } from "~/ui/error-page";
