import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  agendaItems,
  comments,
  emailOutbox,
  experienceCoAuthors,
  experienceRevisions,
  experiences,
  follows,
  forumSessions,
  notifications,
  themes,
  topics,
  type ContractValueBand,
  type ExperienceVisibility,
  type ProcurementProcedure,
} from "../../db/schema";
import { EXPERIENCE_CO_AUTHORS_MAX } from "../../db/schema/experience-values";
import { JOINT_PROCUREMENT_BODY, JOINT_PROCUREMENT_SUMMARY, JOINT_PROCUREMENT_TITLE } from "./demo-long-write-up.server";
import { addCoAuthor, commentOnExperience, setFollow, updateExperience, writeExperience, type ExperienceInput } from "./experiences.server";
import { db } from "~/db.server";
import { DEMO_EMAIL, DEMO_MEMBERS, demoPeople } from "~/members/demo.server";
import type { ViewerSummary } from "~/members/rights";
import { COVERED_DEMO_TOPIC } from "~/topics/demo.server";

const { coordinator: COORDINATOR, kari: KARI, ola: OLA, marte: MARTE, sofie: SOFIE, amir: AMIR } = DEMO_EMAIL;

/** The demo forum sessions (forum-sessions/demo.server.ts) write-ups came from. */
const PILOT_TO_OPERATION = "Velferdsteknologi: fra pilot til drift";
const JOINT_PROCUREMENTS = "Felles anskaffelser på Helgeland";
const AFTER_THE_EXERCISE = "Informasjonssikkerhet og beredskap etter øvelsen";

interface DemoRevision {
  editor: string;
  days: number;
  note: string;
  /** What the editor changed: the text before becomes the text after. */
  edit: (before: { title: string; summary: string; body: string }) => { title: string; summary: string; body: string };
  municipalities?: string[];
}

interface DemoExperience {
  title: string;
  summary: string;
  body: string;
  author: string;
  themes: string[];
  visibility?: ExperienceVisibility;
  /** Co-authoring municipalities, besides the author's own. */
  municipalities?: string[];
  /**
   * When it was published, in days from today, or from the start of the forum session it came from
   * (`session`, with the `agendaItem` its author presented there). Every other `days` counts from the same point.
   */
  days: number;
  session?: string;
  agendaItem?: string;
  topic?: string;
  draft?: boolean;
  procurement?: {
    procedure: ProcurementProcedure;
    /** The contract's year, as years before today. */
    yearsAgo: number;
    suppliers: string[];
    valueBand: ContractValueBand;
    partners: string[];
    lessons: string;
  };
  coAuthor?: { email: string; days: number };
  revisions?: DemoRevision[];
  comments?: { author: string; days: number; body: string }[];
}

const GAINS_BODY = `## Hvorfor vi måler

Da vi tok i bruk digitalt tilsyn og elektroniske medisindispensere, lovet prosjektet gevinster: mindre kjøring, færre innleggelser og mer tid til brukerne. Et år etter visste ingen om vi hadde fått dem. Tjenestene opplevde at de hadde fått mer å gjøre, ikke mindre.

Derfor laget vi et gevinstkart, og bestemte at målingene skulle eies av tjenestene, ikke av prosjektet.

## Gevinstkartet

| Gevinst | Måles som | Kilde | Ansvar |
|---|---|---|---|
| Frigjort tid | Timer per uke | Turnus og kjørelister | Enhetsleder |
| Færre innleggelser | Antall per kvartal | Journalsystemet | Kommunalsjef |
| Færre legemiddelavvik | Antall avvik per kvartal | Avvikssystemet | Fagsykepleier |
| Brukertilfredshet | Kort spørreundersøkelse | Telefonintervju | Enhetsleder |

## Slik måler vi

1. Vi målte utgangspunktet i tre måneder før teknologien ble tatt i bruk.
2. Hver enhet rapporterer de samme fire tallene hvert kvartal, i et felles regneark.
3. Kvalitetsrådgiveren sammenstiller tallene og sender dem til ledergruppen.

Tallene er ikke perfekte. Frigjort tid er et anslag basert på kjørelister, ikke en stoppeklokke. Men de samme feilene gjentar seg hvert kvartal, så utviklingen er til å stole på.

## Hva tallene viser så langt

- 1 900 timer frigjort i hjemmetjenesten det siste året, mest fordi færre besøk går med til å dele ut legemidler.
- 38 prosent færre legemiddelavvik blant brukerne med medisindispenser.
- Ingen målbar endring i innleggelser ennå. Vi tror det er for tidlig å si noe.

## Rapportering til kommunestyret

Kommunestyret får én side i tertialrapporten: de fire tallene, utviklingen siden forrige gang og hva den frigjorte tiden er brukt til. Det siste er viktigst. Frigjort tid som ikke blir synlig, forsvinner.

## Tre råd

1. Bestem hva som skal måles *før* piloten starter.
2. La tjenesten eie målingene, ikke prosjektet.
3. Bruk gevinstene til noe de ansatte kan se.
`;

