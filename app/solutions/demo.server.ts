import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  adoptionChanges,
  adoptions,
  agendaItems,
  emailOutbox,
  experienceSolutions,
  experiences,
  members,
  notifications,
  organisationMunicipalities,
  organisations,
  solutions,
  solutionStatusChanges,
  themes,
  type AdoptionState,
  type OrganisationKind,
  type SolutionStatus,
} from "../../db/schema";
import { adoptionOf, recordAdoption, recordForCooperation } from "./adoptions.server";
import { proposeSolution, reviewSolution, setSolutionStatus, type SolutionInput } from "./solutions.server";
import { addComment } from "~/comments/comments.server";
import { db } from "~/db.server";
import { JOINT_PROCUREMENT_TITLE } from "~/experiences/demo-long-write-up.server";
import { slugify } from "~/lib/text";
import { DEMO_EMAIL, DEMO_MEMBERS, DEMO_PASSWORD, demoPeople } from "~/members/demo.server";
import { hashPassword } from "~/members/passwords.server";
import type { ViewerSummary } from "~/members/rights";

const { coordinator: COORDINATOR, kari: KARI, ola: OLA, marte: MARTE, sofie: SOFIE, amir: AMIR } = DEMO_EMAIL;

export const DIGITALE_HELGELAND = "Digitale Helgeland";

/** Digitale Helgeland's 16 municipalities: the rows of municipalities-2024.csv with region Helgeland. */
export const HELGELAND_MUNICIPALITIES = [
  "1811", "1812", "1813", "1815", "1816", "1818", "1820", "1822", "1824", "1825", "1826", "1827", "1828", "1832", "1833", "1835",
] as const;

interface DemoOrganisation {
  name: string;
  kind: OrganisationKind;
  description: string;
  website: string | null;
  municipalities?: readonly string[];
}

// The parties the catalogue's demo names. Sikri, Accenture and the public bodies are real; the two
// welfare-technology suppliers are the ones the demo write-up on the joint procurement names.
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: "Sikri",
    kind: "supplier",
    description: "Leverandør av sak- og arkivsystemet Elements og andre fagsystemer for offentlig sektor.",
    website: "https://www.sikri.no/",
  },
  {
    name: "Accenture",
    kind: "supplier",
    description: "Rådgivning og systemutvikling. Har utviklet digitale innbyggertjenester og integrasjoner for flere kommuner.",
    website: "https://www.accenture.com/no-no",
  },
  {
    name: "Tryggheim AS",
    kind: "supplier",
    description: "Trygghetsalarmer, sensorer og digitalt tilsyn for hjemmetjenesten.",
    website: null,
  },
  {
    name: "Nordvakt Responssenter AS",
    kind: "supplier",
    description: "Responssenter som tar imot alarmer fra trygghetsalarmer og digitalt tilsyn, døgnet rundt.",
    website: null,
  },
  {
    name: "Varslingssentralen Nord AS",
    kind: "supplier",
    description: "Varsling av innbyggere på SMS og tale, for kommuner og interkommunale selskap.",
    website: null,
  },
  {
    name: "KS",
    kind: "national_body",
    description: "Kommunesektorens organisasjon. Står bak KS Fiks-plattformen, med blant annet SvarUt og SvarInn.",
    website: "https://www.ks.no/",
  },
  {
    name: "Digitaliseringsdirektoratet (Digdir)",
    kind: "national_body",
    description: "Forvalter nasjonale felleskomponenter som ID-porten, Maskinporten, Altinn og Kontakt- og reservasjonsregisteret.",
    website: "https://www.digdir.no/",
  },
  {
    name: "Skatteetaten",
    kind: "national_body",
    description: "Gir kommunene inntektsopplysninger gjennom Maskinporten, når innbyggeren samtykker eller loven gir hjemmel.",
    website: "https://www.skatteetaten.no/",
  },
  {
    name: "Direktoratet for forvaltning og økonomistyring (DFØ)",
    kind: "national_body",
    description: "Veileder om offentlige anskaffelser, med maler for samarbeidsavtaler og fullmakter på anskaffelser.no.",
    website: "https://dfo.no/",
  },
  {
    name: "Norway Health Tech",
    kind: "cluster",
    description: "Klynge for helseteknologi, med bedrifter, kommuner, sykehus og forskningsmiljøer som medlemmer.",
    website: "https://www.norwayhealthtech.com/",
  },
  {
    name: DIGITALE_HELGELAND,
    kind: "regional_cooperation",
    description:
      "Digitaliseringssamarbeidet for de 16 kommunene på Helgeland. Kommunene utvikler og anskaffer digitale tjenester sammen, og deler erfaringer.",
    website: "https://digihelgeland.no/",
    municipalities: HELGELAND_MUNICIPALITIES,
  },
];

/** The demo member who belongs to Digitale Helgeland rather than to a municipality. */
export const DEMO_COOPERATION_MEMBER = {
  name: "Hilde Strand",
  email: "hilde.strand@digihelgeland.no",
  jobTitle: "Prosjektleder, Digitale Helgeland",
} as const;

/** A date some whole months (and a day of the month) before today: the demo's story stays in the past. */
type When = readonly [monthsAgo: number, day: number];

