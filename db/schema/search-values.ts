// Plain values, free of drizzle, so pages may import them without pulling the ORM into the browser.

/** What the search finds, in the order its groups are shown. */
export const SEARCH_KINDS = ["forum_session", "topic", "experience", "solution", "organisation", "municipality"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
