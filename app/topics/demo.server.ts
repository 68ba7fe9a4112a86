import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  agendaItems,
  comments,
  emailOutbox,
  forumSessions,
  summaries,
  themes,
  topicStatusChanges,
  topicSupports,
  topics,
  type Topic,
} from "../../db/schema";
import { commentOnTopic, coverTopicsOfForumSession, proposeTopic, setSupport, triageTopic } from "./topics.server";
import { editComment } from "~/comments/comments.server";
import { db } from "~/db.server";
import { moveAgendaItem } from "~/forum-sessions/agenda.server";
import { audited } from "~/lib/audit.server";
import { DEMO_EMAIL, demoPeople } from "~/members/demo.server";
import { notifyMembers } from "~/notifications/notify.server";

const { admin: ADMIN, coordinator: COORDINATOR, kari: KARI, ola: OLA, marte: MARTE, sofie: SOFIE, amir: AMIR } = DEMO_EMAIL;

/** The demo forum sessions (forum-sessions/demo.server.ts) the topics' chain runs through. */
const HELD_WITH_SUMMARY = "Felles anskaffelser på Helgeland";
const NEXT_SESSION = "Kunstig intelligens i kommunal saksbehandling";

/** The demo topic a published summary covered; that summary names it. */
export const COVERED_DEMO_TOPIC = "Felles anskaffelse av velferdsteknologi: hvordan får små kommuner det til?";

type DemoStep =
  | { step: "shortlist"; days: number; note?: string }
  | { step: "decline"; days: number; reason: string }
  | { step: "merge"; days: number; into: string; note?: string }
  /** Onto a draft or planned session's agenda; `moveUp` steps its item up, so the closing item stays last. */
  | { step: "schedule"; days: number; session: string; note?: string; moveUp?: number }
  /**
   * Onto a session that has since been held: the agenda item it became is linked, and the session's
   * published summary covers the topic (at the summary's publication).
   */
  | { step: "cover"; days: number; session: string; agendaItem: string; note?: string };

interface DemoComment {
  author: string;
  days: number;
  body: string;
  /** What the author changed it to, within the edit window. */
  edited?: string;
}

interface DemoTopic {
  title: string;
  description: string;
  proposer: string;
  themes: string[];
  canPresent?: boolean;
  experienced?: string[];
  /**
   * When it was proposed, in days from today, or from the start of the forum session named by `anchor`
   * (for a topic long since taken up). Every other `days` of the topic counts from the same point.
   */
  days: number;
  anchor?: string;
  /** Their supports fall evenly between the proposal and the first triage step. */
  supporters: string[];
  steps?: DemoStep[];
  comments?: DemoComment[];
}

