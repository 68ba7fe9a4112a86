import type { Sql } from "postgres";
import { renderMarkdown } from "../../app/lib/markdown.server";
import { seedReferenceExperiences } from "./reference-experiences";
import { seedReferenceSolutions } from "./reference-solutions";
import { seedReferenceTopics } from "./reference-topics";

/**
 * The reference data set of DESIGN.md, for the benchmark: set-based SQL, deterministic from a seed,
 * with a long tail (a few municipalities busy, most quiet). Each area adds its tables here.
 */
export const REFERENCE_SIZES = {
  members: 5_000,
  userSessions: 5_000,
  forumSessions: 200,
  /** Of the forum sessions: planned ones ahead, and drafts beyond them; the rest are past. */
  upcomingForumSessions: 10,
  draftForumSessions: 4,
} as const;

const FIRST_NAMES = [
  "Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit", "Astrid", "Bjørg", "Hilde", "Anna", "Solveig",
  "Marianne", "Randi", "Ida", "Nina", "Maria", "Elisabeth", "Kristin", "Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell",
  "Knut", "Arne", "Svein", "Thomas", "Hans", "Geir", "Tor", "Morten", "Terje", "Odd", "Erik", "Martin", "Andreas",
  "John", "Amir", "Fatima", "Mohammed", "Aisha", "Piotr", "Agnieszka", "Sara", "Jonas", "Emma", "Nora",
];
const LAST_NAMES = [
  "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen",
  "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl",
  "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand",
  "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen", "Lie",
  "Ali", "Khan", "Nowak", "Ahmed", "Vik", "Nordmann", "Sæther", "Bråthen", "Aas", "Rønning",
];
const JOB_TITLES = [
  "Rådgiver digitalisering", "Kommunalsjef helse og omsorg", "Innkjøpsrådgiver", "Prosjektleder velferdsteknologi",
  "Virksomhetsarkitekt", "IKT-konsulent", "Enhetsleder barnehage", "Rektor", "Kommunedirektør", "Personvernombud",
  "Fagleder NAV", "Beredskapskoordinator", "Spesialrådgiver anskaffelser", "Controller", "Arkivleder",
  "Folkehelsekoordinator", "Tjenesteutvikler", "Seksjonsleder oppvekst", "Informasjonssikkerhetsleder", "Saksbehandler",
];

const MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];
const FORUM_SESSION_TITLES = [
  "Velferdsteknologi: fra pilot til drift", "Felles anskaffelser i regionen", "Digitalisering i barnehage og skole",
  "Kunstig intelligens i kommunal saksbehandling", "Informasjonssikkerhet og beredskap", "Forebygging og folkehelse",
  "Gevinstrealisering i praksis", "Ledelse av digital omstilling", "Interkommunalt samarbeid", "Nasjonale fellesløsninger",
  "Personvern i praksis", "Kompetanse for fremtidens tjenester", "Samhandling mellom kommune og sykehus",
  "Digitale innbyggertjenester", "Klima, ras og beredskap", "Arkiv og dokumentasjonsforvaltning",
  "Tidlig innsats for barn og unge", "Hjemmetjenesten i distriktet", "Digitalt utenforskap", "Data som grunnlag for beslutninger",
];
const FORUM_SESSION_DESCRIPTIONS = [
  "Kommunene deler erfaringer og drøfter hva vi kan gjøre sammen.\n\n**For hvem:** ledere og fagfolk i tjenestene, IKT og innkjøp.",
  "Et forum om hvordan vi går fra gode piloter til varig drift, med innlegg fra kommuner som har fått det til.",
  "Vi ser på status i klyngen, hører fra to kommuner og en nasjonal aktør, og avslutter med felles drøfting.\n\n- Innlegg\n- Spørsmål\n- Veien videre",
  "Hva sier regelverket, hva har andre gjort, og hva bør vi gjøre felles? Forumet er åpent for alle medlemmer.",
  "Korte innlegg og god tid til diskusjon. Ta gjerne med spørsmål fra egen kommune.",
  "",
];
const AGENDA_OPENING = "Velkommen og nytt fra klyngen";
const AGENDA_CLOSING = "Oppsummering og veien videre";
const AGENDA_TITLES = [
  "Erfaringer fra innføringen av digitalt tilsyn", "Felles anskaffelse av velferdsteknologi",
  "Status for digitaliseringsstrategien", "Digital søknad om barnehageplass", "KI i saksbehandlingen: erfaringer fra pilot",
  "Informasjonssikkerhet: hva lærte vi av hendelsen?", "Beredskapsøvelsen: funn og tiltak", "Forebyggende hjemmebesøk",
  "Frisklivssentral på tvers av kommunegrensene", "Gevinstrealisering i praksis", "Personvern i læringsplattformene",
  "Nasjonale fellesløsninger: hva er nytt?", "Kompetanseløft for ledere", "Interkommunalt samarbeid om IKT",
  "Arkiv og avlevering fra fagsystemer", "Gruppearbeid", "Spørsmål og diskusjon", "Digitale innbyggertjenester med ID-porten og Altinn", "Tidlig innsats i barnehagen",
];
const AGENDA_DESCRIPTIONS = [
  "",
  "Erfaringer fra innføringen, og hva kommunen ville gjort annerledes.",
  "Kort innlegg, deretter spørsmål fra salen. Presentasjonen deles etter forumet.",
  "Vi deler oss i grupper og drøfter:\n\n- Hva gjør vi i dag?\n- Hva kan vi gjøre sammen?",
  "",
  "Status, veien videre og hvordan andre kommuner kan bli med.",
];
const EXTERNAL_NAMES = ["Hanne Lie", "Tone Aas", "Jonas Strand", "Eva Bakken", "Knut Vik", "Nora Dahl", "Erik Moen", "Sara Lund"];
const EXTERNAL_ORGANISATIONS = [
  "Digitaliseringsdirektoratet (Digdir)", "KS", "Direktoratet for forvaltning og økonomistyring (DFØ)", "Helsedirektoratet",
  "Norsk helsenett", "Statsforvalteren i Nordland", "Datatilsynet", "Utdanningsdirektoratet",
  "Direktoratet for samfunnssikkerhet og beredskap (DSB)", "Husbanken",
];

