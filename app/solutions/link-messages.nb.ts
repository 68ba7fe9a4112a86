export const nb = {
  "solutionLinks.heading": "Løsninger i katalogen",
  "solutionLinks.presented": "Løsning som ble presentert",
  "solutionLinks.presentedHelp": "Navnet på en løsning i løsningskatalogen, slik det står på løsningens side. La feltet stå tomt hvis ingen.",
  "solutionLinks.unknownSolution": "Vi finner ingen godtatt løsning i katalogen med dette navnet. Skriv navnet slik det står på løsningens side.",
} as const;
