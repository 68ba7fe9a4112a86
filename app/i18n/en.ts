import type { MessageKey } from "./nb";

export const en: Record<MessageKey, string> = {
  "app.name": "Kommuneforum",
  "app.tagline": "The municipalities' shared forum for service development",
  "shell.skipToContent": "Skip to main content",
  "shell.mainNavigation": "Main menu",
  "shell.home": "Home",
  "shell.language": "Language",
  "shell.switchTo": "Norsk",
  "shell.switchToLabel": "Bytt til norsk",
  "shell.footer.about":
    "Kommuneforum is where Norway's municipalities propose topics, meet in digital forum sessions and share experiences and solutions.",
  "shell.footer.data": "Municipality list: Statistics Norway (SSB), KLASS 131/104, 2024.",

  "nav.forumSessions": "Forum sessions",
  "nav.topics": "Topics",
  "nav.experiences": "Experiences",
  "nav.solutions": "Solutions",
  "nav.municipalities": "Municipalities",

  "home.title": "Kommuneforum",
  "home.lead":
    "Municipal staff propose topics, leaders meet in digital forum sessions, and everyone shares experiences and reusable solutions.",
  "home.areas": "What you will find here",
  "home.area.forumSessions": "Digital meetings with an agenda, registration and a summary.",
  "home.area.topics": "Suggestions for topics at coming forum sessions.",
  "home.area.experiences": "What municipalities did and learned: implementation, procurement, prevention.",
  "home.area.solutions": "A catalogue of reusable solutions and how far they have spread.",
  "home.area.municipalities": "All {count} municipalities in Norway, grouped by county.",

  "coming.lead": "This part of Kommuneforum is being built and is not in use yet.",
  "coming.meanwhile": "Meanwhile, you can browse the list of municipalities.",

  "municipalities.title": "Municipalities",
  "municipalities.lead": "Norway's {count} municipalities (2024), grouped by county.",
  "municipalities.filter.label": "Filter by name, number or county",
  "municipalities.filter.submit": "Filter",
  "municipalities.filter.clear": "Show all",
  "municipalities.filter.result": "{count} of {total} municipalities match “{query}”.",
  "municipalities.filter.none": "No municipality matches “{query}”.",
  "municipalities.county": "{county} ({count})",
  "municipalities.number": "Municipality number",
  "municipalities.countyLabel": "County",
  "municipalities.region": "Region",
  "municipalities.back": "All municipalities",
  "municipalities.later":
    "Members, topics, experiences and solutions from this municipality will appear here as they come into use.",

  "error.notFound.title": "Page not found",
  "error.notFound.body": "The page does not exist, or the address is mistyped.",
  "error.server.title": "Something went wrong",
  "error.server.body": "An error occurred on our side. Please try again in a little while.",
  "error.unavailable.title": "The service is temporarily unavailable",
  "error.unavailable.body": "We cannot reach the database right now. Please try again in a moment.",
  "error.badRequest.title": "Bad request",
  "error.badRequest.body": "The request could not be processed.",
  "error.status": "Error code {status}",
  "error.home": "Go to the home page",
};
