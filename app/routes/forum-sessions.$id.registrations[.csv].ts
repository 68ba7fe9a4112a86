import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { loadForumSessionForCoordinator } from "~/forum-sessions/access.server";
import { listRegistrations } from "~/forum-sessions/registrations.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";

/** A cell a spreadsheet would run as a formula (=, +, -, @) is made plain text. */
const plain = (value: string | null) => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : (value ?? ""));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await loadForumSessionForCoordinator(request, context, params.id);
  const rows = await listRegistrations(session.id);
  const t = translator(await languageOf(request));
  const csv = stringify(
    rows.map((r) => [
      plain(r.name),
      plain(r.email),
      plain(r.jobTitle),
      r.municipalityNumber ?? "",
      plain(r.municipalityName),
      plain(r.countyName),
      r.registeredAt.toISOString(),
    ]),
    {
      header: true,
      columns: [
        t("registrations.name"),
        t("registrations.email"),
        t("registrations.jobTitle"),
        "Nr.",
        t("registrations.municipality"),
        t("registrations.county"),
        t("registrations.registeredAt"),
      ],
      bom: true,
    },
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="registrations-${session.id}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
