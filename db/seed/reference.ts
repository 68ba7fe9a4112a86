import type { Sql } from "postgres";

/**
 * The reference data set of DESIGN.md, for the benchmark: set-based SQL, deterministic from a seed,
 * with a long tail (a few municipalities busy, most quiet). Each area adds its tables here.
 */
export const REFERENCE_SIZES = {
  members: 5_000,
  userSessions: 5_000,
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

// The busiest municipalities first; the rest in number order form the long tail.
const BUSY = ["0301", "4601", "5001", "1103", "1804", "1833", "3201", "4204", "5501", "1824"];

export async function seedReference(sql: Sql, options: { scale: number; seed: number; passwordHash: string }) {
  const count = (n: number) => Math.max(1, Math.round(n * options.scale));
  const members = count(REFERENCE_SIZES.members);
  await sql.begin(async (tx) => {
    await tx`select setseed(${(options.seed % 1000) / 1000})`;
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
  });
  await sql`analyze`;
  return { members };
}