interface DemoAdoption {
  /** A municipality's number, or "cooperation": Digitale Helgeland records for all its municipalities. */
  municipality: string;
  state: AdoptionState;
  at: When;
  note?: string;
  joint?: boolean;
  /** Who records it: a demo member of that municipality; the coordinator when not given. */
  by?: string;
  /** Not confirmed for over a year: shows as possibly stale (its recorder was reminded two months ago). */
  unconfirmed?: boolean;
}

interface DemoSolution {
  input: Omit<SolutionInput, "owner" | "supplierIds" | "contactMemberId" | "themeIds"> & {
    owner: { municipalityNumber: string } | { organisation: string };
    suppliers: string[];
    contact: string | null;
    themes: string[];
  };
  proposer: string;
  /** When it was proposed: a date of the story, or some days ago. */
  proposedAt: When | { daysAgo: number };
  /** Accepted with its first scaling status; a proposal without it waits for a coordinator. */
  accepted?: { status: SolutionStatus; note: string; at: When };
  statuses?: { status: SolutionStatus; note: string; at: When }[];
  adoptions?: DemoAdoption[];
  /** Write-ups (by title) that tell of it, and agenda items (by title) where it was presented. */
  experiences?: string[];
  agendaItems?: string[];
  comments?: { author: string; daysAgo: number; body: string }[];
}

export const PARENTAL_PAYMENT = "Søknad om redusert foreldrebetaling i barnehage";
export const WELFARE_TECHNOLOGY = "Trygghetsalarm, digitalt tilsyn og responssenter";

const PARENTAL_PAYMENT_DESCRIPTION = `## Hva løsningen gjør

Foreldre søker om redusert foreldrebetaling og gratis kjernetid i barnehagen på nett, innlogget med ID-porten. Med foreldrenes samtykke henter søknaden husholdningens inntekt fra Skatteetaten, så ingen trenger å laste opp skattemeldingen. Saksbehandleren får søknaden ferdig utfylt, og vedtaket sendes digitalt.

## Slik er den bygget

| Del | Løsning |
|---|---|
| Innlogging | ID-porten |
| Inntekt | Skatteetatens inntektsopplysninger, hentet med Maskinporten |
| Innsending | KS Fiks |
| Vedtaksbrev | SvarUt, til Altinn eller digital postkasse |
| Arkiv | Elements |

## Hvem gjør hva

Digitale Helgeland eier løsningen på vegne av de 16 kommunene og har én felles avtale med leverandørene. Accenture utviklet søknaden og hentingen av inntektsopplysninger. Sikri laget integrasjonen mot Elements, der søknad og vedtak arkiveres automatisk. Hver kommune har sin egen saksbehandling og sine egne satser.

## Hva kommunene har fått

- Kortere saksbehandlingstid: de fleste søknadene behandles innen en uke, mot flere uker før.
- Færre søknader med mangler, fordi inntekten hentes automatisk.
- Likt tilbud til foreldre i alle kommunene på Helgeland.

## Vil dere bli med?

Kommuner utenfor Helgeland kan ta i bruk søknaden. Registrer interesse på denne siden, og kryss av for felles anskaffelse hvis dere vil være med på neste avtale.
`;

const WELFARE_TECHNOLOGY_DESCRIPTION = `## Hva løsningen gjør

Trygghetsalarmer (faste og mobile), digitalt tilsyn med sensorer og kamera, og et felles responssenter som tar imot alarmene døgnet rundt. Responssenteret ringer brukeren, og varsler hjemmetjenesten når noen må rykke ut.

## Bakgrunn

Fem kommuner på Sør-Helgeland kjøpte løsningen sammen, med Alstahaug som vertskommune. Avtalen er åpen for at andre kommuner i Digitale Helgeland kan tiltre. Erfaringene fra anskaffelsen er skrevet ned i erfaringsdelingen «${JOINT_PROCUREMENT_TITLE}».

## Hva som skal til

- Et lokalt vedlegg til responssenterets instruks: kontaktpersoner, nøkkelrutiner og hvem som rykker ut.
- Vurdering av digitalt tilsyn som en fast del av kartleggingen før vedtak.
- Superbrukere i hjemmetjenesten med tid i turnus.
`;

const DIALOGUE_DESCRIPTION = `## Hva løsningen gjør

Innbyggerne kan lese forslag til planer, se dem i kart og gi innspill på nett, innlogget eller anonymt. Kommunen kan sende invitasjon til innbyggerne i et område på SMS eller e-post, hentet fra Kontakt- og reservasjonsregisteret, og svare på innspillene samlet.

## Status

Bodø prøver løsningen i to reguleringsplaner og i arbeidet med kommuneplanens samfunnsdel. Oslo prøver den i to bydeler. Koden er åpen, og andre kommuner kan ta den i bruk uten lisenskostnad.
`;

const CASEWORK_AI_DESCRIPTION = `## Idé

En KI-assistent som skriver utkast til svarbrev og enkle vedtak i byggesak, som saksbehandleren leser, retter og signerer. Assistenten fatter ingen vedtak og sender ingenting ut av kommunen.

## Spørsmål som må avklares

1. Hvilke opplysninger assistenten får lese, og hvor de behandles.
2. Hva som skal journalføres av utkast og endringer.
3. Hvordan vi stiller krav i en felles anskaffelse.

Rana har prøvd en tidlig versjon i byggesak, og flere kommuner har meldt interesse for å utvikle den videre sammen.
`;

