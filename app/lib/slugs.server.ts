import { eq, or, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Transaction } from "~/db.server";
import { slugify } from "./text";

/**
 * A slug for `name` not yet taken in `slugColumn`'s table: the name's, then with -2, -3, … A name whose slug
 * is one of the area's own paths (`reserved`, e.g. "new") gets `suffix` first. Run it under `lockNames`.
 */
export async function freeSlug(tx: Transaction, slugColumn: PgColumn, name: string, reserved: { paths: ReadonlySet<string>; suffix: string }) {
  const slug = slugify(name);
  const base = reserved.paths.has(slug) ? `${slug}-${reserved.suffix}` : slug;
  const rows = await tx
    .select({ slug: slugColumn })
    .from(slugColumn.table as PgTable)
    .where(or(eq(slugColumn, base), sql`${slugColumn} like ${`${base}-%`}`));
  const taken = new Set(rows.map((row) => row.slug as string));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * One name check at a time for a register (`key`, e.g. "solutions.name"), until the transaction ends: two
 * writes of the same name at once cannot both pass the check, and their slugs cannot collide.
 */
export async function lockNames(tx: Transaction, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}