// The forum's story goes on: what the Helgeland municipalities (and Bodø and Oslo) want the forum to take
// up next, one suggestion already followed all the way to a published summary.
export const DEMO_TOPICS: DemoTopic[] = [
  {
    title: COVERED_DEMO_TOPIC,
    description:
      "Vi er mange små kommuner som hver for seg skal kjøpe det samme: trygghetsalarmer, digitalt tilsyn og medisindispensere. " +
      "Hver anskaffelse tar et halvt år og krever kompetanse vi ikke har.\n\n" +
      "Alstahaug har gjennomført én felles anskaffelse for fem kommuner, og kan fortelle hvordan vi gjorde det:\n\n" +
      "- behovsavklaring med én felles kravspesifikasjon\n- fullmakter og samarbeidsavtale\n- fordeling av kostnader\n\n" +
      "Hvem vil være med på neste runde?",
    proposer: MARTE,
    themes: ["procurement", "collaboration"],
    canPresent: true,
    experienced: ["1820", "1816", "1818", "1822", "1827"],
    anchor: HELD_WITH_SUMMARY,
    days: -66,
    supporters: [OLA, KARI, SOFIE, COORDINATOR, AMIR],
    steps: [
      { step: "shortlist", days: -48, note: "Mange har spurt om dette etter forrige forum." },
      {
        step: "cover",
        days: -38,
        session: HELD_WITH_SUMMARY,
        agendaItem: "Alstahaug: Slik fikk fem kommuner til én felles anskaffelse",
        note: "Hovedtema på forumet om felles anskaffelser, med Marte Eide som innleder.",
      },
    ],
    comments: [
      { author: OLA, days: -60, body: "Brønnøy er med! Avtalen vår om trygghetsalarmer går ut neste høst, så tidspunktet passer godt." },
      {
        author: KARI,
        days: -55,
        body: "Rana er interessert, men vi trenger å vite mer om hvordan kostnadene fordeles mellom store og små kommuner.",
      },
      {
        author: MARTE,
        days: 9,
        body: "Takk for et godt forum! Kravspesifikasjonen og samarbeidsavtalen ligger nå i løsningskatalogen. Ta kontakt om dere vil bruke dem.",
      },
    ],
  },
  {
    title: "KI-assistent i saksbehandlingen: personvern, arkiv og ansvar for vedtaket",
    description:
      "Oslo tester en språkmodell som skriver utkast til svar og vedtak i byggesak. Før flere kommuner tar i bruk slike verktøy, " +
      "bør vi bli enige om noen grunnregler:\n\n" +
      "1. Hvem er ansvarlig for et vedtak når KI har skrevet utkastet?\n2. Hva må arkiveres – ledeteksten, utkastet eller bare det endelige vedtaket?\n" +
      "3. Hvilke data kan sendes til leverandøren?\n\nVi deler gjerne vår personvernkonsekvensvurdering (DPIA).",
    proposer: AMIR,
    themes: ["implementation", "leadership"],
    canPresent: true,
    experienced: ["0301", "1833"],
    days: -40,
    supporters: [KARI, MARTE, SOFIE, COORDINATOR],
    steps: [
      { step: "shortlist", days: -18 },
      { step: "schedule", days: -9, session: NEXT_SESSION, note: "Passer rett inn i forumet om KI.", moveUp: 1 },
    ],
    comments: [
      {
        author: KARI,
        days: -30,
        body: "Veldig aktuelt. Rana har et halvt år med KI i byggesak bak seg, og arkivspørsmålet er det vi har brukt mest tid på.",
      },
    ],
  },
  {
    title: "Beredskap ved langvarig strømbrudd og bortfall av nett",
    description:
      "Øvelsen i høst viste at vi klarer oss noen timer uten nett, men ikke flere døgn. Hva gjør hjemmetjenesten når " +
      "trygghetsalarmene og journalsystemet er borte, og hvordan varsler vi hverandre på tvers av kommunene?\n\n" +
      "Brønnøy har laget papirrutiner for hjemmetjenesten og kan dele dem.",
    proposer: OLA,
    themes: ["preparedness", "collaboration"],
    canPresent: true,
    experienced: ["1813", "1824"],
    days: -21,
    supporters: [KARI, MARTE, SOFIE, AMIR, COORDINATOR, ADMIN],
    steps: [{ step: "shortlist", days: -5, note: "Tas opp etter at oppsummeringen fra øvelsen er publisert." }],
    comments: [
      {
        author: KARI,
        days: -16,
        body: "Vi fant ut at ingen hadde oppdaterte telefonlister til nabokommunene. Kan vi lage én felles liste?",
        edited: "Vi fant ut at ingen hadde oppdaterte telefonlister til nabokommunene. Kan vi lage én felles liste og oppdatere den hvert halvår?",
      },
      { author: OLA, days: -15, body: "God idé, Kari. Jeg tar det med til beredskapskoordinatorene." },
    ],
  },
  {
    title: "Lederes rolle i digital omstilling: hvordan skaper vi eierskap i tjenestene?",
    description:
      "Prosjektene våre lykkes når lederne i tjenestene eier endringen, og stopper opp når de ikke gjør det. " +
      "Hvordan har andre kommuner fått mellomlederne med, og hva gjør kommunedirektøren?",
    proposer: SOFIE,
    themes: ["leadership", "competence"],
    days: -34,
    supporters: [AMIR, OLA, MARTE],
    steps: [{ step: "shortlist", days: -12 }],
  },
  {
    title: "Forebyggende hjemmebesøk: hvordan vet vi at det virker?",
    description:
      "Alle kommunene tilbyr forebyggende hjemmebesøk til eldre, men få måler om besøkene utsetter behovet for tjenester. " +
      "Kan vi bli enige om noen felles indikatorer og dele tallene?",
    proposer: KARI,
    themes: ["prevention"],
    experienced: ["1804", "1833"],
    days: -27,
    supporters: [SOFIE, OLA, COORDINATOR],
  },
  {
    title: "Digital kompetanse i hjemmetjenesten: superbrukere som faktisk får tid",
    description:
      "Rana har superbrukere på hver base, med fast tid i turnusen til å lære opp kolleger. Det har gjort mer enn alle kursene til sammen. " +
      "Vi forteller gjerne hvordan vi fikk det til i turnusen, og hva det koster.",
    proposer: KARI,
    themes: ["competence", "implementation"],
    canPresent: true,
    experienced: ["1833"],
    days: -14,
    supporters: [OLA, SOFIE],
  },
  {
    title: "Utskrivning fra sykehuset: samhandling som virker også i helgene",
    description:
      "Pasienter blir skrevet ut fredag ettermiddag uten at kommunen er klar. Hvordan har andre kommuner fått til faste " +
      "rutiner med helseforetaket, og hva kan vi avtale felles for Helgeland?",
    proposer: OLA,
    themes: ["collaboration", "prevention"],
    days: -11,
    supporters: [SOFIE, KARI, MARTE],
  },
  {
    title: "Deler vi spesialister? Rekruttering i små kommuner",
    description:
      "Vi klarer ikke å rekruttere en egen informasjonssikkerhetsleder, jurist eller arkivar hver. Hvilke stillinger kan vi dele, " +
      "og hvordan organiserer vi det?",
    proposer: MARTE,
    themes: ["competence", "collaboration"],
    days: -6,
    supporters: [OLA],
  },
  {
    title: "Gevinstrealisering: felles indikatorer for velferdsteknologi",
    description:
      "Bodø måler frigjort tid, unngåtte innleggelser og brukertilfredshet hvert kvartal. Hvis flere kommuner måler det samme, " +
      "kan vi sammenligne oss og vise kommunestyrene hva teknologien gir.\n\n| Gevinst | Måles som |\n|---|---|\n" +
      "| Frigjort tid | Timer per uke |\n| Færre innleggelser | Antall per år |",
    proposer: SOFIE,
    themes: ["implementation", "leadership"],
    canPresent: true,
    experienced: ["1804"],
    days: -9,
    supporters: [KARI, OLA, MARTE, AMIR],
  },
  {
    title: "Digitalt tilsyn på natt: samtykke, pårørende og personvern",
    description:
      "Digitalt tilsyn krever samtykke fra brukeren, og ofte en god dialog med pårørende. Hvordan gjør vi det når brukeren " +
      "ikke lenger kan samtykke selv? Brønnøy har rutiner vi gjerne deler.",
    proposer: OLA,
    themes: ["implementation", "prevention"],
    canPresent: true,
    experienced: ["1813"],
    days: -25,
    supporters: [MARTE, SOFIE],
    comments: [{ author: SOFIE, days: -3, body: "Bodø har en mal for samtykke og informasjon til pårørende som kan deles." }],
  },
  {
    title: "Samtykke til digitalt tilsyn",
    description: "Hva gjør dere når brukeren ikke kan samtykke til kamera eller sensorer?",
    proposer: KARI,
    themes: ["implementation"],
    days: -19,
    supporters: [AMIR, SOFIE],
    steps: [
      {
        step: "merge",
        days: -17,
        into: "Digitalt tilsyn på natt: samtykke, pårørende og personvern",
        note: "Samme spørsmål som i Brønnøys forslag; støttene er flyttet dit.",
      },
    ],
  },
  {
    title: "Felles innkjøp av nettbrett til alle elever i regionen",
    description: "Kan kommunene på Helgeland kjøpe nettbrett til elevene sammen, så vi får bedre pris?",
    proposer: AMIR,
    themes: ["procurement"],
    days: -31,
    supporters: [],
    steps: [
      {
        step: "decline",
        days: -24,
        reason:
          "Elev-PC-er og nettbrett dekkes av fylkets nye rammeavtale, som alle kommunene kan bruke. " +
          "Forumet tar opp felles anskaffelser av tjenester og løsninger, ikke enkeltkjøp av utstyr.",
      },
    ],
  },
  {
    title: "Klarspråk i vedtaksbrev: maler vi kan dele",
    description:
      "Innbyggerne forstår ikke vedtakene våre. Oslo har skrevet om malene for helse og omsorg i klarspråk, og vi deler gjerne. " +
      "Har andre gjort det samme på andre områder?",
    proposer: AMIR,
    themes: ["competence", "collaboration"],
    canPresent: true,
    experienced: ["0301"],
    days: -2,
    supporters: [],
  },
];

