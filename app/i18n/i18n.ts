import { useRouteLoaderData } from "@remix-run/react";
import type { catalogue as nb } from "~/catalogues/nb";

/** Every message's key: the shared ones and each area's (app/catalogues/ puts them together). */
export type MessageKey = keyof typeof nb;
export const LANGUAGES = ["nb", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "nb";

// This layer knows no area: the catalogues are registered with it (app/catalogues/all.server.ts on the
// server, app/catalogues/load.client.ts in the browser, which fetches only the page's language).
const catalogues: Partial<Record<Language, Record<string, string>>> = {};

export function registerCatalogue(language: Language, messages: Record<string, string>): void {
  catalogues[language] = messages;
}

function catalogueOf(language: Language): Record<string, string> {
  const catalogue = catalogues[language];
  if (!catalogue) throw new Error(`No messages registered for "${language}": import ~/catalogues/all.server (server) or load it first (browser).`);
  return catalogue;
}

export type Params = Record<string, string | number>;

/** Keys whose text chooses its words by `{count, plural, …}`: their `count` must be a number. */
type CountKey = {
  [K in MessageKey]: (typeof nb)[K] extends `${string}{count, plural,${string}` ? K : never;
}[MessageKey];
type ParamsOf<K extends MessageKey> = K extends CountKey ? [params: Params & { count: number }] : [params?: Params];
export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => string;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The locale used by Intl for a language: bokmål formats as nb-NO, English as British English. */
export function localeOf(language: Language): string {
  return language === "nb" ? "nb-NO" : "en-GB";
}

const pluralRules = new Map<Language, Intl.PluralRules>();
const numberFormats = new Map<Language, Intl.NumberFormat>();

function memo<T>(cache: Map<Language, T>, language: Language, make: (locale: string) => T): T {
  let value = cache.get(language);
  if (!value) cache.set(language, (value = make(localeOf(language))));
  return value;
}

// ICU's plural form, cut down to what the catalogues use: `{count, plural, one {# påmeldt} other {# påmeldte}}`,
// where # is the count written for the language. A branch may hold `{name}` parameters, no further braces.
const PLURAL = /\{(\w+), plural,((?:\s*\w+ \{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const BRANCH = /(\w+) \{((?:[^{}]|\{\w+\})*)\}/g;

export function translator(language: Language): Translate {
  const catalogue = catalogueOf(language);
  return (key, ...[params]) => {
    const text = catalogue[key]!;
    if (!params) return text;
    return text
      .replace(PLURAL, (whole, name: string, branches: string) => {
        const count = params[name];
        if (typeof count !== "number") return whole;
        const forms = new Map([...branches.matchAll(BRANCH)].map((m) => [m[1]!, m[2]!]));
        const category = memo(pluralRules, language, (locale) => new Intl.PluralRules(locale)).select(count);
        const form = forms.get(category) ?? forms.get("other") ?? whole;
        return form.replaceAll("#", memo(numberFormats, language, (locale) => new Intl.NumberFormat(locale)).format(count));
      })
      .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
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