const SOCIAL_ASSISTANCE_DESCRIPTION = `Innbyggere søker om økonomisk sosialhjelp på nett, innlogget med ID-porten, og kan følge saken sin og sende inn dokumentasjon underveis. Søknaden går gjennom KS Fiks til kommunens fagsystem, og svar og vedtak kommer i digital postkasse.

Løsningen er tatt i bruk i kommuner i hele landet.
`;

const SMS_ALERT_DESCRIPTION = `Kommunene sendte SMS til innbyggere i et område ved vannbrudd, kokevarsel og stengte veier, med numre fra Kontakt- og reservasjonsregisteret.

Løsningen er avviklet. Kommunene bruker nå varslingen i det felles beredskapssystemet, og avtalen med leverandøren er sagt opp.
`;

export const DEMO_SOLUTIONS: DemoSolution[] = [
  {
    input: {
      name: PARENTAL_PAYMENT,
      summary:
        "Felles digital søknad om redusert foreldrebetaling og gratis kjernetid for de 16 kommunene på Helgeland. " +
        "Inntekten hentes fra Skatteetaten med samtykke, og søknad og vedtak arkiveres automatisk i Elements.",
      description: PARENTAL_PAYMENT_DESCRIPTION,
      owner: { organisation: DIGITALE_HELGELAND },
      suppliers: ["Sikri", "Accenture"],
      components: ["ID-porten", "Maskinporten", "KS Fiks", "SvarUt/SvarInn", "Altinn", "Skatteetatens inntektsopplysninger"],
      archiveSystems: ["Elements"],
      websiteUrl: "https://digihelgeland.no/",
      sourceUrl: null,
      documentationUrl: null,
      licence: null,
      openSource: false,
      contact: DEMO_COOPERATION_MEMBER.email,
      themes: ["implementation", "collaboration"],
    },
    proposer: DEMO_COOPERATION_MEMBER.email,
    proposedAt: [46, 9],
    accepted: {
      status: "idea",
      note: "Digitale Helgeland vil lage én felles digital søknad for alle medlemskommunene, i stedet for papirskjema og ulike løsninger i hver kommune.",
      at: [45, 14],
    },
    statuses: [
      { status: "pilot", note: "Vefsn og Alstahaug prøver søknaden fra barnehageåret 2023/24.", at: [40, 15] },
      {
        status: "in_use",
        note: "Etter et år med pilot er søknaden i ordinær drift i Vefsn og Alstahaug. Rana og Brønnøy tar den i bruk nå.",
        at: [28, 20],
      },
      {
        status: "scaling",
        note: "I bruk i alle de 16 kommunene i Digitale Helgeland. Flere kommuner i andre regioner vil ta den i bruk, og flere er åpne for en felles anskaffelse.",
        at: [3, 10],
      },
    ],
    adoptions: [
      {
        municipality: "cooperation",
        state: "planning",
        at: [44, 3],
        joint: true,
        note: "Kommunene i Digitale Helgeland utvikler søknaden sammen og deler kostnadene etter innbyggertall.",
      },
      { municipality: "1824", state: "piloting", at: [40, 15], by: COORDINATOR, note: "Pilot i de kommunale barnehagene." },
      { municipality: "1820", state: "piloting", at: [40, 15], by: MARTE, note: "Pilot i alle barnehagene." },
      { municipality: "1824", state: "in_use", at: [28, 1], by: COORDINATOR },
      { municipality: "1820", state: "in_use", at: [28, 1], by: MARTE },
      { municipality: "1833", state: "in_use", at: [28, 15], by: KARI },
      { municipality: "1813", state: "in_use", at: [27, 1], by: OLA },
      { municipality: "1832", state: "piloting", at: [20, 1] },
      { municipality: "1828", state: "piloting", at: [20, 1] },
      ...["1811", "1812", "1815", "1816", "1818", "1822", "1827"].map((municipality) => ({ municipality, state: "in_use" as const, at: [16, 1] as const })),
      ...["1825", "1826", "1828", "1832", "1835"].map((municipality) => ({ municipality, state: "in_use" as const, at: [11, 5] as const })),
      { municipality: "1806", state: "planning", at: [6, 12], joint: true, note: "Vil ta i bruk søknaden fra neste barnehageår." },
      {
        municipality: "1804",
        state: "interested",
        at: [5, 2],
        joint: true,
        by: SOFIE,
        note: "Vi vil gjerne være med på en felles anskaffelse fra barnehageåret 2027/28.",
      },
      { municipality: "1834", state: "interested", at: [4, 20], joint: true },
      { municipality: "1836", state: "interested", at: [4, 20], joint: true },
      { municipality: "5007", state: "planning", at: [3, 18], joint: true },
      { municipality: "5006", state: "interested", at: [2, 7], joint: true },
      { municipality: "5501", state: "interested", at: [1, 14], note: "Vurderer løsningen opp mot egen utvikling." },
    ],
    comments: [
      {
        author: SOFIE,
        daysAgo: 40,
        body:
          "Bodø vurderer å ta i bruk søknaden fra barnehageåret 2027/28. Hvordan har dere løst inntektskontrollen for foreldre " +
          "som er selvstendig næringsdrivende?",
      },
      {
        author: DEMO_COOPERATION_MEMBER.email,
        daysAgo: 39,
        body:
          "Inntektsopplysningene fra Skatteetaten tar med næringsinntekt, men for det siste året kan tallene mangle. " +
          "Da ber søknaden om dokumentasjon, og saksbehandleren vurderer den. Vi viser gjerne hvordan det ser ut for saksbehandleren.",
      },
      {
        author: MARTE,
        daysAgo: 20,
        body: "I Alstahaug gikk saksbehandlingstiden ned fra flere uker til noen få dager. Og foreldrene slipper å sende inn papirer på nytt hvert år.",
      },
    ],
  },
  {
    input: {
      name: WELFARE_TECHNOLOGY,
      summary:
        "Trygghetsalarmer, digitalt tilsyn med sensorer og kamera, og et felles responssenter, kjøpt sammen av fem kommuner på Sør-Helgeland. " +
        "Avtalen er åpen for at flere kommuner kan tiltre.",
      description: WELFARE_TECHNOLOGY_DESCRIPTION,
      owner: { municipalityNumber: "1820" },
      suppliers: ["Tryggheim AS", "Nordvakt Responssenter AS"],
      components: ["Helsenorge", "Kontakt- og reservasjonsregisteret"],
      archiveSystems: [],
      websiteUrl: null,
      sourceUrl: null,
      documentationUrl: null,
      licence: null,
      openSource: false,
      contact: MARTE,
      themes: ["implementation", "procurement", "prevention"],
    },
    proposer: MARTE,
    proposedAt: [41, 2],
    accepted: { status: "pilot", note: "Tre kommuner på Sør-Helgeland prøver digitalt tilsyn, hver med sin leverandør.", at: [40, 6] },
    statuses: [
      {
        status: "in_use",
        note: "Felles avtale signert etter en felles anskaffelse. Alle fem kommunene er over på den nye løsningen.",
        at: [22, 10],
      },
    ],
    adoptions: [
      ...["1820", "1818", "1827"].map((municipality) => ({
        municipality,
        state: "piloting" as const,
        at: [38, 1] as const,
        by: municipality === "1820" ? MARTE : undefined,
      })),
      { municipality: "1813", state: "piloting", at: [30, 1], by: OLA, note: "Digitalt tilsyn på natt, tolv brukere." },
      ...["1820", "1818", "1827", "1816", "1822"].map((municipality) => ({
        municipality,
        state: "in_use" as const,
        at: [22, 1] as const,
        by: municipality === "1820" ? MARTE : undefined,
        note: municipality === "1820" ? "Vertskommune for den felles avtalen." : undefined,
      })),
      { municipality: "1813", state: "in_use", at: [18, 1], by: OLA, note: "Digitalt tilsyn på natt for 38 brukere." },
      { municipality: "1804", state: "piloting", at: [14, 1], by: SOFIE },
      { municipality: "5006", state: "piloting", at: [12, 1] },
      { municipality: "5037", state: "in_use", at: [9, 1] },
      { municipality: "1833", state: "planning", at: [5, 3], joint: true, by: KARI, note: "Vurderer å tiltre avtalen ved første opsjon." },
      { municipality: "1824", state: "planning", at: [5, 3], joint: true, by: COORDINATOR },
      { municipality: "1832", state: "interested", at: [5, 3], joint: true },
      { municipality: "1505", state: "interested", at: [2, 16] },
    ],
    experiences: [
      JOINT_PROCUREMENT_TITLE,
      "Digitalt tilsyn på natt: fra 12 til 38 brukere i Brønnøy",
      "Gevinstrealisering i velferdsteknologi: slik måler Bodø og Rana hvert kvartal",
    ],
    agendaItems: ["Alstahaug: Slik fikk fem kommuner til én felles anskaffelse", "Brønnøy: Digitalt tilsyn på natt – ett år etter"],
    comments: [
      {
        author: KARI,
        daysAgo: 30,
        body: "Rana vil gjerne tiltre avtalen ved første opsjon. Hvor lang tid tok overgangen fra den gamle leverandøren?",
      },
      {
        author: MARTE,
        daysAgo: 29,
        body: "Omtrent fire måneder fra signert kontrakt til alle fem var over. Erfaringsdelingen vår forteller hva som tok tid, og hva vi ville gjort annerledes.",
      },
    ],
  },
  {
    input: {
      name: "Digital innbyggerdialog i planarbeidet",
      summary: "Innbyggerne leser planforslag, ser dem i kart og gir innspill på nett. Kommunen inviterer innbyggerne i et område og svarer på innspillene samlet.",
      description: DIALOGUE_DESCRIPTION,
      owner: { municipalityNumber: "1804" },
      suppliers: [],
      components: ["ID-porten", "Kontakt- og reservasjonsregisteret", "Digipost"],
      archiveSystems: ["Public 360"],
      websiteUrl: "https://bodo.kommune.no/",
      sourceUrl: "https://git.kommuneforum.no/bodo/innbyggerdialog",
      documentationUrl: null,
      licence: "EUPL-1.2",
      openSource: true,
      contact: SOFIE,
      themes: ["collaboration", "leadership"],
    },
    proposer: SOFIE,
    proposedAt: [21, 3],
    accepted: { status: "idea", note: "Bodø utvikler et verktøy for medvirkning i planarbeidet, med åpen kildekode.", at: [20, 8] },
    statuses: [{ status: "pilot", note: "Piloter i Bodø og Oslo.", at: [11, 4] }],
    adoptions: [
      { municipality: "1804", state: "piloting", at: [11, 1], by: SOFIE, note: "To reguleringsplaner og kommuneplanens samfunnsdel." },
      { municipality: "0301", state: "piloting", at: [6, 1], by: AMIR, note: "Prøves i to bydeler." },
      { municipality: "1833", state: "interested", at: [4, 10], by: KARI },
      { municipality: "5501", state: "planning", at: [3, 1] },
      { municipality: "4204", state: "interested", at: [2, 20], joint: true },
      { municipality: "5601", state: "interested", at: [1, 8] },
    ],
  },
  {
    input: {
      name: "KI-assistent for utkast til vedtak i byggesak",
      summary: "En KI-assistent som skriver utkast til svarbrev og enkle vedtak i byggesak. Saksbehandleren leser, retter og signerer alltid selv.",
      description: CASEWORK_AI_DESCRIPTION,
      owner: { municipalityNumber: "1833" },
      suppliers: ["Accenture"],
      components: ["ID-porten", "KS Fiks"],
      archiveSystems: ["Elements"],
      websiteUrl: null,
      sourceUrl: null,
      documentationUrl: null,
      licence: null,
      openSource: false,
      contact: KARI,
      themes: ["implementation", "competence"],
    },
    proposer: KARI,
    proposedAt: [3, 2],
    accepted: { status: "idea", note: "Tatt inn som idé. Forumet om kunstig intelligens tar den opp.", at: [2, 12] },
    adoptions: [
      { municipality: "1833", state: "planning", at: [2, 12], by: KARI, note: "Tidlig utprøving i byggesak; se utkastet til erfaringsdeling." },
      { municipality: "1820", state: "interested", at: [2, 20], joint: true, by: MARTE },
      { municipality: "1804", state: "interested", at: [1, 25], joint: true, by: SOFIE },
      { municipality: "1103", state: "interested", at: [1, 25], joint: true },
      { municipality: "4601", state: "interested", at: [1, 10] },
      { municipality: "5001", state: "interested", at: [1, 10] },
    ],
  },
  {
    input: {
      name: "Digital søknad om økonomisk sosialhjelp",
      summary: "Innbyggere søker om økonomisk sosialhjelp på nett, følger saken og sender dokumentasjon underveis. Svar og vedtak kommer i digital postkasse.",
      description: SOCIAL_ASSISTANCE_DESCRIPTION,
      owner: { organisation: "KS" },
      suppliers: [],
      components: ["ID-porten", "KS Fiks", "Altinn", "Digipost"],
      archiveSystems: ["Elements", "Public 360", "Acos WebSak"],
      websiteUrl: "https://www.ks.no/",
      sourceUrl: null,
      documentationUrl: null,
      licence: null,
      openSource: false,
      contact: null,
      themes: ["implementation", "prevention"],
    },
    proposer: COORDINATOR,
    proposedAt: [52, 1],
    accepted: { status: "scaling", note: "Tatt i bruk i kommuner i mange fylker.", at: [52, 5] },
    statuses: [{ status: "national", note: "I bruk i kommuner i alle fylker. KS forvalter løsningen for kommunesektoren.", at: [30, 1] }],
    adoptions: (
      [
        ["0301", 50, AMIR], ["1103", 50], ["1108", 48], ["1505", 46], ["1804", 44, SOFIE], ["1813", 40, OLA], ["1820", 40, MARTE],
        ["1833", 38, KARI], ["1824", 38, COORDINATOR], ["3101", 44], ["3107", 42], ["3201", 48], ["3301", 45], ["3403", 41],
        ["3905", 43], ["4001", 39], ["4204", 47], ["4601", 49], ["5001", 49], ["5501", 42], ["5503", 36], ["5601", 34],
      ] as [string, number, string?][]
    ).map(([municipality, months, by]) => ({ municipality, state: "in_use" as const, at: [months, 1] as const, by, unconfirmed: municipality === "5601" })),
  },
  {
    input: {
      name: "SMS-varsling til innbyggere ved vannbrudd",
      summary: "SMS til innbyggerne i et område ved vannbrudd, kokevarsel og stengte veier. Avviklet: kommunene bruker nå varslingen i det felles beredskapssystemet.",
      description: SMS_ALERT_DESCRIPTION,
      owner: { municipalityNumber: "1824" },
      suppliers: ["Varslingssentralen Nord AS"],
      components: ["Kontakt- og reservasjonsregisteret"],
      archiveSystems: [],
      websiteUrl: null,
      sourceUrl: null,
      documentationUrl: null,
      licence: null,
      openSource: false,
      contact: COORDINATOR,
      themes: ["preparedness"],
    },
    proposer: COORDINATOR,
    proposedAt: [50, 1],
    accepted: { status: "in_use", note: "I drift i Vefsn; Grane og Hattfjelldal bruker samme avtale.", at: [50, 3] },
    statuses: [{ status: "retired", note: "Erstattet av varslingen i det felles beredskapssystemet. Avtalen med leverandøren er sagt opp.", at: [10, 1] }],
    adoptions: [
      { municipality: "1824", state: "in_use", at: [50, 3] },
      { municipality: "1825", state: "in_use", at: [40, 1] },
      { municipality: "1826", state: "in_use", at: [40, 1] },
      { municipality: "1563", state: "in_use", at: [36, 1] },
      { municipality: "5041", state: "in_use", at: [30, 1] },
      { municipality: "1563", state: "discontinued", at: [11, 1] },
      ...["1824", "1825", "1826"].map((municipality) => ({ municipality, state: "discontinued" as const, at: [10, 1] as const })),
      { municipality: "5041", state: "discontinued", at: [8, 1] },
    ],
  },
  {
    input: {
      name: "Digital timebestilling på helsestasjonen",
      summary: "Foreldre bestiller, flytter og avbestiller timer på helsestasjonen på nett, og får påminnelse dagen før.",
      description: "Brønnøy har tatt i bruk timebestilling gjennom Helsenorge for helsestasjonen. Vi foreslår den for katalogen, så andre kommuner kan se hvordan vi gjorde det.\n",
      owner: { municipalityNumber: "1813" },
      suppliers: [],
      components: ["Helsenorge", "ID-porten"],
      archiveSystems: [],
      websiteUrl: null,
      sourceUrl: null,
      documentationUrl: null,
      licence: null,
      openSource: false,
      contact: OLA,
      themes: ["prevention"],
    },
    proposer: OLA,
    proposedAt: { daysAgo: 6 },
  },
];

