import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/language.server";
import { notFound } from "~/lib/http.server";
import { limitDownload } from "~/lib/rate-limit.server";
import { csvDownload, municipalityNumberCell, plainCell, spreadsheetCsv } from "~/lib/spreadsheet-csv.server";
import { getViewer, summarise } from "~/members/permissions.server";
import { can } from "~/members/rights";
import { acceptedSolutionBySlug } from "~/solutions/evidence.server";
import { jointProcurementOf } from "~/solutions/joint-procurement.server";

/** The joint-procurement list as a spreadsheet: contact columns only for approved members, as on the page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [solution, signedIn, language] = await Promise.all([acceptedSolutionBySlug(params.slug), getViewer(request, context), languageOf(request)]);
  if (!solution) notFound();
  const viewer = summarise(signedIn);
  await limitDownload(request, context, viewer);
  const withContacts = can(viewer, "readMembersOnly");
  const counties = await jointProcurementOf(solution.id, viewer);
  const t = translator(language);
  const header = [t("solutions.joint.county"), t("solutions.joint.number"), t("solutions.joint.municipality"), t("solutions.joint.state"), t("solutions.joint.since")];
  const rows = counties.flatMap((county) =>
    county.municipalities.map((m) => [
      plainCell(county.name),
      municipalityNumberCell(m.number),
      plainCell(m.name),
      t(`solutions.adoption.${m.state}`),
      m.since,
      ...(withContacts ? [plainCell(m.contact?.name), plainCell(m.contact?.email)] : []),
    ]),
  );
  const csv = spreadsheetCsv(withContacts ? [...header, t("solutions.joint.contact"), t("solutions.joint.email")] : header, rows);
  return csvDownload(csv, t("solutions.joint.fileName", { slug: solution.slug }));
}
