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
