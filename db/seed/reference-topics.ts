import type { TransactionSql } from "postgres";
import { renderMarkdown } from "../../app/lib/markdown.server";

/**
 * The reference data set's topics, supports and comments (DESIGN.md: 20,000 topics, 200,000 supports;
 * of its 200,000 comments, half are under topics and the rest will come with experiences and solutions).
 * Runs inside seedReference's transaction, after the forum sessions, and uses its temporary tables.
 */
export const TOPIC_SIZES = {
  topics: 20_000,
  supports: 200_000,
  topicComments: 100_000,
} as const;

const SUBJECTS = [
  "digitalt tilsyn på natt", "elektroniske medisindispensere", "trygghetsalarmer", "digital hjemmeoppfølging",
  "KI i saksbehandlingen", "digitale søknader om barnehageplass", "redusert foreldrebetaling", "ID-porten og Altinn i innbyggertjenestene",
  "sikkerhetskopier og gjenoppretting", "tofaktorautentisering for alle ansatte", "kontinuitetsplaner for barnehage og skole",
  "varsling på tvers av kommunegrensene", "forebyggende hjemmebesøk", "frisklivssentral", "folkehelsedata",
  "tidlig innsats i barnehagen", "Ungdata i planarbeidet", "felles kravspesifikasjoner", "dynamiske innkjøpsordninger",
  "kontraktsoppfølging etter anskaffelsen", "gevinstrealisering", "superbrukere i hjemmetjenesten", "e-læring for nyansatte",
  "ledelse av digital omstilling", "klarspråk i vedtaksbrev", "arkivkrav i nye fagsystemer", "personvernkonsekvensvurderinger",
  "databehandleravtaler", "interkommunalt IKT-samarbeid", "delte stillinger mellom kommuner", "samhandling med helseforetaket",
  "utskrivning fra sykehus i helgene", "digitalt utenforskap blant eldre", "velferdsteknologi i omsorgsboliger",
  "sensorer i sykehjem", "digitale læremidler", "skjermbruk i skolen", "beredskap ved strømbrudd", "ras og flom i distriktet",
  "rekruttering av sykepleiere",
];
const PATTERNS = [
  "Erfaringer med {}", "{} – hvordan kommer vi i gang?", "Felles anskaffelse: {}", "Hvordan måler vi gevinstene av {}?",
  "{} i små kommuner", "Hvem har tatt i bruk {}?", "Opplæring og kompetanse: {}", "Personvern og {}", "Ledelse og {}",
  "{}: fra pilot til drift", "Samarbeid på tvers om {}", "Hva har vi lært om {}?",
];
const DESCRIPTIONS = [
  "Vi vurderer dette i vår kommune og vil gjerne høre fra andre som har prøvd. Hva fungerte, og hva ville dere gjort annerledes?",
  "Flere kommuner i regionen står overfor det samme valget. Kan vi gjøre det sammen?\n\n- Hvem har erfaring?\n- Hva kostet det?\n- Hvordan ble de ansatte tatt med?",
  "Vi har hatt en pilot i et halvt år og kan dele erfaringene. Det vi lurer mest på, er hvordan vi får det over i **ordinær drift**.",
  "Spørsmålet kom opp i kommunedirektørens ledermøte. Vi trenger et kunnskapsgrunnlag før vi bestemmer oss, og vil gjerne at forumet tar det opp.",
  "## Bakgrunn\n\nNasjonale føringer sier at kommunene skal ta dette i bruk, men veiledningen er tynn.\n\n## Hva vi ønsker\n\n1. En gjennomgang av regelverket\n2. Erfaringer fra to–tre kommuner\n3. En plan for hva vi kan gjøre felles",
  "Små kommuner har ikke kapasitet til å gjøre dette alene. Et felles opplegg for klyngen kunne spart oss alle for mye arbeid.",
  "Vi har prøvd, og det gikk ikke som planlagt. Vi deler gjerne hva som gikk galt, slik at andre slipper å gjøre de samme feilene.",
  "Innbyggerne spør etter dette, og ansatte etterlyser bedre verktøy. Hvordan har andre prioritert?",
];
const DECLINE_REASONS = [
  "Temaet ble grundig behandlet på et forum for kort tid siden; se oppsummeringen.",
  "Dette dekkes av en nasjonal avtale som alle kommunene kan bruke. Forumet tar ikke opp enkeltkjøp av utstyr.",
  "For smalt for forumet. Ta det gjerne opp i fagnettverket for området.",
  "Dette er et spørsmål for hver kommunes egen ledelse, ikke for klyngen.",
  "Forslaget er trukket av forslagsstiller.",
];
const MERGE_NOTES = ["Samme spørsmål som et eldre forslag; støttene er flyttet dit.", "Slått sammen med et forslag om det samme.", ""];
const COMMENTS = [
  "Dette er veldig aktuelt hos oss også.",
  "Vi har erfaring med dette og deler gjerne. Ta kontakt!",
  "Godt forslag. Kan vi også ta med hvordan personvernet ble ivaretatt?",
  "Vi prøvde det i fjor. Det viktigste vi lærte:\n\n- Involver de ansatte tidlig\n- Sett av tid til opplæring\n- Mål gevinstene fra start",
  "Støtter dette. Vi står foran en anskaffelse og vil gjerne gjøre den sammen med andre.",
  "Hvordan løste dere det med **samtykke**?",
  "Kan noen dele kravspesifikasjonen de brukte?",
  "Vi har samme utfordring i distriktet: lange avstander og få fagfolk.",
  "Se gjerne veilederen fra Digdir om dette, den svarer på mye.",
  "Enig. Og husk arkivkravene før kontrakten signeres.",
  "Takk for innspillet! Vi tar det med til ledermøtet.",
  "Her bør vi involvere personvernombudene tidlig.",
  "Vi har brukt løsningen i to år nå. Fungerer godt, men krevde mer opplæring enn vi trodde.",
  "Er det noen som har målt effekten over tid?",
  "Dette henger sammen med forslaget om gevinstrealisering. Kanskje de kan tas opp på samme forum?",
  "Vi er med hvis det blir en felles anskaffelse.",
];
const HIDE_REASONS = ["Personopplysninger om en bruker.", "Reklame for en leverandør.", "Uthenging av en navngitt ansatt."];

