export const nb = {
  "dashboard.pending": "Søknaden din om medlemskap venter på godkjenning. Når en koordinator har godkjent den, ser du ditt forum her.",

  "dashboard.yourForum.heading": "Ditt forum",
  "dashboard.registrations.heading": "Dine påmeldinger",
  "dashboard.registrations.none": "Du er ikke påmeldt noen kommende forummøter.",
  "dashboard.registrations.all": "Se kommende forummøter",
  "dashboard.municipality.heading": "Siste fra {name}",
  "dashboard.municipality.none": "Ingenting nytt fra kommunen din ennå.",
  "dashboard.municipality.page": "Kommunesiden til {name}",
  "dashboard.activity.experience": "Erfaring publisert {date}",
  "dashboard.activity.topic": "Tema foreslått {date}",
  "dashboard.activity.adoption": "Løsning ({state}), registrert {date}",
  "dashboard.followed.heading": "Temaer du følger",
  "dashboard.followed.none": "Du følger ingen temaer ennå. Følg et tema for å bli varslet om nye erfaringer.",
  "dashboard.followed.latest": "Nyeste:",
  "dashboard.followed.empty": "Ingen erfaringer ennå.",
  "dashboard.notifications.heading": "Varsler",
  "dashboard.notifications.count": "{count, plural, one {Du har # ulest varsel.} other {Du har # uleste varsler.}}",
  "dashboard.notifications.none": "Ingen uleste varsler.",
  "dashboard.notifications.all": "Gå til varslene",

  "dashboard.spreading.heading": "Løsninger som sprer seg raskest",
  "dashboard.spreading.definition":
    "Flest nye kommuner de siste {months} månedene: kommuner som har begynt å planlegge, pilotere eller bruke løsningen.",
  "dashboard.spreading.count": "{count, plural, one {+# kommune} other {+# kommuner}}",
  "dashboard.spreading.none": "Ingen kommuner har tatt i bruk en løsning fra katalogen de siste {months} månedene.",
  "dashboard.spreading.all": "Hele løsningskatalogen",

  "dashboard.experiences.heading": "Nyeste erfaringer",
  "dashboard.experiences.none": "Ingen erfaringer er publisert ennå.",
  "dashboard.experiences.all": "Alle erfaringer",
} as const;
