import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditEventsForExport, readAuditQuery } from "~/audit/audit-log.server";
import { translator, type MessageKey } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { csvDownload, osloDateTimeCell, plainCell, spreadsheetCsv } from "~/lib/spreadsheet-csv.server";
import { requireAdmin } from "~/members/permissions.server";

/** The filtered audit log as a spreadsheet: one row per event, its changed fields one a line. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const { filters } = readAuditQuery(new URL(request.url).searchParams);
  const events = await auditEventsForExport(filters);
  const t = translator(await languageOf(request));
  const nothing = t("audit.nothing");
  const csv = spreadsheetCsv(
    [t("audit.when"), t("audit.who"), t("audit.csv.role"), t("audit.action"), t("audit.subjectType"), t("audit.csv.targetId"), t("audit.target"), t("audit.changes")],
    events.map((event) => [
      osloDateTimeCell(event.createdAt),
      plainCell(event.actorName ?? t("audit.formerMember")),
      event.actorRole ? t(`members.role.${event.actorRole}` as MessageKey) : "",
      plainCell(event.action),
      plainCell(event.subjectType),
      plainCell(event.subjectId),
      plainCell(event.targetName),
      plainCell(event.changes.map((c) => t("audit.changeLabel", { field: c.field, before: c.before ?? nothing, after: c.after ?? nothing })).join("\n")),
    ]),
  );
  return csvDownload(csv, "audit-log.csv");
}