interface Context {
  scale: number;
  /** Approved members, in the temporary table ref_approved (id, rank). */
  approved: number;
  coordinator: number | null;
}

/**
 * Gives each topic its number of supports (or comments) in proportion to its weight, a long tail (a
 * Pareto draw of shape 2, less one), scaled so that the total is exactly `target` and none above `cap`:
 * a few topics with hundreds, many with none.
 */
async function allocate(tx: TransactionSql, column: "supports" | "comments", target: number, cap: number) {
  const weight = column === "supports" ? "support_weight" : "comment_weight";
  const [{ total } = { total: 0 }] = await tx<{ total: number }[]>`select coalesce(sum(${tx(weight)}), 0)::float8 as total from ref_topics`;
  if (total <= 0) return;
  let k = target / total;
  for (let i = 0; i < 8; i++) {
    const [{ got } = { got: 0 }] = await tx<{ got: number }[]>`
      select sum(least(${cap}::int, floor(${tx(weight)} * ${k}::float8)))::float8 as got from ref_topics`;
    if (got <= 0 || got === target) break;
    k *= target / got;
  }
  await tx`update ref_topics set ${tx(column)} = least(${cap}::int, floor(${tx(weight)} * ${k}::float8))::int`;
  // What rounding left over, one each to the topics nearest to one more (or one less).
  const [{ left } = { left: 0 }] = await tx<{ left: number }[]>`select (${target}::int - sum(${tx(column)}))::int as left from ref_topics`;
  if (left === 0) return;
  await tx`
    update ref_topics r set ${tx(column)} = r.${tx(column)} + ${Math.sign(left)}
    from (
      select id from ref_topics
      where ${left > 0 ? tx`${tx(column)} < ${cap}::int` : tx`${tx(column)} > 0`}
      order by ${tx(weight)} * ${k}::float8 - ${tx(column)} ${left > 0 ? tx`desc` : tx`asc`}, id
      limit ${Math.abs(left)}
    ) pick
    where pick.id = r.id`;
}

