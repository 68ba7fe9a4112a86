import type { TransactionSql } from "postgres";
import { renderMarkdown } from "../../app/lib/markdown.server";
import { ARCHIVE_SYSTEM_SUGGESTIONS, COMMON_COMPONENT_SUGGESTIONS } from "../schema/solution-values";

/**
 * The reference data set's solution catalogue (DESIGN.md: 2,000 solutions with 30,000 adoptions; of its
 * 200,000 comments, the 30,000 topics and write-ups left). Runs inside seedReference's transaction, after
 * the write-ups, and uses its temporary tables.
 *
 * The first solution is "the busy solution" the benchmark reads: Digitale Helgeland's application for
 * reduced kindergarten parental payment, national, with about 300 adoptions, each with its changes, and
 * the most comments.
 */
export const SOLUTION_SIZES = {
  solutions: 2_000,
  adoptions: 30_000,
  solutionComments: 30_000,
  /** Adoptions of the busy solution, within the adoptions above (at most one per municipality). */
  busyAdoptions: 300,
} as const;

const HELGELAND = "Digitale Helgeland";
const BUSY_NAME = "Søknad om redusert foreldrebetaling i barnehage";
const BUSY_SUMMARY =
  "Felles digital søknad om redusert foreldrebetaling og gratis kjernetid, utviklet av de 16 kommunene på Helgeland. " +
  "Inntekten hentes fra Skatteetaten med samtykke, og søknad og vedtak arkiveres automatisk.";
const BUSY_COMPONENTS = ["ID-porten", "Maskinporten", "KS Fiks", "SvarUt/SvarInn", "Altinn", "Skatteetatens inntektsopplysninger"];

const SUPPLIERS = [
  "Sikri", "Accenture", "Tryggheim AS", "Nordvakt Responssenter AS", "Fjordkode AS", "Nordisk Tjenestedesign AS", "Kvartal Rådgivning AS",
  "Bølge Data AS", "Polarlys Velferd AS", "Helsenord Teknologi AS", "Skarv IT AS", "Lyngen Systemer AS", "Midnattsol Digital AS",
  "Arkivhuset Norge AS", "Læringsbro AS", "Sikkerhetsnett AS", "Fossekall Konsulent AS", "Bjørk Data AS", "Fjellvind Software AS",
  "Nordlys Integrasjon AS", "Havbris Helse AS", "Kystdata AS", "Tindesoft AS", "Elvebredd Analyse AS", "Furu Konsulent AS",
  "Myrull Systemer AS", "Reinrose Design AS", "Saltstraum Teknologi AS", "Torvmyr IT AS", "Lomvi Plattform AS", "Sjøsprøyt Data AS",
  "Multe Velferd AS", "Granskog Arkiv AS", "Breen Sikkerhet AS", "Varslingssentralen Nord AS", "Dialogtorget AS",
];
const NATIONAL_BODIES = [
  "KS", "Digitaliseringsdirektoratet (Digdir)", "Skatteetaten", "Direktoratet for forvaltning og økonomistyring (DFØ)", "NAV",
  "Helsedirektoratet", "Norsk helsenett", "Arkivverket", "Husbanken", "Utdanningsdirektoratet",
];
const CLUSTERS = ["Norway Health Tech", "Helseklyngen Midt", "Nordnorsk velferdsklynge", "Vestlandsklyngen for offentlig innovasjon", "Klyngen for bærekraftig digitalisering"];
/** Regional cooperations: Helgeland's 16 (the region column), the others up to 25 municipalities of a county. */
const COOPERATIONS: { name: string; county: string | null }[] = [
  { name: HELGELAND, county: null },
  { name: "Digi Trøndelag", county: "50" },
  { name: "Digi Vestland", county: "46" },
  { name: "Digi Rogaland", county: "11" },
  { name: "Digi Innlandet", county: "34" },
  { name: "Digi Agder", county: "42" },
  { name: "DigiØst", county: "31" },
  { name: "Digi Troms", county: "55" },
  { name: "Digi Finnmark", county: "56" },
];
const ORGANISATION_DESCRIPTIONS = {
  supplier: "Leverandør til kommunesektoren.",
  national_body: "Nasjonal aktør som forvalter fellesløsninger og veiledning for kommunene.",
  cluster: "Klynge der bedrifter, kommuner og forskningsmiljøer utvikler løsninger sammen.",
  regional_cooperation: "Digitaliseringssamarbeid der kommunene i regionen utvikler og anskaffer tjenester sammen.",
} as const;

