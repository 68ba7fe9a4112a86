import { localeOf, type Language } from "~/i18n/i18n";

export const TIME_ZONE = "Europe/Oslo";

// Intl formatters are costly to build (a measurable share of a page's server time): one per language.
function memoise<T>(make: (language: Language) => T): (language: Language) => T {
  const made = new Map<Language, T>();
  return (language) => {
    let value = made.get(language);
    if (!value) made.set(language, (value = make(language)));
    return value;
  };
}

const dateFormat = memoise(
  (language) => new Intl.DateTimeFormat(localeOf(language), { dateStyle: "long", timeZone: TIME_ZONE }),
);
const numberFormat = memoise((language) => new Intl.NumberFormat(localeOf(language)));

export function formatDate(date: Date, language: Language): string {
  return dateFormat(language).format(date);
}

export function formatNumber(value: number, language: Language): string {
  return numberFormat(language).format(value);
}

const dateTimeFormat = memoise(
  (language) =>
    new Intl.DateTimeFormat(localeOf(language), {
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: TIME_ZONE,
    }),
);
const timeFormat = memoise(
  (language) => new Intl.DateTimeFormat(localeOf(language), { hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE }),
);

/** "torsdag 3. desember 2026 kl. 10:00" in Oslo time. */
export function formatDateTime(date: Date, language: Language): string {
  return dateTimeFormat(language).format(date);
}

/** "10:00" in Oslo time. */
export function formatTime(date: Date, language: Language): string {
  return timeFormat(language).format(date);
}

const isoParts = new Intl.DateTimeFormat("en-CA", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: TIME_ZONE,
});

/** The value of an `<input type="datetime-local">` for an instant, in Oslo time: "2026-12-03T10:00". */
export function toOsloInput(date: Date): string {
  const part = Object.fromEntries(isoParts.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}`;
}

/** The "HH:MM" of an instant in Oslo time. */
export function toOsloTimeInput(date: Date): string {
  return toOsloInput(date).slice(11);
}

/** A YYYY-MM-DD (as `<input type="date">` sends it) that names a real day from `firstYear` on, else undefined. */
export function parseIsoDate(value: string, firstYear = 1900): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < firstYear || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return match[0];
}
