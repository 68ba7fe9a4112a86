export const nb = {
  "calendar.feed.name": "Kommuneforum – forummøter",
  "calendar.feed.personalName": "Kommuneforum – forummøter med møtelenker",
  "calendar.event.cancelled": "Forummøtet er avlyst.",
  "calendar.event.agenda": "Agenda:",
  "calendar.event.meetingLink": "Møtelenke: {url}",
  "calendar.event.page": "Mer om forummøtet: {url}",

  "calendar.add": "Legg til i kalender (.ics)",
  "calendar.subscribe": "Abonner på alle forummøter",
  "calendar.personal": "Personlig kalender med møtelenker",

  "calendar.me.title": "Kalenderen min",
  "calendar.me.lead":
    "Abonner på forummøtene i kalenderprogrammet ditt (Outlook, Google Kalender, Apple Kalender). Kalenderen oppdateres av seg selv når møter flyttes eller avlyses.",
  "calendar.me.approvedOnly":
    "Den personlige kalenderen viser møtelenkene og er derfor bare for godkjente medlemmer. Du kan abonnere på den offentlige kalenderen under.",
  "calendar.me.personal": "Personlig kalender",
  "calendar.me.personalLead": "Den personlige kalenderen har møtelenkene med i hvert forummøte.",
  "calendar.me.address": "Din personlige kalenderadresse",
  "calendar.me.addressHelp": "Lim inn adressen der kalenderprogrammet ber om å abonnere på en kalender fra nettet.",
  "calendar.me.webcal": "Abonner i kalenderprogrammet",
  "calendar.me.warning":
    "Adressen er personlig. Den som har den, kan se møtelenkene, så ikke del den. Lag en ny adresse hvis du tror andre har fått den.",
  "calendar.me.none": "Du har ingen personlig kalenderadresse ennå.",
  "calendar.me.create": "Lag personlig kalenderadresse",
  "calendar.me.reset": "Lag ny adresse",
  "calendar.me.resetHelp":
    "Den gamle adressen slutter å virke med en gang. Kalendere som abonnerer på den, må få den nye adressen.",
  "calendar.me.created": "Den personlige kalenderadressen er klar.",
  "calendar.me.replaced": "Du har fått en ny adresse. Den gamle virker ikke lenger.",
  "calendar.me.public": "Offentlig kalender",
  "calendar.me.publicLead": "Alle kan abonnere på den offentlige kalenderen. Den har ikke med møtelenkene.",
  "calendar.me.publicAddress": "Adresse til den offentlige kalenderen",
} as const;