const DAY = 24 * 60 * 60 * 1000;

/** The highest id in each table the demo's writes add to: what a write added lies between two marks. */
async function marks() {
  const max = (table: string) => sql<number>`(select coalesce(max(id), 0) from ${sql.identifier(table)})`.mapWith(Number);
  const [row] = await db()
    .select({
      topic_status_changes: max("topic_status_changes"),
      notifications: max("notifications"),
      audit_events: max("audit_events"),
      comments: max("comments"),
      agenda_items: max("agenda_items"),
    })
    .from(sql`(values (1)) as one (x)`);
  return row!;
}

type Marks = Awaited<ReturnType<typeof marks>>;

const DATED_COLUMNS: Record<keyof Marks, string> = {
  topic_status_changes: "created_at = r.at",
  // A member has long since read what they were told of weeks ago.
  notifications: "created_at = r.at, read_at = case when r.at < now() - interval '10 days' then r.at + interval '1 day' end",
  audit_events: "created_at = r.at",
  comments: "created_at = r.at",
  agenda_items: "created_at = r.at, updated_at = r.at",
};

/**
 * The write functions stamp everything "now"; a demo reads better when things happened over the past
 * months. Dates what each write added (between its marks) as happening when the story says, in one
 * statement per table.
 */
async function dateWrites(start: Marks, timeline: { upTo: Marks; at: Date }[]) {
  for (const table of Object.keys(DATED_COLUMNS) as (keyof Marks)[]) {
    const ranges = timeline.flatMap(({ upTo, at }, i) => {
      const from = i === 0 ? start[table] : timeline[i - 1]!.upTo[table];
      return upTo[table] > from ? [sql`(${from}::bigint, ${upTo[table]}::bigint, ${at.toISOString()}::timestamptz)`] : [];
    });
    if (ranges.length === 0) continue;
    await db().execute(sql`
      update ${sql.identifier(table)} t set ${sql.raw(DATED_COLUMNS[table])}
      from (values ${sql.join(ranges, sql`, `)}) as r (after_id, up_to, at)
      where t.id > r.after_id and t.id <= r.up_to`);
  }
}

