import { useRouteLoaderData } from "@remix-run/react";
import { en } from "./en";
import { nb, type MessageKey } from "./nb";

export type { MessageKey };
export const LANGUAGES = ["nb", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "nb";

export const catalogues: Record<Language, Record<MessageKey, string>> = { nb, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The locale used by Intl for a language: bokmål formats as nb-NO, English as British English. */
export function localeOf(language: Language): string {
  return language === "nb" ? "nb-NO" : "en-GB";
}

export function translator(language: Language): Translate {
  const catalogue = catalogues[language];
  return (key, params) => {
    const text = catalogue[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** The active language, from the root loader; Norwegian when the root has no data (a crash page). */
export function useLanguage(): Language {
  const data = useRouteLoaderData<{ language?: Language }>("root");
  return data?.language ?? DEFAULT_LANGUAGE;
}

export function useT(): Translate {
  return translator(useLanguage());
}
