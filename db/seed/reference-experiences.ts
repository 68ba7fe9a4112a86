import type { TransactionSql } from "postgres";
import { JOINT_PROCUREMENT_BODY, JOINT_PROCUREMENT_SUMMARY, JOINT_PROCUREMENT_TITLE } from "../../app/experiences/demo-long-write-up.server";
import { renderMarkdown } from "../../app/lib/markdown.server";

/**
 * The reference data set's write-ups (DESIGN.md: 50,000 experiences; of its 200,000 comments, topics have
 * 100,000, write-ups 70,000, and 30,000 are left for the solutions). Runs inside seedReference's
 * transaction, after the topics, and uses its temporary tables.
 *
 * The first write-up is "the long write-up" the benchmark reads: the demo's account of a joint procurement
 * (about 3,000 words), the longest body in the set, with twelve revisions and over a hundred comments.
 */
export const EXPERIENCE_SIZES = {
  experiences: 50_000,
  experienceComments: 70_000,
} as const;

const SUBJECTS = [
  "digitalt tilsyn på natt", "elektroniske medisindispensere", "trygghetsalarmer", "digital hjemmeoppfølging",
  "KI i saksbehandlingen", "digital søknad om barnehageplass", "redusert foreldrebetaling", "ID-porten i innbyggertjenestene",
  "sikkerhetskopier og gjenoppretting", "tofaktorautentisering for alle ansatte", "kontinuitetsplaner for skolene",
  "varsling på tvers av kommunene", "forebyggende hjemmebesøk", "frisklivssentralen", "folkehelsedata i planarbeidet",
  "tidlig innsats i barnehagen", "gevinstrealisering", "superbrukere i hjemmetjenesten", "e-læring for nyansatte",
  "klarspråk i vedtaksbrev", "arkivkrav i nye fagsystemer", "personvernkonsekvensvurderinger", "interkommunalt IKT-samarbeid",
  "delte stillinger mellom kommuner", "samhandling med helseforetaket", "sensorer i sykehjem", "digitale læremidler",
  "beredskap ved strømbrudd", "kriseledelse ved flom og ras", "digitalt utenforskap blant eldre", "chatbot i servicesenteret",
  "digital postkasse for innbyggerne",
];
const PATTERNS = [
  "Slik tok vi i bruk {}", "{}: hva vi lærte det første året", "Fra pilot til drift: {}", "{} i en liten kommune",
  "Dette ville vi gjort annerledes med {}", "Gevinster av {}: tallene etter to år", "Opplæring i {}: slik gjorde vi det",
  "{}: erfaringer fra en distriktskommune", "Ledelse og {}: det som fikk det til å virke", "Sammen med nabokommunene: {}",
];
const SUMMARIES = [
  "Vi tok i bruk {} for to år siden. Her er hva vi gjorde, hva det kostet, og hva vi ville gjort annerledes.",
  "En kort gjennomgang av hvordan kommunen arbeidet med {}: utgangspunktet, valgene vi tok, resultatene så langt og rådene vi gir videre.",
  "Vi var usikre på om {} passet for en kommune på vår størrelse. Erfaringene er stort sett gode, men innføringen tok lengre tid enn planlagt.",
  "Flere kommuner har spurt oss om {}. Her har vi samlet det vi har lært, med tall fra det første året og det vi kan dele.",
  "Arbeidet med {} startet som en pilot i én enhet. Nå er det i drift i hele kommunen. Dette var avgjørende for at det lyktes.",
  "Hva skal til for å lykkes med {}? Vi deler erfaringene våre med ledelse, opplæring og samarbeid med nabokommunene.",
];
const PROCUREMENT_SUBJECTS = [
  "trygghetsalarmer og responssenter", "elektroniske medisindispensere", "digitalt tilsyn", "sak- og arkivsystem",
  "IKT-konsulenter", "læringsplattform for skolene", "nettbrett til hjemmetjenesten", "journalsystem for helse og omsorg",
  "sensorer i omsorgsboliger", "varslingssystem for kriseledelsen", "digitale læremidler", "drift av IKT-tjenester",
  "skoleskyss", "renhold av kommunale bygg",
];
const PROCUREMENT_PATTERNS = [
  "Anskaffelse av {}: slik gjorde vi det", "Felles anskaffelse av {}", "Rammeavtale for {}: erfaringer etter to år",
  "Konkurranse om {}: hva vi lærte", "{}: fra behov til signert kontrakt", "Kravspesifikasjon for {}: dette ville vi gjort annerledes",
];
const PROCUREMENT_SUMMARIES = [
  "Vi gjennomførte en anskaffelse av {}. Her er prosessen fra behovsavklaring til signert kontrakt, og det vi ville gjort annerledes neste gang.",
  "Anskaffelsen av {} ga oss bedre vilkår enn før, men krevde mer tid til behovsavklaring og kontraktsoppfølging enn vi hadde regnet med.",
  "Slik kjøpte vi {}: prosedyren, kravene, evalueringen og erfaringene fra det første året med avtalen.",
];

