import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { loadForumSessionForCoordinator } from "~/forum-sessions/access.server";
import { listRegistrations } from "~/forum-sessions/registrations.server";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { toOsloInput } from "~/lib/dates";

/** A cell a spreadsheet would run as a formula (=, +, -, @) is made plain text. */
const plain = (value: string | null) => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : (value ?? ""));

// Excel reads a bare 0301 as the number 301, and a leading apostrophe is shown as typed in a CSV;
// a formula that yields the text is the one form Excel (and LibreOffice) keep as "0301". Only ever
// built from a checked four-digit number, so it is no way in for a formula of someone else's.
const municipalityNumber = (value: string | null) => (value && /^\d{4}$/.test(value) ? `="${value}"` : "");

/** Oslo time as a spreadsheet recognises a date and time: "2030-01-15 15:05". */
const osloDateTime = (date: Date) => toOsloInput(date).replace("T", " ");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await loadForumSessionForCoordinator(request, context, params.id);
  const rows = await listRegistrations(session.id);
  const t = translator(await languageOf(request));
  const csv = stringify(
    rows.map((r) => [
      plain(r.name),
      plain(r.email),
      plain(r.jobTitle),
      municipalityNumber(r.municipalityNumber),
      plain(r.municipalityName),
      plain(r.countyName),
      osloDateTime(r.registeredAt),
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
      // What Excel set to Norwegian opens with a double click: semicolons, and a BOM to say UTF-8.
      delimiter: ";",
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
