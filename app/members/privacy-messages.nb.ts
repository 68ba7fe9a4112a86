// Privacy: a member's own data as a download, deleting one's account, and how a former member is shown.
export const nb = {
  "members.status.erased": "Slettet",
  "privacy.formerMember": "Tidligere medlem",
  "privacy.formerMemberOf": "Tidligere medlem ({place})",

  "privacy.myPage.download": "Last ned dataene mine (JSON)",
  "privacy.myPage.delete": "Slett kontoen min",

  "privacy.delete.title": "Slett kontoen min",
  "privacy.delete.lead": "Navnet, e-postadressen, stillingen og passordet ditt blir slettet, og du blir logget ut overalt. Støtter, påmeldinger, varsler og det du følger blir slettet. Du kan ikke angre.",
  "privacy.delete.downloadFirst": "Vil du ta vare på det du har skrevet? Last ned dataene dine først.",
  "privacy.delete.contributions": "Det du har skrevet for andre",
  "privacy.delete.keep": "Behold det, vist som «Tidligere medlem» fra kommunen min",
  "privacy.delete.delete": "Slett det: kommentarene mine, temaforslag som ennå ikke er satt på en agenda, og erfaringer jeg har skrevet alene",
  "privacy.delete.deleteNote": "Temaer som står på en agenda og erfaringer andre har skrevet sammen med deg, blir stående, vist som «Tidligere medlem».",
  "privacy.delete.password": "Passordet ditt",
  "privacy.delete.submit": "Slett kontoen min for godt",
  "privacy.delete.chooseOne": "Velg hva som skal skje med det du har skrevet.",
} as const;