const DAY = 24 * 60 * 60 * 1000;

/** YYYY-MM-DD some whole months before `now`, on a day of that month; or some days before it. */
function dateOf(now: Date, when: When | { daysAgo: number }): string {
  const date =
    "daysAgo" in when
      ? new Date(now.getTime() - when.daysAgo * DAY)
      : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - when[0], Math.min(when[1], 28)));
  return date.toISOString().slice(0, 10);
}

/** Ten in the morning, Oslo time (near enough: 09:00 UTC), on a YYYY-MM-DD. */
const morningOf = (date: string) => new Date(`${date}T09:00:00Z`);

/** The last mail and notice queued: what the demo's writes queued lies above them. */
async function lastIds(): Promise<{ mail: number; notice: number }> {
  const [row] = await db()
    .select({
      mail: sql<number>`coalesce((select max(id) from ${emailOutbox}), 0)`.mapWith(Number),
      notice: sql<number>`coalesce((select max(id) from ${notifications}), 0)`.mapWith(Number),
    })
    .from(sql`(values (1)) as one (x)`);
  return row!;
}

/** Adds the organisations (by slug) and Digitale Helgeland's municipalities that are missing; their ids by name. */
async function seedOrganisations(): Promise<Map<string, number>> {
  await db()
    .insert(organisations)
    .values(DEMO_ORGANISATIONS.map((o) => ({ slug: slugify(o.name), name: o.name, kind: o.kind, description: o.description, website: o.website })))
    .onConflictDoNothing();
  const rows = await db()
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.slug, DEMO_ORGANISATIONS.map((o) => slugify(o.name))));
  const ids = new Map(rows.map((r) => [r.name, r.id]));
  const links = DEMO_ORGANISATIONS.flatMap((o) => (o.municipalities ?? []).map((municipalityNumber) => ({ organisationId: ids.get(o.name)!, municipalityNumber })));
  if (links.length > 0) await db().insert(organisationMunicipalities).values(links).onConflictDoNothing();
  return ids;
}

