export const nb = {
  "notification.summary_published": "Referatet fra «{title}» er publisert.",
  "notification.forum_session_moved": "Forummøtet «{title}» er flyttet til {when}.",
  "notification.forum_session_cancelled": "Forummøtet «{title}» er avlyst.",
  "email.summary_published.subject": "Referat: {title}",
  "email.summary_published.body": "Referatet fra forummøtet «{title}» er publisert:\n{url}",
  "email.forum_session_moved.subject": "Flyttet: {title}",
  "email.forum_session_moved.body": "Forummøtet «{title}», som du er påmeldt, er flyttet til {when}.\n{url}",
  "email.forum_session_cancelled.subject": "Avlyst: {title}",
  "email.forum_session_cancelled.body": "Forummøtet «{title}», som du er påmeldt, er avlyst.\n{url}",
} as const;

export const en: Record<keyof typeof nb, string> = {
  "notification.summary_published": "The summary of “{title}” is published.",
  "notification.forum_session_moved": "The forum session “{title}” has moved to {when}.",
  "notification.forum_session_cancelled": "The forum session “{title}” is cancelled.",
  "email.summary_published.subject": "Summary: {title}",
  "email.summary_published.body": "The summary of the forum session “{title}” is published:\n{url}",
  "email.forum_session_moved.subject": "Moved: {title}",
  "email.forum_session_moved.body": "The forum session “{title}”, which you registered for, has moved to {when}.\n{url}",
  "email.forum_session_cancelled.subject": "Cancelled: {title}",
  "email.forum_session_cancelled.body": "The forum session “{title}”, which you registered for, is cancelled.\n{url}",
};