export async function seedReferenceTopics(tx: TransactionSql, context: Context) {
  const count = (n: number) => Math.max(1, Math.round(n * context.scale));
  const topicCount = count(TOPIC_SIZES.topics);
  const { approved, coordinator } = context;
  const sizes = { topics: 0, topicSupports: 0, topicComments: 0, topicStatusChanges: 0, scheduledTopics: 0, coveredTopics: 0 };
  if (approved < 2) return sizes;
  const descriptionsHtml = DESCRIPTIONS.map((text) => renderMarkdown(text, { topHeading: 2 }));
  // Comments sit under an h2 "Comments" and their author's h3: their headings start at h4.
  const commentsHtml = COMMENTS.map((text) => renderMarkdown(text, { topHeading: 4 }));
  // Steps through the members coprime with their number, so one topic's supporters are all different.
  const steps = [7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47].filter((p) => approved % p !== 0 && p < approved);
  if (steps.length === 0) steps.push(1);

  // Topics that became agenda items: a third of the middle items of held sessions with a published
  // summary (covered) and of the sessions ahead (scheduled). The item keeps the topic's title.
  await tx`
    create temporary table ref_topic_links on commit drop as
    select (row_number() over (order by a.id))::int as i, a.id as agenda_item_id, a.forum_session_id, a.title,
      a.presenter_member_id, s.starts_at, fs.created_at as session_created_at, sm.published_at,
      (case when s.status = 'held' then 'covered' else 'scheduled' end)::topic_status as status
    from agenda_items a
    join ref_forum_sessions s on s.id = a.forum_session_id
    join forum_sessions fs on fs.id = s.id
    left join summaries sm on sm.forum_session_id = s.id and sm.status = 'published'
    where a.position > 0
      and a.position < (select max(b.position) from agenda_items b where b.forum_session_id = a.forum_session_id)
      and ((s.status = 'held' and sm.published_at is not null) or s.status in ('planned', 'draft'))
      and a.id % 3 = 0
    order by a.id
    limit ${topicCount}`;

  await tx`
    create temporary table ref_topics on commit drop as
    with drawn as (
      select i, random() as p, random() as age, random() as r1, random() as r2, random() as r3, random() as u,
        floor(random() * ${approved})::int as proposer_rank
      from generate_series(1, ${topicCount}) as i
    ),
    timed as (
      select d.*, l.agenda_item_id, l.forum_session_id, l.title as link_title, l.presenter_member_id,
        l.published_at, l.status as link_status,
        -- Scheduled after the session was planned, shortlisted and proposed some weeks before.
        case when l.i is not null then least(now(),
          greatest(l.session_created_at + interval '1 day', l.starts_at - make_interval(days => 5 + floor(d.r1 * 30)::int))) end as scheduled_at,
        now() - make_interval(mins => floor(power(d.age, 1.6) * 1460 * 24 * 60)::int) as drawn_at
      from drawn d left join ref_topic_links l on l.i = d.i
    ),
    statused as (
      select t.*,
        case when t.link_status is not null then t.link_status
             when t.drawn_at > now() - interval '14 days' then 'proposed'
             when t.p < 0.09 then 'declined'
             when t.p < 0.14 then 'merged'
             when t.p < 0.21 then 'shortlisted'
             else 'proposed' end::topic_status as status,
        case when t.scheduled_at is not null
             then t.scheduled_at - make_interval(days => 8 + floor(t.r2 * 90)::int)
             else t.drawn_at end as created_at
      from timed t
    )
    select s.i,
      nextval(pg_get_serial_sequence('topics', 'id'))::int as id,
      s.status, s.created_at, s.agenda_item_id, s.forum_session_id, s.published_at, s.scheduled_at,
      coalesce(s.presenter_member_id, m.id) as proposer_id,
      s.presenter_member_id is not null or (s.link_status is null and s.r3 < 0.25) as can_present,
      coalesce(s.link_title,
        (select upper(left(x, 1)) || substr(x, 2) from (select replace(
          (${PATTERNS}::text[])[1 + (s.i * 7) % ${PATTERNS.length}], '{}',
          (${SUBJECTS}::text[])[1 + (s.i * 13 + s.i / ${PATTERNS.length}) % ${SUBJECTS.length}]) as x) t)) as title,
      1 + s.i % ${DESCRIPTIONS.length} as description,
      -- Shortlisted some days after the proposal; declined or merged from there (or straight away).
      case when s.status in ('shortlisted', 'scheduled', 'covered') or (s.status = 'declined' and s.r3 < 0.3)
           then coalesce(s.scheduled_at - (s.scheduled_at - s.created_at) * (0.2 + 0.6 * s.r1),
                         s.created_at + least(now() - s.created_at, interval '120 days') * 0.5 * s.r1) end as shortlisted_at,
      case when s.status in ('declined', 'merged')
           then s.created_at + least(now() - s.created_at, interval '120 days') * (0.5 + 0.5 * s.r1) end as closed_at,
      case when s.status = 'declined' then (${DECLINE_REASONS}::text[])[1 + s.i % ${DECLINE_REASONS.length}] end as decline_reason,
      null::int as merged_into_id,
      -- Long tails: supports only while open, none left on a merged topic (they moved); comments follow supports.
      case when s.status = 'merged' then 0 else power(1 - s.u, -0.5) - 1 end as support_weight,
      s.u,
      0::float8 as comment_weight,
      0 as supports, 0 as comments,
      floor(s.r2 * ${approved})::int as support_start,
      (${steps}::int[])[1 + s.i % ${steps.length}] as support_step
    from statused s
    join ref_approved m on m.rank = s.proposer_rank`;
  await tx`create index on ref_topics (id)`;
  await tx`analyze ref_topics`;
  // A merged topic went into an open one proposed not long before it was merged (a duplicate); one with
  // none before it stays proposed.
  await tx`create index on ref_topics (created_at) where status in ('proposed', 'shortlisted')`;
  await tx`
    update ref_topics r set merged_into_id = (
      select o.id from ref_topics o
      where o.status in ('proposed', 'shortlisted') and o.created_at < r.closed_at
      order by o.created_at desc
      offset floor(random() * 50)::int limit 1)
    where r.status = 'merged'`;
  await tx`
    update ref_topics set status = 'proposed', closed_at = null, support_weight = power(1 - u, -0.5) - 1
    where status = 'merged' and merged_into_id is null`;
  await tx`update ref_topics set comment_weight = (support_weight + 0.5) * (case when status = 'merged' then 0.1 else 0.3 + random() end)`;

  await allocate(tx, "supports", count(TOPIC_SIZES.supports), Math.max(1, Math.floor(approved * 0.4)));
  await allocate(tx, "comments", count(TOPIC_SIZES.topicComments), Math.max(1, count(1_500)));

  sizes.topics = (
    await tx`
      insert into topics (id, title, description_md, description_html, status, proposer_id, municipality_number, can_present,
        decline_reason, merged_into_id, forum_session_id, version, last_activity_at, created_at, updated_at)
      select r.id, r.title,
        (${DESCRIPTIONS}::text[])[r.description], (${descriptionsHtml}::text[])[r.description],
        r.status, r.proposer_id, m.municipality_number, r.can_present, r.decline_reason, r.merged_into_id, r.forum_session_id,
        1 + (r.shortlisted_at is not null)::int + (r.closed_at is not null)::int + (r.scheduled_at is not null)::int
          + (r.status = 'covered')::int,
        r.created_at, r.created_at, r.created_at
      from ref_topics r join members m on m.id = r.proposer_id
      order by r.id`
  ).count;
  await tx`update agenda_items a set topic_id = r.id from ref_topics r where r.agenda_item_id = a.id`;

  await tx`
    insert into topic_themes (topic_id, theme_id)
    select r.id, t.id
    from ref_topics r
    join (select id, (row_number() over (order by id) - 1)::int as rank, count(*) over ()::int as n from themes) t
      on t.rank = (r.i * 5) % t.n or (r.i % 3 = 0 and t.rank = (r.i * 5 + 2) % t.n) or (r.i % 11 = 0 and t.rank = (r.i + 4) % t.n)`;
  // "Municipalities that have experience with it": for about a third, one to four, busy ones more often.
  await tx`
    insert into topic_experienced_municipalities (topic_id, municipality_number)
    select distinct d.id, m.number
    from (
      select r.id, least(356, floor(357 * power(random(), 2.2)))::int as rank
      from ref_topics r cross join lateral generate_series(1, 1 + r.i % 4)
      where r.i % 3 = 1
      offset 0
    ) d
    join ranked_municipalities m on m.rank = d.rank`;

  // The history each status implies: who, when, from → to, with the note or reason, the forum session or merge target.
  sizes.topicStatusChanges = (
    await tx`
      insert into topic_status_changes (topic_id, actor_id, from_status, to_status, note, forum_session_id, merged_into_id, created_at)
      select id, proposer_id, null::topic_status, 'proposed'::topic_status, null::text, null::int, null::int, created_at from ref_topics
      union all
      select id, ${coordinator}::int, 'proposed'::topic_status, 'shortlisted'::topic_status, null, null, null, shortlisted_at
      from ref_topics where shortlisted_at is not null
      union all
      select id, ${coordinator}::int, case when shortlisted_at is null then 'proposed' else 'shortlisted' end::topic_status,
        'declined'::topic_status, decline_reason, null, null, closed_at from ref_topics where status = 'declined'
      union all
      select id, ${coordinator}::int, 'proposed'::topic_status, 'merged'::topic_status,
        nullif((${MERGE_NOTES}::text[])[1 + i % ${MERGE_NOTES.length}], ''), null, merged_into_id, closed_at
      from ref_topics where status = 'merged'
      union all
      select id, ${coordinator}::int, 'shortlisted'::topic_status, 'scheduled'::topic_status, null, forum_session_id, null, scheduled_at
      from ref_topics where scheduled_at is not null
      union all
      select id, null, 'scheduled'::topic_status, 'covered'::topic_status, null, forum_session_id, null, published_at
      from ref_topics where status = 'covered'`
  ).count;

  // Supports while the topic was open; the trigger on topic_supports counts them, per statement.
  sizes.topicSupports = (
    await tx`
      insert into topic_supports (topic_id, member_id, created_at)
      select r.id, m.id,
        r.created_at + (coalesce(r.closed_at, case when r.status = 'covered' then r.published_at end, now()) - r.created_at) * random()
      from ref_topics r
      cross join lateral generate_series(0, r.supports - 1) as j
      join ref_approved m on m.rank = (r.support_start + j * r.support_step) % ${approved}
      where r.supports > 0
      order by r.id, m.id`
  ).count;
  // Comments from any member, now and then the proposer answering; a few edited, a very few hidden.
  sizes.topicComments = (
    await tx`
      insert into comments (topic_id, author_id, body_md, body_html, version, edited_at, hidden_at, hidden_by, hidden_reason, created_at)
      select c.id, case when c.p < 0.15 then c.proposer_id else m.id end,
        (${COMMENTS}::text[])[c.body], (${commentsHtml}::text[])[c.body],
        case when c.p2 < 0.04 then 2 else 1 end,
        case when c.p2 < 0.04 then c.at + make_interval(mins => 5 + floor(c.p2 * 20000)::int) end,
        case when c.p2 > 0.997 then c.at + interval '1 day' end,
        case when c.p2 > 0.997 then ${coordinator}::int end,
        case when c.p2 > 0.997 then (${HIDE_REASONS}::text[])[1 + c.body % ${HIDE_REASONS.length}] end,
        c.at
      from (
        select r.id, r.proposer_id, random() as p, random() as p2, 1 + floor(random() * ${COMMENTS.length})::int as body,
          floor(random() * ${approved})::int as author_rank,
          r.created_at + (coalesce(case when r.status = 'merged' then r.closed_at end, now()) - r.created_at) * power(random(), 0.7) as at
        from ref_topics r cross join lateral generate_series(1, r.comments)
        where r.comments > 0
        offset 0
      ) c
      join ref_approved m on m.rank = c.author_rank`
  ).count;

  // "Recently active" and "last changed" as the history, supports and comments say.
  await tx`
    update topics t set
      last_activity_at = greatest(t.created_at, h.last, s.last, c.last),
      updated_at = h.last
    from (select topic_id, max(created_at) as last from topic_status_changes group by 1) h
    left join (select topic_id, max(created_at) as last from topic_supports group by 1) s on s.topic_id = h.topic_id
    left join (select topic_id, max(created_at) as last from comments where topic_id is not null group by 1) c on c.topic_id = h.topic_id
    where t.id = h.topic_id`;

  const [check] = await tx<{ wrong: number }[]>`
    select count(*)::int as wrong
    from topics t left join (select topic_id, count(*)::int as n from topic_supports group by 1) s on s.topic_id = t.id
    where t.support_count <> coalesce(s.n, 0)`;
  if (check!.wrong > 0) throw new Error(`${check!.wrong} topics' support counts differ from their supports.`);
  const [linked] = await tx<{ scheduled: number; covered: number }[]>`
    select count(*) filter (where status = 'scheduled')::int as scheduled, count(*) filter (where status = 'covered')::int as covered
    from ref_topics`;
  sizes.scheduledTopics = linked!.scheduled;
  sizes.coveredTopics = linked!.covered;
  return sizes;
}