const SUBJECTS = [
  "Digital søknad om barnehageplass", "Søknad om redusert foreldrebetaling", "Digitalt tilsyn på natt", "Elektronisk medisindispenser",
  "Trygghetsalarm med responssenter", "Digital hjemmeoppfølging", "Chatbot for innbyggerservice", "Digital byggesøknad",
  "Timebestilling på helsestasjonen", "Digital søknad om startlån", "Innbyggerdialog i planarbeidet", "KI-assistent i saksbehandlingen",
  "SMS-varsling ved vannbrudd", "Digital søknad om skoleskyss", "Fravær og meldinger i skolen", "Søknad om SFO-plass",
  "Digital søknad om kommunal bolig", "Digitale skjema for helse og omsorg", "Sensorer i omsorgsboliger", "Digital legemiddelhåndtering",
  "Elektronisk meldingsutveksling med fastlegen", "Beredskapsportal for kriseledelsen", "Digital avvikshåndtering", "Felles kontaktsenter",
  "Digital søknad om serveringsbevilling", "Eiendomsskatt på nett", "Digital søknad om parkeringstillatelse", "Tilskudd til lag og foreningar",
  "Digital søknad om støttekontakt", "Vedtaksbrev i klarspråk", "Automatisk arkivering fra fagsystem", "Digital signering av avtaler",
  "Felles journalsystem for helsestasjon", "Digital oppfølging av flyktninger", "Folkehelsedata i dashbord", "Innbyggerundersøkelse på nett",
  "Timeføring for hjemmetjenesten", "Ruteplanlegging i hjemmetjenesten", "Digital søknad om kulturskoleplass", "Meldingstjeneste for foreldre",
  "Læringsplattform for grunnskolen", "Digitalt utstyrsregister", "Søknad om tilrettelegging i bolig", "Digital søknad om økonomisk sosialhjelp",
];
/** "{}" is the subject, its first letter in lower case unless it is an abbreviation (KI, SMS). */
const SUMMARIES = [
  "En løsning for {}: innbyggerne bruker den på nett, og saksbehandlerne slipper dobbeltregistrering.",
  "En løsning for {} som flere kommuner har tatt i bruk, bygget på nasjonale felleskomponenter.",
  "Løsningen for {} ble utviklet av én kommune og deles nå med andre som vil bruke den.",
  "Felles løsning for {}, med lik saksbehandling og integrasjon mot arkiv og fagsystemer.",
];
const DESCRIPTIONS = [
  `## Hva løsningen gjør

Innbyggerne søker på nett, innlogget med ID-porten, og får svar i digital postkasse. Saksbehandleren får søknaden ferdig utfylt i fagsystemet, og dokumentene arkiveres automatisk.

## Hva som skal til

- En avtale med leverandøren, eller tilslutning til en eksisterende avtale.
- Integrasjon mot kommunens arkiv og fagsystem.
- Opplæring av saksbehandlerne, et par timer.`,
  `## Bakgrunn

Løsningen ble utviklet i et samarbeid mellom kommunene i regionen. Kommunene deler kostnadene etter innbyggertall.

## Gevinster

| Gevinst | Måles som |
|---|---|
| Kortere saksbehandlingstid | Dager fra søknad til vedtak |
| Færre henvendelser | Telefoner til servicetorget per måned |
| Færre feil | Søknader med mangler |`,
  `Løsningen er i drift i flere kommuner. Andre kommuner kan ta den i bruk, og vi deler gjerne kravspesifikasjonen og erfaringene fra innføringen.

1. Meld interesse i katalogen.
2. Vi avtaler et møte om behov og integrasjoner.
3. Kommunen slutter seg til avtalen eller gjennomfører en egen anskaffelse.`,
  `## Slik er den bygget

Løsningen bruker nasjonale felleskomponenter for innlogging, forsendelse og arkiv, og kan tas i bruk uten egen drift i kommunen.

## Status

Flere kommuner har prøvd løsningen. Vi samler erfaringene og planlegger en felles anskaffelse.`,
  `Koden er åpen, og dokumentasjonen ligger sammen med koden. Kommuner som tar den i bruk, bidrar med forbedringer tilbake.

- Utvikles i fellesskap
- Drift hos den enkelte kommune eller i et interkommunalt selskap`,
  "",
];
const STATUS_NOTES: Record<string, string[]> = {
  idea: ["Tatt inn som idé.", "En idé flere kommuner har spurt etter.", "Godtatt i katalogen som idé."],
  pilot: ["Pilot i én kommune.", "Prøves i to kommuner fra høsten.", "Pilot med tre kommuner og én leverandør."],
  in_use: ["I ordinær drift etter piloten.", "Tatt i bruk i eierkommunen.", "Pilotene er avsluttet; løsningen er i drift."],
  scaling: ["I bruk i flere kommuner, og flere vil ta den i bruk.", "Spres til kommuner i flere fylker.", "Felles avtale åpner for flere kommuner."],
  national: ["I bruk i kommuner i hele landet.", "Forvaltes nasjonalt for alle kommuner."],
  retired: ["Avviklet: erstattet av en nasjonal løsning.", "Avviklet etter at avtalen gikk ut.", "Avviklet: for få brukere til å forsvare driften."],
};
const REJECT_REASONS = [
  "Dette er et fagsystem, ikke en løsning andre kommuner kan ta i bruk.",
  "Finnes allerede i katalogen under et annet navn.",
  "For lite beskrevet. Send gjerne et nytt forslag med mer om løsningen.",
];
const ADOPTION_NOTES = ["", "", "", "Felles avtale i regionen.", "Pilot i én enhet.", "Vurderer å tiltre avtalen ved neste opsjon.", "I drift i alle enhetene."];
const COMMENTS = [
  "Vi har brukt denne i to år. Fungerer godt, men integrasjonen mot arkivet krevde mer enn vi trodde.",
  "Hvem har avtalen med leverandøren? Vi vil gjerne tiltre.",
  "Kan noen dele kravspesifikasjonen?",
  "Vi er med hvis det blir en felles anskaffelse.",
  "Hvordan løste dere **personvernet**? Vi står fast på databehandleravtalen.",
  "Takk for at dere deler! Vi tar kontakt.",
  "Vi prøvde den i fjor, men gikk tilbake til papir i én enhet. Det viktigste vi lærte:\n\n- Opplæring før oppstart\n- Én ansvarlig per enhet",
  "Hvor lang tid tok innføringen fra signert avtale?",
  "Står denne på agendaen på neste forum?",
  "Oppdatert: vi er nå i drift i alle enhetene.",
];