const RANA_GAINS = `## Rana: samme gevinstkart, andre tall

Rana tok i bruk Bodøs gevinstkart et halvt år etter Bodø, med de samme fire målene. Vi har færre brukere og lengre avstander, og det viser seg i tallene:

- Frigjort tid per bruker er høyere enn i Bodø, fordi hvert besøk vi slipper, sparer lang kjøring.
- Legemiddelavvikene har gått ned omtrent like mye som i Bodø.
- Brukertilfredsheten er høy, men svarprosenten er lav. Vi ringer nå brukerne i stedet for å sende skjema.

At to kommuner måler det samme, gjør det mulig å sammenligne. Vi ønsker at flere kommuner i klyngen bruker de samme målene.

`;

// The forum's story goes on: what the municipalities wrote up after the sessions, one of them the joint
// procurement the covered demo topic asked about.
export const DEMO_EXPERIENCES: DemoExperience[] = [
  {
    title: JOINT_PROCUREMENT_TITLE,
    summary: JOINT_PROCUREMENT_SUMMARY,
    body: JOINT_PROCUREMENT_BODY,
    author: MARTE,
    themes: ["procurement", "collaboration"],
    municipalities: ["1816", "1818", "1822", "1827"],
    session: JOINT_PROCUREMENTS,
    agendaItem: "Alstahaug: Slik fikk fem kommuner til én felles anskaffelse",
    topic: COVERED_DEMO_TOPIC,
    days: 8,
    procurement: {
      procedure: "joint_procurement",
      yearsAgo: 2,
      suppliers: ["Tryggheim AS", "Nordvakt Responssenter AS"],
      valueBand: "5m_20m",
      partners: ["1816", "1818", "1822", "1827"],
      lessons:
        "Vi ville startet behovsavklaringen et halvt år tidligere, og skrevet inn i samarbeidsavtalen fra starten hvem som følger opp leverandøren. " +
        "Vi ville skrevet brukerscenarier i stedet for vage krav, latt alle kommunene prøve løsningene før evalueringen, " +
        "og sjekket delegeringsreglementet i hver kommune før vi lagde tidsplanen.",
    },
    comments: [
      {
        author: KARI,
        days: 10,
        body: "Rana vurderer å tiltre avtalen ved første opsjon. Hvordan håndterer responssenteret at kommunene har ulike rutiner for utrykning?",
      },
      {
        author: MARTE,
        days: 11,
        body:
          "Responssenteret har én felles instruks og et lokalt vedlegg per kommune, med kontaktpersoner, nøkkelrutiner og hvem som rykker ut. " +
          "Det vedlegget må dere fylle ut ved tiltredelse. Jeg sender gjerne malen.",
      },
      { author: COORDINATOR, days: 14, body: "Takk for en grundig gjennomgang, Marte. Denne bruker vi når klyngen planlegger neste felles anskaffelse." },
    ],
  },
  {
    title: "Dynamisk innkjøpsordning for IKT-konsulenter: erfaringer etter to år",
    summary:
      "Oslo kommune erstattet rammeavtalen for IKT-konsulenter med en dynamisk innkjøpsordning. Flere og mindre leverandører gir tilbud, " +
      "og prisene har gått ned. Men ordningen krever mer av dem som bestiller, enn vi trodde.",
    body: `## Hvorfor vi gikk bort fra rammeavtalen

Oslo kommune hadde i mange år rammeavtaler for IKT-konsulenter med et fast utvalg leverandører. Avtalene var store, og i praksis fikk de samme fire–fem leverandørene de fleste oppdragene. Mindre og nyere leverandører kom ikke inn før neste konkurranse, fire år senere.

Vi etablerte derfor en dynamisk innkjøpsordning. Den er åpen for nye leverandører hele tiden: en leverandør som oppfyller kvalifikasjonskravene, blir tatt opp og kan konkurrere om neste oppdrag.

## Slik fungerer ordningen

1. Ordningen er delt i kategorier: prosjektledelse, tjenestedesign, utvikling, arkitektur, informasjonssikkerhet og test.
2. Leverandører søker om å bli kvalifisert i én eller flere kategorier. Vi behandler søknadene innen ti virkedager.
3. Når en virksomhet i kommunen trenger hjelp, sender vi en konkurranse til alle kvalifiserte leverandører i kategorien. Fristen er vanligvis ti dager.
4. Tilbudene evalueres på pris og kompetanse, og kontrakten signeres med vinneren.

## Hva vi har fått ut av det

- 34 leverandører er kvalifisert, mot 5 på den gamle rammeavtalen.
- Vi får i snitt fem til seks tilbud per konkurranse.
- Timeprisene har gått ned med om lag 8 prosent for sammenlignbare oppdrag.
- Tiden fra behov til signert kontrakt er omtrent den samme som ved minikonkurranser på rammeavtalen.

## Hva det krever

Ordningen krever mer av bestillerne enn en rammeavtale. Hver konkurranse trenger en god beskrivelse av oppdraget, og noen må evaluere tilbudene. Det undervurderte vi det første året. Nå har vi maler for oppdragsbeskrivelser og et lite team i innkjøpsavdelingen som hjelper virksomhetene.

## Passer det for mindre kommuner?

En dynamisk innkjøpsordning passer best der det er mange kjøp av samme slag over tid. For én liten kommune blir det sjelden nok volum. For en region som Helgeland kan en felles ordning, der én kommune drifter den og alle kan bruke den, være et godt alternativ til hver sin rammeavtale.
`,
    author: AMIR,
    themes: ["procurement"],
    session: JOINT_PROCUREMENTS,
    agendaItem: "Oslo: Dynamisk innkjøpsordning i praksis",
    days: 12,
    procurement: {
      procedure: "dynamic_purchasing_system",
      yearsAgo: 3,
      suppliers: ["Fjordkode AS", "Nordisk Tjenestedesign AS", "Kvartal Rådgivning AS", "Bølge Data AS"],
      valueBand: "over_100m",
      partners: [],
      lessons:
        "Vi ville brukt mer tid på å avgrense kategoriene før kunngjøringen, og hatt maler for oppdragsbeskrivelser og evaluering klare fra første dag. " +
        "Og vi ville satt av folk i innkjøpsavdelingen til å hjelpe bestillerne fra starten.",
    },
    comments: [
      {
        author: MARTE,
        days: 15,
        body: "Hvor mange tilbud får dere i de minste kategoriene? Vi lurer på om markedet her nord er stort nok for en felles ordning på Helgeland.",
      },
      {
        author: AMIR,
        days: 16,
        body:
          "I informasjonssikkerhet og test får vi ofte bare to–tre tilbud. Flere av leverandørene jobber gjerne på avstand, " +
          "så geografien betyr mindre enn man skulle tro.",
      },
    ],
  },
  {
    title: "Gevinstrealisering i velferdsteknologi: slik måler Bodø hvert kvartal",
    summary:
      "Bodø måler frigjort tid, innleggelser, legemiddelavvik og brukertilfredshet hvert kvartal etter at velferdsteknologien er satt i drift. " +
      "Her er gevinstkartet, hvordan vi måler, og hvordan vi rapporterer til kommunestyret.",
    body: GAINS_BODY,
    author: SOFIE,
    themes: ["implementation", "leadership"],
    session: PILOT_TO_OPERATION,
    agendaItem: "Bodø: Gevinstrealisering som faktisk blir målt",
    days: 20,
    coAuthor: { email: KARI, days: 38 },
    revisions: [
      {
        editor: KARI,
        days: 40,
        note: "La til Ranas erfaringer med det samme gevinstkartet.",
        municipalities: ["1833"],
        edit: (text) => ({ ...text, body: text.body.replace("## Tre råd", `${RANA_GAINS}## Tre råd`) }),
      },
      {
        editor: SOFIE,
        days: 122,
        note: "Oppdaterte tallene med siste kvartal, og tok med Rana i tittel og sammendrag.",
        municipalities: ["1833"],
        edit: (text) => ({
          title: "Gevinstrealisering i velferdsteknologi: slik måler Bodø og Rana hvert kvartal",
          summary: text.summary.replace("Bodø måler", "Bodø og Rana måler"),
          body: text.body
            .replace("1 900 timer frigjort i hjemmetjenesten det siste året", "2 300 timer frigjort i hjemmetjenesten de siste tolv månedene")
            .replace("38 prosent færre legemiddelavvik", "41 prosent færre legemiddelavvik")
            .replace(
              "Ingen målbar endring i innleggelser ennå. Vi tror det er for tidlig å si noe.",
              "Innleggelsene blant brukerne med digitalt tilsyn har gått noe ned de to siste kvartalene, men tallene er små, og vi venter med å konkludere.",
            ),
        }),
      },
    ],
    comments: [
      {
        author: OLA,
        days: 70,
        body: "Brønnøy vil ta i bruk det samme gevinstkartet. Kan dere dele regnearket dere bruker til kvartalsrapporten?",
      },
    ],
  },
  {
    title: "Digitalt tilsyn på natt: fra 12 til 38 brukere i Brønnøy",
    summary:
      "Kamera og sensorer har erstattet en tredjedel av de fysiske nattilsynene i hjemmetjenesten. Det viktigste grepet var ikke teknologien, " +
      "men å gjøre vurderingen av digitalt tilsyn til en fast del av vedtaket.",
    body: `## Utgangspunktet

For to år siden hadde hjemmetjenesten i Brønnøy 12 brukere med digitalt tilsyn, alle i en pilot. Nattevaktene kjørte fortsatt til de fleste brukerne for å se at alt var i orden, ofte flere ganger per natt. Det betydde mange mil på vinterveier, og brukere som ble vekket av at noen kom inn.

## Hva vi gjorde

1. Vi gjorde vurderingen av digitalt tilsyn til en fast del av kartleggingen før vedtak, ikke et tillegg som prosjektet foreslo.
2. Vi lagde en rutine for samtykke og informasjon til pårørende, med en egen framgangsmåte når brukeren ikke selv kan samtykke.
3. Nattevaktene fikk nettbrett med varslene, og fast opplæring i hvordan de vurderer et varsel.
4. Vi evaluerer hver bruker etter fire uker: fungerer tilsynet, eller trenger brukeren fysisk tilsyn i tillegg?

## Resultater

- 38 brukere har digitalt tilsyn i dag.
- Antall fysiske tilsyn på natt er redusert med om lag en tredjedel.
- Brukerne forteller om bedre søvn når de slipper å bli vekket.
- Nattevaktene bruker tiden de sparer, på brukerne som trenger dem mest.

## Det vi fortsatt sliter med

Dekningen for mobilnett er dårlig noen steder i kommunen, og der må vi bruke fast bredbånd. Det gjør installasjonen dyrere og tregere. Vi har heller ikke en god løsning for brukere som bor sammen med en ektefelle som ikke vil ha sensorer i huset.

> Teknologien var ikke det vanskelige. Det var å endre hvordan vi fatter vedtak.
`,
    author: OLA,
    themes: ["implementation", "prevention"],
    session: PILOT_TO_OPERATION,
    agendaItem: "Brønnøy: Digitalt tilsyn på natt – ett år etter",
    days: 9,
    comments: [
      {
        author: SOFIE,
        days: 13,
        body: "Hvordan har dere løst det når flere sensorer varsler samtidig? Det var det nattevaktene hos oss var mest bekymret for.",
      },
    ],
  },
  {
    title: "Øvelse «Digitalt bortfall»: funn og tiltak etter to døgn uten nett",
    summary:
      "Kommunene på Helgeland øvde på to døgn uten nett og fagsystemer. Papirrutinene i hjemmetjenesten holdt, men varslingen mellom kommunene " +
      "tok nesten fire timer. Funnene beskriver sårbarheter og deles derfor bare med medlemmer.",
    body: `## Scenariet

Øvelsen tok utgangspunkt i et dataangrep mot det interkommunale IKT-samarbeidet. Nett, e-post, journalsystem og sak- og arkivsystem var borte i to døgn. Telefonen virket, men bare på mobilnettet. Alle åtte kommunene i IKT-samarbeidet var med, med kriseledelse, helse og omsorg, barnehage og skole.

## Hva fungerte

- Kriseledelsen i Vefsn var samlet innen en time, og hadde oversikt etter tre.
- Hjemmetjenesten gikk over til papirrutiner for legemidler og besøkslister uten større problemer. Utskriftene fra kvelden før var avgjørende.
- Informasjonen til innbyggerne gikk ut på lokalradioen og på plakater ved butikkene.

## Hva sviktet

- Varslingen mellom kommunene tok nesten fire timer. Telefonlistene var utdaterte, og flere nøkkelpersoner hadde numrene bare i e-postsystemet.
- Kontinuitetsplaner for barnehage og skole manglet i fem av åtte kommuner.
- Adgangskortene til to rådhus virket ikke uten nett, og reservenøklene lå innelåst.
- Ingen visste hvem som hadde myndighet til å bestille hjelp fra leverandøren utenom arbeidstid.

## Tiltak

| Tiltak | Ansvar | Frist |
|---|---|---|
| Felles varslingsliste på papir og i mobilen til nøkkelpersonene, oppdatert hvert halvår | Beredskapskoordinatorene | Tre måneder |
| Kontinuitetsplaner for barnehage og skole | Kommunalsjef for oppvekst i hver kommune | Seks måneder |
| Reservenøkler som kan brukes uten adgangskort | Eiendomsavdelingene | Én måned |
| Fullmakt til å bestille hjelp utenom arbeidstid | Styret i IKT-samarbeidet | Neste styremøte |

## Neste øvelse

Vi øver igjen om et år, med vekt på gjenoppretting: hvor lang tid tar det å få journalsystemet opp igjen fra sikkerhetskopi, og i hvilken rekkefølge skal systemene tilbake?
`,
    author: COORDINATOR,
    themes: ["preparedness", "leadership"],
    visibility: "members",
    session: AFTER_THE_EXERCISE,
    agendaItem: "Vefsn: Hva vi lærte av øvelsen «Digitalt bortfall»",
    days: 4,
    comments: [{ author: OLA, days: 5, body: "Brønnøy har oppdatert varslingslisten og lagt den på papir i beredskapsmappen. Vi deler gjerne malen." }],
  },
  {
    title: "Superbrukere med fast tid i turnus: digital kompetanse i hjemmetjenesten",
    summary:
      "Rana har en superbruker på hver base i hjemmetjenesten, med to dager ekstra opplæring og tre timer i uka avsatt i turnusen. " +
      "Det har gjort mer for bruken av velferdsteknologi enn alle kursene til sammen.",
    body: `## Problemet

Vi hadde kjøpt inn medisindispensere, digitalt tilsyn og nye nettbrett, og sendt alle ansatte på kurs. Likevel ble utstyret brukt lite, og mange ringte IKT-brukerstøtten med spørsmål som en kollega kunne ha svart på. Kursene kom for tidlig eller for sent, og de som trengte dem mest, var ofte på jobb da de ble holdt.

## Slik gjorde vi det

- Hver av de seks basene i hjemmetjenesten har minst én superbruker, helst to.
- Superbrukerne får to dager ekstra opplæring fra leverandørene og fra oss, og en halv dag hvert halvår når noe er nytt.
- Tre timer i uka er satt av i turnusen. Tiden er fast, ikke «når det er rolig».
- Superbrukerne møtes digitalt én gang i måneden og deler det de har lært.

## Hva det koster

Tre timer i uka for ti superbrukere er om lag 0,8 årsverk. Vi har finansiert det ved å kjøpe færre eksterne kurs, og med noe av tiden velferdsteknologien har frigjort.

## Hva vi ser

- Henvendelsene til IKT-brukerstøtten fra hjemmetjenesten har gått ned med nesten halvparten.
- Nyansatte lærer utstyret den første uka, av en kollega, i stedet for å vente på neste kurs.
- Flere brukere får tilbud om velferdsteknologi, fordi de ansatte selv er trygge på den.

## Råd

Velg superbrukere som kollegene spør allerede. Det er ikke nødvendigvis de som kan mest om teknologi, men de som liker å hjelpe.
`,
    author: KARI,
    themes: ["competence", "implementation"],
    days: -45,
  },
  {
    title: "Klarspråk i vedtaksbrev: slik skrev vi om malene i helse og omsorg",
    summary:
      "Oslo skrev om 42 brevmaler i helse og omsorg i klarspråk. Innbyggerne ringer sjeldnere for å spørre hva vedtaket betyr, " +
      "og saksbehandlerne bruker malene mer. Malene kan deles med andre kommuner.",
    body: `## Hvorfor

Vedtaksbrevene våre var skrevet for jurister. De begynte med lovhjemmelen, hadde lange avsnitt om klageadgang og sa først på side to hva søkeren faktisk hadde fått. Mange ringte servicesenteret for å få brevet forklart.

## Hva vi gjorde

1. Vi valgte ut de 42 malene som brukes mest i helse og omsorg.
2. En arbeidsgruppe med saksbehandlere, en jurist og en språkrådgiver skrev dem om, ti maler om gangen.
3. Vi testet de nye brevene på innbyggere: kunne de si hva de hadde fått, og hva de måtte gjøre?
4. Malene ble lagt inn i fagsystemet, og de gamle ble fjernet.

## Prinsippene

- Svaret først: «Du får hjemmesykepleie to ganger i uka.»
- Skriv til én person, med «du».
- Korte avsnitt med mellomtitler.
- Lovhjemmel og klageadgang til slutt, i et eget avsnitt som er likt i alle brevene.

## Resultater

Servicesenteret får færre spørsmål om hva vedtakene betyr, og saksbehandlerne sier at de bruker malene mer, fordi de ikke lenger må skrive om teksten selv. Klagene har ikke økt.

## Vil dere bruke malene?

Malene er laget for vårt fagsystem, men teksten kan brukes i alle. Ta kontakt, så sender vi dem.
`,
    author: AMIR,
    themes: ["competence", "collaboration"],
    days: -20,
  },
  {
    title: "Forebyggende hjemmebesøk: fire indikatorer vi følger over tid",
    summary:
      "Rana tilbyr forebyggende hjemmebesøk til alle som fyller 78 år. For å vite om besøkene virker, følger vi fire indikatorer over tid. " +
      "Her er indikatorene, tallene så langt og det vi ennå ikke vet.",
    body: `## Tilbudet

Alle som fyller 78 år, får et brev med tilbud om hjemmebesøk fra en ergoterapeut eller sykepleier. Besøket handler om helse, bolig, fall, ernæring og sosialt nettverk, og om hva kommunen kan tilby før det trengs tjenester. Om lag sju av ti takker ja.

## Indikatorene

| Indikator | Hvorfor |
|---|---|
| Alder ved første vedtak om hjemmetjenester | Utsetter besøkene behovet for tjenester? |
| Fallskader med sykehusinnleggelse | Fall er den vanligste årsaken til at eldre mister funksjon |
| Andel som har fått tilrettelagt boligen | Et konkret tiltak besøket kan utløse |
| Andel som deltar i aktiviteter eller frivillig arbeid | Ensomhet er en risiko vi kan gjøre noe med |

## Tallene så langt

Etter tre år er gjennomsnittsalderen ved første vedtak om hjemmetjenester gått noe opp. Vi er forsiktige med å tolke det: befolkningen endrer seg, og andre tiltak virker samtidig. Fallskadene varierer for mye fra år til år til at vi kan si noe.

## Det vi ennå ikke vet

Vi vet ikke om de som takker nei, er de som trenger besøket mest. Neste år ringer vi et utvalg av dem.

## Sammen med andre

Bodø måler noe av det samme. Forslaget om felles indikatorer for forebyggende hjemmebesøk ligger i forumet, og vi håper flere kommuner vil være med.
`,
    author: KARI,
    themes: ["prevention"],
    topic: "Forebyggende hjemmebesøk: hvordan vet vi at det virker?",
    days: -8,
  },
  {
    title: "KI-assistent i byggesak: et halvt år med utkast til vedtak",
    summary:
      "Utkast. Rana har brukt en KI-assistent til å skrive utkast til svarbrev og vedtak i byggesak. " +
      "Her samler vi det vi har lært om kvalitet, personvern og arkiv, før forumet om kunstig intelligens.",
    body: `## Hva assistenten gjør

- Skriver utkast til svarbrev og enkle vedtak, som saksbehandleren leser, retter og signerer.
- Oppsummerer lange søknader og nabomerknader.

## Hva den ikke får gjøre

- Fatte vedtak eller sende noe ut av kommunen.
- Lese personopplysninger i saker som er unntatt offentlighet.

## Å gjøre før publisering

- [ ] Tall for tidsbruk før og etter
- [ ] Vurderingen fra arkivet om hva som skal journalføres
- [ ] Sitat fra en saksbehandler
`,
    author: KARI,
    themes: ["implementation", "competence"],
    days: -2,
    draft: true,
  },
];

