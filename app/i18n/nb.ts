/** Norwegian bokmål: the source catalogue. Keys are named by area; `{name}` marks a parameter. */
export const nb = {
  "app.name": "Kommuneforum",
  "app.tagline": "Kommunenes felles forum for tjenesteutvikling",
  "shell.skipToContent": "Hopp til hovedinnhold",
  "shell.mainNavigation": "Hovedmeny",
  "shell.home": "Forside",
  "shell.language": "Språk",
  "shell.switchTo": "English",
  "shell.switchToLabel": "Switch to English",
  "shell.footer.about":
    "Kommuneforum er stedet der Norges kommuner foreslår tema, møtes i digitale forum og deler erfaringer og løsninger.",
  "shell.footer.data": "Kommuneliste: Statistisk sentralbyrå (SSB), KLASS 131/104, 2024.",

  "nav.forumSessions": "Forummøter",
  "nav.topics": "Tema",
  "nav.experiences": "Erfaringer",
  "nav.solutions": "Løsninger",
  "nav.municipalities": "Kommuner",

  "home.title": "Kommuneforum",
  "home.lead":
    "Her foreslår kommunenes ansatte tema, ledere møtes i digitale forummøter, og alle deler erfaringer og gjenbrukbare løsninger.",
  "home.areas": "Dette finner du her",
  "home.area.forumSessions": "Digitale møter med agenda, påmelding og referat.",
  "home.area.topics": "Forslag til tema for kommende forummøter.",
  "home.area.experiences": "Hva kommuner har gjort og lært: innføring, anskaffelser, forebygging.",
  "home.area.solutions": "Katalog over gjenbrukbare løsninger og hvor langt de er tatt i bruk.",
  "home.area.municipalities": "Alle {count} kommuner i Norge, gruppert etter fylke.",

  "coming.lead": "Denne delen av Kommuneforum er under arbeid og er ikke tatt i bruk ennå.",
  "coming.meanwhile": "I mellomtiden kan du se listen over kommuner.",

  "municipalities.title": "Kommuner",
  "municipalities.lead": "Norges {count} kommuner (2024), gruppert etter fylke.",
  "municipalities.filter.label": "Filtrer på navn, nummer eller fylke",
  "municipalities.filter.submit": "Filtrer",
  "municipalities.filter.clear": "Vis alle",
  "municipalities.filter.result": "{count} av {total} kommuner passer «{query}».",
  "municipalities.filter.none": "Ingen kommuner passer «{query}».",
  "municipalities.county": "{county} ({count})",
  "municipalities.number": "Kommunenummer",
  "municipalities.countyLabel": "Fylke",
  "municipalities.region": "Region",
  "municipalities.back": "Alle kommuner",
  "municipalities.later":
    "Medlemmer, tema, erfaringer og løsninger fra kommunen vises her etter hvert som de tas i bruk.",

  "error.notFound.title": "Fant ikke siden",
  "error.notFound.body": "Siden finnes ikke, eller adressen er skrevet feil.",
  "error.server.title": "Noe gikk galt",
  "error.server.body": "Det oppstod en feil hos oss. Prøv igjen om litt.",
  "error.unavailable.title": "Tjenesten er midlertidig utilgjengelig",
  "error.unavailable.body": "Vi får ikke kontakt med databasen akkurat nå. Prøv igjen om et øyeblikk.",
  "error.badRequest.title": "Ugyldig forespørsel",
  "error.badRequest.body": "Forespørselen kunne ikke behandles.",
  "error.status": "Feilkode {status}",
  "error.home": "Gå til forsiden",
} as const;

export type MessageKey = keyof typeof nb;
