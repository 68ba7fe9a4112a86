import type { Language, MessageKey } from "~/i18n/i18n";

/** What a theme gathers, in the order its page and the theme list show them. */
export const THEME_KINDS = ["forumSessions", "topics", "experiences", "solutions"] as const;
export type ThemeKind = (typeof THEME_KINDS)[number];
export type ThemeCounts = Record<ThemeKind, number>;

/** Each kind's words, and its section's anchor on a theme's page (the counts link to it). */
export const KIND_TEXT: Record<ThemeKind, { anchor: string; count: MessageKey; title: MessageKey; none: MessageKey }> = {
  forumSessions: { anchor: "forum-sessions", count: "themes.count.forumSessions", title: "themes.kind.forumSessions", none: "themes.page.none.forumSessions" },
  topics: { anchor: "topics", count: "themes.count.topics", title: "themes.kind.topics", none: "themes.page.none.topics" },
  experiences: { anchor: "experiences", count: "themes.count.experiences", title: "themes.kind.experiences", none: "themes.page.none.experiences" },
  solutions: { anchor: "solutions", count: "themes.count.solutions", title: "themes.kind.solutions", none: "themes.page.none.solutions" },
};

/** A theme's name in the reader's language. */
export const themeName = (theme: { nameNb: string; nameEn: string }, language: Language) => (language === "nb" ? theme.nameNb : theme.nameEn);