const SUMMARY_INTROS = [
  "Forumet samlet deltakere fra kommuner i hele landet. Her er hovedpunktene fra innleggene og diskusjonen.",
  "Kort oppsummert: kommunene er kommet ulikt langt, men utfordringene er de samme. Det er mye å hente på å dele erfaringer og gjøre mer sammen.",
  "Oppsummeringen er skrevet av klyngekoordinator. Presentasjonene ligger i fellesområdet, og spørsmål kan stilles under emnet i forumet.",
  "Forumet viste at de beste løsningene ofte finnes i en nabokommune. Under følger det viktigste fra hvert innlegg og fra gruppearbeidet.",
];
const SUMMARY_SECTIONS = [
  `## Felles anskaffelse

Kommunene gikk gjennom erfaringene fra den felles anskaffelsen. Det tok lengst tid å bli enige om behovet; selve konkurransen gikk raskt. Flere pekte på at en felles kravspesifikasjon med lokale vedlegg var nøkkelen til å lykkes med anskaffelsen.

- Avklar fullmakter tidlig, helst før behovsavklaringen starter.
- Fordel kostnadene etter innbyggertall, med et fast minimum for de minste kommunene.
- Sett av ressurser til kontraktsoppfølging, ikke bare til selve anskaffelsen.`,
  `## Velferdsteknologi i hjemmetjenesten

Digitalt tilsyn, elektroniske medisindispensere og trygghetsalarmer er i drift i de fleste kommunene som deltok. Utfordringen nå er å gå fra pilot til ordinær drift. Kommunene som har lykkes med velferdsteknologi, har gjort vurderingen av teknologi til en fast del av vedtaket om tjenester.

1. Kartlegg brukerens behov før teknologien velges.
2. Gi superbrukere på hver base tid i turnusen til å lære opp kolleger.
3. Mål gevinstene hvert kvartal, og la tjenesten eie målingene.`,
  `## Forebygging og tidlig innsats

Flere kommuner har flyttet ressurser fra reparasjon til forebygging. Folkehelseprofilen og Ungdata ble brukt til å velge tiltak, og frisklivssentralen var et gjennomgående tema. Det er krevende å vise effekt av forebygging på kort sikt, og deltakerne etterlyste felles indikatorer.

- Bruk folkehelsedata aktivt når tiltak prioriteres.
- Samarbeid på tvers av helse, oppvekst og kultur.
- Del evalueringer, også av tiltak som ikke virket.`,
  `## Digitalisering av tjenestene

Digitaliseringsstrategien skal nå ut i tjenestene. Kommunene la vekt på at digitalisering handler om å endre arbeidsprosesser, ikke bare om å kjøpe nye systemer. Nasjonale fellesløsninger som ID-porten, Altinn og Digipost gjør det enklere å lage gode digitale innbyggertjenester.

- Start med tjenestene innbyggerne bruker mest.
- Involver ansatte og innbyggere i tjenestedesignet.
- Gjenbruk løsninger fra andre kommuner før dere lager egne.`,
  `## Barnehage: søknad og foreldrebetaling

Den digitale søknaden om barnehageplass og redusert foreldrebetaling er tatt i bruk i flere kommuner. Saksbehandlingstiden har gått ned, og foreldrene slipper å sende inn papirer på nytt hvert år. Inntektsopplysninger hentes automatisk med samtykke, og barnehageansatte bruker mindre tid på administrasjon.

- Sørg for at vedtaksbrevene er skrevet i klarspråk.
- Avklar hvem som eier løsningen når flere kommuner bruker den.
- Tilby hjelp til foreldre som ikke kan bruke digitale tjenester.`,
  `## Beredskap og øvelser

Øvelsen viste at kommunene har gode beredskapsplaner, men at varslingen på tvers av kommunene tok for lang tid. Papirbaserte reserverutiner i helse og omsorg fungerte godt. Kontinuitetsplaner for barnehage og skole manglet flere steder.

1. Oppdater varslingslistene hvert halvår.
2. Øv på bortfall av nett og fagsystemer minst én gang i året.
3. Ta med kritiske leverandører i beredskapsøvelsene.`,
  `## Informasjonssikkerhet

Angrepene mot kommunesektoren har økt, og de fleste hendelser starter med en e-post. Kommunene delte erfaringer med opplæring, tofaktorautentisering og sikkerhetskopier som ligger adskilt fra nettet. Risikovurderinger må gjøres før nye systemer tas i bruk, ikke etterpå.

- Innfør tofaktorautentisering for alle ansatte.
- Test gjenoppretting fra sikkerhetskopi jevnlig.
- Meld avvik, også når det bare var nestenulykker.`,
  `## Kunstig intelligens

Flere kommuner tester språkmodeller i saksbehandling, publikumsveiledning og journalføring. Erfaringene er lovende, men krever tydelige rammer for personvern, arkivering og ansvar for vedtaket. Deltakerne ønsket en felles veileder for ansvarlig bruk av kunstig intelligens i kommunene.

- Bruk KI som støtte, ikke som beslutningstaker.
- Gjør en personvernkonsekvensvurdering (DPIA) før piloten starter.
- Still krav til databehandling og lagring i anskaffelsen.`,
  `## Kompetanse og opplæring

Digital kompetanse hos ansatte er en forutsetning for at nye løsninger blir tatt i bruk. Kommunene har gode erfaringer med korte e-læringskurs kombinert med lokale superbrukere. Lederne må gå foran og sette av tid til opplæring i arbeidstiden.

- Lag en kompetanseplan for hver virksomhet.
- Del kursmateriell mellom kommunene i klyngen.
- Følg opp med korte repetisjoner etter et halvt år.`,
  `## Personvern

Personvernombudene minnet om at samtykke sjelden er riktig behandlingsgrunnlag i offentlig sektor. Databehandleravtaler må være på plass før data flyttes til en ny leverandør. Flere kommuner har fått merknader fra Datatilsynet om manglende risikovurderinger.

- Involver personvernombudet tidlig i prosjektene.
- Hold protokollen over behandlinger oppdatert.
- Slett data når formålet er oppfylt.`,
  `## Skole og digitale læremidler

Skolene har ulike plattformer og læremidler, og det gjør samarbeid vanskelig. Kommunene drøftet felles krav til digitale læremidler og til personvern i læringsplattformene. Elevenes skjermbruk var også et tema, særlig på barnetrinnet.

- Still felles krav til læremidler i anskaffelsene.
- Vurder personvernet i alle apper elevene bruker.
- Lag tydelige retningslinjer for skjermbruk i skole og barnehage.`,
  `## Interkommunalt samarbeid

Små kommuner har vanskelig for å rekruttere spisskompetanse alene. Interkommunale samarbeid om IKT, innkjøp, beredskap og barnevern ble trukket fram som gode eksempler. Styringen av samarbeidene må være tydelig, og kostnadsfordelingen må oppleves som rettferdig.

- Skriv samarbeidsavtaler med klare roller og ansvar.
- Evaluer samarbeidet hvert tredje år.
- Del erfaringer med andre regioner.`,
  `## Gevinstrealisering

Gevinster av digitalisering og velferdsteknologi kommer sjelden av seg selv. Kommunene som lykkes, har bestemt på forhånd hva som skal måles, og har en leder som eier gevinstene. Frigjort tid må gjøres synlig og brukes til bedre tjenester, ellers forsvinner den.

| Gevinst | Måles som | Ansvar |
|---|---|---|
| Frigjort tid | Timer per uke | Tjenesteleder |
| Færre innleggelser | Antall per år | Kommunalsjef |
| Brukertilfredshet | Spørreundersøkelse | Tjenesteleder |`,
  `## Arkiv og dokumentasjon

Nye fagsystemer må kunne avlevere til arkiv, og det må avklares før kontrakten signeres. Flere kommuner har eldre systemer uten avleveringsløsning. Interkommunale arkiv kan hjelpe med både kompetanse og kapasitet.

- Ta med arkivkrav (Noark 5) i alle anskaffelser av fagsystemer.
- Lag en plan for uttrekk fra systemer som fases ut.`,
];
const SUMMARY_CLOSING = `## Oppfølging

- Klyngekoordinator sender ut presentasjonene og lenker til løsningskatalogen.
- Kommunene som vil være med videre, melder fra innen to uker.
- Temaet følges opp på et senere forum.`;

