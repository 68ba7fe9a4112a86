import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadForumSessionForCoordinator } from "~/forum-sessions/access.server";
import { listRegistrations } from "~/forum-sessions/registrations.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { limitDownload } from "~/lib/rate-limit.server";
import { csvDownload, municipalityNumberCell, osloDateTimeCell, plainCell, spreadsheetCsv } from "~/lib/spreadsheet-csv.server";
import { summarise } from "~/members/permissions.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session, viewer } = await loadForumSessionForCoordinator(request, context, params.id);
  await limitDownload(request, context, summarise(viewer));
  const rows = await listRegistrations(session.id);
  const t = translator(await languageOf(request));
  const csv = spreadsheetCsv(
    [
      t("registrations.name"),
      t("registrations.email"),
      t("registrations.jobTitle"),
      "Nr.",
      t("registrations.municipality"),
      t("registrations.county"),
      t("registrations.registeredAt"),
    ],
    rows.map((r) => [
      plainCell(r.name),
      plainCell(r.email),
      plainCell(r.jobTitle),
      municipalityNumberCell(r.municipalityNumber),
      plainCell(r.municipalityName),
      plainCell(r.countyName),
      osloDateTimeCell(r.registeredAt),
    ]),
  );
  return csvDownload(csv, `registrations-${session.id}.csv`);
}
