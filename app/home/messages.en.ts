import type { nb } from "./messages.nb";

export const en: Record<keyof typeof nb, string> = {
  "dashboard.pending": "Your membership application is awaiting approval. Once a coordinator has approved it, you will see your forum here.",

  "dashboard.yourForum.heading": "Your forum",
  "dashboard.registrations.heading": "Your registrations",
  "dashboard.registrations.none": "You are not registered for any upcoming forum session.",
  "dashboard.registrations.all": "See upcoming forum sessions",
  "dashboard.municipality.heading": "Latest from {name}",
  "dashboard.municipality.none": "Nothing new from your municipality yet.",
  "dashboard.municipality.page": "{name}'s municipality page",
  "dashboard.activity.experience": "Write-up published {date}",
  "dashboard.activity.topic": "Topic proposed {date}",
  "dashboard.activity.adoption": "Solution ({state}), recorded {date}",
  "dashboard.followed.heading": "Themes you follow",
  "dashboard.followed.none": "You follow no themes yet. Follow a theme to be told of new write-ups.",
  "dashboard.followed.latest": "Newest:",
  "dashboard.followed.empty": "No write-ups yet.",
  "dashboard.notifications.heading": "Notifications",
  "dashboard.notifications.count": "{count, plural, one {You have # unread notification.} other {You have # unread notifications.}}",
  "dashboard.notifications.none": "No unread notifications.",
  "dashboard.notifications.all": "Go to your notifications",

  "dashboard.spreading.heading": "Solutions spreading fastest",
  "dashboard.spreading.definition":
    "Most new municipalities in the last {months} months: municipalities that began planning, piloting or using the solution.",
  "dashboard.spreading.count": "{count, plural, one {+# municipality} other {+# municipalities}}",
  "dashboard.spreading.none": "No municipality has taken up a solution from the catalogue in the last {months} months.",
  "dashboard.spreading.all": "The whole solution catalogue",

  "dashboard.experiences.heading": "Newest write-ups",
  "dashboard.experiences.none": "No write-ups are published yet.",
  "dashboard.experiences.all": "All write-ups",
};