/**
 * Seeds the demo topics (needs the demo members, and the demo forum sessions for the chain). Does nothing
 * when any topic exists, so running it again is harmless. Goes through the area's write functions, so
 * history, notices and the audit log agree; only the agenda item of a session held long ago is linked
 * directly, as scheduling would have linked it then. Demo addresses get no mail.
 */
export async function seedDemoTopics(now = new Date()): Promise<number> {
  const [existing] = await db().select({ n: count() }).from(topics);
  if ((existing?.n ?? 0) > 0) return 0;
  const people = await demoPeople();
  const coordinator = people.get(COORDINATOR);
  if (!coordinator) return 0;
  const person = (email: string) => people.get(email)!;
  const themeIds = new Map((await db().select({ id: themes.id, slug: themes.slug }).from(themes)).map((t) => [t.slug, t.id]));
  const sessions = new Map(
    (
      await db()
        .select({ id: forumSessions.id, title: forumSessions.title, startsAt: forumSessions.startsAt, publishedAt: summaries.publishedAt })
        .from(forumSessions)
        .leftJoin(summaries, and(eq(summaries.forumSessionId, forumSessions.id), eq(summaries.status, "published")))
        .where(inArray(forumSessions.title, [HELD_WITH_SUMMARY, NEXT_SESSION]))
    ).map((s) => [s.title, s]),
  );

  const start = await marks();
  const mailFrom = (await db().select({ id: sql<number>`coalesce(max(${emailOutbox.id}), 0)`.mapWith(Number) }).from(emailOutbox))[0]!.id;
  const timeline: { upTo: Marks; at: Date }[] = [];
  const happened = async (at: Date) => timeline.push({ upTo: await marks(), at });
  const dated = { topics: [] as SQL[], supports: [] as SQL[] };
  const seeded = new Map<string, Topic>();

  for (const demo of DEMO_TOPICS) {
    const anchor = demo.anchor ? sessions.get(demo.anchor)?.startsAt : now;
    if (!anchor) continue;
    const at = (days: number) => new Date(Math.min(anchor.getTime() + days * DAY, now.getTime() - 60_000));
    const proposer = person(demo.proposer);
    let topic = await proposeTopic(proposer, {
      title: demo.title,
      description: demo.description,
      themeIds: demo.themes.map((slug) => themeIds.get(slug)).filter((id) => id !== undefined),
      canPresent: demo.canPresent ?? false,
      experiencedMunicipalities: demo.experienced ?? [],
    });
    await happened(at(demo.days));
    dated.topics.push(sql`(${topic.id}::int, ${at(demo.days).toISOString()}::timestamptz)`);

    // Supports come in between the proposal and the first step a coordinator takes (or today).
    const firstStep = demo.steps?.[0]?.days ?? (now.getTime() - anchor.getTime()) / DAY;
    for (const [i, email] of demo.supporters.entries()) {
      await setSupport(person(email).id, topic.id, true);
      const supportedAt = at(demo.days + ((firstStep - demo.days) * (i + 1)) / (demo.supporters.length + 1));
      dated.supports.push(sql`(${topic.id}::int, ${person(email).id}::int, ${supportedAt.toISOString()}::timestamptz)`);
    }

    // Comments and steps in the order they happened: a comment may come before the topic is taken up.
    const events = [
      ...(demo.steps ?? []).map((step) => ({ days: step.days, step })),
      ...(demo.comments ?? []).map((comment) => ({ days: comment.days, comment })),
    ].sort((a, b) => a.days - b.days);
    for (const event of events) {
      if ("comment" in event) {
        const author = person(event.comment.author);
        const result = await commentOnTopic(author, topic.id, event.comment.body);
        if (result.ok && event.comment.edited) {
          await editComment({ ...author, role: "member", status: "approved" }, result.commentId, { bodyMd: event.comment.edited, version: 1 });
          await db().update(comments).set({ editedAt: at(event.days + 0.02) }).where(eq(comments.id, result.commentId));
        }
        await happened(at(event.days));
        continue;
      }
      const step = event.step;
      if (step.step === "cover") {
        const session = sessions.get(step.session);
        if (!session?.publishedAt) continue;
        topic = (await scheduleOntoHeldSession(coordinator.id, topic, session.id, step.agendaItem, step.note)) ?? topic;
        await happened(at(step.days));
        await db().transaction((tx) => coverTopicsOfForumSession(tx, session.id));
        await happened(session.publishedAt);
        continue;
      }
      const result = await triageTopic(coordinator.id, topic.id, triageInput(step, topic.version, seeded, sessions));
      if (!result.ok) continue;
      topic = result.topic;
      if (step.step === "schedule" && step.moveUp) {
        const [item] = await db().select().from(agendaItems).where(eq(agendaItems.topicId, topic.id));
        for (let n = 0; item && n < step.moveUp; n++) await moveAgendaItem(coordinator.id, item.forumSessionId, item.id, "up");
      }
      await happened(at(step.days));
    }
    seeded.set(demo.title, topic);
  }
  if (seeded.size === 0) return 0;

  await dateWrites(start, timeline);
  await db().delete(emailOutbox).where(and(sql`${emailOutbox.id} > ${mailFrom}`, inArray(emailOutbox.toAddress, [...people.keys()])));
  await db().execute(sql`
    update ${topicSupports} s set created_at = r.at
    from (values ${sql.join(dated.supports, sql`, `)}) as r (topic_id, member_id, at)
    where s.topic_id = r.topic_id and s.member_id = r.member_id`);
  // Proposed when the story says; "last changed" and "recently active" as its dated history, supports and comments say.
  await db().execute(sql`
    update ${topics} t set
      created_at = r.at,
      updated_at = coalesce((select max(h.created_at) from ${topicStatusChanges} h where h.topic_id = t.id), r.at),
      last_activity_at = greatest(
        r.at,
        (select max(h.created_at) from ${topicStatusChanges} h where h.topic_id = t.id),
        (select max(s.created_at) from ${topicSupports} s where s.topic_id = t.id),
        (select max(c.created_at) from ${comments} c where c.topic_id = t.id))
    from (values ${sql.join(dated.topics, sql`, `)}) as r (id, at)
    where t.id = r.id`);
  return seeded.size;
}