const INTROS = [
  "Vi skriver dette for at andre kommuner skal slippe å begynne på nytt. Teksten er skrevet av prosjektgruppen og godkjent av kommunalsjefen.",
  "Dette er en kort oppsummering av arbeidet så langt. Ta gjerne kontakt hvis dere vil vite mer, eller vil se dokumentene vi har laget.",
  "Arbeidet ble presentert for ledergruppen i vår, og mange har spurt etter erfaringene. Her er det viktigste.",
  "Vi er en liten kommune med lange avstander og få fagfolk. Det preger både hva vi valgte, og hvordan vi gjorde det.",
];
const SECTIONS = [
  `## Utgangspunktet

Før vi startet, brukte de ansatte mye tid på oppgaver som kunne vært løst enklere. Innbyggerne ventet lenge på svar, og vi hadde lite oversikt over hvor tiden gikk. Ledelsen ba om et forslag til hvordan vi kunne jobbe annerledes, og om et anslag over hva det ville koste.`,
  `## Hva vi gjorde

1. Vi kartla dagens arbeidsprosesser sammen med de ansatte som gjør jobben.
2. Vi valgte én enhet til en pilot på seks måneder, med klare mål.
3. Vi evaluerte piloten sammen med de ansatte og tillitsvalgte.
4. Vi tok løsningen i bruk i resten av kommunen, én enhet om gangen.`,
  `## Organisering

- En prosjektleder i halv stilling, med fast møte med kommunalsjefen hver fjortende dag.
- En arbeidsgruppe med ansatte fra tjenesten, IKT, personvernombudet og en tillitsvalgt.
- En styringsgruppe som tok beslutningene om økonomi og omfang.`,
  `## Opplæring av de ansatte

Vi lærte opp superbrukere på hver enhet først, og de lærte deretter opp kollegene sine. Korte økter på arbeidsplassen fungerte bedre enn lange kurs. Vikarer og nyansatte får en egen innføring den første uka.`,
  `## Personvern og informasjonssikkerhet

Vi gjorde en vurdering av personvernkonsekvenser (DPIA) før piloten startet, og en risikovurdering av informasjonssikkerheten. Databehandleravtalen var på plass før noen data ble flyttet. Personvernombudet var med i arbeidsgruppen fra første møte.`,
  `## Resultater så langt

- Saksbehandlingstiden har gått ned med om lag en tredjedel.
- De ansatte bruker mindre tid på dobbeltregistrering.
- Innbyggerne er mer fornøyde, målt i en kort spørreundersøkelse.
- Antall avvik har ikke økt, selv om flere oppgaver er automatisert.`,
  `## Gevinster

| Gevinst | Måles som | Ansvar |
|---|---|---|
| Frigjort tid | Timer per uke | Enhetsleder |
| Kortere ventetid | Dager fra søknad til svar | Fagleder |
| Færre feil | Avvik per kvartal | Kvalitetsrådgiver |`,
  `## Hva som var vanskelig

Det tok lengre tid enn planlagt å få fagsystemene til å snakke sammen, og leverandøren hadde ikke alltid kapasitet. Noen ansatte var skeptiske i starten, særlig de som hadde opplevd tidligere prosjekter som ikke ble fulgt opp. Det hjalp å vise resultater fra piloten tidlig.`,
  `## Samarbeid med nabokommunene

Vi delte kravspesifikasjon, rutiner og opplæringsmateriell med nabokommunene. To av dem har tatt i bruk den samme løsningen, og vi har et felles nettverk for superbrukerne som møtes digitalt hver måned.`,
  `## Kostnader

Prosjektet kostet om lag 1,2 millioner kroner over to år, det meste i form av arbeidstid. Lisenskostnadene er om lag 150 000 kroner i året. Gevinstene dekker kostnadene fra det tredje året, hvis den frigjorte tiden brukes slik vi har planlagt.`,
  `## Hva vi ville gjort annerledes

1. Involvert de ansatte enda tidligere, før løsningen var valgt.
2. Satt av mer tid til opplæring, særlig for vikarer og deltidsansatte.
3. Bestemt på forhånd hvordan gevinstene skulle måles.`,
  `## Råd til andre kommuner

- Start smått, men planlegg for drift fra første dag.
- La tjenesten eie endringen, ikke IKT eller prosjektet.
- Del det dere lager med nabokommunene. Det koster lite og gir mye.`,
];
const PROCUREMENT_SECTIONS = [
  `## Behovsavklaring

Vi brukte to måneder på å avklare behovet, sammen med de ansatte som skulle bruke løsningen og brukerrepresentanter. Behovene ble samlet i én kravspesifikasjon med minstekrav, evalueringskrav og opsjoner. Vi holdt minstekravene få, for ikke å stenge ute mindre leverandører.`,
  `## Konkurransen

| Kriterium | Vekt |
|---|---|
| Kvalitet på løsningen | 40 % |
| Pris | 30 % |
| Gjennomføring og opplæring | 20 % |
| Miljø | 10 % |

Vi holdt en dialogkonferanse før kunngjøringen, og fikk gode innspill som gjorde konkurransegrunnlaget bedre.`,
  `## Kontraktsoppfølging

Kontrakten følges opp i kvartalsvise møter med leverandøren, der vi går gjennom avvik, responstider og planlagte endringer. Vi har avtalt hvem som har ansvaret for oppfølgingen, og det står i samarbeidsavtalen.`,
];
const CLOSINGS = [
  "Spørsmål kan stilles i kommentarfeltet under, eller direkte til prosjektlederen.",
  "Dokumentene vi har laget, ligger i løsningskatalogen. Bruk dem gjerne.",
];
/** Later revisions each add a line under "Oppdateringer"; the same words are the editor's note. */
const UPDATES = [
  "Lagt til tall fra siste kvartal.", "Rettet opp tabellen over gevinster.", "Lagt til lenke til kravspesifikasjonen i løsningskatalogen.",
  "Oppdatert etter innspill i kommentarene.", "Lagt til kontaktperson for spørsmål.", "Presisert hvordan samtykke innhentes.",
  "Oppdatert kostnadene etter årsregnskapet.", "Lagt til erfaringer fra nabokommunen som tok i bruk det samme.",
  "Rettet en skrivefeil og et årstall.", "Lagt til et avsnitt om opplæring av vikarer.", "Oppdatert etter evalueringen.",
  "Lagt til resultatene fra brukerundersøkelsen.",
];
const GENERAL_TEMPLATES = 10;
const PROCUREMENT_TEMPLATES = 4;
/** A write-up has at most this many revisions (the twelfth to the twenty-fourth only for a few). */
const MAX_REVISIONS = 24;