/** The demo member of Digitale Helgeland, added when missing, with the demo password. */
async function seedCooperationMember(organisationId: number) {
  const added = await db()
    .insert(members)
    .values({
      ...DEMO_COOPERATION_MEMBER,
      municipalityNumber: null,
      organisationId,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      role: "member",
      status: "approved",
      decidedAt: new Date(),
    })
    .onConflictDoNothing()
    .returning({ id: members.id });
  if (added.length > 0) console.log(`  member      approved ${DEMO_COOPERATION_MEMBER.email}  (${DEMO_COOPERATION_MEMBER.name}, ${DIGITALE_HELGELAND})\n`);
  const [member] = await db()
    .select({ id: members.id, email: members.email, name: members.name, municipalityNumber: members.municipalityNumber, organisationId: members.organisationId })
    .from(members)
    .where(eq(members.email, DEMO_COOPERATION_MEMBER.email));
  return member!;
}

type Event =
  | { date: string; order: number; kind: "status"; status: SolutionStatus; note: string }
  | { date: string; order: number; kind: "adoption"; adoption: DemoAdoption };

/**
 * Seeds the catalogue's demo: the organisations the story names (Digitale Helgeland with its 16
 * municipalities among them), a demo member of Digitale Helgeland, six accepted solutions in every
 * scaling status and one proposal awaiting review, with adoptions across counties, comments, and links
 * to the demo write-ups and agenda items. Needs the demo members; does nothing when any solution
 * exists, so running it again is harmless. Goes through the catalogue's write functions in the story's
 * order, so timelines, every adoption change and the counts agree; then dates what they stamped "now".
 * Demo addresses get no mail.
 */
