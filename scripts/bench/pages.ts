/** The pages measured (bench/README.md describes each), found in the seeded database. */
import type { Way } from "./options";
import type { Sql } from "./database";

export interface Page {
  name: string;
  path: string;
  /** The ways this page makes sense: a visitor's page with the cache on and off, a member's. */
  ways: readonly Way[];
}

const ALL: readonly Way[] = ["cache", "nocache", "member"];
const VISITOR: readonly Way[] = ["cache", "nocache"];
const MEMBER: readonly Way[] = ["member"];

export async function benchPages(db: Sql, busyMunicipality: string): Promise<Page[]> {
  // The next forum session: of those still to come, the one most members registered for.
  const [nextSession] = await db<{ id: number }[]>`
    select id from forum_sessions
    where status = 'planned' and ends_at >= now()
    order by (select count(*) from registrations where forum_session_id = forum_sessions.id) desc, starts_at
    limit 1`;
  const [pastSession] = await db<{ id: number }[]>`
    select fs.id from forum_sessions fs join summaries s on s.forum_session_id = fs.id and s.status = 'published'
    where fs.status = 'held' order by fs.starts_at desc limit 1`;

  // The busy topic: of those still open (so a member sees the support button), the most supported.
  // The reference set gives it many comments too.
  const [busyTopic] = await db<{ id: number }[]>`
    select id from topics where status in ('proposed', 'shortlisted') order by support_count desc, id limit 1`;
  // A theme to filter the list by: the one with the most proposed topics.
  const [theme] = await db<{ slug: string }[]>`
    select th.slug from themes th join topic_themes tt on tt.theme_id = th.id join topics t on t.id = tt.topic_id
    where t.status = 'proposed' group by th.slug order by count(*) desc, th.slug limit 1`;

  // The long write-up: the longest public body (the reference set's account of a joint procurement, with
  // twelve revisions and many comments); its history compares the first revision with the latest.
  const [longWriteUp] = await db<{ id: number; revision: number }[]>`
    select id, revision from experiences where status = 'published' and visibility = 'public'
    order by octet_length(body_md) desc, id limit 1`;

  // The solution catalogue: the busy solution (the most adopted entry: Digitale Helgeland's application,
  // about 300 adoptions), and the list filtered by the status and component the most entries share.
  const [busySolution] = await db<{ slug: string }[]>`
    select slug from solutions where review = 'accepted' order by adoption_count desc, id limit 1`;
  const [solutionFilter] = await db<{ status: string; component: string }[]>`
    select s.status::text as status, c.component from solutions s cross join lateral unnest(s.components) as c (component)
    where s.review = 'accepted' group by 1, 2 order by count(*) desc, 1, 2 limit 1`;

  // A rare word for the search: one in the titles or summaries of a handful of documents.
  const [rareWord] = await db<{ word: string }[]>`
    select word from ts_stat('select heading from search_documents') where ndoc between 5 and 20 and word ~ '^[a-zæøå]{6,}$'
    order by ndoc desc, word limit 1`;

  const page = (name: string, path: string, ways = ALL): Page[] => [{ name, path, ways }];
  return [
    // A member's home is their dashboard ("your forum").
    ...page("home", "/"),
    ...page("municipality list", "/municipalities"),
    ...page("busy municipality", `/municipalities/${busyMunicipality}`),
    // A member who asks for it is sent on to their page.
    ...page("sign-in page", "/sign-in", VISITOR),
    ...page("my page", "/me", MEMBER),
    ...page("forum sessions", "/forum-sessions"),
    ...(nextSession ? page("next forum session", `/forum-sessions/${nextSession.id}`) : []),
    ...(pastSession ? page("past forum session with summary", `/forum-sessions/${pastSession.id}`) : []),
    ...page("topics", "/topics"),
    ...(theme ? page("topics filtered", `/topics?status=proposed&theme=${encodeURIComponent(theme.slug)}&sort=newest`) : []),
    ...(busyTopic ? page("busy topic", `/topics/${busyTopic.id}`) : []),
    ...page("write-ups", "/experiences"),
    ...page("write-ups filtered", "/experiences?theme=procurement&procedure=joint_procurement"),
    ...(longWriteUp
      ? [
          ...page("long write-up", `/experiences/${longWriteUp.id}`),
          ...page("long write-up's history", `/experiences/${longWriteUp.id}/history?from=1&to=${longWriteUp.revision}`),
        ]
      : []),
    ...page("write-ups feed", "/feeds/experiences.atom"),
    ...page("catalogue list", "/solutions"),
    ...(solutionFilter
      ? page(
          "catalogue filtered (status + component)",
          `/solutions?status=${encodeURIComponent(solutionFilter.status)}&component=${encodeURIComponent(solutionFilter.component)}`,
        )
      : []),
    ...(busySolution ? page("busy solution page", `/solutions/${encodeURIComponent(busySolution.slug)}`) : []),
    ...page("/solutions.json", "/solutions.json"),
    // The search (budget: p95 under 100 ms at 100 a second): a word in most documents, a rare one, a
    // misspelling that only the similar titles find, and every filter at once.
    ...page("search, common word", "/search?q=kommune"),
    ...(rareWord ? page("search, rare word", `/search?q=${encodeURIComponent(rareWord.word)}`) : []),
    ...page("search, misspelt", "/search?q=velferdteknologi"),
    ...page("search, filtered", "/search?q=anskaffelser&type=experience&theme=procurement&county=18&from=2024-01-01"),
    ...page("themes", "/themes"),
    ...page("theme page", "/themes/procurement"),
  ];
}
