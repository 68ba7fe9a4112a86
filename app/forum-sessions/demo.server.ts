import { count, inArray, sql } from "drizzle-orm";
import { forumSessions, registrations, summaries, themes } from "../../db/schema";
import { addAgendaItem } from "./agenda.server";
import { cancelForumSession, changeForumSessionStatus, createForumSession } from "./forum-sessions.server";
import { register } from "./registrations.server";
import { renderSummary, saveSummary } from "./summaries.server";
import { db } from "~/db.server";
import { audited } from "~/lib/audit.server";
import { toOsloInput } from "~/lib/dates";
import { fromOsloInput } from "~/lib/oslo-time.server";
import { DEMO_EMAIL, demoPeople } from "~/members/demo.server";

const { coordinator: COORDINATOR, kari: KARI, ola: OLA, marte: MARTE, sofie: SOFIE, amir: AMIR } = DEMO_EMAIL;

interface DemoAgendaItem {
  minutes: number;
  title: string;
  /** A demo member's email, or an external presenter. */
  presenter?: string | { name: string; organisation: string };
  description?: string;
}

interface DemoForumSession {
  title: string;
  description: string;
  /** Days from today; the session lands on the first Thursday from there. */
  inDays: number;
  from: string;
  to: string;
  themes: string[];
  status: "draft" | "planned" | "held" | "cancelled";
  cancelReason?: string;
  agenda: DemoAgendaItem[];
  registrants: string[];
  summary?: { markdown: string; publishedDaysAfter?: number };
}

