import { stringify } from "csv-stringify/sync";
import { toOsloInput } from "./dates";

/** A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or return before one) is made plain text. */
export const plainCell = (value: string | null | undefined) => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : (value ?? ""));

// Excel reads a bare 0301 as the number 301, and a leading apostrophe is shown as typed in a CSV;
// a formula that yields the text is the one form Excel (and LibreOffice) keep as "0301". Only ever
// built from a checked four-digit number, so it is no way in for a formula of someone else's.
export const municipalityNumberCell = (value: string | null | undefined) => (value && /^\d{4}$/.test(value) ? `="${value}"` : "");

/** Oslo time as a spreadsheet recognises a date and time: "2030-01-15 15:05". */
export const osloDateTimeCell = (date: Date) => toOsloInput(date).replace("T", " ");

/**
 * A CSV that Excel set to Norwegian opens correctly with a double click: a BOM to say UTF-8, semicolons,
 * Windows line ends. Cells are given as they should read: pass people's text through plainCell.
 */
export function spreadsheetCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], { header: true, columns: [...header], delimiter: ";", record_delimiter: "windows", bom: true });
}

/** A CSV answered as a download under `fileName` (ASCII), never cached by a shared cache. */
export function csvDownload(csv: string, fileName: string, cacheControl = "private, no-store"): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": cacheControl,
    },
  });
}