const ORDER = ["idea", "pilot", "in_use", "scaling", "national"];

interface Context {
  scale: number;
  /** Approved members, in the temporary table ref_approved (id, rank). */
  approved: number;
  coordinator: number | null;
}

/**
 * Gives each row of `table` its `column` in proportion to `weight`, scaled so that the total is exactly
 * `target` and none above its `cap` column (as the topics' supports and comments are given theirs).
 */
async function allocate(tx: TransactionSql, table: string, weight: string, column: string, target: number) {
  const [{ total } = { total: 0 }] = await tx<{ total: number }[]>`select coalesce(sum(${tx(weight)}), 0)::float8 as total from ${tx(table)}`;
  if (total <= 0 || target <= 0) return;
  let k = target / total;
  for (let i = 0; i < 8; i++) {
    const [{ got } = { got: 0 }] = await tx<{ got: number }[]>`
      select sum(least(cap, floor(${tx(weight)} * ${k}::float8)))::float8 as got from ${tx(table)}`;
    if (got <= 0 || got === target) break;
    k *= target / got;
  }
  await tx`update ${tx(table)} set ${tx(column)} = least(cap, floor(${tx(weight)} * ${k}::float8))::int`;
  const [{ left } = { left: 0 }] = await tx<{ left: number }[]>`select (${target}::int - sum(${tx(column)}))::int as left from ${tx(table)}`;
  if (left === 0) return;
  await tx`
    update ${tx(table)} r set ${tx(column)} = r.${tx(column)} + ${Math.sign(left)}
    from (
      select id from ${tx(table)}
      where ${left > 0 ? tx`${tx(column)} < cap and ${tx(weight)} > 0` : tx`${tx(column)} > 0`}
      order by ${tx(weight)} * ${k}::float8 - ${tx(column)} ${left > 0 ? tx`desc` : tx`asc`}, id
      limit ${Math.abs(left)}
    ) pick
    where pick.id = r.id`;
}

/** Steps through the 357 municipalities coprime with their number: one solution's adopters all differ. */
function coprimeSteps(n: number, count: number): number[] {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const steps: number[] = [];
  for (let s = 1; steps.length < count && s < n; s++) if (gcd(s, n) === 1) steps.push(s);
  return steps.length > 0 ? steps : [1];
}

