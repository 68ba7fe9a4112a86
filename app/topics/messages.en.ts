import type { nb } from "./messages.nb";

export const en: Record<keyof typeof nb, string> = {
  "topics.status.proposed": "proposed",
  "topics.status.shortlisted": "shortlisted",
  "topics.status.scheduled": "scheduled",
  "topics.status.covered": "covered",
  "topics.status.declined": "declined",
  "topics.status.merged": "merged",
  "notifications.email.topic_status_changed": "Email me when a topic I proposed or support changes status",
  "notifications.email.topic_commented": "Email me when someone comments on a topic I proposed",
  "notifications.email.topic_merged": "Email me when a topic I support is merged into another",
  "notification.topic_status_changed": "The topic “{title}” is now {status}.",
  "notification.topic_commented": "{author} commented on your topic “{title}”.",
  "notification.topic_merged": "The topic “{title}” was merged into “{target}”. Your support moved there, and you can withdraw it there.",
  "email.topic_status_changed.subject": "Topic: {title} is {status}",
  "email.topic_status_changed.body": "The topic “{title}”, which you proposed or support, is now {status}.\n{url}",
  "email.topic_commented.subject": "New comment: {title}",
  "email.topic_commented.body": "{author} commented on your topic “{title}”.\n{url}",
  "email.topic_merged.subject": "Merged: {title}",
  "email.topic_merged.body":
    "The topic “{title}”, which you support, was merged into “{target}”. Your support moved there. If you do not want to support it, you can withdraw your support there:\n{url}",
};