export async function seedDemoSolutions(now = new Date()): Promise<number> {
  const [existing] = await db().select({ n: count() }).from(solutions);
  if ((existing?.n ?? 0) > 0) return 0;
  const people = await demoPeople();
  if (!people.has(COORDINATOR)) return 0;
  const organisationIds = await seedOrganisations();
  const helgeland = organisationIds.get(DIGITALE_HELGELAND)!;
  const cooperationMember = await seedCooperationMember(helgeland);
  const roles = new Map(DEMO_MEMBERS.map((m) => [m.email, m.role ?? "member"]));
  const viewer = (email: string): ViewerSummary => {
    if (email === DEMO_COOPERATION_MEMBER.email) return { ...cooperationMember, role: "member", status: "approved" };
    const person = people.get(email);
    if (!person) throw new Error(`The demo member ${email} is missing.`);
    return { ...person, role: roles.get(email) ?? "member", status: "approved", organisationId: null };
  };
  const coordinator = viewer(COORDINATOR);
  const themeIds = new Map((await db().select({ id: themes.id, slug: themes.slug }).from(themes)).map((t) => [t.slug, t.id]));

  const { mail: mailFrom, notice: noticeFrom } = await lastIds();
  const dated = { solutions: [] as SQL[], statuses: [] as SQL[], notices: [] as SQL[], comments: [] as SQL[], unconfirmed: [] as SQL[] };

  for (const demo of DEMO_SOLUTIONS) {
    if (![demo.proposer, demo.input.contact, ...(demo.adoptions ?? []).map((a) => a.by)].every((e) => e == null || e === DEMO_COOPERATION_MEMBER.email || people.has(e))) {
      continue;
    }
    const { owner, suppliers, contact, themes: themeSlugs, ...fields } = demo.input;
    const input: SolutionInput = {
      ...fields,
      owner: "organisation" in owner ? { organisationId: organisationIds.get(owner.organisation)! } : owner,
      supplierIds: suppliers.map((name) => organisationIds.get(name)!),
      contactMemberId: contact ? viewer(contact).id : null,
      themeIds: themeSlugs.map((slug) => themeIds.get(slug)).filter((id) => id !== undefined),
    };
    const proposed = await proposeSolution(viewer(demo.proposer), input);
    if (!proposed.ok) throw new Error(`The demo solution «${demo.input.name}» could not be proposed: ${proposed.reason}.`);
    const solution = proposed.solution;
    const proposedOn = dateOf(now, demo.proposedAt);
    const url = `/solutions/${solution.slug}`;
    let lastChange = proposedOn;

    if (demo.accepted) {
      const acceptedOn = dateOf(now, demo.accepted.at);
      const reviewed = await reviewSolution(coordinator, solution.id, {
        decision: "accept",
        status: demo.accepted.status,
        note: demo.accepted.note,
        effectiveOn: acceptedOn,
      });
      if (!reviewed.ok) throw new Error(`The demo solution «${demo.input.name}» could not be accepted: ${reviewed.reason}.`);
      dated.statuses.push(sql`(${solution.id}::int, ${demo.accepted.status}::text, ${morningOf(acceptedOn).toISOString()}::timestamptz)`);
      dated.notices.push(sql`(${url}, 'solution_reviewed', 'accepted', ${morningOf(acceptedOn).toISOString()}::timestamptz)`);
      lastChange = acceptedOn;

      // Status changes and adoptions in the order they happened, so each change tells whom it would have told.
      const events: Event[] = [
        ...(demo.statuses ?? []).map((s, order) => ({ date: dateOf(now, s.at), order, kind: "status" as const, status: s.status, note: s.note })),
        ...(demo.adoptions ?? []).map((adoption, order) => ({ date: dateOf(now, adoption.at), order, kind: "adoption" as const, adoption })),
      ].sort((a, b) => a.date.localeCompare(b.date) || (a.kind === b.kind ? a.order - b.order : a.kind === "adoption" ? -1 : 1));
      let status = demo.accepted.status;
      // The version of each adoption this demo recorded (none before it; the cooperation's recordings unknown).
      const versions = new Map<string, number | null>();
      let cooperated = false;
      for (const event of events) {
        if (event.kind === "status") {
          const changed = await setSolutionStatus(coordinator, solution.id, { fromStatus: status, toStatus: event.status, note: event.note, effectiveOn: event.date });
          if (!changed.ok) throw new Error(`The demo solution «${demo.input.name}» could not become ${event.status}: ${changed.reason}.`);
          status = event.status;
          dated.statuses.push(sql`(${solution.id}::int, ${event.status}::text, ${morningOf(event.date).toISOString()}::timestamptz)`);
          dated.notices.push(sql`(${url}, 'solution_status_changed', ${event.status}::text, ${morningOf(event.date).toISOString()}::timestamptz)`);
        } else {
          const { municipality, state, note = "", joint = false, by } = event.adoption;
          const adoption = { state, since: event.date, note, openToJointProcurement: joint };
          let result;
          if (municipality === "cooperation") {
            result = await recordForCooperation(viewer(DEMO_COOPERATION_MEMBER.email), helgeland, solution.id, adoption);
            versions.clear();
            cooperated = true;
          } else {
            // Each recording is based on the one before it, as the form would show it.
            const seen = versions.has(municipality) || !cooperated ? (versions.get(municipality) ?? null) : ((await adoptionOf(solution.id, municipality))?.version ?? null);
            result = await recordAdoption(viewer(by ?? COORDINATOR), solution.id, municipality, adoption, seen);
            if (result.ok) versions.set(municipality, result.adoption.version);
          }
          if (!result.ok) throw new Error(`The demo adoption of «${demo.input.name}» in ${municipality} failed: ${result.reason}.`);
          if (event.adoption.unconfirmed) dated.unconfirmed.push(sql`(${solution.id}::int, ${municipality}::text)`);
        }
        if (event.date > lastChange) lastChange = event.date;
      }
    }

    dated.solutions.push(
      sql`(${solution.id}::int, ${morningOf(proposedOn).toISOString()}::timestamptz,
        ${demo.accepted ? morningOf(dateOf(now, demo.accepted.at)).toISOString() : null}::timestamptz,
        ${morningOf(lastChange).toISOString()}::timestamptz)`,
    );

    // Write-ups that tell of it, and agenda items where it was presented (when those demos are there).
    if (demo.experiences?.length) {
      const told = await db().select({ id: experiences.id }).from(experiences).where(inArray(experiences.title, demo.experiences));
      if (told.length > 0) await db().insert(experienceSolutions).values(told.map((e) => ({ experienceId: e.id, solutionId: solution.id }))).onConflictDoNothing();
    }
    if (demo.agendaItems?.length) {
      await db().update(agendaItems).set({ solutionId: solution.id }).where(inArray(agendaItems.title, demo.agendaItems));
    }
    for (const comment of demo.comments ?? []) {
      const author = viewer(comment.author);
      const added = await db().transaction((tx) => addComment(author.id, { type: "solution", id: solution.id }, comment.body, tx));
      dated.comments.push(sql`(${added.id}::int, ${new Date(now.getTime() - comment.daysAgo * DAY).toISOString()}::timestamptz)`);
    }
  }

  await dateTheStory(dated, noticeFrom);
  await db()
    .delete(emailOutbox)
    .where(and(sql`${emailOutbox.id} > ${mailFrom}`, inArray(emailOutbox.toAddress, [...people.keys(), DEMO_COOPERATION_MEMBER.email])));
  return DEMO_SOLUTIONS.length;
}

