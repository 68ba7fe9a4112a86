/** Signed-in members for the benchmark: a session row made the way sign-in makes it (no password round). */
import { createHash, randomBytes } from "node:crypto";
import type { Sql } from "./database";

/** A fresh auth session for the member; the cookie that carries it. */
export async function signIn(db: Sql, memberId: number): Promise<string> {
  const token = randomBytes(20).toString("hex").slice(0, 32).replace(/[^a-z2-7]/g, "a");
  await db`insert into user_sessions (id, member_id, expires_at)
    values (${createHash("sha256").update(token).digest("hex")}, ${memberId}, now() + interval '29 days')`;
  return `kf_session=${token}`;
}

/** The member the pages are measured as: an approved member of the busiest municipality. */
export async function benchViewer(db: Sql): Promise<{ municipality: string; cookie: string }> {
  const [busy] = await db<{ number: string }[]>`
    select municipality_number as number from members where status = 'approved' and municipality_number is not null
    group by 1 order by count(*) desc limit 1`;
  const [viewer] = await db<{ id: number }[]>`
    select id from members where status = 'approved' and municipality_number = ${busy!.number} order by id limit 1`;
  return { municipality: busy!.number, cookie: await signIn(db, viewer!.id) };
}

export interface Writer {
  id: number;
  name: string;
  cookie: string;
}

/** Writers for the mix: approved plain members, each of another municipality. */
export async function mixWriters(db: Sql, count: number): Promise<Writer[]> {
  const rows = await db<{ id: number; name: string }[]>`
    select distinct on (municipality_number) id, name from members
    where status = 'approved' and role = 'member' and municipality_number is not null
    order by municipality_number, id limit ${count}`;
  return Promise.all(rows.map(async (row) => ({ ...row, cookie: await signIn(db, row.id) })));
}
