import type { nb } from "./privacy-messages.nb";

export const en: Record<keyof typeof nb, string> = {
  "members.status.erased": "Deleted",
  "privacy.formerMember": "Former member",
  "privacy.formerMemberOf": "Former member ({place})",

  "privacy.myPage.download": "Download my data (JSON)",
  "privacy.myPage.delete": "Delete my account",

  "privacy.delete.title": "Delete my account",
  "privacy.delete.lead": "Your name, email address, job title and password are erased, and you are signed out everywhere. Your supports, registrations, notifications and follows are deleted. This cannot be undone.",
  "privacy.delete.downloadFirst": "Want to keep what you wrote? Download your data first.",
  "privacy.delete.contributions": "What you wrote for others",
  "privacy.delete.keep": "Keep it, shown as “Former member” of my municipality",
  "privacy.delete.delete": "Delete it: my comments, topic proposals not yet on an agenda, and write-ups I wrote alone",
  "privacy.delete.deleteNote": "Topics on an agenda and write-ups others wrote with you stay, shown as “Former member”.",
  "privacy.delete.password": "Your password",
  "privacy.delete.submit": "Delete my account for good",
  "privacy.delete.chooseOne": "Choose what happens with what you wrote.",
};
