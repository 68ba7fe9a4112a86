import type { nb } from "./calendar-messages.nb";

export const en: Record<keyof typeof nb, string> = {
  "calendar.feed.name": "Kommuneforum – forum sessions",
  "calendar.feed.personalName": "Kommuneforum – forum sessions with meeting links",
  "calendar.event.cancelled": "This forum session is cancelled.",
  "calendar.event.agenda": "Agenda:",
  "calendar.event.meetingLink": "Meeting link: {url}",
  "calendar.event.page": "More about the forum session: {url}",

  "calendar.add": "Add to calendar (.ics)",
  "calendar.subscribe": "Subscribe to all forum sessions",
  "calendar.personal": "Personal calendar with meeting links",

  "calendar.me.title": "My calendar",
  "calendar.me.lead":
    "Subscribe to the forum sessions in your calendar app (Outlook, Google Calendar, Apple Calendar). The calendar updates itself when sessions move or are cancelled.",
  "calendar.me.approvedOnly":
    "The personal calendar shows the meeting links, so it is for approved members only. You can subscribe to the public calendar below.",
  "calendar.me.personal": "Personal calendar",
  "calendar.me.personalLead": "The personal calendar includes the meeting link of every forum session.",
  "calendar.me.address": "Your personal calendar address",
  "calendar.me.addressHelp": "Paste the address where your calendar app asks for a calendar to subscribe to from the web.",
  "calendar.me.webcal": "Subscribe in your calendar app",
  "calendar.me.warning":
    "This address is personal. Whoever has it can see the meeting links, so do not share it. Make a new address if you think someone else has it.",
  "calendar.me.none": "You have no personal calendar address yet.",
  "calendar.me.create": "Make a personal calendar address",
  "calendar.me.reset": "Make a new address",
  "calendar.me.resetHelp":
    "The old address stops working at once. Calendars subscribed to it need the new address.",
  "calendar.me.created": "Your personal calendar address is ready.",
  "calendar.me.replaced": "You have a new address. The old one no longer works.",
  "calendar.me.public": "Public calendar",
  "calendar.me.publicLead": "Anyone can subscribe to the public calendar. It does not include the meeting links.",
  "calendar.me.publicAddress": "Address of the public calendar",
};