export async function seedReferenceSolutions(tx: TransactionSql, context: Context) {
  const count = (n: number) => Math.max(1, Math.round(n * context.scale));
  const { approved, coordinator } = context;
  const sizes = {
    organisations: 0,
    organisationMembers: 0,
    solutions: 0,
    proposedSolutions: 0,
    rejectedSolutions: 0,
    solutionStatusChanges: 0,
    adoptions: 0,
    adoptionChanges: 0,
    busySolutionAdoptions: 0,
    solutionComments: 0,
    experienceSolutions: 0,
    presentedSolutions: 0,
  };
  if (approved < 2) return sizes;
  const total = count(SOLUTION_SIZES.solutions);
  const [{ municipalityCount } = { municipalityCount: 0 }] = await tx<{ municipalityCount: number }[]>`
    select count(*)::int as "municipalityCount" from municipalities`;
  if (municipalityCount === 0) return sizes;
  const busyAdoptions = Math.min(municipalityCount, Math.max(16, count(SOLUTION_SIZES.busyAdoptions)));
  const descriptionsHtml = DESCRIPTIONS.map((text) => renderMarkdown(text, { topHeading: 2 }));
  const commentsHtml = COMMENTS.map((text) => renderMarkdown(text, { topHeading: 4 }));
  const components = [...COMMON_COMPONENT_SUGGESTIONS, "Skatteetatens inntektsopplysninger"];
  // Out of 8: how often each component is used (ID-porten by most, the tax administration's income check by few).
  const componentOdds = [6, 2, 3, 4, 2, 2, 1, 2, 1];
  const steps = coprimeSteps(municipalityCount, 40);

  // Organisations: suppliers, national bodies, clusters and regional cooperations, each cooperation with
  // its municipalities.
  const organisationRows = [
    ...SUPPLIERS.map((name) => ({ name, kind: "supplier" as const })),
    ...NATIONAL_BODIES.map((name) => ({ name, kind: "national_body" as const })),
    ...CLUSTERS.map((name) => ({ name, kind: "cluster" as const })),
    ...COOPERATIONS.map(({ name }) => ({ name, kind: "regional_cooperation" as const })),
  ];
  const slug = (name: string) =>
    name
      .toLowerCase()
      .replace(/æ/g, "ae")
      .replace(/ø/g, "o")
      .replace(/å/g, "a")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  sizes.organisations = (
    await tx`
      insert into organisations (slug, name, kind, description, website, created_at, updated_at)
      select o.slug, o.name, o.kind::organisation_kind, o.description,
        case when o.n % 3 <> 0 then 'https://organisasjoner.kommuneforum.no/' || o.slug end,
        now() - make_interval(days => 900 + o.n::int * 7), now() - make_interval(days => 900 + o.n::int * 7)
      from unnest(${organisationRows.map((o) => slug(o.name))}::text[], ${organisationRows.map((o) => o.name)}::text[],
        ${organisationRows.map((o) => o.kind)}::text[], ${organisationRows.map((o) => ORGANISATION_DESCRIPTIONS[o.kind])}::text[])
        with ordinality as o (slug, name, kind, description, n)
      on conflict do nothing`
  ).count;
  await tx`
    create temporary table ref_organisations on commit drop as
    select id, name, kind, (row_number() over (partition by kind order by id) - 1)::int as rank,
      count(*) over (partition by kind)::int as n
    from organisations`;
  await tx`
    insert into organisation_municipalities (organisation_id, municipality_number)
    select o.id, m.number
    from ref_organisations o
    join unnest(${COOPERATIONS.map((c) => c.name)}::text[], ${COOPERATIONS.map((c) => c.county ?? "")}::text[]) as c (name, county) on c.name = o.name
    join municipalities m on (c.county = '' and m.region = 'Helgeland')
      or (m.county_number = c.county and m.number in (select number from ref_county_municipalities where county_number = c.county and pos < 25))
    on conflict do nothing`;
  // About one approved member in forty works for an organisation instead of a municipality.
  sizes.organisationMembers = (
    await tx`
      update members m set organisation_id = o.id, municipality_number = null
      from ref_approved a
      join ref_organisations o on o.rank = (a.rank / 41) % o.n
        and o.kind = (array['supplier', 'national_body', 'regional_cooperation', 'supplier', 'cluster'])[1 + (a.rank / 41) % 5]::organisation_kind
      where m.id = a.id and a.rank % 41 = 17 and m.role = 'member'`
  ).count;

  // The solutions. i = 1 is the busy one; about 3 % are proposals waiting, 2 % rejected; the rest accepted,
  // in every scaling status, proposed over five years (more of them lately).
  await tx`
    create temporary table ref_solutions on commit drop as
    with drawn as (
      select i, random() as p, random() as ps, random() as po, random() as pk, random() as pl, random() as pc, random() as age,
        floor(random() * 1073741824)::int as bits,
        floor(random() * ${approved})::int as proposer_rank, floor(random() * ${approved})::int as contact_rank
      from generate_series(1, ${total}) as i
    ),
    shaped as (
      select d.*,
        (case when d.i = 1 then 'accepted' when d.p < 0.03 then 'proposed' when d.p < 0.05 then 'rejected' else 'accepted' end)::solution_review as review,
        case when d.i = 1 then 'national'
             when d.p < 0.05 then 'idea'
             when d.ps < 0.14 then 'idea' when d.ps < 0.38 then 'pilot' when d.ps < 0.68 then 'in_use'
             when d.ps < 0.82 then 'scaling' when d.ps < 0.88 then 'national' else 'retired' end as status,
        case when d.i = 1 then (select id from ref_organisations where name = ${HELGELAND})
             when d.po < 0.14 then (select id from ref_organisations o where o.kind = 'regional_cooperation' and o.rank = d.i % o.n)
             when d.po < 0.22 then (select id from ref_organisations o where o.kind = 'national_body' and o.rank = d.i % o.n)
             when d.po < 0.33 then (select id from ref_organisations o where o.kind = 'supplier' and o.rank = d.i % o.n)
             when d.po < 0.35 then (select id from ref_organisations o where o.kind = 'cluster' and o.rank = d.i % o.n) end as owner_organisation_id,
        least(${municipalityCount - 1}, floor(${municipalityCount} * power(d.pk, 2.2)))::int as owner_rank,
        case when d.i = 1 then now() - interval '1400 days'
             else now() - interval '3 days' - make_interval(mins => floor(power(d.age, 1.4) * 1800 * 24 * 60)::int) end as created_at
      from drawn d
    )
    select s.i, nextval(pg_get_serial_sequence('solutions', 'id'))::int as id, s.review, s.status::solution_status as status,
      s.owner_organisation_id,
      case when s.owner_organisation_id is null then m.number end as owner_municipality_number,
      case when s.i = 1 then ${BUSY_NAME}
           else (${SUBJECTS}::text[])[1 + (s.i * 7) % ${SUBJECTS.length}] || ' – ' || coalesce(o.name, mm.name) end as base_name,
      s.bits, s.pl, s.pc, s.created_at,
      -- Reviewed within a month, two days ago at the latest: what followed (its timeline, adoptions) lies before now.
      case when s.review <> 'proposed' then s.created_at + least(interval '30 days', now() - interval '2 days' - s.created_at) * s.pc end as reviewed_at,
      p.id as proposed_by, case when s.pc < 0.8 then c.id end as contact_member_id,
      s.pl < 0.25 and s.i > 1 as open_source,
      -- The long tail of interest: adoptions and comments are given in proportion to these weights.
      case when s.review <> 'accepted' or s.i = 1 then 0
           else (power(1 - random(), -0.5) - 1) * (case s.status when 'idea' then 1 when 'pilot' then 2 when 'in_use' then 3
             when 'scaling' then 6 when 'national' then 12 else 2 end) end as adoption_weight,
      case when s.review <> 'accepted' then 0 else power(1 - random(), -0.5) - 1 end as comment_weight,
      0 as adoptions, 0 as comments,
      ${Math.min(150, municipalityCount - 1)}::int as cap,
      least(${municipalityCount - 1}, floor(${municipalityCount} * power(random(), 2)))::int as first_rank,
      (${steps}::int[])[1 + floor(power(random(), 3) * ${steps.length})::int] as step
    from shaped s
    join ranked_municipalities m on m.rank = s.owner_rank
    join municipalities mm on mm.number = m.number
    left join ref_organisations o on o.id = s.owner_organisation_id
    join ref_approved p on p.rank = s.proposer_rank
    join ref_approved c on c.rank = s.contact_rank`;
  // Names are unique among entries not rejected: a second one of a subject and owner is numbered.
  await tx`alter table ref_solutions add column name text, add column slug text`;
  await tx`
    update ref_solutions r set name = case when n.k = 1 then r.base_name else r.base_name || ' (' || n.k || ')' end
    from (select id, row_number() over (partition by lower(base_name) order by i) as k from ref_solutions) n
    where n.id = r.id`;
  await tx`
    update ref_solutions r set slug = case when n.k = 1 then n.base else n.base || '-' || n.k end
    from (
      select id, base, row_number() over (partition by base order by i) as k
      from (select id, i, trim(both '-' from regexp_replace(
        translate(replace(replace(replace(lower(name), 'æ', 'ae'), 'ø', 'o'), 'å', 'a'), 'éèêüöäáóô', 'eeeuoaaoo'), '[^a-z0-9]+', '-', 'g')) as base
        from ref_solutions) b
    ) n
    where n.id = r.id`;
  await tx`create index on ref_solutions (id)`;
  await tx`analyze ref_solutions`;

  // Each accepted entry's timeline: accepted at some status on the way to its own, then one step at a
  // time up to it (a retired one up to where it stopped, then retired), spread from acceptance to now.
  await tx`
    create temporary table ref_status_paths on commit drop as
    select r.id, r.i, r.reviewed_at, p.top, p.first, (p.top - p.first + 1 + (r.status = 'retired')::int) as steps, r.status
    from ref_solutions r
    cross join lateral (
      select t.top, greatest(0, t.top - floor(r.pl * (t.top + 1))::int) as first
      from (select case when r.status = 'retired' then (r.i % 4) else array_position(${ORDER}::text[], r.status::text) - 1 end as top) t
    ) p
    where r.review = 'accepted'`;
  await tx`alter table ref_status_paths add column last_at timestamptz`;
  await tx`update ref_status_paths set last_at = reviewed_at + (now() - interval '1 day' - reviewed_at) * ((steps - 1)::float8 / steps)`;

  // Adoptions: the busy solution has its ~300, the others share the rest by weight (a long tail: most
  // have a handful, some dozens). One solution's adopters are distinct municipalities: the ranks from
  // its first one in steps coprime with their number.
  const adoptionTarget = Math.max(0, count(SOLUTION_SIZES.adoptions) - busyAdoptions);
  await allocate(tx, "ref_solutions", "adoption_weight", "adoptions", adoptionTarget);
  await tx`update ref_solutions set adoptions = ${busyAdoptions}, first_rank = 0, step = 1 where i = 1`;
  await tx`
    create temporary table ref_municipality_members on commit drop as
    select distinct on (municipality_number) municipality_number as number, id
    from members where status = 'approved' and municipality_number is not null
    order by municipality_number, id`;
  await tx`
    create temporary table ref_adoptions on commit drop as
    select c.*,
      case when c.changes = 1 then c.first_at else c.first_at + (now() - interval '1 day' - c.first_at) * (0.3 + 0.6 * c.v) end as last_at
    from (
      select a.*,
        -- The path to the state, and how many of its last steps were recorded (one to three).
        case a.state when 'interested' then array['interested'] when 'planning' then array['interested', 'planning']
          when 'piloting' then array['interested', 'planning', 'piloting'] when 'in_use' then array['planning', 'piloting', 'in_use']
          else array['piloting', 'in_use', 'discontinued'] end as path,
        case when a.helgeland then 2 + (a.q < 0.5)::int
             when a.state = 'interested' then 1
             when a.state = 'discontinued' then 2 + (a.q < 0.3)::int
             when a.state = 'planning' then 1 + (a.q < 0.4)::int
             else 1 + floor(a.q * 3)::int end as changes
      from (
        select b.*,
          -- The busy solution is in use in all of Digitale Helgeland's municipalities.
          (case when b.helgeland then 'in_use' else case b.status
            when 'idea' then case when b.p < 0.7 then 'interested' else 'planning' end
            when 'pilot' then case when b.p < 0.40 then 'piloting' when b.p < 0.75 then 'interested' when b.p < 0.95 then 'planning' else 'in_use' end
            when 'in_use' then case when b.p < 0.50 then 'in_use' when b.p < 0.65 then 'piloting' when b.p < 0.80 then 'planning'
                                    when b.p < 0.95 then 'interested' else 'discontinued' end
            when 'scaling' then case when b.p < 0.60 then 'in_use' when b.p < 0.70 then 'piloting' when b.p < 0.82 then 'planning'
                                     when b.p < 0.95 then 'interested' else 'discontinued' end
            when 'national' then case when b.p < 0.80 then 'in_use' when b.p < 0.85 then 'planning' when b.p < 0.95 then 'interested' else 'discontinued' end
            else case when b.p < 0.85 then 'discontinued' else 'in_use' end end end)::adoption_state as state,
          b.p2 < 0.55 as joint
        from (
          select nextval(pg_get_serial_sequence('adoptions', 'id'))::int as id, r.id as solution_id, r.i as solution_i, r.status,
            m.number as municipality_number, r.owner_organisation_id, r.i = 1 and mm.region = 'Helgeland' as helgeland,
            r.reviewed_at + (now() - interval '2 days' - r.reviewed_at) * power(random(), 1.5) as first_at,
            random() as p, random() as p2, random() as q, random() as v
          from ref_solutions r
          cross join lateral generate_series(0, r.adoptions - 1) as j
          join ranked_municipalities m on m.rank = (r.first_rank + j * r.step) % ${municipalityCount}
          join municipalities mm on mm.number = m.number
          where r.adoptions > 0
        ) b
      ) a
    ) c`;
  await tx`analyze ref_adoptions`;

  // The entries, with the counts the trigger on adoptions keeps (it is off while they are inserted below).
  sizes.solutions = (
    await tx`
      insert into solutions (id, slug, name, summary, description_md, description_html, owner_municipality_number, owner_organisation_id,
        components, archive_systems, website_url, source_url, documentation_url, licence, open_source, contact_member_id,
        review, review_note, reviewed_by, reviewed_at, status, status_changed_at, proposed_by, version,
        in_use_count, adoption_count, joint_interest_count, created_at, updated_at)
      select r.id, r.slug, r.name,
        case when r.i = 1 then ${BUSY_SUMMARY}
             else replace((${SUMMARIES}::text[])[1 + r.i % ${SUMMARIES.length}], '{}', (select case when substr(x, 2, 1) = lower(substr(x, 2, 1))
               then lower(left(x, 1)) || substr(x, 2) else x end from (select split_part(r.base_name, ' – ', 1) as x) t)) end,
        (${DESCRIPTIONS}::text[])[1 + (r.i * 5) % ${DESCRIPTIONS.length}],
        (${descriptionsHtml}::text[])[1 + (r.i * 5) % ${DESCRIPTIONS.length}],
        r.owner_municipality_number, r.owner_organisation_id,
        case when r.i = 1 then ${BUSY_COMPONENTS}::text[]
             else array(select c.name from unnest(${components}::text[], ${componentOdds}::int[]) with ordinality as c (name, odds, k)
                        where ((r.bits >> (3 * (c.k::int - 1))) & 7) < c.odds order by c.k) end,
        case when r.i = 1 then array['Elements']
             when r.pl > 0.6 then '{}'::text[]
             else array(select a from unnest(${[...ARCHIVE_SYSTEM_SUGGESTIONS]}::text[]) with ordinality as x (a, k)
                        where x.k = 1 + (r.i * 3) % 6 or (r.pc > 0.9 and x.k = 1 + (r.i * 3 + 2) % 6) order by x.k) end,
        case when r.pc < 0.7 then 'https://losninger.kommuneforum.no/' || r.slug end,
        case when r.open_source then 'https://git.kommuneforum.no/' || r.slug end,
        case when r.pc > 0.7 then 'https://losninger.kommuneforum.no/' || r.slug || '/dokumentasjon' end,
        case when r.open_source then (array['MIT', 'EUPL-1.2', 'Apache-2.0', 'GPL-3.0-or-later'])[1 + r.i % 4]
             when r.pl > 0.7 then 'Proprietær' end,
        r.open_source, r.contact_member_id,
        r.review,
        case when r.review = 'rejected' then (${REJECT_REASONS}::text[])[1 + r.i % ${REJECT_REASONS.length}] end,
        case when r.review <> 'proposed' then ${coordinator}::int end,
        r.reviewed_at, r.status, coalesce(p.last_at, r.created_at), r.proposed_by, 1 + coalesce(p.steps, 0),
        coalesce(a.in_use, 0), coalesce(a.adopted, 0), coalesce(a.joint, 0), r.created_at, coalesce(p.last_at, r.created_at)
      from ref_solutions r
      left join ref_status_paths p on p.id = r.id
      left join (
        select solution_id,
          count(*) filter (where state = 'in_use')::int as in_use,
          count(*) filter (where state <> 'discontinued')::int as adopted,
          count(*) filter (where state in ('interested', 'planning') and joint)::int as joint
        from ref_adoptions group by 1
      ) a on a.solution_id = r.id
      order by r.id`
  ).count;
  const [reviews] = await tx<{ proposed: number; rejected: number }[]>`
    select count(*) filter (where review = 'proposed')::int as proposed, count(*) filter (where review = 'rejected')::int as rejected from ref_solutions`;
  sizes.proposedSolutions = reviews!.proposed;
  sizes.rejectedSolutions = reviews!.rejected;

  // Suppliers (none to three) and themes (one or two).
  await tx`
    insert into solution_suppliers (solution_id, organisation_id)
    select r.id, o.id
    from ref_solutions r
    cross join lateral generate_series(1, case when r.i = 1 then 2 when r.pc < 0.25 then 0 when r.pc < 0.7 then 1 when r.pc < 0.9 then 2 else 3 end) as j
    join ref_organisations o on o.kind = 'supplier' and o.rank = case when r.i = 1 then j - 1 else (r.i * 7 + j * 11) % o.n end
    on conflict do nothing`;
  await tx`
    insert into solution_themes (solution_id, theme_id)
    select r.id, t.id
    from ref_solutions r
    join (select id, (row_number() over (order by id) - 1)::int as rank, count(*) over ()::int as n from themes) t
      on t.rank = (r.i * 3) % t.n or (r.i % 2 = 0 and t.n > 1 and t.rank = (r.i * 3 + 1 + r.i % (t.n - 1)) % t.n)
    on conflict do nothing`;

  const noteStatuses = Object.keys(STATUS_NOTES);
  const noteOffsets = noteStatuses.map((_, n) => noteStatuses.slice(0, n).reduce((sum, key) => sum + STATUS_NOTES[key]!.length, 0));
  sizes.solutionStatusChanges = (
    await tx`
      insert into solution_status_changes (solution_id, from_status, to_status, note, effective_on, changed_by, created_at)
      select c.id, c.from_status::solution_status, c.to_status::solution_status,
        (${Object.values(STATUS_NOTES).flat()}::text[])[1 + (${noteOffsets}::int[])[x.k] + (c.i + c.j) % (${noteStatuses.map((k) => STATUS_NOTES[k]!.length)}::int[])[x.k]],
        (c.at at time zone 'Europe/Oslo')::date, ${coordinator}::int, c.at
      from (
        select p.id, p.i, j,
          case when j = 0 then null else (${ORDER}::text[])[p.first + j] end as from_status,
          case when p.status = 'retired' and j = p.steps - 1 then 'retired' else (${ORDER}::text[])[1 + p.first + j] end as to_status,
          p.reviewed_at + (now() - interval '1 day' - p.reviewed_at) * (j::float8 / p.steps) as at -- the last one at last_at
        from ref_status_paths p cross join lateral generate_series(0, p.steps - 1) as j
      ) c
      cross join lateral (select array_position(${noteStatuses}::text[], c.to_status) as k) x
      order by c.id, c.j`
  ).count;
  // The counts trigger would recount a solution per inserted row: it is off for the bulk insert; the
  // solutions were given their counts when they were inserted (checked below).
  // The data-version triggers are deferred: their pending events would forbid the ALTER TABLE below.
  await tx`set constraints all immediate`;
  await tx`alter table adoptions disable trigger adoptions_counted`;
  sizes.adoptions = (
    await tx`
      insert into adoptions (id, solution_id, municipality_number, state, since, note, open_to_joint_procurement, recorded_by,
        via_organisation_id, confirmed_at, reminded_at, version, created_at, updated_at)
      select a.id, a.solution_id, a.municipality_number, a.state, (a.last_at at time zone 'Europe/Oslo')::date,
        (${ADOPTION_NOTES}::text[])[1 + (a.id * 7) % ${ADOPTION_NOTES.length}],
        a.joint and a.state in ('interested', 'planning'),
        coalesce(mm.id, ${coordinator}::int),
        om.organisation_id,
        case when a.state = 'discontinued' then a.last_at
             -- A few unconfirmed for over a year: possibly stale, their recorders reminded lately (none is due now).
             when a.q > 0.9 and a.last_at < now() - interval '400 days' then now() - interval '366 days' - (now() - interval '366 days' - a.last_at) * a.v
             else greatest(a.last_at, now() - make_interval(days => floor(a.v * 360)::int)) end,
        case when a.state <> 'discontinued' and a.q > 0.9 and a.last_at < now() - interval '400 days' then now() - make_interval(days => 5 + floor(a.p * 300)::int) end,
        a.changes, a.first_at, a.last_at
      from ref_adoptions a
      left join ref_municipality_members mm on mm.number = a.municipality_number
      left join organisation_municipalities om on om.organisation_id = a.owner_organisation_id and om.municipality_number = a.municipality_number
      order by a.id`
  ).count;
  await tx`alter table adoptions enable trigger adoptions_counted`;

  // Every change, oldest first, the last one the adoption as it stands.
  sizes.adoptionChanges = (
    await tx`
      insert into adoption_changes (adoption_id, solution_id, municipality_number, state, since, note, open_to_joint_procurement,
        recorded_by, via_organisation_id, created_at)
      select a.id, a.solution_id, a.municipality_number, c.state::adoption_state, (c.at at time zone 'Europe/Oslo')::date,
        case when c.k = a.changes then ad.note else '' end,
        case when c.k = a.changes then ad.open_to_joint_procurement else a.joint and c.state in ('interested', 'planning') end,
        ad.recorded_by, ad.via_organisation_id, c.at
      from ref_adoptions a
      join adoptions ad on ad.id = a.id
      cross join lateral (
        select k, a.path[array_length(a.path, 1) - a.changes + k] as state,
          case when a.changes = 1 then a.first_at else a.first_at + (a.last_at - a.first_at) * ((k - 1)::float8 / (a.changes - 1)) end as at
        from generate_series(1, a.changes) as k
      ) c
      order by c.at, a.id, c.k`
  ).count;
  const [busy] = await tx<{ n: number }[]>`select count(*)::int as n from ref_adoptions where solution_i = 1`;
  sizes.busySolutionAdoptions = busy!.n;

  // Comments under accepted entries, after acceptance; the busy solution has the most.
  await tx`update ref_solutions set cap = case when i = 1 then 0 else 250 end`;
  const commentTarget = count(SOLUTION_SIZES.solutionComments);
  const busyComments = Math.min(commentTarget, count(400));
  await allocate(tx, "ref_solutions", "comment_weight", "comments", commentTarget - busyComments);
  await tx`update ref_solutions set comments = ${busyComments} where i = 1`;
  sizes.solutionComments = (
    await tx`
      insert into comments (solution_id, author_id, body_md, body_html, created_at)
      select c.id, m.id, (${COMMENTS}::text[])[c.body], (${commentsHtml}::text[])[c.body], c.at
      from (
        select r.id, 1 + floor(random() * ${COMMENTS.length})::int as body, floor(random() * ${approved})::int as author_rank,
          r.reviewed_at + (now() - r.reviewed_at) * power(random(), 0.7) as at
        from ref_solutions r cross join lateral generate_series(1, r.comments)
        where r.comments > 0
        offset 0
      ) c
      join ref_approved m on m.rank = c.author_rank
      order by c.at`
  ).count;

  // Write-ups that tell of a solution (about one in seventeen, the busy one among them), and agenda
  // items where one was presented.
  await tx`
    create temporary table ref_accepted on commit drop as
    select id, i, (row_number() over (order by id) - 1)::int as rank from ref_solutions where review = 'accepted'`;
  const [{ accepted } = { accepted: 1 }] = await tx<{ accepted: number }[]>`select greatest(1, count(*))::int as accepted from ref_accepted`;
  sizes.experienceSolutions = (
    await tx`
      insert into experience_solutions (experience_id, solution_id)
      select e.id, s.id
      from ref_experiences e
      join ref_accepted s on s.rank = case when e.i % 2000 = 7 then 0 else (e.i * 13) % ${accepted} end
      where e.status = 'published' and (e.i % 17 = 3 or e.i % 2000 = 7)
      on conflict do nothing`
  ).count;
  sizes.presentedSolutions = (
    await tx`
      update agenda_items a set solution_id = s.id
      from ref_accepted s
      where s.rank = case when a.id % 150 = 11 then 0 else (a.id * 7) % ${accepted} end
        and a.position > 0 and a.topic_id is null and (a.id % 6 = 2 or a.id % 150 = 11)`
  ).count;

  const [check] = await tx<{ wrong: number; unchanged: number }[]>`
    select
      (select count(*)::int from solutions s
        left join (select solution_id, count(*) filter (where state = 'in_use')::int as in_use,
          count(*) filter (where state <> 'discontinued')::int as adopted,
          count(*) filter (where state in ('interested', 'planning') and open_to_joint_procurement)::int as joint from adoptions group by 1) c
          on c.solution_id = s.id
        where s.in_use_count <> coalesce(c.in_use, 0) or s.adoption_count <> coalesce(c.adopted, 0)
          or s.joint_interest_count <> coalesce(c.joint, 0)) as wrong,
      (select count(*)::int from adoptions a where a.state is distinct from
        (select c.state from adoption_changes c where c.adoption_id = a.id order by c.id desc limit 1)) as unchanged`;
  if (check!.wrong > 0) throw new Error(`${check!.wrong} solutions' adoption counts differ from their adoptions.`);
  if (check!.unchanged > 0) throw new Error(`${check!.unchanged} adoptions differ from their last change.`);
  return sizes;
}
