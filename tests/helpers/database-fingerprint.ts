import { sql } from "drizzle-orm";
import "~/catalogues/all.server";
import { seedBaseData } from "~/base-data.server";
import { selectRows } from "~/db.server";
import { seedDemoExperiences } from "~/experiences/demo.server";
import { seedDemoForumSessions } from "~/forum-sessions/demo.server";
import { seedDemoMembers } from "~/members/demo.server";
import { seedDemoSolutions } from "~/solutions/demo.server";
import { seedDemoTopics } from "~/topics/demo.server";

/** Per table (every schema) its row count and an md5 of all its rows in order; per sequence its last value. */
export type DatabaseFingerprint = Record<string, { rows: number; md5: string } | number>;

/** What the open database holds, to compare with a restored copy: every row of every table. */
export async function databaseFingerprint(): Promise<DatabaseFingerprint> {
  const tables = await selectRows<{ schema: string; name: string }>(sql`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`);
  const found: DatabaseFingerprint = {};
  for (const { schema, name } of tables) {
    const [row] = await selectRows<{ rows: number; md5: string }>(
      sql.raw(`select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from "${schema}"."${name}" t`),
    );
    found[`${schema}.${name}`] = row!;
  }
  const sequences = await selectRows<{ name: string; value: number | null }>(
    sql`select schemaname || '.' || sequencename as name, last_value::int as value from pg_sequences order by 1`,
  );
  for (const { name, value } of sequences) found[`sequence ${name}`] = value ?? 0;
  return found;
}

export function rowsIn(fingerprint: DatabaseFingerprint, table: string): number {
  const entry = fingerprint[`public.${table}`];
  return typeof entry === "object" ? entry.rows : 0;
}

/** The demo content a new embedded database gets at first start (app/startup.server.ts), into the open database. */
export async function seedDemoContent(): Promise<void> {
  await seedBaseData();
  await seedDemoMembers();
  await seedDemoForumSessions();
  await seedDemoTopics();
  await seedDemoExperiences();
  await seedDemoSolutions();
}
