// Plain values, free of drizzle, so pages may import them without pulling the ORM into the browser.

/** proposed → shortlisted → scheduled → covered, or declined (with a reason) or merged (into another topic). */
export const TOPIC_STATUSES = ["proposed", "shortlisted", "scheduled", "covered", "declined", "merged"] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

/** Topics still waiting for the forum to take them up: what "open" means on the home page and in lists. */
export const OPEN_TOPIC_STATUSES = ["proposed", "shortlisted"] as const satisfies readonly TopicStatus[];

/** Topics that can still gain support: not yet taken up, or on an agenda. Withdrawing is always possible. */
export const SUPPORTABLE_TOPIC_STATUSES = ["proposed", "shortlisted", "scheduled"] as const satisfies readonly TopicStatus[];

export const isSupportable = (status: TopicStatus) => (SUPPORTABLE_TOPIC_STATUSES as readonly TopicStatus[]).includes(status);

export const TOPIC_TITLE_MAX = 140;
export const TOPIC_DESCRIPTION_MAX = 20_000;