/** The write functions stamp everything "now": date it as the story says. */
async function dateTheStory(dated: Record<"solutions" | "statuses" | "notices" | "comments" | "unconfirmed", SQL[]>, noticeFrom: number) {
  await db().execute(sql`
    update ${solutions} s set created_at = r.created_at, reviewed_at = r.reviewed_at, updated_at = r.updated_at,
      status_changed_at = coalesce((select max(c.effective_on) from ${solutionStatusChanges} c where c.solution_id = s.id)::timestamptz + interval '9 hours', r.created_at)
    from (values ${sql.join(dated.solutions, sql`, `)}) as r (id, created_at, reviewed_at, updated_at)
    where s.id = r.id`);
  if (dated.statuses.length > 0) {
    await db().execute(sql`
      update ${solutionStatusChanges} c set created_at = r.at
      from (values ${sql.join(dated.statuses, sql`, `)}) as r (solution_id, to_status, at)
      where c.solution_id = r.solution_id and c.to_status::text = r.to_status`);
  }
  // Each change of an adoption was recorded on the day it names; the adoption was last confirmed then
  // (or, for what is still going on, within the past year).
  await db().execute(sql`update ${adoptionChanges} set created_at = since::timestamptz + interval '9 hours'`);
  await db().execute(sql`
    update ${adoptions} a set
      created_at = f.first, updated_at = a.since::timestamptz + interval '9 hours',
      confirmed_at = case when a.state = 'discontinued' then a.since::timestamptz + interval '9 hours'
        else greatest(a.since::timestamptz + interval '9 hours', now() - make_interval(days => 20 + (a.id * 37) % 300)) end
    from (select adoption_id, min(created_at) as first from ${adoptionChanges} group by 1) f
    where f.adoption_id = a.id`);
  if (dated.unconfirmed.length > 0) {
    await db().execute(sql`
      update ${adoptions} a set confirmed_at = now() - interval '430 days', reminded_at = now() - interval '60 days'
      from (values ${sql.join(dated.unconfirmed, sql`, `)}) as r (solution_id, municipality_number)
      where a.solution_id = r.solution_id and a.municipality_number = r.municipality_number`);
  }
  if (dated.comments.length > 0) {
    await db().execute(sql`
      update comments c set created_at = r.at
      from (values ${sql.join(dated.comments, sql`, `)}) as r (id, at)
      where c.id = r.id`);
  }
  // A member has long since read what they were told of weeks ago.
  if (dated.notices.length > 0) {
    await db().execute(sql`
      update ${notifications} n set created_at = r.at, read_at = case when r.at < now() - interval '10 days' then r.at + interval '1 day' end
      from (values ${sql.join(dated.notices, sql`, `)}) as r (url, kind, value, at)
      where n.id > ${noticeFrom} and n.url = r.url and n.kind::text = r.kind
        and coalesce(n.params ->> 'solutionStatus', n.params ->> 'review') = r.value`);
  }
}