const DAY = 24 * 60 * 60 * 1000;

/** The last mail queued: what the demo's writes queued lies above it. */
async function lastMail(): Promise<number> {
  const [row] = await db().select({ id: sql<number>`coalesce(max(${emailOutbox.id}), 0)`.mapWith(Number) }).from(emailOutbox);
  return row!.id;
}

/**
 * Seeds the demo write-ups (needs the demo members; links to the demo forum sessions and topics when they
 * are there). Does nothing when any write-up exists, so running it again is harmless. Goes through the
 * area's write functions, so revisions, co-authors, comment counts and notices agree; then dates what they
 * stamped "now" as the story says. Demo addresses get no mail.
 */
export async function seedDemoExperiences(now = new Date()): Promise<number> {
  const [existing] = await db().select({ n: count() }).from(experiences);
  if ((existing?.n ?? 0) > 0) return 0;
  const people = await demoPeople();
  if (!DEMO_EXPERIENCES.every((demo) => people.has(demo.author))) return 0;
  const roles = new Map(DEMO_MEMBERS.map((m) => [m.email, m.role ?? "member"]));
  const viewer = (email: string): ViewerSummary => ({ ...people.get(email)!, role: roles.get(email) ?? "member", status: "approved" });
  const themeIds = new Map((await db().select({ id: themes.id, slug: themes.slug }).from(themes)).map((t) => [t.slug, t.id]));
  const sessionTitles = [...new Set(DEMO_EXPERIENCES.flatMap((demo) => (demo.session ? [demo.session] : [])))];
  const sessions = new Map(
    (
      await db()
        .select({ id: forumSessions.id, title: forumSessions.title, startsAt: forumSessions.startsAt })
        .from(forumSessions)
        .where(inArray(forumSessions.title, sessionTitles))
    ).map((s) => [s.title, s]),
  );
  const items =
    sessions.size === 0
      ? []
      : await db()
          .select({ id: agendaItems.id, forumSessionId: agendaItems.forumSessionId, title: agendaItems.title })
          .from(agendaItems)
          .where(inArray(agendaItems.forumSessionId, [...sessions.values()].map((s) => s.id)));
  const topicTitles = DEMO_EXPERIENCES.flatMap((demo) => (demo.topic ? [demo.topic] : []));
  const topicIds = new Map(
    (await db().select({ id: topics.id, title: topics.title }).from(topics).where(inArray(topics.title, topicTitles))).map((t) => [t.title, t.id]),
  );

  const mailFrom = await lastMail();
  const dated = { experiences: [] as SQL[], revisions: [] as SQL[], comments: [] as SQL[], coAuthors: [] as SQL[], notices: [] as SQL[] };
  // What each write told members is found by its link and kind.
  const noticed = (url: string, kind: string, at: Date) => dated.notices.push(sql`(${url}, ${kind}, ${at.toISOString()}::timestamptz)`);

  // Kari follows procurement, long before the procurement write-ups: she is told of them.
  const procurementTheme = themeIds.get("procurement");
  if (procurementTheme) {
    const kari = people.get(KARI)!.id;
    await setFollow(kari, { themeId: procurementTheme }, true);
    await db()
      .update(follows)
      .set({ createdAt: new Date(now.getTime() - 120 * DAY) })
      .where(and(eq(follows.memberId, kari), eq(follows.themeId, procurementTheme)));
  }

  for (const demo of DEMO_EXPERIENCES) {
    const session = demo.session ? sessions.get(demo.session) : undefined;
    const anchor = session?.startsAt ?? now;
    const at = (days: number) => new Date(Math.min(anchor.getTime() + days * DAY, now.getTime() - 60_000));
    const item = session ? items.find((i) => i.forumSessionId === session.id && i.title === demo.agendaItem) : undefined;
    let text = { title: demo.title, summary: demo.summary, body: demo.body };
    const input = (municipalities: string[]): ExperienceInput => ({
      ...text,
      themeIds: demo.themes.map((slug) => themeIds.get(slug)).filter((id) => id !== undefined),
      visibility: demo.visibility ?? "public",
      municipalities,
      forumSessionId: session?.id ?? null,
      agendaItemId: item?.id ?? null,
      topicId: (demo.topic && topicIds.get(demo.topic)) || null,
      procurement: demo.procurement ? { ...demo.procurement, year: now.getFullYear() - demo.procurement.yearsAgo } : null,
    });

    const author = people.get(demo.author)!;
    let experience = await writeExperience(author, input(demo.municipalities ?? []), !demo.draft);
    if (!demo.draft) noticed(`/experiences/${experience.id}`, "experience_published", at(demo.days));
    dated.revisions.push(sql`(${experience.id}::int, 1, ${at(demo.days).toISOString()}::timestamptz)`);
    let updatedAt = at(demo.days);

    // Co-authors, revisions and comments in the order they happened.
    const events = [
      ...(demo.coAuthor ? [{ days: demo.coAuthor.days, coAuthor: demo.coAuthor }] : []),
      ...(demo.revisions ?? []).map((revision) => ({ days: revision.days, revision })),
      ...(demo.comments ?? []).map((comment) => ({ days: comment.days, comment })),
    ].sort((a, b) => a.days - b.days);
    for (const event of events) {
      if ("coAuthor" in event) {
        await addCoAuthor(viewer(demo.author), experience.id, event.coAuthor.email, EXPERIENCE_CO_AUTHORS_MAX);
        const coAuthor = people.get(event.coAuthor.email)!.id;
        dated.coAuthors.push(sql`(${experience.id}::int, ${coAuthor}::int, ${at(event.days).toISOString()}::timestamptz)`);
        noticed(`/experiences/${experience.id}`, "experience_co_author_added", at(event.days));
      } else if ("revision" in event) {
        text = event.revision.edit(text);
        const result = await updateExperience(viewer(event.revision.editor), experience.id, {
          ...input(event.revision.municipalities ?? demo.municipalities ?? []),
          note: event.revision.note,
          revision: experience.revision,
          publish: !demo.draft,
        });
        if (!result.ok) throw new Error(`The demo write-up «${demo.title}» could not be revised: ${result.reason}.`);
        experience = result.experience;
        updatedAt = at(event.days);
        dated.revisions.push(sql`(${experience.id}::int, ${experience.revision}::int, ${updatedAt.toISOString()}::timestamptz)`);
      } else {
        const result = await commentOnExperience(viewer(event.comment.author), experience.id, event.comment.body);
        if (!result.ok) continue;
        dated.comments.push(sql`(${result.commentId}::int, ${at(event.days).toISOString()}::timestamptz)`);
        noticed(`/experiences/${experience.id}#comment-${result.commentId}`, "experience_commented", at(event.days));
      }
    }
    const written = at(demo.days).toISOString();
    dated.experiences.push(
      sql`(${experience.id}::int, ${written}::timestamptz, ${demo.draft ? null : written}::timestamptz, ${updatedAt.toISOString()}::timestamptz)`,
    );
  }

  await db().execute(sql`
    update ${experiences} e set created_at = r.created_at, published_at = r.published_at, updated_at = r.updated_at
    from (values ${sql.join(dated.experiences, sql`, `)}) as r (id, created_at, published_at, updated_at)
    where e.id = r.id`);
  await db().execute(sql`
    update ${experienceRevisions} v set created_at = r.at
    from (values ${sql.join(dated.revisions, sql`, `)}) as r (experience_id, number, at)
    where v.experience_id = r.experience_id and v.number = r.number`);
  if (dated.coAuthors.length > 0) {
    await db().execute(sql`
      update ${experienceCoAuthors} c set created_at = r.at
      from (values ${sql.join(dated.coAuthors, sql`, `)}) as r (experience_id, member_id, at)
      where c.experience_id = r.experience_id and c.member_id = r.member_id`);
  }
  if (dated.comments.length > 0) {
    await db().execute(sql`
      update ${comments} c set created_at = r.at
      from (values ${sql.join(dated.comments, sql`, `)}) as r (id, at)
      where c.id = r.id`);
  }
  // A member has long since read what they were told of weeks ago.
  await db().execute(sql`
    update ${notifications} n set created_at = r.at, read_at = case when r.at < now() - interval '10 days' then r.at + interval '1 day' end
    from (values ${sql.join(dated.notices, sql`, `)}) as r (url, kind, at)
    where n.url = r.url and n.kind::text = r.kind`);
  await db().delete(emailOutbox).where(and(sql`${emailOutbox.id} > ${mailFrom}`, inArray(emailOutbox.toAddress, [...people.keys()])));
  return DEMO_EXPERIENCES.length;
}
