import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createMember } from "../helpers/members";
import { createTopicAs } from "../helpers/topics";
import { db, selectRows } from "~/db.server";
import { freshDataVersions } from "~/lib/data-versions.server";

// Tables no visitor's page is drawn from: writing them must not make every cached page stale.
const NOT_CONTENT = [
  "audit_events",
  "data_versions",
  "email_opt_outs",
  "email_outbox",
  "notifications",
  "password_resets",
  "rate_limits",
  "search_documents",
  "search_theme_counts",
  "user_sessions",
];

describe("data versions", () => {
  it("every table either bumps the content version or is named as one no visitor sees", async () => {
    const rows = await selectRows<{ table_name: string; triggered: boolean }>(sql`
      select c.relname as table_name,
             exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = 'data_versions_bump') as triggered
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`);
    const untriggered = rows.filter((row) => !row.triggered).map((row) => row.table_name).sort();
    expect(untriggered).toEqual(NOT_CONTENT);
  });

  it("a committed write moves the content version once, whatever it touched; base data moves both", async () => {
    const before = await freshDataVersions();
    const member = await createMember("member");
    const topic = await createTopicAs(member.id, { title: "Felles vaktordning for legevakt" });
    const afterTopic = await freshDataVersions();
    expect(afterTopic.content).toBeGreaterThan(before.content);
    expect(afterTopic.baseData).toBe(before.baseData);

    // One transaction of many rows: one step.
    await db().transaction(async (tx) => {
      await tx.execute(sql`update topics set title = title || '' where id = ${topic.id}`);
      await tx.execute(sql`update topics set description_md = description_md where id = ${topic.id}`);
    });
    const afterUpdate = await freshDataVersions();
    expect(afterUpdate.content).toBe(afterTopic.content + 1);

    await db().execute(sql`update themes set name_en = name_en where slug = 'procurement'`);
    const afterTheme = await freshDataVersions();
    expect(afterTheme).toEqual({ content: afterUpdate.content + 1, baseData: afterUpdate.baseData + 1 });
  });

  it("a rolled-back write and a write to a table no visitor sees leave the versions alone", async () => {
    const before = await freshDataVersions();
    await db()
      .transaction(async (tx) => {
        await tx.execute(sql`update topics set title = 'Forkastet' where id = (select min(id) from topics)`);
        throw new Error("roll back");
      })
      .catch(() => {});
    await db().execute(sql`delete from user_sessions where expires_at < now() - interval '100 years'`);
    await db().execute(sql`insert into rate_limits (key, window_start, hits) values ('test', now(), 1) on conflict do nothing`);
    expect(await freshDataVersions()).toEqual(before);
  });

  it("callers arriving while a read is on its way share the next read, and see a write made meanwhile", async () => {
    const first = freshDataVersions();
    // Committed after the first read was sent: the callers below must see it.
    const write = db().execute(sql`update themes set name_nb = name_nb where slug = 'procurement'`);
    await write;
    const [a, b, c] = await Promise.all([freshDataVersions(), freshDataVersions(), freshDataVersions()]);
    expect(a).toEqual(b);
    expect(b).toEqual(c);
    expect(a.baseData).toBeGreaterThan((await first).baseData);
  });
});