// The forum's story: Digitale Helgeland meets on Thursday mornings; two sessions with published
// summaries behind it, one waiting for its summary, the next one two weeks ahead.
export const DEMO_FORUM_SESSIONS: DemoForumSession[] = [
  {
    title: "Velferdsteknologi: fra pilot til drift",
    description:
      "Flere kommuner på Helgeland har testet digitalt tilsyn og medisindispensere. Nå skal løsningene over i ordinær drift. " +
      "Hva må være på plass, og hva lærte vi av pilotene?\n\nForumet er for ledere og fagfolk i helse og omsorg, IKT og innkjøp.",
    inDays: -150,
    from: "09:00",
    to: "11:30",
    themes: ["implementation", "prevention"],
    status: "held",
    agenda: [
      { minutes: 15, title: "Velkommen og status i klyngen", presenter: COORDINATOR },
      {
        minutes: 35,
        title: "Brønnøy: Digitalt tilsyn på natt – ett år etter",
        presenter: OLA,
        description: "Hvordan Brønnøy gikk fra 12 til 38 brukere med digitalt tilsyn, og hva det betydde for nattevaktene.",
      },
      {
        minutes: 35,
        title: "Bodø: Gevinstrealisering som faktisk blir målt",
        presenter: SOFIE,
        description: "Gevinstkart, kvartalsvise målinger og rapportering til kommunestyret.",
      },
      { minutes: 30, title: "Rana: Opplæring av ansatte i hjemmetjenesten", presenter: KARI },
      { minutes: 35, title: "Felles drøfting: Hva trenger vi av hverandre?", presenter: COORDINATOR },
    ],
    registrants: [KARI, OLA, MARTE, SOFIE],
    summary: {
      publishedDaysAfter: 3,
      markdown: `## Kort oppsummert

Fire kommuner delte erfaringer med å ta velferdsteknologi fra pilot til ordinær drift. Hovedbudskapet: teknologien er sjelden problemet – det er arbeidsprosessene, opplæringen og ansvarsdelingen rundt den.

## Brønnøy: Digitalt tilsyn på natt

Ola Berg viste hvordan Brønnøy har erstattet en del fysiske nattilsyn med kamera og sensorer, etter samtykke fra brukeren og pårørende.

- 38 brukere har digitalt tilsyn i dag, mot 12 i piloten.
- Antall fysiske tilsyn på natt er redusert med om lag en tredjedel.
- Brukerne forteller om bedre søvn når de slipper å bli vekket.

Det viktigste grepet var å gjøre vurderingen av digitalt tilsyn til en fast del av vedtaket, ikke et tillegg.

## Bodø: Gevinstrealisering som faktisk blir målt

Sofie Johansen la fram Bodøs gevinstkart. Kommunen måler frigjort tid, unngåtte innleggelser og brukertilfredshet hvert kvartal.

1. Bestem hva som skal måles *før* piloten starter.
2. La tjenesten eie målingene, ikke prosjektet.
3. Bruk gevinstene til noe synlig: ansatte må se at frigjort tid blir til bedre tjenester.

## Rana: Opplæring i hjemmetjenesten

Kari Nordmann fortalte om «superbrukere» på hver base, som får to dager ekstra opplæring og fast tid i turnusen til å hjelpe kolleger.

## Dette tar vi med oss

- Klyngen lager en felles mal for risiko- og sårbarhetsanalyse (ROS) av digitalt tilsyn. Ansvar: Lars Hansen.
- Brønnøy deler rutinene for samtykke og dialog med pårørende.
- Neste forum tar opp felles anskaffelse av velferdsteknologi.
`,
    },
  },
  {
    title: "Felles anskaffelser på Helgeland",
    description:
      "Sammen er vi en større kunde. Hvordan får små kommuner til felles anskaffelser uten at det tar et år å bli enige? " +
      "Alstahaug deler erfaringer fra anskaffelsen av en felles plattform for velferdsteknologi, og DFØ viser maler alle kan bruke.",
    inDays: -70,
    from: "09:00",
    to: "11:30",
    themes: ["procurement", "collaboration"],
    status: "held",
    agenda: [
      { minutes: 10, title: "Velkommen", presenter: COORDINATOR },
      {
        minutes: 40,
        title: "Alstahaug: Slik fikk fem kommuner til én felles anskaffelse",
        presenter: MARTE,
        description: "Behovsavklaring, fullmakter og kostnadsfordeling – og hva vi ville gjort annerledes.",
      },
      {
        minutes: 35,
        title: "Maler og veiledning for felles anskaffelser",
        presenter: { name: "Tone Aas", organisation: "Direktoratet for forvaltning og økonomistyring (DFØ)" },
      },
      { minutes: 30, title: "Oslo: Dynamisk innkjøpsordning i praksis", presenter: AMIR },
      { minutes: 35, title: "Hvem blir med på neste runde?", presenter: COORDINATOR },
    ],
    registrants: [KARI, MARTE, AMIR, OLA, SOFIE],
    summary: {
      publishedDaysAfter: 5,
      markdown: `## Kort oppsummert

Felles anskaffelser sparer penger og kompetanse, men krever at kommunene blir enige om behovet tidlig. Alstahaug og fire nabokommuner brukte seks måneder fra første møte til signert kontrakt.

Forumet tok opp temaforslaget «Felles anskaffelse av velferdsteknologi: hvordan får små kommuner det til?», som Marte Eide i Alstahaug foreslo og kolleger fra fem kommuner støttet.

## Alstahaug: Fem kommuner, én anskaffelse

Marte Eide gikk gjennom prosessen bak den felles anskaffelsen av plattform for velferdsteknologi:

- **Behovsavklaring:** én felles kravspesifikasjon, med et eget vedlegg for lokale behov.
- **Fullmakter:** hver kommune ga Alstahaug fullmakt til å gjennomføre konkurransen på vegne av alle.
- **Kostnadsfordeling:** etter innbyggertall, med et fast minimum for de minste kommunene.

> Det som tok tid, var ikke konkurransen. Det var å bli enige om hva vi egentlig trengte.

## DFØ: Maler og veiledning

Tone Aas viste maler for samarbeidsavtaler og fullmakter på anskaffelser.no, og minnet om at avtalen må avklare hvem som følger opp leverandøren etter at kontrakten er signert.

## Oslo: Dynamisk innkjøpsordning

Amir Haddad fortalte hvordan Oslo bruker en dynamisk innkjøpsordning for IKT-konsulenter. Ordningen er åpen for nye leverandører hele tiden, noe som gir bedre konkurranse enn en tradisjonell rammeavtale.

## Videre arbeid

1. Vefsn, Rana og Hemnes vurderer å slutte seg til avtalen om velferdsteknologi ved neste opsjon.
2. Klyngen samler en oversikt over avtaler som utløper de neste to årene, så vi ser mulighetene for felles anskaffelser i tide.
3. Marte Eide deler kravspesifikasjonen i løsningskatalogen.
`,
    },
  },
  {
    title: "Ekstra forum: Universell utforming av innbyggertjenester",
    description:
      "Et kort, ekstra forum om kravene til universell utforming av nettsider og apper, og hva de betyr for kommunenes digitale innbyggertjenester.",
    inDays: -35,
    from: "13:00",
    to: "14:00",
    themes: ["competence"],
    status: "cancelled",
    cancelReason: "Innlederen fra Digdir ble syk. Temaet settes opp på et senere forummøte.",
    agenda: [
      {
        minutes: 45,
        title: "Tilsynet med universell utforming: Hva finner de?",
        presenter: { name: "Jonas Strand", organisation: "Digitaliseringsdirektoratet (Digdir)" },
      },
    ],
    registrants: [],
  },
  {
    title: "Informasjonssikkerhet og beredskap etter øvelsen",
    description:
      "Kommunene på Helgeland har nettopp øvd på to døgn uten nett og fagsystemer. Hva fungerte, hva sviktet, og hva gjør vi nå?",
    inDays: -12,
    from: "09:00",
    to: "11:30",
    themes: ["preparedness", "leadership"],
    status: "held",
    agenda: [
      { minutes: 10, title: "Velkommen", presenter: COORDINATOR },
      { minutes: 40, title: "Vefsn: Hva vi lærte av øvelsen «Digitalt bortfall»", presenter: COORDINATOR },
      { minutes: 40, title: "Brønnøy: Når journalsystemet er nede", presenter: OLA },
      { minutes: 30, title: "Rana: Kontinuitetsplaner som faktisk blir brukt", presenter: KARI },
      { minutes: 30, title: "Oppsummering og veien videre", presenter: COORDINATOR },
    ],
    registrants: [KARI, OLA, SOFIE, MARTE, AMIR],
    summary: {
      markdown: `## Kort oppsummert (utkast)

Kommunene på Helgeland øvde på et fullstendig bortfall av nett og fagsystemer i to døgn. Papirrutinene i hjemmetjenesten holdt, men varslingen mellom kommunene tok for lang tid.

## Hva fungerte

- Papirbaserte rutiner for legemiddelhåndtering i hjemmetjenesten.
- Kriseledelsen i Vefsn var samlet innen en time.

## Hva må forbedres

- Varsling på tvers av kommunene: ingen hadde oppdaterte telefonlister.
- Kontinuitetsplanene for barnehage og skole manglet.

## Oppfølging

- [ ] Sjekk tallene fra Brønnøy før publisering.
- [ ] Legg inn lenke til evalueringsrapporten.
`,
    },
  },
  {
    title: "Kunstig intelligens i kommunal saksbehandling",
    description:
      "Rana har testet en KI-assistent i byggesaksbehandlingen i et halvt år. Hva fungerte, hva sier personvernet, " +
      "og hvordan stiller vi krav når vi skal anskaffe slike verktøy?\n\n**For hvem:** ledere og fagfolk i saksbehandling, IKT, personvern og innkjøp.",
    inDays: 14,
    from: "09:00",
    to: "11:30",
    themes: ["implementation", "competence", "procurement"],
    status: "planned",
    agenda: [
      { minutes: 10, title: "Velkommen og nytt fra klyngen", presenter: COORDINATOR },
      {
        minutes: 35,
        title: "Rana: Et halvt år med KI-assistent i byggesak",
        presenter: KARI,
        description: "Hva assistenten brukes til, hva den ikke får gjøre, og hvordan saksbehandlerne har tatt den i bruk.",
      },
      {
        minutes: 35,
        title: "Nasjonale føringer for ansvarlig bruk av KI",
        presenter: { name: "Hanne Lie", organisation: "Digitaliseringsdirektoratet (Digdir)" },
        description: "Veiledning, regelverk og hva EUs KI-forordning betyr for kommunene.",
      },
      { minutes: 30, title: "Alstahaug: Krav til KI-verktøy i anskaffelser", presenter: MARTE },
      // Short, so a demo topic scheduled onto this agenda (topics/demo.server.ts) still fits before the end.
      { minutes: 20, title: "Felles drøfting: Hvilke oppgaver passer for KI hos oss?", presenter: COORDINATOR },
    ],
    registrants: [KARI, OLA, MARTE, SOFIE, AMIR, COORDINATOR],
  },
  {
    title: "Forebygging og folkehelse: data som grunnlag for tiltak",
    description: "Hvordan bruker vi folkehelsedata til å velge forebyggende tiltak – og til å se om de virker?",
    inDays: 42,
    from: "09:00",
    to: "11:00",
    themes: ["prevention", "collaboration"],
    status: "planned",
    agenda: [
      { minutes: 45, title: "Bodø: Folkehelseprofilen i eget dashbord", presenter: SOFIE },
      { minutes: 45, title: "Vefsn og Hemnes: Felles frisklivssentral på tvers av kommunegrensen", presenter: COORDINATOR },
    ],
    registrants: [OLA, MARTE],
  },
  {
    title: "Barnehage og skole: digitale søknader og foreldrebetaling",
    description: "Utkast. Innledere er ikke bekreftet ennå.",
    inDays: 70,
    from: "09:00",
    to: "11:30",
    themes: ["implementation", "collaboration"],
    status: "draft",
    agenda: [],
    registrants: [],
  },
];