function triageInput(
  step: Exclude<DemoStep, { step: "cover" }>,
  version: number,
  seeded: Map<string, Topic>,
  sessions: Map<string, { id: number }>,
) {
  switch (step.step) {
    case "shortlist":
      return { step: step.step, version, note: step.note };
    case "decline":
      return { step: step.step, version, reason: step.reason };
    case "merge":
      return { step: step.step, version, intoId: seeded.get(step.into)?.id ?? -1, note: step.note };
    case "schedule":
      return { step: step.step, version, forumSessionId: sessions.get(step.session)?.id ?? -1, note: step.note };
  }
}

/**
 * What scheduling did while the session was still planned: the agenda item it became links to the
 * topic, the topic is scheduled onto the session, with its history, notices and audit entry.
 */
async function scheduleOntoHeldSession(actorId: number, before: Topic, forumSessionId: number, agendaItemTitle: string, note?: string) {
  const result = await audited(actorId, "topic.schedule", { type: "topic", id: before.id }, async (tx) => {
    const [item] = await tx
      .update(agendaItems)
      .set({ topicId: before.id })
      .where(and(eq(agendaItems.forumSessionId, forumSessionId), eq(agendaItems.title, agendaItemTitle)))
      .returning({ id: agendaItems.id });
    if (!item) return null;
    const [topic] = await tx
      .update(topics)
      .set({ status: "scheduled", forumSessionId, version: sql`${topics.version} + 1` })
      .where(eq(topics.id, before.id))
      .returning();
    await tx.insert(topicStatusChanges).values({
      topicId: before.id,
      actorId,
      fromStatus: before.status,
      toStatus: "scheduled",
      note: note ?? null,
      forumSessionId,
    });
    const supporters = await tx.select({ memberId: topicSupports.memberId }).from(topicSupports).where(eq(topicSupports.topicId, before.id));
    const followers = new Set([...supporters.map((s) => s.memberId), ...(before.proposerId ? [before.proposerId] : [])]);
    followers.delete(actorId);
    await notifyMembers(tx, [...followers], {
      kind: "topic_status_changed",
      params: { title: before.title, topicStatus: "scheduled" },
      url: `/topics/${before.id}`,
    });
    return {
      before: { title: before.title, status: before.status, version: before.version, canPresent: before.canPresent },
      after: { title: topic!.title, status: topic!.status, version: topic!.version, canPresent: topic!.canPresent, forumSessionId, agendaItemId: item.id },
      topic: topic!,
    };
  });
  return result?.topic;
}