const SUPPLIERS = [
  "Tryggheim AS", "Nordvakt Responssenter AS", "Fjordkode AS", "Nordisk Tjenestedesign AS", "Kvartal Rådgivning AS", "Bølge Data AS",
  "Polarlys Velferd AS", "Helsenord Teknologi AS", "Skarv IT AS", "Lyngen Systemer AS", "Midnattsol Digital AS", "Arkivhuset Norge AS",
  "Læringsbro AS", "Vestvind Transport AS", "Renholdspartner Nord AS", "Sikkerhetsnett AS", "Fossekall Konsulent AS", "Bjørk Data AS",
];
const VALUE_BANDS = ["under_100k", "100k_1m", "1m_5m", "5m_20m", "20m_100m", "over_100m"];
const LESSONS = [
  "Vi ville startet behovsavklaringen tidligere og tatt med brukerne fra første møte.",
  "Vi ville brukt mer tid på markedsdialog før kunngjøringen.",
  "Vi ville stilt færre minstekrav og flere evalueringskrav.",
  "Vi ville satt av ressurser til kontraktsoppfølging fra starten.",
  "Vi ville tatt med arkivkrav og krav om uttrekk av data i kravspesifikasjonen.",
  "Vi ville skrevet brukerscenarier i stedet for generelle krav til brukervennlighet.",
  "Vi ville avklart fullmakter og delegering i alle kommunene før tidsplanen ble laget.",
  "Vi ville spurt nabokommunene om de ville være med, før vi lyste ut alene.",
];
const COMMENTS = [
  "Takk for en grundig gjennomgang! Dette tar vi med oss.",
  "Hvor lang tid tok det fra dere startet til løsningen var i drift?",
  "Kan dere dele kravspesifikasjonen?",
  "Vi står foran det samme og tar gjerne kontakt.",
  "Hvordan løste dere det med **samtykke**?",
  "Veldig nyttig. Hva sa de tillitsvalgte?",
  "Vi gjorde nesten det samme, men valgte en annen leverandør. Ta gjerne kontakt, så kan vi sammenligne.",
  "Har dere målt gevinstene etter det første året?",
  "Dette bør tas opp på neste forum.",
  "Hvordan fordelte dere kostnadene mellom kommunene?",
  "Vi prøvde dette i fjor. Det viktigste vi lærte:\n\n- Involver de ansatte tidlig\n- Sett av tid til opplæring\n- Mål gevinstene fra start",
  "Godt skrevet! Kan vi bruke malene deres?",
  "Hva ville dere gjort med personvernet hvis dere startet på nytt?",
  "Interessant at det tok så lang tid å avklare behovet. Det samme skjedde hos oss.",
];
const HIDE_REASONS = ["Personopplysninger om en bruker.", "Reklame for en leverandør.", "Uthenging av en navngitt ansatt."];

