import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LANGUAGE, isLanguage, translator, type Language, type MessageKey, type Translate } from "~/i18n/i18n";

type Matches = readonly { id: string; data: unknown }[];

export function languageOfMatches(matches: Matches): Language {
  const language = (matches.find((m) => m.id === "root")?.data as { language?: unknown } | undefined)?.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/** The document title for a page: its own heading, then the product name. */
export function pageTitle(matches: Matches, title: MessageKey | ((t: Translate) => string)): MetaDescriptor[] {
  const t = translator(languageOfMatches(matches));
  const text = typeof title === "function" ? title(t) : t(title);
  const appName = t("app.name");
  return [{ title: text === appName ? appName : `${text} – ${appName}` }];
}
