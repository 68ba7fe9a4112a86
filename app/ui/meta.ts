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

/**
 * Open Graph and Twitter card tags, so that a link pasted into Teams, Slack or LinkedIn shows the page's
 * title and summary. `url` is absolute (built from PUBLIC_URL by the loader, never from the request).
 */
export function socialMeta(matches: Matches, page: { title: string; description: string; url: string; type?: "article" | "website" }): MetaDescriptor[] {
  const language = languageOfMatches(matches);
  const description = page.description.length > 300 ? `${page.description.slice(0, 297)}…` : page.description;
  return [
    { name: "description", content: description },
    { property: "og:site_name", content: translator(language)("app.name") },
    { property: "og:type", content: page.type ?? "article" },
    { property: "og:title", content: page.title },
    { property: "og:description", content: description },
    { property: "og:url", content: page.url },
    { property: "og:locale", content: language === "nb" ? "nb_NO" : "en_GB" },
    { name: "twitter:card", content: "summary" },
    { name: "twitter:title", content: page.title },
    { name: "twitter:description", content: description },
  ];
}

/** `<link rel="alternate">` to a page's feeds, so feed readers and browsers find them from the page. */
export function feedLinks(feeds: readonly { title: string; path: string }[]): MetaDescriptor[] {
  return feeds.flatMap(({ title, path }) => [
    { tagName: "link", rel: "alternate", type: "application/rss+xml", title: `${title} (RSS)`, href: `${path}.rss` },
    { tagName: "link", rel: "alternate", type: "application/atom+xml", title: `${title} (Atom)`, href: `${path}.atom` },
  ]);
}