/** The section of the long write-up under a heading, up to the next heading of its level or above. */
function sectionOf(heading: string): string {
  const start = JOINT_PROCUREMENT_BODY.indexOf(`${heading}\n`);
  const level = heading.split(" ")[0]!.length;
  const next = [...JOINT_PROCUREMENT_BODY.slice(start + heading.length).matchAll(/\n(#+) /g)].find((m) => m[1]!.length <= level);
  return JOINT_PROCUREMENT_BODY.slice(start, next ? start + heading.length + next.index! + 1 : undefined);
}

/**
 * The long write-up's history: each edit turns its first text into its second, which is in the final text;
 * revision 1 is the final text with every edit undone. The note is the editor's.
 */
const LONG_EDITS: { before: string; after: string; note: string }[] = [
  {
    before: "«Løsningen skal være brukervennlig» er ikke et krav det går an å evaluere. Vi ville skrevet konkrete brukerscenarier i stedet.",
    after:
      "«Løsningen skal være brukervennlig» er ikke et krav det går an å evaluere. Vi ville skrevet konkrete brukerscenarier i stedet, " +
      "for eksempel: «En bruker med nedsatt syn skal kunne utløse alarmen og snakke med responssenteret uten hjelp.»",
    note: "La til et eksempel på et brukerscenario.",
  },
  { before: "", after: sectionOf("### Forankring i ledelsen og hos politikerne"), note: "La til hvordan vi forankret anskaffelsen hos politikerne." },
  {
    before: "Prosjektkostnadene kom totalt på om lag 600 000 kroner",
    after: "Prosjektkostnadene kom totalt på om lag 640 000 kroner",
    note: "Rettet prosjektkostnadene etter årsregnskapet.",
  },
  {
    before: "",
    after: "Vi brukte en mal der hvert poeng skulle begrunnes med en henvisning til tilbudet. Det gjorde det lett å skrive begrunnelsen etterpå, og det tvang oss til å lese tilbudene grundig.\n\n",
    note: "",
  },
  { before: "", after: sectionOf("### De første ukene"), note: "La til erfaringene fra de første ukene etter overgangen." },
  { before: "", after: sectionOf("## Oppfølging av leverandøren"), note: "Nytt avsnitt om oppfølgingen av leverandøren." },
  {
    before: "Alarmene besvares raskt, som regel innen ett minutt.",
    after: "Alarmene besvares på under ett minutt i 98 prosent av tilfellene.",
    note: "Oppdaterte tallene etter første år.",
  },
  { before: "Over 50 brukere har digitalt tilsyn.", after: "64 brukere har digitalt tilsyn, mot 11 i pilotene før avtalen.", note: "" },
  { before: "Bruk gjerne DFØs maler.", after: "Bruk DFØs maler for samarbeidsavtale og fullmakt. Ikke lag egne.", note: "Tydeligere råd om malene." },
  { before: "", after: sectionOf("## Spørsmål vi har fått"), note: "Samlet spørsmålene vi har fått etter forumet." },
  { before: "Vefsn og Rana vurderer", after: "Vefsn, Rana og Hemnes vurderer", note: "Hemnes vurderer også å tiltre." },
];

function longRevisions(): string[] {
  const texts = [JOINT_PROCUREMENT_BODY];
  for (const { before, after } of [...LONG_EDITS].reverse()) {
    const current = texts[0]!;
    if (current.split(after).length !== 2) throw new Error(`The long write-up's edit must find its text once: «${after.slice(0, 60)}»`);
    texts.unshift(current.replace(after, before));
  }
  return texts;
}

/** Bodies by template and number of updates (template × MAX_REVISIONS + updates + 1 in SQL), rendered once. */
function bodyTemplates(): { md: string[]; html: string[] } {
  const templates = [
    ...Array.from({ length: GENERAL_TEMPLATES }, (_, t) => [
      INTROS[t % INTROS.length]!,
      ...Array.from({ length: 3 + ((t * 3) % 5) }, (_, k) => SECTIONS[(t * 5 + k) % SECTIONS.length]!),
      CLOSINGS[t % CLOSINGS.length]!,
    ]),
    ...Array.from({ length: PROCUREMENT_TEMPLATES }, (_, t) => [
      INTROS[(t + 1) % INTROS.length]!,
      ...PROCUREMENT_SECTIONS.slice(0, 2 + (t % 2)),
      ...Array.from({ length: 1 + t }, (_, k) => SECTIONS[(t * 3 + 7 + k) % SECTIONS.length]!),
      CLOSINGS[(t + 1) % CLOSINGS.length]!,
    ]),
  ].map((parts) => parts.join("\n\n"));
  const md = templates.flatMap((text) =>
    Array.from({ length: MAX_REVISIONS }, (_, updates) =>
      updates === 0
        ? `${text}\n`
        : `${text}\n\n## Oppdateringer\n\n${Array.from({ length: updates }, (_, j) => `- **${j + 1}.** ${UPDATES[j % UPDATES.length]}`).join("\n")}\n`,
    ),
  );
  // As the page renders them: under the page's h1 and the summary, a body's `#` is an h2.
  return { md, html: md.map((text) => renderMarkdown(text, { topHeading: 2 })) };
}

interface Context {
  scale: number;
  /** Approved members, in the temporary table ref_approved (id, rank). */
  approved: number;
  coordinator: number | null;
}

/**
 * Gives each write-up its number of comments in proportion to its weight, scaled so that the total is
 * exactly `target` and none above `cap` (as the topics' supports and comments are given theirs).
 */
async function allocateComments(tx: TransactionSql, target: number, cap: number) {
  const [{ total } = { total: 0 }] = await tx<{ total: number }[]>`select coalesce(sum(comment_weight), 0)::float8 as total from ref_experiences`;
  if (total <= 0) return;
  let k = target / total;
  for (let i = 0; i < 8; i++) {
    const [{ got } = { got: 0 }] = await tx<{ got: number }[]>`
      select sum(least(${cap}::int, floor(comment_weight * ${k}::float8)))::float8 as got from ref_experiences`;
    if (got <= 0 || got === target) break;
    k *= target / got;
  }
  await tx`update ref_experiences set comments = least(${cap}::int, floor(comment_weight * ${k}::float8))::int`;
  // What rounding left over, one each to the write-ups nearest to one more (or one less).
  const [{ left } = { left: 0 }] = await tx<{ left: number }[]>`select (${target}::int - sum(comments))::int as left from ref_experiences`;
  if (left === 0) return;
  await tx`
    update ref_experiences r set comments = r.comments + ${Math.sign(left)}
    from (
      select id from ref_experiences
      where ${left > 0 ? tx`comments < ${cap}::int and comment_weight > 0` : tx`comments > 0`}
      order by comment_weight * ${k}::float8 - comments ${left > 0 ? tx`desc` : tx`asc`}, id
      limit ${Math.abs(left)}
    ) pick
    where pick.id = r.id`;
}

export async function seedReferenceExperiences(tx: TransactionSql, context: Context) {
  const count = (n: number) => Math.max(1, Math.round(n * context.scale));
  const total = count(EXPERIENCE_SIZES.experiences);
  const { approved, coordinator } = context;
  const sizes = {
    experiences: 0,
    experienceRevisions: 0,
    experienceComments: 0,
    experienceProcurements: 0,
    membersOnlyExperiences: 0,
    draftExperiences: 0,
    follows: 0,
  };
  if (approved < 2) return sizes;
  const bodies = bodyTemplates();
  const long = longRevisions();
  const longHtml = renderMarkdown(JOINT_PROCUREMENT_BODY, { topHeading: 2 });
  // Comments sit under an h2 "Comments" and their author's h3: their headings start at h4.
  const commentsHtml = COMMENTS.map((text) => renderMarkdown(text, { topHeading: 4 }));

  // Write-ups of what was presented: every other middle item of a held session with a member presenting,
  // by the presenter, linked to the session, the item and (when it came from one) the covered topic.
  await tx`
    create temporary table ref_experience_links on commit drop as
    select (row_number() over (order by a.id) + 1)::int as i, a.id as agenda_item_id, a.forum_session_id, a.topic_id,
      a.presenter_member_id, s.starts_at
    from agenda_items a
    join ref_forum_sessions s on s.id = a.forum_session_id
    where s.status = 'held' and a.presenter_member_id is not null and a.id % 2 = 0
      and a.position > 0
      and a.position < (select max(b.position) from agenda_items b where b.forum_session_id = a.forum_session_id)
    order by a.id
    limit ${Math.max(0, total - 1)}`;

  // i = 1 is the long write-up. About 10 % carry procurement facts, 10 % are for members only, 0.5 % drafts;
  // most have one to three revisions, a few many. Published over four years, more of them lately.
  await tx`
    create temporary table ref_experiences on commit drop as
    with drawn as (
      select i, random() as p, random() as age, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5,
        case when i = 1 then 0.9999 else random() end as u,
        floor(random() * ${approved})::int as author_rank
      from generate_series(1, ${total}) as i
    ),
    shaped as (
      select d.*, l.agenda_item_id, l.forum_session_id, l.topic_id, l.presenter_member_id, l.starts_at,
        case when d.i = 1 then 'joint_procurement'
             when d.i % 10 <> 3 then null
             when d.r4 < 0.25 then 'open_tender'
             when d.r4 < 0.45 then 'joint_procurement'
             when d.r4 < 0.65 then 'framework_agreement'
             when d.r4 < 0.75 then 'dynamic_purchasing_system'
             when d.r4 < 0.85 then 'competitive_dialogue'
             else 'direct_award' end::procurement_procedure as procedure,
        (case when d.i > 1 and l.i is null and d.p < 0.005 then 'draft' else 'published' end)::experience_status as status
      from drawn d left join ref_experience_links l on l.i = d.i
    ),
    dated as (
      select s.*,
        case when s.status = 'draft' then null
             when s.i = 1 then now() - interval '400 days'
             when s.starts_at is not null then least(now() - interval '1 hour', s.starts_at + make_interval(days => 3 + floor(s.r1 * 40)::int))
             else now() - interval '1 hour' - make_interval(mins => floor(power(s.age, 1.5) * 1460 * 24 * 60)::int) end as published_at,
        case when s.i = 1 then ${long.length}
             when s.status = 'draft' then 1 + (s.r2 < 0.3)::int
             when s.r2 < 0.50 then 1
             when s.r2 < 0.78 then 2
             when s.r2 < 0.92 then 3
             when s.r2 < 0.99 then 4 + floor(s.r5 * 5)::int
             else 10 + floor(s.r5 * ${MAX_REVISIONS - 9})::int end as revisions
      from shaped s
    )
    select d.i,
      nextval(pg_get_serial_sequence('experiences', 'id'))::int as id,
      d.status, d.procedure,
      (case when d.i > 1 and d.r3 < 0.10 then 'members' else 'public' end)::experience_visibility as visibility,
      coalesce(d.presenter_member_id, m.id) as author_id,
      d.forum_session_id, d.agenda_item_id, d.topic_id,
      d.revisions,
      case when d.procedure is null then d.i % ${GENERAL_TEMPLATES} else ${GENERAL_TEMPLATES} + d.i % ${PROCUREMENT_TEMPLATES} end as template,
      d.published_at,
      coalesce(d.published_at, now() - make_interval(mins => floor(d.age * 200 * 24 * 60)::int)) as created_at,
      d.r1,
      case when d.i = 1 then ${JOINT_PROCUREMENT_TITLE}
           when d.procedure is null then (select upper(left(x, 1)) || substr(x, 2) from (select replace(
             (${PATTERNS}::text[])[1 + (d.i * 7) % ${PATTERNS.length}], '{}',
             (${SUBJECTS}::text[])[1 + (d.i * 13 + d.i / ${PATTERNS.length}) % ${SUBJECTS.length}]) as x) t)
           else (select upper(left(x, 1)) || substr(x, 2) from (select replace(
             (${PROCUREMENT_PATTERNS}::text[])[1 + (d.i * 7) % ${PROCUREMENT_PATTERNS.length}], '{}',
             (${PROCUREMENT_SUBJECTS}::text[])[1 + (d.i * 11 + d.i / ${PROCUREMENT_PATTERNS.length}) % ${PROCUREMENT_SUBJECTS.length}]) as x) t) end as title,
      case when d.i = 1 then ${JOINT_PROCUREMENT_SUMMARY}
           when d.procedure is null then replace((${SUMMARIES}::text[])[1 + d.i % ${SUMMARIES.length}], '{}',
             (${SUBJECTS}::text[])[1 + (d.i * 13 + d.i / ${PATTERNS.length}) % ${SUBJECTS.length}])
           else replace((${PROCUREMENT_SUMMARIES}::text[])[1 + d.i % ${PROCUREMENT_SUMMARIES.length}], '{}',
             (${PROCUREMENT_SUBJECTS}::text[])[1 + (d.i * 11 + d.i / ${PROCUREMENT_PATTERNS.length}) % ${PROCUREMENT_SUBJECTS.length}]) end as summary,
      -- Long tails: a few write-ups much discussed, most hardly at all; drafts never.
      case when d.status = 'draft' then 0 else power(1 - d.u, -0.5) - 1 end as comment_weight,
      0 as comments,
      case when d.i = 1 then 1 when d.i % 12 = 5 then 1 + (d.i / 12) % 2 else 0 end as co_authors
    from dated d
    join ref_approved m on m.rank = d.author_rank`;
  // Edited over a part of the time since it was written: the last revision is the write-up's "updated".
  await tx`alter table ref_experiences add column updated_at timestamptz`;
  await tx`
    update ref_experiences set updated_at = case when revisions = 1 then created_at
      else created_at + (now() - created_at) * (0.05 + 0.6 * r1) end`;
  await tx`create index on ref_experiences (id)`;
  await tx`analyze ref_experiences`;

  await allocateComments(tx, count(EXPERIENCE_SIZES.experienceComments), Math.max(1, count(300)));
  sizes.experiences = (
    await tx`
      insert into experiences (id, title, summary, body_md, body_html, status, visibility, author_id, forum_session_id, agenda_item_id,
        topic_id, revision, comment_count, published_at, created_at, updated_at)
      select r.id, r.title, r.summary,
        case when r.i = 1 then ${JOINT_PROCUREMENT_BODY} else (${bodies.md}::text[])[r.template * ${MAX_REVISIONS} + r.revisions] end,
        case when r.i = 1 then ${longHtml} else (${bodies.html}::text[])[r.template * ${MAX_REVISIONS} + r.revisions] end,
        r.status, r.visibility, r.author_id, r.forum_session_id, r.agenda_item_id, r.topic_id, r.revisions, r.comments,
        r.published_at, r.created_at, r.updated_at
      from ref_experiences r
      order by r.id`
  ).count;

  // One or two themes each; procurement first for those with a fact box.
  await tx`
    insert into experience_themes (experience_id, theme_id)
    select r.id, t.id
    from ref_experiences r
    join (select id, slug, (row_number() over (order by id) - 1)::int as rank, count(*) over ()::int as n from themes) t
      on (r.procedure is not null and t.slug = 'procurement')
      or (r.procedure is null and t.rank = (r.i * 3) % t.n)
      or (r.i % 2 = 0 and t.n > 1 and t.rank = (r.i * 3 + 1 + r.i % (t.n - 1)) % t.n)
    on conflict do nothing`;

  // The author's municipality leads; about a fifth are written with one to three others of the same county.
  await tx`
    create temporary table ref_county_municipalities on commit drop as
    select number, county_number, (row_number() over (partition by county_number order by number) - 1)::int as pos,
      count(*) over (partition by county_number)::int as n
    from municipalities`;
  await tx`
    create temporary table ref_experience_leads on commit drop as
    select r.id, r.i, r.procedure, m.municipality_number as number, lm.county_number
    from ref_experiences r
    join members m on m.id = r.author_id
    join municipalities lm on lm.number = m.municipality_number`;
  await tx`
    insert into experience_municipalities (experience_id, municipality_number, lead)
    select id, number, true from ref_experience_leads`;
  await tx`
    insert into experience_municipalities (experience_id, municipality_number)
    select distinct l.id, c.number
    from ref_experience_leads l
    cross join lateral generate_series(1, 1 + l.i % 3) as j
    join ref_county_municipalities c on c.county_number = l.county_number and c.pos = (l.i * 7 + j * 3) % c.n
    where l.i % 5 = 2 and c.number <> l.number
    on conflict do nothing`;

  // Procurement facts: suppliers, a value band (now and then none given), a lesson; partners of the
  // same county for joint procurements (two to six) and some framework agreements.
  sizes.experienceProcurements = (
    await tx`
      insert into experience_procurements (experience_id, procedure, year, suppliers, value_band, lessons)
      select r.id, r.procedure,
        (extract(year from r.created_at) - r.i % 2)::smallint,
        array(select (${SUPPLIERS}::text[])[1 + (r.i * 7 + j * 5) % ${SUPPLIERS.length}]
              from generate_series(1, case when r.procedure = 'dynamic_purchasing_system' then 3 + r.i % 6 else 1 + r.i % 3 end) as j
              order by j),
        ((${VALUE_BANDS}::text[])[case when r.i % 17 = 0 then null when r.procedure = 'direct_award' then 1 + r.i % 2
          else 2 + (r.i * 13) % 5 end])::contract_value_band,
        (${LESSONS}::text[])[1 + r.i % ${LESSONS.length}]
      from ref_experiences r
      where r.procedure is not null`
  ).count;
  await tx`
    insert into experience_procurement_partners (experience_id, municipality_number)
    select distinct l.id, c.number
    from ref_experience_leads l
    cross join lateral generate_series(1, case l.procedure when 'joint_procurement' then 2 + l.i % 5 else l.i % 3 end) as j
    join ref_county_municipalities c on c.county_number = l.county_number and c.pos = (l.i * 5 + j * 7) % c.n
    where l.procedure in ('joint_procurement', 'framework_agreement') and c.number <> l.number
    on conflict do nothing`;

  // Co-authors, invited between the first revision and the second. ("offset 0" keeps each draw in its row.)
  await tx`
    insert into experience_co_authors (experience_id, member_id, invited_by, created_at)
    select d.id, m.id, d.author_id, d.created_at + (d.updated_at - d.created_at) / (2 * greatest(d.revisions - 1, 1))
    from (
      select r.id, r.author_id, r.created_at, r.updated_at, r.revisions, floor(random() * ${approved})::int as rank
      from ref_experiences r cross join lateral generate_series(1, r.co_authors)
      where r.co_authors > 0
      offset 0
    ) d
    join ref_approved m on m.rank = d.rank
    where m.id <> d.author_id
    on conflict do nothing`;

  // Every revision's text, evenly spread from the first to the last: each later one adds a line under
  // "Oppdateringer" (and says so in its note), by the author, a co-author, now and then a coordinator.
  sizes.experienceRevisions = (
    await tx`
      insert into experience_revisions (experience_id, number, editor_id, title, summary, body_md, note, created_at)
      select r.id, v.number,
        case when v.number = 1 then r.author_id
             when c.co is not null and v.number % 2 = 0 then c.co
             when v.number % 9 = 0 and ${coordinator}::int is not null then ${coordinator}::int
             else r.author_id end,
        r.title, r.summary,
        case when r.i = 1 then (${long}::text[])[v.number] else (${bodies.md}::text[])[r.template * ${MAX_REVISIONS} + v.number] end,
        case when v.number = 1 then null
             when r.i = 1 then nullif((${LONG_EDITS.map((e) => e.note)}::text[])[v.number - 1], '')
             when (r.i + v.number) % 5 = 0 then null
             else (${UPDATES}::text[])[1 + (v.number - 2) % ${UPDATES.length}] end,
        case when r.revisions = 1 then r.created_at
             else r.created_at + (r.updated_at - r.created_at) * ((v.number - 1)::float8 / (r.revisions - 1)) end
      from ref_experiences r
      cross join lateral generate_series(1, r.revisions) as v(number)
      left join (select experience_id, min(member_id) as co from experience_co_authors group by 1) c on c.experience_id = r.id
      order by r.id, v.number`
  ).count;

  // Comments on published write-ups, after publication; now and then the author answering; a few edited,
  // a very few hidden. Each write-up was given its count when it was inserted, so the trigger that counts
  // comments is off for this one statement: counting them again would rewrite 20,000 wide rows.
  // The data-version triggers are deferred: their pending events would forbid the ALTER TABLE below.
  await tx`set constraints all immediate`;
  await tx`alter table comments disable trigger comments_insert_counted`;
  sizes.experienceComments = (
    await tx`
      insert into comments (experience_id, author_id, body_md, body_html, version, edited_at, hidden_at, hidden_by, hidden_reason, created_at)
      select c.id, case when c.p < 0.15 then c.author_id else m.id end,
        (${COMMENTS}::text[])[c.body], (${commentsHtml}::text[])[c.body],
        case when c.p2 < 0.04 then 2 else 1 end,
        case when c.p2 < 0.04 then c.at + make_interval(mins => 5 + floor(c.p2 * 20000)::int) end,
        case when c.p2 > 0.997 then c.at + interval '1 day' end,
        case when c.p2 > 0.997 then ${coordinator}::int end,
        case when c.p2 > 0.997 then (${HIDE_REASONS}::text[])[1 + c.body % ${HIDE_REASONS.length}] end,
        c.at
      from (
        select r.id, r.author_id, random() as p, random() as p2, 1 + floor(random() * ${COMMENTS.length})::int as body,
          floor(random() * ${approved})::int as author_rank,
          r.published_at + (now() - r.published_at) * power(random(), 0.7) as at
        from ref_experiences r cross join lateral generate_series(1, r.comments)
        where r.comments > 0
        offset 0
      ) c
      join ref_approved m on m.rank = c.author_rank
      order by c.at`
  ).count;
  await tx`alter table comments enable trigger comments_insert_counted`;

  // A tenth of the members follow a theme, and one in twenty-five one of the busier municipalities.
  sizes.follows =
    (
      await tx`
        insert into follows (member_id, theme_id, created_at)
        select m.id, t.id, now() - make_interval(days => floor(random() * 700)::int)
        from ref_approved m
        join (select id, (row_number() over (order by id) - 1)::int as rank, count(*) over ()::int as n from themes) t on t.rank = (m.rank * 3) % t.n
        where m.rank % 10 = 1
        on conflict do nothing`
    ).count +
    (
      await tx`
        insert into follows (member_id, municipality_number, created_at)
        select m.id, r.number, now() - make_interval(days => floor(random() * 700)::int)
        from ref_approved m
        join ranked_municipalities r on r.rank = (m.rank * 7) % 40
        where m.rank % 25 = 3
        on conflict do nothing`
    ).count;

  const [check] = await tx<{ wrong: number }[]>`
    select count(*)::int as wrong
    from experiences e
    left join (select experience_id, count(*)::int as n from comments where experience_id is not null group by 1) c on c.experience_id = e.id
    where e.comment_count <> coalesce(c.n, 0)`;
  if (check!.wrong > 0) throw new Error(`${check!.wrong} write-ups' comment counts differ from their comments.`);
  const [kinds] = await tx<{ members: number; drafts: number }[]>`
    select count(*) filter (where visibility = 'members')::int as members, count(*) filter (where status = 'draft')::int as drafts
    from ref_experiences`;
  sizes.membersOnlyExperiences = kinds!.members;
  sizes.draftExperiences = kinds!.drafts;
  return sizes;
}
