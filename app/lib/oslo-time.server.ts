import { TZDate } from "@date-fns/tz";
import { TIME_ZONE } from "./dates";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/**
 * The instant a wall-clock time in Oslo names ("2026-12-03T10:00", as `<input type="datetime-local">`
 * sends it), or undefined when it is not a real date and time.
 */
export function fromOsloInput(value: string): Date | undefined {
  const match = LOCAL.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const date = new TZDate(year, month - 1, day, hour, minute, TIME_ZONE);
  // 31 February and the like roll over into another day: not a date anyone meant.
  if (date.getDate() !== day || date.getMonth() !== month - 1) return undefined;
  return new Date(date.getTime());
}

// Built once: constructing a DateTimeFormat costs more than a page's worth of formatting.
const isoDate = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The date in Oslo on a given instant (now by default), as YYYY-MM-DD: what a `date` column and `<input type="date">` hold. */
export function osloToday(at: Date = new Date()): string {
  return isoDate.format(at);
}