const DAY = 24 * 60 * 60 * 1000;

/** The Oslo date of the first Thursday on or after `inDays` days from `now`, as "YYYY-MM-DD". */
function thursdayFrom(now: Date, inDays: number): string {
  const [year, month, day] = toOsloInput(now).slice(0, 10).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day + inDays));
  date.setUTCDate(date.getUTCDate() + ((4 - date.getUTCDay() + 7) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * Seeds the demo forum sessions (needs the demo members). Does nothing when any forum session exists,
 * so running it again is harmless. Goes through the domain functions, so the audit log shows the demo
 * coordinator's work; summaries are published without notifying, so no demo mail is queued.
 */
export async function seedDemoForumSessions(now = new Date()): Promise<number> {
  const [existing] = await db().select({ n: count() }).from(forumSessions);
  if ((existing?.n ?? 0) > 0) return 0;
  const people = new Map([...(await demoPeople())].map(([email, m]) => [email, m.id]));
  const coordinatorId = people.get(COORDINATOR);
  if (!coordinatorId) return 0;
  const themeIds = new Map((await db().select({ id: themes.id, slug: themes.slug }).from(themes)).map((t) => [t.slug, t.id]));
  const seeded: number[] = [];

  for (const demo of DEMO_FORUM_SESSIONS) {
    const day = thursdayFrom(now, demo.inDays);
    const startsAt = fromOsloInput(`${day}T${demo.from}`)!;
    const session = await createForumSession(coordinatorId, {
      title: demo.title,
      description: demo.description,
      startsAt,
      endsAt: fromOsloInput(`${day}T${demo.to}`)!,
      meetingUrl: demo.status === "draft" ? null : `https://meet.kommuneforum.no/helgeland-${day}`,
      themeIds: demo.themes.map((slug) => themeIds.get(slug)).filter((id) => id !== undefined),
    });
    seeded.push(session.id);
    let offset = 0;
    for (const item of demo.agenda) {
      const presenter = item.presenter;
      const presenterMemberId = typeof presenter === "string" ? (people.get(presenter) ?? null) : null;
      await addAgendaItem(coordinatorId, session.id, {
        startOffsetMinutes: offset,
        durationMinutes: item.minutes,
        title: item.title,
        presenterMemberId,
        presenterName: typeof presenter === "object" ? presenter.name : null,
        presenterOrganisation: typeof presenter === "object" ? presenter.organisation : null,
        description: item.description ?? "",
        topicId: null,
      });
      offset += item.minutes;
    }
    if (demo.status === "draft") continue;
    await changeForumSessionStatus(coordinatorId, session.id, "planned");
    for (const email of demo.registrants) {
      const memberId = people.get(email);
      if (memberId) await register(session.id, memberId);
    }
    if (demo.status === "planned") continue;
    if (demo.status === "cancelled") await cancelForumSession(coordinatorId, session.id, { reason: demo.cancelReason ?? "" });
    else await changeForumSessionStatus(coordinatorId, session.id, demo.status);

    if (demo.summary?.publishedDaysAfter !== undefined) {
      const publishedAt = new Date(startsAt.getTime() + demo.summary.publishedDaysAfter * DAY);
      const markdown = demo.summary.markdown;
      await audited(coordinatorId, "summary.publish", { type: "summary", id: session.id }, async (tx) => {
        const [summary] = await tx
          .insert(summaries)
          .values({
            forumSessionId: session.id,
            bodyMd: markdown,
            bodyHtml: renderSummary(markdown),
            status: "published",
            publishedAt,
            updatedBy: coordinatorId,
            createdAt: new Date(publishedAt.getTime() - DAY),
            updatedAt: publishedAt,
          })
          .returning();
        return { before: null, after: { status: summary!.status, version: summary!.version } };
      });
    } else if (demo.summary) {
      await saveSummary(coordinatorId, session.id, { bodyMd: demo.summary.markdown, version: 0, publish: false });
    }
  }

  // The domain functions stamp everything "now"; a demo reads better when sessions were planned, and
  // members registered, some weeks before they met.
  await db()
    .update(forumSessions)
    .set({ createdAt: sql`least(${forumSessions.createdAt}, ${forumSessions.startsAt} - interval '42 days')` })
    .where(inArray(forumSessions.id, seeded));
  await db().execute(sql`
    update ${registrations} r
    set created_at = least(r.created_at, s.starts_at - make_interval(days => 2 + r.member_id % 12))
    from ${forumSessions} s
    where s.id = r.forum_session_id and s.id in (${sql.join(seeded.map((id) => sql`${id}`), sql`, `)})`);
  return DEMO_FORUM_SESSIONS.length;
}
