// Plain values, free of drizzle, so pages may import them without pulling the ORM into the browser.

/** What members can be told of; each kind can be turned off for email on the notifications page. */
export const NOTIFICATION_KINDS = [
  "summary_published",
  "forum_session_moved",
  "forum_session_cancelled",
  "topic_status_changed",
  "topic_commented",
  "topic_merged",
  "experience_published",
  "experience_co_author_added",
  "experience_commented",
  "solution_reviewed",
  "solution_status_changed",
  "solution_commented",
  "adoption_unconfirmed",
] as const;