/** Ten summaries of 2–6 KB, each a different run of sections; rendered once, reused by many sessions. */
function summaryTemplates(): { md: string[]; html: string[] } {
  const md = Array.from({ length: 10 }, (_, t) => {
    const sections = Array.from({ length: 4 + ((t * 7) % 9) }, (_, k) => SUMMARY_SECTIONS[(t * 5 + k) % SUMMARY_SECTIONS.length]!);
    return [SUMMARY_INTROS[t % SUMMARY_INTROS.length]!, ...sections, SUMMARY_CLOSING].join("\n\n") + "\n";
  });
  // As the summary page renders them: under the page's "Summary" heading, `#` is an h3.
  return { md, html: md.map((text) => renderMarkdown(text, { topHeading: 3 })) };
}

// The busiest municipalities first; the rest in number order form the long tail.
const BUSY = ["0301", "4601", "5001", "1103", "1804", "1833", "3201", "4204", "5501", "1824"];

export async function seedReference(sql: Sql, options: { scale: number; seed: number; passwordHash: string }) {
  const count = (n: number) => Math.max(1, Math.round(n * options.scale));
  const members = count(REFERENCE_SIZES.members);
  const forumSessionCount = count(REFERENCE_SIZES.forumSessions);
  const upcoming = Math.min(forumSessionCount, count(REFERENCE_SIZES.upcomingForumSessions));
  const future = upcoming + Math.min(forumSessionCount - upcoming, count(REFERENCE_SIZES.draftForumSessions));
  const summaryTexts = summaryTemplates();
  const descriptionsHtml = FORUM_SESSION_DESCRIPTIONS.map((text) => renderMarkdown(text));
  const agendaDescriptionsHtml = AGENDA_DESCRIPTIONS.map((text) => renderMarkdown(text));
  const sizes = { members, forumSessions: 0, agendaItems: 0, registrations: 0, summaries: 0 };
  const areaSizes = await sql.begin(async (tx) => {
    await tx`select setseed(${(options.seed % 1000) / 1000})`;
    // random() repeats from the seed only when one process draws the numbers in one order.
    await tx`set local max_parallel_workers_per_gather = 0`;
    // generate_series' row estimates would have small statements JIT-compiled, which costs more than it saves.
    await tx`set local jit = off`;
    // The search index is written once at the end, set by set, instead of row by row by its triggers.
    await tx`set local kommuneforum.search_deferred = 'on'`;
    await tx`
      create temporary table ranked_municipalities on commit drop as
      select number, row_number() over (
        order by coalesce(array_position(${BUSY}::text[], number::text), 1000), number) - 1 as rank
      from municipalities`;
    await tx`
      insert into members (email, name, job_title, municipality_number, password_hash, role, status, created_at, decided_at)
      select
        'ref.' || r.i || '@k' || m.number || '.kommune.no',
        (${FIRST_NAMES}::text[])[1 + (r.i * 7) % ${FIRST_NAMES.length}] || ' ' || (${LAST_NAMES}::text[])[1 + (r.i * 13) % ${LAST_NAMES.length}],
        (${JOB_TITLES}::text[])[1 + (r.i * 3) % ${JOB_TITLES.length}],
        m.number,
        ${options.passwordHash},
        (case when r.i % 500 = 0 then 'admin' when r.i % 100 = 0 then 'coordinator' else 'member' end)::member_role,
        (case when r.p < 0.07 then 'pending' when r.p < 0.10 then 'rejected' else 'approved' end)::member_status,
        now() - make_interval(days => (r.i % 1500)),
        case when r.p >= 0.07 then now() - make_interval(days => (r.i % 1400)) end
      from (
        select i, random() as p, least(356, floor(357 * power(random(), 2.2)))::int as rank
        from generate_series(1, ${members}) as i
      ) r
      join ranked_municipalities m on m.rank = r.rank
      on conflict do nothing`;
    await tx`
      insert into user_sessions (id, member_id, expires_at)
      select encode(sha256(('ref-session-' || id)::bytea), 'hex'), id, now() + interval '20 days'
      from members where status = 'approved'
      limit ${count(REFERENCE_SIZES.userSessions)}
      on conflict do nothing`;

    // Forum sessions: i = 1.. planned weekly ahead (the first one big), then drafts further out, then the
    // past, one a week back over about four years: held with a summary, now and then cancelled.
    await tx`
      create temporary table ref_approved on commit drop as
      select id, (row_number() over (order by id) - 1)::int as rank from members where status = 'approved'`;
    await tx`analyze ref_approved`;
    const [{ approved } = { approved: 0 }] = await tx<{ approved: number }[]>`select count(*)::int as approved from ref_approved`;
    const [{ coordinator } = { coordinator: null }] = await tx<{ coordinator: number | null }[]>`
      select (select id from members where role in ('coordinator', 'admin') and status = 'approved' order by id limit 1) as coordinator`;
    await tx`
      create temporary table ref_forum_sessions on commit drop as
      select s.*,
        ((now() at time zone 'Europe/Oslo')::date + s.day_offset
          + (array['09:00', '09:00', '09:00', '10:00', '12:30', '13:00']::time[])[1 + s.i % 6]) at time zone 'Europe/Oslo' as starts_at,
        case when s.status <> 'held' then null when s.past = 1 then 'draft' when s.past % 37 = 3 then null else 'published' end
          ::summary_status as summary
      from (
        select i, i - ${future} as past,
          nextval(pg_get_serial_sequence('forum_sessions', 'id'))::int as id,
          (case when i <= ${upcoming} then (case when i = 6 then 'cancelled' else 'planned' end)
                when i <= ${future} then 'draft'
                when (i - ${future}) % 23 = 11 then 'cancelled'
                else 'held' end)::forum_session_status as status,
          case when i <= ${upcoming} then 7 * i - 4
               when i <= ${future} then 7 * ${upcoming} + 14 * (i - ${upcoming})
               else 2 - 7 * (i - ${future}) end as day_offset,
          3 + floor(random() * 6)::int as items,
          case when i = 1 then 320
               when i > ${upcoming} and i <= ${future} then 0
               when (i - ${future}) % 29 = 7 then 150 + floor(random() * 350)::int
               else 20 + floor(random() * 61)::int end as registrations
        from generate_series(1, ${forumSessionCount}) as i
      ) s`;
    await tx`
      create temporary table ref_agenda_items on commit drop as
      select a.*,
        coalesce(sum(a.duration) over (partition by a.forum_session_id order by a.position
          rows between unbounded preceding and 1 preceding), 0)::int as start_offset
      from (
        select r.forum_session_id, r.position,
          case when r.position = 0 then 10 else (array[15, 20, 20, 25, 30, 30, 45])[1 + floor(r.p1 * 7)::int] end as duration,
          case when r.position = 0 then ${AGENDA_OPENING} when r.position = r.items - 1 then ${AGENDA_CLOSING}
               else (${AGENDA_TITLES}::text[])[1 + (r.i * 5 + r.position) % ${AGENDA_TITLES.length}] end as title,
          case when r.position = 0 or r.position = r.items - 1 then 'coordinator'
               when r.p3 < 0.6 then 'member' when r.p3 < 0.85 then 'external' else 'none' end as presenter,
          floor(r.p4 * ${approved})::int as presenter_rank,
          floor(r.p2 * 1000)::int as pick
        from (
          select s.id as forum_session_id, s.i, s.items, p.position, random() as p1, random() as p2, random() as p3, random() as p4
          from ref_forum_sessions s cross join lateral generate_series(0, s.items - 1) as p(position)
        ) r
      ) a`;
    sizes.forumSessions = (
      await tx`
        insert into forum_sessions (id, title, description_md, description_html, starts_at, ends_at, meeting_url, status,
          sequence, version, created_by, created_at, updated_at)
        select s.id,
          (${FORUM_SESSION_TITLES}::text[])[1 + (s.i * 7) % ${FORUM_SESSION_TITLES.length}] || ' – '
            || (${MONTHS}::text[])[extract(month from s.starts_at at time zone 'Europe/Oslo')::int] || ' '
            || extract(year from s.starts_at at time zone 'Europe/Oslo'),
          (${FORUM_SESSION_DESCRIPTIONS}::text[])[1 + s.i % ${FORUM_SESSION_DESCRIPTIONS.length}],
          (${descriptionsHtml}::text[])[1 + s.i % ${FORUM_SESSION_DESCRIPTIONS.length}],
          s.starts_at,
          s.starts_at + make_interval(mins => a.minutes),
          case when s.status <> 'draft' then 'https://meet.kommuneforum.no/forum-' || s.i end,
          s.status,
          case s.status when 'draft' then 0 when 'planned' then 1 else 2 end,
          case s.status when 'draft' then 1 when 'planned' then 2 else 3 end,
          ${coordinator},
          least(now(), s.starts_at - interval '45 days'),
          case s.status when 'held' then least(now(), s.starts_at + interval '1 day')
                        when 'cancelled' then least(now(), s.starts_at - interval '3 days')
                        else least(now(), s.starts_at - interval '45 days') end
        from ref_forum_sessions s
        join (select forum_session_id, sum(duration)::int as minutes from ref_agenda_items group by 1) a on a.forum_session_id = s.id`
    ).count;
    await tx`
      insert into forum_session_themes (forum_session_id, theme_id)
      select s.id, t.id
      from ref_forum_sessions s
      join (select id, (row_number() over (order by id) - 1)::int as rank, count(*) over ()::int as n from themes) t
        on t.rank = s.i % t.n or (s.i % 3 = 0 and t.rank = (s.i * 5 + 2) % t.n)`;
    sizes.agendaItems = (
      await tx`
        insert into agenda_items (forum_session_id, position, start_offset_minutes, duration_minutes, title,
          presenter_member_id, presenter_name, presenter_organisation, description_md, description_html, created_at, updated_at)
        select a.forum_session_id, a.position, a.start_offset, a.duration, a.title,
          case a.presenter when 'coordinator' then ${coordinator}::int when 'member' then m.id end,
          case when a.presenter = 'external' then (${EXTERNAL_NAMES}::text[])[1 + a.pick % ${EXTERNAL_NAMES.length}] end,
          case when a.presenter = 'external' then (${EXTERNAL_ORGANISATIONS}::text[])[1 + a.pick % ${EXTERNAL_ORGANISATIONS.length}] end,
          (${AGENDA_DESCRIPTIONS}::text[])[1 + a.pick % ${AGENDA_DESCRIPTIONS.length}],
          (${agendaDescriptionsHtml}::text[])[1 + a.pick % ${AGENDA_DESCRIPTIONS.length}],
          fs.created_at, fs.created_at
        from ref_agenda_items a
        join forum_sessions fs on fs.id = a.forum_session_id
        left join ref_approved m on a.presenter = 'member' and m.rank = a.presenter_rank`
    ).count;
    // Each session draws its count of members at random; the few drawn twice count once. ("offset 0"
    // keeps each draw in its row: it must not become a join condition evaluated per pair.)
    sizes.registrations = (
      await tx`
        insert into registrations (forum_session_id, member_id, created_at)
        select distinct on (d.forum_session_id, d.rank) d.forum_session_id, m.id, d.created_at
        from (
          select s.id as forum_session_id, floor(random() * ${approved})::int as rank,
            least(now(), s.starts_at - make_interval(mins => floor(random() * 40 * 24 * 60)::int)) as created_at
          from ref_forum_sessions s cross join lateral generate_series(1, s.registrations)
          offset 0
        ) d
        join ref_approved m on m.rank = d.rank`
    ).count;
    sizes.summaries = (
      await tx`
        insert into summaries (forum_session_id, body_md, body_html, status, version, published_at, updated_by, created_at, updated_at)
        select s.id,
          (${summaryTexts.md}::text[])[1 + (s.i * 3) % ${summaryTexts.md.length}],
          (${summaryTexts.html}::text[])[1 + (s.i * 3) % ${summaryTexts.md.length}],
          s.summary,
          case s.summary when 'published' then 2 else 1 end,
          case when s.summary = 'published' then least(now(), s.starts_at + make_interval(days => 2 + s.i % 9)) end,
          ${coordinator},
          least(now(), s.starts_at + interval '1 day'),
          least(now(), s.starts_at + make_interval(days => 2 + s.i % 9))
        from ref_forum_sessions s
        where s.summary is not null`
    ).count;
    const topicSizes = await seedReferenceTopics(tx, { scale: options.scale, approved, coordinator });
    const experienceSizes = await seedReferenceExperiences(tx, { scale: options.scale, approved, coordinator });
    const solutionSizes = await seedReferenceSolutions(tx, { scale: options.scale, approved, coordinator });
    await tx`set local kommuneforum.search_deferred = 'off'`;
    const [{ searchDocuments } = { searchDocuments: 0 }] = await tx<{ searchDocuments: number }[]>`select search_rebuild() as "searchDocuments"`;
    return { ...topicSizes, ...experienceSizes, ...solutionSizes, searchDocuments };
  });
  await sql`analyze`;
  return { ...sizes, ...areaSizes };
}
